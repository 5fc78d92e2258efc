//! Request ids: every HTTP request carries an `x-request-id`, the client's when it sends a usable
//! one (at most 128 characters of `A-Z a-z 0-9 - _ . :`), otherwise one made here (a UUID). The
//! id is in the request's log span (so in every line logged while serving it), in the response's
//! `x-request-id` header, and in the body of every error answer (`error.requestId`), so that a
//! user's report and the server's log meet.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The header.
pub(crate) static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest id taken from a client.
const MAX_LENGTH: usize = 128;

tokio::task_local! {
    /// The id of the request being served by this task, for error bodies.
    static CURRENT: String;
}

/// Whether a client's id can be used as it is: short, and made of characters that need no
/// escaping in a log line, a header or JSON.
fn usable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LENGTH
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// The middleware: settles the request's id, sets it on the request (where the trace layer's
/// span reads it) and on the response, and serves the request with it as [`current`].
pub(crate) async fn assign(mut request: Request, next: Next) -> Response {
    let given = request
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| usable(id))
        .map(str::to_owned);
    let id = given.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    // Either the client's usable id or a UUID: both are valid header values.
    let value = HeaderValue::from_str(&id).unwrap_or_else(|_| HeaderValue::from_static("invalid"));
    request
        .headers_mut()
        .insert(X_REQUEST_ID.clone(), value.clone());
    let mut response = CURRENT.scope(id, next.run(request)).await;
    response.headers_mut().insert(X_REQUEST_ID.clone(), value);
    response
}

/// The id of the request this task serves, if it serves one.
pub(crate) fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// The id a request carries once [`assign`] has seen it, for the log span.
pub(crate) fn of(request: &Request) -> &str {
    request
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_taken() {
        assert!(usable("req-42"));
        assert!(usable("a1B2.c3:d4_e5"));
        assert!(usable(&"x".repeat(MAX_LENGTH)));
        assert!(!usable(&"x".repeat(MAX_LENGTH + 1)));
        assert!(!usable(""));
        assert!(!usable("has space"));
        assert!(!usable("quote\"d"));
        assert!(!usable("naïve"));
    }
}
