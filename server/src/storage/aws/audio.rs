//! The audio store: chunks in S3 under the session's `audio/` prefix (see [`keys`]), one object
//! per chunk, written with `If-None-Match: *` so that a repeated sequence number never
//! overwrites the first bytes; and, in the sessions table beside the session's own items, one
//! item per stream (`type` = `AUDIO#{streamId}`: its [`StreamState`] as JSON in `state` and a
//! `version` that every write checks and raises) and one per session (`type` = `AUDIO`: the
//! session's audio bytes in `audioBytes`). The stream's item and the byte count change in one
//! transaction, the count under the condition that it stays within the quota, so that storing a
//! chunk reads two items and never lists the stream. A complete stream is read back chunk by
//! chunk; it is never copied into one object.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem, Update};
use bytes::{Bytes, BytesMut};

use super::Aws;
use super::items::{Item, attribute_s, n, number, s, session_key};
use super::s3::BINARY;
use crate::storage::audio_stream::StreamState;
use crate::storage::{
    AssembledAudio, AudioBytes, AudioLimits, AudioStore, ChunkRefusal, PutChunk, StoreError,
    StoreResult, keys,
};

/// The sort key of a session's audio byte count.
const AUDIO_USAGE: &str = "AUDIO";

/// How often a chunk is retried when other writers changed its stream or its session's byte
/// count between the read and the write. Each retry sees their write, so only a burst of
/// simultaneous chunks of one session needs more than one.
const RECORD_ATTEMPTS: u32 = 8;

/// How many chunks a reader of a stream fetches at a time: enough to hide S3's latency, few
/// enough that a reader holds well under a megabyte of a typical stream.
const READ_BATCH: u32 = 16;

/// The key of a stream's item in the sessions table.
fn stream_key(session_id: &str, stream_id: &str) -> Item {
    session_key(session_id, &format!("AUDIO#{stream_id}"))
}

