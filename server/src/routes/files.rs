//! `/api/v1/sessions/{sessionId}/files`.

use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;

use crate::access::Principal;
use crate::error::{ApiError, AppJson};
use crate::events::REST_ORIGIN;
use crate::model::{FileContent, FileInfo};
use crate::service::Services;
use crate::service::files::{CreateFile, UpdateFile};

/// The session's files (path, size, lastModified, fileType).
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}/files", tag = "files",
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 200, body = Vec<FileInfo>), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn list(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
) -> Result<AppJson<Vec<FileInfo>>, ApiError> {
    Ok(AppJson(services.list_files(&principal, &session_id).await?))
}

/// Creates a file; 409 when the path exists.
#[utoipa::path(post, path = "/api/v1/sessions/{sessionId}/files", tag = "files", request_body = CreateFile,
    params(("sessionId" = String, Path, description = "The session's UUID")),
    responses((status = 201, body = FileInfo), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody)))]
pub(crate) async fn create(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
    AppJson(request): AppJson<CreateFile>,
) -> Result<(StatusCode, AppJson<FileInfo>), ApiError> {
    Ok((
        StatusCode::CREATED,
        AppJson(
            services
                .create_file(&principal, &session_id, request, REST_ORIGIN)
                .await?,
        ),
    ))
}

/// Reads a file; `filePath` may contain slashes (`utils/helper.py`).
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}/files/{filePath}", tag = "files",
    params(("sessionId" = String, Path, description = "The session's UUID"), ("filePath" = String, Path, description = "The file's path")),
    responses((status = 200, body = FileContent), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn read(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path((session_id, file_path)): Path<(String, String)>,
) -> Result<AppJson<FileContent>, ApiError> {
    Ok(AppJson(
        services
            .read_file(&principal, &session_id, &file_path)
            .await?,
    ))
}

/// Replaces a file's content; 404 when it does not exist.
#[utoipa::path(put, path = "/api/v1/sessions/{sessionId}/files/{filePath}", tag = "files", request_body = UpdateFile,
    params(("sessionId" = String, Path, description = "The session's UUID"), ("filePath" = String, Path, description = "The file's path")),
    responses((status = 200, body = FileInfo), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody),
        (status = 413, body = crate::error::ErrorBody)))]
pub(crate) async fn update(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path((session_id, file_path)): Path<(String, String)>,
    AppJson(request): AppJson<UpdateFile>,
) -> Result<AppJson<FileInfo>, ApiError> {
    Ok(AppJson(
        services
            .update_file(&principal, &session_id, &file_path, request, REST_ORIGIN)
            .await?,
    ))
}

/// Deletes a file.
#[utoipa::path(delete, path = "/api/v1/sessions/{sessionId}/files/{filePath}", tag = "files",
    params(("sessionId" = String, Path, description = "The session's UUID"), ("filePath" = String, Path, description = "The file's path")),
    responses((status = 204), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub(crate) async fn delete(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path((session_id, file_path)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    services
        .delete_file(&principal, &session_id, &file_path, REST_ORIGIN)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
