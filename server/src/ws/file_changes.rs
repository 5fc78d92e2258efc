//! The follower: a task per connection that forwards the changes other connections (and REST)
//! make to the session's files as `file-changed` messages, so that every participant sees the
//! same files.

use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;
use tokio::task::JoinHandle;

use super::connection::Conn;
use super::messages::{FileChange, ServerMessage};
use crate::events::{FileChangeKind, FileEvent, SessionEvent};

/// Starts following `events` for the connection; the task runs until it is aborted or the
/// events end. A connection's own changes are not echoed back to it.
pub(super) fn follow(conn: Conn, mut events: Receiver<SessionEvent>) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match events.recv().await {
                Ok(SessionEvent::FileChanged(event))
                    if event.session_id == conn.session_id && event.origin != conn.id =>
                {
                    conn.send(&file_changed(event)).await;
                }
                Ok(SessionEvent::FileChanged(_)) => {}
                Ok(SessionEvent::Lost { reason }) => {
                    conn.error(
                        None,
                        "events_lost",
                        format!("{reason}; list the files again"),
                    )
                    .await;
                }
                Err(RecvError::Lagged(missed)) => {
                    conn.error(
                        None,
                        "events_lost",
                        format!("{missed} file-change events were dropped; list the files again"),
                    )
                    .await;
                }
                Err(RecvError::Closed) => break,
            }
        }
    })
}

fn file_changed(event: FileEvent) -> ServerMessage {
    let change = match event.change {
        FileChangeKind::Created => FileChange::Created,
        FileChangeKind::Updated => FileChange::Updated,
        FileChangeKind::Deleted => FileChange::Deleted,
    };
    ServerMessage::FileChanged {
        session_id: event.session_id,
        change,
        file_path: event.file_path,
        file: event.file,
        origin: event.origin,
    }
}
