//! Audio, in three tables: `audio_chunks` holds every chunk as it arrives (keyed by session,
//! stream and sequence number, so a repeated sequence number is ignored), `audio_stream_states`
//! one small record per stream (see [`StreamState`]), and `audio_usage` each session's audio
//! bytes for its quota. A complete stream is read back chunk by chunk; it is never copied into
//! one blob.

use async_trait::async_trait;
use bytes::Bytes;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Embedded, backend};
use crate::storage::audio_stream::StreamState;
use crate::storage::{
    AssembledAudio, AudioBytes, AudioLimits, AudioStore, ChunkRefusal, PutChunk, StoreError,
    StoreResult,
};

/// A stream's record, or an empty one when no chunk of it has been stored.
fn stream_state(c: &Connection, session_id: &str, stream_id: &str) -> StoreResult<StreamState> {
    let json: Option<String> = c
        .query_row(
            "SELECT state FROM audio_stream_states WHERE session_id = ?1 AND stream_id = ?2",
            [session_id, stream_id],
            |row| row.get(0),
        )
        .optional()
        .map_err(backend)?;
    json.map_or(Ok(StreamState::default()), |json| {
        serde_json::from_str(&json).map_err(|e| {
            StoreError::Backend(format!(
                "the record of audio stream {stream_id} of session {session_id}: {e}"
            ))
        })
    })
}

/// The bytes of audio chunks a session has stored, all streams together.
fn audio_bytes_used(c: &Connection, session_id: &str) -> StoreResult<u64> {
    let used: Option<i64> = c
        .query_row(
            "SELECT bytes FROM audio_usage WHERE session_id = ?1",
            [session_id],
            |row| row.get(0),
        )
        .optional()
        .map_err(backend)?;
    Ok(used.map_or(0, |used| u64::try_from(used).unwrap_or(0)))
}

/// One stored chunk's bytes, read while a stream is being streamed out.
fn chunk_data(
    c: &Connection,
    session_id: &str,
    stream_id: &str,
    sequence: u32,
) -> StoreResult<Bytes> {
    let data: Option<Vec<u8>> = c
        .query_row(
            "SELECT data FROM audio_chunks WHERE session_id = ?1 AND stream_id = ?2 AND sequence = ?3",
            params![session_id, stream_id, sequence],
            |row| row.get(0),
        )
        .optional()
        .map_err(backend)?;
    data.map(Bytes::from).ok_or_else(|| {
        StoreError::Backend(format!(
            "chunk {sequence} of audio stream {stream_id} of session {session_id} is recorded but not stored"
        ))
    })
}

fn sql_size(size: u64) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX)
}

#[async_trait]
impl AudioStore for Embedded {
    async fn put_chunk(
        &self,
        session_id: &str,
        stream_id: &str,
        sequence: u32,
        is_final: bool,
        data: Bytes,
        limits: AudioLimits,
    ) -> StoreResult<PutChunk> {
        let (session, stream) = (session_id.to_owned(), stream_id.to_owned());
        self.with(move |c| {
            // The record, the chunk and the session's byte count change in one transaction, so
            // two chunks never pass the quota on the same count.
            let transaction = c.transaction().map_err(backend)?;
            let mut state = stream_state(&transaction, &session, &stream)?;
            if state.contains(sequence) {
                return Ok(PutChunk::Stored(state.receipt(true)));
            }
            if let Err(refusal) = state.admit(sequence, limits) {
                return Ok(PutChunk::Refused(refusal));
            }
            let used = audio_bytes_used(&transaction, &session)?;
            let size = data.len() as u64;
            if used.saturating_add(size) > limits.session_bytes {
                return Ok(PutChunk::Refused(ChunkRefusal::QuotaExceeded {
                    used,
                    limit: limits.session_bytes,
                }));
            }
            let inserted = transaction
                .execute(
                    "INSERT OR IGNORE INTO audio_chunks (session_id, stream_id, sequence, data) VALUES (?1, ?2, ?3, ?4)",
                    params![session, stream, sequence, data.as_ref()],
                )
                .map_err(backend)?;
            // A chunk that a version without stream records stored is taken as it is: the
            // first bytes win, and its size is what counts.
            let size = if inserted == 0 {
                let stored: i64 = transaction
                    .query_row(
                        "SELECT length(data) FROM audio_chunks WHERE session_id = ?1 AND stream_id = ?2 AND sequence = ?3",
                        params![session, stream, sequence],
                        |row| row.get(0),
                    )
                    .map_err(backend)?;
                u64::try_from(stored).unwrap_or(0)
            } else {
                size
            };
            state.record(sequence, is_final, size);
            let json = serde_json::to_string(&state)
                .map_err(|e| StoreError::Backend(format!("encoding a stream record: {e}")))?;
            transaction
                .execute(
                    "INSERT INTO audio_stream_states (session_id, stream_id, state) VALUES (?1, ?2, ?3)
                     ON CONFLICT (session_id, stream_id) DO UPDATE SET state = excluded.state",
                    params![session, stream, json],
                )
                .map_err(backend)?;
            transaction
                .execute(
                    "INSERT INTO audio_usage (session_id, bytes) VALUES (?1, ?2)
                     ON CONFLICT (session_id) DO UPDATE SET bytes = bytes + excluded.bytes",
                    params![session, sql_size(size)],
                )
                .map_err(backend)?;
            transaction.commit().map_err(backend)?;
            Ok(PutChunk::Stored(state.receipt(false)))
        })
        .await
    }

