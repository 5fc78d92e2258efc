//! The embedded backend: one SQLite database (WAL mode) in a local folder.
//!
//! Audio lives in three tables: `audio_chunks` holds every chunk as it arrives (keyed by session,
//! stream and sequence number, so a repeated sequence number is ignored), `audio_stream_states`
//! one small record per stream (see [`StreamState`]), and `audio_usage` each session's audio
//! bytes for its quota. A complete stream is read back chunk by chunk; it is never copied into
//! one blob.
//!
//! Every write is one transaction, committed before the call returns, so an acknowledged write
//! survives a crash of the process. SQLite calls block, so they run on tokio's blocking pool,
//! one at a time through a single connection (interview traffic is far below what that serves).

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use async_trait::async_trait;
use bytes::Bytes;
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use super::audio_stream::StreamState;
use super::{
    AssembledAudio, AudioBytes, AudioLimits, AudioStore, ChunkRefusal, ExecutionPage,
    ExecutionQuery, FileLimits, FileStore, PutChunk, ResultStore, SessionPage, SessionQuery,
    SessionStore, Storage, StoreError, StoreResult, StoredFile, WriteMode, after_token,
    parse_page_token,
};
use crate::model::{
    ExecutionRecord, ExecutionSummary, FileInfo, Session, SessionConfig, SessionStatus, Timestamp,
    file_type,
};

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS sessions (
        session_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        template_id TEXT NOT NULL,
        candidate_name TEXT,
        config TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_by_age ON sessions (created_at DESC, session_id DESC);
    CREATE TABLE IF NOT EXISTS files (
        session_id TEXT NOT NULL,
        file_path TEXT NOT NULL,
        content BLOB NOT NULL,
        last_modified INTEGER NOT NULL,
        PRIMARY KEY (session_id, file_path)
    );
    CREATE TABLE IF NOT EXISTS executions (
        session_id TEXT NOT NULL,
        execution_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        record TEXT NOT NULL,
        logs TEXT NOT NULL,
        PRIMARY KEY (session_id, execution_id)
    );
    CREATE INDEX IF NOT EXISTS executions_by_age
        ON executions (session_id, created_at DESC, execution_id DESC);
    CREATE TABLE IF NOT EXISTS audio_chunks (
        session_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (session_id, stream_id, sequence)
    );
    CREATE TABLE IF NOT EXISTS audio_stream_states (
        session_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (session_id, stream_id)
    );
    CREATE TABLE IF NOT EXISTS audio_usage (
        session_id TEXT PRIMARY KEY,
        bytes INTEGER NOT NULL
    );
";

/// The database, shared by the four stores.
#[derive(Clone)]
struct Embedded {
    connection: Arc<Mutex<Connection>>,
}

/// Opens (creating if needed) `data_dir/codebox.sqlite3`.
pub(crate) fn open(data_dir: &Path) -> anyhow::Result<Storage> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating the data folder {}", data_dir.display()))?;
    let path = data_dir.join("codebox.sqlite3");
    let connection =
        Connection::open(&path).with_context(|| format!("opening {}", path.display()))?;
    // WAL keeps readers and the writer apart; NORMAL syncs at checkpoints, which is durable
    // against a crash of the process (a crash of the machine may lose the last transactions).
    connection
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .context("configuring SQLite")?;
    connection
        .execute_batch(SCHEMA)
        .context("creating the schema")?;
    let store = Arc::new(Embedded {
        connection: Arc::new(Mutex::new(connection)),
    });
    Ok(Storage {
        sessions: store.clone(),
        files: store.clone(),
        results: store.clone(),
        audio: store,
        backend: "embedded",
    })
}

impl Embedded {
    /// Runs `f` on the connection on the blocking pool.
    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let mut connection = crate::sync::lock(&connection);
            f(&mut connection)
        })
        .await
        .map_err(|e| StoreError::Backend(format!("the storage task failed: {e}")))?
    }
}

fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(format!("sqlite: {e}"))
}

fn millis(t: Timestamp) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

