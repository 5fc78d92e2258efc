//! `/api/v1/sessions/{sessionId}/execute` and `/executions`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue};
use serde::Deserialize;
use utoipa::IntoParams;

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

/// `?limit=&pageToken=` of the execution history.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct HistoryQuery {
    /// Page size, 1 to 100 (default 100).
    limit: Option<usize>,
    /// The `x-next-page-token` header of the previous page.
    page_token: Option<String>,
}

/// The session's executions, newest first, a page at a time: when more follow, the answer's
/// `x-next-page-token` header holds the `pageToken` of the next page.
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}/executions", tag = "executions",
    params(("sessionId" = String, Path, description = "The session's UUID"), HistoryQuery),
    responses((status = 200, body = Vec<ExecutionSummary>,
            headers(("x-next-page-token" = String, description = "The next page's pageToken, when there is one"))),
        (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn list(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
    query: Result<Query<HistoryQuery>, QueryRejection>,
) -> Result<(HeaderMap, AppJson<Vec<ExecutionSummary>>), ApiError> {
    let Query(query) = query?;
    let (page, next) = services
        .list_executions(
            &principal,
            &session_id,
            query.limit,
            query.page_token.as_deref(),
        )
        .await?;
    let mut headers = HeaderMap::new();
    if let Some(next) = next.and_then(|n| HeaderValue::from_str(&n).ok()) {
        headers.insert(NEXT_PAGE, next);
    }
    Ok((headers, AppJson(page)))
}

/// The header that carries the next page's token.
const NEXT_PAGE: &str = "x-next-page-token";

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
