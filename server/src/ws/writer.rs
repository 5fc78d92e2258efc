//! The writer: the one task that owns a connection's sending half, so that the reader, the
//! follower and the executions all send through a channel. It also sends the heartbeat pings
//! that keep the connection alive and show the client is still there.

use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use bytes::Bytes;
use futures_util::SinkExt;
use futures_util::stream::SplitSink;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

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
/// the inbox closes, a close frame has been sent, or sending fails; then it closes the sink.
pub(super) fn spawn(
    mut sink: SplitSink<WebSocket, Message>,
    mut inbox: mpsc::Receiver<Message>,
    ping_every: Duration,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ping = tokio::time::interval(ping_every);
        ping.tick().await;
        loop {
            tokio::select! {
                message = inbox.recv() => {
                    let Some(message) = message else { break };
                    let closing = matches!(message, Message::Close(_));
                    if sink.send(message).await.is_err() || closing {
                        break;
                    }
                }
                _ = ping.tick() => {
                    if sink.send(Message::Ping(Bytes::new())).await.is_err() {
                        break;
                    }
                }
            }
        }
        let _ = sink.close().await;
    })
}
