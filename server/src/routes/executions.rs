//! `/api/v1/sessions/{sessionId}/execute` and `/executions`.

use axum::extract::{Extension, Path, State};

use crate::access::Principal;
use crate::error::{ApiError, AppJson};
use crate::model::{ExecutionRecord, ExecutionSummary};
use crate::service::Services;
use crate::service::execute::ExecuteRequest;

/// Runs a file of the session, optionally against test cases; the result is stored.
#[utoipa::path(post, path = "/api/v1/sessions/{sessionId}/execute", tag = "executions", request_body = ExecuteRequest,
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 200, body = ExecutionRecord), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
        (status = 429, body = crate::error::ErrorBody, description = "Busy; see Retry-After")))]
pub(crate) async fn execute(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
    AppJson(request): AppJson<ExecuteRequest>,
) -> Result<AppJson<ExecutionRecord>, ApiError> {
    Ok(AppJson(
        services.execute(&principal, &session_id, request).await?,
    ))
}

/// The session's executions, newest first.
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}/executions", tag = "executions",
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 200, body = Vec<ExecutionSummary>), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn list(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
) -> Result<AppJson<Vec<ExecutionSummary>>, ApiError> {
    Ok(AppJson(
        services.list_executions(&principal, &session_id).await?,
    ))
}

/// One execution's full result.
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}/executions/{executionId}", tag = "executions",
    params(("sessionId" = String, Path, description = "The session's UUID"), ("executionId" = String, Path, description = "The execution's UUID")),
    responses((status = 200, body = ExecutionRecord), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn get(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path((session_id, execution_id)): Path<(String, String)>,
) -> Result<AppJson<ExecutionRecord>, ApiError> {
    Ok(AppJson(
        services
            .get_execution(&principal, &session_id, &execution_id)
            .await?,
    ))
}
