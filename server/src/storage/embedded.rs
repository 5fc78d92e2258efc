//! The embedded backend: one SQLite database (WAL mode) in a local folder.
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
    FileStore, ResultStore, SessionPage, SessionQuery, SessionStore, Storage, StoreError,
    StoreResult, StoredFile, after_token, page_token, parse_page_token,
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
";

/// The database, shared by the three stores.
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
        results: store,
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
            // A panic while holding the lock leaves SQLite consistent (the transaction rolls
            // back), so a poisoned lock is still safe to use.
            let mut connection = connection
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
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
    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        let session = session.clone();
        let config = config_json(&session)?;
        self.with(move |c| {
            let inserted = c
                .execute(
                    "INSERT OR IGNORE INTO sessions (session_id, status, template_id, candidate_name, config, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
            if inserted == 0 { Err(StoreError::AlreadyExists) } else { Ok(()) }
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

    async fn update_session(&self, session: &Session) -> StoreResult<()> {
        let session = session.clone();
        let config = config_json(&session)?;
        self.with(move |c| {
            let updated = c
                .execute(
                    "UPDATE sessions SET status = ?2, template_id = ?3, candidate_name = ?4, config = ?5, updated_at = ?6
                     WHERE session_id = ?1",
                    params![
                        session.session_id,
                        session.status.as_str(),
                        session.template_id,
                        session.candidate_name,
                        config,
                        millis(session.updated_at)
                    ],
                )
                .map_err(backend)?;
            if updated == 0 { Err(StoreError::NotFound) } else { Ok(()) }
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
            let mut sessions: Vec<Session> = statement
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
            let next = if sessions.len() > query.limit {
                sessions.truncate(query.limit);
                sessions.last().map(page_token)
            } else {
                None
            };
            Ok(SessionPage { sessions, next })
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

    async fn create_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo> {
        let (id, path) = (session_id.to_owned(), path.to_owned());
        self.with(move |c| {
            let inserted = c
                .execute(
                    "INSERT OR IGNORE INTO files (session_id, file_path, content, last_modified) VALUES (?1, ?2, ?3, ?4)",
                    params![id, path, content.as_ref(), millis(at)],
                )
                .map_err(backend)?;
            if inserted == 0 {
                return Err(StoreError::AlreadyExists);
            }
            Ok(file_info(path, i64::try_from(content.len()).unwrap_or(i64::MAX), millis(at)))
        })
        .await
    }

    async fn update_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo> {
        let (id, path) = (session_id.to_owned(), path.to_owned());
        self.with(move |c| {
            let updated = c
                .execute(
                    "UPDATE files SET content = ?3, last_modified = ?4 WHERE session_id = ?1 AND file_path = ?2",
                    params![id, path, content.as_ref(), millis(at)],
                )
                .map_err(backend)?;
            if updated == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(file_info(path, i64::try_from(content.len()).unwrap_or(i64::MAX), millis(at)))
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
