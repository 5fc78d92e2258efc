//! The WebSocket protocol: every message, in both directions. JSON text frames carry
//! `{type, requestId, ...}`; every answer echoes the request's `requestId`. Audio may also come
//! as binary frames (see [`BinaryAudioHeader`]). `docs/websocket.md` documents each message with
//! an example.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{ExecutionRecord, FileInfo, TestCaseResult};
use crate::service::execute::ExecuteRequest;

/// A message from the client.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub(crate) enum ClientMessage {
    /// The file service's actions.
    FileOperation(FileOperation),
    /// Runs a file; output streams back as it is written.
    CodeExecution(CodeExecution),
    /// Stops a running execution of this connection.
    Cancel(Cancel),
    /// One chunk of an audio stream, base64 in JSON.
    AudioChunk(AudioChunk),
    /// A command the voice pipeline has turned into text (or a structured intent).
    VoiceCommand(VoiceCommand),
    /// An application-level heartbeat; answered with `pong`.
    Ping(Ping),
}

/// `file-operation`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct FileOperation {
    pub(crate) request_id: String,
    pub(crate) action: FileAction,
    #[serde(default)]
    pub(crate) file_path: Option<String>,
    #[serde(default)]
    pub(crate) content: Option<String>,
}

/// The spec's file-service actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) enum FileAction {
    CreateFile,
    ReadFile,
    UpdateFile,
    ListFiles,
    DeleteFile,
}

/// `code-execution`: the body of `POST /execute`, plus the request id. The body is REST's own
/// type, so that the two transports take the same fields and refuse the same unknown ones
/// (serde's `flatten` would let unknown fields through, hence the hand-written `Deserialize`).
#[derive(Debug)]
pub(crate) struct CodeExecution {
    pub(crate) request_id: String,
    pub(crate) execute: ExecuteRequest,
}

impl<'de> Deserialize<'de> for CodeExecution {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut fields = serde_json::Map::deserialize(deserializer)?;
        let request_id = match fields.remove("requestId") {
            Some(Value::String(id)) => id,
            Some(_) => return Err(D::Error::custom("`requestId` must be a string")),
            None => return Err(D::Error::missing_field("requestId")),
        };
        let execute =
            ExecuteRequest::deserialize(Value::Object(fields)).map_err(D::Error::custom)?;
        Ok(CodeExecution {
            request_id,
            execute,
        })
    }
}

/// `cancel`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Cancel {
    pub(crate) request_id: String,
    /// The `requestId` of the execution to stop.
    pub(crate) target: String,
}

/// `audio-chunk` as JSON.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct AudioChunk {
    pub(crate) request_id: String,
    pub(crate) stream_id: String,
    pub(crate) sequence: u32,
    #[serde(default)]
    pub(crate) r#final: bool,
    /// The audio bytes, base64 (standard alphabet, padded).
    pub(crate) data: String,
}

/// The JSON header of a binary audio frame: the frame is a 4-byte big-endian header length,
/// this header as UTF-8 JSON, then the audio bytes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct BinaryAudioHeader {
    #[serde(default)]
    pub(crate) request_id: Option<String>,
    pub(crate) stream_id: String,
    pub(crate) sequence: u32,
    #[serde(default)]
    pub(crate) r#final: bool,
}

/// `voice-command`: text, or a structured intent.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct VoiceCommand {
    pub(crate) request_id: String,
    #[serde(default)]
    pub(crate) text: Option<String>,
    #[serde(default)]
    pub(crate) intent: Option<String>,
    #[serde(default)]
    pub(crate) args: Option<Value>,
}

/// `ping`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Ping {
    pub(crate) request_id: String,
}

/// Which output stream a chunk came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum StreamName {
    Stdout,
    Stderr,
}

