//! `/healthz` (the process answers) and `/readyz` (storage reachable, interpreters prepared).

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

/// Readiness: the store answers and the interpreters are prepared.
#[utoipa::path(get, path = "/readyz", tag = "health", responses(
    (status = 200, description = "Ready"),
    (status = 503, description = "Not ready; the body says what is missing"),
))]
pub(crate) async fn readyz(State(services): State<Services>) -> (StatusCode, Json<Value>) {
    let storage = services.storage.sessions.ping().await;
    let interpreters = services.interpreters_ready();
    let ready = storage.is_ok() && interpreters;
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
            "executions": { "running": services.running_executions() },
        })),
    )
}
