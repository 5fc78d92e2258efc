//! Executions: run a session's files, judge test cases, store and read back the results.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use codebox_runtime::{CancelToken, ExecutionResult, Language, Limits, RunRequest, StreamKind};
use serde::Deserialize;
use tracing::Instrument;
use utoipa::ToSchema;

use super::limiter::Slot;
use super::{Services, calls, complexity, judge};
use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::model::{
    ExecutionRecord, ExecutionSummary, Session, Termination, TestCaseResult, Verdict, now,
};
use crate::storage::{ExecutionQuery, parse_page_token};

/// Most test cases in one request.
const MAX_TEST_CASES: usize = 50;
/// Most bytes of stdout, and of stderr, that a record keeps of the run it shows; the run's log
/// object keeps all of it (up to the run's own output caps).
pub(crate) const RECORD_OUTPUT_BYTES: usize = 64 << 10;
/// Most bytes of stdout, and of stderr, that a record keeps of each test case.
pub(crate) const RECORD_CASE_OUTPUT_BYTES: usize = 8 << 10;
/// Most executions one page of the history lists.
pub(crate) const MAX_HISTORY_PAGE: usize = 100;
/// Largest stdin or expected output of one run or case.
const MAX_TEXT: usize = 1 << 20;

/// `POST /sessions/{id}/execute`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ExecuteRequest {
    /// The entry file, a path in the session (`main.py`, `src/app.js`).
    pub(crate) file_name: String,
    /// `python`, `javascript` or `java`; by default from the file's extension.
    #[serde(default)]
    pub(crate) language: Option<String>,
    /// The program's stdin when there are no test cases.
    #[serde(default)]
    pub(crate) stdin: Option<String>,
    /// Each runs in a fresh sandbox with `input` as stdin and is judged against
    /// `expectedOutput` (trailing spaces and trailing newlines ignored).
    #[serde(default)]
    pub(crate) test_cases: Option<Vec<TestCase>>,
    /// Wall-clock limit per run in milliseconds, up to the server's MAX_EXECUTION_TIME.
    #[serde(default)]
    pub(crate) timeout_ms: Option<u64>,
    /// How test cases' output is compared: `exact`, `lines` (the default), `tokens`,
    /// `unordered`, or `{"float": {"absolute": A, "relative": R}}`.
    #[serde(default)]
    pub(crate) compare: Option<judge::Compare>,
    /// Measures how a function's work grows with its input (Python and JavaScript): see
    /// `complexity.rs`. The record's `complexity` holds the answer.
    #[serde(default)]
    pub(crate) complexity: Option<complexity::ComplexityRequest>,
    /// Cancels the session's runs still in flight that were also started with `supersede`
    /// (a candidate saving again need not wait for a stale run).
    #[serde(default)]
    pub(crate) supersede: bool,
    /// Glob patterns relative to the working directory (`out/*.txt`, at most 16): the files
    /// the program made or changed that match come back in the record's `collectedFiles`
    /// (Python and JavaScript; at most 100 files and 4 MiB).
    #[serde(default)]
    pub(crate) collect_files: Option<Vec<String>>,
}

/// One test case, of one of three kinds (a request's cases are all of one kind):
/// `{input, expectedOutput}` runs the program with `input` as stdin and judges its stdout;
/// `{call, expected}` calls a function and `{calls, expected}` a class's methods, and judge
/// what they return (Python and JavaScript; see `calls.rs`).
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct TestCase {
    /// stdin (empty when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) input: Option<String>,
    /// The expected stdout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) expected_output: Option<String>,
    /// A function to call, and its arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) call: Option<calls::Call>,
    /// A class to construct, then methods to call on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) calls: Option<Vec<calls::MethodCall>>,
    /// What `call` returns, or the list of what `calls` return (`null` for the constructor).
    #[serde(
        default,
        deserialize_with = "calls::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Object)]
    pub(crate) expected: Option<serde_json::Value>,
}

impl TestCase {
    /// Its stdin.
    fn stdin(&self) -> &str {
        self.input.as_deref().unwrap_or_default()
    }

