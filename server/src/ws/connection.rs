//! One WebSocket connection's life: it starts the writer and the file-change follower, reads
//! frames under the idle timeout, the rate limit and the strike count, and closes with the
//! documented codes. What a frame asks for is `dispatch`'s business, not this loop's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use futures_util::StreamExt;
use futures_util::stream::SplitStream;
use serde_json::json;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

use super::executions::{self, Running};
use super::messages::{ErrorPayload, ServerMessage};
use super::writer::Outgoing;
use super::{dispatch, file_changes, writer};
use crate::access::Principal;
use crate::error::ApiError;
use crate::service::Services;

/// Messages a client may send per second, on average...
const RATE_PER_SECOND: f64 = 20.0;
/// ...and in a burst.
const RATE_BURST: f64 = 40.0;
/// After this many refused messages (malformed, unknown, over the rate) the connection closes.
const MAX_STRIKES: u32 = 10;
/// How long the server waits for the client to answer its close frame.
const CLOSE_GRACE: Duration = Duration::from_secs(2);
/// Messages waiting for the writer, at most; their bytes are bounded too
/// (`CODEBOX_WS_OUTBOX_BYTES`). A client that reads too slowly slows the server's sends.
const OUTBOX: usize = 256;
/// The longest `requestId` the server takes: every answer repeats it.
pub(super) const MAX_REQUEST_ID_BYTES: usize = 128;

/// Close codes (RFC 6455 and the 4000 private range), documented in `docs/websocket.md`.
pub(crate) mod close {
    /// Too many refused messages.
    pub(crate) const POLICY: u16 = 1008;
    /// A message over the size limit.
    pub(crate) const TOO_BIG: u16 = 1009;
    /// Nothing received for the idle timeout (`CODEBOX_WS_IDLE_TIMEOUT`).
    pub(crate) const IDLE: u16 = 4408;
}

/// Why the server closes a connection: the close code and its reason.
type CloseReason = (u16, &'static str);

/// What a connection shares with its tasks.
#[derive(Clone)]
pub(super) struct Conn {
    pub(super) id: String,
    pub(super) session_id: String,
    /// Who opened the connection: every message acts with its rights.
    pub(super) principal: Principal,
    pub(super) services: Services,
    outbox: mpsc::Sender<Outgoing>,
    room: Room,
    pub(super) running: Running,
}

impl Conn {
    /// Queues a message for the writer, waiting while the outbox is full.
    pub(super) async fn send(&self, message: &ServerMessage) {
        if let Ok(text) = serde_json::to_string(message) {
            let bytes = text.len();
            self.queue(Message::Text(text.into()), bytes).await;
        }
    }

    /// Queues a frame of `bytes` bytes once the outbox has room for them.
    async fn queue(&self, message: Message, bytes: usize) {
        // A closed outbox means the connection is going away; nothing left to tell.
        let Some(room) = self.room.take(bytes).await else {
            return;
        };
        let _ = self.outbox.send(Outgoing { message, room }).await;
    }

    /// Sends an `error` message.
    pub(super) async fn error(
        &self,
        request_id: Option<String>,
        code: &str,
        message: impl Into<String>,
    ) {
        self.send(&ServerMessage::Error {
            request_id,
            error: ErrorPayload {
                code: code.to_owned(),
                message: message.into(),
            },
        })
        .await;
    }

    /// Sends a service's error as the answer to a request.
    pub(super) async fn api_error(&self, request_id: Option<String>, error: ApiError) {
        self.services.metrics.error_answered(error.code());
        self.error(request_id, error.code(), error.to_string())
            .await;
    }
}

/// The outbox's byte budget (`CODEBOX_WS_OUTBOX_BYTES`): a queued message holds as many
/// permits as it has bytes (a message larger than the whole budget holds all of it, so that it
/// waits for an empty outbox rather than forever), until the writer has sent it.
#[derive(Debug, Clone)]
struct Room {
    permits: Arc<Semaphore>,
    budget: u32,
}

impl Room {
    fn new(budget: u32) -> Room {
        Room {
            permits: Arc::new(Semaphore::new(budget as usize)),
            budget,
        }
    }

    /// Room for `bytes` bytes, once the messages queued before have made it; `None` when the
    /// connection is closing.
    async fn take(&self, bytes: usize) -> Option<OwnedSemaphorePermit> {
        let bytes = u32::try_from(bytes)
            .unwrap_or(u32::MAX)
            .clamp(1, self.budget);
        self.permits.clone().acquire_many_owned(bytes).await.ok()
    }
}

/// Serves one connection until it closes.
pub(crate) async fn serve(
    socket: WebSocket,
    services: Services,
    session_id: String,
    principal: Principal,
) {
    let _open = services.metrics.websocket_opened();
    let (sink, mut stream) = socket.split();
    let (outbox, inbox) = mpsc::channel::<Outgoing>(OUTBOX);
    let conn = Conn {
        id: uuid::Uuid::new_v4().to_string(),
        session_id: session_id.clone(),
        principal,
        services: services.clone(),
        outbox,
        room: Room::new(services.config.ws_outbox_bytes),
        running: Arc::default(),
    };
    tracing::info!(connection = %conn.id, session = %session_id, "websocket connected");

    let idle_timeout = services.config.ws_idle_timeout;
    let ping_every = writer::ping_interval(idle_timeout);
    // A client that does not take a message for as long as it may stay silent is gone.
    let writer = writer::spawn(sink, inbox, ping_every, idle_timeout);
    // Subscribed before `connected` is sent, so that no change after it is missed; the
    // follower starts after it, so that `connected` is always the first message.
    let events = services.events.subscribe();
    conn.send(&connected(&conn, ping_every, idle_timeout)).await;
    let follower = file_changes::follow(conn.clone(), events);

    let close_reason = read_frames(&conn, &mut stream, idle_timeout).await;

    // Whatever way the connection ended: stop its executions and its tasks.
    executions::cancel_all(&conn);
    follower.abort();
    if let Some(reason) = close_reason {
        close(&conn, &mut stream, reason).await;
    }
    drop(conn);
    let _ = writer.await;
    tracing::info!(session = %session_id, "websocket closed");
}

/// The first message of every connection: its id and the limits it is held to.
fn connected(conn: &Conn, ping_every: Duration, idle_timeout: Duration) -> ServerMessage {
    ServerMessage::Connected {
        connection_id: conn.id.clone(),
        session_id: conn.session_id.clone(),
        limits: json!({
            "maxMessageBytes": super::max_message_bytes(&conn.services),
            "pingIntervalSeconds": ping_every.as_secs_f64(),
            "idleTimeoutSeconds": idle_timeout.as_secs(),
            "messagesPerSecond": RATE_PER_SECOND,
            "burst": RATE_BURST,
        }),
    }
}

/// Reads and dispatches frames until the connection ends; how the server should close it,
/// or `None` when there is nobody left to tell.
async fn read_frames(
    conn: &Conn,
    stream: &mut SplitStream<WebSocket>,
    idle_timeout: Duration,
) -> Option<CloseReason> {
    let mut rate = RateLimit::new();
    let mut strikes = 0;
    loop {
        let next = tokio::select! {
            // The writer gave up on a client that stopped reading: nobody is listening.
            () = conn.outbox.closed() => return None,
            next = tokio::time::timeout(idle_timeout, stream.next()) => next,
        };
        let frame = match next {
            Err(_) => return Some((close::IDLE, "idle timeout")),
            Ok(None) => return None,
            Ok(Some(Err(e))) => {
                tracing::debug!(connection = %conn.id, error = %e, "websocket read failed");
                // A message over the size limit is the one read error the client can act on.
                if e.to_string().contains("too long") {
                    return Some((close::TOO_BIG, "message too big"));
                }
                return None;
            }
            Ok(Some(Ok(frame))) => frame,
        };
        let frame = match frame {
            Message::Close(_) => return None,
            Message::Ping(_) | Message::Pong(_) => continue,
            Message::Text(_) | Message::Binary(_) => frame,
        };
        let accepted = if rate.take() {
            dispatch::frame(conn, frame).await
        } else {
            conn.error(
                None,
                "rate_limited",
                format!("at most {RATE_PER_SECOND} messages per second"),
            )
            .await;
            false
        };
        if !accepted {
            strikes += 1;
        }
        if strikes >= MAX_STRIKES {
            return Some((close::POLICY, "too many invalid messages"));
        }
    }
}

/// Sends the close frame and waits, a little, for the client's answer.
async fn close(conn: &Conn, stream: &mut SplitStream<WebSocket>, (code, reason): CloseReason) {
    let frame = CloseFrame {
        code,
        reason: Utf8Bytes::from_static(reason),
    };
    conn.queue(Message::Close(Some(frame)), reason.len() + 2)
        .await;
    // The closing handshake: give the client a moment to read the close frame and answer it
    // before the connection is dropped. After a read error (a message over the size limit)
    // nothing more can be read, so the connection is simply held open that long: dropping it
    // with unread data would reset it before the client sees why.
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        loop {
            match stream.next().await {
                Some(Ok(Message::Close(_))) => break,
                Some(Ok(_)) => {}
                Some(Err(_)) | None => std::future::pending::<()>().await,
            }
        }
    })
    .await;
}

