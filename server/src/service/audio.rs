//! Audio streams: decoding the chunks the WebSocket receives, storing them with their checks,
//! assembling a complete stream, and reading it back for REST. It exists so that the
//! WebSocket's audio messages and the audio route share one set of rules.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::Services;
use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::storage::AssembledAudio;

/// The highest audio sequence number (about 28 hours of 100 ms chunks), which also bounds the
/// `missing` list of an acknowledgement.
const MAX_AUDIO_SEQUENCE: u32 = 1_000_000;

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
    /// Sequence numbers below the highest received that have not arrived.
    pub(crate) missing: Vec<u32>,
    /// Whether the final chunk is known, so that assembling the stream may now succeed.
    pub(crate) final_known: bool,
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
    /// and answers what the client is told about it.
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
        let receipt = self
            .storage
            .audio
            .put_chunk(
                session_id,
                &chunk.stream_id,
                chunk.sequence,
                chunk.is_final,
                chunk.data,
            )
            .await?;
        Ok(ChunkAck {
            stream_id: chunk.stream_id,
            sequence: chunk.sequence,
            duplicate: receipt.duplicate,
            missing: receipt.missing,
            final_known: receipt.final_sequence.is_some(),
        })
    }

    /// Concatenates a stream into one stored object once its final chunk has arrived and none
    /// is missing; `None` while it is incomplete. Assembling again answers the same.
    pub(crate) async fn assemble_audio(
        &self,
        session_id: &str,
        stream_id: &str,
    ) -> Result<Option<AssembledAudio>, ApiError> {
        Ok(self.storage.audio.assemble(session_id, stream_id).await?)
    }

    /// The bytes of an assembled stream, or 404 when the session has none by that id.
    pub(crate) async fn assembled_audio(
        &self,
        principal: &Principal,
        session_id: &str,
        stream_id: &str,
    ) -> Result<Bytes, ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        self.session(session_id).await?;
        self.storage
            .audio
            .get_assembled(session_id, stream_id)
            .await?
            .ok_or_else(|| {
                ApiError::not_found(
                    "audio_not_found",
                    format!("no assembled audio stream {stream_id:?} in this session"),
                )
            })
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
