//! What an operator runs a host by: `/metrics` counting runs, requests, errors and WebSockets,
//! and the `x-request-id` every request carries into its answer and its error body.

use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::harness::{Backend, TestApp, api_test, args};

/// The value of the sample `name{labels}` in the metrics text (labels exactly as rendered).
fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics.lines().find_map(|line| {
        let value = line.strip_prefix(series)?.strip_prefix(' ')?;
        value.parse().ok()
    })
}

async fn metrics(app: &TestApp, credential: Option<&str>) -> (StatusCode, String) {
    let mut request = app.client.get(format!("{}/metrics", app.base));
    if let Some(credential) = credential {
        request = request.bearer_auth(credential);
    }
    let answer = request.send().await.unwrap();
    (answer.status(), answer.text().await.unwrap())
}

api_test!(metrics_count_runs_requests_errors_and_websockets, |app| {
    let id = app.session().await;
    app.file(&id, "ok.py", "print('hi')\n").await;
    app.file(&id, "bad.js", "throw new Error('no')\n").await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    for _ in 0..2 {
        let (status, _) = app.post(&execute, json!({ "fileName": "ok.py" })).await;
        assert_eq!(status, StatusCode::OK);
    }
    app.post(&execute, json!({ "fileName": "bad.js" })).await;
    let (status, _) = app.get("/api/v1/sessions/not-a-session").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let url = format!(
        "{}/api/v1/sessions/{id}/ws",
        app.base.replace("http://", "ws://")
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    // Counted once the server serves it, which its first message shows.
    let connected = socket.next().await.unwrap().unwrap();
    assert!(connected.to_text().unwrap().contains("\"connected\""));

    let (status, text) = metrics(&app, None).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let runs = |language: &str, termination: &str| {
        sample(
            &text,
            &format!("codebox_runs_total{{language=\"{language}\",termination=\"{termination}\"}}"),
        )
    };
    assert_eq!(runs("python", "exited"), Some(2.0), "{text}");
    assert_eq!(runs("javascript", "exited"), Some(1.0), "{text}");
    assert_eq!(
        sample(
            &text,
            "codebox_run_duration_seconds_count{language=\"python\"}"
        ),
        Some(2.0),
        "{text}"
    );
    let executes = sample(
        &text,
        "codebox_http_requests_total{method=\"POST\",route=\"/api/v1/sessions/{sessionId}/execute\",status=\"200\"}",
    );
    assert_eq!(executes, Some(3.0), "{text}");
    assert_eq!(
        sample(&text, "codebox_errors_total{code=\"session_not_found\"}"),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "codebox_websocket_connections"),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "codebox_executions_running"),
        Some(0.0),
        "{text}"
    );
    assert!(
        sample(&text, "codebox_execution_slots").is_some_and(|n| n >= 1.0),
        "{text}"
    );
    drop(socket);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_for_admins_on_a_server_with_keys() {
    let mut options = args();
    options.api_keys = Some("the-admin-key".into());
    let app = TestApp::start_with(Backend::Embedded, options).await;
    assert_eq!(metrics(&app, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        metrics(&app, Some("wrong")).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, text) = metrics(&app, Some("the-admin-key")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text.contains("# TYPE codebox_http_requests counter"),
        "{text}"
    );
}

api_test!(requests_carry_an_id_into_answers_and_error_bodies, |app| {
    let url = format!("{}/api/v1/sessions/not-a-session", app.base);
    // A usable id is kept, in the header and in the error body.
    let answer = app
        .client
        .get(&url)
        .header("x-request-id", "interview-42.call:7")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.headers()["x-request-id"], "interview-42.call:7");
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["error"]["requestId"], "interview-42.call:7", "{body}");
    // Without one, or with one that is not usable, one is made (a UUID).
    for given in [None, Some("x".repeat(129)), Some("has spaces".to_owned())] {
        let mut request = app.client.get(&url);
        if let Some(given) = &given {
            request = request.header("x-request-id", given);
        }
        let answer = request.send().await.unwrap();
        let made = answer.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(uuid::Uuid::parse_str(&made).is_ok(), "{given:?} -> {made}");
        let body: Value = answer.json().await.unwrap();
        assert_eq!(body["error"]["requestId"], made.as_str(), "{body}");
    }
    // Answers that are not errors carry it too.
    let answer = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert!(answer.headers().contains_key("x-request-id"));
});
