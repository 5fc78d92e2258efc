//! The server: the router, its middleware, and an [`Application`] that binds first (so tests
//! can use port 0) and then serves until a shutdown signal.

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use codebox_runtime::{Language, Runtime};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

use crate::config::{Config, StorageConfig};
use crate::error::ApiError;
use crate::openapi::ApiDoc;
use crate::routes::{executions, files, health, sessions};
use crate::service::Services;
use crate::storage::{self, Storage};

/// The router for `services`.
pub(crate) fn router(services: Services) -> Router {
    let api = Router::new()
        .route("/sessions", post(sessions::create).get(sessions::list))
        .route(
            "/sessions/{sessionId}",
            get(sessions::get)
                .put(sessions::update)
                .delete(sessions::end),
        )
        .route(
            "/sessions/{sessionId}/files",
            get(files::list).post(files::create),
        )
        .route(
            "/sessions/{sessionId}/files/{*filePath}",
            get(files::read).put(files::update).delete(files::delete),
        )
        .route("/sessions/{sessionId}/execute", post(executions::execute))
        .route("/sessions/{sessionId}/executions", get(executions::list))
        .route("/sessions/{sessionId}/tokens", post(sessions::mint_token))
        .route(
            "/sessions/{sessionId}/audio/{streamId}",
            get(crate::routes::audio::get),
        )
        .route(
            "/sessions/{sessionId}/executions/{executionId}",
            get(executions::get),
        )
        .route(
            "/openapi.json",
            get(|| async { axum::Json(ApiDoc::openapi()) }),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            services.clone(),
            crate::auth::authenticate,
        ))
        // Only the WebSocket takes its credential from the query string too (see auth.rs).
        .merge(
            Router::new()
                .route("/sessions/{sessionId}/ws", get(crate::ws::upgrade))
                .route_layer(axum::middleware::from_fn_with_state(
                    services.clone(),
                    crate::auth::authenticate_socket,
                )),
        );
    let body_limit = services.config.body_limit;
    let timeout = services.config.request_timeout;
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .nest("/api/v1", api)
        .fallback(|| async { ApiError::not_found("not_found", "no such route") })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(
            services.clone(),
            crate::origin::same_origin,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(services)
}

/// Opens the configured store.
pub(crate) async fn open_storage(config: &Config) -> Result<Storage> {
    match &config.storage {
        StorageConfig::Embedded { data_dir } => storage::embedded::open(data_dir),
        StorageConfig::Aws(aws) => storage::aws::connect(aws).await,
    }
}

/// A bound server, ready to serve.
pub(crate) struct Application {
    listener: tokio::net::TcpListener,
    services: Services,
}

impl Application {
    /// Opens the store, builds the runtime and binds the address. Without API keys the server
    /// binds loopback only, whatever the address says.
    pub(crate) async fn build(config: Config, runtime: Runtime) -> Result<Application> {
        let mut addr = config.addr;
        if config.api_keys.is_empty() {
            if !addr.ip().is_loopback() {
                addr = SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port());
            }
            tracing::warn!(%addr, "no API keys are configured (CODEBOX_API_KEYS): listening on loopback only");
        }
        if config.ephemeral_tokens {
            tracing::warn!(
                "no CODEBOX_TOKEN_SECRET: session tokens are signed with a secret made now and will not survive a restart"
            );
        }
        let storage = open_storage(&config).await?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let services = Services::new(config, storage, runtime);
        Ok(Application { listener, services })
    }

    /// The bound address (its port when 0 was asked for).
    pub(crate) fn local_addr(&self) -> Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Prepares the interpreters in the background, then serves until `shutdown` completes,
    /// finishing the requests in flight.
    pub(crate) async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        self.services.spawn_readiness_refresher();
        let services = self.services.clone();
        tokio::task::spawn_blocking(move || {
            for language in [Language::Python, Language::JavaScript] {
                if let Err(e) = services.runtime.prepare(language) {
                    tracing::error!(%language, error = %e, "could not prepare an interpreter");
                    return;
                }
            }
            services.set_interpreters_ready();
            tracing::info!("interpreters ready");
            // Java depends on a container engine that may come later: without it, Java runs
            // answer 503 and /readyz says why, while the other languages serve.
            if services.java_enabled() {
                match services.runtime.prepare(Language::Java) {
                    Ok(()) => tracing::info!("Java ready"),
                    Err(e) => tracing::warn!(error = %e, "Java is unavailable"),
                }
            }
        });
        let app = router(self.services);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .context("serving")
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
