//! `/healthz` (the process answers) and `/readyz` (storage reachable, interpreters prepared,
//! and whether Java's container engine serves).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::service::Services;

/// Liveness: the process is up.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, description = "Alive")))]
pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness: the store answers and the interpreters are prepared. Java's state is reported
/// but does not make the server unready: without it, only Java runs fail (503).
#[utoipa::path(get, path = "/readyz", tag = "health", responses(
    (status = 200, description = "Ready"),
    (status = 503, description = "Not ready; the body says what is missing"),
))]
pub(crate) async fn readyz(State(services): State<Services>) -> (StatusCode, Json<Value>) {
    let storage = services.storage.sessions.ping().await;
    let interpreters = services.interpreters_ready();
    let ready = storage.is_ok() && interpreters;
    let java = if services.java_enabled() {
        let runtime = services.runtime.clone();
        let checked = tokio::task::spawn_blocking(move || runtime.check_java()).await;
        let image = services.runtime.java_config().image_name().to_owned();
        match checked {
            Ok(Ok(())) => json!({ "ok": true, "image": image }),
            Ok(Err(e)) => json!({ "ok": false, "image": image, "reason": e.to_string() }),
            Err(e) => json!({ "ok": false, "image": image, "reason": e.to_string() }),
        }
    } else {
        json!({ "ok": false, "reason": "java is not among SUPPORTED_LANGUAGES" })
    };
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    if let Err(e) = &storage {
        tracing::warn!(error = %e, "readiness: storage does not answer");
    }
    (
        status,
        Json(json!({
            "status": if ready { "ready" } else { "not_ready" },
            "storage": { "backend": services.storage.backend, "ok": storage.is_ok() },
            "interpreters": { "ok": interpreters },
            "java": java,
            "executions": { "running": services.running_executions() },
        })),
    )
}