    async fn read_stream(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> StoreResult<Option<(AssembledAudio, AudioBytes)>> {
        let (session, stream) = (session_id.to_owned(), stream_id.to_owned());
        let complete = {
            let (session, stream) = (session.clone(), stream.clone());
            self.with(move |c| Ok(stream_state(c, &session, &stream)?.complete()))
                .await?
        };
        let Some(info) = complete else {
            return Ok(None);
        };
        // Each chunk is read on its own, so the connection is held for one chunk at a time and
        // never while a whole stream is read or sent.
        let store = self.clone();
        let bytes = futures_util::stream::unfold(0, move |sequence| {
            let (store, session, stream) = (store.clone(), session.clone(), stream.clone());
            async move {
                if sequence >= info.chunks {
                    return None;
                }
                let chunk = store
                    .with(move |c| chunk_data(c, &session, &stream, sequence))
                    .await;
                // After a failure the stream ends: the reader has what it needs to report it.
                let next = if chunk.is_ok() {
                    sequence + 1
                } else {
                    info.chunks
                };
                Some((chunk, next))
            }
        });
        Ok(Some((info, Box::pin(bytes) as AudioBytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Storage;
    use crate::storage::audio_contract;
    use crate::storage::embedded::tests::store;

    #[tokio::test]
    async fn audio_in_order_is_read_back_from_its_chunks() {
        let (dir, storage) = store();
        audio_contract::in_order_stream(&*storage.audio, "s-1", "mic").await;
        // The stream is its chunks, a record and the session's byte count: no copy of it.
        let connection = Connection::open(dir.path().join("codebox.sqlite3")).unwrap();
        let query =
            |sql: &str| -> String { connection.query_row(sql, [], |row| row.get(0)).unwrap() };
        assert_eq!(
            query("SELECT group_concat(sequence || ':' || length(data)) FROM audio_chunks"),
            "0:1000,1:333,2:1"
        );
        assert_eq!(
            query(
                "SELECT state FROM audio_stream_states WHERE session_id = 's-1' AND stream_id = 'mic'"
            ),
            r#"{"prefix":3,"prefixBytes":1334,"above":{},"finalSequence":2}"#
        );
        assert_eq!(
            query("SELECT CAST(bytes AS TEXT) FROM audio_usage WHERE session_id = 's-1'"),
            "1334"
        );
    }

    #[tokio::test]
    async fn audio_gaps_are_reported_and_the_stream_waits_for_them() {
        let (_dir, storage) = store();
        audio_contract::gap_then_filled(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_duplicates_keep_the_first_bytes() {
        let (_dir, storage) = store();
        audio_contract::duplicates_and_finals(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_streams_and_sessions_are_kept_apart() {
        let (_dir, storage) = store();
        audio_contract::streams_and_sessions_apart(&*storage.audio, ["s-1", "s-2"]).await;
    }

    #[tokio::test]
    async fn audio_quota_obeyed() {
        let (_dir, storage) = store();
        audio_contract::audio_quota_obeyed(&*storage.audio, "s-1").await;
    }

    #[tokio::test]
    async fn audio_quota_violated() {
        let (_dir, storage) = store();
        audio_contract::audio_quota_violated(&*storage.audio, "s-1").await;
    }

    #[tokio::test]
    async fn audio_sequence_gap_obeyed() {
        let (_dir, storage) = store();
        audio_contract::sequence_gap_obeyed(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_sequence_gap_violated() {
        let (_dir, storage) = store();
        audio_contract::sequence_gap_violated(&*storage.audio, "s-1", "mic").await;
    }

    #[tokio::test]
    async fn audio_survives_reopening() {
        let (dir, storage) = store();
        fn stream(storage: &Storage) -> audio_contract::Stream<'_> {
            audio_contract::Stream {
                store: &*storage.audio,
                session: "s-1",
                stream: "mic",
            }
        }
        stream(&storage)
            .put(0, false, Bytes::from_static(b"ab"))
            .await;
        stream(&storage)
            .put(2, true, Bytes::from_static(b"ef"))
            .await;
        drop(storage);
        let storage = super::super::open(dir.path()).unwrap();
        assert_eq!(
            stream(&storage)
                .put(1, false, Bytes::from_static(b"cd"))
                .await,
            audio_contract::receipt(false, &[], Some((3, 6)))
        );
        assert_eq!(
            stream(&storage).read().await,
            Some((
                AssembledAudio { chunks: 3, size: 6 },
                Bytes::from_static(b"abcdef")
            ))
        );
    }
}
