//! `/healthz` (the process answers) and `/readyz` (storage reachable, interpreters prepared,
//! and whether Java's container engine serves).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

use crate::access::Principal;
use crate::auth;
use crate::service::Services;

/// Liveness: the process is up.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, description = "Alive")))]
pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness: the store answers and the interpreters are prepared, as last checked in the
/// background (every few seconds). Java's state is reported but does not make the server
/// unready: without it, only Java runs fail (503). The image and the reasons of what is not
/// ready are shown to an admin (or on a server without keys) only.
#[utoipa::path(get, path = "/readyz", tag = "health", responses(
    (status = 200, description = "Ready"),
    (status = 503, description = "Not ready; the body says what is missing"),
))]
pub(crate) async fn readyz(
    State(services): State<Services>,
    headers: HeaderMap,
) -> (StatusCode, Json<Value>) {
    let details = matches!(
        auth::principal(&services.config, auth::bearer(&headers)),
        Ok(Principal::Admin | Principal::Local)
    );
    let (ready, body) = services.readiness(details);
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body))
}