    /// Its expected stdout.
    fn expected_text(&self) -> &str {
        self.expected_output.as_deref().unwrap_or_default()
    }

    /// Whether it calls functions rather than reading stdin.
    fn is_call(&self) -> bool {
        self.call.is_some() || self.calls.is_some()
    }
}

impl ExecuteRequest {
    /// A run of `file_name` with every other field absent.
    pub(crate) fn plain(file_name: String) -> Self {
        ExecuteRequest {
            file_name,
            language: None,
            stdin: None,
            test_cases: None,
            timeout_ms: None,
            compare: None,
            complexity: None,
            supersede: false,
            collect_files: None,
        }
    }
}

impl Services {
    /// Which language runs `file_name`, and whether this server and session allow it.
    fn language(
        &self,
        session: &Session,
        file_name: &str,
        requested: Option<&str>,
    ) -> Result<Language, ApiError> {
        let language = match requested {
            Some(name) => name.parse::<Language>().map_err(|_| {
                ApiError::unprocessable(
                    "unknown_language",
                    format!("unknown language {name:?}; use python, javascript or java"),
                )
            })?,
            None => Language::from_path(file_name).ok_or_else(|| {
                ApiError::unprocessable(
                    "unknown_language",
                    format!("cannot tell the language of {file_name:?} from its extension; pass `language`"),
                )
            })?,
        };
        self.check_supported(language)?;
        if let Some(allowed) = &session.config.allowed_languages
            && !allowed.contains(&language)
        {
            return Err(ApiError::unprocessable(
                "language_not_allowed",
                format!("this session does not allow {language}"),
            ));
        }
        Ok(language)
    }

    fn limits(&self, session: &Session, timeout_ms: Option<u64>) -> Result<Limits, ApiError> {
        let max = self.config.max_timeout;
        let timeout = match timeout_ms.or(session.config.timeout_ms) {
            Some(ms) if ms == 0 || u128::from(ms) > max.as_millis() => {
                return Err(ApiError::bad_request(
                    "invalid_field",
                    format!(
                        "timeoutMs must be between 1 and {} (MAX_EXECUTION_TIME)",
                        max.as_millis()
                    ),
                ));
            }
            Some(ms) => Duration::from_millis(ms),
            None => max,
        };
        let mut limits = self.config.limits.with_timeout(timeout);
        if let Some(mb) = session.config.memory_mb {
            limits = limits.with_memory_bytes(mb << 20);
        }
        Ok(limits)
    }