/// A message from the server.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub(crate) enum ServerMessage {
    /// First message of every connection.
    #[serde(rename_all = "camelCase")]
    Connected {
        connection_id: String,
        session_id: String,
        limits: Value,
    },
    /// The answer to a `file-operation`.
    #[serde(rename_all = "camelCase")]
    FileOperationResult {
        request_id: String,
        action: FileAction,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<FileInfo>,
        #[serde(skip_serializing_if = "Option::is_none")]
        content: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        files: Option<Vec<FileInfo>>,
    },
    /// A file of the session changed, through another connection or REST.
    #[serde(rename_all = "camelCase")]
    FileChanged {
        session_id: String,
        change: FileChange,
        file_path: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<FileInfo>,
        /// The connection that made the change, or `rest`.
        origin: String,
    },
    /// An execution was accepted and is starting.
    #[serde(rename_all = "camelCase")]
    ExecutionStarted {
        request_id: String,
        file_name: String,
        language: String,
        test_cases: usize,
    },
    /// Output, in the order the program wrote it.
    #[serde(rename_all = "camelCase")]
    ExecutionOutput {
        request_id: String,
        stream: StreamName,
        data: String,
        /// The test case it belongs to, when there are test cases.
        #[serde(skip_serializing_if = "Option::is_none")]
        test_case: Option<usize>,
    },
    /// Output of this execution was dropped because the client read too slowly: how many
    /// bytes of each stream, at the place in the stream where they were.
    #[serde(rename_all = "camelCase")]
    OutputDropped {
        request_id: String,
        stdout_bytes: u64,
        stderr_bytes: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        test_case: Option<usize>,
    },
    /// One test case finished.
    #[serde(rename_all = "camelCase")]
    TestCaseResult {
        request_id: String,
        result: Box<TestCaseResult>,
    },
    /// The execution ended: the same record as `POST /execute` answers.
    #[serde(rename_all = "camelCase")]
    ExecutionResult {
        request_id: String,
        result: Box<ExecutionRecord>,
    },
    /// The answer to a `cancel`.
    #[serde(rename_all = "camelCase")]
    CancelResult {
        request_id: String,
        target: String,
        cancelled: bool,
    },
    /// An audio chunk was stored (or was a duplicate).
    #[serde(rename_all = "camelCase")]
    AudioChunkAck {
        #[serde(skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
        stream_id: String,
        sequence: u32,
        duplicate: bool,
        /// The first runs of sequence numbers below the highest received that have not
        /// arrived, each `[first, last]` inclusive, ascending.
        missing: Vec<(u32, u32)>,
        /// Whether more runs are missing than `missing` lists.
        more_missing: bool,
    },
    /// The final chunk arrived and every chunk before it is there: the stream is complete.
    #[serde(rename_all = "camelCase")]
    AudioStreamComplete {
        #[serde(skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
        stream_id: String,
        chunks: u32,
        size: u64,
    },
    /// What a voice command was understood as, and what came of it.
    #[serde(rename_all = "camelCase")]
    VoiceCommandResult {
        request_id: String,
        understood: Value,
        summary: String,
        result: Value,
    },
    /// A voice command matched nothing; the closest commands known.
    #[serde(rename_all = "camelCase")]
    VoiceCommandUnrecognized {
        request_id: String,
        text: String,
        suggestions: Vec<String>,
    },
    /// The answer to `ping`.
    #[serde(rename_all = "camelCase")]
    Pong { request_id: String },
    /// A request failed, or a message could not be understood.
    #[serde(rename_all = "camelCase")]
    Error {
        #[serde(skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
        error: ErrorPayload,
    },
}

/// How a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FileChange {
    Created,
    Updated,
    Deleted,
}

/// `{code, message}` as in REST errors.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ErrorPayload {
    pub(crate) code: String,
    pub(crate) message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(message: Value) -> Result<ClientMessage, serde_json::Error> {
        serde_json::from_value(message)
    }

    #[test]
    fn a_code_execution_takes_the_execute_body() {
        let message = serde_json::json!({
            "type": "code-execution", "requestId": "r1", "fileName": "main.py",
            "stdin": "2 3", "timeoutMs": 500,
        });
        let Ok(ClientMessage::CodeExecution(run)) = parse(message) else {
            panic!("not a code-execution");
        };
        assert_eq!(run.request_id, "r1");
        assert_eq!(run.execute.file_name, "main.py");
        assert_eq!(run.execute.stdin.as_deref(), Some("2 3"));
        assert_eq!(run.execute.timeout_ms, Some(500));
    }

    #[test]
    fn a_code_execution_refuses_unknown_fields() {
        let message = serde_json::json!({
            "type": "code-execution", "requestId": "r1", "fileName": "main.py", "stdn": "typo",
        });
        assert!(parse(message).is_err());
    }
}
