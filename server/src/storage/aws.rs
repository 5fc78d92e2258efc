//! The AWS backend: sessions and file metadata in DynamoDB, file bytes and execution results
//! in S3, laid out exactly as the spec says.
//!
//! - `interview-sessions` (key `sessionId` + `type`): two items per session. `METADATA` holds
//!   `createdAt`, `updatedAt`, `status`, `templateId` and `candidateName`; `CONFIG` holds the
//!   session's settings as a JSON string in `config`. Both are written in one transaction.
//! - `session-files` (key `sessionId` + `filePath`): `s3Key`, `lastModified`, `fileType`,
//!   `size`, and `content` inline when the file is small UTF-8 text. S3 holds every file under
//!   [`keys::file`] whatever its size, so the bucket alone is a full copy of the session.
//! - Execution results live in S3 only, under [`keys::executions_prefix`], with the latest
//!   result and logs copied to [`keys::latest_result`] and [`keys::latest_logs`].
//! - Audio lives in S3 only, under the session's `audio/` prefix (see [`keys`]): one object per
//!   chunk, written with `If-None-Match: *` so that a repeated sequence number never overwrites
//!   the first bytes; a small `final.json` marker with the final sequence number (written the
//!   same way, so the first final chunk wins); and, once assembled, the whole stream as one
//!   object next to a `.json` description of it (`chunks` and `size`).
//!
//! Writes that touch both services are ordered so that a failure of either leaves no partial
//! state that a reader can see: the S3 object is written before the item that points at it, and
//! the item is deleted before its object. Files are listed from the table, so a leftover object
//! after a crash is harmless.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;
use async_trait::async_trait;
use aws_config::environment::{
    EnvironmentVariableCredentialsProvider, EnvironmentVariableRegionProvider,
};
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::Credentials;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, KeysAndAttributes,
    Put, ReturnValue, ScalarAttributeType, TableStatus, TransactWriteItem,
};
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};
use bytes::{Bytes, BytesMut};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use tokio::task::JoinSet;

use super::{
    AssembledAudio, AudioStore, ChunkReceipt, FileStore, ResultStore, SessionPage, SessionQuery,
    SessionStore, Storage, StoreError, StoreResult, StoredFile, after_token, keys,
    missing_sequences, page_token, parse_page_token,
};
use crate::config::AwsConfig;
use crate::model::{
    ExecutionRecord, ExecutionSummary, FileInfo, Session, SessionConfig, SessionStatus, Timestamp,
    file_type,
};

/// Files up to this size are also kept inline in their DynamoDB item (when they are UTF-8), so
/// that reading them needs no S3 request.
const INLINE_LIMIT: usize = 16 * 1024;

/// The sort key of a session's metadata item.
const METADATA: &str = "METADATA";

/// The sort key of a session's configuration item.
const CONFIG: &str = "CONFIG";

/// How long `ensure_resources` waits for a new table to become ACTIVE.
const TABLE_ACTIVE_TIMEOUT: Duration = Duration::from_secs(120);

/// At most this many execution records or audio chunks are fetched from S3 at the same time.
const PARALLEL_GETS: usize = 16;

/// How many times a conditional PutObject is retried when S3 answers 409
/// `ConditionalRequestConflict` (another write of the same key was in flight).
const CONDITIONAL_PUT_ATTEMPTS: u32 = 5;

/// The content type of audio chunks and assembled streams: the store does not know the codec.
const AUDIO_CONTENT_TYPE: &str = "application/octet-stream";

/// The content type of the JSON markers.
const JSON_CONTENT_TYPE: &str = "application/json";

/// The body of an audio stream's `final.json`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FinalMarker {
    final_sequence: u32,
}

/// The body of an assembled stream's `.json` description.
#[derive(Debug, Serialize, Deserialize)]
struct AssembledInfo {
    chunks: u32,
    size: u64,
}

/// A DynamoDB item.
type Item = HashMap<String, AttributeValue>;

/// Connects to DynamoDB and S3 with the region and credentials of the environment, creates the
/// tables and the bucket first when `config.init` says so, and returns the three stores.
///
/// The region comes from the default chain (`AWS_REGION`, the profile) and falls back to
/// `us-east-1`; credentials come from the default chain. With `config.endpoint`, both clients
/// talk to that endpoint, S3 uses path-style addressing (what local servers expect), and the
/// credentials fall back to static test ones (see [`Aws::from_env`]).
pub(crate) async fn connect(config: &AwsConfig) -> anyhow::Result<Storage> {
    let aws = Aws::from_env(config).await;
    if config.init {
        for line in aws.ensure_resources().await? {
            tracing::info!("{line}");
        }
    }
    Ok(aws.into_storage())
}

/// The DynamoDB and S3 clients and the names of the tables and the bucket: one value serves as
/// all three stores.
#[derive(Debug, Clone)]
pub(crate) struct Aws {
    dynamodb: aws_sdk_dynamodb::Client,
    s3: aws_sdk_s3::Client,
    bucket: String,
    sessions_table: String,
    files_table: String,
    /// The most items or keys one Scan, Query or ListObjectsV2 request returns; `None` leaves it
    /// to the service (1 MB of items, 1000 keys). Tests make it small to exercise pagination.
    page_size: Option<i32>,
}

impl Aws {
    /// Clients configured from the environment (see [`connect`]).
    ///
    /// With a custom endpoint (a local server such as moto in practice), the region and the
    /// credentials come from the environment variables or the profile only, never from the
    /// instance metadata service (which would cost seconds of timeouts where there is none),
    /// and when neither has credentials, static test ones are used: local servers accept any.
    pub(crate) async fn from_env(config: &AwsConfig) -> Aws {
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if config.endpoint.is_some() {
            let region = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
                .or_else(ProfileFileRegionProvider::new())
                .or_else(Region::new("us-east-1"));
            let credentials = CredentialsProviderChain::first_try(
                "Environment",
                EnvironmentVariableCredentialsProvider::new(),
            )
            .or_else("Profile", ProfileFileCredentialsProvider::builder().build())
            .or_else(
                "LocalEndpoint",
                Credentials::new("test", "test", None, None, "codebox-local-endpoint"),
            );
            loader = loader.region(region).credentials_provider(credentials);
        } else {
            loader = loader
                .region(RegionProviderChain::default_provider().or_else(Region::new("us-east-1")));
        }
        Aws::with_sdk_config(&loader.load().await, config)
    }

    /// Clients built from an SDK configuration that is already loaded (tests give static
    /// credentials this way), with `config`'s endpoint and names.
    pub(crate) fn with_sdk_config(sdk: &SdkConfig, config: &AwsConfig) -> Aws {
        let mut dynamodb = aws_sdk_dynamodb::config::Builder::from(sdk);
        let mut s3 = aws_sdk_s3::config::Builder::from(sdk);
        if let Some(endpoint) = &config.endpoint {
            dynamodb = dynamodb.endpoint_url(endpoint);
            s3 = s3.endpoint_url(endpoint).force_path_style(true);
        }
        Aws {
            dynamodb: aws_sdk_dynamodb::Client::from_conf(dynamodb.build()),
            s3: aws_sdk_s3::Client::from_conf(s3.build()),
            bucket: config.bucket.clone(),
            sessions_table: config.sessions_table.clone(),
            files_table: config.files_table.clone(),
            page_size: None,
        }
    }

    /// The four stores, all backed by these clients.
    pub(crate) fn into_storage(self) -> Storage {
        let aws = Arc::new(self);
        Storage {
            sessions: aws.clone(),
            files: aws.clone(),
            results: aws.clone(),
            audio: aws,
            backend: "aws",
        }
    }

    /// Creates the two tables and the bucket when they are missing, and waits until the tables
    /// are ACTIVE. Running it again changes nothing. Returns one line per resource saying
    /// whether it was created or found.
    pub(crate) async fn ensure_resources(&self) -> anyhow::Result<Vec<String>> {
        let mut lines = Vec::new();
        lines.push(self.ensure_table(&self.sessions_table, "type").await?);
        lines.push(self.ensure_table(&self.files_table, "filePath").await?);
        lines.push(self.ensure_bucket().await?);
        Ok(lines)
    }

