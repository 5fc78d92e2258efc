//! `/api/v1/sessions`.

use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;

use crate::access::Principal;
use crate::error::{ApiError, AppJson};
use crate::model::Session;
use crate::service::Services;
use crate::service::sessions::{CreateSession, ListQuery, SessionList, UpdateSession};
use crate::service::tokens::{MintToken, MintedToken};

/// Creates a session (status `active`).
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = CreateSession, responses(
    (status = 201, body = Session), (status = 400, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
))]
pub(crate) async fn create(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    AppJson(request): AppJson<CreateSession>,
) -> Result<(StatusCode, AppJson<Session>), ApiError> {
    Ok((
        StatusCode::CREATED,
        AppJson(services.create_session(&principal, request).await?),
    ))
}

/// Lists sessions, newest first, optionally by status, a page at a time.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions", params(ListQuery), responses(
    (status = 200, body = SessionList), (status = 400, body = crate::error::ErrorBody),
))]
pub(crate) async fn list(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<AppJson<SessionList>, ApiError> {
    let Query(query) = query?;
    Ok(AppJson(services.list_sessions(&principal, query).await?))
}

/// One session.
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}", tag = "sessions",
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 200, body = Session), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn get(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
) -> Result<AppJson<Session>, ApiError> {
    Ok(AppJson(
        services.get_session(&principal, &session_id).await?,
    ))
}

/// Changes a session's candidate name, config or status.
#[utoipa::path(put, path = "/api/v1/sessions/{sessionId}", tag = "sessions", request_body = UpdateSession,
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 200, body = Session), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub(crate) async fn update(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
    AppJson(request): AppJson<UpdateSession>,
) -> Result<AppJson<Session>, ApiError> {
    Ok(AppJson(
        services
            .update_session(&principal, &session_id, request)
            .await?,
    ))
}

/// Ends a session (`completed`); its data stays readable.
#[utoipa::path(delete, path = "/api/v1/sessions/{sessionId}", tag = "sessions",
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 200, body = Session), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn end(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
) -> Result<AppJson<Session>, ApiError> {
    Ok(AppJson(
        services.end_session(&principal, &session_id).await?,
    ))
}

/// Mints a session token for one participant: any role with an admin key, `observer` with an
/// interviewer's token of this session.
#[utoipa::path(post, path = "/api/v1/sessions/{sessionId}/tokens", tag = "sessions", request_body = MintToken,
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 201, body = MintedToken), (status = 400, body = crate::error::ErrorBody),
        (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn mint_token(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
    AppJson(request): AppJson<MintToken>,
) -> Result<(StatusCode, AppJson<MintedToken>), ApiError> {
    let minted = services
        .mint_token(&principal, &session_id, request)
        .await?;
    Ok((StatusCode::CREATED, AppJson(minted)))
}
