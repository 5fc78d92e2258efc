//! A session's file count and bytes, kept so that two hosts writing one session at once cannot
//! both slip under its limits: one item per session in the sessions table (`type` = `FILES`,
//! with `fileCount` and `fileBytes`), changed in the same transaction as the file's own item.
//! The count's change is conditioned on the room left under the limits, the file's on the item
//! being as it was read; a transaction that loses a race is cancelled whole, and the writer reads
//! both again (see `files.rs`). No lock service is involved.
//!
//! A session created before the counter existed gets one, counted from its files, on its first
//! write.

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem, Update};

use super::items::{Item, file_key, n, number, session_key};
use super::{Aws, sdk_error};
use crate::storage::{FileLimits, FileStore, StoreError, StoreResult};

/// The sort key of a session's file usage.
const FILE_USAGE: &str = "FILES";

/// A session's files, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Usage {
    pub(super) files: u64,
    pub(super) bytes: u64,
}

/// A signed number attribute (a change of a count).
fn delta(value: i128) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

impl Aws {
    /// The session's usage, counting its files first when it has no usage item yet.
    pub(super) async fn file_usage(&self, session_id: &str) -> StoreResult<Usage> {
        let key = session_key(session_id, FILE_USAGE);
        if let Some(item) = self.sessions_item(key.clone()).await? {
            return Ok(Usage {
                files: number(Some(&item), "fileCount")?,
                bytes: number(Some(&item), "fileBytes")?,
            });
        }
        let files = self.list_files(session_id).await?;
        let usage = Usage {
            files: files.len() as u64,
            bytes: files.iter().map(|f| f.size).sum(),
        };
        let mut item = key;
        item.insert("fileCount".to_owned(), n(usage.files));
        item.insert("fileBytes".to_owned(), n(usage.bytes));
        // Another writer may have counted first; its count stands.
        let put = self
            .dynamodb
            .put_item()
            .table_name(&self.sessions_table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(sessionId)")
            .send()
            .await;
        match put {
            Ok(_) => Ok(usage),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Box::pin(self.file_usage(session_id)).await
            }
            Err(e) => Err(sdk_error(
                &format!("DynamoDB PutItem {}", self.sessions_table),
                &e,
            )),
        }
    }

    /// The change of the session's usage by `files` and `bytes`, conditioned on the result
    /// staying within `limits` (a change that shrinks the session is never refused).
    fn usage_change(
        &self,
        session_id: &str,
        files: i128,
        bytes: i128,
        limits: FileLimits,
    ) -> StoreResult<Update> {
        // Room before the change: the count may be at most the limit less what is added.
        let room = |limit: u64, added: i128| delta((i128::from(limit) - added.max(0)).max(-1));
        Update::builder()
            .table_name(&self.sessions_table)
            .set_key(Some(session_key(session_id, FILE_USAGE)))
            .update_expression("ADD fileCount :files, fileBytes :bytes")
            .condition_expression("fileCount <= :fileRoom AND fileBytes <= :byteRoom")
            .expression_attribute_values(":files", delta(files))
            .expression_attribute_values(":bytes", delta(bytes))
            .expression_attribute_values(":fileRoom", room(limits.files, files))
            .expression_attribute_values(":byteRoom", room(limits.bytes, bytes))
            .build()
            .map_err(|e| StoreError::Backend(format!("building a DynamoDB Update: {e}")))
    }

    /// Writes a file's `item` and changes the usage in one transaction. `old_size` is the size
    /// the file had when read (`None`: it did not exist), and the item is written only if it
    /// still has it. False when a condition failed: the caller reads again and retries.
    pub(super) async fn commit_file(
        &self,
        item: Item,
        old_size: Option<u64>,
        new_size: u64,
        limits: FileLimits,
    ) -> StoreResult<bool> {
        let session_id = match item.get("sessionId").map(AttributeValue::as_s) {
            Some(Ok(id)) => id.clone(),
            _ => return Err(StoreError::Backend("a file item lacks its session".into())),
        };
        let put = match old_size {
            None => Put::builder().condition_expression("attribute_not_exists(filePath)"),
            Some(size) => Put::builder()
                .condition_expression("#size = :size")
                .expression_attribute_names("#size", "size")
                .expression_attribute_values(":size", n(size)),
        };
        let put = put
            .table_name(&self.files_table)
            .set_item(Some(item))
            .build()
            .map_err(|e| StoreError::Backend(format!("building a DynamoDB Put: {e}")))?;
        let files = i128::from(old_size.is_none());
        let bytes = i128::from(new_size) - i128::from(old_size.unwrap_or(0));
        let usage = self.usage_change(&session_id, files, bytes, limits)?;
        self.transact(
            [
                TransactWriteItem::builder().put(put).build(),
                TransactWriteItem::builder().update(usage).build(),
            ],
            &self.files_table,
        )
        .await
    }

    /// Deletes a file's item of `size` bytes and takes it off the usage in one transaction;
    /// false when the file changed or went meanwhile.
    pub(super) async fn commit_delete(
        &self,
        session_id: &str,
        path: &str,
        size: u64,
    ) -> StoreResult<bool> {
        let delete = Delete::builder()
            .table_name(&self.files_table)
            .set_key(Some(file_key(session_id, path)))
            .condition_expression("#size = :size")
            .expression_attribute_names("#size", "size")
            .expression_attribute_values(":size", n(size))
            .build()
            .map_err(|e| StoreError::Backend(format!("building a DynamoDB Delete: {e}")))?;
        let usage = self.usage_change(session_id, -1, -i128::from(size), FileLimits::NONE)?;
        self.transact(
            [
                TransactWriteItem::builder().delete(delete).build(),
                TransactWriteItem::builder().update(usage).build(),
            ],
            &self.files_table,
        )
        .await
    }

    /// Runs a transaction of `writes` (on `table` and the sessions table, for the logs); false
    /// when it was cancelled (a condition failed, or it conflicted with another transaction on
    /// the same items), for the caller to read again and retry.
    pub(super) async fn transact(
        &self,
        writes: [TransactWriteItem; 2],
        table: &str,
    ) -> StoreResult<bool> {
        let result = self
            .dynamodb
            .transact_write_items()
            .set_transact_items(Some(writes.to_vec()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e)
                if matches!(
                    e.as_service_error(),
                    Some(TransactWriteItemsError::TransactionCanceledException(_))
                ) =>
            {
                Ok(false)
            }
            Err(e) => Err(sdk_error(
                &format!("DynamoDB TransactWriteItems {table}"),
                &e,
            )),
        }
    }
}
