//! Audio streams: decoding the chunks the WebSocket receives, storing them within their bounds,
//! and reading a complete stream back for REST. It exists so that the
//! WebSocket's audio messages and the audio route share one set of rules.

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use bytes::Bytes;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use super::Services;
use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::storage::{AssembledAudio, AudioLimits, ChunkRefusal, PutChunk};

/// The highest audio sequence number (about 28 hours of 100 ms chunks).
const MAX_AUDIO_SEQUENCE: u32 = 1_000_000;

/// How far a chunk's sequence number may run past its stream's first missing chunk (about
/// 100 s of 100 ms chunks). It bounds what a store remembers of a stream's gaps, and so the
/// work and the size of every acknowledgement.
pub(crate) const MAX_SEQUENCE_GAP: u32 = 1024;

/// The most runs of missing chunks an acknowledgement lists; `moreMissing` says when there are
/// more. A client resends the listed ones and learns of the rest from later acknowledgements.
pub(crate) const MAX_MISSING_RANGES: usize = 32;

/// Standard base64 that requires its `=` padding. Bits left over in the last character are
/// ignored rather than refused, as the decoder this replaced did, so a client whose encoder
/// leaves them set is still understood.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical)
        .with_decode_allow_trailing_bits(true),
);

/// One chunk of an audio stream, whichever frame carried it.
#[derive(Debug)]
pub(crate) struct AudioChunkIn {
    pub(crate) stream_id: String,
    pub(crate) sequence: u32,
    /// Whether this is the stream's last chunk.
    pub(crate) is_final: bool,
    pub(crate) data: Bytes,
}

/// What the client is told about a stored chunk.
#[derive(Debug)]
pub(crate) struct ChunkAck {
    pub(crate) stream_id: String,
    pub(crate) sequence: u32,
    /// True when this sequence number had been stored before (the chunk was ignored).
    pub(crate) duplicate: bool,
    /// The first [`MAX_MISSING_RANGES`] runs of sequence numbers below the highest received
    /// that have not arrived, as inclusive `(first, last)` pairs, ascending.
    pub(crate) missing: Vec<(u32, u32)>,
    /// Whether more runs are missing than `missing` lists.
    pub(crate) more_missing: bool,
    /// The stream's size once its final chunk and every chunk before it are stored.
    pub(crate) complete: Option<AssembledAudio>,
}

/// Decodes the `data` of a JSON audio chunk: standard base64 with its padding, surrounding
/// whitespace ignored.
pub(crate) fn decode_chunk_data(text: &str) -> Result<Bytes, ApiError> {
    decode_base64(text)
        .map(Bytes::from)
        .ok_or_else(|| ApiError::bad_request("invalid_field", "`data` is not valid base64"))
}

/// Base64 as the JSON audio chunks have always been read: the text is trimmed, its length
/// must be a multiple of 4, and padding may close any group of four, not only the last. That
/// last rule lets a client send pieces it encoded separately as one text, so each padded piece
/// is decoded on its own.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().as_bytes();
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut start = 0;
    for end in (4..=text.len()).step_by(4) {
        if end == text.len() || text[end - 1] == b'=' {
            BASE64.decode_vec(&text[start..end], &mut out).ok()?;
            start = end;
        }
    }
    Some(out)
}

/// Splits a binary audio frame: a 4-byte big-endian header length, a JSON header, then the
/// audio bytes. `None` when the frame is not laid out so or its header does not parse.
pub(crate) fn split_binary_frame<H: DeserializeOwned>(frame: &Bytes) -> Option<(H, Bytes)> {
    let length = u32::from_be_bytes(frame.get(..4)?.try_into().ok()?) as usize;
    let header = serde_json::from_slice(frame.get(4..4 + length)?).ok()?;
    Some((header, frame.slice(4 + length..)))
}

