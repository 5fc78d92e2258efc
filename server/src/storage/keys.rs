//! The S3 key layout of the spec, in one place:
//!
//! ```text
//! interview-sessions/session-{uuid}/files/{filePath}
//! interview-sessions/session-{uuid}/outputs/execution-results.json   (the latest execution)
//! interview-sessions/session-{uuid}/outputs/logs.txt                 (the latest run's logs)
//! interview-sessions/session-{uuid}/outputs/executions/{executionId}.json
//! interview-sessions/session-{uuid}/outputs/executions/{executionId}.log
//! interview-sessions/session-{uuid}/audio/{streamId}/chunks/{sequence:010}.bin
//! ```
//!
//! Chunk sequence numbers are zero-padded to ten digits (every `u32` fits), so listing a
//! stream's chunks in key order lists them in sequence order. A stream's record and the
//! session's audio byte count are DynamoDB items, not objects (see `aws/audio.rs`). Stream ids hold no `/` (the
//! caller allows only `[A-Za-z0-9_-]`), so one stream's prefix never contains another's.

/// The object tag that the bucket's lifecycle rules key on (`infra/cloudformation.yaml`):
/// `codebox-kind=outputs` for execution results and logs, `codebox-kind=audio` for audio, none
/// for session files (kept as long as the session). S3 lifecycle filters cannot match the
/// middle of a key, so the kind travels as a tag.
pub(crate) fn lifecycle_tag(key: &str) -> Option<&'static str> {
    let rest = key.strip_prefix("interview-sessions/session-")?;
    let (_, within) = rest.split_once('/')?;
    if within.starts_with("outputs/") {
        Some("codebox-kind=outputs")
    } else if within.starts_with("audio/") {
        Some("codebox-kind=audio")
    } else {
        None
    }
}

/// The prefix of everything a session stores.
pub(crate) fn session_prefix(session_id: &str) -> String {
    format!("interview-sessions/session-{session_id}/")
}

/// A session file's object.
pub(crate) fn file(session_id: &str, path: &str) -> String {
    format!("{}files/{path}", session_prefix(session_id))
}

/// The latest execution's result.
pub(crate) fn latest_result(session_id: &str) -> String {
    format!(
        "{}outputs/execution-results.json",
        session_prefix(session_id)
    )
}

/// The latest run's logs.
pub(crate) fn latest_logs(session_id: &str) -> String {
    format!("{}outputs/logs.txt", session_prefix(session_id))
}

/// Where each execution's records live.
pub(crate) fn executions_prefix(session_id: &str) -> String {
    format!("{}outputs/executions/", session_prefix(session_id))
}

/// One execution's result.
pub(crate) fn execution(session_id: &str, execution_id: &str) -> String {
    format!("{}{execution_id}.json", executions_prefix(session_id))
}

/// One execution's logs.
pub(crate) fn execution_logs(session_id: &str, execution_id: &str) -> String {
    format!("{}{execution_id}.log", executions_prefix(session_id))
}

/// Where an audio stream's chunks live.
fn audio_chunks_prefix(session_id: &str, stream_id: &str) -> String {
    format!("{}audio/{stream_id}/chunks/", session_prefix(session_id))
}

/// One chunk of an audio stream.
pub(crate) fn audio_chunk(session_id: &str, stream_id: &str, sequence: u32) -> String {
    format!(
        "{}{sequence:010}.bin",
        audio_chunks_prefix(session_id, stream_id)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn layout_matches_the_spec() {
        assert_eq!(
            super::file("abc", "utils/helper.py"),
            "interview-sessions/session-abc/files/utils/helper.py"
        );
        assert_eq!(
            super::latest_result("abc"),
            "interview-sessions/session-abc/outputs/execution-results.json"
        );
        assert_eq!(
            super::latest_logs("abc"),
            "interview-sessions/session-abc/outputs/logs.txt"
        );
    }

    #[test]
    fn audio_layout() {
        assert_eq!(
            super::audio_chunk("abc", "mic-1", 7),
            "interview-sessions/session-abc/audio/mic-1/chunks/0000000007.bin"
        );
        assert_eq!(
            super::audio_chunk("abc", "mic-1", u32::MAX),
            "interview-sessions/session-abc/audio/mic-1/chunks/4294967295.bin"
        );
    }

    #[test]
    fn lifecycle_tags_follow_the_kind() {
        assert_eq!(
            super::lifecycle_tag(&super::latest_result("abc")),
            Some("codebox-kind=outputs")
        );
        assert_eq!(
            super::lifecycle_tag(&super::execution("abc", "e1")),
            Some("codebox-kind=outputs")
        );
        assert_eq!(
            super::lifecycle_tag("interview-sessions/session-abc/audio/mic.bin"),
            Some("codebox-kind=audio")
        );
        assert_eq!(
            super::lifecycle_tag(&super::file("abc", "outputs/fake.py")),
            None
        );
        assert_eq!(super::lifecycle_tag(&super::file("abc", "main.py")), None);
    }
}
