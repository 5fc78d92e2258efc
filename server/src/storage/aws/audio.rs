//! The audio store, in S3 only, under the session's `audio/` prefix (see [`keys`]): one object per
//! chunk, written with `If-None-Match: *` so that a repeated sequence number never overwrites the
//! first bytes; a small `final.json` marker with the final sequence number (written the same way,
//! so the first final chunk wins); and, once assembled, the whole stream as one object next to a
//! `.json` description of it (`chunks` and `size`).

use async_trait::async_trait;
use bytes::{Bytes, BytesMut};
use serde::{Deserialize, Serialize};

use super::Aws;
use super::s3::{BINARY, JSON};
use crate::storage::{
    AssembledAudio, AudioStore, ChunkReceipt, StoreError, StoreResult, keys, missing_sequences,
};

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

impl From<&AssembledInfo> for AssembledAudio {
    fn from(info: &AssembledInfo) -> AssembledAudio {
        AssembledAudio {
            chunks: info.chunks,
            size: info.size,
        }
    }
}

impl Aws {
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

    /// Chunks `0..=last` of a stream concatenated in order, fetched in parallel.
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
        let keys = (0..=last)
            .map(|sequence| keys::audio_chunk(session_id, stream_id, sequence))
            .collect();
        let chunks = self.get_objects(keys, "audio chunks").await?;
        let size = chunks
            .iter()
            .filter_map(|(_, chunk)| chunk.as_ref())
            .map(Bytes::len)
            .sum();
        let mut assembled = BytesMut::with_capacity(size);
        for (key, chunk) in chunks {
            let chunk = chunk.ok_or_else(|| {
                StoreError::Backend(format!("S3 object {key} vanished during assembly"))
            })?;
            assembled.extend_from_slice(&chunk);
        }
        Ok(assembled.freeze())
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
        // A repeated sequence number is ignored, its final flag too, so a final chunk is looked
        // for first. The marker is written before the chunk: a crash between the two leaves a
        // marker whose chunk the client's retry stores, whereas the other order would leave a
        // chunk whose final flag the retry (a duplicate) could never record. When a marker exists
        // already, the first final chunk wins and this one is an ordinary chunk.
        let stored = if is_final && self.object_exists(&chunk_key).await? {
            false
        } else {
            if is_final {
                let marker = serde_json::to_vec(&FinalMarker {
                    final_sequence: sequence,
                })
                .map_err(|e| StoreError::Backend(format!("serialising a final marker: {e}")))?;
                self.put_object_if_absent(
                    &keys::audio_final(session_id, stream_id),
                    Bytes::from(marker),
                    JSON,
                )
                .await?;
            }
            self.put_object_if_absent(&chunk_key, data, BINARY).await?
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
            return Ok(Some(AssembledAudio::from(&info)));
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
            BINARY,
        )
        .await?;
        let body = serde_json::to_vec(&info)
            .map_err(|e| StoreError::Backend(format!("serialising {info_key}: {e}")))?;
        self.put_object(&info_key, Bytes::from(body), JSON).await?;
        Ok(Some(AssembledAudio::from(&info)))
    }

    async fn get_assembled(&self, session_id: &str, stream_id: &str) -> StoreResult<Option<Bytes>> {
        // PutObject is atomic, so the object is complete whenever it exists.
        self.get_object(&keys::audio_assembled(session_id, stream_id))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, raw_object};
    use super::*;
    use crate::storage::audio_contract;

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
            JSON,
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
