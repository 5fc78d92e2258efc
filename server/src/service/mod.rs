//! What the API does, shared by the REST handlers and the WebSocket: sessions, files and
//! executions over the storage traits and the runtime. Handlers only extract, call one
//! function here, and answer.
//!
//! Beside the actions live what only they use: the judge of test cases (`judge.rs`), the
//! limiter of concurrent runs (`limiter.rs`) and the cache of session file lists
//! (`file_cache.rs`).

pub(crate) mod audio;
pub(crate) mod calls;
pub(crate) mod complexity;
pub(crate) mod execute;
mod file_cache;
pub(crate) mod files;
pub(crate) mod judge;
mod limiter;
mod readiness;
pub(crate) mod sessions;
pub(crate) mod supersede;
pub(crate) mod tokens;
pub(crate) mod voice_commands;

use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use codebox_runtime::{Language, Runtime};

use crate::config::Config;
use crate::error::ApiError;
use crate::events::{Events, FileEvent};
use crate::metrics::Metrics;
use crate::model::{Session, SessionStatus};
use crate::storage::Storage;
use file_cache::FileCache;
use limiter::Limiter;

/// Everything a request needs; cheap to clone.
#[derive(Clone)]
pub(crate) struct Services {
    pub(crate) config: Arc<Config>,
    pub(crate) storage: Storage,
    pub(crate) runtime: Runtime,
    pub(crate) limiter: Limiter,
    pub(crate) cache: FileCache,
    locks: Arc<[tokio::sync::Mutex<()>]>,
    interpreters_ready: Arc<AtomicBool>,
    /// File changes, for the WebSocket connections that follow a session, on every host.
    pub(crate) events: Events,
    /// Runs started with `supersede`, for the next one to cancel.
    pub(crate) superseding: supersede::Superseding,
    /// What `/metrics` shows.
    pub(crate) metrics: Arc<Metrics>,
    /// Runs in progress (REST and WebSocket), for `/readyz` and leak checks.
    pub(crate) running: Arc<std::sync::atomic::AtomicUsize>,
    /// The store's and the container engine's last answers, for `/readyz`.
    readiness: readiness::SharedReadiness,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("storage", &self.storage)
            .finish_non_exhaustive()
    }
}

/// How many locks the sessions' writes are striped over.
const LOCK_STRIPES: usize = 64;

impl Services {
    pub(crate) fn new(config: Config, storage: Storage, runtime: Runtime, events: Events) -> Self {
        let limiter = Limiter::new(config.max_concurrent, config.queue);
        Services {
            config: Arc::new(config),
            storage,
            runtime,
            limiter,
            cache: FileCache::new(),
            locks: (0..LOCK_STRIPES)
                .map(|_| tokio::sync::Mutex::new(()))
                .collect(),
            interpreters_ready: Arc::new(AtomicBool::new(false)),
            events,
            metrics: Metrics::new(),
            superseding: supersede::Superseding::default(),
            running: Arc::default(),
            readiness: Arc::default(),
        }
    }

    /// Whether this server runs Java at all (SUPPORTED_LANGUAGES).
    pub(crate) fn java_enabled(&self) -> bool {
        self.config.languages.contains(&Language::Java)
    }

    /// 422 `unsupported_language` unless `language` is among SUPPORTED_LANGUAGES.
    pub(crate) fn check_supported(&self, language: Language) -> Result<(), ApiError> {
        if self.config.languages.contains(&language) {
            return Ok(());
        }
        let names: Vec<&str> = self.config.languages.iter().map(|l| l.name()).collect();
        Err(ApiError::unprocessable(
            "unsupported_language",
            format!(
                "{language} is not among this server's languages ({})",
                names.join(", ")
            ),
        ))
    }

    /// Serialises the writes of one session within this process, so that the quota checks and
    /// the write they guard are one step, and two writers of one file do not interleave.
    pub(crate) async fn lock_session(&self, session_id: &str) -> tokio::sync::MutexGuard<'_, ()> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        session_id.hash(&mut hasher);
        let stripe = usize::try_from(hasher.finish() % LOCK_STRIPES as u64).unwrap_or(0);
        self.locks[stripe].lock().await
    }

    /// Tells the WebSocket connections about a change, on this host and the others.
    pub(crate) fn publish(&self, event: FileEvent) {
        self.events.publish(event);
    }

    /// Runs in progress.
    pub(crate) fn running_executions(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// Marks the interpreters as prepared (built, snapshotted, compiled and linked).
    pub(crate) fn set_interpreters_ready(&self) {
        self.interpreters_ready.store(true, Ordering::SeqCst);
    }

    /// Whether the interpreters are prepared.
    pub(crate) fn interpreters_ready(&self) -> bool {
        self.interpreters_ready.load(Ordering::SeqCst)
    }

    /// The session, or 404.
    pub(crate) async fn session(&self, session_id: &str) -> Result<Session, ApiError> {
        if uuid::Uuid::parse_str(session_id).is_err() {
            return Err(session_not_found(session_id));
        }
        self.storage
            .sessions
            .get_session(session_id)
            .await?
            .ok_or_else(|| session_not_found(session_id))
    }

    /// The session, or 404, or 409 when it has ended (its files can be read, not changed).
    pub(crate) async fn active_session(&self, session_id: &str) -> Result<Session, ApiError> {
        let session = self.session(session_id).await?;
        if session.status != SessionStatus::Active {
            return Err(ApiError::conflict(
                "session_ended",
                format!(
                    "session {session_id} is {}: its files can be read but not changed",
                    session.status.as_str()
                ),
            ));
        }
        Ok(session)
    }
}

fn session_not_found(session_id: &str) -> ApiError {
    ApiError::not_found(
        "session_not_found",
        format!("there is no session {session_id:?}"),
    )
}
