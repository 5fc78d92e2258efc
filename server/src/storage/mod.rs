//! Where sessions, files, execution results and audio live, behind four traits with two backends:
//! [`embedded`] (SQLite in a local folder, the default) and [`aws`] (DynamoDB + S3 as the
//! spec lays them out).
//!
//! The traits are the whole contract: the service layer never knows which backend it talks to,
//! and the API test suite runs unchanged against both.

#[cfg(test)]
pub(crate) mod audio_contract;
pub(crate) mod audio_stream;
pub(crate) mod aws;
pub(crate) mod embedded;
pub(crate) mod keys;
#[cfg(test)]
pub(crate) mod moto;

use std::pin::Pin;
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use futures_util::Stream;

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
    /// The write would take the session past one of its [`FileLimits`]; nothing was written.
    #[error("the session would pass its {0} quota")]
    OverQuota(Quota),
    /// The backend failed or could not be reached; the message is for the logs.
    #[error("storage backend: {0}")]
    Backend(String),
}

pub(crate) type StoreResult<T> = Result<T, StoreError>;

/// Whether a write makes a new record or replaces an existing one. Each backend's create and
/// update of a session or a file are one write that differs only in this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteMode {
    /// The record must not exist yet.
    Create,
    /// The record must exist already.
    Update,
}

impl WriteMode {
    /// The error of a write that found the record's existence not as this mode requires.
    pub(crate) fn conflict(self) -> StoreError {
        match self {
            WriteMode::Create => StoreError::AlreadyExists,
            WriteMode::Update => StoreError::NotFound,
        }
    }
}

/// The bounds a session's files keep, checked by the store in the same write that would pass
/// them, so that two writers (on two hosts) cannot both slip under a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileLimits {
    /// The most files.
    pub(crate) files: u64,
    /// The most bytes, all files together.
    pub(crate) bytes: u64,
}

impl FileLimits {
    /// No bounds: for the stores' own tests, and for taking a file off a session's usage.
    pub(crate) const NONE: FileLimits = FileLimits {
        files: u64::MAX,
        bytes: u64::MAX,
    };

    /// The bound that a session of `files` files holding `bytes` bytes passes, if any.
    pub(crate) fn passed(self, files: u64, bytes: u64) -> Option<Quota> {
        if files > self.files {
            Some(Quota::Files)
        } else if bytes > self.bytes {
            Some(Quota::Bytes)
        } else {
            None
        }
    }
}

/// One of a session's [`FileLimits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quota {
    /// The number of files.
    Files,
    /// The bytes of all files together.
    Bytes,
}

impl std::fmt::Display for Quota {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Quota::Files => "file count",
            Quota::Bytes => "bytes",
        })
    }
}

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

impl SessionPage {
    /// The page of the first `limit` of `sessions`, which are in listing order and may run on
    /// past the page: when they do, the next page starts after this page's last session.
    pub(crate) fn first(sessions: Vec<Session>, limit: usize) -> SessionPage {
        let (sessions, next) = first_page(sessions, limit);
        SessionPage { sessions, next }
    }
}

/// Sessions: the spec's `interview-sessions` table (a METADATA and a CONFIG record each).
#[async_trait]
pub(crate) trait SessionStore: Send + Sync {
    /// Stores a session as `mode` says; [`WriteMode::conflict`] when the id is taken (create) or
    /// unknown (update).
    async fn write_session(&self, session: &Session, mode: WriteMode) -> StoreResult<()>;
    /// Stores a new session; [`StoreError::AlreadyExists`] if the id is taken.
    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        self.write_session(session, WriteMode::Create).await
    }
    /// The session, if it exists.
    async fn get_session(&self, session_id: &str) -> StoreResult<Option<Session>>;
    /// Replaces an existing session; [`StoreError::NotFound`] if there is none.
    async fn update_session(&self, session: &Session) -> StoreResult<()> {
        self.write_session(session, WriteMode::Update).await
    }
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
    /// Stores a file's content as `mode` says; [`WriteMode::conflict`] when the path is taken
    /// (create) or unknown (update), [`StoreError::OverQuota`] when the session would pass
    /// `limits`.
    async fn write_file(
        &self,
        mode: WriteMode,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
        limits: FileLimits,
    ) -> StoreResult<FileInfo>;
    /// Creates a file without bounds (for the stores' own tests); [`StoreError::AlreadyExists`]
    /// if the path is taken.
    #[cfg(test)]
    async fn create_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo> {
        self.write_file(
            WriteMode::Create,
            session_id,
            path,
            content,
            at,
            FileLimits::NONE,
        )
        .await
    }
    /// Replaces an existing file's content without bounds (for the stores' own tests);
    /// [`StoreError::NotFound`] if there is none.
    #[cfg(test)]
    async fn update_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo> {
        self.write_file(
            WriteMode::Update,
            session_id,
            path,
            content,
            at,
            FileLimits::NONE,
        )
        .await
    }
    /// Deletes a file; [`StoreError::NotFound`] if there is none.
    async fn delete_file(&self, session_id: &str, path: &str) -> StoreResult<()>;
}

