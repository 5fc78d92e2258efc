//! What `/readyz` answers, kept current in the background rather than checked per request:
//! the endpoint is public, so a caller polling it must not make the server poll its store or
//! its container engine in turn.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde_json::{Value, json};

use super::Services;

/// How often the store and the container engine are asked again.
pub(crate) const REFRESH_EVERY: Duration = Duration::from_secs(5);

/// The last answers of the store and the container engine.
#[derive(Debug, Clone, Default)]
pub(crate) struct Readiness {
    /// `None` until the store was first asked; then whether it answered, and why not.
    storage: Option<Result<(), String>>,
    /// `None` until the engine was first asked, or when Java is not served.
    java: Option<Result<(), String>>,
}

/// Shared between the refresher and the endpoint.
pub(crate) type SharedReadiness = Arc<RwLock<Readiness>>;

impl Services {
    /// Asks the store and (when Java is served) the container engine now, and keeps their
    /// answers.
    pub(crate) async fn refresh_readiness(&self) {
        let storage = self
            .storage
            .sessions
            .ping()
            .await
            .map_err(|e| e.to_string());
        if let Err(e) = &storage {
            tracing::warn!(error = %e, "readiness: storage does not answer");
        }
        let java = if self.java_enabled() {
            let runtime = self.runtime.clone();
            let checked = tokio::task::spawn_blocking(move || runtime.check_java()).await;
            Some(match checked {
                Ok(answer) => answer.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            })
        } else {
            None
        };
        let mut readiness = self.readiness.write().unwrap_or_else(|p| p.into_inner());
        readiness.storage = Some(storage);
        readiness.java = java;
    }

    /// Keeps the readiness current until the process ends.
    pub(crate) fn spawn_readiness_refresher(&self) {
        let services = self.clone();
        tokio::spawn(async move {
            loop {
                services.refresh_readiness().await;
                tokio::time::sleep(REFRESH_EVERY).await;
            }
        });
    }

    /// Whether the server is ready, and what `/readyz` says: the state of each part, and with
    /// `details` (an admin), the image and the reasons of what is not ready.
    pub(crate) fn readiness(&self, details: bool) -> (bool, Value) {
        let readiness = self
            .readiness
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let storage_ok = matches!(readiness.storage, Some(Ok(())));
        let interpreters = self.interpreters_ready();
        let ready = storage_ok && interpreters;
        let mut storage = json!({ "backend": self.storage.backend, "ok": storage_ok });
        let mut java = match &readiness.java {
            Some(answer) => json!({ "ok": answer.is_ok() }),
            None => json!({ "ok": false }),
        };
        if details {
            if let Some(Err(reason)) = &readiness.storage {
                storage["reason"] = json!(reason);
            }
            java["image"] = json!(self.runtime.java_config().image_name());
            java["reason"] = match (&readiness.java, self.java_enabled()) {
                (_, false) => json!("java is not among SUPPORTED_LANGUAGES"),
                (None, true) => json!("not checked yet"),
                (Some(Err(reason)), true) => json!(reason),
                (Some(Ok(())), true) => Value::Null,
            };
        }
        // The event engine is reported but does not make the host unready: without it, writes
        // still succeed and connections are told that they may miss other hosts' changes.
        let engine = self.events.engine();
        let mut events = json!({ "engine": engine.engine, "ok": engine.problem.is_none() });
        if details && let Some(reason) = engine.problem {
            events["reason"] = json!(reason);
        }
        let body = json!({
            "status": if ready { "ready" } else { "not_ready" },
            "storage": storage,
            "events": events,
            "interpreters": { "ok": interpreters },
            "java": java,
            "executions": { "running": self.running_executions() },
        });
        (ready, body)
    }
}
