//! The file store: metadata in DynamoDB's `session-files` table, bytes in S3 under
//! [`keys::file`] whatever their size, so the bucket alone is a full copy of the session.
//!
//! Writes touch both services, so they are ordered for a failure of either to leave no partial
//! state that a reader can see: the object is written before the item that points at it, and the
//! item is deleted before its object. Files are listed from the table, so a leftover object after
//! a crash is harmless.

use async_trait::async_trait;
use bytes::Bytes;

use super::items::{Item, attribute_s, file_info_from_item, file_item, file_key, s};
use super::paginate::{all_pages, dynamodb_next};
use super::s3::BINARY;
use super::{Aws, sdk_error};
use crate::model::{FileInfo, Timestamp};
use crate::storage::{FileLimits, FileStore, StoreError, StoreResult, StoredFile, WriteMode, keys};

impl Aws {
    /// A file's item, read consistently; `None` when there is none.
    pub(super) async fn get_file_item(
        &self,
        session_id: &str,
        path: &str,
    ) -> StoreResult<Option<Item>> {
        let output = self
            .dynamodb
            .get_item()
            .table_name(&self.files_table)
            .set_key(Some(file_key(session_id, path)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| {
                sdk_error(
                    &format!(
                        "DynamoDB GetItem {} ({session_id}, {path})",
                        self.files_table
                    ),
                    &e,
                )
            })?;
        Ok(output.item)
    }
}

#[async_trait]
impl FileStore for Aws {
    async fn write_file(
        &self,
        mode: WriteMode,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
        limits: FileLimits,
    ) -> StoreResult<FileInfo> {
        let key = keys::file(session_id, path);
        let (item, info) = file_item(session_id, path, &key, &content, at)?;
        let mut object_written = false;
        for attempt in 0..WRITE_ATTEMPTS {
            let (old, usage) = tokio::try_join!(
                self.get_file_item(session_id, path),
                self.file_usage(session_id)
            )?;
            // Checked before the object is written, so that a duplicate never overwrites the
            // existing file's object and an update of a missing file writes nothing.
            if old.is_some() != (mode == WriteMode::Update) {
                return Err(mode.conflict());
            }
            let old_size = old
                .as_ref()
                .map(file_info_from_item)
                .transpose()?
                .map(|f| f.size);
            let files = usage.files + u64::from(old_size.is_none());
            let bytes = (usage.bytes + info.size).saturating_sub(old_size.unwrap_or(0));
            if let Some(quota) = limits.passed(files, bytes) {
                return Err(StoreError::OverQuota(quota));
            }
            if !object_written {
                self.put_object(&key, content.clone(), BINARY).await?;
                object_written = true;
            }
            match self
                .commit_file(item.clone(), old_size, info.size, limits)
                .await
            {
                Ok(true) => return Ok(info),
                // Another writer changed the file or the session's usage: read both again.
                Ok(false) => retry_pause(attempt).await,
                // Only a create may remove its object: an update's object is the file's own.
                Err(error) if mode == WriteMode::Create => {
                    // Remove the object only when the item is certainly absent: the write may
                    // have succeeded with its answer lost, or another request may have created
                    // the file.
                    if let Ok(None) = self.get_file_item(session_id, path).await
                        && let Err(cleanup) = self.delete_object(&key).await
                    {
                        tracing::warn!(
                            "could not remove the object of a failed file creation: {cleanup}"
                        );
                    }
                    return Err(error);
                }
                Err(error) => return Err(error),
            }
        }
        Err(too_contended(session_id))
    }

