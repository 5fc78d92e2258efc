//! The server as an operator runs it, under what goes wrong: killed with SIGKILL while writes
//! are being acknowledged (on both backends), its store going away and coming back, and many
//! clients at once. Each test starts real `codebox serve` processes.

#[path = "../src/storage/moto.rs"]
mod moto;

mod common;

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Server, get_json, new_session};
use moto::MotoServer;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Writes files from four clients until the server dies, answering what was acknowledged.
async fn write_until_killed(server: Server, session: &str) -> Vec<(String, String)> {
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let client = reqwest::Client::new();
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let (client, url) = (
                client.clone(),
                server.url(&format!("/sessions/{session}/files")),
            );
            let acknowledged = acknowledged.clone();
            tokio::spawn(async move {
                for n in 0.. {
                    let (path, content) =
                        (format!("w{writer}/f{n}.txt"), format!("{writer}:{n}\n"));
                    let sent = client
                        .post(&url)
                        .json(&json!({ "filePath": path, "content": content }))
                        .send()
                        .await;
                    match sent {
                        Ok(answer) if answer.status() == StatusCode::CREATED => {
                            acknowledged.lock().unwrap().push((path, content));
                        }
                        _ => return,
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() > 10,
        "too few writes before the kill to mean anything"
    );
    acknowledged
}

/// Every acknowledged file is there, with its content.
async fn all_there(server: &Server, session: &str, acknowledged: &[(String, String)]) {
    let client = reqwest::Client::new();
    for (path, content) in acknowledged {
        let file: Value = get_json(
            &client,
            server.url(&format!("/sessions/{session}/files/{path}")),
        )
        .await;
        assert_eq!(
            file["content"],
            content.as_str(),
            "{path} was acknowledged, then lost"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_write_embedded() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let server = Server::start(&["--data-dir", dir]).await;
    let session = new_session(&reqwest::Client::new(), &server).await;
    let acknowledged = write_until_killed(server, &session).await;
    let again = Server::start(&["--data-dir", dir]).await;
    all_there(&again, &session, &acknowledged).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_write_aws() {
    let moto = MotoServer::start();
    let aws = [
        "--storage",
        "aws",
        "--aws-init",
        "--aws-endpoint",
        &moto.endpoint(),
    ];
    let server = Server::start(&aws).await;
    let session = new_session(&reqwest::Client::new(), &server).await;
    let acknowledged = write_until_killed(server, &session).await;
    let again = Server::start(&aws).await;
    all_there(&again, &session, &acknowledged).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_goes_away_and_comes_back() {
    let moto = MotoServer::start();
    let (port, endpoint) = (moto.port(), moto.endpoint());
    let server = Server::start(&[
        "--storage",
        "aws",
        "--aws-init",
        "--aws-endpoint",
        &endpoint,
    ])
    .await;
    let client = reqwest::Client::new();
    new_session(&client, &server).await;

    drop(moto);
    let answer = client
        .post(server.url("/sessions"))
        .json(&json!({ "templateId": "t" }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["error"]["code"], "storage_unavailable", "{body}");

    // The store comes back (empty: moto keeps nothing) and is provisioned again; the same
    // server process serves again, without a restart.
    let _moto = MotoServer::start_on(port);
    let init = Command::new(env!("CARGO_BIN_EXE_codebox"))
        .args(["init", "--aws-endpoint", &endpoint])
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let answer = client
        .post(server.url("/sessions"))
        .json(&json!({ "templateId": "t" }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_clients_get_answers_or_busy_never_errors() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(&[
        "--data-dir",
        data.path().to_str().unwrap(),
        "--max-concurrent",
        "2",
        "--queue",
        "4",
    ])
    .await;
    let client = reqwest::Client::new();
    let session = new_session(&client, &server).await;
    client
        .post(server.url(&format!("/sessions/{session}/files")))
        .json(&json!({ "filePath": "main.py", "content": "print('hi')\n" }))
        .send()
        .await
        .unwrap();
    let until = Instant::now() + Duration::from_secs(5);
    let tally = Arc::new(Mutex::new([0usize; 2]));
    let clients: Vec<_> = (0..32)
        .map(|n| {
            let (client, tally) = (client.clone(), tally.clone());
            let execute = server.url(&format!("/sessions/{session}/execute"));
            let read = server.url(&format!("/sessions/{session}/files/main.py"));
            tokio::spawn(async move {
                while Instant::now() < until {
                    let answer = if n % 2 == 0 {
                        client
                            .post(&execute)
                            .json(&json!({ "fileName": "main.py" }))
                            .send()
                            .await
                    } else {
                        client.get(&read).send().await
                    };
                    let answer = answer.expect("no connection is dropped");
                    let status = answer.status();
                    assert!(!status.is_server_error(), "a 5xx under load: {status}");
                    let mut tally = tally.lock().unwrap();
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        assert!(
                            answer.headers().contains_key("retry-after"),
                            "429 without Retry-After"
                        );
                        tally[1] += 1;
                    } else {
                        assert!(status.is_success(), "{status}");
                        tally[0] += 1;
                    }
                }
            })
        })
        .collect();
    for c in clients {
        c.await.unwrap();
    }
    let [served, busy] = *tally.lock().unwrap();
    eprintln!("load: {served} answered, {busy} busy in 5 s with 32 clients");
    assert!(served > 0);
}
