//! The server: the router, its middleware, and an [`Application`] that binds first (so tests
//! can use port 0) and then serves until a shutdown signal.
//!
//! Connections are accepted and served here rather than by `axum::serve`, which has no
//! header-read or keep-alive timeout and no connection bound: a client that trickles its
//! headers or opens connections and says nothing would otherwise hold them for ever.

use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll};
use std::time::Instant;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, body::Body};
use codebox_runtime::{Language, Runtime};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tower::ServiceExt;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

use crate::config::{Config, ConnectionLimits, StorageConfig};
use crate::error::ApiError;
use crate::events::Events;
use crate::openapi::ApiDoc;
use crate::routes::{executions, files, health, sessions};
use crate::service::Services;
use crate::storage::{self, Storage};
use crate::sync::lock;

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
                .layer(Extension(crate::ws::SessionSockets::default()))
                .route_layer(axum::middleware::from_fn_with_state(
                    services.clone(),
                    crate::auth::authenticate_socket,
                )),
        );
    let body_limit = services.config.body_limit;
    let timeout = services.config.request_timeout;
    let root = if services.config.console {
        crate::console::routes()
    } else {
        Router::new()
    };
    root.route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(crate::metrics::serve))
        .nest("/api/v1", api)
        .fallback(|| async { ApiError::not_found("not_found", "no such route") })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(
            services.clone(),
            crate::origin::same_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            services.clone(),
            crate::metrics::track,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    uri = %request.uri(),
                    request_id = %crate::request_id::of(request),
                )
            }),
        )
        // Outermost, so that the id is settled before the trace layer's span is made.
        .layer(axum::middleware::from_fn(crate::request_id::assign))
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
    listener: TcpListener,
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
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let events = match &config.events_url {
            Some(url) => Events::shared(url).context("CODEBOX_EVENTS_URL")?,
            None => Events::embedded(),
        };
        let services = Services::new(config, storage, runtime, events);
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
        let limits = self.services.config.connections;
        let app = router(self.services);
        serve(self.listener, app, limits, shutdown).await;
        Ok(())
    }
}

/// The answer to a connection over `max_connections`, written without reading its request.
const TOO_MANY_CONNECTIONS: &str = r#"{"error":{"code":"too_many_connections","message":"the server is serving as many connections as it may; retry later"}}"#;

/// Accepts connections until `shutdown`, serving each under `limits`, then waits for the
/// requests in flight (WebSockets are not waited for: they end with the process).
async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    // Every connection task holds a receiver: the sender tells them to stop, and learns that
    // they all have when the last receiver is dropped.
    let (stop, stopping) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, say: accepting again at once would spin.
                tracing::warn!(error = %e, "accepting a connection failed");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            refuse(&stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let io = Counted {
            stream,
            _slot: slot,
        };
        tokio::spawn(serve_connection(io, app.clone(), limits, stopping.clone()));
    }
    drop(listener);
    drop(stopping);
    let _ = stop.send(());
    stop.closed().await;
}

/// Answers a connection over the bound with `503 too_many_connections` and closes it. The
/// answer is written only if the socket takes it at once, so a refused client costs nothing.
fn refuse(stream: &TcpStream) {
    tracing::warn!("refusing a connection: CODEBOX_MAX_CONNECTIONS are open");
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{TOO_MANY_CONNECTIONS}",
        TOO_MANY_CONNECTIONS.len()
    );
    let _ = stream.try_write(answer.as_bytes());
}

/// Serves one connection's requests (and its WebSocket upgrade) until it ends, it stays idle
/// past its timeout, or the server stops.
async fn serve_connection(
    io: Counted,
    app: Router,
    limits: ConnectionLimits,
    mut stopping: watch::Receiver<()>,
) {
    let activity = Arc::new(Mutex::new(Activity::new()));
    let service = {
        let activity = activity.clone();
        hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let app = app.clone();
            let in_flight = InFlight::begin(&activity);
            async move {
                let response = app.oneshot(request.map(Body::new)).await;
                drop(in_flight);
                response
            }
        })
    };
    let connection = http1::Builder::new()
        .serve_connection(TokioIo::new(io), service)
        .with_upgrades();
    tokio::pin!(connection);
    let mut stopped = false;
    loop {
        let wait = lock(&activity).wait(limits);
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended");
                }
                return;
            }
            _ = stopping.changed(), if !stopped => {
                // Idle connections close now; the requests in flight finish first.
                stopped = true;
                connection.as_mut().graceful_shutdown();
            }
            () = tokio::time::sleep_until(wait.into()) => {
                if lock(&activity).expired(limits) {
                    tracing::debug!("closing a connection that sent no request in time");
                    return;
                }
            }
        }
    }
}

/// What a connection is doing: requests in flight, and since when it has been waiting for
/// the next one.
struct Activity {
    in_flight: usize,
    served: bool,
    waiting_since: Instant,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            in_flight: 0,
            served: false,
            waiting_since: Instant::now(),
        }
    }

    /// How long the connection may wait for a request's headers: on a new connection the
    /// header timeout, after a response the keep-alive timeout.
    fn allowed(&self, limits: ConnectionLimits) -> std::time::Duration {
        if self.served {
            limits.keep_alive_timeout
        } else {
            limits.header_timeout
        }
    }

    /// When to look again: at the deadline for the next request, or, while one is in flight
    /// (its time is the request timeout's business), a timeout later.
    fn wait(&self, limits: ConnectionLimits) -> Instant {
        if self.in_flight > 0 {
            Instant::now() + self.allowed(limits)
        } else {
            self.waiting_since + self.allowed(limits)
        }
    }

    /// Whether the connection has waited too long for a request's headers.
    fn expired(&self, limits: ConnectionLimits) -> bool {
        self.in_flight == 0 && self.waiting_since.elapsed() >= self.allowed(limits)
    }
}

/// A request in flight on a connection; when it is answered, the wait for the next begins.
struct InFlight(Arc<Mutex<Activity>>);

impl InFlight {
    fn begin(activity: &Arc<Mutex<Activity>>) -> InFlight {
        let mut state = lock(activity);
        state.in_flight += 1;
        state.served = true;
        InFlight(activity.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut state = lock(&self.0);
        state.in_flight -= 1;
        state.waiting_since = Instant::now();
    }
}

/// A connection's socket holding its place among `max_connections`. The place goes with the
/// socket into a WebSocket upgrade, so an open WebSocket counts until it closes.
struct Counted {
    stream: TcpStream,
    _slot: OwnedSemaphorePermit,
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
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
