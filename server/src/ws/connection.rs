//! One WebSocket connection: limits, parsing, dispatch, and cleanup.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use bytes::Bytes;
use codebox_runtime::{CancelToken, StreamKind};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::messages::{
    AudioChunk, BinaryAudioHeader, ClientMessage, CodeExecution, ErrorPayload, FileAction,
    FileChange, FileOperation, ServerMessage, StreamName, VoiceCommand,
};
use crate::error::ApiError;
use crate::service::execute::{ExecuteRequest, ExecutionEvent, Observer};
use crate::service::files::{CreateFile, UpdateFile};
use crate::service::{FileChangeKind, Services};
use crate::voice::{self, Intent};

/// The server pings at most this far apart (and at a third of the idle timeout); browsers
/// answer pings on their own.
const PING_EVERY: Duration = Duration::from_secs(20);
/// Messages a client may send per second, on average...
const RATE_PER_SECOND: f64 = 20.0;
/// ...and in a burst.
const RATE_BURST: f64 = 40.0;
/// After this many refused messages (malformed, unknown, over the rate) the connection closes.
const MAX_STRIKES: u32 = 10;
/// How long the server waits for the client to answer its close frame.
const CLOSE_GRACE: Duration = Duration::from_secs(2);
/// Messages waiting for the writer; a client that reads too slowly slows the server's sends.
const OUTBOX: usize = 256;

/// Close codes (RFC 6455 and the 4000 private range), documented in `docs/websocket.md`.
pub(crate) mod close {
    /// Too many refused messages.
    pub(crate) const POLICY: u16 = 1008;
    /// A message over the size limit.
    pub(crate) const TOO_BIG: u16 = 1009;
    /// Nothing received for the idle timeout (`CODEBOX_WS_IDLE_TIMEOUT`).
    pub(crate) const IDLE: u16 = 4408;
}

/// What a connection shares with its tasks.
#[derive(Clone)]
struct Conn {
    id: String,
    session_id: String,
    services: Services,
    outbox: mpsc::Sender<Message>,
    /// Running executions by request id.
    running: Arc<Mutex<HashMap<String, CancelToken>>>,
}

impl Conn {
    async fn send(&self, message: &ServerMessage) {
        if let Ok(text) = serde_json::to_string(message) {
            // A closed outbox means the connection is going away; nothing left to tell.
            let _ = self.outbox.send(Message::Text(text.into())).await;
        }
    }

    async fn error(&self, request_id: Option<String>, code: &str, message: impl Into<String>) {
        self.send(&ServerMessage::Error {
            request_id,
            error: ErrorPayload {
                code: code.to_owned(),
                message: message.into(),
            },
        })
        .await;
    }

    async fn api_error(&self, request_id: &str, error: ApiError) {
        self.error(Some(request_id.to_owned()), error.code(), error.to_string())
            .await;
    }
}