impl Aws {
    /// A stream's record and the version it was written at (0 when it has none yet).
    async fn stream_record(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<(StreamState, u64)> {
        let Some(item) = self
            .sessions_item(stream_key(session_id, stream_id))
            .await?
        else {
            return Ok((StreamState::default(), 0));
        };
        let json = item
            .get("state")
            .ok_or_else(|| StoreError::Backend("an audio stream item lacks its state".to_owned()))
            .and_then(|value| attribute_s(value, "state"))?;
        let state = serde_json::from_str(json).map_err(|e| {
            StoreError::Backend(format!(
                "the record of audio stream {stream_id} of session {session_id}: {e}"
            ))
        })?;
        Ok((state, number(Some(&item), "version")?))
    }

    /// The session's audio bytes.
    async fn audio_bytes_used(&self, session_id: &str) -> StoreResult<u64> {
        let item = self
            .sessions_item(session_key(session_id, AUDIO_USAGE))
            .await?;
        number(item.as_ref(), "audioBytes")
    }

    /// Writes a stream's new record over `version` and adds `size` to the session's byte count
    /// within `limit`, in one transaction; false when another writer got there first or the
    /// count would pass the limit (the caller reads both again to tell which).
    async fn record_chunk(
        &self,
        session_id: &str,
        stream_id: &str,
        state: &StreamState,
        version: u64,
        size: u64,
        limit: u64,
    ) -> StoreResult<bool> {
        let json = serde_json::to_string(state)
            .map_err(|e| StoreError::Backend(format!("encoding a stream record: {e}")))?;
        let mut item = stream_key(session_id, stream_id);
        item.insert("state".to_owned(), s(json));
        item.insert("version".to_owned(), n(version + 1));
        let put = if version == 0 {
            Put::builder().condition_expression("attribute_not_exists(sessionId)")
        } else {
            Put::builder()
                .condition_expression("version = :version")
                .expression_attribute_values(":version", n(version))
        };
        let put = put
            .table_name(&self.sessions_table)
            .set_item(Some(item))
            .build()
            .map_err(|e| StoreError::Backend(format!("building a DynamoDB Put: {e}")))?;
        let count = Update::builder()
            .table_name(&self.sessions_table)
            .set_key(Some(session_key(session_id, AUDIO_USAGE)))
            .update_expression("ADD audioBytes :size")
            .condition_expression("attribute_not_exists(audioBytes) OR audioBytes <= :room")
            .expression_attribute_values(":size", n(size))
            .expression_attribute_values(":room", n(limit.saturating_sub(size)))
            .build()
            .map_err(|e| StoreError::Backend(format!("building a DynamoDB Update: {e}")))?;
        self.transact(
            [
                TransactWriteItem::builder().put(put).build(),
                TransactWriteItem::builder().update(count).build(),
            ],
            &self.sessions_table,
        )
        .await
    }

    /// Chunks `from..to` of a complete stream, concatenated, fetched in parallel.
    async fn chunk_batch(
        &self,
        session_id: &str,
        stream_id: &str,
        from: u32,
        to: u32,
    ) -> StoreResult<Bytes> {
        let keys = (from..to)
            .map(|sequence| keys::audio_chunk(session_id, stream_id, sequence))
            .collect();
        let mut batch = BytesMut::new();
        for (key, chunk) in self.get_objects(keys, "audio chunks").await? {
            let chunk = chunk.ok_or_else(|| {
                StoreError::Backend(format!("S3 object {key} is recorded but not stored"))
            })?;
            batch.extend_from_slice(&chunk);
        }
        Ok(batch.freeze())
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
        limits: AudioLimits,
    ) -> StoreResult<PutChunk> {
        let chunk_key = keys::audio_chunk(session_id, stream_id, sequence);
        // The chunk's size once its object is known to exist, and whether this call wrote it.
        let mut object: Option<(u64, bool)> = None;
        for _ in 0..RECORD_ATTEMPTS {
            let ((mut state, version), used) = tokio::try_join!(
                self.stream_record(session_id, stream_id),
                self.audio_bytes_used(session_id)
            )?;
            let wrote = object.is_some_and(|(_, wrote)| wrote);
            if state.contains(sequence) {
                // Another writer recorded this sequence number meanwhile.
                return Ok(PutChunk::Stored(state.receipt(!wrote)));
            }
            let refusal = state.admit(sequence, limits).err().or_else(|| {
                let size = object.map_or(data.len() as u64, |(size, _)| size);
                (used.saturating_add(size) > limits.session_bytes).then_some(
                    ChunkRefusal::QuotaExceeded {
                        used,
                        limit: limits.session_bytes,
                    },
                )
            });
            if let Some(refusal) = refusal {
                // Nothing of a refused chunk stays: an object this call wrote goes again.
                if wrote {
                    self.delete_object(&chunk_key).await?;
                }
                return Ok(PutChunk::Refused(refusal));
            }
            // The object is written before the record, so a record never names a chunk that is
            // not stored. An object that exists without a record (a write that failed between
            // the two) is taken as it is, first bytes first.
            let (size, _) = match object {
                Some(known) => known,
                None => {
                    let known = if self
                        .put_object_if_absent(&chunk_key, data.clone(), BINARY)
                        .await?
                    {
                        (data.len() as u64, true)
                    } else {
                        let stored = self.get_object(&chunk_key).await?.ok_or_else(|| {
                            StoreError::Backend(format!("S3 object {chunk_key} vanished"))
                        })?;
                        (stored.len() as u64, false)
                    };
                    *object.insert(known)
                }
            };
            state.record(sequence, is_final, size);
            if self
                .record_chunk(
                    session_id,
                    stream_id,
                    &state,
                    version,
                    size,
                    limits.session_bytes,
                )
                .await?
            {
                return Ok(PutChunk::Stored(state.receipt(false)));
            }
        }
        Err(StoreError::Backend(format!(
            "audio stream {stream_id} of session {session_id} kept changing under chunk {sequence}"
        )))
    }

    async fn read_stream(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<Option<(AssembledAudio, AudioBytes)>> {
        let (state, _) = self.stream_record(session_id, stream_id).await?;
        let Some(info) = state.complete() else {
            return Ok(None);
        };
        let (aws, session, stream) = (self.clone(), session_id.to_owned(), stream_id.to_owned());
        let bytes = futures_util::stream::unfold(0, move |from| {
            let (aws, session, stream) = (aws.clone(), session.clone(), stream.clone());
            async move {
                if from >= info.chunks {
                    return None;
                }
                let to = from.saturating_add(READ_BATCH).min(info.chunks);
                let batch = aws.chunk_batch(&session, &stream, from, to).await;
                // After a failure the stream ends: the reader has what it needs to report it.
                let next = if batch.is_ok() { to } else { info.chunks };
                Some((batch, next))
            }
        });
        Ok(Some((info, Box::pin(bytes) as AudioBytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{attr, fixture, raw_object};
    use super::*;
    use crate::storage::audio_contract::{self, Stream};

    /// Every key under a session's audio prefix, sorted.
    async fn audio_keys(aws: &Aws, session_id: &str) -> Vec<String> {
        let mut keys = aws
            .list_keys(&format!("interview-sessions/session-{session_id}/audio/"))
            .await
            .unwrap();
        keys.sort();
        keys
    }

    /// An audio item of the sessions table (`AUDIO` or `AUDIO#{streamId}`), read raw.
    async fn raw_item(aws: &Aws, session_id: &str, kind: &str) -> Option<Item> {
        aws.sessions_item(session_key(session_id, kind))
            .await
            .unwrap()
    }

    fn chunk_key(session_id: &str, stream_id: &str, sequence: u32) -> String {
        format!(
            "interview-sessions/session-{session_id}/audio/{stream_id}/chunks/{sequence:010}.bin"
        )
    }

    #[tokio::test]
    async fn audio_in_order_is_read_back_from_its_chunks() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        audio_contract::in_order_stream(aws, "a-1", "mic").await;
        // The chunks are the only objects: no copy of the stream, no marker.
        assert_eq!(
            audio_keys(aws, "a-1").await,
            (0..3)
                .map(|i| chunk_key("a-1", "mic", i))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            raw_object(aws, &chunk_key("a-1", "mic", 1)).await.unwrap(),
            audio_contract::chunk(2, 333)
        );
        let stream = raw_item(aws, "a-1", "AUDIO#mic").await.unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(attr(&stream, "state")).unwrap(),
            serde_json::json!({"prefix": 3, "prefixBytes": 1334, "above": {}, "finalSequence": 2})
        );
        // Three chunks stored, one repeat ignored: three writes of the record.
        assert_eq!(number(Some(&stream), "version").unwrap(), 3);
        let usage = raw_item(aws, "a-1", AUDIO_USAGE).await;
        assert_eq!(number(usage.as_ref(), "audioBytes").unwrap(), 1334);
    }

    #[tokio::test]
    async fn audio_gaps_are_reported_and_the_stream_waits_for_them() {
        let fixture = fixture().await;
        audio_contract::gap_then_filled(&fixture.aws, "a-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_duplicates_keep_the_first_bytes() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        audio_contract::duplicates_and_finals(aws, "a-1", "mic").await;
        assert_eq!(
            raw_object(aws, &chunk_key("a-1", "mic", 0)).await.unwrap(),
            audio_contract::chunk(20, 64)
        );
        assert_eq!(
            audio_keys(aws, "a-1").await,
            (0..4)
                .map(|i| chunk_key("a-1", "mic", i))
                .collect::<Vec<_>>()
        );
    }

    #[tokio::test]
    async fn audio_streams_and_sessions_are_kept_apart() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        audio_contract::streams_and_sessions_apart(aws, ["a-1", "a-2"]).await;
        assert_eq!(audio_keys(aws, "a-2").await, [chunk_key("a-2", "mic", 1)]);
    }

    #[tokio::test]
    async fn audio_quota_obeyed() {
        let fixture = fixture().await;
        audio_contract::audio_quota_obeyed(&fixture.aws, "a-1").await;
    }

    #[tokio::test]
    async fn audio_quota_violated() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        audio_contract::audio_quota_violated(aws, "a-1").await;
        let usage = raw_item(aws, "a-1", AUDIO_USAGE).await;
        assert_eq!(number(usage.as_ref(), "audioBytes").unwrap(), 100);
    }

    #[tokio::test]
    async fn audio_sequence_gap_obeyed() {
        let fixture = fixture().await;
        audio_contract::sequence_gap_obeyed(&fixture.aws, "a-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_sequence_gap_violated() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        audio_contract::sequence_gap_violated(aws, "a-1", "mic").await;
        assert_eq!(
            audio_keys(aws, "a-1").await,
            [chunk_key("a-1", "mic", 0), chunk_key("a-1", "mic", 1)]
        );
    }

    #[tokio::test]
    async fn audio_chunk_stored_without_its_record_is_taken_by_the_retry() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let s = Stream {
            store: aws,
            session: "a-1",
            stream: "mic",
        };
        s.put(0, false, Bytes::from_static(b"ab")).await;
        // A write that stopped after the object of chunk 1 and before its record.
        aws.put_object(
            &chunk_key("a-1", "mic", 1),
            Bytes::from_static(b"cd"),
            BINARY,
        )
        .await
        .unwrap();
        // The retry is recorded with the bytes already stored, and the stream completes.
        assert_eq!(
            s.put(1, true, Bytes::from_static(b"xyz")).await,
            audio_contract::receipt(false, &[], Some((2, 4)))
        );
        assert_eq!(
            s.read().await,
            Some((
                AssembledAudio { chunks: 2, size: 4 },
                Bytes::from_static(b"abcd")
            ))
        );
    }
}
