//! `/api/v1/sessions/{sessionId}/audio/{streamId}`: an assembled audio stream, as stored.

use axum::extract::{Extension, Path, State};
use axum::http::header;
use axum::response::IntoResponse;

use crate::access::Principal;
use crate::error::ApiError;
use crate::service::Services;

/// The bytes of an audio stream that the WebSocket assembled (its final chunk arrived and none
/// is missing). Audio is stored as sent; it is not transcribed.
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}/audio/{streamId}", tag = "audio",
    params(("sessionId" = String, Path, description = "The session's UUID"), ("streamId" = String, Path, description = "The stream's id")),
    responses((status = 200, description = "The audio bytes", content_type = "application/octet-stream"),
        (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn get(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path((session_id, stream_id)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    let bytes = services
        .assembled_audio(&principal, &session_id, &stream_id)
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes))
}
