//! Two hosts, one interview: two `codebox serve` processes on one store (moto's S3 and
//! DynamoDB) and one event engine (a real `redis-server`, Debian's package, which
//! `scripts/install-deps` installs), with WebSocket clients on both. A change made through
//! either host reaches the other's clients in order; a session's limits hold when both hosts
//! write at once; a host killed with SIGKILL leaves the other serving (and its run in flight as a
//! cancelled record); the event engine going away and coming back is announced to every client
//! and needs no restart.
//!
//! The cross-host latency is printed (`cargo test --test many_hosts -- --nocapture`), not
//! asserted.

#[path = "../src/storage/moto.rs"]
mod moto;

mod common;

use std::net::TcpStream as StdTcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Server, free_port, get_json, new_session};
use futures_util::{SinkExt, StreamExt};
use moto::MotoServer;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A `redis-server` on a loopback port, with nothing persisted; stopped when dropped.
struct Redis {
    child: Child,
    port: u16,
}

impl Redis {
    fn start() -> Redis {
        Redis::start_on(free_port())
    }

    /// Starts one on `port` (where an earlier one ran, to bring the engine back).
    fn start_on(port: u16) -> Redis {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start redis-server ({e}): run scripts/install-deps, which installs it"
                )
            });
        let deadline = Instant::now() + Duration::from_secs(20);
        while StdTcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Redis { child, port }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A host of the deployment: the shared store and event engine, and `args` besides.
async fn host(moto: &MotoServer, redis: &Redis, args: &[&str]) -> Server {
    let (endpoint, events) = (moto.endpoint(), redis.url());
    let mut all = vec![
        "--storage",
        "aws",
        "--aws-init",
        "--aws-endpoint",
        &endpoint,
        "--events-url",
        &events,
    ];
    all.extend_from_slice(args);
    Server::start(&all).await
}

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A WebSocket client of `session` on `server`, past its `connected` message; answers the
/// connection's id too.
async fn connect(server: &Server, session: &str) -> (Ws, String) {
    let url = format!(
        "{}/api/v1/sessions/{session}/ws",
        server.base.replace("http://", "ws://")
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let connected = next(&mut ws).await;
    assert_eq!(connected["type"], "connected", "{connected}");
    let id = connected["connectionId"].as_str().unwrap().to_owned();
    (ws, id)
}

/// The next JSON message, within 20 s.
async fn next(ws: &mut Ws) -> Value {
    let text = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(text))) => return text,
                Some(Ok(_)) => {}
                ended => panic!("the connection ended: {ended:?}"),
            }
        }
    })
    .await
    .expect("no message within 20 s");
    serde_json::from_str(&text).unwrap()
}

/// The next message of `kind`, skipping others.
async fn next_of(ws: &mut Ws, kind: &str) -> Value {
    loop {
        let message = next(ws).await;
        if message["type"] == kind {
            return message;
        }
    }
}

/// The next `file-changed` of `path`, skipping other messages.
async fn next_change_of(ws: &mut Ws, path: &str) -> Value {
    loop {
        let changed = next_of(ws, "file-changed").await;
        if changed["filePath"] == path {
            return changed;
        }
    }
}

/// The next `error` with `code`, skipping other messages.
async fn next_error(ws: &mut Ws, code: &str) -> Value {
    loop {
        let error = next_of(ws, "error").await;
        if error["error"]["code"] == code {
            return error;
        }
    }
}

async fn create(
    client: &reqwest::Client,
    server: &Server,
    session: &str,
    path: &str,
) -> StatusCode {
    client
        .post(server.url(&format!("/sessions/{session}/files")))
        .json(&json!({ "filePath": path, "content": "x = 1\n" }))
        .send()
        .await
        .unwrap()
        .status()
}

async fn ready_body(client: &reqwest::Client, server: &Server) -> Value {
    get_json(client, format!("{}/readyz", server.base)).await
}

