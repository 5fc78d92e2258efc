//! Running a plan: one run with stdin, or one per test case judged as the request says
//! (output compared, a checker, a call's returned value), and the complexity measure.

use std::sync::Arc;

use codebox_runtime::{ExecutionResult, RunRequest};

use super::plan::{Measure, Plan};
use super::request::TestCase;
use super::{
    ExecutionEvent, Observer, RECORD_CASE_OUTPUT_BYTES, keep_at_most, log_text, millis, streamed,
};
use crate::error::ApiError;
use crate::model::{ExecutionRecord, TestCaseResult, Verdict};
use crate::service::Services;
use crate::service::limiter::Slot;
use crate::service::{calls, complexity, judge};

/// How much of a checker's stdout a case keeps as its message.
const CHECKER_MESSAGE_CHARS: usize = 1_000;

impl Services {
    /// One run with the request's stdin: the record is that run.
    pub(super) async fn run_plain(
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
    pub(super) async fn run_cases(
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

    /// A case judged by the session's checker: `checker` run with the case's `input`,
    /// `expected` and `actual` output as files in its working directory, in the run's slot.
    /// Exit code 0 accepts; another rejects when the checker wrote nothing to stderr; any other
    /// end (an uncaught exception, a crash, a limit) is a `checker_error`. The checker's stdout
    /// is the case's `message`.
    pub(super) async fn checked(
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

    /// Measures how `measure`'s function grows: at each size, the harness's fuel with the call
    /// less its fuel without it.
    pub(super) async fn measure(
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
}

/// How a call case went: what the call returned against what was expected, or how the run
/// ended before it could return.
pub(super) fn call_judged(
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
pub(super) fn judged(
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
