//! Slow, idle and too many connections: the header and keep-alive timeouts, the bound on
//! connections, and the cap on a session's WebSockets. Each bound is tested where it holds
//! and where it is exceeded; the timeouts are set short here, and the checks are generous.

use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::harness::{Backend, TestApp, args};

const REQUEST: &[u8] = b"GET /healthz HTTP/1.1\r\nhost: localhost\r\n\r\n";

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .expect("connect")
}

/// Reads one response: its head, then as many body bytes as its `content-length` says.
async fn response(stream: &mut TcpStream) -> String {
    let mut seen = Vec::new();
    let read = async {
        loop {
            let mut buffer = [0; 4096];
            let n = stream.read(&mut buffer).await.expect("read");
            assert!(n > 0, "closed before a response");
            seen.extend_from_slice(&buffer[..n]);
            let text = String::from_utf8_lossy(&seen).into_owned();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if body.len() >= length {
                    return text;
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), read)
        .await
        .expect("a response within 15 s")
}

/// Waits (at most 15 s) for the server to close the connection; what it sent before.
async fn closed(stream: &mut (impl AsyncRead + Unpin)) -> String {
    let mut seen = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(15), stream.read_to_end(&mut seen))
        .await
        .expect("closed within 15 s");
    String::from_utf8_lossy(&seen).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn header_timeout_obeyed_and_violated() {
    let mut limits = args();
    limits.header_timeout = 1;
    let app = TestApp::start_with(Backend::Embedded, limits).await;
    // Obeyed: a head sent in two parts well within the timeout is answered.
    let mut prompt = connect(&app).await;
    prompt.write_all(&REQUEST[..20]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    prompt.write_all(&REQUEST[20..]).await.unwrap();
    assert!(response(&mut prompt).await.starts_with("HTTP/1.1 200"));
    // Violated: a client that trickles header lines is disconnected.
    let stream = connect(&app).await;
    let (mut reader, mut writer) = stream.into_split();
    let started = Instant::now();
    let trickle = tokio::spawn(async move {
        let _ = writer.write_all(b"GET /healthz HTTP/1.1\r\n").await;
        loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if writer.write_all(b"x-slow: 1\r\n").await.is_err() {
                return;
            }
        }
    });
    closed(&mut reader).await;
    trickle.abort();
    assert!(started.elapsed() >= Duration::from_millis(500));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_alive_timeout_obeyed_and_violated() {
    let mut limits = args();
    limits.keep_alive_timeout = 1;
    let app = TestApp::start_with(Backend::Embedded, limits).await;
    let mut stream = connect(&app).await;
    stream.write_all(REQUEST).await.unwrap();
    assert!(response(&mut stream).await.starts_with("HTTP/1.1 200"));
    // Obeyed: the next request soon after is served on the same connection.
    tokio::time::sleep(Duration::from_millis(200)).await;
    stream.write_all(REQUEST).await.unwrap();
    assert!(response(&mut stream).await.starts_with("HTTP/1.1 200"));
    // Violated: an idle connection is closed.
    assert_eq!(closed(&mut stream).await, "");
}

/// Opens a connection and tells whether it is served: a refused one is answered at once
/// without a request, a served one answers a request.
async fn try_connection(app: &TestApp) -> (TcpStream, Result<(), String>) {
    let mut stream = connect(app).await;
    let mut buffer = [0; 1024];
    if let Ok(read) =
        tokio::time::timeout(Duration::from_millis(300), stream.read(&mut buffer)).await
    {
        let n = read.unwrap_or(0);
        return (
            stream,
            Err(String::from_utf8_lossy(&buffer[..n]).into_owned()),
        );
    }
    stream.write_all(REQUEST).await.unwrap();
    let answer = response(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    (stream, Ok(()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_connections_obeyed_and_violated() {
    let mut limits = args();
    limits.max_connections = 3;
    let app = TestApp::start_with(Backend::Embedded, limits).await;
    // The test client's own pooled connection may hold one place.
    let mut served = Vec::new();
    let refusal = loop {
        let (stream, outcome) = try_connection(&app).await;
        match outcome {
            Ok(()) => served.push(stream),
            Err(answer) => break answer,
        }
        assert!(served.len() <= 3, "more connections served than the bound");
    };
    assert!(served.len() >= 2, "{} served", served.len());
    assert!(refusal.starts_with("HTTP/1.1 503"), "{refusal}");
    assert!(refusal.contains("too_many_connections"), "{refusal}");
    // Obeyed: once a connection closes, its place serves a new one.
    served.pop();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if try_connection(&app).await.1.is_ok() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the freed place was never reused"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn websocket(
    app: &TestApp,
    session: &str,
) -> Result<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>,
    tokio_tungstenite::tungstenite::Error,
> {
    let url = format!(
        "{}/api/v1/sessions/{session}/ws",
        app.base.replace("http://", "ws://")
    );
    tokio_tungstenite::connect_async(url)
        .await
        .map(|(socket, _)| socket)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websockets_per_session_obeyed_and_violated() {
    let mut limits = args();
    limits.ws_per_session = 2;
    let app = TestApp::start_with(Backend::Embedded, limits).await;
    let session = app.session().await;
    let first = websocket(&app, &session).await.expect("first");
    let _second = websocket(&app, &session).await.expect("second");
    // Violated: a third connection of the session is refused with a clear answer.
    match websocket(&app, &session).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 429);
            let body = String::from_utf8_lossy(response.body().as_deref().unwrap_or_default())
                .into_owned();
            assert!(body.contains("too_many_connections"), "{body}");
        }
        other => panic!("expected a refused handshake, got {:?}", other.map(|_| ())),
    }
    // Other sessions have places of their own.
    let other = app.session().await;
    websocket(&app, &other).await.expect("another session");
    // Obeyed: once a connection closes, the session may open another.
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(10);
    while websocket(&app, &session).await.is_err() {
        assert!(
            Instant::now() < deadline,
            "the closed connection's place never returned"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