/// Which executions of a session to list, newest first.
#[derive(Debug, Clone)]
pub(crate) struct ExecutionQuery {
    /// At most this many.
    pub(crate) limit: usize,
    /// Continue after this place (a parsed [`ExecutionPage::next`]).
    pub(crate) after: Option<(i128, String)>,
}

/// One page of a session's executions.
#[derive(Debug, Clone)]
pub(crate) struct ExecutionPage {
    pub(crate) executions: Vec<ExecutionSummary>,
    /// The token of the next page, when there is one.
    pub(crate) next: Option<String>,
}

impl ExecutionPage {
    /// The page of the first `limit` of `executions`, which are in listing order and may run on
    /// past the page: when they do, the next page starts after this page's last execution.
    pub(crate) fn first(executions: Vec<ExecutionSummary>, limit: usize) -> ExecutionPage {
        let (executions, next) = first_page(executions, limit);
        ExecutionPage { executions, next }
    }
}

/// Execution results: `outputs/execution-results.json` (the latest), one record per execution,
/// and the run's logs.
#[async_trait]
pub(crate) trait ResultStore: Send + Sync {
    /// Stores an execution's record and logs, replacing an earlier record of the same execution
    /// (a provisional one), and makes it the session's latest.
    async fn put_execution(&self, record: &ExecutionRecord, logs: &str) -> StoreResult<()>;
    /// A page of the session's executions, newest first, reading no more than the page needs.
    async fn list_executions(
        &self,
        session_id: &str,
        query: &ExecutionQuery,
    ) -> StoreResult<ExecutionPage>;
    /// One execution's record.
    async fn get_execution(
        &self,
        session_id: &str,
        execution_id: &str,
    ) -> StoreResult<Option<ExecutionRecord>>;
}

/// The bounds a stored chunk must keep, checked by the store in the same write that stores it
/// so that two chunks arriving together cannot both slip under a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AudioLimits {
    /// The most bytes of audio chunks one session may store, all streams together.
    pub(crate) session_bytes: u64,
    /// How far beyond a stream's first missing chunk a sequence number may run.
    pub(crate) max_gap: u32,
}

/// Why a chunk was refused; nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChunkRefusal {
    /// Storing the chunk would take the session past its audio quota.
    QuotaExceeded {
        /// The session's audio bytes before this chunk.
        used: u64,
        /// The quota.
        limit: u64,
    },
    /// The sequence number runs further ahead of the stream than [`AudioLimits::max_gap`].
    TooFarAhead {
        /// The highest sequence number the stream takes now.
        highest_allowed: u64,
    },
}

/// What storing one chunk came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PutChunk {
    /// The chunk is stored (or was before: see [`ChunkReceipt::duplicate`]).
    Stored(ChunkReceipt),
    /// The chunk broke a bound and nothing of it was stored.
    Refused(ChunkRefusal),
}

/// What storing one chunk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChunkReceipt {
    /// True when this sequence number was stored before (the chunk is ignored: idempotent).
    pub(crate) duplicate: bool,
    /// The runs of sequence numbers below the highest stored one that have not arrived, as
    /// inclusive `(first, last)` pairs, ascending. The gap bound keeps them few.
    pub(crate) missing: Vec<(u32, u32)>,
    /// The stream's size once it is complete: its final chunk and every chunk before it are
    /// stored.
    pub(crate) complete: Option<AssembledAudio>,
}

