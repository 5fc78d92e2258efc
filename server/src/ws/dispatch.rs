//! Message dispatch: a data frame becomes a client message, and each message goes to the
//! service that carries it out, with the answer sent back. Like a REST handler, each handler
//! here only converts the message, calls the service, and turns the outcome into messages.

use axum::extract::ws::Message;
use bytes::Bytes;
use serde_json::Value;

use super::connection::{Conn, MAX_REQUEST_ID_BYTES};
use super::executions::{self, FollowUp};
use super::messages::{
    AudioChunk, BinaryAudioHeader, ClientMessage, FileAction, FileOperation, ServerMessage,
    VoiceCommand,
};
use crate::error::ApiError;
use crate::service::audio::{self, AudioChunkIn};
use crate::service::files::{CreateFile, UpdateFile};
use crate::service::voice_commands::{self, VoiceOutcome, VoiceRequest};

/// The `type` of every message a client may send.
const KNOWN_TYPES: [&str; 6] = [
    "file-operation",
    "code-execution",
    "cancel",
    "audio-chunk",
    "voice-command",
    "ping",
];

/// Handles a data frame; false when the message was refused (it counts as a strike).
pub(super) async fn frame(conn: &Conn, frame: Message) -> bool {
    match frame {
        Message::Text(text) => match parse(&text) {
            Ok(message) => {
                route(conn, message).await;
                true
            }
            Err(refusal) => {
                conn.error(refusal.request_id, refusal.code, refusal.message)
                    .await;
                false
            }
        },
        Message::Binary(bytes) => binary_audio(conn, bytes).await,
        // The connection loop answers control frames itself and passes only data frames here.
        Message::Ping(_) | Message::Pong(_) | Message::Close(_) => true,
    }
}

/// Why a text frame is not a message: the error to answer with.
#[derive(Debug)]
struct Refusal {
    /// The frame's `requestId`, when it had one.
    request_id: Option<String>,
    code: &'static str,
    message: String,
}

/// Parses a text frame. An unknown `type` is told apart from a known one with bad fields, so
/// that the client learns which types exist.
fn parse(text: &str) -> Result<ClientMessage, Refusal> {
    let value: Value = serde_json::from_str(text).map_err(|e| Refusal {
        request_id: None,
        code: "invalid_json",
        message: format!("the message is not JSON: {e}"),
    })?;
    let request_id = value.get("requestId").and_then(Value::as_str);
    // Every answer repeats the id, so a long one is refused before it is kept (and not echoed).
    if request_id.is_some_and(|id| id.len() > MAX_REQUEST_ID_BYTES) {
        return Err(Refusal {
            request_id: None,
            code: "invalid_field",
            message: format!("`requestId` is at most {MAX_REQUEST_ID_BYTES} bytes"),
        });
    }
    let request_id = request_id.map(str::to_owned);
    let refuse = |code, message| Refusal {
        request_id: request_id.clone(),
        code,
        message,
    };
    match value.get("type").and_then(Value::as_str) {
        Some(t) if KNOWN_TYPES.contains(&t) => {}
        Some(t) => {
            return Err(refuse(
                "unknown_type",
                format!(
                    "unknown message type {t:?}; known: {}",
                    KNOWN_TYPES.join(", ")
                ),
            ));
        }
        None => {
            return Err(refuse(
                "invalid_message",
                "every message needs a `type`".to_owned(),
            ));
        }
    }
    serde_json::from_value(value).map_err(|e| refuse("invalid_message", e.to_string()))
}

/// Hands a message to what carries it out.
async fn route(conn: &Conn, message: ClientMessage) {
    match message {
        ClientMessage::FileOperation(op) => file_operation(conn, op).await,
        ClientMessage::CodeExecution(request) => executions::code_execution(conn, request).await,
        ClientMessage::Cancel(cancel) => executions::cancel(conn, cancel).await,
        ClientMessage::AudioChunk(chunk) => audio_chunk(conn, chunk).await,
        ClientMessage::VoiceCommand(command) => voice_command(conn, command).await,
        ClientMessage::Ping(ping) => {
            conn.send(&ServerMessage::Pong {
                request_id: ping.request_id,
            })
            .await;
        }
    }
}

/// `file-operation`: one of the file service's actions.
async fn file_operation(conn: &Conn, op: FileOperation) {
    let request_id = op.request_id.clone();
    match run_file_operation(conn, op).await {
        Ok(message) => conn.send(&message).await,
        Err(e) => conn.api_error(Some(request_id), e).await,
    }
}

