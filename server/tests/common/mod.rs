//! What the process-level tests share: `codebox serve` processes on free loopback ports, killed
//! when dropped, and the few requests every test makes.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

/// A free loopback port (see `moto.rs`, which each test crate includes beside this module).
pub(crate) use super::moto::free_port;

/// A `codebox serve` process, killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

impl Server {
    /// Starts a server with `args` and waits until it is ready.
    pub(crate) async fn start(args: &[&str]) -> Server {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_codebox"))
            .arg("serve")
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .args(args)
            .env("RUST_LOG", "warn")
            // A process killed with SIGKILL cannot remove its Java containers: these servers
            // run no Java, so that they leave nothing in the engine the other tests count.
            .env("SUPPORTED_LANGUAGES", "python,javascript")
            .env_remove("DOCKER_HOST")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start codebox serve");
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let ready = client.get(format!("{}/readyz", server.base)).send().await;
            if ready.is_ok_and(|r| r.status() == StatusCode::OK) {
                return server;
            }
            assert!(Instant::now() < deadline, "the server never became ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The URL of an API path (`/sessions`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// Kills the process with SIGKILL: no shutdown, no flushing.
    pub(crate) fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new session's id.
pub(crate) async fn new_session(client: &reqwest::Client, server: &Server) -> String {
    let created: Value = client
        .post(server.url("/sessions"))
        .json(&json!({ "templateId": "t" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["sessionId"].as_str().unwrap().to_owned()
}

/// The JSON body of `GET url`.
pub(crate) async fn get_json(client: &reqwest::Client, url: String) -> Value {
    client.get(url).send().await.unwrap().json().await.unwrap()
}
