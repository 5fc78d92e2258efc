//! Session events: the changes to a session's files, delivered to every WebSocket connection that
//! follows the session, whichever host the change was made on.
//!
//! Each host delivers an event to its own connections at once, through an in-process broadcast.
//! With an event engine (`CODEBOX_EVENTS_URL=redis://…`, see [`relay`]) it also publishes the
//! event for the other hosts, and delivers theirs to its connections in turn; without one, the
//! broadcast is all there is, which is all a single host needs.
//!
//! Delivery is best effort, and a gap is always announced: a connection that falls behind the
//! broadcast, or whose host loses (or regains) the engine, receives [`SessionEvent::Lost`] and
//! lists the session's files again.

mod relay;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use crate::model::FileInfo;

/// A change to a session's file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FileEvent {
    pub(crate) session_id: String,
    pub(crate) change: FileChangeKind,
    pub(crate) file_path: String,
    /// The file's metadata after the change (none after a delete).
    pub(crate) file: Option<FileInfo>,
    /// The WebSocket connection that made the change, or `rest`.
    pub(crate) origin: String,
}

/// How a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FileChangeKind {
    Created,
    Updated,
    Deleted,
}

/// The origin of changes made through REST.
pub(crate) const REST_ORIGIN: &str = "rest";

/// What a following connection receives.
#[derive(Debug, Clone)]
pub(crate) enum SessionEvent {
    /// A file changed.
    FileChanged(FileEvent),
    /// Events may have been missed (the event engine was lost, or came back after an outage):
    /// the connection's view of the files must be listed again.
    Lost {
        /// Why, for the client.
        reason: String,
    },
}

/// How many events the in-process broadcast holds for a connection that has not read them yet;
/// one that falls further behind is told that it lost events.
const BROADCAST_CAPACITY: usize = 256;

/// The event bus of one host; cheap to clone.
#[derive(Clone)]
pub(crate) struct Events {
    local: broadcast::Sender<SessionEvent>,
    relay: Option<Arc<relay::Relay>>,
}

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Events")
            .field("engine", &self.engine())
            .finish_non_exhaustive()
    }
}

/// What `/readyz` says of the event engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EngineStatus {
    /// `embedded` (this process only) or `redis`.
    pub(crate) engine: &'static str,
    /// `None` when the engine answers; otherwise why not.
    pub(crate) problem: Option<String>,
}

impl Events {
    /// Events within this process only: a single host's.
    pub(crate) fn embedded() -> Events {
        Events {
            local: broadcast::channel(BROADCAST_CAPACITY).0,
            relay: None,
        }
    }

    /// Events shared with the other hosts through the Redis (or Valkey) server at `url`
    /// (`redis://` or `rediss://` for TLS). The engine need not answer yet: the relay connects
    /// in the background and keeps reconnecting, so only a malformed URL fails here.
    pub(crate) fn shared(url: &str) -> Result<Events, redis::RedisError> {
        let local = broadcast::channel(BROADCAST_CAPACITY).0;
        let relay = relay::Relay::start(url, local.clone())?;
        Ok(Events {
            local,
            relay: Some(Arc::new(relay)),
        })
    }

    /// Delivers `event` to this host's connections now and hands it to the relay for the other
    /// hosts. It never waits and never fails: a write is not undone because its notice could not
    /// be sent (the other hosts' connections are then told that they lost events).
    pub(crate) fn publish(&self, event: FileEvent) {
        if let Some(relay) = &self.relay {
            relay.publish(&event);
        }
        // Nobody following is fine.
        let _ = self.local.send(SessionEvent::FileChanged(event));
    }

    /// A new follower's receiver: every event from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<SessionEvent> {
        self.local.subscribe()
    }

    /// Which engine, and whether it answers.
    pub(crate) fn engine(&self) -> EngineStatus {
        match &self.relay {
            None => EngineStatus {
                engine: "embedded",
                problem: None,
            },
            Some(relay) => EngineStatus {
                engine: "redis",
                problem: relay.problem(),
            },
        }
    }
}