    async fn list_files(&self, session_id: &str) -> StoreResult<Vec<FileInfo>> {
        let request = self
            .dynamodb
            .query()
            .table_name(&self.files_table)
            .key_condition_expression("sessionId = :id")
            .expression_attribute_values(":id", s(session_id))
            // Everything but the inline content, which a listing does not need.
            .projection_expression("filePath, #size, lastModified, fileType")
            .expression_attribute_names("#size", "size")
            .set_limit(self.page_size)
            .consistent_read(true);
        let table = self.files_table.as_str();
        let items = all_pages(move |start| {
            let page = request.clone().set_exclusive_start_key(start);
            async move {
                let output = page.send().await.map_err(|e| {
                    sdk_error(&format!("DynamoDB Query {table} ({session_id})"), &e)
                })?;
                Ok((
                    output.items.unwrap_or_default(),
                    dynamodb_next(output.last_evaluated_key),
                ))
            }
        })
        .await?;
        let mut files = items
            .iter()
            .map(file_info_from_item)
            .collect::<StoreResult<Vec<FileInfo>>>()?;
        files.sort_by(|a, b| a.file_path.cmp(&b.file_path));
        Ok(files)
    }

    async fn get_file(&self, session_id: &str, path: &str) -> StoreResult<Option<StoredFile>> {
        let Some(item) = self.get_file_item(session_id, path).await? else {
            return Ok(None);
        };
        let info = file_info_from_item(&item)?;
        let content = match item.get("content") {
            Some(content) => Bytes::from(attribute_s(content, "content")?.to_owned()),
            None => {
                let key = match item.get("s3Key") {
                    Some(key) => attribute_s(key, "s3Key")?.to_owned(),
                    None => keys::file(session_id, path),
                };
                match self.get_object(&key).await? {
                    Some(content) => content,
                    // The file was deleted between the two reads.
                    None => return Ok(None),
                }
            }
        };
        Ok(Some(StoredFile { info, content }))
    }

    async fn delete_file(&self, session_id: &str, path: &str) -> StoreResult<()> {
        for attempt in 0..WRITE_ATTEMPTS {
            // The usage item must exist before it can be lowered.
            let (old, _) = tokio::try_join!(
                self.get_file_item(session_id, path),
                self.file_usage(session_id)
            )?;
            let Some(old) = old else {
                return Err(StoreError::NotFound);
            };
            let size = file_info_from_item(&old)?.size;
            if !self.commit_delete(session_id, path, size).await? {
                retry_pause(attempt).await;
                continue;
            }
            let key = match old.get("s3Key").and_then(|v| v.as_s().ok()) {
                Some(key) => key.clone(),
                None => keys::file(session_id, path),
            };
            // The file is gone once its item is: an object left behind is never listed or read.
            if let Err(e) = self.delete_object(&key).await {
                tracing::warn!(
                    "file {path} of session {session_id} deleted, but not its object: {e}"
                );
            }
            return Ok(());
        }
        Err(too_contended(session_id))
    }
}

/// How often a write is tried again after losing a race with another writer of its session.
/// Each attempt sees the winners' writes, so only a burst of simultaneous writes to one session
/// needs more than a few.
const WRITE_ATTEMPTS: u32 = 12;

/// A short pause that grows with the attempts (1, 2, 4 … 32 ms, with jitter), so that writers
/// that collided do not collide again in step.
async fn retry_pause(attempt: u32) {
    let base = 1u64 << attempt.min(5);
    let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) % (base + 1);
    tokio::time::sleep(std::time::Duration::from_millis(base + jitter)).await;
}

fn too_contended(session_id: &str) -> StoreError {
    StoreError::Backend(format!(
        "session {session_id}'s files kept changing under a write for {WRITE_ATTEMPTS} attempts"
    ))
}

#[cfg(test)]
mod tests {
    use super::super::file_usage::Usage;
    use super::super::testing::{attr, fixture, raw_object, t};
    use super::*;
    use crate::storage::Quota;

    /// An item of the files table, read with the raw client.
    async fn raw_file_item(aws: &Aws, id: &str, path: &str) -> Option<Item> {
        aws.get_file_item(id, path).await.unwrap()
    }

    /// A file's object, read with the raw client.
    async fn raw_file_object(aws: &Aws, id: &str, path: &str) -> Option<Vec<u8>> {
        raw_object(aws, &keys::file(id, path)).await
    }

    /// The content of a file that must be there, read through the store.
    async fn content(aws: &Aws, id: &str, path: &str) -> Bytes {
        aws.get_file(id, path).await.unwrap().unwrap().content
    }