    /// Runs one request in the runtime on the blocking pool, counted in `running`.
    ///
    /// The blocking task holds the execution's slot and the running count until the guest has
    /// stopped, not merely until this future is dropped: a caller that goes away cancels the
    /// run (see [`Services::execute_observed`]), and its slot frees only once the guest has
    /// noticed.
    async fn run(
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

    /// Stores, once the run has gone on for [`PROVISIONAL_AFTER`], a record that says it was
    /// cancelled because its host stopped: should the host die (a crash, `kill -9`, a lost
    /// instance), that record is what the session keeps of the run. The run's own record
    /// replaces it (see [`Provisional::settle`]). Shorter runs write nothing extra.
    fn provisional_record(&self, header: &Header) -> Provisional {
        let (finished, finishing) = tokio::sync::oneshot::channel::<()>();
        let mut record = header.clone().blank();
        record.termination = Termination::Cancelled;
        record.errors = PROVISIONAL_ERRORS.to_owned();
        let services = self.clone();
        let task = tokio::spawn(async move {
            tokio::select! {
                // Finished in time, or abandoned by its caller (the sender dropped): a run
                // whose caller went away leaves no record, as before.
                _ = finishing => {}
                () = tokio::time::sleep(PROVISIONAL_AFTER) => {
                    if let Err(e) = services.storage.results.put_execution(&record, "").await {
                        tracing::warn!(error = %e, "could not store a provisional record");
                    }
                }
            }
        });
        Provisional { finished, task }
    }

    /// Measures how `measure`'s function grows: at each size, the harness's fuel with the call
    /// less its fuel without it.
    async fn measure(
        &self,
        measure: &Measure,
        entry: &str,
        slot: &Arc<Slot>,
    ) -> Result<complexity::Complexity, ApiError> {
        let mut fuel = Vec::with_capacity(measure.request.sizes.len());
        for &size in &measure.request.sizes {
            let mut spent = [0u64; 2];
            for (call, spent) in [false, true].into_iter().zip(&mut spent) {
                let input =
                    calls::measure_input(entry, measure.harness, &measure.request, size, call);
                let mut result = self.run(measure.base.clone().stdin(input), slot).await?;
                let failure = match (judge::ended(&result), calls::take_outcome(&mut result, "")) {
                    (None, Some(calls::Outcome::Returned(_))) => None,
                    (None, Some(calls::Outcome::Raised(e))) => {
                        Some(format!("raised {}: {}", e.kind, e.message))
                    }
                    (Some(verdict), _) => Some(format!("ended as {verdict:?}")),
                    (None, None) => Some("ended before it returned".to_owned()),
                };
                if let Some(failure) = failure {
                    return Err(ApiError::unprocessable(
                        "complexity_failed",
                        format!("measuring size {size}: the program {failure}"),
                    ));
                }
                *spent = result.fuel_consumed;
            }
            fuel.push(spent[1].saturating_sub(spent[0]));
        }
        Ok(complexity::Complexity::fitted(
            measure.request.sizes.clone(),
            fuel,
        ))
    }

    /// A case judged by the session's checker: `checker` run with the case's `input`,
    /// `expected` and `actual` output as files in its working directory, in the run's slot.
    /// Exit code 0 accepts; another rejects when the checker wrote nothing to stderr; any other
    /// end (an uncaught exception, a crash, a limit) is a `checker_error`. The checker's stdout
    /// is the case's `message`.
    async fn checked(
        &self,
        index: usize,
        result: &ExecutionResult,
        case: &TestCase,
        checker: RunRequest,
        slot: &Arc<Slot>,
    ) -> Result<TestCaseResult, ApiError> {
        let check = checker
            .file("input", case.stdin().to_owned())
            .file("expected", case.expected_text().to_owned())
            .file("actual", result.stdout.clone());
        let checked = self.run(check, slot).await?;
        // An uncaught exception also exits with a non-zero code, but says so on stderr: a
        // checker rejects with a non-zero exit and nothing on stderr.
        let verdict = match (&checked.termination, checked.exit_code) {
            (codebox_runtime::Termination::Exited, Some(0)) => Verdict::Passed,
            (codebox_runtime::Termination::Exited, Some(_)) if checked.stderr.trim().is_empty() => {
                Verdict::WrongAnswer
            }
            _ => Verdict::CheckerError,
        };
        let message = match verdict {
            Verdict::CheckerError => format!(
                "the checker failed ({}{}){}",
                checked.termination.name(),
                checked
                    .exit_code
                    .map(|code| format!(", exit code {code}"))
                    .unwrap_or_default(),
                match checked.stderr.trim().lines().last() {
                    Some(line) => format!(": {}", judge::shorten(line, 200)),
                    None => String::new(),
                }
            ),
            _ => judge::shorten(checked.stdout.trim_end(), CHECKER_MESSAGE_CHARS),
        };
        let mut judged = judged(index, result, case, &judge::Compare::Exact);
        judged.passed = verdict == Verdict::Passed;
        judged.verdict = verdict;
        judged.diff = None;
        judged.first_difference = None;
        judged.message = (!message.is_empty()).then_some(message);
        Ok(judged)
    }

    /// Checks a request against the session and the server's limits and loads the files it
    /// runs: everything that can refuse it happens here, before it takes a slot.
    async fn plan(
        &self,
        session_id: &str,
        request: ExecuteRequest,
        cancel: Option<CancelToken>,
    ) -> Result<Plan, ApiError> {
        let session = self.active_session(session_id).await?;
        let file_name = crate::service::files::check_path(&request.file_name)?;
        let language = self.language(&session, &file_name, request.language.as_deref())?;
        let limits = self.limits(&session, request.timeout_ms)?;
        let cases = request.test_cases.unwrap_or_default();
        check_inputs(request.stdin.as_deref(), &cases)?;
        let compare = request.compare.unwrap_or_default();
        compare
            .check()
            .map_err(|why| ApiError::bad_request("invalid_field", why))?;
        if matches!(compare, judge::Compare::Checker(_)) && cases.is_empty() {
            return Err(ApiError::bad_request(
                "invalid_field",
                "a checker judges test cases: give testCases too",
            ));
        }
        let files = self.load_files(session_id).await?;
        if !files.iter().any(|(path, _)| *path == file_name) {
            return Err(ApiError::not_found(
                "file_not_found",
                format!("there is no file {file_name:?} in this session"),
            ));
        }
        let cancel = cancel.unwrap_or_default();
        let checker = match &compare {
            judge::Compare::Checker(checker) => {
                let checker = crate::service::files::check_path(checker)?;
                if !files.iter().any(|(path, _)| *path == checker) {
                    return Err(ApiError::bad_request(
                        "invalid_field",
                        format!("the checker {checker:?} is not a file of this session"),
                    ));
                }
                let language = self.language(&session, &checker, None)?;
                Some(
                    RunRequest::new(language, checker)
                        .files(files.clone())
                        .limits(limits)
                        .cancel_token(cancel.clone()),
                )
            }
            _ => None,
        };
        let call_run = match cases.first() {
            Some(first) if first.is_call() => {
                if checker.is_some() {
                    return Err(ApiError::bad_request(
                        "invalid_field",
                        "a checker judges output; call cases are judged by what they return",
                    ));
                }
                let (harness, source) = calls::harness(language);
                let mut base = RunRequest::new(language, harness)
                    .files(files.clone())
                    .file(harness, source)
                    .limits(limits)
                    .cancel_token(cancel.clone());
                // Java's harness answers on stdout; the others write the result file.
                if language != Language::Java {
                    let mut patterns = request.collect_files.clone().unwrap_or_default();
                    patterns.push(calls::RESULT.to_owned());
                    base = base.collect_files(patterns);
                }
                Some(CallRun { base, harness })
            }
            _ => None,
        };
        let measure = match &request.complexity {
            Some(wanted) => {
                wanted.check()?;
                if language == Language::Java {
                    return Err(ApiError::unprocessable(
                        "unsupported_language",
                        "complexity measures Python and JavaScript",
                    ));
                }
                let (harness, source) = calls::harness(language);
                Some(Measure {
                    base: RunRequest::new(language, harness)
                        .files(files.clone())
                        .file(harness, source)
                        .limits(limits)
                        .collect_files([calls::RESULT])
                        .cancel_token(cancel.clone()),
                    harness,
                    request: wanted.clone(),
                })
            }
            None => None,
        };
        let base = RunRequest::new(language, file_name.clone())
            .files(files)
            .limits(limits)
            .collect_files(request.collect_files.unwrap_or_default())
            .cancel_token(cancel.clone());
        Ok(Plan {
            header: Header {
                execution_id: uuid::Uuid::new_v4().to_string(),
                session_id: session_id.to_owned(),
                file_name,
                language,
                created_at: now(),
            },
            base,
            cancel,
            stdin: request.stdin.unwrap_or_default(),
            cases,
            compare,
            checker,
            call_run,
            measure,
            supersede: request.supersede,
        })
    }

    /// One run with the request's stdin: the record is that run.
    async fn run_plain(
        &self,
        plan: Plan,
        slot: &Arc<Slot>,
        observer: Option<&Observer>,
    ) -> Result<(ExecutionRecord, String), ApiError> {
        let run = streamed(plan.base.stdin(plan.stdin), observer, None);
        let result = self.run(run, slot).await?;
        let mut record = plan.header.record(&result, None);
        record.success = result.success();
        Ok((record, log_text(&result)))
    }

    /// One run per test case, each judged; the record shows the first failing case (else the
    /// last) and adds up time, fuel and peak memory over the cases that ran. A cancelled case
    /// ends the series.
    async fn run_cases(
        &self,
        plan: Plan,
        slot: &Arc<Slot>,
        observer: Option<&Observer>,
    ) -> Result<(ExecutionRecord, String), ApiError> {
        let cases = plan.cases;
        let mut results = Vec::with_capacity(cases.len());
        let mut shown: Option<ExecutionResult> = None;
        let (mut total, mut fuel, mut peak) = (0.0, 0, 0);
        let mut logs = String::new();
        for (index, case) in cases.iter().enumerate() {
            let marker = calls::marker();
            let request = match &plan.call_run {
                Some(call_run) => call_run.base.clone().stdin(calls::harness_input(
                    &plan.header.file_name,
                    call_run.harness,
                    &marker,
                    case.call.as_ref(),
                    case.calls.as_deref(),
                )),
                None => plan.base.clone().stdin(case.stdin().to_owned()),
            };
            let run = streamed(request, observer, Some(index));
            let mut result = self.run(run, slot).await?;
            let outcome = plan
                .call_run
                .is_some()
                .then(|| calls::take_outcome(&mut result, &marker));
            let case_result = match (outcome, &plan.checker, judge::ended(&result)) {
                (Some(outcome), _, _) => call_judged(index, &result, case, outcome, &plan.compare),
                (None, Some(checker), None) => {
                    self.checked(index, &result, case, checker.clone(), slot)
                        .await?
                }
                _ => judged(index, &result, case, &plan.compare),
            };
            let verdict = case_result.verdict;
            total += millis(result.wall_time);
            fuel += result.fuel_consumed;
            peak = peak.max(result.peak_memory_bytes);
            logs.push_str(&format!(
                "=== test case {index}: {verdict:?}\n{}",
                log_text(&result)
            ));
            if let Some(observer) = observer {
                observer(ExecutionEvent::TestCase(Box::new(case_result.clone())));
            }
            results.push(case_result);
            let last = index + 1 == cases.len();
            if shown.is_none() && (verdict != Verdict::Passed || last) {
                shown = Some(result);
            }
            if verdict == Verdict::Cancelled {
                break;
            }
        }
        let mut record = match &shown {
            Some(result) => plan.header.record(result, Some(cases.clone())),
            None => return Err(ApiError::Internal("no test case ran".to_owned())),
        };
        for case in &mut results {
            case.shortened |= keep_at_most(&mut case.output, RECORD_CASE_OUTPUT_BYTES);
            case.shortened |= keep_at_most(&mut case.errors, RECORD_CASE_OUTPUT_BYTES);
        }
        record.success = results.len() == cases.len() && results.iter().all(|r| r.passed);
        record.execution_time = (total * 1e3).round() / 1e3;
        record.fuel_consumed = fuel;
        record.peak_memory_bytes = peak;
        record.test_results = Some(results);
        Ok((record, logs))
    }

    /// One page of the session's executions, newest first: at most `limit` (1 to
    /// [`MAX_HISTORY_PAGE`]) after the place `page_token` gives (the previous page's
    /// `x-next-page-token`), and the token of the next page when there is one.
    pub(crate) async fn list_executions(
        &self,
        principal: &Principal,
        session_id: &str,
        limit: Option<usize>,
        page_token: Option<&str>,
    ) -> Result<(Vec<ExecutionSummary>, Option<String>), ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        let limit = limit.unwrap_or(MAX_HISTORY_PAGE);
        if !(1..=MAX_HISTORY_PAGE).contains(&limit) {
            return Err(ApiError::bad_request(
                "invalid_query",
                format!("limit must be between 1 and {MAX_HISTORY_PAGE}"),
            ));
        }
        let after = match page_token {
            None => None,
            Some(token) => Some(parse_page_token(token).ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_query",
                    "pageToken is not a token this listing gave",
                )
            })?),
        };
        self.session(session_id).await?;
        let page = self
            .storage
            .results
            .list_executions(session_id, &ExecutionQuery { limit, after })
            .await?;
        Ok((page.executions, page.next))
    }

    pub(crate) async fn get_execution(
        &self,
        principal: &Principal,
        session_id: &str,
        execution_id: &str,
    ) -> Result<ExecutionRecord, ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        self.session(session_id).await?;
        self.storage
            .results
            .get_execution(session_id, execution_id)
            .await?
            .ok_or_else(|| {
                ApiError::not_found(
                    "execution_not_found",
                    format!("there is no execution {execution_id:?} in this session"),
                )
            })
    }
}