    /// Creates a table keyed by `sessionId` and `sort_key` (both strings, on-demand billing)
    /// unless it exists, then waits until it is ACTIVE.
    async fn ensure_table(&self, table: &str, sort_key: &str) -> anyhow::Result<String> {
        let mut key_schema = Vec::new();
        let mut attributes = Vec::new();
        for (name, key_type) in [("sessionId", KeyType::Hash), (sort_key, KeyType::Range)] {
            key_schema.push(
                KeySchemaElement::builder()
                    .attribute_name(name)
                    .key_type(key_type)
                    .build()?,
            );
            attributes.push(
                AttributeDefinition::builder()
                    .attribute_name(name)
                    .attribute_type(ScalarAttributeType::S)
                    .build()?,
            );
        }
        let created = match self
            .dynamodb
            .create_table()
            .table_name(table)
            .billing_mode(BillingMode::PayPerRequest)
            .set_key_schema(Some(key_schema))
            .set_attribute_definitions(Some(attributes))
            .send()
            .await
        {
            Ok(_) => true,
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_in_use_exception()) =>
            {
                false
            }
            Err(e) => bail!(
                "creating DynamoDB table {table}: {}",
                DisplayErrorContext(&e)
            ),
        };
        let start = std::time::Instant::now();
        loop {
            let described = self
                .dynamodb
                .describe_table()
                .table_name(table)
                .send()
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "describing DynamoDB table {table}: {}",
                        DisplayErrorContext(&e)
                    )
                })?;
            let status = described.table.and_then(|t| t.table_status);
            if status == Some(TableStatus::Active) {
                break;
            }
            if start.elapsed() > TABLE_ACTIVE_TIMEOUT {
                bail!(
                    "DynamoDB table {table} is not ACTIVE after {TABLE_ACTIVE_TIMEOUT:?} (status {status:?})"
                );
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        Ok(if created {
            format!("DynamoDB table {table}: created")
        } else {
            format!("DynamoDB table {table}: found")
        })
    }

    /// Creates the bucket unless it exists (and is ours).
    async fn ensure_bucket(&self) -> anyhow::Result<String> {
        let bucket = &self.bucket;
        match self.s3.head_bucket().bucket(bucket).send().await {
            Ok(_) => return Ok(format!("S3 bucket {bucket}: found")),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_not_found()) => {}
            Err(e) => bail!(
                "looking for S3 bucket {bucket}: {}",
                DisplayErrorContext(&e)
            ),
        }
        let mut request = self.s3.create_bucket().bucket(bucket);
        // us-east-1 is the default location and must not be named; every other region must be.
        let region = self.s3.config().region().map(|r| r.as_ref().to_owned());
        if let Some(region) = region.filter(|r| r != "us-east-1") {
            request = request.create_bucket_configuration(
                CreateBucketConfiguration::builder()
                    .location_constraint(BucketLocationConstraint::from(region.as_str()))
                    .build(),
            );
        }
        match request.send().await {
            Ok(_) => Ok(format!("S3 bucket {bucket}: created")),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_bucket_already_owned_by_you()) =>
            {
                Ok(format!("S3 bucket {bucket}: found"))
            }
            Err(e) => bail!("creating S3 bucket {bucket}: {}", DisplayErrorContext(&e)),
        }
    }

    // ---- S3 ----

    /// Writes one object.
    async fn put_object(&self, key: &str, body: Bytes, content_type: &str) -> StoreResult<()> {
        self.s3
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .set_tagging(keys::lifecycle_tag(key).map(str::to_owned))
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|e| sdk_error(&format!("S3 PutObject {key}"), &e))?;
        Ok(())
    }

    /// Writes one object unless its key exists (`If-None-Match: *`); `Ok(false)` when it exists,
    /// in which case nothing is written.
    async fn put_object_if_absent(
        &self,
        key: &str,
        body: Bytes,
        content_type: &str,
    ) -> StoreResult<bool> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let result = self
                .s3
                .put_object()
                .bucket(&self.bucket)
                .key(key)
                .content_type(content_type)
                .set_tagging(keys::lifecycle_tag(key).map(str::to_owned))
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

    /// Whether an object exists (HeadObject).
    async fn object_exists(&self, key: &str) -> StoreResult<bool> {
        match self
            .s3
            .head_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_not_found()) => Ok(false),
            Err(e) => Err(sdk_error(&format!("S3 HeadObject {key}"), &e)),
        }
    }

    /// Reads one object; `None` when there is no such key.
    async fn get_object(&self, key: &str) -> StoreResult<Option<Bytes>> {
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

    /// Deletes one object (deleting a missing key succeeds).
    async fn delete_object(&self, key: &str) -> StoreResult<()> {
        self.s3
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| sdk_error(&format!("S3 DeleteObject {key}"), &e))?;
        Ok(())
    }

    /// Every key under `prefix`, through all pages.
    async fn list_keys(&self, prefix: &str) -> StoreResult<Vec<String>> {
        let mut keys = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let output = self
                .s3
                .list_objects_v2()
                .bucket(&self.bucket)
                .prefix(prefix)
                .set_max_keys(self.page_size)
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(|e| sdk_error(&format!("S3 ListObjectsV2 {prefix}"), &e))?;
            keys.extend(
                output
                    .contents
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|object| object.key),
            );
            match output.next_continuation_token {
                Some(next) if output.is_truncated == Some(true) => token = Some(next),
                _ => return Ok(keys),
            }
        }
    }

    // ---- S3: audio ----

    /// What S3 holds of an audio stream: the sequence numbers of its chunks (ascending) and its
    /// final sequence number when the marker is there. One ListObjectsV2 of the stream's prefix
    /// (a request per 1000 chunks) finds both, and the marker is read only when it exists.
    async fn audio_stream_state(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<(Vec<u32>, Option<u32>)> {
        let chunks_prefix = keys::audio_chunks_prefix(session_id, stream_id);
        let final_key = keys::audio_final(session_id, stream_id);
        let mut sequences = Vec::new();
        let mut has_final = false;
        for key in self
            .list_keys(&keys::audio_stream_prefix(session_id, stream_id))
            .await?
        {
            if key == final_key {
                has_final = true;
            } else if let Some(sequence) = keys::audio_chunk_sequence(&chunks_prefix, &key) {
                sequences.push(sequence);
            }
        }
        sequences.sort_unstable();
        sequences.dedup();
        let final_sequence = if has_final {
            self.final_marker(&final_key).await?
        } else {
            None
        };
        Ok((sequences, final_sequence))
    }

    /// The final sequence number recorded in a stream's marker, if there is one.
    async fn final_marker(&self, final_key: &str) -> StoreResult<Option<u32>> {
        let Some(body) = self.get_object(final_key).await? else {
            return Ok(None);
        };
        let marker: FinalMarker = serde_json::from_slice(&body).map_err(|e| {
            StoreError::Backend(format!("S3 object {final_key} is not a final marker: {e}"))
        })?;
        Ok(Some(marker.final_sequence))
    }

    /// Chunks `0..=last` of a stream concatenated in order, fetched [`PARALLEL_GETS`] at a time.
    ///
    /// The whole stream is held in memory once: interview audio is tens of megabytes at most
    /// (an hour of 16 kHz 16-bit mono PCM is 115 MB, of Opus a few MB), and S3 cannot
    /// concatenate small objects itself (multipart parts need 5 MiB each but the last).
    async fn concatenate_chunks(
        &self,
        session_id: &str,
        stream_id: &str,
        last: u32,
    ) -> StoreResult<Bytes> {
        let mut chunks: Vec<Option<Bytes>> = vec![None; usize::try_from(last).unwrap_or(0) + 1];
        let mut pending = 0..=last;
        let mut tasks = JoinSet::new();
        loop {
            while tasks.len() < PARALLEL_GETS
                && let Some(sequence) = pending.next()
            {
                let aws = self.clone();
                let key = keys::audio_chunk(session_id, stream_id, sequence);
                tasks.spawn(async move {
                    let body = aws.get_object(&key).await?;
                    body.map(|body| (sequence, body)).ok_or_else(|| {
                        StoreError::Backend(format!("S3 object {key} vanished during assembly"))
                    })
                });
            }
            let Some(joined) = tasks.join_next().await else {
                break;
            };
            let (sequence, body) =
                joined.map_err(|e| StoreError::Backend(format!("reading audio chunks: {e}")))??;
            if let Some(slot) = usize::try_from(sequence)
                .ok()
                .and_then(|i| chunks.get_mut(i))
            {
                *slot = Some(body);
            }
        }
        let size = chunks.iter().flatten().map(Bytes::len).sum();
        let mut assembled = BytesMut::with_capacity(size);
        for chunk in chunks {
            let chunk = chunk.ok_or_else(|| {
                StoreError::Backend(format!(
                    "audio stream {stream_id} of session {session_id}: a chunk was not read"
                ))
            })?;
            assembled.extend_from_slice(&chunk);
        }
        Ok(assembled.freeze())
    }

    // ---- DynamoDB: files ----

    /// The key of a file's item.
    fn file_key(session_id: &str, path: &str) -> Item {
        HashMap::from([
            ("sessionId".to_owned(), s(session_id)),
            ("filePath".to_owned(), s(path)),
        ])
    }

    /// A file's item, read consistently; `None` when there is none.
    async fn get_file_item(&self, session_id: &str, path: &str) -> StoreResult<Option<Item>> {
        let output = self
            .dynamodb
            .get_item()
            .table_name(&self.files_table)
            .set_key(Some(Aws::file_key(session_id, path)))
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
    async fn put_file_item(&self, item: Item, condition: &str) -> StoreResult<bool> {
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

    // ---- DynamoDB: sessions ----

    /// Writes a session's two items in one transaction, each under `condition`; `Ok(false)` when
    /// a condition failed.
    async fn write_session(&self, session: &Session, condition: &str) -> StoreResult<bool> {
        let (metadata, config) = session_items(session)?;
        let mut request = self.dynamodb.transact_write_items();
        for item in [metadata, config] {
            let put = Put::builder()
                .table_name(&self.sessions_table)
                .set_item(Some(item))
                .condition_expression(condition)
                .build()
                .map_err(|e| StoreError::Backend(format!("building a DynamoDB Put: {e}")))?;
            request = request.transact_items(TransactWriteItem::builder().put(put).build());
        }
        match request.send().await {
            Ok(_) => Ok(true),
            Err(e) if is_conditional_cancellation(&e) => Ok(false),
            Err(e) => Err(sdk_error(
                &format!(
                    "DynamoDB TransactWriteItems {} ({})",
                    self.sessions_table, session.session_id
                ),
                &e,
            )),
        }
    }

    /// The CONFIG items of `session_ids`, by session id (BatchGetItem, 100 keys at a time,
    /// retrying unprocessed keys).
    async fn get_configs(&self, session_ids: &[&str]) -> StoreResult<HashMap<String, Item>> {
        let mut configs = HashMap::new();
        for chunk in session_ids.chunks(100) {
            let keys: Vec<Item> = chunk
                .iter()
                .map(|id| {
                    HashMap::from([
                        ("sessionId".to_owned(), s(*id)),
                        ("type".to_owned(), s(CONFIG)),
                    ])
                })
                .collect();
            let mut pending = Some(
                KeysAndAttributes::builder()
                    .set_keys(Some(keys))
                    .consistent_read(true)
                    .build()
                    .map_err(|e| {
                        StoreError::Backend(format!("building a DynamoDB BatchGetItem: {e}"))
                    })?,
            );
            let mut attempt = 0u32;
            while let Some(request) = pending.take() {
                let output = self
                    .dynamodb
                    .batch_get_item()
                    .request_items(&self.sessions_table, request)
                    .send()
                    .await
                    .map_err(|e| {
                        sdk_error(
                            &format!("DynamoDB BatchGetItem {}", self.sessions_table),
                            &e,
                        )
                    })?;
                for item in output
                    .responses
                    .unwrap_or_default()
                    .remove(&self.sessions_table)
                    .unwrap_or_default()
                {
                    if let Some(id) = item.get("sessionId").and_then(|v| v.as_s().ok()) {
                        configs.insert(id.clone(), item);
                    }
                }
                pending = output
                    .unprocessed_keys
                    .unwrap_or_default()
                    .remove(&self.sessions_table)
                    .filter(|rest| !rest.keys().is_empty());
                if pending.is_some() {
                    // DynamoDB throttled part of the batch: back off a little, as its docs ask.
                    attempt += 1;
                    if attempt > 10 {
                        return Err(StoreError::Backend(format!(
                            "DynamoDB BatchGetItem {}: keys still unprocessed after {attempt} attempts",
                            self.sessions_table
                        )));
                    }
                    tokio::time::sleep(Duration::from_millis(50 << attempt.min(5))).await;
                }
            }
        }
        Ok(configs)
    }
}

#[async_trait]
impl SessionStore for Aws {
    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        if self
            .write_session(session, "attribute_not_exists(sessionId)")
            .await?
        {
            Ok(())
        } else {
            Err(StoreError::AlreadyExists)
        }
    }

    async fn get_session(&self, session_id: &str) -> StoreResult<Option<Session>> {
        let output = self
            .dynamodb
            .query()
            .table_name(&self.sessions_table)
            .key_condition_expression("sessionId = :id")
            .expression_attribute_values(":id", s(session_id))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| {
                sdk_error(
                    &format!("DynamoDB Query {} ({session_id})", self.sessions_table),
                    &e,
                )
            })?;
        let items = output.items.unwrap_or_default();
        let of_type = |kind: &str| {
            items.iter().find(|item| {
                item.get("type")
                    .and_then(|v| v.as_s().ok())
                    .is_some_and(|t| t == kind)
            })
        };
        match of_type(METADATA) {
            Some(metadata) => Ok(Some(session_from_items(metadata, of_type(CONFIG))?)),
            None => Ok(None),
        }
    }

    async fn update_session(&self, session: &Session) -> StoreResult<()> {
        if self
            .write_session(session, "attribute_exists(sessionId)")
            .await?
        {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn list_sessions(&self, query: &SessionQuery) -> StoreResult<SessionPage> {
        let mut filter = "#t = :metadata".to_owned();
        let mut request = self
            .dynamodb
            .scan()
            .table_name(&self.sessions_table)
            .set_limit(self.page_size)
            .consistent_read(true)
            .expression_attribute_names("#t", "type")
            .expression_attribute_values(":metadata", s(METADATA));
        if let Some(status) = query.status {
            filter.push_str(" AND #s = :status");
            request = request
                .expression_attribute_names("#s", "status")
                .expression_attribute_values(":status", s(status.as_str()));
        }
        let request = request.filter_expression(filter);

        // Every matching session, without its configuration yet: the order is known only once
        // all of them are read.
        let mut sessions = Vec::new();
        let mut start_key: Option<Item> = None;
        loop {
            let output = request
                .clone()
                .set_exclusive_start_key(start_key.take())
                .send()
                .await
                .map_err(|e| sdk_error(&format!("DynamoDB Scan {}", self.sessions_table), &e))?;
            for item in output.items.unwrap_or_default() {
                sessions.push(session_from_items(&item, None)?);
            }
            match output.last_evaluated_key {
                Some(key) if !key.is_empty() => start_key = Some(key),
                _ => break,
            }
        }
        // Newest first, in the order of the page tokens: creation millisecond, then id.
        fn order(session: &Session) -> (i128, &str) {
            (
                session.created_at.unix_timestamp_nanos() / 1_000_000,
                session.session_id.as_str(),
            )
        }
        sessions.sort_by(|a, b| order(b).cmp(&order(a)));
        // A token that is not one of ours is ignored, as the embedded store does.
        if let Some(token) = query.after.as_deref().and_then(parse_page_token) {
            sessions.retain(|session| after_token(session, &token));
        }
        let more = sessions.len() > query.limit;
        sessions.truncate(query.limit);

        let ids: Vec<&str> = sessions.iter().map(|s| s.session_id.as_str()).collect();
        let configs = self.get_configs(&ids).await?;
        for session in &mut sessions {
            if let Some(item) = configs.get(&session.session_id) {
                session.config = config_from_item(item)?;
            }
        }
        let next = if more {
            sessions.last().map(page_token)
        } else {
            None
        };
        Ok(SessionPage { sessions, next })
    }

    async fn ping(&self) -> StoreResult<()> {
        self.dynamodb
            .describe_table()
            .table_name(&self.sessions_table)
            .send()
            .await
            .map_err(|e| {
                sdk_error(
                    &format!("DynamoDB DescribeTable {}", self.sessions_table),
                    &e,
                )
            })?;
        Ok(())
    }
}

#[async_trait]
impl FileStore for Aws {
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
        let mut files = Vec::new();
        let mut start_key: Option<Item> = None;
        loop {
            let output = request
                .clone()
                .set_exclusive_start_key(start_key.take())
                .send()
                .await
                .map_err(|e| {
                    sdk_error(
                        &format!("DynamoDB Query {} ({session_id})", self.files_table),
                        &e,
                    )
                })?;
            for item in output.items.unwrap_or_default() {
                files.push(file_info_from_item(&item)?);
            }
            match output.last_evaluated_key {
                Some(key) if !key.is_empty() => start_key = Some(key),
                _ => break,
            }
        }
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

    async fn create_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo> {
        // Checked first so that a duplicate never overwrites the existing file's object.
        if self.get_file_item(session_id, path).await?.is_some() {
            return Err(StoreError::AlreadyExists);
        }
        let key = keys::file(session_id, path);
        let (item, info) = file_item(session_id, path, &key, &content, at)?;
        self.put_object(&key, content, "application/octet-stream")
            .await?;
        match self
            .put_file_item(item, "attribute_not_exists(filePath)")
            .await
        {
            Ok(true) => Ok(info),
            // Another request created the file meanwhile; the object is now its.
            Ok(false) => Err(StoreError::AlreadyExists),
            Err(error) => {
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
        }
    }

    async fn update_file(
        &self,
        session_id: &str,
        path: &str,
        content: Bytes,
        at: Timestamp,
    ) -> StoreResult<FileInfo> {
        if self.get_file_item(session_id, path).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let key = keys::file(session_id, path);
        let (item, info) = file_item(session_id, path, &key, &content, at)?;
        self.put_object(&key, content, "application/octet-stream")
            .await?;
        if self
            .put_file_item(item, "attribute_exists(filePath)")
            .await?
        {
            Ok(info)
        } else {
            // Deleted meanwhile: the object written above is a harmless leftover.
            Err(StoreError::NotFound)
        }
    }

    async fn delete_file(&self, session_id: &str, path: &str) -> StoreResult<()> {
        let old = match self
            .dynamodb
            .delete_item()
            .table_name(&self.files_table)
            .set_key(Some(Aws::file_key(session_id, path)))
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

#[async_trait]
impl ResultStore for Aws {
    async fn put_execution(&self, record: &ExecutionRecord, logs: &str) -> StoreResult<()> {
        let json = Bytes::from(serde_json::to_vec_pretty(record).map_err(|e| {
            StoreError::Backend(format!(
                "serialising execution {}: {e}",
                record.execution_id
            ))
        })?);
        let logs = Bytes::copy_from_slice(logs.as_bytes());
        let (session_id, execution_id) = (&record.session_id, &record.execution_id);
        const JSON: &str = "application/json";
        const TEXT: &str = "text/plain; charset=utf-8";
        self.put_object(
            &keys::execution(session_id, execution_id),
            json.clone(),
            JSON,
        )
        .await?;
        self.put_object(
            &keys::execution_logs(session_id, execution_id),
            logs.clone(),
            TEXT,
        )
        .await?;
        self.put_object(&keys::latest_result(session_id), json, JSON)
            .await?;
        self.put_object(&keys::latest_logs(session_id), logs, TEXT)
            .await?;
        Ok(())
    }

    async fn list_executions(&self, session_id: &str) -> StoreResult<Vec<ExecutionSummary>> {
        let keys = self.list_keys(&keys::executions_prefix(session_id)).await?;
        let mut pending = keys.into_iter().filter(|key| key.ends_with(".json"));
        let mut tasks = JoinSet::new();
        let mut summaries = Vec::new();
        loop {
            while tasks.len() < PARALLEL_GETS
                && let Some(key) = pending.next()
            {
                let aws = self.clone();
                tasks.spawn(async move { aws.get_object(&key).await.map(|body| (key, body)) });
            }
            let Some(joined) = tasks.join_next().await else {
                break;
            };
            let (key, body) = joined
                .map_err(|e| StoreError::Backend(format!("reading execution records: {e}")))??;
            // A record deleted since the listing is skipped.
            if let Some(body) = body {
                let record: ExecutionRecord = serde_json::from_slice(&body).map_err(|e| {
                    StoreError::Backend(format!("S3 object {key} is not an execution record: {e}"))
                })?;
                summaries.push(ExecutionSummary::from(&record));
            }
        }
        summaries.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| b.execution_id.cmp(&a.execution_id))
        });
        Ok(summaries)
    }

    async fn get_execution(
        &self,
        session_id: &str,
        execution_id: &str,
    ) -> StoreResult<Option<ExecutionRecord>> {
        let key = keys::execution(session_id, execution_id);
        let Some(body) = self.get_object(&key).await? else {
            return Ok(None);
        };
        let record = serde_json::from_slice(&body).map_err(|e| {
            StoreError::Backend(format!("S3 object {key} is not an execution record: {e}"))
        })?;
        Ok(Some(record))
    }
}

#[async_trait]
impl AudioStore for Aws {
    async fn put_chunk(
        &self,
        session_id: &str,
        stream_id: &str,
        sequence: u32,
        is_final: bool,
        data: Bytes,
    ) -> StoreResult<ChunkReceipt> {
        let chunk_key = keys::audio_chunk(session_id, stream_id, sequence);
        let stored = if is_final {
            // A repeated sequence number is ignored, its final flag too, so the chunk is looked
            // for first. The marker is written before the chunk: a crash between the two leaves
            // a marker whose chunk the client's retry stores, whereas the other order would
            // leave a chunk whose final flag the retry (a duplicate) could never record. When a
            // marker exists already, the first final chunk wins and this one is an ordinary
            // chunk.
            if self.object_exists(&chunk_key).await? {
                false
            } else {
                let marker = serde_json::to_vec(&FinalMarker {
                    final_sequence: sequence,
                })
                .map_err(|e| StoreError::Backend(format!("serialising a final marker: {e}")))?;
                self.put_object_if_absent(
                    &keys::audio_final(session_id, stream_id),
                    Bytes::from(marker),
                    JSON_CONTENT_TYPE,
                )
                .await?;
                self.put_object_if_absent(&chunk_key, data, AUDIO_CONTENT_TYPE)
                    .await?
            }
        } else {
            self.put_object_if_absent(&chunk_key, data, AUDIO_CONTENT_TYPE)
                .await?
        };
        let (sequences, final_sequence) = self.audio_stream_state(session_id, stream_id).await?;
        Ok(ChunkReceipt {
            duplicate: !stored,
            missing: missing_sequences(&sequences),
            final_sequence,
        })
    }

    async fn assemble(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<Option<AssembledAudio>> {
        // The description is written after the assembled object, so its presence says the
        // assembly is complete.
        let info_key = keys::audio_assembled_info(session_id, stream_id);
        if let Some(body) = self.get_object(&info_key).await? {
            let info: AssembledInfo = serde_json::from_slice(&body).map_err(|e| {
                StoreError::Backend(format!(
                    "S3 object {info_key} is not an assembly description: {e}"
                ))
            })?;
            return Ok(Some(AssembledAudio {
                chunks: info.chunks,
                size: info.size,
            }));
        }
        let (sequences, final_sequence) = self.audio_stream_state(session_id, stream_id).await?;
        let Some(last) = final_sequence else {
            return Ok(None);
        };
        // The sequences are ascending and distinct, so 0..=last are all there exactly when
        // last + 1 of them are at most last.
        let present = sequences.partition_point(|&sequence| sequence <= last);
        if u64::try_from(present).ok() != Some(u64::from(last) + 1) {
            return Ok(None);
        }
        let assembled = self.concatenate_chunks(session_id, stream_id, last).await?;
        let info = AssembledInfo {
            chunks: last.saturating_add(1),
            size: assembled.len() as u64,
        };
        // The chunks and the final sequence number never change once written, so a concurrent
        // or repeated assembly writes the same bytes: a plain PutObject is safe.
        self.put_object(
            &keys::audio_assembled(session_id, stream_id),
            assembled,
            AUDIO_CONTENT_TYPE,
        )
        .await?;
        let body = serde_json::to_vec(&info)
            .map_err(|e| StoreError::Backend(format!("serialising {info_key}: {e}")))?;
        self.put_object(&info_key, Bytes::from(body), JSON_CONTENT_TYPE)
            .await?;
        Ok(Some(AssembledAudio {
            chunks: info.chunks,
            size: info.size,
        }))
    }

    async fn get_assembled(&self, session_id: &str, stream_id: &str) -> StoreResult<Option<Bytes>> {
        // PutObject is atomic, so the object is complete whenever it exists.
        self.get_object(&keys::audio_assembled(session_id, stream_id))
            .await
    }
}

/// A backend error naming the operation, with the SDK's whole error chain.
fn sdk_error<E, R>(operation: &str, error: &SdkError<E, R>) -> StoreError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    StoreError::Backend(format!("{operation}: {}", DisplayErrorContext(error)))
}

/// Whether a transaction was cancelled because a condition failed (and for no other reason,
/// such as a conflict with another transaction).
fn is_conditional_cancellation<R>(error: &SdkError<TransactWriteItemsError, R>) -> bool {
    match error.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => {
            let codes: Vec<&str> = cancelled
                .cancellation_reasons()
                .iter()
                .filter_map(|r| r.code())
                .collect();
            if codes.is_empty() {
                // Without reasons, the message is all there is to go by.
                cancelled
                    .message()
                    .is_some_and(|m| m.contains("ConditionalCheckFailed"))
            } else {
                codes.contains(&"ConditionalCheckFailed")
                    && codes
                        .iter()
                        .all(|c| matches!(*c, "ConditionalCheckFailed" | "None"))
            }
        }
        _ => false,
    }
}

/// A string attribute.
fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

/// The string in an attribute, or an error naming it.
fn attribute_s<'a>(value: &'a AttributeValue, name: &str) -> StoreResult<&'a str> {
    value
        .as_s()
        .map(String::as_str)
        .map_err(|_| StoreError::Backend(format!("DynamoDB attribute {name} is not a string")))
}

