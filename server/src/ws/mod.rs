//! The WebSocket API: one connection per participant, bound to one session, at
//! `GET /api/v1/sessions/{sessionId}/ws` (see `docs/websocket.md`).
//!
//! The transport is apart from what it carries. `connection` is a connection's life (the read
//! loop with its limits, the close codes), `writer` the task that owns the socket's sending
//! half and pings, and `file_changes` the task that forwards other connections' file changes.
//! `dispatch` turns frames into `messages` and hands each to the service layer, as REST's
//! handlers do; `executions` runs and cancels a connection's executions as tasks of their own,
//! so a long run never blocks the reader, and a `cancel` or a disconnect stops them; `output`
//! gathers their output into chunks and bounds what waits for a slow reader.

mod connection;
mod dispatch;
mod executions;
mod file_changes;
pub(crate) mod messages;
mod output;
mod writer;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::service::Services;
use crate::sync::lock;

/// The largest message a client may send (a file at the size limit, JSON-escaped, fits).
pub(crate) fn max_message_bytes(services: &Services) -> usize {
    services.config.body_limit
}

/// The WebSocket connections open per session, so that one session cannot take every
/// connection the server serves (`CODEBOX_WS_PER_SESSION`).
#[derive(Debug, Clone, Default)]
pub(crate) struct SessionSockets(Arc<Mutex<HashMap<String, usize>>>);

impl SessionSockets {
    /// Counts a new connection of the session, unless it already has `cap`; the count drops
    /// when the returned place is dropped.
    fn enter(&self, session_id: &str, cap: usize) -> Option<SocketPlace> {
        let mut open = lock(&self.0);
        let count = open.entry(session_id.to_owned()).or_default();
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(SocketPlace {
            sockets: self.clone(),
            session_id: session_id.to_owned(),
        })
    }
}

/// One open WebSocket of a session, counted until it is dropped.
struct SocketPlace {
    sockets: SessionSockets,
    session_id: String,
}

impl Drop for SocketPlace {
    fn drop(&mut self) {
        let mut open = lock(&self.sockets.0);
        if let Some(count) = open.get_mut(&self.session_id) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.session_id);
            }
        }
    }
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
        (status = 409, body = crate::error::ErrorBody),
        (status = 429, description = "The session has `CODEBOX_WS_PER_SESSION` WebSockets open (`too_many_connections`)", body = crate::error::ErrorBody)))]
pub(crate) async fn upgrade(
    State(services): State<Services>,
    Extension(principal): Extension<Principal>,
    Extension(sockets): Extension<SessionSockets>,
    Path(session_id): Path<String>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    principal.authorize(Some(&session_id), Action::Read)?;
    services.active_session(&session_id).await?;
    let cap = services.config.ws_per_session;
    let Some(place) = sockets.enter(&session_id, cap) else {
        let body = json!({"error": {
            "code": "too_many_connections",
            "message": format!("this session has {cap} WebSocket connections open; close one first"),
        }});
        return Ok((StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response());
    };
    let limit = max_message_bytes(&services);
    Ok(upgrade
        .max_message_size(limit)
        .max_frame_size(limit)
        .on_upgrade(move |socket| async move {
            connection::serve(socket, services, session_id, principal).await;
            drop(place);
        }))
}
