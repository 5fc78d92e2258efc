//! Files: list, read, create, update, delete, with the path, size and quota rules.

use bytes::Bytes;
use serde::Deserialize;
use utoipa::ToSchema;

use super::Services;
use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::events::{FileChangeKind, FileEvent};
use crate::model::{FileContent, FileInfo, now};
use crate::storage::{FileLimits, Quota, StoreError, WriteMode};

/// `POST /sessions/{id}/files`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CreateFile {
    /// Relative path, `/`-separated (`utils/helper.py`).
    pub(crate) file_path: String,
    /// UTF-8 text.
    pub(crate) content: String,
}

/// `PUT /sessions/{id}/files/{filePath}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct UpdateFile {
    /// The new content, UTF-8 text.
    pub(crate) content: String,
}

/// Longest path a session may store, in bytes: what keeps its S3 key
/// (`interview-sessions/session-{uuid}/files/{path}`) within S3's and DynamoDB's 1,024 bytes.
pub(crate) const MAX_STORED_PATH_BYTES: usize =
    1024 - "interview-sessions/session-".len() - 36 - "/files/".len();

/// Checks a file path: the runtime's rules (relative, normalised, no `..`, no empty or dot
/// segments, no control characters, names of at most 255 bytes, bounded length and depth).
/// A leading `/` is accepted and dropped, since the spec writes paths as `/utils/helper.py`.
pub(crate) fn check_path(path: &str) -> Result<String, ApiError> {
    let path = path.strip_prefix('/').unwrap_or(path);
    codebox_runtime::validate_path(path)
        .map_err(|e| ApiError::bad_request("invalid_path", e.to_string()))?;
    Ok(path.to_owned())
}

/// Checks a path about to be stored: [`check_path`]'s rules, and a length that every backend
/// stores.
fn check_new_path(path: &str) -> Result<String, ApiError> {
    let path = check_path(path)?;
    if path.len() > MAX_STORED_PATH_BYTES {
        return Err(ApiError::bad_request(
            "invalid_path",
            format!(
                "invalid file path: it is {} bytes long; a session stores paths of at most {MAX_STORED_PATH_BYTES} bytes",
                path.len()
            ),
        ));
    }
    Ok(path)
}

/// Refuses a new `path` that would be both a file and a folder in `files`: a file where a
/// folder of that name holds files (`a` beside `a/b.py`), or a file inside what is a file
/// (`a/b.py` beside `a`). No filesystem can hold both, so no run could materialise them.
fn check_no_clash(path: &str, files: &[FileInfo]) -> Result<(), ApiError> {
    let clash = files.iter().find_map(|f| {
        let existing = f.file_path.as_str();
        let under = |folder: &str, inside: &str| {
            inside
                .strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/'))
        };
        if under(path, existing) {
            Some(format!(
                "{path:?} is a folder of this session (it holds {existing:?})"
            ))
        } else if under(existing, path) {
            Some(format!(
                "{existing:?} is a file of this session, not a folder"
            ))
        } else {
            None
        }
    });
    match clash {
        Some(why) => Err(ApiError::bad_request(
            "invalid_path",
            format!("invalid file path {path:?}: {why}"),
        )),
        None => Ok(()),
    }
}

fn file_not_found(path: &str) -> ApiError {
    ApiError::not_found(
        "file_not_found",
        format!("there is no file {path:?} in this session"),
    )
}

impl Services {
    fn check_size(&self, content: &str) -> Result<(), ApiError> {
        if content.len() as u64 > self.config.max_file_size {
            return Err(ApiError::too_large(
                "file_too_large",
                format!(
                    "the file is {} bytes; the limit is {} (MAX_FILE_SIZE)",
                    content.len(),
                    self.config.max_file_size
                ),
            ));
        }
        Ok(())
    }

    /// The bounds of a session's files.
    fn file_limits(&self) -> FileLimits {
        FileLimits {
            files: self.config.max_files as u64,
            bytes: self.config.max_session_bytes,
        }
    }