/// Serves one connection until it closes.
pub(crate) async fn serve(socket: WebSocket, services: Services, session_id: String) {
    let (mut sink, mut stream) = socket.split();
    let (outbox, mut inbox) = mpsc::channel::<Message>(OUTBOX);
    let conn = Conn {
        id: uuid::Uuid::new_v4().to_string(),
        session_id: session_id.clone(),
        services: services.clone(),
        outbox,
        running: Arc::default(),
    };
    tracing::info!(connection = %conn.id, session = %session_id, "websocket connected");

    let idle_timeout = services.config.ws_idle_timeout;
    let ping_every = PING_EVERY
        .min(idle_timeout / 3)
        .max(Duration::from_millis(100));
    // The writer: everything the server sends, plus the heartbeat.
    let writer = tokio::spawn(async move {
        let mut ping = tokio::time::interval(ping_every);
        ping.tick().await;
        loop {
            tokio::select! {
                message = inbox.recv() => {
                    let Some(message) = message else { break };
                    let closing = matches!(message, Message::Close(_));
                    if sink.send(message).await.is_err() || closing {
                        break;
                    }
                }
                _ = ping.tick() => {
                    if sink.send(Message::Ping(Bytes::new())).await.is_err() {
                        break;
                    }
                }
            }
        }
        let _ = sink.close().await;
    });

    // Subscribed before `connected` is sent, so that no change after it is missed; the
    // follower starts after it, so that `connected` is always the first message.
    let mut events = services.file_events.subscribe();
    conn.send(&ServerMessage::Connected {
        connection_id: conn.id.clone(),
        session_id: session_id.clone(),
        limits: json!({
            "maxMessageBytes": super::max_message_bytes(&services),
            "pingIntervalSeconds": ping_every.as_secs_f64(),
            "idleTimeoutSeconds": idle_timeout.as_secs(),
            "messagesPerSecond": RATE_PER_SECOND,
            "burst": RATE_BURST,
        }),
    })
    .await;

    // The follower: other connections' (and REST's) changes to this session's files.
    let follower = {
        let conn = conn.clone();
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(event) if event.session_id == conn.session_id && event.origin != conn.id => {
                        let change = match event.change {
                            FileChangeKind::Created => FileChange::Created,
                            FileChangeKind::Updated => FileChange::Updated,
                            FileChangeKind::Deleted => FileChange::Deleted,
                        };
                        conn.send(&ServerMessage::FileChanged {
                            session_id: event.session_id,
                            change,
                            file_path: event.file_path,
                            file: event.file,
                            origin: event.origin,
                        })
                        .await;
                    }
                    Ok(_) => {}
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => {
                        conn.error(
                            None,
                            "events_lost",
                            format!(
                                "{missed} file-change events were dropped; list the files again"
                            ),
                        )
                        .await;
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                }
            }
        })
    };

    let mut bucket = RATE_BURST;
    let mut refilled = Instant::now();
    let mut strikes = 0;
    let close_reason = loop {
        let frame = match tokio::time::timeout(idle_timeout, stream.next()).await {
            Err(_) => break Some((close::IDLE, "idle timeout")),
            Ok(None) => break None,
            Ok(Some(Err(e))) => {
                tracing::debug!(connection = %conn.id, error = %e, "websocket read failed");
                // A message over the size limit is the one read error the client can act on.
                if e.to_string().contains("too long") {
                    break Some((close::TOO_BIG, "message too big"));
                }
                break None;
            }
            Ok(Some(Ok(frame))) => frame,
        };
        let (text, binary) = match frame {
            Message::Text(text) => (Some(text), None),
            Message::Binary(bytes) => (None, Some(bytes)),
            Message::Close(_) => break None,
            Message::Ping(_) | Message::Pong(_) => continue,
        };
        // Token bucket: refill, then spend one.
        let now = Instant::now();
        bucket =
            (bucket + now.duration_since(refilled).as_secs_f64() * RATE_PER_SECOND).min(RATE_BURST);
        refilled = now;
        if bucket < 1.0 {
            strikes += 1;
            conn.error(
                None,
                "rate_limited",
                format!("at most {RATE_PER_SECOND} messages per second"),
            )
            .await;
        } else {
            bucket -= 1.0;
            let accepted = match (text, binary) {
                (Some(text), _) => handle_text(&conn, &text).await,
                (_, Some(bytes)) => handle_binary(&conn, bytes).await,
                _ => true,
            };
            if !accepted {
                strikes += 1;
            }
        }
        if strikes >= MAX_STRIKES {
            break Some((close::POLICY, "too many invalid messages"));
        }
    };

    // Whatever way the connection ended: stop its executions and its tasks.
    for (_, token) in conn
        .running
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .drain()
    {
        token.cancel();
    }
    follower.abort();
    if let Some((code, reason)) = close_reason {
        let frame = CloseFrame {
            code,
            reason: Utf8Bytes::from_static(reason),
        };
        let _ = conn.outbox.send(Message::Close(Some(frame))).await;
        // The closing handshake: give the client a moment to read the close frame and answer
        // it before the connection is dropped. After a read error (a message over the size
        // limit) nothing more can be read, so the connection is simply held open that long:
        // dropping it with unread data would reset it before the client sees why.
        let _ = tokio::time::timeout(CLOSE_GRACE, async {
            loop {
                match stream.next().await {
                    Some(Ok(Message::Close(_))) => break,
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => std::future::pending::<()>().await,
                }
            }
        })
        .await;
    }
    drop(conn);
    let _ = writer.await;
    tracing::info!(session = %session_id, "websocket closed");
}

