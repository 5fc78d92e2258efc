//! The S3 requests the stores share, each turning the SDK's answers into what a store needs (a
//! missing key is `None`, an existing one under `If-None-Match` is `false`) and tagging every
//! object it writes for the bucket's lifecycle rules.

use std::time::Duration;

use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::operation::put_object::builders::PutObjectFluentBuilder;
use aws_sdk_s3::primitives::ByteStream;
use bytes::Bytes;
use tokio::task::JoinSet;

#[cfg(test)]
use super::paginate::{all_pages, s3_next};
use super::{Aws, sdk_error};
use crate::storage::{StoreError, StoreResult, keys};

/// The content type of file bytes and audio: the stores know neither a file's format nor the
/// audio codec, so they claim nothing.
pub(super) const BINARY: &str = "application/octet-stream";

/// The content type of execution records and of the audio markers.
pub(super) const JSON: &str = "application/json";

/// The content type of execution logs.
pub(super) const TEXT: &str = "text/plain; charset=utf-8";

/// At most this many objects are fetched from S3 at the same time.
const PARALLEL_GETS: usize = 16;

/// How many times a conditional PutObject is retried when S3 answers 409
/// `ConditionalRequestConflict` (another write of the same key was in flight).
const CONDITIONAL_PUT_ATTEMPTS: u32 = 5;

impl Aws {
    /// A PutObject of `key`, tagged for the lifecycle rules, still without its body.
    fn put_request(&self, key: &str, content_type: &str) -> PutObjectFluentBuilder {
        self.s3
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .set_tagging(keys::lifecycle_tag(key).map(str::to_owned))
    }

    /// Writes one object.
    pub(super) async fn put_object(
        &self,
        key: &str,
        body: Bytes,
        content_type: &str,
    ) -> StoreResult<()> {
        self.put_request(key, content_type)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|e| sdk_error(&format!("S3 PutObject {key}"), &e))?;
        Ok(())
    }

    /// Writes one object unless its key exists (`If-None-Match: *`); `Ok(false)` when it exists,
    /// in which case nothing is written.
    pub(super) async fn put_object_if_absent(
        &self,
        key: &str,
        body: Bytes,
        content_type: &str,
    ) -> StoreResult<bool> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let result = self
                .put_request(key, content_type)
                .if_none_match("*")
                .body(ByteStream::from(body.clone()))
                .send()
                .await;
            let error = match result {
                Ok(_) => return Ok(true),
                Err(error) => error,
            };
            let status = error.raw_response().map(|r| r.status().as_u16());
            let code = error.as_service_error().and_then(|e| e.code());
            if status == Some(412) || code == Some("PreconditionFailed") {
                return Ok(false);
            }
            // S3 answers 409 while another conditional write of the key is in flight, and asks
            // for a retry, which then sees the object that write left (or writes it).
            let conflict = status == Some(409) || code == Some("ConditionalRequestConflict");
            if !conflict || attempt >= CONDITIONAL_PUT_ATTEMPTS {
                return Err(sdk_error(
                    &format!("S3 PutObject {key} (If-None-Match)"),
                    &error,
                ));
            }
            tokio::time::sleep(Duration::from_millis(20 << attempt)).await;
        }
    }

    /// Reads one object; `None` when there is no such key.
    pub(super) async fn get_object(&self, key: &str) -> StoreResult<Option<Bytes>> {
        let output = match self
            .s3
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(output) => output,
            Err(e) if e.as_service_error().is_some_and(|e| e.is_no_such_key()) => return Ok(None),
            Err(e) => return Err(sdk_error(&format!("S3 GetObject {key}"), &e)),
        };
        let body = output.body.collect().await.map_err(|e| {
            StoreError::Backend(format!("S3 GetObject {key}: reading the body: {e}"))
        })?;
        Ok(Some(body.into_bytes()))
    }

    /// Reads the objects at `keys`, [`PARALLEL_GETS`] at a time, and answers each key with its
    /// object (`None` when there is no such key) in the order of `keys`. `what` names the objects
    /// in the error of a task that failed.
    pub(super) async fn get_objects(
        &self,
        keys: Vec<String>,
        what: &str,
    ) -> StoreResult<Vec<(String, Option<Bytes>)>> {
        let mut bodies = vec![None; keys.len()];
        let mut pending = keys.iter().cloned().enumerate();
        let mut tasks = JoinSet::new();
        loop {
            while tasks.len() < PARALLEL_GETS
                && let Some((index, key)) = pending.next()
            {
                let aws = self.clone();
                tasks.spawn(async move { aws.get_object(&key).await.map(|body| (index, body)) });
            }
            let Some(joined) = tasks.join_next().await else {
                break;
            };
            let (index, body) =
                joined.map_err(|e| StoreError::Backend(format!("reading {what}: {e}")))??;
            bodies[index] = body;
        }
        Ok(keys.into_iter().zip(bodies).collect())
    }

    /// Deletes one object (deleting a missing key succeeds).
    pub(super) async fn delete_object(&self, key: &str) -> StoreResult<()> {
        self.s3
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| sdk_error(&format!("S3 DeleteObject {key}"), &e))?;
        Ok(())
    }

    /// Every key under `prefix`, through all pages: for tests that look at what a store left
    /// in the bucket (no store lists the bucket: listings come from DynamoDB).
    #[cfg(test)]
    pub(super) async fn list_keys(&self, prefix: &str) -> StoreResult<Vec<String>> {
        let request = self
            .s3
            .list_objects_v2()
            .bucket(&self.bucket)
            .prefix(prefix)
            .set_max_keys(self.page_size);
        all_pages(move |token| {
            let page = request.clone().set_continuation_token(token);
            async move {
                let output = page
                    .send()
                    .await
                    .map_err(|e| sdk_error(&format!("S3 ListObjectsV2 {prefix}"), &e))?;
                let keys = output
                    .contents
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|object| object.key)
                    .collect();
                Ok((
                    keys,
                    s3_next(output.next_continuation_token, output.is_truncated),
                ))
            }
        })
        .await
    }
}