/// A required string attribute of an item.
fn required_s<'a>(item: &'a Item, name: &str) -> StoreResult<&'a str> {
    let value = item
        .get(name)
        .ok_or_else(|| StoreError::Backend(format!("DynamoDB item lacks the attribute {name}")))?;
    attribute_s(value, name)
}

/// A timestamp as stored: RFC 3339.
fn format_time(at: Timestamp) -> StoreResult<String> {
    at.format(&Rfc3339)
        .map_err(|e| StoreError::Backend(format!("formatting the time {at}: {e}")))
}

/// A stored timestamp, read back.
fn parse_time(item: &Item, name: &str) -> StoreResult<Timestamp> {
    let text = required_s(item, name)?;
    Timestamp::parse(text, &Rfc3339)
        .map_err(|e| StoreError::Backend(format!("DynamoDB attribute {name} = {text:?}: {e}")))
}

/// A session's METADATA and CONFIG items.
fn session_items(session: &Session) -> StoreResult<(Item, Item)> {
    let mut metadata = HashMap::from([
        ("sessionId".to_owned(), s(&session.session_id)),
        ("type".to_owned(), s(METADATA)),
        ("createdAt".to_owned(), s(format_time(session.created_at)?)),
        ("updatedAt".to_owned(), s(format_time(session.updated_at)?)),
        ("status".to_owned(), s(session.status.as_str())),
        ("templateId".to_owned(), s(&session.template_id)),
    ]);
    if let Some(name) = &session.candidate_name {
        metadata.insert("candidateName".to_owned(), s(name));
    }
    let config = serde_json::to_string(&session.config).map_err(|e| {
        StoreError::Backend(format!(
            "serialising the configuration of {}: {e}",
            session.session_id
        ))
    })?;
    let config = HashMap::from([
        ("sessionId".to_owned(), s(&session.session_id)),
        ("type".to_owned(), s(CONFIG)),
        ("config".to_owned(), s(config)),
    ]);
    Ok((metadata, config))
}

