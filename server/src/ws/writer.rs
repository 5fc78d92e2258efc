//! The writer: the one task that owns a connection's sending half, so that the reader, the
//! follower and the executions all send through a channel. It also sends the heartbeat pings
//! that keep the connection alive and show the client is still there.

use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use bytes::Bytes;
use futures_util::SinkExt;
use futures_util::stream::SplitSink;
use tokio::sync::{OwnedSemaphorePermit, mpsc};
use tokio::task::JoinHandle;

/// A message waiting for the writer, with the room it takes in the outbox's byte budget;
/// the room returns once the message is sent.
#[derive(Debug)]
pub(super) struct Outgoing {
    pub(super) message: Message,
    pub(super) room: OwnedSemaphorePermit,
}

/// The server pings at most this far apart (and at a third of the idle timeout); browsers
/// answer pings on their own.
const PING_EVERY: Duration = Duration::from_secs(20);

/// How often the writer pings: often enough that a client which answers pings is never idle
/// for the idle timeout.
pub(super) fn ping_interval(idle_timeout: Duration) -> Duration {
    PING_EVERY
        .min(idle_timeout / 3)
        .max(Duration::from_millis(100))
}

/// Starts the writer. It sends what arrives in `inbox`, and a ping every `ping_every`, until
/// the inbox closes, a close frame has been sent, or sending fails or takes longer than
/// `write_timeout` (a client that stopped reading); then it closes the sink.
pub(super) fn spawn(
    mut sink: SplitSink<WebSocket, Message>,
    mut inbox: mpsc::Receiver<Outgoing>,
    ping_every: Duration,
    write_timeout: Duration,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ping = tokio::time::interval(ping_every);
        ping.tick().await;
        loop {
            let (message, room) = tokio::select! {
                queued = inbox.recv() => {
                    let Some(Outgoing { message, room }) = queued else { break };
                    (message, Some(room))
                }
                _ = ping.tick() => (Message::Ping(Bytes::new()), None),
            };
            let closing = matches!(message, Message::Close(_));
            let sent = tokio::time::timeout(write_timeout, sink.send(message)).await;
            drop(room);
            if !matches!(sent, Ok(Ok(()))) {
                tracing::debug!("a websocket client stopped taking messages");
                break;
            }
            if closing {
                break;
            }
        }
        let _ = tokio::time::timeout(write_timeout, sink.close()).await;
    })
}