/// An execution that passed every check, ready to run.
struct Plan {
    header: Header,
    /// The run without its stdin.
    base: RunRequest,
    /// Stops every run of the execution.
    cancel: CancelToken,
    stdin: String,
    cases: Vec<TestCase>,
    compare: judge::Compare,
    /// The checker's run, without its case's files, when a checker judges the cases.
    checker: Option<RunRequest>,
    /// The harness's run, when the cases are calls.
    call_run: Option<CallRun>,
    /// The complexity measure asked for, if any.
    measure: Option<Measure>,
    supersede: bool,
}

/// The run of call cases: the harness in place of the entry file.
struct CallRun {
    /// The harness's run without its stdin (the case).
    base: RunRequest,
    /// Where the harness is.
    harness: &'static str,
}

/// A complexity measure: the harness's run, and what to measure.
struct Measure {
    base: RunRequest,
    harness: &'static str,
    request: complexity::ComplexityRequest,
}

/// What a record says before anything ran.
#[derive(Clone)]
struct Header {
    execution_id: String,
    session_id: String,
    file_name: String,
    language: Language,
    created_at: crate::model::Timestamp,
}

/// How much of a checker's stdout a case keeps as its message.
const CHECKER_MESSAGE_CHARS: usize = 1_000;

/// How long a run goes before a provisional record of it is stored.
const PROVISIONAL_AFTER: Duration = Duration::from_secs(1);

