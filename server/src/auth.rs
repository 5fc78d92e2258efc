//! Authentication: which [`Principal`] a request is, from the credential it presents.
//!
//! A credential is an admin key (`CODEBOX_API_KEYS`) or a session token (`tokens.rs`), sent as
//! `Authorization: Bearer <credential>`. Browsers cannot set headers on a WebSocket, so the
//! WebSocket route alone also takes `?token=<credential>`: everywhere else a query string
//! never authenticates, so credentials stay out of ordinary URLs and their logs. What a
//! principal may then do is the service layer's question (`access.rs`).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::access::Principal;
use crate::config::Config;
use crate::error::ApiError;
use crate::service::Services;

/// Resolves the request's principal from its `Authorization` header and hands it to the
/// handler as an extension; a missing credential on a server with keys, or any bad one, is
/// `401`.
pub(crate) async fn authenticate(
    State(services): State<Services>,
    mut request: Request,
    next: Next,
) -> Response {
    match principal(&services.config, bearer(request.headers())) {
        Ok(principal) => {
            request.extensions_mut().insert(principal);
            next.run(request).await
        }
        Err(e) => e.into_response(),
    }
}

/// [`authenticate`] for the WebSocket route, which also takes the credential from `?token=`.
pub(crate) async fn authenticate_socket(
    State(services): State<Services>,
    mut request: Request,
    next: Next,
) -> Response {
    let from_query = request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="))
            .map(str::to_owned)
    });
    let presented = bearer(request.headers()).or(from_query);
    match principal(&services.config, presented) {
        Ok(principal) => {
            request.extensions_mut().insert(principal);
            next.run(request).await
        }
        Err(e) => e.into_response(),
    }
}

/// The credential of an `Authorization: Bearer` header.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_owned())
}

/// Who presents `credential`: an admin for one of the keys, a session's participant for a
/// valid token, the local user for nothing on a server without keys.
pub(crate) fn principal(
    config: &Config,
    credential: Option<String>,
) -> Result<Principal, ApiError> {
    let Some(credential) = credential else {
        return if config.api_keys.is_empty() {
            Ok(Principal::Local)
        } else {
            Err(ApiError::Unauthorized)
        };
    };
    if config
        .api_keys
        .iter()
        .any(|key| constant_time_eq(key.as_bytes(), credential.as_bytes()))
    {
        return Ok(Principal::Admin);
    }
    match config.tokens.verify(&credential) {
        Ok(claims) => Ok(Principal::from(claims)),
        Err(e) => {
            tracing::debug!(error = %e, "refused a credential");
            Err(ApiError::Unauthorized)
        }
    }
}

/// Compares the SHA-256 digests of both without an early exit, so that the time taken reveals
/// neither a key's prefix nor its length.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    let (a, b) = (Sha256::digest(a), Sha256::digest(b));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn comparison() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"ab"));
    }
}
