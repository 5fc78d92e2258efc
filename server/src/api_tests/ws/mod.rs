//! The WebSocket API with a real client against a running server (embedded store): the
//! client and the connection-level tests (file operations and their changes, voice commands,
//! malformed, oversized, silent and refused connections, rate limits); executions and audio
//! have their own files.

mod audio;
mod executions;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::harness::{Backend, TestApp, args};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A client connection, with what it received so far.
struct Client {
    socket: Socket,
    connection_id: String,
}

impl Client {
    async fn connect(app: &TestApp, session: &str) -> Client {
        let url = format!(
            "{}/api/v1/sessions/{session}/ws",
            app.base.replace("http://", "ws://")
        );
        let (socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("connect");
        let mut client = Client {
            socket,
            connection_id: String::new(),
        };
        let hello = client.next().await;
        assert_eq!(hello["type"], "connected", "{hello}");
        assert_eq!(hello["sessionId"], session);
        client.connection_id = hello["connectionId"].as_str().unwrap().to_owned();
        client
    }

    async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("send");
    }

    /// The next JSON message (pings are skipped).
    async fn next(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(60), self.socket.next())
                .await
                .expect("a message within 60 s")
                .expect("the connection is open")
                .expect("a frame");
            match frame {
                Message::Text(text) => return serde_json::from_str(&text).expect("JSON"),
                Message::Ping(_) | Message::Pong(_) => continue,
                other => panic!("unexpected frame {other:?}"),
            }
        }
    }

    /// Messages until (and including) one of `type` for `request_id`.
    async fn until(&mut self, kind: &str, request_id: &str) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let message = self.next().await;
            let done = message["type"] == kind && message["requestId"] == request_id;
            seen.push(message);
            if done {
                return seen;
            }
        }
    }

    /// How the server closed the connection.
    async fn closed(&mut self) -> Option<u16> {
        loop {
            match tokio::time::timeout(Duration::from_secs(90), self.socket.next())
                .await
                .expect("closed in time")
            {
                Some(Ok(Message::Close(frame))) => return frame.map(|f| u16::from(f.code)),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return None,
            }
        }
    }
}