fn from_millis(ms: i64) -> Timestamp {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn session_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Session> {
    let status: String = row.get(1)?;
    let config: String = row.get(4)?;
    Ok(Session {
        session_id: row.get(0)?,
        status: SessionStatus::parse(&status).unwrap_or(SessionStatus::Terminated),
        template_id: row.get(2)?,
        candidate_name: row.get(3)?,
        config: serde_json::from_str::<SessionConfig>(&config).unwrap_or_default(),
        created_at: from_millis(row.get(5)?),
        updated_at: from_millis(row.get(6)?),
    })
}

const SESSION_COLUMNS: &str =
    "session_id, status, template_id, candidate_name, config, created_at, updated_at";

fn config_json(session: &Session) -> StoreResult<String> {
    serde_json::to_string(&session.config)
        .map_err(|e| StoreError::Backend(format!("encoding a session config: {e}")))
}

fn file_info(path: String, size: i64, last_modified: i64) -> FileInfo {
    FileInfo {
        file_type: file_type(&path),
        file_path: path,
        size: u64::try_from(size).unwrap_or(0),
        last_modified: from_millis(last_modified),
    }
}

#[async_trait]
impl SessionStore for Embedded {
    async fn write_session(&self, session: &Session, mode: WriteMode) -> StoreResult<()> {
        let sql = match mode {
            WriteMode::Create => {
                "INSERT OR IGNORE INTO sessions (session_id, status, template_id, candidate_name, config, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            }
            // The creation time never changes, so ?6 goes unused.
            WriteMode::Update => {
                "UPDATE sessions SET status = ?2, template_id = ?3, candidate_name = ?4, config = ?5, updated_at = ?7
                 WHERE session_id = ?1"
            }
        };
        let session = session.clone();
        let config = config_json(&session)?;
        self.with(move |c| {
            let written = c
                .execute(
                    sql,
                    params![
                        session.session_id,
                        session.status.as_str(),
                        session.template_id,
                        session.candidate_name,
                        config,
                        millis(session.created_at),
                        millis(session.updated_at)
                    ],
                )
                .map_err(backend)?;
            if written == 0 {
                Err(mode.conflict())
            } else {
                Ok(())
            }
        })
        .await
    }

    async fn get_session(&self, session_id: &str) -> StoreResult<Option<Session>> {
        let id = session_id.to_owned();
        self.with(move |c| {
            c.query_row(
                &format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE session_id = ?1"),
                [id],
                session_from_row,
            )
            .optional()
            .map_err(backend)
        })
        .await
    }

    async fn list_sessions(&self, query: &SessionQuery) -> StoreResult<SessionPage> {
        let query = query.clone();
        self.with(move |c| {
            let after = query.after.as_deref().and_then(parse_page_token);
            let mut statement = c
                .prepare(&format!(
                    "SELECT {SESSION_COLUMNS} FROM sessions
                     WHERE (?1 IS NULL OR status = ?1)
                       AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND session_id < ?3))
                     ORDER BY created_at DESC, session_id DESC LIMIT ?4"
                ))
                .map_err(backend)?;
            let limit = i64::try_from(query.limit + 1).unwrap_or(i64::MAX);
            let status = query.status.map(SessionStatus::as_str);
            let (after_millis, after_id) = match &after {
                Some((ms, id)) => (
                    Some(i64::try_from(*ms).unwrap_or(i64::MAX)),
                    Some(id.clone()),
                ),
                None => (None, None),
            };
            let sessions: Vec<Session> = statement
                .query_map(
                    params![status, after_millis, after_id, limit],
                    session_from_row,
                )
                .map_err(backend)?
                .collect::<rusqlite::Result<_>>()
                .map_err(backend)?;
            debug_assert!(
                after
                    .as_ref()
                    .is_none_or(|t| sessions.iter().all(|s| after_token(s, t)))
            );
            Ok(SessionPage::first(sessions, query.limit))
        })
        .await
    }

    async fn ping(&self) -> StoreResult<()> {
        self.with(|c| c.query_row("SELECT 1", [], |_| Ok(())).map_err(backend))
            .await
    }
}