/// Handles a text frame; false when the message was refused (it counts as a strike).
async fn handle_text(conn: &Conn, text: &str) -> bool {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            conn.error(
                None,
                "invalid_json",
                format!("the message is not JSON: {e}"),
            )
            .await;
            return false;
        }
    };
    let request_id = value
        .get("requestId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let known = [
        "file-operation",
        "code-execution",
        "cancel",
        "audio-chunk",
        "voice-command",
        "ping",
    ];
    match value.get("type").and_then(Value::as_str) {
        Some(t) if known.contains(&t) => {}
        Some(t) => {
            conn.error(
                request_id,
                "unknown_type",
                format!("unknown message type {t:?}; known: {}", known.join(", ")),
            )
            .await;
            return false;
        }
        None => {
            conn.error(
                request_id,
                "invalid_message",
                "every message needs a `type`",
            )
            .await;
            return false;
        }
    }
    let message: ClientMessage = match serde_json::from_value(value) {
        Ok(message) => message,
        Err(e) => {
            conn.error(request_id, "invalid_message", e.to_string())
                .await;
            return false;
        }
    };
    match message {
        ClientMessage::FileOperation(op) => file_operation(conn, op).await,
        ClientMessage::CodeExecution(request) => code_execution(conn, request).await,
        ClientMessage::Cancel(cancel) => {
            let token = conn
                .running
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&cancel.target)
                .cloned();
            if let Some(token) = &token {
                token.cancel();
            }
            conn.send(&ServerMessage::CancelResult {
                request_id: cancel.request_id,
                target: cancel.target,
                cancelled: token.is_some(),
            })
            .await;
        }
        ClientMessage::AudioChunk(chunk) => audio_json(conn, chunk).await,
        ClientMessage::VoiceCommand(command) => voice_command(conn, command).await,
        ClientMessage::Ping(ping) => {
            conn.send(&ServerMessage::Pong {
                request_id: ping.request_id,
            })
            .await
        }
    }
    true
}

