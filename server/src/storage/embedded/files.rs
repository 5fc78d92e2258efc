//! Files in the `files` table: path, bytes and time, with the session's bounds checked in the
//! write itself.

use async_trait::async_trait;
use bytes::Bytes;
use rusqlite::{OptionalExtension, params};

use super::{Embedded, backend, from_millis, millis};
use crate::model::{FileInfo, Timestamp, file_type};
use crate::storage::{FileLimits, FileStore, StoreError, StoreResult, StoredFile, WriteMode};

fn file_info(path: String, size: i64, last_modified: i64) -> FileInfo {
    FileInfo {
        file_type: file_type(&path),
        file_path: path,
        size: u64::try_from(size).unwrap_or(0),
        last_modified: from_millis(last_modified),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::embedded::tests::store;

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
}