#[async_trait]
impl FileStore for Embedded {
    async fn write_file(
        &self,
        mode: WriteMode,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
        limits: FileLimits,
    ) -> StoreResult<FileInfo> {
        let sql = match mode {
            WriteMode::Create => {
                "INSERT INTO files (session_id, file_path, content, last_modified) VALUES (?1, ?2, ?3, ?4)"
            }
            WriteMode::Update => {
                "UPDATE files SET content = ?3, last_modified = ?4 WHERE session_id = ?1 AND file_path = ?2"
            }
        };
        let (id, path) = (session_id.to_owned(), path.to_owned());
        // The connection is this process's only one, held for the whole closure: the session's
        // usage read here is still its usage when the write below happens.
        self.with(move |c| {
            let (files, bytes, old): (u64, u64, Option<u64>) = c
                .query_row(
                    "SELECT count(*), coalesce(sum(length(content)), 0), \
                     (SELECT length(content) FROM files WHERE session_id = ?1 AND file_path = ?2) \
                     FROM files WHERE session_id = ?1",
                    [&id, &path],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .map_err(backend)?;
            if old.is_some() != (mode == WriteMode::Update) {
                return Err(mode.conflict());
            }
            let size = content.len() as u64;
            let files_after = files + u64::from(old.is_none());
            if let Some(quota) = limits.passed(files_after, bytes - old.unwrap_or(0) + size) {
                return Err(StoreError::OverQuota(quota));
            }
            c.execute(sql, params![id, path, content.as_ref(), millis(at)])
                .map_err(backend)?;
            Ok(file_info(
                path,
                i64::try_from(size).unwrap_or(i64::MAX),
                millis(at),
            ))
        })
        .await
    }

    async fn list_files(&self, session_id: &str) -> StoreResult<Vec<FileInfo>> {
        let id = session_id.to_owned();
        self.with(move |c| {
            let mut statement = c
                .prepare(
                    "SELECT file_path, length(content), last_modified FROM files WHERE session_id = ?1 ORDER BY file_path",
                )
                .map_err(backend)?;
            statement
                .query_map([id], |row| Ok(file_info(row.get(0)?, row.get(1)?, row.get(2)?)))
                .map_err(backend)?
                .collect::<rusqlite::Result<_>>()
                .map_err(backend)
        })
        .await
    }

    async fn get_file(&self, session_id: &str, path: &str) -> StoreResult<Option<StoredFile>> {
        let (id, path) = (session_id.to_owned(), path.to_owned());
        self.with(move |c| {
            c.query_row(
                "SELECT file_path, content, last_modified FROM files WHERE session_id = ?1 AND file_path = ?2",
                [id, path],
                |row| {
                    let content: Vec<u8> = row.get(1)?;
                    let size = i64::try_from(content.len()).unwrap_or(i64::MAX);
                    Ok(StoredFile { info: file_info(row.get(0)?, size, row.get(2)?), content: Bytes::from(content) })
                },
            )
            .optional()
            .map_err(backend)
        })
        .await
    }

    async fn delete_file(&self, session_id: &str, path: &str) -> StoreResult<()> {
        let (id, path) = (session_id.to_owned(), path.to_owned());
        self.with(move |c| {
            let deleted = c
                .execute(
                    "DELETE FROM files WHERE session_id = ?1 AND file_path = ?2",
                    [id, path],
                )
                .map_err(backend)?;
            if deleted == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(())
            }
        })
        .await
    }
}

#[async_trait]
impl ResultStore for Embedded {
    async fn put_execution(&self, record: &ExecutionRecord, logs: &str) -> StoreResult<()> {
        let json = serde_json::to_string(record)
            .map_err(|e| StoreError::Backend(format!("encoding a result: {e}")))?;
        let (session, id, at, logs) = (
            record.session_id.clone(),
            record.execution_id.clone(),
            millis(record.created_at),
            logs.to_owned(),
        );
        self.with(move |c| {
            c.execute(
                "INSERT OR REPLACE INTO executions (session_id, execution_id, created_at, record, logs) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![session, id, at, json, logs],
            )
            .map_err(backend)?;
            Ok(())
        })
        .await
    }

    async fn list_executions(
        &self,
        session_id: &str,
        query: &ExecutionQuery,
    ) -> StoreResult<ExecutionPage> {
        let id = session_id.to_owned();
        let (after_millis, after_id) = match &query.after {
            Some((millis, id)) => (Some(i64::try_from(*millis).unwrap_or(i64::MAX)), id.clone()),
            None => (None, String::new()),
        };
        let limit = query.limit;
        // One row past the page tells whether another page follows.
        let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
        let executions = self
            .with(move |c| {
                let mut statement = c
                    .prepare(
                        "SELECT record FROM executions WHERE session_id = ?1 \
                         AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND execution_id < ?3)) \
                         ORDER BY created_at DESC, execution_id DESC LIMIT ?4",
                    )
                    .map_err(backend)?;
                let records: Vec<String> = statement
                    .query_map(params![id, after_millis, after_id, fetch], |row| row.get(0))
                    .map_err(backend)?
                    .collect::<rusqlite::Result<_>>()
                    .map_err(backend)?;
                records
                    .iter()
                    .map(|json| {
                        serde_json::from_str::<ExecutionRecord>(json)
                            .map(|r| ExecutionSummary::from(&r))
                            .map_err(|e| StoreError::Backend(format!("decoding a result: {e}")))
                    })
                    .collect::<StoreResult<Vec<_>>>()
            })
            .await?;
        Ok(ExecutionPage::first(executions, limit))
    }

