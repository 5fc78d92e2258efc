//! The file store: metadata in DynamoDB's `session-files` table, bytes in S3 under
//! [`keys::file`] whatever their size, so the bucket alone is a full copy of the session.
//!
//! Writes touch both services, so they are ordered for a failure of either to leave no partial
//! state that a reader can see: the object is written before the item that points at it, and the
//! item is deleted before its object. Files are listed from the table, so a leftover object after
//! a crash is harmless.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::ReturnValue;
use bytes::Bytes;

use super::items::{
    Item, attribute_s, file_info_from_item, file_item, file_key, s, write_condition,
};
use super::paginate::{all_pages, dynamodb_next};
use super::s3::BINARY;
use super::{Aws, sdk_error};
use crate::model::{FileInfo, Timestamp};
use crate::storage::{FileStore, StoreError, StoreResult, StoredFile, WriteMode, keys};

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

    /// Writes a file's item under `condition`; `Ok(false)` when the condition failed.
    async fn put_file_item(&self, item: Item, condition: String) -> StoreResult<bool> {
        match self
            .dynamodb
            .put_item()
            .table_name(&self.files_table)
            .set_item(Some(item))
            .condition_expression(condition)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(false)
            }
            Err(e) => Err(sdk_error(
                &format!("DynamoDB PutItem {}", self.files_table),
                &e,
            )),
        }
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
    ) -> StoreResult<FileInfo> {
        // Checked first so that a duplicate never overwrites the existing file's object, and an
        // update of a missing file writes nothing.
        let exists = self.get_file_item(session_id, path).await?.is_some();
        if exists != (mode == WriteMode::Update) {
            return Err(mode.conflict());
        }
        let key = keys::file(session_id, path);
        let (item, info) = file_item(session_id, path, &key, &content, at)?;
        self.put_object(&key, content, BINARY).await?;
        match self
            .put_file_item(item, write_condition(mode, "filePath"))
            .await
        {
            Ok(true) => Ok(info),
            // Another request created or deleted the file meanwhile. A created file's object is
            // now its; a deleted file's object, written above, is a harmless leftover.
            Ok(false) => Err(mode.conflict()),
            // Only a create may remove its object: an update's object is the file's own.
            Err(error) if mode == WriteMode::Create => {
                // Remove the object only when the item is certainly absent: the write may have
                // succeeded with its answer lost, or another request may have created the file.
                if let Ok(None) = self.get_file_item(session_id, path).await
                    && let Err(cleanup) = self.delete_object(&key).await
                {
                    tracing::warn!(
                        "could not remove the object of a failed file creation: {cleanup}"
                    );
                }
                Err(error)
            }
            Err(error) => Err(error),
        }
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
        let old = match self
            .dynamodb
            .delete_item()
            .table_name(&self.files_table)
            .set_key(Some(file_key(session_id, path)))
            .condition_expression("attribute_exists(filePath)")
            .return_values(ReturnValue::AllOld)
            .send()
            .await
        {
            Ok(output) => output.attributes.unwrap_or_default(),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                return Err(StoreError::NotFound);
            }
            Err(e) => {
                return Err(sdk_error(
                    &format!(
                        "DynamoDB DeleteItem {} ({session_id}, {path})",
                        self.files_table
                    ),
                    &e,
                ));
            }
        };
        let key = match old.get("s3Key").and_then(|v| v.as_s().ok()) {
            Some(key) => key.clone(),
            None => keys::file(session_id, path),
        };
        // The file is gone once its item is: an object left behind is never listed or read.
        if let Err(e) = self.delete_object(&key).await {
            tracing::warn!("file {path} of session {session_id} deleted, but not its object: {e}");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{attr, fixture, raw_object, t};
    use super::*;

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
}