/// What a provisional record says in `errors`.
const PROVISIONAL_ERRORS: &str =
    "codebox: the host running this execution stopped before the execution ended\n";

/// The provisional record's writer, waiting for its delay or for the run to end.
struct Provisional {
    finished: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Provisional {
    /// Called when the run has ended: the provisional record is not written if its delay has
    /// not passed, and if it is being written, this waits until it is, so that the run's own
    /// record is always the later write. (Aborting the write instead could let an embedded
    /// store's write, already handed to a blocking thread, land after the real record.)
    async fn settle(self) {
        let _ = self.finished.send(());
        let _ = self.task.await;
    }
}

impl Header {
    /// The record of `result` (its output, how it ended, its time, fuel and memory); success
    /// and test results are the caller's to fill.
    fn record(
        self,
        result: &ExecutionResult,
        test_cases: Option<Vec<TestCase>>,
    ) -> ExecutionRecord {
        let mut record = self.blank();
        record.execution_time = millis(result.wall_time);
        record.test_cases = test_cases;
        record.apply(result);
        record.shortened = keep_at_most(&mut record.output, RECORD_OUTPUT_BYTES);
        record.shortened |= keep_at_most(&mut record.errors, RECORD_OUTPUT_BYTES);
        record
    }

    /// A record of this run with nothing run yet.
    fn blank(self) -> ExecutionRecord {
        ExecutionRecord {
            execution_id: self.execution_id,
            session_id: self.session_id,
            file_name: self.file_name,
            language: self.language,
            created_at: self.created_at,
            success: false,
            output: String::new(),
            errors: String::new(),
            exit_code: None,
            execution_time: 0.0,
            termination: Termination::Exited,
            crash_reason: None,
            fuel_consumed: 0,
            peak_memory_bytes: 0,
            stdout_truncated: false,
            stderr_truncated: false,
            test_results: None,
            test_cases: None,
            shortened: false,
            collected_files: Vec::new(),
            collected_files_truncated: false,
            fs_quota_hit: None,
            complexity: None,
        }
    }
}

/// 400 when there are too many test cases, 413 when stdin or an expected output is too long.
fn check_inputs(stdin: Option<&str>, cases: &[TestCase]) -> Result<(), ApiError> {
    if cases.len() > MAX_TEST_CASES {
        return Err(ApiError::bad_request(
            "invalid_field",
            format!("at most {MAX_TEST_CASES} test cases per request"),
        ));
    }
    for (index, case) in cases.iter().enumerate() {
        let stdin_kind = case.expected_output.is_some();
        let call_kind = case.call.is_some() != case.calls.is_some() && case.expected.is_some();
        let well_formed = if case.is_call() {
            call_kind && case.input.is_none() && !stdin_kind
        } else {
            stdin_kind && case.expected.is_none()
        };
        if !well_formed {
            return Err(ApiError::bad_request(
                "invalid_field",
                format!(
                    "test case {index} is none of {{input, expectedOutput}}, {{call, expected}} and {{calls, expected}}"
                ),
            ));
        }
        if case.calls.as_ref().is_some_and(Vec::is_empty) {
            return Err(ApiError::bad_request(
                "invalid_field",
                format!("test case {index}'s calls are empty: the first names the class"),
            ));
        }
    }
    if cases.iter().any(TestCase::is_call) && !cases.iter().all(TestCase::is_call) {
        return Err(ApiError::bad_request(
            "invalid_field",
            "test cases with call or calls and cases with input may not be mixed",
        ));
    }
    let too_long = stdin.is_some_and(|s| s.len() > MAX_TEXT)
        || cases
            .iter()
            .any(|c| c.stdin().len() > MAX_TEXT || c.expected_text().len() > MAX_TEXT);
    if too_long {
        return Err(ApiError::too_large(
            "input_too_large",
            format!("stdin and expected outputs are limited to {MAX_TEXT} bytes"),
        ));
    }
    Ok(())
}

/// How a call case went: what the call returned against what was expected, or how the run
/// ended before it could return.
fn call_judged(
    index: usize,
    result: &ExecutionResult,
    case: &TestCase,
    outcome: Option<calls::Outcome>,
    compare: &judge::Compare,
) -> TestCaseResult {
    let mut judged = judged(index, result, case, compare);
    let expected = case.expected.clone().unwrap_or_default();
    judged.first_difference = None;
    judged.diff = None;
    judged.verdict = match (judge::ended(result), outcome) {
        (Some(verdict), _) => verdict,
        (None, Some(calls::Outcome::Returned(value))) => {
            let verdict = if calls::same(compare, &value, &expected) {
                Verdict::Passed
            } else {
                judged.diff = Some(format!(
                    "returned {} where {} was expected",
                    calls::shown(&value),
                    calls::shown(&expected)
                ));
                Verdict::WrongAnswer
            };
            judged.returned = Some(value);
            verdict
        }
        (None, Some(calls::Outcome::Raised(exception))) => {
            judged.diff = Some(format!("raised {}: {}", exception.kind, exception.message));
            judged.exception = Some(exception);
            Verdict::RuntimeError
        }
        (None, None) => {
            judged.diff = Some("the program ended before the call returned".to_owned());
            Verdict::RuntimeError
        }
    };
    judged.passed = judged.verdict == Verdict::Passed;
    judged.expected = Some(expected);
    judged
}

/// How one test case's run went against its expected output.
fn judged(
    index: usize,
    result: &ExecutionResult,
    case: &TestCase,
    compare: &judge::Compare,
) -> TestCaseResult {
    let verdict = judge::verdict(result, case.expected_text(), compare);
    let first_difference = (verdict == Verdict::WrongAnswer)
        .then(|| judge::diff(&result.stdout, case.expected_text()))
        .flatten();
    TestCaseResult {
        index,
        passed: verdict == Verdict::Passed,
        verdict,
        execution_time: millis(result.wall_time),
        output: result.stdout.clone(),
        errors: result.stderr.clone(),
        exit_code: result.exit_code,
        diff: first_difference.as_ref().map(ToString::to_string),
        first_difference,
        message: None,
        returned: None,
        expected: None,
        exception: None,
        shortened: false,
    }
}

/// Cuts `text` to at most `max` bytes, at a character boundary; true when it cut.
fn keep_at_most(text: &mut String, max: usize) -> bool {
    if text.len() <= max {
        return false;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    true
}

fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// A run's logs: its streams and how it ended.
fn log_text(result: &ExecutionResult) -> String {
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
fn streamed(
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
