//! Executions: run a session's files, judge test cases, store and read back the results.
//!
//! - `request.rs`: the request and its checks; `plan.rs`: what can refuse it, before a slot;
//! - `cases.rs`: the runs and their judging; `record.rs`: the stored record, provisional
//!   first for long runs; `history.rs`: reading them back.

mod cases;
mod history;
mod plan;
mod record;
mod request;

pub(crate) use request::{ExecuteRequest, TestCase};

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use codebox_runtime::{CancelToken, ExecutionResult, Language, RunRequest, StreamKind};
use tracing::Instrument;

use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::model::{ExecutionRecord, TestCaseResult};
use crate::service::Services;
use crate::service::limiter::Slot;
use record::keep_at_most;

/// Most bytes of stdout, and of stderr, that a record keeps of the run it shows; the run's log
/// object keeps all of it (up to the run's own output caps).
pub(crate) const RECORD_OUTPUT_BYTES: usize = 64 << 10;
/// Most bytes of stdout, and of stderr, that a record keeps of each test case.
pub(crate) const RECORD_CASE_OUTPUT_BYTES: usize = 8 << 10;

impl Services {
    /// Runs one request in the runtime on the blocking pool, counted in `running`.
    ///
    /// The blocking task holds the execution's slot and the running count until the guest has
    /// stopped, not merely until this future is dropped: a caller that goes away cancels the
    /// run (see [`Services::execute_observed`]), and its slot frees only once the guest has
    /// noticed.
    pub(super) async fn run(
        &self,
        request: RunRequest,
        slot: &Arc<Slot>,
    ) -> Result<ExecutionResult, ApiError> {
        let runtime = self.runtime.clone();
        let held = (slot.clone(), Running::start(&self.running));
        // The blocking pool's thread does not inherit the execution's span: carry it over.
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _held = held;
            span.in_scope(|| runtime.run(&request))
        })
        .await
        .map_err(|e| ApiError::Internal(format!("the run task failed: {e}")))?
        .map_err(|e| match e {
            codebox_runtime::Error::InvalidRequest(message) => {
                ApiError::bad_request("invalid_request", message)
            }
            e @ codebox_runtime::Error::JavaUnavailable(_) => ApiError::Unavailable {
                code: "java_unavailable",
                message: e.to_string(),
            },
            other => ApiError::Unavailable {
                code: "runtime_unavailable",
                message: format!("the runtime failed: {other}"),
            },
        })
    }

    /// `POST /execute`: runs and answers the stored record.
    pub(crate) async fn execute(
        &self,
        principal: &Principal,
        session_id: &str,
        request: ExecuteRequest,
    ) -> Result<ExecutionRecord, ApiError> {
        self.execute_observed(principal, session_id, request, None, None)
            .await
    }

    /// Runs a file of the session, reporting progress to `observer` (output as it is written,
    /// each test case as it ends) and stopping early when `cancel` is cancelled. The record is
    /// stored before it is answered.
    pub(crate) async fn execute_observed(
        &self,
        principal: &Principal,
        session_id: &str,
        request: ExecuteRequest,
        observer: Option<Observer>,
        cancel: Option<CancelToken>,
    ) -> Result<ExecutionRecord, ApiError> {
        principal.authorize(Some(session_id), Action::Execute)?;
        let plan = self.plan(session_id, request, cancel).await?;
        // A caller that goes away (a REST client hanging up, a WebSocket closing) drops this
        // future: the guard then stops the run instead of leaving it to its deadline.
        let _abandoned = CancelOnDrop(plan.cancel.clone());
        let _superseding = plan.supersede.then(|| {
            self.superseding
                .enter(session_id, &plan.header.execution_id, &plan.cancel)
        });
        let slot = Arc::new(self.limiter.acquire().await?);
        if let Some(observer) = &observer {
            observer(ExecutionEvent::Started {
                file_name: plan.header.file_name.clone(),
                language: plan.header.language,
                test_cases: plan.cases.len(),
            });
        }
        let span = tracing::info_span!(
            "execution",
            session_id = %plan.header.session_id,
            language = %plan.header.language,
            execution_id = %plan.header.execution_id,
        );
        let provisional = self.provisional_record(&plan.header);
        let mut plan = plan;
        let measure = plan.measure.take();
        let entry = plan.header.file_name.clone();
        let (mut record, logs) = if plan.cases.is_empty() {
            self.run_plain(plan, &slot, observer.as_ref())
                .instrument(span)
                .await?
        } else {
            self.run_cases(plan, &slot, observer.as_ref())
                .instrument(span)
                .await?
        };
        if let Some(measure) = measure {
            record.complexity = Some(self.measure(&measure, &entry, &slot).await?);
        }
        provisional.settle().await;
        self.metrics.run_finished(
            record.language.name(),
            &record.termination.name(),
            record.execution_time / 1e3,
        );
        self.storage.results.put_execution(&record, &logs).await?;
        Ok(record)
    }
}

pub(super) fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// A run's logs: its streams and how it ended.
pub(super) fn log_text(result: &ExecutionResult) -> String {
    format!(
        "--- stdout ---\n{}\n--- stderr ---\n{}\n--- termination: {} exit code: {:?} wall time: {:.3} ms fuel: {}\n",
        result.stdout,
        result.stderr,
        result.termination.name(),
        result.exit_code,
        millis(result.wall_time),
        result.fuel_consumed
    )
}

/// What an observed execution reports while it runs.
#[derive(Debug, Clone)]
pub(crate) enum ExecutionEvent {
    /// The run got its slot and starts.
    Started {
        file_name: String,
        language: Language,
        test_cases: usize,
    },
    /// Output, in the order the program wrote it (whole UTF-8 characters only).
    Output {
        stream: StreamKind,
        data: String,
        test_case: Option<usize>,
    },
    /// A test case ended.
    TestCase(Box<TestCaseResult>),
}

/// Receives an observed execution's events; called from the thread that runs the program.
pub(crate) type Observer = Arc<dyn Fn(ExecutionEvent) + Send + Sync>;

/// Counts a run in `running` while it lives.
struct Running(Arc<AtomicUsize>);

impl Running {
    fn start(running: &Arc<AtomicUsize>) -> Running {
        running.fetch_add(1, Ordering::SeqCst);
        Running(running.clone())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Cancels an execution's runs when dropped; after they ended by themselves, that changes
/// nothing.
struct CancelOnDrop(CancelToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Hands a run's output to the observer as text, holding back a UTF-8 character split
/// between two writes until its last byte arrives.
pub(super) fn streamed(
    request: RunRequest,
    observer: Option<&Observer>,
    test_case: Option<usize>,
) -> RunRequest {
    let Some(observer) = observer.cloned() else {
        return request;
    };
    let pending = std::sync::Mutex::new([Vec::new(), Vec::new()]);
    request.on_output(move |stream, bytes| {
        let mut pending = crate::sync::lock(&pending);
        let buffer = &mut pending[usize::from(stream == StreamKind::Stderr)];
        buffer.extend_from_slice(bytes);
        let complete = match std::str::from_utf8(buffer) {
            Ok(_) => buffer.len(),
            // An incomplete character at the end waits; invalid bytes are passed on replaced.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => buffer.len(),
        };
        if complete == 0 {
            return;
        }
        let data = String::from_utf8_lossy(&buffer[..complete]).into_owned();
        buffer.drain(..complete);
        observer(ExecutionEvent::Output {
            stream,
            data,
            test_case,
        });
    })
}