/// The `q`-quantile of `samples` (sorted here), in milliseconds.
fn quantile_ms(samples: &mut [Duration], q: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() - 1) as f64 * q).round() as usize;
    samples[index].as_secs_f64() * 1e3
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_reach_the_other_host_and_survive_the_engine_going_away() {
    let moto = MotoServer::start();
    let redis = Redis::start();
    let a = host(&moto, &redis, &[]).await;
    let b = host(&moto, &redis, &[]).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &a).await;
    let (mut on_a, _) = connect(&a, &session).await;
    let (mut on_b, b_id) = connect(&b, &session).await;

    // A REST write through A reaches B's client, with REST's origin.
    assert_eq!(
        create(&client, &a, &session, "main.py").await,
        StatusCode::CREATED
    );
    let changed = next_of(&mut on_b, "file-changed").await;
    assert_eq!(
        (
            &changed["change"],
            &changed["filePath"],
            &changed["origin"],
            &changed["sessionId"]
        ),
        (
            &json!("created"),
            &json!("main.py"),
            &json!("rest"),
            &json!(session)
        ),
        "{changed}"
    );
    assert_eq!(
        next_of(&mut on_a, "file-changed").await["filePath"],
        "main.py"
    );

    // A WebSocket write through B reaches A's client with B's connection as its origin, and is
    // not echoed to B's own.
    on_b.send(Message::text(
        json!({"type": "file-operation", "requestId": "w1", "action": "CREATE_FILE",
               "filePath": "util.py", "content": "y = 2\n"})
        .to_string(),
    ))
    .await
    .unwrap();
    assert_eq!(
        next_of(&mut on_b, "file-operation-result").await["requestId"],
        "w1"
    );
    let changed = next_of(&mut on_a, "file-changed").await;
    assert_eq!(
        (&changed["filePath"], &changed["origin"]),
        (&json!("util.py"), &json!(b_id))
    );

    // In order, and timed: each change through A is seen by A's client (delivered in process)
    // and by B's (through the engine); the gap between the two is what a second host adds.
    let changes = 1_000;
    let watch = |mut ws: Ws| {
        tokio::spawn(async move {
            let mut seen = Vec::with_capacity(changes);
            while seen.len() < changes {
                let message = next_of(&mut ws, "file-changed").await;
                assert_eq!(message["filePath"], "main.py", "{message}");
                seen.push((Instant::now(), message["file"]["size"].as_u64().unwrap()));
            }
            (seen, ws)
        })
    };
    let (watch_a, watch_b) = (watch(on_a), watch(on_b));
    let mut sent = Vec::with_capacity(changes);
    for n in 0..changes {
        sent.push(Instant::now());
        // Each content is one byte longer than the last, so the sizes tell the order.
        let answer = client
            .put(a.url(&format!("/sessions/{session}/files/main.py")))
            .json(&json!({ "content": "#".repeat(n + 1) }))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
    }
    let (seen_a, on_a) = watch_a.await.unwrap();
    let (seen_b, on_b) = watch_b.await.unwrap();
    let mut on_a = on_a;
    let mut on_b = on_b;
    let sizes: Vec<u64> = (1..=changes as u64).collect();
    assert_eq!(
        seen_b.iter().map(|s| s.1).collect::<Vec<_>>(),
        sizes,
        "B saw them out of order"
    );
    assert_eq!(seen_a.iter().map(|s| s.1).collect::<Vec<_>>(), sizes);
    let mut added: Vec<Duration> = seen_a
        .iter()
        .zip(&seen_b)
        .map(|((at_a, _), (at_b, _))| at_b.saturating_duration_since(*at_a))
        .collect();
    let mut end_to_end: Vec<Duration> = sent
        .iter()
        .zip(&seen_b)
        .map(|(sent, (at_b, _))| *at_b - *sent)
        .collect();
    println!(
        "cross-host delivery over {changes} changes: the engine adds p50 {:.2} ms, p99 {:.2} ms \
         (after the writing host's own delivery); REST write on A to B's client p50 {:.2} ms, \
         p99 {:.2} ms",
        quantile_ms(&mut added, 0.5),
        quantile_ms(&mut added, 0.99),
        quantile_ms(&mut end_to_end, 0.5),
        quantile_ms(&mut end_to_end, 0.99),
    );

    // The engine goes away: every client is told, writes still succeed, readiness says so.
    let port = redis.port;
    drop(redis);
    next_error(&mut on_a, "events_lost").await;
    next_error(&mut on_b, "events_lost").await;
    assert_eq!(
        create(&client, &a, &session, "during.py").await,
        StatusCode::CREATED
    );
    let ready = ready_body(&client, &a).await;
    assert_eq!(
        (
            &ready["status"],
            &ready["events"]["engine"],
            &ready["events"]["ok"]
        ),
        (&json!("ready"), &json!("redis"), &json!(false)),
        "{ready}"
    );

    // It comes back: the clients are told to list again, and changes flow without a restart.
    let _redis = Redis::start_on(port);
    next_error(&mut on_a, "events_lost").await;
    next_error(&mut on_b, "events_lost").await;
    assert_eq!(
        create(&client, &a, &session, "after.py").await,
        StatusCode::CREATED
    );
    // The change made while the engine was away is not delivered late; the one after is.
    loop {
        let changed = next_of(&mut on_b, "file-changed").await;
        assert_ne!(
            changed["filePath"], "during.py",
            "a change made during the outage was delivered late"
        );
        if changed["filePath"] == "after.py" {
            break;
        }
    }
    assert_eq!(ready_body(&client, &b).await["events"]["ok"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hosts_keep_one_sessions_rules_and_outlive_each_other() {
    let moto = MotoServer::start();
    let redis = Redis::start();
    let limit = ["--max-files", "5"];
    let a = host(&moto, &redis, &limit).await;
    let b = host(&moto, &redis, &limit).await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &a).await;

    // Twelve creates at once, alternating between the hosts: exactly five land.
    let creates: Vec<_> = (0..12)
        .map(|i| {
            let url = [&a, &b][i % 2].url(&format!("/sessions/{session}/files"));
            let client = client.clone();
            tokio::spawn(async move {
                let answer = client
                    .post(url)
                    .json(&json!({ "filePath": format!("f{i}.py"), "content": "x\n" }))
                    .send()
                    .await
                    .unwrap();
                let status = answer.status();
                let body: Value = answer.json().await.unwrap_or(Value::Null);
                (status, body["error"]["code"].clone())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for create in creates {
        answers.push(create.await.unwrap());
    }
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 5, "{answers:?}");
    assert!(
        answers.iter().all(|(s, code)| *s == StatusCode::CREATED
            || (*s == StatusCode::PAYLOAD_TOO_LARGE && code == "too_many_files")),
        "{answers:?}"
    );
    for server in [&a, &b] {
        let files: Value =
            get_json(&client, server.url(&format!("/sessions/{session}/files"))).await;
        assert_eq!(files.as_array().unwrap().len(), 5, "{files}");
    }

    // One path created on both hosts at once: one wins, the other is told it exists.
    let other = new_session(&client, &b).await;
    for round in 0..5 {
        let path = format!("same{round}.py");
        let (first, second) = tokio::join!(
            create(&client, &a, &other, &path),
            create(&client, &b, &other, &path)
        );
        let mut statuses = [first, second];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::CREATED, StatusCode::CONFLICT],
            "{path}"
        );
    }

    // A dies with SIGKILL: its client's connection drops; B's clients carry on, see each
    // other's changes, and read what was written through A.
    let (mut on_a, _) = connect(&a, &other).await;
    let (mut on_b, _) = connect(&b, &other).await;
    let (mut also_on_b, _) = connect(&b, &other).await;
    // A run in flight on A when it dies: started, and past the provisional record's delay.
    let spin = client
        .put(a.url(&format!("/sessions/{other}/files/same2.py")))
        .json(&json!({ "content": "while True: pass\n" }))
        .send()
        .await
        .unwrap();
    assert_eq!(spin.status(), StatusCode::OK);
    on_a.send(Message::text(
        json!({"type": "code-execution", "requestId": "spin", "fileName": "same2.py",
               "timeoutMs": 30000})
        .to_string(),
    ))
    .await
    .unwrap();
    next_of(&mut on_a, "execution-started").await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    a.kill();
    let dropped = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match on_a.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(dropped.is_ok(), "the killed host's connection stayed open");
    also_on_b
        .send(Message::text(
            json!({"type": "file-operation", "requestId": "after-a", "action": "UPDATE_FILE",
                   "filePath": "same1.py", "content": "z = 3\n"})
            .to_string(),
        ))
        .await
        .unwrap();
    let changed = next_change_of(&mut on_b, "same1.py").await;
    assert_eq!(changed["change"], "updated", "{changed}");
    let read: Value = get_json(&client, b.url(&format!("/sessions/{other}/files/same0.py"))).await;
    assert_eq!(read["content"], "x = 1\n", "{read}");
    // The run that was in flight on A ended with it, as a cancelled record.
    let history: Value = get_json(&client, b.url(&format!("/sessions/{other}/executions"))).await;
    assert_eq!(history[0]["termination"], "cancelled", "{history}");
    assert_eq!(history[0]["fileName"], "same2.py", "{history}");
    drop(redis);
}