/// A session from its METADATA item and, when there is one, its CONFIG item (the default
/// configuration otherwise).
fn session_from_items(metadata: &Item, config: Option<&Item>) -> StoreResult<Session> {
    let status = required_s(metadata, "status")?;
    Ok(Session {
        session_id: required_s(metadata, "sessionId")?.to_owned(),
        status: SessionStatus::parse(status).ok_or_else(|| {
            StoreError::Backend(format!(
                "DynamoDB attribute status = {status:?} is not a status"
            ))
        })?,
        template_id: required_s(metadata, "templateId")?.to_owned(),
        candidate_name: match metadata.get("candidateName") {
            Some(name) => Some(attribute_s(name, "candidateName")?.to_owned()),
            None => None,
        },
        config: match config {
            Some(item) => config_from_item(item)?,
            None => SessionConfig::default(),
        },
        created_at: parse_time(metadata, "createdAt")?,
        updated_at: parse_time(metadata, "updatedAt")?,
    })
}

/// The configuration in a CONFIG item.
fn config_from_item(item: &Item) -> StoreResult<SessionConfig> {
    let json = required_s(item, "config")?;
    serde_json::from_str(json)
        .map_err(|e| StoreError::Backend(format!("DynamoDB attribute config = {json:?}: {e}")))
}