async fn run_file_operation(conn: &Conn, op: FileOperation) -> Result<ServerMessage, ApiError> {
    let services = &conn.services;
    let session = conn.session_id.as_str();
    let (file, content, files) = match op.action {
        FileAction::CreateFile => {
            let file = CreateFile {
                file_path: required(op.file_path, "filePath")?,
                content: required(op.content, "content")?,
            };
            let info = services
                .create_file(&conn.principal, session, file, &conn.id)
                .await?;
            (Some(info), None, None)
        }
        FileAction::ReadFile => {
            let path = required(op.file_path, "filePath")?;
            let file = services.read_file(&conn.principal, session, &path).await?;
            (Some(file.info), Some(file.content), None)
        }
        FileAction::UpdateFile => {
            let path = required(op.file_path, "filePath")?;
            let update = UpdateFile {
                content: required(op.content, "content")?,
            };
            let info = services
                .update_file(&conn.principal, session, &path, update, &conn.id)
                .await?;
            (Some(info), None, None)
        }
        FileAction::ListFiles => (
            None,
            None,
            Some(services.list_files(&conn.principal, session).await?),
        ),
        FileAction::DeleteFile => {
            let path = required(op.file_path, "filePath")?;
            services
                .delete_file(&conn.principal, session, &path, &conn.id)
                .await?;
            (None, None, None)
        }
    };
    Ok(ServerMessage::FileOperationResult {
        request_id: op.request_id,
        action: op.action,
        file,
        content,
        files,
    })
}

/// A field that the file operation's action needs.
fn required(value: Option<String>, field: &str) -> Result<String, ApiError> {
    value.ok_or_else(|| {
        ApiError::bad_request("invalid_field", format!("this action needs `{field}`"))
    })
}

/// `audio-chunk` as JSON, its audio in base64.
async fn audio_chunk(conn: &Conn, chunk: AudioChunk) {
    let request_id = Some(chunk.request_id);
    match audio::decode_chunk_data(&chunk.data) {
        Ok(data) => {
            let chunk = AudioChunkIn {
                stream_id: chunk.stream_id,
                sequence: chunk.sequence,
                is_final: chunk.r#final,
                data,
            };
            store_audio(conn, request_id, chunk).await;
        }
        Err(e) => conn.api_error(request_id, e).await,
    }
}

/// A binary frame: an audio chunk with a JSON header (see [`BinaryAudioHeader`]).
async fn binary_audio(conn: &Conn, frame: Bytes) -> bool {
    let Some((header, data)) = audio::split_binary_frame::<BinaryAudioHeader>(&frame) else {
        conn.error(
            None,
            "invalid_message",
            "a binary frame is a 4-byte big-endian header length, a JSON audio header, then the audio bytes",
        )
        .await;
        return false;
    };
    if header
        .request_id
        .as_ref()
        .is_some_and(|id| id.len() > MAX_REQUEST_ID_BYTES)
    {
        conn.error(
            None,
            "invalid_field",
            format!("`requestId` is at most {MAX_REQUEST_ID_BYTES} bytes"),
        )
        .await;
        return false;
    }
    let chunk = AudioChunkIn {
        stream_id: header.stream_id,
        sequence: header.sequence,
        is_final: header.r#final,
        data,
    };
    store_audio(conn, header.request_id, chunk).await;
    true
}

/// Stores a chunk and acknowledges it; then, once the stream is complete, says so.
async fn store_audio(conn: &Conn, request_id: Option<String>, chunk: AudioChunkIn) {
    let ack = match conn
        .services
        .store_audio_chunk(&conn.principal, &conn.session_id, chunk)
        .await
    {
        Ok(ack) => ack,
        Err(e) => {
            conn.api_error(request_id, e).await;
            return;
        }
    };
    conn.send(&ServerMessage::AudioChunkAck {
        request_id: request_id.clone(),
        stream_id: ack.stream_id.clone(),
        sequence: ack.sequence,
        duplicate: ack.duplicate,
        missing: ack.missing,
        more_missing: ack.more_missing,
    })
    .await;
    // Every acknowledgement of a complete stream is followed by the news, repeats included, so
    // that a client whose first notice was lost learns it from any resent chunk.
    if let Some(complete) = ack.complete {
        conn.send(&ServerMessage::AudioStreamComplete {
            request_id,
            stream_id: ack.stream_id,
            chunks: complete.chunks,
            size: complete.size,
        })
        .await;
    }
}

/// `voice-command`: understood and carried out by the voice service; a run streams as any
/// execution does, and its summary follows its result.
async fn voice_command(conn: &Conn, command: VoiceCommand) {
    let request = VoiceRequest {
        text: command.text.as_deref(),
        intent: command.intent.as_deref(),
        args: command.args.as_ref(),
    };
    let outcome = conn
        .services
        .voice_command(&conn.principal, &conn.session_id, request, &conn.id)
        .await;
    let request_id = command.request_id;
    match outcome {
        Ok(VoiceOutcome::Unrecognized { suggestions }) => {
            conn.send(&ServerMessage::VoiceCommandUnrecognized {
                request_id,
                text: command.text.unwrap_or_default(),
                suggestions,
            })
            .await;
        }
        Ok(VoiceOutcome::Done {
            understood,
            summary,
            result,
        }) => {
            conn.send(&ServerMessage::VoiceCommandResult {
                request_id,
                understood,
                summary,
                result,
            })
            .await;
        }
        Ok(VoiceOutcome::Run {
            understood,
            request,
        }) => {
            let then: FollowUp = {
                let request_id = request_id.clone();
                Box::new(move |record| {
                    let (summary, result) = voice_commands::run_summary(record);
                    ServerMessage::VoiceCommandResult {
                        request_id,
                        understood,
                        summary,
                        result,
                    }
                })
            };
            executions::start(conn, request_id, request, Some(then)).await;
        }
        Err(e) => conn.api_error(Some(request_id), e).await,
    }
}