    async fn get_execution(
        &self,
        session_id: &str,
        execution_id: &str,
    ) -> StoreResult<Option<ExecutionRecord>> {
        let (session, id) = (session_id.to_owned(), execution_id.to_owned());
        self.with(move |c| {
            let json: Option<String> = c
                .query_row(
                    "SELECT record FROM executions WHERE session_id = ?1 AND execution_id = ?2",
                    [session, id],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            json.map(|j| {
                serde_json::from_str(&j)
                    .map_err(|e| StoreError::Backend(format!("decoding a result: {e}")))
            })
            .transpose()
        })
        .await
    }
}

/// A stream's record, or an empty one when no chunk of it has been stored.
fn stream_state(c: &Connection, session_id: &str, stream_id: &str) -> StoreResult<StreamState> {
    let json: Option<String> = c
        .query_row(
            "SELECT state FROM audio_stream_states WHERE session_id = ?1 AND stream_id = ?2",
            [session_id, stream_id],
            |row| row.get(0),
        )
        .optional()
        .map_err(backend)?;
    json.map_or(Ok(StreamState::default()), |json| {
        serde_json::from_str(&json).map_err(|e| {
            StoreError::Backend(format!(
                "the record of audio stream {stream_id} of session {session_id}: {e}"
            ))
        })
    })
}

/// The bytes of audio chunks a session has stored, all streams together.
fn audio_bytes_used(c: &Connection, session_id: &str) -> StoreResult<u64> {
    let used: Option<i64> = c
        .query_row(
            "SELECT bytes FROM audio_usage WHERE session_id = ?1",
            [session_id],
            |row| row.get(0),
        )
        .optional()
        .map_err(backend)?;
    Ok(used.map_or(0, |used| u64::try_from(used).unwrap_or(0)))
}

/// One stored chunk's bytes, read while a stream is being streamed out.
fn chunk_data(
    c: &Connection,
    session_id: &str,
    stream_id: &str,
    sequence: u32,
) -> StoreResult<Bytes> {
    let data: Option<Vec<u8>> = c
        .query_row(
            "SELECT data FROM audio_chunks WHERE session_id = ?1 AND stream_id = ?2 AND sequence = ?3",
            params![session_id, stream_id, sequence],
            |row| row.get(0),
        )
        .optional()
        .map_err(backend)?;
    data.map(Bytes::from).ok_or_else(|| {
        StoreError::Backend(format!(
            "chunk {sequence} of audio stream {stream_id} of session {session_id} is recorded but not stored"
        ))
    })
}

fn sql_size(size: u64) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX)
}

#[async_trait]
impl AudioStore for Embedded {
    async fn put_chunk(
        &self,
        session_id: &str,
        stream_id: &str,
        sequence: u32,
        is_final: bool,
        data: Bytes,
        limits: AudioLimits,
    ) -> StoreResult<PutChunk> {
        let (session, stream) = (session_id.to_owned(), stream_id.to_owned());
        self.with(move |c| {
            // The record, the chunk and the session's byte count change in one transaction, so
            // two chunks never pass the quota on the same count.
            let transaction = c.transaction().map_err(backend)?;
            let mut state = stream_state(&transaction, &session, &stream)?;
            if state.contains(sequence) {
                return Ok(PutChunk::Stored(state.receipt(true)));
            }
            if let Err(refusal) = state.admit(sequence, limits) {
                return Ok(PutChunk::Refused(refusal));
            }
            let used = audio_bytes_used(&transaction, &session)?;
            let size = data.len() as u64;
            if used.saturating_add(size) > limits.session_bytes {
                return Ok(PutChunk::Refused(ChunkRefusal::QuotaExceeded {
                    used,
                    limit: limits.session_bytes,
                }));
            }
            let inserted = transaction
                .execute(
                    "INSERT OR IGNORE INTO audio_chunks (session_id, stream_id, sequence, data) VALUES (?1, ?2, ?3, ?4)",
                    params![session, stream, sequence, data.as_ref()],
                )
                .map_err(backend)?;
            // A chunk that a version without stream records stored is taken as it is: the
            // first bytes win, and its size is what counts.
            let size = if inserted == 0 {
                let stored: i64 = transaction
                    .query_row(
                        "SELECT length(data) FROM audio_chunks WHERE session_id = ?1 AND stream_id = ?2 AND sequence = ?3",
                        params![session, stream, sequence],
                        |row| row.get(0),
                    )
                    .map_err(backend)?;
                u64::try_from(stored).unwrap_or(0)
            } else {
                size
            };
            state.record(sequence, is_final, size);
            let json = serde_json::to_string(&state)
                .map_err(|e| StoreError::Backend(format!("encoding a stream record: {e}")))?;
            transaction
                .execute(
                    "INSERT INTO audio_stream_states (session_id, stream_id, state) VALUES (?1, ?2, ?3)
                     ON CONFLICT (session_id, stream_id) DO UPDATE SET state = excluded.state",
                    params![session, stream, json],
                )
                .map_err(backend)?;
            transaction
                .execute(
                    "INSERT INTO audio_usage (session_id, bytes) VALUES (?1, ?2)
                     ON CONFLICT (session_id) DO UPDATE SET bytes = bytes + excluded.bytes",
                    params![session, sql_size(size)],
                )
                .map_err(backend)?;
            transaction.commit().map_err(backend)?;
            Ok(PutChunk::Stored(state.receipt(false)))
        })
        .await
    }