async fn file_operation(conn: &Conn, op: FileOperation) {
    let services = &conn.services;
    let session = conn.session_id.as_str();
    let path = op.file_path.clone();
    let need_path = || {
        path.clone()
            .ok_or_else(|| ApiError::bad_request("invalid_field", "this action needs `filePath`"))
    };
    let need_content = || {
        op.content
            .clone()
            .ok_or_else(|| ApiError::bad_request("invalid_field", "this action needs `content`"))
    };
    let answer = |file, content, files| ServerMessage::FileOperationResult {
        request_id: op.request_id.clone(),
        action: op.action,
        file,
        content,
        files,
    };
    let result = match op.action {
        FileAction::CreateFile => match (need_path(), need_content()) {
            (Ok(file_path), Ok(content)) => services
                .create_file(session, CreateFile { file_path, content }, &conn.id)
                .await
                .map(|info| answer(Some(info), None, None)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        FileAction::ReadFile => match need_path() {
            Ok(file_path) => services
                .read_file(session, &file_path)
                .await
                .map(|file| answer(Some(file.info), Some(file.content), None)),
            Err(e) => Err(e),
        },
        FileAction::UpdateFile => match (need_path(), need_content()) {
            (Ok(file_path), Ok(content)) => services
                .update_file(session, &file_path, UpdateFile { content }, &conn.id)
                .await
                .map(|info| answer(Some(info), None, None)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        FileAction::ListFiles => services
            .list_files(session)
            .await
            .map(|files| answer(None, None, Some(files))),
        FileAction::DeleteFile => match need_path() {
            Ok(file_path) => services
                .delete_file(session, &file_path, &conn.id)
                .await
                .map(|()| answer(None, None, None)),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(message) => conn.send(&message).await,
        Err(e) => conn.api_error(&op.request_id, e).await,
    }
}

/// Builds the message that follows an execution's result (a voice command's summary).
type FollowUp = Box<dyn FnOnce(&crate::model::ExecutionRecord) -> ServerMessage + Send>;

/// Starts an execution as a task of its own; its events stream back under `request_id`.
/// `then` runs on the record when the execution ends (the voice command's summary).
async fn start_execution(
    conn: &Conn,
    request_id: String,
    request: ExecuteRequest,
    then: Option<FollowUp>,
) {
    let token = CancelToken::new();
    let duplicate = {
        let mut running = conn.running.lock().unwrap_or_else(|p| p.into_inner());
        let duplicate = running.contains_key(&request_id);
        if !duplicate {
            running.insert(request_id.clone(), token.clone());
        }
        duplicate
    };
    if duplicate {
        conn.error(
            Some(request_id),
            "duplicate_request",
            "an execution with this requestId is running",
        )
        .await;
        return;
    }
    let conn = conn.clone();
    tokio::spawn(async move {
        // Events arrive from the thread that runs the program and from this task; one queue
        // keeps them in order, and the result waits until the queue is drained.
        let (events, mut queue) = mpsc::unbounded_channel::<ServerMessage>();
        let forwarder = {
            let conn = conn.clone();
            tokio::spawn(async move {
                while let Some(message) = queue.recv().await {
                    conn.send(&message).await;
                }
            })
        };
        let observer: Observer = {
            let request_id = request_id.clone();
            Arc::new(move |event| {
                let message = match event {
                    ExecutionEvent::Started {
                        file_name,
                        language,
                        test_cases,
                    } => ServerMessage::ExecutionStarted {
                        request_id: request_id.clone(),
                        file_name,
                        language: language.name().to_owned(),
                        test_cases,
                    },
                    ExecutionEvent::Output {
                        stream,
                        data,
                        test_case,
                    } => ServerMessage::ExecutionOutput {
                        request_id: request_id.clone(),
                        stream: match stream {
                            StreamKind::Stdout => StreamName::Stdout,
                            StreamKind::Stderr => StreamName::Stderr,
                        },
                        data,
                        test_case,
                    },
                    ExecutionEvent::TestCase(result) => ServerMessage::TestCaseResult {
                        request_id: request_id.clone(),
                        result,
                    },
                };
                let _ = events.send(message);
            })
        };
        let outcome = conn
            .services
            .execute_observed(&conn.session_id, request, Some(observer), Some(token))
            .await;
        let _ = forwarder.await;
        conn.running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&request_id);
        match outcome {
            Ok(record) => {
                let follow_up = then.map(|then| then(&record));
                conn.send(&ServerMessage::ExecutionResult {
                    request_id: request_id.clone(),
                    result: Box::new(record),
                })
                .await;
                if let Some(message) = follow_up {
                    conn.send(&message).await;
                }
            }
            Err(e) => conn.api_error(&request_id, e).await,
        }
    });
}

async fn code_execution(conn: &Conn, request: CodeExecution) {
    let execute = ExecuteRequest {
        file_name: request.file_name,
        language: request.language,
        stdin: request.stdin,
        test_cases: request.test_cases,
        timeout_ms: request.timeout_ms,
    };
    start_execution(conn, request.request_id, execute, None).await;
}

/// The highest audio sequence number (about 28 hours of 100 ms chunks), which also bounds the
/// `missing` list of an acknowledgement.
const MAX_AUDIO_SEQUENCE: u32 = 1_000_000;

/// Stream ids: 1 to 64 characters of letters, digits, `-` and `_`.
fn valid_stream_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

async fn audio_json(conn: &Conn, chunk: AudioChunk) {
    match base64_decode(&chunk.data) {
        Some(bytes) => {
            store_audio(
                conn,
                Some(chunk.request_id),
                chunk.stream_id,
                chunk.sequence,
                chunk.r#final,
                Bytes::from(bytes),
            )
            .await
        }
        None => {
            conn.error(
                Some(chunk.request_id),
                "invalid_field",
                "`data` is not valid base64",
            )
            .await
        }
    }
}

/// A binary frame: a 4-byte big-endian header length, a JSON header, then the audio.
async fn handle_binary(conn: &Conn, frame: Bytes) -> bool {
    let parsed = (|| {
        let length = u32::from_be_bytes(frame.get(..4)?.try_into().ok()?) as usize;
        let header: BinaryAudioHeader = serde_json::from_slice(frame.get(4..4 + length)?).ok()?;
        Some((header, frame.slice(4 + length..)))
    })();
    let Some((header, audio)) = parsed else {
        conn.error(
            None,
            "invalid_message",
            "a binary frame is a 4-byte big-endian header length, a JSON audio header, then the audio bytes",
        )
        .await;
        return false;
    };
    store_audio(
        conn,
        header.request_id,
        header.stream_id,
        header.sequence,
        header.r#final,
        audio,
    )
    .await;
    true
}

async fn store_audio(
    conn: &Conn,
    request_id: Option<String>,
    stream_id: String,
    sequence: u32,
    last: bool,
    data: Bytes,
) {
    if sequence > MAX_AUDIO_SEQUENCE {
        conn.error(
            request_id,
            "invalid_field",
            format!("`sequence` is at most {MAX_AUDIO_SEQUENCE}"),
        )
        .await;
        return;
    }
    if !valid_stream_id(&stream_id) {
        conn.error(
            request_id,
            "invalid_field",
            "`streamId` is 1 to 64 letters, digits, `-` or `_`",
        )
        .await;
        return;
    }
    if let Err(e) = conn.services.active_session(&conn.session_id).await {
        conn.error(request_id, e.code(), e.to_string()).await;
        return;
    }
    let audio = &conn.services.storage.audio;
    let receipt = match audio
        .put_chunk(&conn.session_id, &stream_id, sequence, last, data)
        .await
    {
        Ok(receipt) => receipt,
        Err(e) => {
            let e = ApiError::from(e);
            conn.error(request_id, e.code(), e.to_string()).await;
            return;
        }
    };
    conn.send(&ServerMessage::AudioChunkAck {
        request_id: request_id.clone(),
        stream_id: stream_id.clone(),
        sequence,
        duplicate: receipt.duplicate,
        missing: receipt.missing.clone(),
    })
    .await;
    // Assembling answers nothing while chunks are missing, so it is tried whenever the final
    // chunk is known (a client may also send chunks past the final one).
    if receipt.final_sequence.is_some() {
        match audio.assemble(&conn.session_id, &stream_id).await {
            Ok(Some(assembled)) => {
                conn.send(&ServerMessage::AudioStreamComplete {
                    request_id,
                    stream_id,
                    chunks: assembled.chunks,
                    size: assembled.size,
                })
                .await;
            }
            Ok(None) => {}
            Err(e) => {
                let e = ApiError::from(e);
                conn.error(request_id, e.code(), e.to_string()).await;
            }
        }
    }
}

async fn voice_command(conn: &Conn, command: VoiceCommand) {
    let parsed = match (&command.intent, &command.text) {
        (Some(intent), _) => voice::from_structured(intent, command.args.as_ref())
            .map_err(|message| (message, Vec::new())),
        (None, Some(text)) => {
            voice::parse(text).map_err(|suggestions| (String::new(), suggestions))
        }
        (None, None) => Err((
            "a voice-command needs `text` or `intent`".to_owned(),
            Vec::new(),
        )),
    };
    let intent = match parsed {
        Ok(intent) => intent,
        Err((message, _)) if !message.is_empty() => {
            conn.error(Some(command.request_id), "invalid_field", message)
                .await;
            return;
        }
        Err((_, suggestions)) => {
            conn.send(&ServerMessage::VoiceCommandUnrecognized {
                request_id: command.request_id,
                text: command.text.unwrap_or_default(),
                suggestions,
            })
            .await;
            return;
        }
    };
    if let Err(e) = run_intent(conn, &command.request_id, intent).await {
        conn.api_error(&command.request_id, e).await;
    }
}

/// Carries out what a voice command was understood as.
async fn run_intent(conn: &Conn, request_id: &str, intent: Intent) -> Result<(), ApiError> {
    let services = &conn.services;
    let session = conn.session_id.as_str();
    let understood = serde_json::to_value(&intent).unwrap_or(Value::Null);
    let paths = || async {
        services
            .list_files(session)
            .await
            .map(|files| files.into_iter().map(|f| f.file_path).collect::<Vec<_>>())
    };
    let resolve = |spoken: &str, files: &[String]| {
        voice::resolve_file(spoken, files).ok_or_else(|| {
            ApiError::not_found(
                "file_not_found",
                format!("no file of this session matches {spoken:?}"),
            )
        })
    };
    let reply = |summary: String, result: Value| ServerMessage::VoiceCommandResult {
        request_id: request_id.to_owned(),
        understood: understood.clone(),
        summary,
        result,
    };
    match intent {
        Intent::RunFile { file } => {
            let files = paths().await?;
            let file_name = match file {
                Some(spoken) => resolve(&spoken, &files)?,
                None => last_execution(services, session)
                    .await?
                    .map(|r| r.file_name)
                    .ok_or_else(|| {
                        ApiError::not_found(
                            "file_not_found",
                            "nothing has run yet; say which file to run",
                        )
                    })?,
            };
            run_voice(
                conn,
                request_id,
                understood.clone(),
                ExecuteRequest::plain(file_name),
            )
            .await;
        }
        Intent::RunTests => {
            let last = last_tested(services, session).await?;
            let Some(record) = last else {
                return Err(ApiError::not_found(
                    "no_tests",
                    "no execution with test cases has run in this session yet; run one with its test cases first",
                ));
            };
            let request = ExecuteRequest {
                test_cases: record.test_cases,
                ..ExecuteRequest::plain(record.file_name)
            };
            run_voice(conn, request_id, understood.clone(), request).await;
        }
        Intent::CreateFile { path } => {
            let info = services
                .create_file(
                    session,
                    CreateFile {
                        file_path: path.clone(),
                        content: String::new(),
                    },
                    &conn.id,
                )
                .await?;
            conn.send(&reply(
                voice::summarize_created(&info.file_path),
                json!({ "file": info }),
            ))
            .await;
        }
        Intent::ReadFile { path } => {
            let file = resolve(&path, &paths().await?)?;
            let content = services.read_file(session, &file).await?;
            conn.send(&reply(
                voice::summarize_read(&file, &content.content),
                json!({ "file": content }),
            ))
            .await;
        }
        Intent::DeleteFile { path } => {
            let file = resolve(&path, &paths().await?)?;
            services.delete_file(session, &file, &conn.id).await?;
            conn.send(&reply(
                voice::summarize_deleted(&file),
                json!({ "filePath": file }),
            ))
            .await;
        }
        Intent::ListFiles => {
            let files = paths().await?;
            conn.send(&reply(
                voice::summarize_list(&files),
                json!({ "files": files }),
            ))
            .await;
        }
        Intent::LastOutput => {
            let record = last_execution(services, session).await?;
            let summary = match &record {
                Some(record) => voice::summarize_execution(record),
                None => "Nothing has run yet in this session.".to_owned(),
            };
            conn.send(&reply(summary, json!({ "execution": record })))
                .await;
        }
    }
    Ok(())
}

/// Runs for a voice command: the execution streams as usual, then the summary follows.
async fn run_voice(conn: &Conn, request_id: &str, understood: Value, request: ExecuteRequest) {
    let request_id_owned = request_id.to_owned();
    let then =
        Box::new(
            move |record: &crate::model::ExecutionRecord| ServerMessage::VoiceCommandResult {
                request_id: request_id_owned,
                understood,
                summary: voice::summarize_execution(record),
                result: json!({ "executionId": record.execution_id }),
            },
        );
    start_execution(conn, request_id.to_owned(), request, Some(then)).await;
}

async fn last_execution(
    services: &Services,
    session: &str,
) -> Result<Option<crate::model::ExecutionRecord>, ApiError> {
    let list = services.list_executions(session).await?;
    match list.first() {
        Some(summary) => Ok(Some(
            services
                .get_execution(session, &summary.execution_id)
                .await?,
        )),
        None => Ok(None),
    }
}

async fn last_tested(
    services: &Services,
    session: &str,
) -> Result<Option<crate::model::ExecutionRecord>, ApiError> {
    for summary in services.list_executions(session).await? {
        let record = services
            .get_execution(session, &summary.execution_id)
            .await?;
        if record.test_results.is_some() {
            return Ok(Some(record));
        }
    }
    Ok(None)
}

/// Standard base64 with padding; `None` when the text is not.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let text = text.trim().as_bytes();
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        let mut padding = 0;
        for (i, &c) in chunk.iter().enumerate() {
            let value = if c == b'=' && i >= 2 {
                padding += 1;
                0
            } else if padding > 0 {
                return None;
            } else {
                ALPHABET.iter().position(|&a| a == c)? as u32
            };
            n = (n << 6) | value;
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - padding]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode("aGk=").unwrap(), b"hi");
        assert_eq!(base64_decode("AAEC").unwrap(), [0, 1, 2]);
        assert!(base64_decode("abc").is_none());
        assert!(base64_decode("a=bc").is_none());
        assert!(base64_decode("!!!!").is_none());
    }

    #[test]
    fn stream_ids() {
        assert!(valid_stream_id("mic-1_a"));
        assert!(!valid_stream_id(""));
        assert!(!valid_stream_id("../x"));
        assert!(!valid_stream_id(&"a".repeat(65)));
    }
}
