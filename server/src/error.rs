//! The API's one error type: each variant names its status and a stable machine code, and the
//! body is always `{"error": {"code": "...", "message": "..."}}`.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::storage::StoreError;

/// An error answer. Messages are for humans; `code` is what clients match on.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// 400: the request is malformed (bad JSON, a bad field, a bad path).
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// 401: a credential is needed and was missing, wrong, expired or forged.
    #[error(
        "a valid API key or session token is required: send `Authorization: Bearer <credential>`"
    )]
    Unauthorized,
    /// 403: the credential is good, but it does not allow this (a role's limits, another
    /// session, a browser page of another origin).
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// 404: the session, file, execution or route does not exist.
    #[error("{message}")]
    NotFound { code: &'static str, message: String },
    /// 405: the route exists but not with this method.
    #[error("this route does not take that method")]
    MethodNotAllowed,
    /// 409: the request conflicts with the current state (a file that exists, an ended session).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// 413: a body, a file or a session is over its size limit.
    #[error("{message}")]
    TooLarge { code: &'static str, message: String },
    /// 422: well-formed but unprocessable (an unknown or disallowed language).
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String },
    /// 429: every execution slot and queue place is taken; retry after the given seconds.
    #[error("the server is running as many programs as it can; retry in {retry_after} s")]
    Busy { retry_after: u64 },
    /// 503: a dependency (the store, an interpreter) is unavailable; the detail is logged.
    #[error("{message}")]
    Unavailable { code: &'static str, message: String },
    /// 500: a failure of ours; the detail is logged, never sent.
    #[error("internal error")]
    Internal(String),
}

/// The JSON body of every error.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ErrorDetail {
    /// A stable machine code, such as `session_not_found`.
    code: String,
    /// For humans.
    message: String,
    /// The request's `x-request-id`, to quote when reporting a problem.
    #[serde(rename = "requestId", skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
}

impl ApiError {
    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// 403 `forbidden`: a good credential that does not allow the action.
    pub(crate) fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden {
            code: "forbidden",
            message: message.into(),
        }
    }

    pub(crate) fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::NotFound {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn too_large(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::TooLarge {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn unprocessable(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Unprocessable {
            code,
            message: message.into(),
        }
    }

    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Busy { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::NotFound { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::TooLarge { code, .. }
            | ApiError::Unprocessable { code, .. }
            | ApiError::Unavailable { code, .. } => code,
            ApiError::Unauthorized => "unauthorized",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Busy { .. } => "busy",
            ApiError::Internal(_) => "internal",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            ApiError::Internal(detail) => tracing::error!(error = %detail, "internal error"),
            ApiError::Unavailable { message, .. } => {
                tracing::warn!(error = %message, "dependency unavailable")
            }
            _ => tracing::debug!(code = self.code(), "request refused"),
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message: self.to_string(),
                request_id: crate::request_id::current(),
            },
        };
        let mut response = (status, Json(body)).into_response();
        response
            .extensions_mut()
            .insert(crate::metrics::AnsweredError(self.code()));
        if let ApiError::Busy { retry_after } = self
            && let Ok(value) = HeaderValue::from_str(&retry_after.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            // The service turns the expected answers into their own errors first; one that
            // reaches here is a bug, so it is logged as internal.
            StoreError::AlreadyExists | StoreError::NotFound | StoreError::OverQuota(_) => {
                ApiError::Internal(format!("unexpected store answer: {e}"))
            }
            StoreError::Backend(detail) => {
                tracing::error!(error = %detail, "storage failure");
                ApiError::Unavailable {
                    code: "storage_unavailable",
                    message: "the storage backend failed; retry later".to_owned(),
                }
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::bad_request(
                "unsupported_media_type",
                "send the body as JSON with `Content-Type: application/json`",
            ),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::too_large(
                    "body_too_large",
                    "the request body is larger than the server accepts",
                )
            }
            JsonRejection::JsonSyntaxError(e) => ApiError::bad_request(
                "invalid_json",
                format!("the body is not valid JSON: {}", e.body_text()),
            ),
            JsonRejection::JsonDataError(e) => ApiError::bad_request("invalid_body", e.body_text()),
            other => ApiError::bad_request("invalid_body", other.body_text()),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::bad_request("invalid_path", rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::bad_request("invalid_query", rejection.body_text())
    }
}

/// `Json` whose rejections are [`ApiError`]s.
#[derive(Debug, axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub(crate) struct AppJson<T>(pub(crate) T);

impl<T: Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_codes() {
        assert_eq!(
            ApiError::Busy { retry_after: 1 }.status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            ApiError::not_found("file_not_found", "x").code(),
            "file_not_found"
        );
        assert_eq!(
            ApiError::Internal("secret".into()).to_string(),
            "internal error"
        );
    }
}