/// A file's item and the metadata it stands for. The content is inline when it is small UTF-8.
fn file_item(
    session_id: &str,
    path: &str,
    key: &str,
    content: &Bytes,
    at: Timestamp,
) -> StoreResult<(Item, FileInfo)> {
    let info = FileInfo {
        file_path: path.to_owned(),
        size: content.len() as u64,
        last_modified: at,
        file_type: file_type(path),
    };
    let mut item = HashMap::from([
        ("sessionId".to_owned(), s(session_id)),
        ("filePath".to_owned(), s(path)),
        ("s3Key".to_owned(), s(key)),
        ("lastModified".to_owned(), s(format_time(at)?)),
        ("fileType".to_owned(), s(&info.file_type)),
        ("size".to_owned(), AttributeValue::N(info.size.to_string())),
    ]);
    if content.len() <= INLINE_LIMIT
        && let Ok(text) = std::str::from_utf8(content)
    {
        item.insert("content".to_owned(), s(text));
    }
    Ok((item, info))
}

/// A file's metadata from its item.
fn file_info_from_item(item: &Item) -> StoreResult<FileInfo> {
    let size = item
        .get("size")
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| {
            StoreError::Backend("DynamoDB attribute size is missing or not a count".to_owned())
        })?;
    Ok(FileInfo {
        file_path: required_s(item, "filePath")?.to_owned(),
        size,
        last_modified: parse_time(item, "lastModified")?,
        file_type: required_s(item, "fileType")?.to_owned(),
    })
}

/// For tests: an [`Aws`] on a local endpoint (moto) with static credentials and freshly named
/// tables and bucket, already created, so that tests can share one server.
#[cfg(test)]
pub(crate) async fn local_for_tests(endpoint: &str) -> Aws {
    let sdk = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "tests"))
        .load()
        .await;
    let suffix = uuid::Uuid::new_v4().simple().to_string();
    let config = AwsConfig {
        bucket: format!("codebox-test-{suffix}"),
        sessions_table: format!("interview-sessions-{suffix}"),
        files_table: format!("session-files-{suffix}"),
        endpoint: Some(endpoint.to_owned()),
        init: true,
    };
    let aws = Aws::with_sdk_config(&sdk, &config);
    if let Err(e) = aws.ensure_resources().await {
        panic!("creating the test tables and bucket at {endpoint}: {e:#}");
    }
    aws
}

#[cfg(test)]
mod tests {
    use codebox_runtime::Language;

    use super::*;
    use crate::storage::audio_contract;
    use crate::storage::moto::MotoServer;

    /// A moto server and a backend on it; the server stops when this is dropped.
    struct Fixture {
        aws: Aws,
        _moto: MotoServer,
    }

    async fn fixture() -> Fixture {
        let moto = MotoServer::start();
        let aws = local_for_tests(&moto.endpoint()).await;
        Fixture { aws, _moto: moto }
    }

    /// A timestamp from RFC 3339 text.
    fn t(text: &str) -> Timestamp {
        Timestamp::parse(text, &Rfc3339).unwrap()
    }

