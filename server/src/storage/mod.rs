//! Where sessions, files and execution results live, behind three traits with two backends:
//! [`embedded`] (SQLite in a local folder, the default) and [`aws`] (DynamoDB + S3 as the
//! spec lays them out).
//!
//! The traits are the whole contract: the service layer never knows which backend it talks to,
//! and the API test suite runs unchanged against both.

pub(crate) mod aws;
pub(crate) mod embedded;
pub(crate) mod keys;
#[cfg(test)]
pub(crate) mod moto;

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;

use crate::model::{
    ExecutionRecord, ExecutionSummary, FileInfo, Session, SessionStatus, Timestamp,
};

/// What a store can fail with. Conflicts and absences are expected answers, not failures.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    /// The thing to create exists already (a session id, a file path).
    #[error("already exists")]
    AlreadyExists,
    /// The thing to change or delete does not exist.
    #[error("not found")]
    NotFound,
    /// The backend failed or could not be reached; the message is for the logs.
    #[error("storage backend: {0}")]
    Backend(String),
}

pub(crate) type StoreResult<T> = Result<T, StoreError>;

/// Which sessions to list, newest first.
#[derive(Debug, Clone)]
pub(crate) struct SessionQuery {
    /// Only sessions with this status.
    pub(crate) status: Option<SessionStatus>,
    /// At most this many.
    pub(crate) limit: usize,
    /// Continue after this page token (from [`SessionPage::next`]).
    pub(crate) after: Option<String>,
}

/// One page of sessions.
#[derive(Debug, Clone)]
pub(crate) struct SessionPage {
    pub(crate) sessions: Vec<Session>,
    /// The token of the next page, when there is one.
    pub(crate) next: Option<String>,
}

/// Sessions: the spec's `interview-sessions` table (a METADATA and a CONFIG record each).
#[async_trait]
pub(crate) trait SessionStore: Send + Sync {
    /// Stores a new session; [`StoreError::AlreadyExists`] if the id is taken.
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// The session, if it exists.
    async fn get_session(&self, session_id: &str) -> StoreResult<Option<Session>>;
    /// Replaces an existing session; [`StoreError::NotFound`] if there is none.
    async fn update_session(&self, session: &Session) -> StoreResult<()>;
    /// Sessions newest first, filtered and paginated.
    async fn list_sessions(&self, query: &SessionQuery) -> StoreResult<SessionPage>;
    /// Whether the backend answers (for `/readyz`).
    async fn ping(&self) -> StoreResult<()>;
}

/// A stored file: its metadata and its bytes.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub(crate) info: FileInfo,
    pub(crate) content: Bytes,
}

/// Files: the spec's `session-files` table, with the bytes in S3 (or inline when small).
#[async_trait]
pub(crate) trait FileStore: Send + Sync {
    /// Every file of a session, sorted by path.
    async fn list_files(&self, session_id: &str) -> StoreResult<Vec<FileInfo>>;
    /// One file with its content.
    async fn get_file(&self, session_id: &str, path: &str) -> StoreResult<Option<StoredFile>>;
    /// Creates a file; [`StoreError::AlreadyExists`] if the path is taken.
    async fn create_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo>;
    /// Replaces an existing file's content; [`StoreError::NotFound`] if there is none.
    async fn update_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo>;
    /// Deletes a file; [`StoreError::NotFound`] if there is none.
    async fn delete_file(&self, session_id: &str, path: &str) -> StoreResult<()>;
}

/// Execution results: `outputs/execution-results.json` (the latest), one record per execution,
/// and the run's logs.
#[async_trait]
pub(crate) trait ResultStore: Send + Sync {
    /// Stores an execution's record and logs, and makes it the session's latest.
    async fn put_execution(&self, record: &ExecutionRecord, logs: &str) -> StoreResult<()>;
    /// The session's executions, newest first.
    async fn list_executions(&self, session_id: &str) -> StoreResult<Vec<ExecutionSummary>>;
    /// One execution's record.
    async fn get_execution(
        &self,
        session_id: &str,
        execution_id: &str,
    ) -> StoreResult<Option<ExecutionRecord>>;
}

/// The three stores of one backend.
#[derive(Clone)]
pub(crate) struct Storage {
    pub(crate) sessions: Arc<dyn SessionStore>,
    pub(crate) files: Arc<dyn FileStore>,
    pub(crate) results: Arc<dyn ResultStore>,
    /// `embedded` or `aws`, for logs and `/readyz`.
    pub(crate) backend: &'static str,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Storage")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// The page token of a session listing: its creation time and id, which order the listing.
pub(crate) fn page_token(session: &Session) -> String {
    format!(
        "{}~{}",
        session.created_at.unix_timestamp_nanos() / 1_000_000,
        session.session_id
    )
}

/// Reads a page token back; `None` when it is not one of ours.
pub(crate) fn parse_page_token(token: &str) -> Option<(i128, String)> {
    let (millis, id) = token.split_once('~')?;
    Some((millis.parse().ok()?, id.to_owned()))
}

/// Whether `session` comes after the page token in newest-first order.
pub(crate) fn after_token(session: &Session, token: &(i128, String)) -> bool {
    let millis = session.created_at.unix_timestamp_nanos() / 1_000_000;
    (millis, session.session_id.as_str()) < (token.0, token.1.as_str())
}