    pub(crate) async fn list_files(
        &self,
        principal: &Principal,
        session_id: &str,
    ) -> Result<Vec<FileInfo>, ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        self.session(session_id).await?;
        Ok(self.storage.files.list_files(session_id).await?)
    }

    pub(crate) async fn read_file(
        &self,
        principal: &Principal,
        session_id: &str,
        path: &str,
    ) -> Result<FileContent, ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        let path = check_path(path)?;
        self.session(session_id).await?;
        let file = self
            .storage
            .files
            .get_file(session_id, &path)
            .await?
            .ok_or_else(|| file_not_found(&path))?;
        let content = String::from_utf8(file.content.to_vec())
            .map_err(|_| ApiError::Internal(format!("stored file {path} is not UTF-8")))?;
        Ok(FileContent {
            info: file.info,
            content,
        })
    }

    pub(crate) async fn create_file(
        &self,
        principal: &Principal,
        session_id: &str,
        request: CreateFile,
        origin: &str,
    ) -> Result<FileInfo, ApiError> {
        principal.authorize(Some(session_id), Action::WriteFiles)?;
        self.write_file(
            session_id,
            &request.file_path,
            request.content,
            WriteMode::Create,
            origin,
        )
        .await
    }

    pub(crate) async fn update_file(
        &self,
        principal: &Principal,
        session_id: &str,
        path: &str,
        request: UpdateFile,
        origin: &str,
    ) -> Result<FileInfo, ApiError> {
        principal.authorize(Some(session_id), Action::WriteFiles)?;
        self.write_file(session_id, path, request.content, WriteMode::Update, origin)
            .await
    }

    /// Creates or replaces a file after the checks both share: the path, the size, an active
    /// session, and for a new file, that its path is neither taken nor a folder's. Whether the
    /// file exists and the session's bounds are the store's to check, in the write itself, so
    /// that they hold against a writer on another host too.
    async fn write_file(
        &self,
        session_id: &str,
        path: &str,
        content: String,
        mode: WriteMode,
        origin: &str,
    ) -> Result<FileInfo, ApiError> {
        let path = check_new_path(path)?;
        self.check_size(&content)?;
        let _guard = self.lock_session(session_id).await;
        self.active_session(session_id).await?;
        if mode == WriteMode::Create {
            let files = self.storage.files.list_files(session_id).await?;
            if files.iter().any(|f| f.file_path == path) {
                return Err(file_exists(&path));
            }
            check_no_clash(&path, &files)?;
        }
        self.cache.invalidate(session_id, &path);
        let stored = self
            .storage
            .files
            .write_file(
                mode,
                session_id,
                &path,
                Bytes::from(content),
                now(),
                self.file_limits(),
            )
            .await;
        match stored {
            Ok(info) => {
                let change = match mode {
                    WriteMode::Create => FileChangeKind::Created,
                    WriteMode::Update => FileChangeKind::Updated,
                };
                self.changed(
                    session_id,
                    change,
                    &info.file_path,
                    Some(info.clone()),
                    origin,
                );
                Ok(info)
            }
            Err(StoreError::AlreadyExists) => Err(file_exists(&path)),
            Err(StoreError::NotFound) => Err(file_not_found(&path)),
            Err(StoreError::OverQuota(quota)) => Err(self.over_quota(quota)),
            Err(e) => Err(e.into()),
        }
    }

    /// The answer to a write that would pass one of the session's bounds.
    fn over_quota(&self, quota: Quota) -> ApiError {
        match quota {
            Quota::Files => ApiError::too_large(
                "too_many_files",
                format!("a session holds at most {} files", self.config.max_files),
            ),
            Quota::Bytes => ApiError::too_large(
                "session_too_large",
                format!(
                    "a session holds at most {} bytes of files",
                    self.config.max_session_bytes
                ),
            ),
        }
    }

    pub(crate) async fn delete_file(
        &self,
        principal: &Principal,
        session_id: &str,
        path: &str,
        origin: &str,
    ) -> Result<(), ApiError> {
        principal.authorize(Some(session_id), Action::WriteFiles)?;
        let path = check_path(path)?;
        let _guard = self.lock_session(session_id).await;
        self.active_session(session_id).await?;
        self.cache.invalidate(session_id, &path);
        match self.storage.files.delete_file(session_id, &path).await {
            Ok(()) => {
                self.changed(session_id, FileChangeKind::Deleted, &path, None, origin);
                Ok(())
            }
            Err(StoreError::NotFound) => Err(file_not_found(&path)),
            Err(e) => Err(e.into()),
        }
    }

    fn changed(
        &self,
        session_id: &str,
        change: FileChangeKind,
        path: &str,
        file: Option<FileInfo>,
        origin: &str,
    ) {
        self.publish(FileEvent {
            session_id: session_id.to_owned(),
            change,
            file_path: path.to_owned(),
            file,
            origin: origin.to_owned(),
        });
    }

    /// Every file of a session with its content, through the cache.
    pub(crate) async fn load_files(
        &self,
        session_id: &str,
    ) -> Result<Vec<(String, Bytes)>, ApiError> {
        let infos = self.storage.files.list_files(session_id).await?;
        let mut files = Vec::with_capacity(infos.len());
        for info in infos {
            let content = match self.cache.get(session_id, &info) {
                Some(bytes) => bytes,
                None => {
                    // A file deleted between the listing and the read is simply not run.
                    let Some(file) = self
                        .storage
                        .files
                        .get_file(session_id, &info.file_path)
                        .await?
                    else {
                        continue;
                    };
                    self.cache.put(session_id, &file.info, file.content.clone());
                    file.content
                }
            };
            files.push((info.file_path, content));
        }
        Ok(files)
    }
}

fn file_exists(path: &str) -> ApiError {
    ApiError::conflict(
        "file_exists",
        format!("{path:?} exists already; update it with PUT"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(check_path("/utils/helper.py").unwrap(), "utils/helper.py");
        assert_eq!(check_path("main.py").unwrap(), "main.py");
        for bad in ["", "/", "../x", "a/../b", "a//b", "a\u{0}b", "./a", "a/"] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn stored_paths_fit_an_s3_key() {
        let id = uuid::Uuid::new_v4().to_string();
        let longest = [
            "d".repeat(200),
            "e".repeat(200),
            "f".repeat(200),
            "g".repeat(200),
        ]
        .join("/")
            + "/"
            + &"h".repeat(MAX_STORED_PATH_BYTES - 804);
        assert_eq!(longest.len(), MAX_STORED_PATH_BYTES);
        assert_eq!(check_new_path(&longest).unwrap(), longest);
        assert_eq!(crate::storage::keys::file(&id, &longest).len(), 1024);
        let too_long = format!("{longest}x");
        let refused = check_new_path(&too_long).unwrap_err();
        assert_eq!(refused.code(), "invalid_path");
    }

    #[test]
    fn a_path_is_a_file_or_a_folder_not_both() {
        let info = |path: &str| FileInfo {
            file_path: path.to_owned(),
            size: 1,
            last_modified: now(),
            file_type: "python".to_owned(),
        };
        let files = [info("a/b.py"), info("c.py"), info("ab.py")];
        assert!(check_no_clash("a", &files).is_err());
        assert!(check_no_clash("c.py/d.py", &files).is_err());
        assert!(check_no_clash("c.py/e/f.py", &files).is_err());
        check_no_clash("a/c.py", &files).unwrap();
        check_no_clash("ab", &files).unwrap();
        check_no_clash("a.py", &files).unwrap();
    }
}