/// Stream ids: 1 to 64 characters of letters, digits, `-` and `_`.
fn valid_stream_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Services {
    /// Stores one chunk of an active session's stream (a repeated sequence number is ignored)
    /// and answers what the client is told about it. A chunk that breaks a bound is refused
    /// whole: nothing of it is stored.
    pub(crate) async fn store_audio_chunk(
        &self,
        principal: &Principal,
        session_id: &str,
        chunk: AudioChunkIn,
    ) -> Result<ChunkAck, ApiError> {
        principal.authorize(Some(session_id), Action::Speak)?;
        if chunk.sequence > MAX_AUDIO_SEQUENCE {
            return Err(ApiError::bad_request(
                "invalid_field",
                format!("`sequence` is at most {MAX_AUDIO_SEQUENCE}"),
            ));
        }
        if !valid_stream_id(&chunk.stream_id) {
            return Err(ApiError::bad_request(
                "invalid_field",
                "`streamId` is 1 to 64 letters, digits, `-` or `_`",
            ));
        }
        self.active_session(session_id).await?;
        let limits = AudioLimits {
            session_bytes: self.config.max_session_audio_bytes,
            max_gap: MAX_SEQUENCE_GAP,
        };
        let outcome = self
            .storage
            .audio
            .put_chunk(
                session_id,
                &chunk.stream_id,
                chunk.sequence,
                chunk.is_final,
                chunk.data,
                limits,
            )
            .await?;
        let mut receipt = match outcome {
            PutChunk::Stored(receipt) => receipt,
            PutChunk::Refused(ChunkRefusal::QuotaExceeded { used, limit }) => {
                return Err(ApiError::too_large(
                    "audio_too_large",
                    format!(
                        "the session may store {limit} bytes of audio and holds {used}; this chunk would pass that"
                    ),
                ));
            }
            PutChunk::Refused(ChunkRefusal::TooFarAhead { highest_allowed }) => {
                return Err(ApiError::bad_request(
                    "sequence_gap_too_large",
                    format!(
                        "`sequence` may run at most {MAX_SEQUENCE_GAP} past the stream's first missing chunk: at most {highest_allowed} now"
                    ),
                ));
            }
        };
        let more_missing = receipt.missing.len() > MAX_MISSING_RANGES;
        receipt.missing.truncate(MAX_MISSING_RANGES);
        Ok(ChunkAck {
            stream_id: chunk.stream_id,
            sequence: chunk.sequence,
            duplicate: receipt.duplicate,
            missing: receipt.missing,
            more_missing,
            complete: receipt.complete,
        })
    }

    /// The bytes of a complete stream, read from the store as they are sent, or 404 when the
    /// session has no complete stream by that id.
    pub(crate) async fn assembled_audio(
        &self,
        principal: &Principal,
        session_id: &str,
        stream_id: &str,
    ) -> Result<Response, ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        self.session(session_id).await?;
        let Some((info, bytes)) = self
            .storage
            .audio
            .read_stream(session_id, stream_id)
            .await?
        else {
            return Err(ApiError::not_found(
                "audio_not_found",
                format!("no assembled audio stream {stream_id:?} in this session"),
            ));
        };
        // The status is sent by the time a chunk fails to read, so the failure can only end the
        // body early; it is logged here, where its cause is known.
        let bytes = bytes.map(|chunk| {
            if let Err(e) = &chunk {
                tracing::error!(error = %e, "reading an audio stream");
            }
            chunk
        });
        Ok((
            [(header::CONTENT_LENGTH, info.size)],
            Body::from_stream(bytes),
        )
            .into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGk=").unwrap(), b"hi");
        assert_eq!(decode_base64("AAEC").unwrap(), [0, 1, 2]);
        assert!(decode_base64("abc").is_none());
        assert!(decode_base64("a=bc").is_none());
        assert!(decode_base64("!!!!").is_none());
    }

    #[test]
    fn base64_as_always_accepted() {
        assert_eq!(decode_base64("  aGk=\n").unwrap(), b"hi");
        assert_eq!(decode_base64("").unwrap(), b"");
        assert_eq!(decode_base64("aGk=aGk=").unwrap(), b"hihi");
        assert_eq!(decode_base64("aGl=").unwrap(), b"hi");
        assert!(decode_base64("aGk").is_none());
        assert!(decode_base64("aG k").is_none());
        assert!(decode_base64("ab=c").is_none());
        assert!(decode_base64("a===").is_none());
    }

    #[test]
    fn stream_ids() {
        assert!(valid_stream_id("mic-1_a"));
        assert!(!valid_stream_id(""));
        assert!(!valid_stream_id("../x"));
        assert!(!valid_stream_id(&"a".repeat(65)));
    }
}