    /// The paths of a session's files, as the store lists them.
    async fn listed_paths(aws: &Aws, id: &str) -> Vec<String> {
        aws.list_files(id)
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.file_path)
            .collect()
    }

    #[tokio::test]
    async fn files_are_created_read_updated_listed_and_deleted() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let at = t("2024-05-01T10:00:00.5Z");
        let id = "f-1";

        let main = Bytes::from_static(b"print('hello')\n");
        let info = aws
            .create_file(id, "main.py", main.clone(), at)
            .await
            .unwrap();
        assert_eq!(
            info,
            FileInfo {
                file_path: "main.py".into(),
                size: 15,
                last_modified: at,
                file_type: "python".into()
            }
        );
        let helper = Bytes::from_static(b"def helper():\n    return 42\n");
        aws.create_file(id, "utils/helper.py", helper.clone(), at)
            .await
            .unwrap();
        // Larger than the inline limit, and every byte value, to prove the S3 path byte for byte.
        let big: Bytes = (0..40_000u32)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<u8>>()
            .into();
        let big_info = aws
            .create_file(id, "data/big.bin", big.clone(), at)
            .await
            .unwrap();
        assert_eq!(big_info.size, 40_000);
        assert_eq!(big_info.file_type, "bin");

        // The items: small UTF-8 content inline, large content only in S3.
        let item = raw_file_item(aws, id, "utils/helper.py").await.unwrap();
        assert_eq!(
            attr(&item, "s3Key"),
            "interview-sessions/session-f-1/files/utils/helper.py"
        );
        assert_eq!(attr(&item, "lastModified"), "2024-05-01T10:00:00.5Z");
        assert_eq!(attr(&item, "fileType"), "python");
        assert_eq!(item["size"].as_n().unwrap(), &helper.len().to_string());
        assert_eq!(attr(&item, "content"), "def helper():\n    return 42\n");
        assert_eq!(item.len(), 7, "{item:?}");
        let item = raw_file_item(aws, id, "data/big.bin").await.unwrap();
        assert_eq!(
            attr(&item, "s3Key"),
            "interview-sessions/session-f-1/files/data/big.bin"
        );
        assert_eq!(item["size"].as_n().unwrap(), "40000");
        assert!(!item.contains_key("content"));

        // S3 holds every file, whatever its size.
        assert_eq!(raw_file_object(aws, id, "main.py").await.unwrap(), main);
        assert_eq!(
            raw_file_object(aws, id, "utils/helper.py").await.unwrap(),
            helper
        );
        assert_eq!(raw_file_object(aws, id, "data/big.bin").await.unwrap(), big);

        // Read back, byte for byte.
        let got = aws.get_file(id, "utils/helper.py").await.unwrap().unwrap();
        assert_eq!(got.content, helper);
        assert_eq!(got.info.file_path, "utils/helper.py");
        let got = aws.get_file(id, "data/big.bin").await.unwrap().unwrap();
        assert_eq!(got.content, big);
        assert_eq!(got.info, big_info);
        assert!(aws.get_file(id, "nope.py").await.unwrap().is_none());
        assert!(
            aws.get_file("other-session", "main.py")
                .await
                .unwrap()
                .is_none()
        );

        // A duplicate leaves the original, item and object, intact.
        let result = aws
            .create_file(id, "main.py", Bytes::from_static(b"overwritten"), at)
            .await;
        assert!(
            matches!(result, Err(StoreError::AlreadyExists)),
            "{result:?}"
        );
        assert_eq!(content(aws, id, "main.py").await, main);
        assert_eq!(raw_file_object(aws, id, "main.py").await.unwrap(), main);

        // Listed by path.
        assert_eq!(
            listed_paths(aws, id).await,
            ["data/big.bin", "main.py", "utils/helper.py"]
        );
        assert!(aws.list_files("other-session").await.unwrap().is_empty());

        // Updates: small to large drops the inline copy, large to small brings it back.
        let later = t("2024-05-01T11:00:00Z");
        let grown = Bytes::from("x = 1\n".repeat(4000));
        let info = aws
            .update_file(id, "main.py", grown.clone(), later)
            .await
            .unwrap();
        assert_eq!((info.size, info.last_modified), (24_000, later));
        let item = raw_file_item(aws, id, "main.py").await.unwrap();
        assert!(!item.contains_key("content"));
        assert_eq!(attr(&item, "lastModified"), "2024-05-01T11:00:00Z");
        assert_eq!(content(aws, id, "main.py").await, grown);
        assert_eq!(raw_file_object(aws, id, "main.py").await.unwrap(), grown);
        let small = Bytes::from_static(b"tiny = True\n");
        aws.update_file(id, "data/big.bin", small.clone(), later)
            .await
            .unwrap();
        let item = raw_file_item(aws, id, "data/big.bin").await.unwrap();
        assert_eq!(attr(&item, "content"), "tiny = True\n");
        assert_eq!(content(aws, id, "data/big.bin").await, small);
        assert_eq!(
            raw_file_object(aws, id, "data/big.bin").await.unwrap(),
            small
        );

        // Updating a missing file writes nothing.
        let result = aws
            .update_file(id, "missing.py", Bytes::from_static(b"x"), later)
            .await;
        assert!(matches!(result, Err(StoreError::NotFound)), "{result:?}");
        assert!(raw_file_item(aws, id, "missing.py").await.is_none());
        assert!(raw_file_object(aws, id, "missing.py").await.is_none());

        // Deletes remove the item and the object.
        aws.delete_file(id, "utils/helper.py").await.unwrap();
        assert!(raw_file_item(aws, id, "utils/helper.py").await.is_none());
        assert!(raw_file_object(aws, id, "utils/helper.py").await.is_none());
        assert!(aws.get_file(id, "utils/helper.py").await.unwrap().is_none());
        assert!(matches!(
            aws.delete_file(id, "utils/helper.py").await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(listed_paths(aws, id).await, ["data/big.bin", "main.py"]);

        // A deleted path can be created again.
        aws.create_file(id, "utils/helper.py", helper.clone(), later)
            .await
            .unwrap();
        assert_eq!(content(aws, id, "utils/helper.py").await, helper);
    }

    #[tokio::test]
    async fn small_binary_files_live_in_s3_only() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let bytes = Bytes::from_static(&[0xff, 0xfe, 0x00, 0x80, b'a']);
        aws.create_file("b-1", "blob.dat", bytes.clone(), crate::model::now())
            .await
            .unwrap();
        let item = raw_file_item(aws, "b-1", "blob.dat").await.unwrap();
        assert!(
            !item.contains_key("content"),
            "not UTF-8, so not inline: {item:?}"
        );
        assert_eq!(content(aws, "b-1", "blob.dat").await, bytes);
    }

    #[tokio::test]
    async fn file_listings_read_every_page() {
        let mut fixture = fixture().await;
        fixture.aws.page_size = Some(2);
        let aws = &fixture.aws;
        let paths = [
            "z.py", "a.py", "lib/b.js", "lib/a.js", "m.txt", "b.py", "c/d/e.py",
        ];
        for path in paths {
            aws.create_file("many", path, Bytes::from(path), crate::model::now())
                .await
                .unwrap();
        }
        aws.create_file(
            "many-not",
            "x.py",
            Bytes::from_static(b"x"),
            crate::model::now(),
        )
        .await
        .unwrap();
        let listed = listed_paths(aws, "many").await;
        let mut expected = paths.map(str::to_owned).to_vec();
        expected.sort();
        assert_eq!(listed, expected);
    }

    /// The session's usage as counted by the store, and as its listing adds up.
    async fn usage_and_listing(aws: &Aws, id: &str) -> (Usage, Usage) {
        let files = aws.list_files(id).await.unwrap();
        let listed = Usage {
            files: files.len() as u64,
            bytes: files.iter().map(|f| f.size).sum(),
        };
        (aws.file_usage(id).await.unwrap(), listed)
    }

    /// Runs `writes` at once, each through its own clone of the store (as separate hosts
    /// would), and answers their results in order.
    async fn at_once<F, Fut>(aws: &Aws, writes: usize, write: F) -> Vec<StoreResult<()>>
    where
        F: Fn(Aws, usize) -> Fut,
        Fut: std::future::Future<Output = StoreResult<()>> + Send + 'static,
    {
        let tasks: Vec<_> = (0..writes)
            .map(|i| tokio::spawn(write(aws.clone(), i)))
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        results
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn racing_writers_keep_a_session_within_its_limits() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let limits = FileLimits {
            files: 5,
            bytes: 1_000,
        };
        let write = move |mode, path: String, size: usize| {
            move |aws: Aws, _| async move {
                aws.write_file(
                    mode,
                    "race",
                    &path,
                    Bytes::from(vec![b'x'; size]),
                    t("2024-05-01T10:00:00Z"),
                    limits,
                )
                .await
                .map(drop)
            }
        };
        // Twelve creates at once: exactly five land, the others are refused by the count.
        let created = at_once(aws, 12, |aws, i| {
            write(WriteMode::Create, format!("f{i}.py"), 1)(aws, i)
        })
        .await;
        assert_eq!(
            created.iter().filter(|r| r.is_ok()).count(),
            5,
            "{created:?}"
        );
        assert!(
            created
                .iter()
                .all(|r| r.is_ok() || matches!(r, Err(StoreError::OverQuota(Quota::Files))))
        );
        let (usage, listed) = usage_and_listing(aws, "race").await;
        assert_eq!(usage, listed);
        assert_eq!(usage, Usage { files: 5, bytes: 5 });

        // Growing all five to 300 bytes at once: three fit within 1,000 bytes, two do not.
        let names: Vec<String> = listed_paths(aws, "race").await;
        let grown = at_once(aws, 5, |aws, i| {
            write(WriteMode::Update, names[i].clone(), 300)(aws, i)
        })
        .await;
        assert_eq!(grown.iter().filter(|r| r.is_ok()).count(), 3, "{grown:?}");
        assert!(
            grown
                .iter()
                .all(|r| r.is_ok() || matches!(r, Err(StoreError::OverQuota(Quota::Bytes))))
        );
        let (usage, listed) = usage_and_listing(aws, "race").await;
        assert_eq!(usage, listed);
        assert_eq!(
            usage,
            Usage {
                files: 5,
                bytes: 902
            }
        );

        // Deleting them all at once (each twice): every file goes once, and the count with it.
        let names = std::sync::Arc::new(names);
        let deleted = at_once(aws, 10, move |aws, i| {
            let names = std::sync::Arc::clone(&names);
            async move { aws.delete_file("race", &names[i % 5]).await }
        })
        .await;
        assert_eq!(
            deleted.iter().filter(|r| r.is_ok()).count(),
            5,
            "{deleted:?}"
        );
        assert!(
            deleted
                .iter()
                .all(|r| r.is_ok() || matches!(r, Err(StoreError::NotFound)))
        );
        assert_eq!(
            usage_and_listing(aws, "race").await,
            (Usage { files: 0, bytes: 0 }, Usage { files: 0, bytes: 0 })
        );
    }

    #[tokio::test]
    async fn a_session_without_a_count_is_counted_on_its_first_write() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let at = t("2024-05-01T10:00:00Z");
        for path in ["a.py", "b.py"] {
            aws.create_file("old", path, Bytes::from_static(b"12345"), at)
                .await
                .unwrap();
        }
        // As a session stored before the count existed.
        aws.dynamodb
            .delete_item()
            .table_name(&aws.sessions_table)
            .set_key(Some(super::super::items::session_key("old", "FILES")))
            .send()
            .await
            .unwrap();
        let limits = FileLimits {
            files: 2,
            bytes: 1_000,
        };
        let refused = aws
            .write_file(
                WriteMode::Create,
                "old",
                "c.py",
                Bytes::from_static(b"x"),
                at,
                limits,
            )
            .await;
        assert!(
            matches!(refused, Err(StoreError::OverQuota(Quota::Files))),
            "{refused:?}"
        );
        assert_eq!(
            aws.file_usage("old").await.unwrap(),
            Usage {
                files: 2,
                bytes: 10
            }
        );
    }
}
