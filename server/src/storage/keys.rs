//! The S3 key layout of the spec, in one place:
//!
//! ```text
//! interview-sessions/session-{uuid}/files/{filePath}
//! interview-sessions/session-{uuid}/outputs/execution-results.json   (the latest execution)
//! interview-sessions/session-{uuid}/outputs/logs.txt                 (the latest run's logs)
//! interview-sessions/session-{uuid}/outputs/executions/{executionId}.json
//! interview-sessions/session-{uuid}/outputs/executions/{executionId}.log
//! ```

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
}
