//! The WebSocket API: one connection per participant, bound to one session, at
//! `GET /api/v1/sessions/{sessionId}/ws` (see `docs/websocket.md`).
//!
//! The transport is apart from what it carries. `connection` is a connection's life (the read
//! loop with its limits, the close codes), `writer` the task that owns the socket's sending
//! half and pings, and `file_changes` the task that forwards other connections' file changes.
//! `dispatch` turns frames into `messages` and hands each to the service layer, as REST's
//! handlers do; `executions` runs and cancels a connection's executions as tasks of their own,
//! so a long run never blocks the reader, and a `cancel` or a disconnect stops them.

mod connection;
mod dispatch;
mod executions;
mod file_changes;
pub(crate) mod messages;
mod writer;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Extension, Path, State};
use axum::response::Response;

use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::service::Services;

/// The largest message a client may send (a file at the size limit, JSON-escaped, fits).
pub(crate) fn max_message_bytes(services: &Services) -> usize {
    services.config.body_limit
}

/// Upgrades to a WebSocket bound to the session. The session must exist and be active, and
/// the credential (a bearer header, or `?token=` for browsers, which cannot set headers on a
/// WebSocket) must open it: any role of the session may follow it, and each message is then
/// authorised as its REST twin is.
#[utoipa::path(get, path = "/api/v1/sessions/{sessionId}/ws", tag = "websocket",
    params(("sessionId" = String, Path, description = "The session's UUID"),
        ("token" = Option<String>, Query, description = "A session token (or an API key), for browsers, which cannot send headers on a WebSocket")),
    responses((status = 101, description = "Switching to the WebSocket protocol of docs/websocket.md"),
        (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
        (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody)))]
pub(crate) async fn upgrade(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Path(session_id): Path<String>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    principal.authorize(Some(&session_id), Action::Read)?;
    services.active_session(&session_id).await?;
    let limit = max_message_bytes(&services);
    Ok(upgrade
        .max_message_size(limit)
        .max_frame_size(limit)
        .on_upgrade(move |socket| connection::serve(socket, services, session_id, principal)))
}
