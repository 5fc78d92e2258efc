//! Who may touch a session: admin keys, session tokens of each role, and everything else, on
//! REST (both backends) and on the WebSocket.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use super::harness::{Backend, TestApp, args};

const ADMIN: &str = "the-platforms-admin-key";
const SECRET: &str = "a token secret shared by every host of the deployment";

async fn app(backend: Backend) -> TestApp {
    let mut options = args();
    options.api_keys = Some(ADMIN.into());
    options.token_secret = Some(SECRET.into());
    TestApp::start_with(backend, options).await
}

/// A session made by the admin, with one file.
async fn session(app: &TestApp) -> String {
    let (status, body) = app
        .call_as(
            Some(ADMIN),
            Method::POST,
            "/api/v1/sessions",
            Some(json!({ "templateId": "two-sum" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["sessionId"].as_str().unwrap().to_owned();
    let (status, body) = app
        .call_as(
            Some(ADMIN),
            Method::POST,
            &format!("/api/v1/sessions/{id}/files"),
            Some(json!({ "filePath": "main.py", "content": "print(6 * 7)\n" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    id
}

/// A token minted with `credential` (the admin key unless another is given).
async fn token(app: &TestApp, credential: &str, session: &str, role: &str) -> (StatusCode, Value) {
    app.call_as(
        Some(credential),
        Method::POST,
        &format!("/api/v1/sessions/{session}/tokens"),
        Some(json!({ "role": role })),
    )
    .await
}

async fn minted(app: &TestApp, session: &str, role: &str) -> String {
    let (status, body) = token(app, ADMIN, session, role).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["role"], role);
    assert_eq!(body["sessionId"], session);
    assert!(
        body["expiresAt"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{body}"
    );
    body["token"].as_str().unwrap().to_owned()
}

/// A REST action: its name, method, path, body, and the status of a credential that may do it.
type RestAction = (&'static str, Method, String, Option<Value>, StatusCode);

/// Every REST action on `session` but ending it.
fn actions(session: &str, execution: &str) -> Vec<RestAction> {
    let s = format!("/api/v1/sessions/{session}");
    vec![
        (
            "read the session",
            Method::GET,
            s.clone(),
            None,
            StatusCode::OK,
        ),
        (
            "list files",
            Method::GET,
            format!("{s}/files"),
            None,
            StatusCode::OK,
        ),
        (
            "read a file",
            Method::GET,
            format!("{s}/files/main.py"),
            None,
            StatusCode::OK,
        ),
        (
            "list executions",
            Method::GET,
            format!("{s}/executions"),
            None,
            StatusCode::OK,
        ),
        (
            "read an execution",
            Method::GET,
            format!("{s}/executions/{execution}"),
            None,
            StatusCode::OK,
        ),
        (
            "create a file",
            Method::POST,
            format!("{s}/files"),
            Some(json!({ "filePath": "new.py", "content": "" })),
            StatusCode::CREATED,
        ),
        (
            "update a file",
            Method::PUT,
            format!("{s}/files/new.py"),
            Some(json!({ "content": "x = 1\n" })),
            StatusCode::OK,
        ),
        (
            "delete a file",
            Method::DELETE,
            format!("{s}/files/new.py"),
            None,
            StatusCode::NO_CONTENT,
        ),
        (
            "execute",
            Method::POST,
            format!("{s}/execute"),
            Some(json!({ "fileName": "main.py" })),
            StatusCode::OK,
        ),
        (
            "update the session",
            Method::PUT,
            s.clone(),
            Some(json!({ "candidateName": "Ada" })),
            StatusCode::OK,
        ),
    ]
}

/// What each role may do of [`actions`], by name.
fn allowed(role: &str, action: &str) -> bool {
    match role {
        "observer" => !matches!(
            action,
            "create a file" | "update a file" | "delete a file" | "execute" | "update the session"
        ),
        "candidate" => action != "update the session",
        _ => true,
    }
}

async fn rest_matrix(backend: Backend) {
    let app = app(backend).await;
    let id = session(&app).await;
    let other = session(&app).await;
    let (status, run) = app
        .call_as(
            Some(ADMIN),
            Method::POST,
            &format!("/api/v1/sessions/{id}/execute"),
            Some(json!({ "fileName": "main.py" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{run}");
    let execution = run["executionId"].as_str().unwrap().to_owned();

    for role in ["observer", "candidate", "interviewer"] {
        let credential = minted(&app, &id, role).await;
        for (name, method, path, body, ok) in actions(&id, &execution) {
            let (status, answer) = app.call_as(Some(&credential), method, &path, body).await;
            let expected = if allowed(role, name) {
                ok
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(
                status,
                expected,
                "{role} may {}{name}: {answer}",
                if allowed(role, name) { "" } else { "not " }
            );
            if status == StatusCode::FORBIDDEN {
                assert_eq!(answer["error"]["code"], "forbidden", "{answer}");
            }
        }
        // Nothing outside its own session, read or write.
        for (name, method, path, body, _) in actions(&other, &execution) {
            let (status, answer) = app.call_as(Some(&credential), method, &path, body).await;
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "{role} reached another session to {name}: {answer}"
            );
        }
        // Nor the platform's views, nor another session's token.
        for (method, path, body) in [
            (Method::GET, "/api/v1/sessions".to_owned(), None),
            (
                Method::POST,
                "/api/v1/sessions".to_owned(),
                Some(json!({ "templateId": "t" })),
            ),
            (Method::DELETE, format!("/api/v1/sessions/{other}"), None),
        ] {
            let (status, answer) = app.call_as(Some(&credential), method, &path, body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role}: {path}: {answer}");
        }
        let (status, _) = token(&app, &credential, &other, "observer").await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{role} minted for another session"
        );
        // Minting: interviewers mint observers of their own session, and nothing else.
        for asked in ["observer", "candidate", "interviewer"] {
            let (status, answer) = token(&app, &credential, &id, asked).await;
            let may = role == "interviewer" && asked == "observer";
            let expected = if may {
                StatusCode::CREATED
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(status, expected, "{role} minting {asked}: {answer}");
        }
    }

    // Ending the session: not an observer or a candidate, an interviewer yes; afterwards the
    // candidate reads but changes nothing.
    let candidate = minted(&app, &id, "candidate").await;
    for role in ["observer", "candidate"] {
        let credential = minted(&app, &id, role).await;
        let (status, _) = app
            .call_as(
                Some(&credential),
                Method::DELETE,
                &format!("/api/v1/sessions/{id}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role} ended the session");
    }
    let interviewer = minted(&app, &id, "interviewer").await;
    let (status, ended) = app
        .call_as(
            Some(&interviewer),
            Method::DELETE,
            &format!("/api/v1/sessions/{id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ended}");
    assert_eq!(ended["status"], "completed");
    let (status, _) = app
        .call_as(
            Some(&candidate),
            Method::GET,
            &format!("/api/v1/sessions/{id}/files/main.py"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = app
        .call_as(
            Some(&candidate),
            Method::PUT,
            &format!("/api/v1/sessions/{id}/files/main.py"),
            Some(json!({ "content": "" })),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["error"]["code"], "session_ended");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_matrix_on_rest_embedded() {
    rest_matrix(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_matrix_on_rest_aws() {
    rest_matrix(Backend::Aws).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_credentials_are_unauthorized() {
    let app = app(Backend::Embedded).await;
    let id = session(&app).await;
    let path = format!("/api/v1/sessions/{id}");
    let unauthorized = |answer: (StatusCode, Value)| {
        assert_eq!(answer.0, StatusCode::UNAUTHORIZED, "{}", answer.1);
        assert_eq!(answer.1["error"]["code"], "unauthorized");
    };
    unauthorized(app.call_as(None, Method::GET, &path, None).await);
    unauthorized(
        app.call_as(Some("not-a-key"), Method::GET, &path, None)
            .await,
    );
    unauthorized(app.call_as(Some("a.b.c"), Method::GET, &path, None).await);
    // Signed with another secret: forged.
    let forged = platform_token(b"another secret", &id, "interviewer", 600);
    unauthorized(app.call_as(Some(&forged), Method::GET, &path, None).await);
    // Expired: a token the platform minted itself, with one second to live.
    let short = platform_token(SECRET.as_bytes(), &id, "observer", 1);
    assert_eq!(
        app.call_as(Some(&short), Method::GET, &path, None).await.0,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    unauthorized(app.call_as(Some(&short), Method::GET, &path, None).await);
    // A query string authenticates only the WebSocket.
    let observer = minted(&app, &id, "observer").await;
    unauthorized(
        app.call_as(None, Method::GET, &format!("{path}?token={observer}"), None)
            .await,
    );
    unauthorized(
        app.call_as(None, Method::GET, &format!("{path}?token={ADMIN}"), None)
            .await,
    );
    // A lifetime out of range is refused.
    for ttl in [59, 86_401] {
        let (status, answer) = app
            .call_as(
                Some(ADMIN),
                Method::POST,
                &format!("{path}/tokens"),
                Some(json!({ "role": "observer", "ttlSeconds": ttl })),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    }
    let (status, _) = token(
        &app,
        ADMIN,
        "00000000-0000-4000-8000-000000000000",
        "observer",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A token as a platform mints it with any JWT library: HS256 over the documented claims.
fn platform_token(secret: &[u8], session: &str, role: &str, ttl: u64) -> String {
    let now = jsonwebtoken::get_current_timestamp();
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({ "sub": session, "role": role, "iat": now, "exp": now + ttl, "aud": "codebox" }),
        &jsonwebtoken::EncodingKey::from_secret(secret).unwrap(),
    )
    .unwrap()
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn open(app: &TestApp, session: &str, token: &str) -> Result<Socket, StatusCode> {
    let url = format!(
        "{}/api/v1/sessions/{session}/ws?token={token}",
        app.base.replace("http://", "ws://")
    );
    match tokio_tungstenite::connect_async(url).await {
        Ok((mut socket, _)) => {
            let hello = next(&mut socket).await;
            assert_eq!(hello["type"], "connected", "{hello}");
            Ok(socket)
        }
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => Err(response.status()),
        Err(e) => panic!("{e}"),
    }
}

async fn next(socket: &mut Socket) -> Value {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(60), socket.next())
            .await
            .expect("a message within 60 s")
            .expect("open")
            .expect("a frame");
        if let Message::Text(text) = frame {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

/// The answer to the message with `request_id`, skipping events and output.
async fn answer(socket: &mut Socket, message: Value) -> Value {
    let request_id = message["requestId"].clone();
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .unwrap();
    loop {
        let got = next(socket).await;
        let done = matches!(
            got["type"].as_str(),
            Some(
                "error"
                    | "file-operation-result"
                    | "execution-result"
                    | "audio-chunk-ack"
                    | "voice-command-result"
                    | "voice-command-unrecognized"
                    | "pong"
            )
        );
        if got["requestId"] == request_id && done {
            return got;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_matrix_on_the_websocket() {
    let app = app(Backend::Embedded).await;
    let id = session(&app).await;
    let other = session(&app).await;
    let writes = [
        json!({ "type": "file-operation", "requestId": "w1", "action": "CREATE_FILE", "filePath": "ws.py", "content": "print(1)\n" }),
        json!({ "type": "code-execution", "requestId": "w2", "fileName": "main.py" }),
        json!({ "type": "voice-command", "requestId": "w3", "text": "list files" }),
        json!({ "type": "audio-chunk", "requestId": "w4", "streamId": "mic", "sequence": 0, "final": false, "data": "AAAA" }),
    ];
    for role in ["observer", "candidate", "interviewer"] {
        let credential = minted(&app, &id, role).await;
        assert_eq!(
            open(&app, &other, &credential).await.err(),
            Some(StatusCode::FORBIDDEN),
            "{role}"
        );
        let mut socket = open(&app, &id, &credential)
            .await
            .expect("its own session opens");
        let read = answer(&mut socket, json!({ "type": "file-operation", "requestId": "r1", "action": "READ_FILE", "filePath": "main.py" })).await;
        assert_ne!(read["type"], "error", "{role} could not read: {read}");
        for write in &writes {
            let mut write = write.clone();
            if write["action"] == "CREATE_FILE" {
                write["filePath"] = json!(format!("ws-{role}.py"));
            }
            let got = answer(&mut socket, write.clone()).await;
            if role == "observer" {
                assert_eq!(got["type"], "error", "an observer did {write}: {got}");
                assert_eq!(got["error"]["code"], "forbidden", "{got}");
            } else {
                assert_ne!(
                    got["error"]["code"], "forbidden",
                    "{role} was refused {write}: {got}"
                );
            }
        }
    }
    let expired = platform_token(SECRET.as_bytes(), &id, "candidate", 0);
    assert_eq!(
        open(&app, &id, &expired).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    let forged = platform_token(b"another secret", &id, "candidate", 600);
    assert_eq!(
        open(&app, &id, &forged).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyless_server_serves_only_its_own_pages() {
    let app = TestApp::start_with(Backend::Embedded, args()).await;
    let sessions = format!("{}/api/v1/sessions", app.base);
    let from = |origin: &str| {
        app.client
            .get(&sessions)
            .header(reqwest::header::ORIGIN, origin)
            .send()
    };
    assert_eq!(from(&app.base).await.unwrap().status(), StatusCode::OK);
    let refused = from("https://evil.example").await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden_origin");
    // A page on a rebinding domain reaches loopback with its own Host.
    let rebound = app
        .client
        .get(&sessions)
        .header(reqwest::header::HOST, "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(rebound.status(), StatusCode::FORBIDDEN);
    // Clients that are not browsers send no Origin and are served as before.
    assert_eq!(app.get("/api/v1/sessions").await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_details_are_for_admins() {
    let app = app(Backend::Embedded).await;
    let (status, public) = app.call_as(None, Method::GET, "/readyz", None).await;
    assert_eq!(status, StatusCode::OK, "{public}");
    assert_eq!(public["status"], "ready");
    assert!(public["java"].get("image").is_none(), "{public}");
    assert!(public["java"].get("reason").is_none(), "{public}");
    let id = session(&app).await;
    let observer = minted(&app, &id, "observer").await;
    let (_, observed) = app
        .call_as(Some(&observer), Method::GET, "/readyz", None)
        .await;
    assert!(observed["java"].get("image").is_none(), "{observed}");
    let (_, detailed) = app.call_as(Some(ADMIN), Method::GET, "/readyz", None).await;
    assert!(
        detailed["java"]["image"]
            .as_str()
            .is_some_and(|i| i.contains("codebox-java")),
        "{detailed}"
    );
}