/// A complete stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AssembledAudio {
    /// How many chunks it has (the final sequence number plus one).
    pub(crate) chunks: u32,
    /// Its size in bytes, the sum of its chunks' sizes.
    pub(crate) size: u64,
}

/// The bytes of a complete stream, chunk after chunk in sequence order, read as they are
/// consumed so that no reader holds a whole stream in memory.
pub(crate) type AudioBytes = Pin<Box<dyn Stream<Item = StoreResult<Bytes>> + Send>>;

/// Audio streams of a session: chunks stored as they arrive, read back in order once complete.
///
/// A stream is identified by its session and its stream id; streams of different sessions, or
/// with different ids, never share anything. The first chunk flagged final fixes the stream's
/// length: a later chunk flagged final with another sequence number is stored as an ordinary
/// chunk, and chunks numbered above the final one are stored but never part of the stream. A
/// repeated sequence number is ignored entirely, its final flag included.
///
/// A complete stream is not copied into one object: its chunks are its content, and
/// [`AudioStore::read_stream`] hands them out one at a time. Each store keeps a small record per
/// stream ([`audio_stream::StreamState`]) and a byte count per session, written in one
/// transaction with each chunk, so that storing a chunk never lists the stream.
#[async_trait]
pub(crate) trait AudioStore: Send + Sync {
    /// Stores chunk `sequence` of `stream_id` unless it breaks one of `limits` (idempotent on a
    /// repeated sequence number: the first bytes win, and a repeat is never refused).
    async fn put_chunk(
        &self,
        session_id: &str,
        stream_id: &str,
        sequence: u32,
        is_final: bool,
        data: Bytes,
        limits: AudioLimits,
    ) -> StoreResult<PutChunk>;
    /// A complete stream's size and its bytes; `None` while it is incomplete or unknown.
    async fn read_stream(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<Option<(AssembledAudio, AudioBytes)>>;
}

/// The four stores of one backend.
#[derive(Clone)]
pub(crate) struct Storage {
    pub(crate) sessions: Arc<dyn SessionStore>,
    pub(crate) files: Arc<dyn FileStore>,
    pub(crate) results: Arc<dyn ResultStore>,
    pub(crate) audio: Arc<dyn AudioStore>,
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

/// What a newest-first listing holds (sessions, a session's executions): each stands at the
/// millisecond it was created, then its id, and a page token names that place.
pub(crate) trait Listed {
    /// Where it stands in its listing (larger is newer).
    fn order(&self) -> (i128, &str);
}

impl Listed for Session {
    fn order(&self) -> (i128, &str) {
        (
            self.created_at.unix_timestamp_nanos() / 1_000_000,
            self.session_id.as_str(),
        )
    }
}

impl Listed for ExecutionSummary {
    fn order(&self) -> (i128, &str) {
        (
            self.created_at.unix_timestamp_nanos() / 1_000_000,
            self.execution_id.as_str(),
        )
    }
}

/// The page token after `item`, read back by [`parse_page_token`].
pub(crate) fn page_token(item: &impl Listed) -> String {
    let (millis, id) = item.order();
    format!("{millis}~{id}")
}

/// The first `limit` of `items`, which are in listing order and may run on past the page, and
/// when they do, the token of the next page (after this page's last item).
fn first_page<T: Listed>(mut items: Vec<T>, limit: usize) -> (Vec<T>, Option<String>) {
    let next = if items.len() > limit {
        items.truncate(limit);
        items.last().map(page_token)
    } else {
        None
    };
    (items, next)
}

/// Reads a page token back; `None` when it is not one of ours.
pub(crate) fn parse_page_token(token: &str) -> Option<(i128, String)> {
    let (millis, id) = token.split_once('~')?;
    Some((millis.parse().ok()?, id.to_owned()))
}

/// Whether `item` comes after the page token in newest-first order.
pub(crate) fn after_token(item: &impl Listed, token: &(i128, String)) -> bool {
    item.order() < (token.0, token.1.as_str())
}
