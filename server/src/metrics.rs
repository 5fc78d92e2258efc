//! Prometheus metrics, served at `/metrics` in the OpenMetrics text format: what an operator
//! watches a codebox host by. Counters and histograms are recorded where things happen (a
//! finished run, an answered request, an opened or closed WebSocket); the gauges of the moment
//! (runs waiting and running) are read when the metrics are.
//!
//! | metric | labels |
//! |---|---|
//! | `codebox_runs_total` | `language`, `termination` |
//! | `codebox_run_duration_seconds` (histogram) | `language` |
//! | `codebox_http_requests_total` | `method`, `route` (the matched route, `unmatched` otherwise), `status` |
//! | `codebox_http_request_duration_seconds` (histogram) | `method`, `route` |
//! | `codebox_errors_total` | `code`: every error answered, by its stable code (`storage_unavailable` for the store, `java_unavailable` for the container engine) |
//! | `codebox_executions_running`, `codebox_executions_waiting`, `codebox_execution_slots` | |
//! | `codebox_websocket_connections` | |
//! | `codebox_java_containers_running`, `codebox_java_containers_pooled` | |

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::access::Principal;
use crate::auth;
use crate::error::ApiError;
use crate::service::Services;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RunLabels {
    language: String,
    termination: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LanguageLabel {
    language: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CodeLabel {
    code: String,
}

/// Latency buckets from 0.5 ms to about 65 s, doubling: runs and requests span that range.
fn seconds_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 18))
}

/// One host's metrics; shared by every request.
#[derive(Debug)]
pub(crate) struct Metrics {
    registry: Registry,
    runs: Family<RunLabels, Counter>,
    run_seconds: Family<LanguageLabel, Histogram, fn() -> Histogram>,
    requests: Family<RequestLabels, Counter>,
    request_seconds: Family<RouteLabels, Histogram, fn() -> Histogram>,
    errors: Family<CodeLabel, Counter>,
    running: Gauge,
    waiting: Gauge,
    slots: Gauge,
    websockets: Gauge,
    java_running: Gauge,
    java_pooled: Gauge,
}

/// The error code an answer carried, left on the response for [`track`] to count.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AnsweredError(pub(crate) &'static str);

impl Metrics {
    pub(crate) fn new() -> Arc<Metrics> {
        let mut registry = Registry::with_prefix("codebox");
        let runs = Family::<RunLabels, Counter>::default();
        registry.register("runs", "Runs that ended, by language and how", runs.clone());
        let run_seconds = Family::new_with_constructor(seconds_histogram as fn() -> Histogram);
        registry.register(
            "run_duration_seconds",
            "Wall-clock time of runs, test cases together",
            run_seconds.clone(),
        );
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        let request_seconds = Family::new_with_constructor(seconds_histogram as fn() -> Histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer HTTP requests (a WebSocket's: its handshake)",
            request_seconds.clone(),
        );
        let errors = Family::<CodeLabel, Counter>::default();
        registry.register(
            "errors",
            "Errors answered, by their stable code",
            errors.clone(),
        );
        let running = Gauge::default();
        registry.register("executions_running", "Runs in progress", running.clone());
        let waiting = Gauge::default();
        registry.register(
            "executions_waiting",
            "Runs waiting for a slot",
            waiting.clone(),
        );
        let slots = Gauge::default();
        registry.register("execution_slots", "Runs that may go at once", slots.clone());
        let websockets = Gauge::default();
        registry.register(
            "websocket_connections",
            "WebSocket connections open",
            websockets.clone(),
        );
        let java_running = Gauge::default();
        registry.register(
            "java_containers_running",
            "Java runs in progress, each in a container of its own",
            java_running.clone(),
        );
        let java_pooled = Gauge::default();
        registry.register(
            "java_containers_pooled",
            "Java containers started and waiting for a run",
            java_pooled.clone(),
        );
        Arc::new(Metrics {
            registry,
            runs,
            run_seconds,
            requests,
            request_seconds,
            errors,
            running,
            waiting,
            slots,
            websockets,
            java_running,
            java_pooled,
        })
    }

    /// Counts a finished run.
    pub(crate) fn run_finished(&self, language: &str, termination: &str, seconds: f64) {
        self.runs
            .get_or_create(&RunLabels {
                language: language.to_owned(),
                termination: termination.to_owned(),
            })
            .inc();
        self.run_seconds
            .get_or_create(&LanguageLabel {
                language: language.to_owned(),
            })
            .observe(seconds);
    }

    /// Counts an error answered outside HTTP (over a WebSocket).
    pub(crate) fn error_answered(&self, code: &str) {
        self.errors
            .get_or_create(&CodeLabel {
                code: code.to_owned(),
            })
            .inc();
    }

    /// A WebSocket opened; it is counted as closed when the guard is dropped.
    pub(crate) fn websocket_opened(self: &Arc<Self>) -> WebSocketOpen {
        self.websockets.inc();
        WebSocketOpen(Arc::clone(self))
    }

    /// The metrics as text, with the gauges of the moment.
    fn render(&self, now: &Moment) -> String {
        let gauge = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        self.running.set(gauge(now.running));
        self.waiting.set(gauge(now.waiting));
        self.slots.set(gauge(now.slots));
        let java = now.java.unwrap_or_default();
        self.java_running.set(gauge(java.running));
        self.java_pooled.set(gauge(java.pooled));
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut text, &self.registry);
        text
    }
}

/// The gauges' values at a scrape.
#[derive(Debug)]
struct Moment {
    running: usize,
    waiting: usize,
    slots: usize,
    java: Option<codebox_runtime::JavaUsage>,
}

/// Counts a WebSocket as open while it lives.
#[derive(Debug)]
pub(crate) struct WebSocketOpen(Arc<Metrics>);

impl Drop for WebSocketOpen {
    fn drop(&mut self) {
        self.0.websockets.dec();
    }
}

/// The middleware: counts and times every request by its matched route, and counts the error
/// it answered, if any.
pub(crate) async fn track(
    State(services): State<Services>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    let metrics = &services.metrics;
    let route = RouteLabels { method, route };
    metrics
        .request_seconds
        .get_or_create(&route)
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .get_or_create(&RequestLabels {
            method: route.method,
            route: route.route,
            status: response.status().as_u16(),
        })
        .inc();
    if let Some(AnsweredError(code)) = response.extensions().get::<AnsweredError>() {
        metrics.error_answered(code);
    }
    response
}

/// `GET /metrics`: for an admin (or anyone on a server without keys, which listens on loopback
/// only).
#[utoipa::path(get, path = "/metrics", tag = "health",
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The metrics, in the OpenMetrics text format", content_type = "application/openmetrics-text"),
        (status = 401, description = "No credential, or a bad one, on a server with keys"),
        (status = 403, description = "A session token: the metrics are for admins"),
))]
pub(crate) async fn serve(
    State(services): State<Services>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    match auth::principal(&services.config, auth::bearer(&headers)) {
        Ok(Principal::Admin | Principal::Local) => {}
        Ok(_) => return Err(ApiError::forbidden("the metrics are for admins")),
        Err(e) => return Err(e),
    }
    let text = services.metrics.render(&Moment {
        running: services.running_executions(),
        waiting: services.limiter.waiting(),
        slots: services.config.max_concurrent,
        java: services.runtime.java_usage(),
    });
    let mut response = (StatusCode::OK, text).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    Ok(response)
}