    fn session(id: &str, created_at: Timestamp, status: SessionStatus) -> Session {
        Session {
            session_id: id.to_owned(),
            status,
            template_id: "two-sum".to_owned(),
            candidate_name: None,
            config: SessionConfig::default(),
            created_at,
            updated_at: created_at,
        }
    }

    /// An item of the sessions table, read with the raw client.
    async fn raw_session_item(aws: &Aws, id: &str, kind: &str) -> Option<Item> {
        aws.dynamodb
            .get_item()
            .table_name(&aws.sessions_table)
            .key("sessionId", s(id))
            .key("type", s(kind))
            .consistent_read(true)
            .send()
            .await
            .unwrap()
            .item
    }

    /// An item of the files table, read with the raw client.
    async fn raw_file_item(aws: &Aws, id: &str, path: &str) -> Option<Item> {
        aws.get_file_item(id, path).await.unwrap()
    }

    /// An object, read with the raw client.
    async fn raw_object(aws: &Aws, key: &str) -> Option<Vec<u8>> {
        match aws
            .s3
            .get_object()
            .bucket(&aws.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(output) => Some(output.body.collect().await.unwrap().into_bytes().to_vec()),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_no_such_key()) => None,
            Err(e) => panic!("GetObject {key}: {}", DisplayErrorContext(&e)),
        }
    }

    fn attr<'a>(item: &'a Item, name: &str) -> &'a str {
        item.get(name)
            .unwrap_or_else(|| panic!("no {name} in {item:?}"))
            .as_s()
            .unwrap()
    }

    #[tokio::test]
    async fn ensure_resources_is_idempotent() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let lines = aws.ensure_resources().await.unwrap();
        assert_eq!(
            lines,
            vec![
                format!("DynamoDB table {}: found", aws.sessions_table),
                format!("DynamoDB table {}: found", aws.files_table),
                format!("S3 bucket {}: found", aws.bucket),
            ]
        );
        aws.ping().await.unwrap();

        // A fresh set of names is created, and found the second time.
        let fresh = Aws {
            sessions_table: "t1".into(),
            files_table: "t2".into(),
            bucket: "b-fresh".into(),
            ..aws.clone()
        };
        assert_eq!(
            fresh.ensure_resources().await.unwrap(),
            [
                "DynamoDB table t1: created",
                "DynamoDB table t2: created",
                "S3 bucket b-fresh: created"
            ]
        );
        assert_eq!(
            fresh.ensure_resources().await.unwrap(),
            [
                "DynamoDB table t1: found",
                "DynamoDB table t2: found",
                "S3 bucket b-fresh: found"
            ]
        );

        // A table that is not there makes the ping fail, naming the operation.
        let missing = Aws {
            sessions_table: "no-such-table".into(),
            ..aws.clone()
        };
        let error = missing.ping().await.unwrap_err().to_string();
        assert!(
            error.contains("DynamoDB DescribeTable no-such-table"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn connect_with_init_creates_what_is_missing() {
        let moto = MotoServer::start();
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let config = AwsConfig {
            bucket: format!("connect-{suffix}"),
            sessions_table: format!("sessions-{suffix}"),
            files_table: format!("files-{suffix}"),
            endpoint: Some(moto.endpoint()),
            init: true,
        };
        // The environment's credentials, or the test ones a local endpoint falls back to.
        let storage = connect(&config).await.unwrap();
        assert_eq!(storage.backend, "aws");
        storage.sessions.ping().await.unwrap();
        let created = session("c-1", t("2024-05-01T10:00:00Z"), SessionStatus::Active);
        storage.sessions.create_session(&created).await.unwrap();
        assert_eq!(
            storage.sessions.get_session("c-1").await.unwrap(),
            Some(created)
        );
        let info = storage.files.create_file(
            "c-1",
            "main.py",
            Bytes::from_static(b"1"),
            crate::model::now(),
        );
        assert_eq!(info.await.unwrap().size, 1);
        assert!(
            storage
                .results
                .list_executions("c-1")
                .await
                .unwrap()
                .is_empty()
        );

        // Without init, nothing is created: a missing table shows in the ping.
        let other = AwsConfig {
            sessions_table: format!("absent-{suffix}"),
            init: false,
            ..config
        };
        let storage = connect(&other).await.unwrap();
        assert!(matches!(
            storage.sessions.ping().await,
            Err(StoreError::Backend(_))
        ));
    }

    #[tokio::test]
    async fn sessions_are_created_read_and_updated() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let mut created = session("s-1", t("2024-05-01T10:00:00.123Z"), SessionStatus::Active);
        created.candidate_name = Some("Ada".into());
        created.config = SessionConfig {
            allowed_languages: Some(vec![Language::Python]),
            timeout_ms: Some(5000),
            memory_mb: None,
        };
        aws.create_session(&created).await.unwrap();
        assert_eq!(aws.get_session("s-1").await.unwrap(), Some(created.clone()));

        // The two items, exactly as the spec lays them out.
        let metadata = raw_session_item(aws, "s-1", "METADATA").await.unwrap();
        assert_eq!(attr(&metadata, "createdAt"), "2024-05-01T10:00:00.123Z");
        assert_eq!(attr(&metadata, "updatedAt"), "2024-05-01T10:00:00.123Z");
        assert_eq!(attr(&metadata, "status"), "active");
        assert_eq!(attr(&metadata, "templateId"), "two-sum");
        assert_eq!(attr(&metadata, "candidateName"), "Ada");
        assert_eq!(metadata.len(), 7, "{metadata:?}");
        let config = raw_session_item(aws, "s-1", "CONFIG").await.unwrap();
        assert_eq!(
            attr(&config, "config"),
            r#"{"allowedLanguages":["python"],"timeoutMs":5000}"#
        );
        assert_eq!(config.len(), 3, "{config:?}");

        // The id is taken; the original is intact.
        let mut duplicate = session("s-1", t("2024-06-01T00:00:00Z"), SessionStatus::Terminated);
        duplicate.template_id = "other".into();
        assert!(matches!(
            aws.create_session(&duplicate).await,
            Err(StoreError::AlreadyExists)
        ));
        assert_eq!(aws.get_session("s-1").await.unwrap(), Some(created.clone()));

        // An update replaces both items; candidateName disappears when it becomes None.
        let mut updated = created.clone();
        updated.status = SessionStatus::Completed;
        updated.candidate_name = None;
        updated.config = SessionConfig::default();
        updated.updated_at = t("2024-05-01T11:00:00Z");
        aws.update_session(&updated).await.unwrap();
        assert_eq!(aws.get_session("s-1").await.unwrap(), Some(updated));
        let metadata = raw_session_item(aws, "s-1", "METADATA").await.unwrap();
        assert!(!metadata.contains_key("candidateName"));
        assert_eq!(attr(&metadata, "status"), "completed");
        assert_eq!(attr(&metadata, "updatedAt"), "2024-05-01T11:00:00Z");
        assert_eq!(
            attr(
                &raw_session_item(aws, "s-1", "CONFIG").await.unwrap(),
                "config"
            ),
            "{}"
        );

        // Updating a missing session creates nothing.
        let ghost = session("s-ghost", t("2024-05-01T10:00:00Z"), SessionStatus::Active);
        assert!(matches!(
            aws.update_session(&ghost).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(aws.get_session("s-ghost").await.unwrap(), None);
        assert!(raw_session_item(aws, "s-ghost", "METADATA").await.is_none());
        assert!(raw_session_item(aws, "s-ghost", "CONFIG").await.is_none());
    }

    #[tokio::test]
    async fn sessions_are_listed_newest_first_by_page() {
        let mut fixture = fixture().await;
        // Scan pages of two items, most of them filtered out: the listing must read them all.
        fixture.aws.page_size = Some(2);
        let aws = &fixture.aws;
        // Seven sessions; two pairs share a creation millisecond, so the id breaks the tie.
        let base = t("2024-05-01T10:00:00Z");
        let specs = [
            ("a", 0, SessionStatus::Active),
            ("b", 1, SessionStatus::Completed),
            ("c", 2, SessionStatus::Active),
            ("d", 2, SessionStatus::Active),
            ("e", 3, SessionStatus::Terminated),
            ("f", 4, SessionStatus::Active),
            ("g", 4, SessionStatus::Active),
        ];
        for (id, minutes, status) in specs {
            let mut s = session(id, base + time::Duration::minutes(minutes), status);
            s.config.timeout_ms = Some(1000 + minutes as u64);
            aws.create_session(&s).await.unwrap();
        }

        // Pages of two: four pages, newest first, each session with its configuration.
        let mut seen = Vec::new();
        let mut after = None;
        let mut pages = 0;
        loop {
            let page = aws
                .list_sessions(&SessionQuery {
                    status: None,
                    limit: 2,
                    after: after.clone(),
                })
                .await
                .unwrap();
            pages += 1;
            for session in &page.sessions {
                let minutes = (session.created_at - base).whole_minutes();
                assert_eq!(
                    session.config.timeout_ms,
                    Some(1000 + minutes as u64),
                    "{session:?}"
                );
                seen.push(session.session_id.clone());
            }
            match page.next {
                Some(next) => {
                    assert_eq!(next, page_token(page.sessions.last().unwrap()));
                    after = Some(next);
                }
                None => break,
            }
            assert!(pages < 10, "the listing does not end");
        }
        assert_eq!(pages, 4);
        assert_eq!(seen, ["g", "f", "e", "d", "c", "b", "a"]);

        // The whole listing in one page has no next token.
        let all = aws
            .list_sessions(&SessionQuery {
                status: None,
                limit: 7,
                after: None,
            })
            .await
            .unwrap();
        assert_eq!(all.sessions.len(), 7);
        assert_eq!(all.next, None);

        // Filtered by status, and paginated within the filter.
        let query = SessionQuery {
            status: Some(SessionStatus::Active),
            limit: 3,
            after: None,
        };
        let first = aws.list_sessions(&query).await.unwrap();
        let ids: Vec<_> = first
            .sessions
            .iter()
            .map(|s| s.session_id.as_str())
            .collect();
        assert_eq!(ids, ["g", "f", "d"]);
        let second = aws
            .list_sessions(&SessionQuery {
                after: first.next,
                ..query
            })
            .await
            .unwrap();
        let ids: Vec<_> = second
            .sessions
            .iter()
            .map(|s| s.session_id.as_str())
            .collect();
        assert_eq!(ids, ["c", "a"]);
        assert_eq!(second.next, None);
        let done = aws
            .list_sessions(&SessionQuery {
                status: Some(SessionStatus::Completed),
                limit: 10,
                after: None,
            })
            .await
            .unwrap();
        assert_eq!(
            done.sessions
                .iter()
                .map(|s| s.session_id.as_str())
                .collect::<Vec<_>>(),
            ["b"]
        );

        // A token that is not ours is ignored, as in the embedded store.
        let page = aws
            .list_sessions(&SessionQuery {
                status: None,
                limit: 1,
                after: Some("junk".into()),
            })
            .await
            .unwrap();
        assert_eq!(page.sessions[0].session_id, "g");
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
        assert_eq!(
            raw_object(aws, &keys::file(id, "main.py")).await.unwrap(),
            main
        );
        assert_eq!(
            raw_object(aws, &keys::file(id, "utils/helper.py"))
                .await
                .unwrap(),
            helper
        );
        assert_eq!(
            raw_object(aws, &keys::file(id, "data/big.bin"))
                .await
                .unwrap(),
            big
        );

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
        assert_eq!(
            aws.get_file(id, "main.py").await.unwrap().unwrap().content,
            main
        );
        assert_eq!(
            raw_object(aws, &keys::file(id, "main.py")).await.unwrap(),
            main
        );

        // Listed by path.
        let paths: Vec<String> = aws
            .list_files(id)
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.file_path)
            .collect();
        assert_eq!(paths, ["data/big.bin", "main.py", "utils/helper.py"]);
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
        assert_eq!(
            aws.get_file(id, "main.py").await.unwrap().unwrap().content,
            grown
        );
        assert_eq!(
            raw_object(aws, &keys::file(id, "main.py")).await.unwrap(),
            grown
        );
        let small = Bytes::from_static(b"tiny = True\n");
        aws.update_file(id, "data/big.bin", small.clone(), later)
            .await
            .unwrap();
        let item = raw_file_item(aws, id, "data/big.bin").await.unwrap();
        assert_eq!(attr(&item, "content"), "tiny = True\n");
        assert_eq!(
            aws.get_file(id, "data/big.bin")
                .await
                .unwrap()
                .unwrap()
                .content,
            small
        );
        assert_eq!(
            raw_object(aws, &keys::file(id, "data/big.bin"))
                .await
                .unwrap(),
            small
        );

        // Updating a missing file writes nothing.
        let result = aws
            .update_file(id, "missing.py", Bytes::from_static(b"x"), later)
            .await;
        assert!(matches!(result, Err(StoreError::NotFound)), "{result:?}");
        assert!(raw_file_item(aws, id, "missing.py").await.is_none());
        assert!(
            raw_object(aws, &keys::file(id, "missing.py"))
                .await
                .is_none()
        );

        // Deletes remove the item and the object.
        aws.delete_file(id, "utils/helper.py").await.unwrap();
        assert!(raw_file_item(aws, id, "utils/helper.py").await.is_none());
        assert!(
            raw_object(aws, &keys::file(id, "utils/helper.py"))
                .await
                .is_none()
        );
        assert!(aws.get_file(id, "utils/helper.py").await.unwrap().is_none());
        assert!(matches!(
            aws.delete_file(id, "utils/helper.py").await,
            Err(StoreError::NotFound)
        ));
        let paths: Vec<String> = aws
            .list_files(id)
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.file_path)
            .collect();
        assert_eq!(paths, ["data/big.bin", "main.py"]);

        // A deleted path can be created again.
        aws.create_file(id, "utils/helper.py", helper.clone(), later)
            .await
            .unwrap();
        assert_eq!(
            aws.get_file(id, "utils/helper.py")
                .await
                .unwrap()
                .unwrap()
                .content,
            helper
        );
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
        assert_eq!(
            aws.get_file("b-1", "blob.dat")
                .await
                .unwrap()
                .unwrap()
                .content,
            bytes
        );
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
        let listed: Vec<String> = aws
            .list_files("many")
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.file_path)
            .collect();
        let mut expected = paths.map(str::to_owned).to_vec();
        expected.sort();
        assert_eq!(listed, expected);
    }

    fn record(
        session_id: &str,
        execution_id: &str,
        created_at: Timestamp,
        success: bool,
    ) -> ExecutionRecord {
        ExecutionRecord {
            execution_id: execution_id.to_owned(),
            session_id: session_id.to_owned(),
            file_name: "main.py".to_owned(),
            language: Language::Python,
            created_at,
            success,
            output: format!("output of {execution_id}\n"),
            errors: String::new(),
            exit_code: Some(if success { 0 } else { 1 }),
            execution_time: 12.5,
            termination: crate::model::Termination::Exited,
            crash_reason: None,
            fuel_consumed: 1234,
            peak_memory_bytes: 65536,
            stdout_truncated: false,
            stderr_truncated: false,
            test_results: None,
            test_cases: None,
        }
    }

    #[tokio::test]
    async fn executions_are_stored_listed_and_read() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let id = "x-1";
        let first = record(id, "e-1", t("2024-05-01T10:00:00Z"), true);
        let second = record(id, "e-2", t("2024-05-01T10:05:00Z"), false);
        let tied = record(id, "e-3", t("2024-05-01T10:05:00Z"), true);
        aws.put_execution(&first, "log one\n").await.unwrap();
        aws.put_execution(&second, "log two\n").await.unwrap();
        aws.put_execution(&tied, "log three\n").await.unwrap();
        aws.put_execution(
            &record("x-other", "e-9", t("2030-01-01T00:00:00Z"), true),
            "",
        )
        .await
        .unwrap();

        let listed = aws.list_executions(id).await.unwrap();
        let ids: Vec<_> = listed.iter().map(|e| e.execution_id.as_str()).collect();
        assert_eq!(ids, ["e-3", "e-2", "e-1"]);
        assert_eq!(listed[1], ExecutionSummary::from(&second));
        assert!(aws.list_executions("x-none").await.unwrap().is_empty());

        assert_eq!(
            aws.get_execution(id, "e-2").await.unwrap(),
            Some(second.clone())
        );
        assert_eq!(aws.get_execution(id, "e-404").await.unwrap(), None);
        assert_eq!(aws.get_execution("x-other", "e-1").await.unwrap(), None);

        // Outputs carry the tag the bucket's lifecycle rules expire them by.
        let tags = aws
            .s3
            .get_object_tagging()
            .bucket(&aws.bucket)
            .key(format!(
                "interview-sessions/session-{id}/outputs/execution-results.json"
            ))
            .send()
            .await
            .unwrap();
        let tags: Vec<_> = tags
            .tag_set()
            .iter()
            .map(|t| (t.key(), t.value()))
            .collect();
        assert_eq!(tags, [("codebox-kind", "outputs")]);

        // The keys of the spec: per execution, and the latest result and logs.
        let json = |key: String| async move {
            serde_json::from_slice::<ExecutionRecord>(&raw_object(aws, &key).await.unwrap())
                .unwrap()
        };
        assert_eq!(
            json(format!(
                "interview-sessions/session-{id}/outputs/executions/e-1.json"
            ))
            .await,
            first
        );
        assert_eq!(
            json(format!(
                "interview-sessions/session-{id}/outputs/execution-results.json"
            ))
            .await,
            tied
        );
        let text = |key: String| async move {
            String::from_utf8(raw_object(aws, &key).await.unwrap()).unwrap()
        };
        assert_eq!(
            text(format!(
                "interview-sessions/session-{id}/outputs/executions/e-2.log"
            ))
            .await,
            "log two\n"
        );
        assert_eq!(
            text(format!("interview-sessions/session-{id}/outputs/logs.txt")).await,
            "log three\n"
        );
    }

    #[tokio::test]
    async fn execution_listings_read_every_page() {
        let mut fixture = fixture().await;
        fixture.aws.page_size = Some(3);
        let aws = &fixture.aws;
        let base = t("2024-05-01T10:00:00Z");
        for i in 0..20 {
            let r = record(
                "m-1",
                &format!("e-{i:02}"),
                base + time::Duration::seconds(i),
                true,
            );
            aws.put_execution(&r, "").await.unwrap();
        }
        let listed = aws.list_executions("m-1").await.unwrap();
        let expected: Vec<String> = (0..20).rev().map(|i| format!("e-{i:02}")).collect();
        assert_eq!(
            listed
                .iter()
                .map(|e| e.execution_id.clone())
                .collect::<Vec<_>>(),
            expected
        );
    }

    /// Every key under a session's audio prefix, sorted.
    async fn audio_keys(aws: &Aws, session_id: &str) -> Vec<String> {
        let mut keys = aws
            .list_keys(&format!("interview-sessions/session-{session_id}/audio/"))
            .await
            .unwrap();
        keys.sort();
        keys
    }

    fn json(bytes: &[u8]) -> serde_json::Value {
        serde_json::from_slice(bytes).unwrap()
    }

    #[tokio::test]
    async fn audio_in_order_is_assembled_under_the_session_prefix() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let assembled = audio_contract::in_order_stream(aws, "a-1", "mic").await;
        let prefix = "interview-sessions/session-a-1/audio/";
        assert_eq!(
            audio_keys(aws, "a-1").await,
            [
                format!("{prefix}mic.bin"),
                format!("{prefix}mic.json"),
                format!("{prefix}mic/chunks/0000000000.bin"),
                format!("{prefix}mic/chunks/0000000001.bin"),
                format!("{prefix}mic/chunks/0000000002.bin"),
                format!("{prefix}mic/final.json"),
            ]
        );
        assert_eq!(
            raw_object(aws, &format!("{prefix}mic.bin")).await.unwrap(),
            assembled
        );
        assert_eq!(
            json(&raw_object(aws, &format!("{prefix}mic.json")).await.unwrap()),
            serde_json::json!({"chunks": 3, "size": 1334})
        );
        assert_eq!(
            json(
                &raw_object(aws, &format!("{prefix}mic/final.json"))
                    .await
                    .unwrap()
            ),
            serde_json::json!({"finalSequence": 2})
        );
        assert_eq!(
            raw_object(aws, &format!("{prefix}mic/chunks/0000000001.bin"))
                .await
                .unwrap(),
            audio_contract::chunk(2, 333)
        );
    }

    #[tokio::test]
    async fn audio_gaps_are_reported_and_assembly_waits_for_them() {
        let mut fixture = fixture().await;
        // Listings of two keys a page: the gaps must be found across pages.
        fixture.aws.page_size = Some(2);
        let aws = &fixture.aws;
        audio_contract::gap_then_filled(aws, "a-1", "mic").await;
        let prefix = "interview-sessions/session-a-1/audio/mic";
        let chunk_keys: Vec<String> = (0..4)
            .map(|i| format!("{prefix}/chunks/000000000{i}.bin"))
            .collect();
        let mut expected = vec![format!("{prefix}.bin"), format!("{prefix}.json")];
        expected.extend(chunk_keys);
        expected.push(format!("{prefix}/final.json"));
        assert_eq!(audio_keys(aws, "a-1").await, expected);
    }

    #[tokio::test]
    async fn audio_duplicates_keep_the_first_bytes() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        audio_contract::duplicates_and_finals(aws, "a-1", "mic").await;
        let prefix = "interview-sessions/session-a-1/audio/mic";
        assert_eq!(
            raw_object(aws, &format!("{prefix}/chunks/0000000000.bin"))
                .await
                .unwrap(),
            audio_contract::chunk(20, 64)
        );
        assert_eq!(
            json(
                &raw_object(aws, &format!("{prefix}/final.json"))
                    .await
                    .unwrap()
            ),
            serde_json::json!({"finalSequence": 1})
        );
        assert_eq!(
            audio_keys(aws, "a-1").await,
            [
                format!("{prefix}.bin"),
                format!("{prefix}.json"),
                format!("{prefix}/chunks/0000000000.bin"),
                format!("{prefix}/chunks/0000000001.bin"),
                format!("{prefix}/chunks/0000000003.bin"),
                format!("{prefix}/final.json"),
            ]
        );
    }

    #[tokio::test]
    async fn audio_streams_and_sessions_are_kept_apart() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        audio_contract::streams_and_sessions_apart(aws, ["a-1", "a-2"]).await;
        let one = "interview-sessions/session-a-1/audio/";
        assert_eq!(
            audio_keys(aws, "a-1").await,
            [
                format!("{one}mi/chunks/0000000000.bin"),
                format!("{one}mic-2.bin"),
                format!("{one}mic-2.json"),
                format!("{one}mic-2/chunks/0000000000.bin"),
                format!("{one}mic-2/chunks/0000000001.bin"),
                format!("{one}mic-2/final.json"),
                format!("{one}mic.bin"),
                format!("{one}mic.json"),
                format!("{one}mic/chunks/0000000000.bin"),
                format!("{one}mic/chunks/0000000001.bin"),
                format!("{one}mic/final.json"),
            ]
        );
        let two = "interview-sessions/session-a-2/audio/";
        assert_eq!(
            audio_keys(aws, "a-2").await,
            [
                format!("{two}mic/chunks/0000000001.bin"),
                format!("{two}mic/final.json"),
            ]
        );
    }

    #[tokio::test]
    async fn audio_final_marker_without_its_chunk_is_completed_by_the_retry() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        aws.put_chunk("a-1", "mic", 0, false, Bytes::from_static(b"ab"))
            .await
            .unwrap();
        // A crash after the marker of chunk 1 was written and before the chunk was.
        aws.put_object(
            &keys::audio_final("a-1", "mic"),
            Bytes::from_static(br#"{"finalSequence":1}"#),
            JSON_CONTENT_TYPE,
        )
        .await
        .unwrap();
        assert_eq!(aws.assemble("a-1", "mic").await.unwrap(), None);
        // The client's retry stores the chunk, and the stream completes.
        assert_eq!(
            aws.put_chunk("a-1", "mic", 1, true, Bytes::from_static(b"cd"))
                .await
                .unwrap(),
            audio_contract::receipt(false, &[], Some(1))
        );
        assert_eq!(
            aws.assemble("a-1", "mic").await.unwrap(),
            Some(AssembledAudio { chunks: 2, size: 4 })
        );
        assert_eq!(
            aws.get_assembled("a-1", "mic").await.unwrap(),
            Some(Bytes::from_static(b"abcd"))
        );
    }
}
