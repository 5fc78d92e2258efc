//! Starting a server for a test, and talking to it.

use std::sync::OnceLock;
use std::time::Duration;

use codebox_runtime::Runtime;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::app::Application;
use crate::config::{AwsConfig, Config, ServeArgs, StorageConfig};
use crate::storage::moto::MotoServer;

/// Which backend a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Embedded,
    Aws,
}

/// One runtime for the whole suite: interpreters are prepared once.
fn runtime() -> Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| Runtime::builder().build().expect("runtime"))
        .clone()
}

/// One moto server for the whole suite; tests keep apart by their unique session ids.
fn moto() -> &'static MotoServer {
    static MOTO: OnceLock<MotoServer> = OnceLock::new();
    MOTO.get_or_init(MotoServer::start)
}

/// A running server and a client for it.
pub(crate) struct TestApp {
    pub(crate) base: String,
    pub(crate) client: reqwest::Client,
    pub(crate) backend: Backend,
    pub(crate) config: Config,
    _data: Option<tempfile::TempDir>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Server options for tests that need other limits.
pub(crate) fn args() -> ServeArgs {
    use clap::Parser;
    #[derive(clap::Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: ServeArgs,
    }
    Wrapper::parse_from(["codebox", "--addr", "127.0.0.1:0"]).args
}

impl TestApp {
    pub(crate) async fn start(backend: Backend) -> TestApp {
        Self::start_with(backend, args()).await
    }

    pub(crate) async fn start_with(backend: Backend, args: ServeArgs) -> TestApp {
        Self::start_with_runtime(backend, args, runtime()).await
    }

    /// A server with a runtime of its own (another Java engine, say).
    pub(crate) async fn start_with_runtime(
        backend: Backend,
        args: ServeArgs,
        runtime: Runtime,
    ) -> TestApp {
        let mut config = Config::from_args(&args).expect("config");
        let data = match backend {
            Backend::Embedded => {
                let dir = tempfile::tempdir().expect("data dir");
                config.storage = StorageConfig::Embedded {
                    data_dir: dir.path().to_owned(),
                };
                Some(dir)
            }
            Backend::Aws => {
                let endpoint = moto().endpoint();
                // Local endpoints take any credentials: connect() uses test ones when the
                // environment has none.
                config.storage = StorageConfig::Aws(AwsConfig {
                    bucket: "voice-interview-platform-storage".into(),
                    sessions_table: "interview-sessions".into(),
                    files_table: "session-files".into(),
                    endpoint: Some(endpoint),
                    init: true,
                });
                None
            }
        };
        let application = Application::build(config.clone(), runtime)
            .await
            .expect("server");
        let addr = application.local_addr().expect("address");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(application.run_until(async move {
            let _ = rx.await;
        }));
        let app = TestApp {
            base: format!("http://{addr}"),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()
                .expect("client"),
            backend,
            config,
            _data: data,
            shutdown: Some(tx),
        };
        app.wait_ready().await;
        app
    }

    async fn wait_ready(&self) {
        for _ in 0..600 {
            if let Ok(r) = self
                .client
                .get(format!("{}/readyz", self.base))
                .send()
                .await
                && r.status() == StatusCode::OK
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server never became ready");
    }

    /// Sends a request with an optional JSON body; answers the status and the JSON body
    /// (`Value::Null` when there is none).
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call_as(None, method, path, body).await
    }

    /// [`TestApp::call`] with `Authorization: Bearer <credential>` when one is given.
    pub(crate) async fn call_as(
        &self,
        credential: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(credential) = credential {
            request = request.bearer_auth(credential);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let text = response.text().await.expect("body");
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, json)
    }

    pub(crate) async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub(crate) async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub(crate) async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, None).await
    }

    /// Creates a session and answers its id.
    pub(crate) async fn session(&self) -> String {
        let (status, body) = self
            .post(
                "/api/v1/sessions",
                json!({ "templateId": "two-sum", "candidateName": "Ada" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["sessionId"].as_str().expect("sessionId").to_owned()
    }

    /// Creates a file in a session.
    pub(crate) async fn file(&self, session: &str, path: &str, content: &str) {
        let (status, body) = self
            .post(
                &format!("/api/v1/sessions/{session}/files"),
                json!({ "filePath": path, "content": content }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Asserts an error answer: its status and stable code.
#[track_caller]
pub(crate) fn assert_error(answer: &(StatusCode, Value), status: StatusCode, code: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["error"]["code"], code, "{}", answer.1);
    assert!(
        answer.1["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{}",
        answer.1
    );
}

/// Defines a test that runs on both backends.
macro_rules! api_test {
    ($name:ident, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports, reason = "not every test uses every helper")]
            use super::*;

            async fn scenario($app: $crate::api_tests::harness::TestApp) {
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn embedded() {
                scenario(
                    $crate::api_tests::harness::TestApp::start(
                        $crate::api_tests::harness::Backend::Embedded,
                    )
                    .await,
                )
                .await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn aws() {
                scenario(
                    $crate::api_tests::harness::TestApp::start(
                        $crate::api_tests::harness::Backend::Aws,
                    )
                    .await,
                )
                .await;
            }
        }
    };
}
pub(crate) use api_test;