async fn app_and_session() -> (TestApp, String) {
    let app = TestApp::start(Backend::Embedded).await;
    let session = app.session().await;
    (app, session)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_operations_and_changes_seen_by_others() {
    let (app, session) = app_and_session().await;
    let mut alice = Client::connect(&app, &session).await;
    let mut bob = Client::connect(&app, &session).await;
    alice.send(json!({ "type": "file-operation", "requestId": "c1", "action": "CREATE_FILE", "filePath": "utils/helper.py", "content": "x = 1\n" })).await;
    let created = alice.next().await;
    assert_eq!(created["type"], "file-operation-result", "{created}");
    assert_eq!(created["requestId"], "c1");
    assert_eq!(created["file"]["filePath"], "utils/helper.py");
    let event = bob.next().await;
    assert_eq!(event["type"], "file-changed", "{event}");
    assert_eq!(event["change"], "created");
    assert_eq!(event["filePath"], "utils/helper.py");
    assert_eq!(event["origin"], alice.connection_id);
    // REST changes reach every connection, marked as such.
    app.put(
        &format!("/api/v1/sessions/{session}/files/utils/helper.py"),
        json!({ "content": "x = 2\n" }),
    )
    .await;
    for client in [&mut alice, &mut bob] {
        let event = client.next().await;
        assert_eq!(
            (event["change"].as_str(), event["origin"].as_str()),
            (Some("updated"), Some("rest")),
            "{event}"
        );
    }
    alice.send(json!({ "type": "file-operation", "requestId": "r1", "action": "READ_FILE", "filePath": "utils/helper.py" })).await;
    let read = alice.next().await;
    assert_eq!(read["content"], "x = 2\n", "{read}");
    alice
        .send(json!({ "type": "file-operation", "requestId": "l1", "action": "LIST_FILES" }))
        .await;
    assert_eq!(
        alice.next().await["files"][0]["filePath"],
        "utils/helper.py"
    );
    alice.send(json!({ "type": "file-operation", "requestId": "u1", "action": "UPDATE_FILE", "filePath": "missing.py", "content": "" })).await;
    let missing = alice.next().await;
    assert_eq!(
        (missing["type"].as_str(), missing["requestId"].as_str()),
        (Some("error"), Some("u1"))
    );
    assert_eq!(missing["error"]["code"], "file_not_found");
    alice.send(json!({ "type": "file-operation", "requestId": "d1", "action": "DELETE_FILE", "filePath": "utils/helper.py" })).await;
    assert_eq!(alice.next().await["type"], "file-operation-result");
    let deleted = bob.next().await;
    assert_eq!(deleted["change"], "deleted", "{deleted}");
    // The same validation as REST.
    alice.send(json!({ "type": "file-operation", "requestId": "b1", "action": "CREATE_FILE", "filePath": "../evil.py", "content": "" })).await;
    assert_eq!(alice.next().await["error"]["code"], "invalid_path");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn voice_commands() {
    let (app, session) = app_and_session().await;
    app.file(
        &session,
        "solution.py",
        "import sys\nprint(int(sys.stdin.read() or '1') * 2)\n",
    )
    .await;
    let mut client = Client::connect(&app, &session).await;
    client
        .send(
            json!({ "type": "voice-command", "requestId": "v1", "text": "please list the files" }),
        )
        .await;
    let listed = client.next().await;
    assert_eq!(listed["type"], "voice-command-result", "{listed}");
    assert!(
        listed["summary"].as_str().unwrap().contains("solution.py"),
        "{listed}"
    );
    client
        .send(json!({ "type": "voice-command", "requestId": "v2", "text": "run solution dot py" }))
        .await;
    let messages = client.until("voice-command-result", "v2").await;
    assert!(
        messages
            .iter()
            .any(|m| m["type"] == "execution-result" && m["result"]["output"] == "2\n"),
        "{messages:?}"
    );
    assert!(
        !messages.last().unwrap()["summary"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    client.send(json!({ "type": "voice-command", "requestId": "v3", "text": "create a file called utils slash helper dot py" })).await;
    let created = client.next().await;
    assert_eq!(
        created["result"]["file"]["filePath"], "utils/helper.py",
        "{created}"
    );
    client.send(json!({ "type": "voice-command", "requestId": "v4", "intent": "read-file", "args": { "path": "helper.py" } })).await;
    let read = client.next().await;
    assert_eq!(
        read["result"]["file"]["filePath"], "utils/helper.py",
        "{read}"
    );
    client
        .send(json!({ "type": "voice-command", "requestId": "v5", "text": "sing me a song" }))
        .await;
    let unknown = client.next().await;
    assert_eq!(unknown["type"], "voice-command-unrecognized", "{unknown}");
    assert!(!unknown["suggestions"].as_array().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_messages_get_errors_and_abuse_closes() {
    let (app, session) = app_and_session().await;
    let mut client = Client::connect(&app, &session).await;
    client
        .socket
        .send(Message::Text("{not json".into()))
        .await
        .unwrap();
    assert_eq!(client.next().await["error"]["code"], "invalid_json");
    client
        .send(json!({ "type": "teleport", "requestId": "z" }))
        .await;
    let unknown = client.next().await;
    assert_eq!(
        (
            unknown["error"]["code"].as_str(),
            unknown["requestId"].as_str()
        ),
        (Some("unknown_type"), Some("z"))
    );
    client
        .send(json!({ "type": "file-operation", "requestId": "y", "action": "EXPLODE" }))
        .await;
    assert_eq!(client.next().await["error"]["code"], "invalid_message");
    // The connection is still open.
    client
        .send(json!({ "type": "ping", "requestId": "p" }))
        .await;
    assert_eq!(client.next().await["type"], "pong");
    for _ in 0..10 {
        client
            .socket
            .send(Message::Text("garbage".into()))
            .await
            .unwrap();
    }
    assert_eq!(client.closed().await, Some(1008));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_messages_close_the_connection() {
    let (app, session) = app_and_session().await;
    let client = Client::connect(&app, &session).await;
    let huge = json!({ "type": "ping", "requestId": "x".repeat(app.config.body_limit + 1000) })
        .to_string();
    // The client keeps writing while the server refuses: send and read at once.
    let (mut sender, mut receiver) = client.socket.split();
    let writer = tokio::spawn(async move { sender.send(Message::Text(huge.into())).await.is_ok() });
    let mut code = None;
    while let Some(Ok(frame)) = receiver.next().await {
        if let Message::Close(frame) = frame {
            code = frame.map(|f| u16::from(f.code));
            break;
        }
    }
    assert_eq!(code, Some(u16::from(CloseCode::Size)));
    writer.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_connects_say_why() {
    let mut options = args();
    options.api_keys = Some("secret".into());
    let app = TestApp::start_with(Backend::Embedded, options).await;
    let ws = app.base.replace("http://", "ws://");
    let error = tokio_tungstenite::connect_async(format!(
        "{ws}/api/v1/sessions/00000000-0000-4000-8000-000000000000/ws?token=secret"
    ))
    .await
    .unwrap_err();
    let tokio_tungstenite::tungstenite::Error::Http(response) = error else {
        panic!("{error}")
    };
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = serde_json::from_slice(response.body().as_deref().unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "session_not_found");
    let error = tokio_tungstenite::connect_async(format!(
        "{ws}/api/v1/sessions/00000000-0000-4000-8000-000000000000/ws"
    ))
    .await
    .unwrap_err();
    let tokio_tungstenite::tungstenite::Error::Http(response) = error else {
        panic!("{error}")
    };
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_connections_are_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut options = args();
    options.ws_idle_timeout = 1;
    let app = TestApp::start_with(Backend::Embedded, options).await;
    let session = app.session().await;
    // A client that completes the handshake and then never sends a byte, not even a pong: a
    // raw socket, since WebSocket clients answer pings on their own.
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let handshake = format!(
        "GET /api/v1/sessions/{session}/ws HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    tcp.write_all(handshake.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), tcp.read_to_end(&mut received))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 101"), "{text}");
    let body = &received[text.find("\r\n\r\n").unwrap() + 4..];
    // Walk the server's (unmasked) frames to its close frame.
    let mut at = 0;
    let mut code = None;
    while at + 2 <= body.len() {
        let opcode = body[at] & 0x0f;
        let (len, header) = match body[at + 1] & 0x7f {
            126 => (
                usize::from(u16::from_be_bytes([body[at + 2], body[at + 3]])),
                4,
            ),
            127 => panic!("no frame here is that long"),
            n => (usize::from(n), 2),
        };
        let payload = &body[at + header..at + header + len];
        if opcode == 8 {
            code = Some(u16::from_be_bytes([payload[0], payload[1]]));
            break;
        }
        at += header + len;
    }
    assert_eq!(code, Some(4408));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_over_the_rate_limit_are_refused() {
    let (app, session) = app_and_session().await;
    let mut client = Client::connect(&app, &session).await;
    for i in 0..45 {
        client
            .send(json!({ "type": "ping", "requestId": format!("p{i}") }))
            .await;
    }
    let mut pongs = 0;
    let mut limited = 0;
    while pongs + limited < 45 {
        let message = client.next().await;
        match message["type"].as_str() {
            Some("pong") => pongs += 1,
            Some("error") if message["error"]["code"] == "rate_limited" => limited += 1,
            _ => panic!("{message}"),
        }
    }
    assert!(
        limited > 0 && pongs >= 40,
        "{pongs} pongs, {limited} refused"
    );
    // Fewer than ten refusals: the connection stays open once the bucket refills.
    tokio::time::sleep(Duration::from_millis(300)).await;
    client
        .send(json!({ "type": "ping", "requestId": "after" }))
        .await;
    assert_eq!(client.next().await["type"], "pong");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_answer_pings_stay_connected() {
    let mut options = args();
    options.ws_idle_timeout = 1;
    let app = TestApp::start_with(Backend::Embedded, options).await;
    let session = app.session().await;
    let mut client = Client::connect(&app, &session).await;
    // Reading answers the server's pings, so the connection outlives the idle timeout.
    let until = tokio::time::Instant::now() + Duration::from_millis(2500);
    while let Ok(frame) = tokio::time::timeout_at(until, client.socket.next()).await {
        let frame = frame.expect("the connection stays open").expect("a frame");
        assert!(
            matches!(frame, Message::Ping(_)),
            "the server sent {frame:?}"
        );
    }
    client
        .send(json!({ "type": "ping", "requestId": "still-here" }))
        .await;
    assert_eq!(client.next().await["type"], "pong");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_ids_are_bounded() {
    let (app, session) = app_and_session().await;
    let mut client = Client::connect(&app, &session).await;
    let longest = "a".repeat(128);
    client
        .send(json!({ "type": "ping", "requestId": longest }))
        .await;
    let pong = client.next().await;
    assert_eq!(pong["type"], "pong", "{pong}");
    assert_eq!(pong["requestId"], longest.as_str());
    // One byte more is refused, and the id is not repeated.
    client
        .send(json!({ "type": "ping", "requestId": "a".repeat(129) }))
        .await;
    let refused = client.next().await;
    assert_eq!(refused["error"]["code"], "invalid_field", "{refused}");
    assert!(refused.get("requestId").is_none(), "{refused}");
}