    async fn read_stream(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<Option<(AssembledAudio, AudioBytes)>> {
        let (session, stream) = (session_id.to_owned(), stream_id.to_owned());
        let complete = {
            let (session, stream) = (session.clone(), stream.clone());
            self.with(move |c| Ok(stream_state(c, &session, &stream)?.complete()))
                .await?
        };
        let Some(info) = complete else {
            return Ok(None);
        };
        // Each chunk is read on its own, so the connection is held for one chunk at a time and
        // never while a whole stream is read or sent.
        let store = self.clone();
        let bytes = futures_util::stream::unfold(0, move |sequence| {
            let (store, session, stream) = (store.clone(), session.clone(), stream.clone());
            async move {
                if sequence >= info.chunks {
                    return None;
                }
                let chunk = store
                    .with(move |c| chunk_data(c, &session, &stream, sequence))
                    .await;
                // After a failure the stream ends: the reader has what it needs to report it.
                let next = if chunk.is_ok() {
                    sequence + 1
                } else {
                    info.chunks
                };
                Some((chunk, next))
            }
        });
        Ok(Some((info, Box::pin(bytes) as AudioBytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::audio_contract;

    /// An embedded store in a fresh folder, removed when the folder guard is dropped.
    fn store() -> (tempfile::TempDir, Storage) {
        let dir = tempfile::tempdir().unwrap();
        let storage = open(dir.path()).unwrap();
        (dir, storage)
    }

    fn session(id: &str, status: SessionStatus, created_at: Timestamp) -> Session {
        Session {
            session_id: id.to_owned(),
            status,
            template_id: "two-sum".to_owned(),
            candidate_name: Some("Ada".to_owned()),
            config: SessionConfig::default(),
            created_at,
            updated_at: created_at,
        }
    }

    #[tokio::test]
    async fn sessions_are_created_once_and_updated_in_place() {
        let (_dir, storage) = store();
        let sessions = &storage.sessions;
        let created = session("s-1", SessionStatus::Active, from_millis(1_000));
        sessions.create_session(&created).await.unwrap();
        let duplicate = session("s-1", SessionStatus::Terminated, from_millis(2_000));
        assert!(matches!(
            sessions.create_session(&duplicate).await,
            Err(StoreError::AlreadyExists)
        ));
        assert_eq!(
            sessions.get_session("s-1").await.unwrap(),
            Some(created.clone())
        );

        // An update changes everything but the creation time, which it cannot move.
        let mut updated = session("s-1", SessionStatus::Completed, from_millis(5_000));
        updated.candidate_name = None;
        updated.config.timeout_ms = Some(100);
        updated.updated_at = from_millis(6_000);
        sessions.update_session(&updated).await.unwrap();
        updated.created_at = created.created_at;
        assert_eq!(sessions.get_session("s-1").await.unwrap(), Some(updated));

        let ghost = session("s-ghost", SessionStatus::Active, from_millis(1_000));
        assert!(matches!(
            sessions.update_session(&ghost).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(sessions.get_session("s-ghost").await.unwrap(), None);
    }

    #[tokio::test]
    async fn files_are_created_once_and_updated_in_place() {
        let (_dir, storage) = store();
        let files = &storage.files;
        let at = from_millis(1_000);
        let info = files
            .create_file("s-1", "main.py", Bytes::from_static(b"one"), at)
            .await
            .unwrap();
        let expected = |size, last_modified| FileInfo {
            file_path: "main.py".to_owned(),
            size,
            last_modified,
            file_type: "python".to_owned(),
        };
        assert_eq!(info, expected(3, at));
        assert!(matches!(
            files
                .create_file("s-1", "main.py", Bytes::from_static(b"two"), at)
                .await,
            Err(StoreError::AlreadyExists)
        ));
        let later = from_millis(2_000);
        let info = files
            .update_file("s-1", "main.py", Bytes::from_static(b"three"), later)
            .await
            .unwrap();
        assert_eq!(info, expected(5, later));
        let stored = files.get_file("s-1", "main.py").await.unwrap().unwrap();
        assert_eq!(stored.content, Bytes::from_static(b"three"));
        assert_eq!(stored.info, info);
        assert!(matches!(
            files
                .update_file("s-1", "missing.py", Bytes::from_static(b"x"), later)
                .await,
            Err(StoreError::NotFound)
        ));
        assert!(files.get_file("s-1", "missing.py").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn audio_in_order_is_read_back_from_its_chunks() {
        let (dir, storage) = store();
        audio_contract::in_order_stream(&*storage.audio, "s-1", "mic").await;
        // The stream is its chunks, a record and the session's byte count: no copy of it.
        let connection = Connection::open(dir.path().join("codebox.sqlite3")).unwrap();
        let query =
            |sql: &str| -> String { connection.query_row(sql, [], |row| row.get(0)).unwrap() };
        assert_eq!(
            query("SELECT group_concat(sequence || ':' || length(data)) FROM audio_chunks"),
            "0:1000,1:333,2:1"
        );
        assert_eq!(
            query(
                "SELECT state FROM audio_stream_states WHERE session_id = 's-1' AND stream_id = 'mic'"
            ),
            r#"{"prefix":3,"prefixBytes":1334,"above":{},"finalSequence":2}"#
        );
        assert_eq!(
            query("SELECT CAST(bytes AS TEXT) FROM audio_usage WHERE session_id = 's-1'"),
            "1334"
        );
    }

    #[tokio::test]
    async fn audio_gaps_are_reported_and_the_stream_waits_for_them() {
        let (_dir, storage) = store();
        audio_contract::gap_then_filled(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_duplicates_keep_the_first_bytes() {
        let (_dir, storage) = store();
        audio_contract::duplicates_and_finals(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_streams_and_sessions_are_kept_apart() {
        let (_dir, storage) = store();
        audio_contract::streams_and_sessions_apart(&*storage.audio, ["s-1", "s-2"]).await;
    }

    #[tokio::test]
    async fn audio_quota_obeyed() {
        let (_dir, storage) = store();
        audio_contract::audio_quota_obeyed(&*storage.audio, "s-1").await;
    }

    #[tokio::test]
    async fn audio_quota_violated() {
        let (_dir, storage) = store();
        audio_contract::audio_quota_violated(&*storage.audio, "s-1").await;
    }

    #[tokio::test]
    async fn audio_sequence_gap_obeyed() {
        let (_dir, storage) = store();
        audio_contract::sequence_gap_obeyed(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_sequence_gap_violated() {
        let (_dir, storage) = store();
        audio_contract::sequence_gap_violated(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_survives_reopening() {
        let (dir, storage) = store();
        fn stream(storage: &Storage) -> audio_contract::Stream<'_> {
            audio_contract::Stream {
                store: &*storage.audio,
                session: "s-1",
                stream: "mic",
            }
        }
        stream(&storage)
            .put(0, false, Bytes::from_static(b"ab"))
            .await;
        stream(&storage)
            .put(2, true, Bytes::from_static(b"ef"))
            .await;
        drop(storage);
        let storage = open(dir.path()).unwrap();
        assert_eq!(
            stream(&storage)
                .put(1, false, Bytes::from_static(b"cd"))
                .await,
            audio_contract::receipt(false, &[], Some((3, 6)))
        );
        assert_eq!(
            stream(&storage).read().await,
            Some((
                AssembledAudio { chunks: 3, size: 6 },
                Bytes::from_static(b"abcdef")
            ))
        );
    }
}
