//! The embedded backend: one SQLite database (WAL mode) in a local folder.
//!
//! Audio lives in two tables: `audio_chunks` holds every chunk as it arrives (keyed by session,
//! stream and sequence number, so a repeated sequence number is ignored), and `audio_streams`
//! holds one row per stream with its final sequence number and, once assembled, the whole
//! stream as one blob with its size and chunk count.
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

use super::{
    AssembledAudio, AudioStore, ChunkReceipt, FileStore, ResultStore, SessionPage, SessionQuery,
    SessionStore, Storage, StoreError, StoreResult, StoredFile, WriteMode, after_token,
    missing_sequences, parse_page_token,
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
    CREATE TABLE IF NOT EXISTS audio_chunks (
        session_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (session_id, stream_id, sequence)
    );
    CREATE TABLE IF NOT EXISTS audio_streams (
        session_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        final_sequence INTEGER,
        assembled BLOB,
        size INTEGER,
        chunks INTEGER,
        PRIMARY KEY (session_id, stream_id)
    );
";

/// The database, shared by the four stores.
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
    ) -> StoreResult<FileInfo> {
        let sql = match mode {
            WriteMode::Create => {
                "INSERT OR IGNORE INTO files (session_id, file_path, content, last_modified) VALUES (?1, ?2, ?3, ?4)"
            }
            WriteMode::Update => {
                "UPDATE files SET content = ?3, last_modified = ?4 WHERE session_id = ?1 AND file_path = ?2"
            }
        };
        let (id, path) = (session_id.to_owned(), path.to_owned());
        self.with(move |c| {
            let written = c
                .execute(sql, params![id, path, content.as_ref(), millis(at)])
                .map_err(backend)?;
            if written == 0 {
                return Err(mode.conflict());
            }
            Ok(file_info(
                path,
                i64::try_from(content.len()).unwrap_or(i64::MAX),
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
                "INSERT INTO executions (session_id, execution_id, created_at, record, logs) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![session, id, at, json, logs],
            )
            .map_err(backend)?;
            Ok(())
        })
        .await
    }

    async fn list_executions(&self, session_id: &str) -> StoreResult<Vec<ExecutionSummary>> {
        let id = session_id.to_owned();
        self.with(move |c| {
            let mut statement = c
                .prepare(
                    "SELECT record FROM executions WHERE session_id = ?1 ORDER BY created_at DESC, execution_id DESC",
                )
                .map_err(backend)?;
            let records: Vec<String> =
                statement.query_map([id], |row| row.get(0)).map_err(backend)?.collect::<rusqlite::Result<_>>().map_err(backend)?;
            records
                .iter()
                .map(|json| {
                    serde_json::from_str::<ExecutionRecord>(json)
                        .map(|r| ExecutionSummary::from(&r))
                        .map_err(|e| StoreError::Backend(format!("decoding a result: {e}")))
                })
                .collect()
        })
        .await
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

/// The sequence numbers of a stream's stored chunks, ascending.
fn stored_sequences(c: &Connection, session_id: &str, stream_id: &str) -> StoreResult<Vec<u32>> {
    let mut statement = c
        .prepare_cached(
            "SELECT sequence FROM audio_chunks WHERE session_id = ?1 AND stream_id = ?2 ORDER BY sequence",
        )
        .map_err(backend)?;
    statement
        .query_map([session_id, stream_id], |row| row.get::<_, u32>(0))
        .map_err(backend)?
        .collect::<rusqlite::Result<_>>()
        .map_err(backend)
}

/// A stream's final sequence number, when its final chunk has arrived.
fn final_sequence(c: &Connection, session_id: &str, stream_id: &str) -> StoreResult<Option<u32>> {
    let found: Option<Option<u32>> = c
        .query_row(
            "SELECT final_sequence FROM audio_streams WHERE session_id = ?1 AND stream_id = ?2",
            [session_id, stream_id],
            |row| row.get(0),
        )
        .optional()
        .map_err(backend)?;
    Ok(found.flatten())
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
    ) -> StoreResult<ChunkReceipt> {
        let (session, stream) = (session_id.to_owned(), stream_id.to_owned());
        self.with(move |c| {
            let transaction = c.transaction().map_err(backend)?;
            let inserted = transaction
                .execute(
                    "INSERT OR IGNORE INTO audio_chunks (session_id, stream_id, sequence, data) VALUES (?1, ?2, ?3, ?4)",
                    params![session, stream, sequence, data.as_ref()],
                )
                .map_err(backend)?;
            transaction
                .execute(
                    "INSERT OR IGNORE INTO audio_streams (session_id, stream_id) VALUES (?1, ?2)",
                    [&session, &stream],
                )
                .map_err(backend)?;
            let duplicate = inserted == 0;
            if is_final && !duplicate {
                // The first final chunk fixes the stream's length.
                transaction
                    .execute(
                        "UPDATE audio_streams SET final_sequence = ?3
                         WHERE session_id = ?1 AND stream_id = ?2 AND final_sequence IS NULL",
                        params![session, stream, sequence],
                    )
                    .map_err(backend)?;
            }
            let missing = missing_sequences(&stored_sequences(&transaction, &session, &stream)?);
            let final_sequence = final_sequence(&transaction, &session, &stream)?;
            transaction.commit().map_err(backend)?;
            Ok(ChunkReceipt { duplicate, missing, final_sequence })
        })
        .await
    }

    async fn assemble(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<Option<AssembledAudio>> {
        let (session, stream) = (session_id.to_owned(), stream_id.to_owned());
        self.with(move |c| {
            let transaction = c.transaction().map_err(backend)?;
            let done: Option<(Option<i64>, Option<u32>)> = transaction
                .query_row(
                    "SELECT size, chunks FROM audio_streams
                     WHERE session_id = ?1 AND stream_id = ?2 AND assembled IS NOT NULL",
                    [&session, &stream],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()
                .map_err(backend)?;
            if let Some((size, chunks)) = done {
                return match (size.and_then(|s| u64::try_from(s).ok()), chunks) {
                    (Some(size), Some(chunks)) => Ok(Some(AssembledAudio { chunks, size })),
                    _ => Err(StoreError::Backend(format!(
                        "audio stream {stream} of session {session} is assembled without its size"
                    ))),
                };
            }
            let Some(last) = final_sequence(&transaction, &session, &stream)? else {
                return Ok(None);
            };
            let present: i64 = transaction
                .query_row(
                    "SELECT count(*) FROM audio_chunks WHERE session_id = ?1 AND stream_id = ?2 AND sequence <= ?3",
                    params![session, stream, last],
                    |row| row.get(0),
                )
                .map_err(backend)?;
            if present != i64::from(last) + 1 {
                return Ok(None);
            }
            let mut assembled = Vec::new();
            {
                let mut statement = transaction
                    .prepare(
                        "SELECT data FROM audio_chunks WHERE session_id = ?1 AND stream_id = ?2 AND sequence <= ?3
                         ORDER BY sequence",
                    )
                    .map_err(backend)?;
                let mut rows = statement.query(params![session, stream, last]).map_err(backend)?;
                while let Some(row) = rows.next().map_err(backend)? {
                    let data = row.get_ref(0).map_err(backend)?.as_blob().map_err(|e| {
                        StoreError::Backend(format!("sqlite: an audio chunk is not a blob: {e}"))
                    })?;
                    assembled.extend_from_slice(data);
                }
            }
            let size = assembled.len() as u64;
            let chunks = last.saturating_add(1);
            transaction
                .execute(
                    "UPDATE audio_streams SET assembled = ?3, size = ?4, chunks = ?5
                     WHERE session_id = ?1 AND stream_id = ?2",
                    params![session, stream, assembled, i64::try_from(size).unwrap_or(i64::MAX), chunks],
                )
                .map_err(backend)?;
            transaction.commit().map_err(backend)?;
            Ok(Some(AssembledAudio { chunks, size }))
        })
        .await
    }

    async fn get_assembled(&self, session_id: &str, stream_id: &str) -> StoreResult<Option<Bytes>> {
        let (session, stream) = (session_id.to_owned(), stream_id.to_owned());
        self.with(move |c| {
            let assembled: Option<Option<Vec<u8>>> = c
                .query_row(
                    "SELECT assembled FROM audio_streams WHERE session_id = ?1 AND stream_id = ?2",
                    [session, stream],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            Ok(assembled.flatten().map(Bytes::from))
        })
        .await
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
    async fn audio_in_order_is_assembled() {
        let (dir, storage) = store();
        let assembled = audio_contract::in_order_stream(&*storage.audio, "s-1", "mic").await;
        // The assembled blob, its size and its chunk count are in the stream's row.
        let connection = Connection::open(dir.path().join("codebox.sqlite3")).unwrap();
        let row: (Option<u32>, Vec<u8>, i64, u32) = connection
            .query_row(
                "SELECT final_sequence, assembled, size, chunks FROM audio_streams WHERE session_id = 's-1' AND stream_id = 'mic'",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .unwrap();
        assert_eq!(row, (Some(2), assembled.to_vec(), 1334, 3));
    }

    #[tokio::test]
    async fn audio_gaps_are_reported_and_assembly_waits_for_them() {
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
    async fn audio_survives_reopening() {
        let (dir, storage) = store();
        let audio = &storage.audio;
        audio
            .put_chunk("s-1", "mic", 0, false, Bytes::from_static(b"ab"))
            .await
            .unwrap();
        audio
            .put_chunk("s-1", "mic", 2, true, Bytes::from_static(b"ef"))
            .await
            .unwrap();
        drop(storage);
        let storage = open(dir.path()).unwrap();
        let receipt = storage
            .audio
            .put_chunk("s-1", "mic", 1, false, Bytes::from_static(b"cd"))
            .await
            .unwrap();
        assert_eq!(receipt, audio_contract::receipt(false, &[], Some(2)));
        assert_eq!(
            storage.audio.assemble("s-1", "mic").await.unwrap(),
            Some(AssembledAudio { chunks: 3, size: 6 })
        );
        assert_eq!(
            storage.audio.get_assembled("s-1", "mic").await.unwrap(),
            Some(Bytes::from_static(b"abcdef"))
        );
    }
}
