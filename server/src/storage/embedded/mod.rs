//! The embedded backend: one SQLite database (WAL mode) in a local folder.
//!
//! `sessions.rs`, `files.rs`, `executions.rs` and `audio.rs` are the four stores over it.
//!
//! Every write is one transaction, committed before the call returns, so an acknowledged write
//! survives a crash of the process. SQLite calls block, so they run on tokio's blocking pool,
//! one at a time through a single connection (interview traffic is far below what that serves).

mod audio;
mod executions;
mod files;
mod sessions;

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use rusqlite::Connection;
use time::OffsetDateTime;

use super::{Storage, StoreError, StoreResult};
use crate::model::Timestamp;

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
pub(super) struct Embedded {
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
    pub(super) async fn with<T: Send + 'static>(
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

pub(super) fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(format!("sqlite: {e}"))
}

pub(super) fn millis(t: Timestamp) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

pub(super) fn from_millis(ms: i64) -> Timestamp {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// An embedded store in a fresh folder, removed when the folder guard is dropped.
    pub(crate) fn store() -> (tempfile::TempDir, Storage) {
        let dir = tempfile::tempdir().unwrap();
        let storage = open(dir.path()).unwrap();
        (dir, storage)
    }
}