/// A token bucket over a client's messages: it holds up to `RATE_BURST` tokens and refills at
/// `RATE_PER_SECOND`.
struct RateLimit {
    bucket: f64,
    refilled: Instant,
}

impl RateLimit {
    fn new() -> Self {
        RateLimit {
            bucket: RATE_BURST,
            refilled: Instant::now(),
        }
    }

    /// Refills for the time since the last message, then spends one token; false when there
    /// was none to spend.
    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.bucket = (self.bucket
            + now.duration_since(self.refilled).as_secs_f64() * RATE_PER_SECOND)
            .min(RATE_BURST);
        self.refilled = now;
        if self.bucket < 1.0 {
            return false;
        }
        self.bucket -= 1.0;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `room.take(bytes)` completes within 50 ms.
    async fn fits(room: &Room, bytes: usize) -> Option<OwnedSemaphorePermit> {
        tokio::time::timeout(Duration::from_millis(50), room.take(bytes))
            .await
            .ok()
            .flatten()
    }

    #[tokio::test]
    async fn the_outbox_holds_at_most_its_budget_in_bytes() {
        let room = Room::new(1024);
        // Within the budget: queued at once.
        let first = fits(&room, 600).await.expect("600 of 1,024 bytes fit");
        let second = fits(&room, 424)
            .await
            .expect("the budget's last 424 bytes fit");
        // Past it: the sender waits (back-pressure) until the writer has sent enough.
        assert!(
            fits(&room, 1).await.is_none(),
            "a full outbox took one byte more"
        );
        drop(first);
        let third = fits(&room, 600)
            .await
            .expect("room came back as a message was sent");
        // A message larger than the whole budget waits for an empty outbox, then goes alone.
        assert!(fits(&room, 5_000).await.is_none());
        drop((second, third));
        let big = fits(&room, 5_000).await.expect("a large message, alone");
        assert!(fits(&room, 1).await.is_none());
        drop(big);
    }
}
