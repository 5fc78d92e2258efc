//! Short plain-language sentences about results (an execution and its test cases, a file
//! created, read, deleted or listed) that a voice agent can read aloud.

use crate::model::{ExecutionRecord, LineDiff, Termination, TestCaseResult, Verdict};
use crate::service::judge::shorten;

/// One sentence (two at most) a voice agent can read aloud about an execution.
///
/// With test cases: `All 3 tests passed.`, `The test passed.`, or how many passed and what the
/// first failing case did: `2 of 3 tests passed; test 3 expected 5 but got 4.` (the first
/// differing line, with `on line N` when it is not the first), `test 2 timed out`, `test 2 ran
/// out of memory`, `test 2 printed too much output`, `test 2 failed with <the error line>`,
/// `test 2 was cancelled`.
///
/// Without: how the run ended and what it printed, such as `solution.py ran and exited with
/// code 0. It printed 2 lines; the first is "42".`, `solution.py ran and exited with code 1. It
/// failed with ZeroDivisionError: division by zero.` (the error line is the last line of stderr
/// that is not a stack frame), `solution.py was stopped after the 30 second time limit.` (the
/// measured wall time, whole seconds rounded down, or milliseconds below a second), or that it
/// used up its computation budget, reached the memory limit, printed too much, crashed, or was
/// cancelled.
pub(crate) fn summarize_execution(record: &ExecutionRecord) -> String {
    let file = &record.file_name;
    if record.termination != Termination::Cancelled
        && let Some(results) = record.test_results.as_deref().filter(|r| !r.is_empty())
    {
        return summarize_tests(results);
    }
    let printed = || describe_output(&record.output);
    let printed_if_any = || {
        if record.output.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", describe_output(&record.output))
        }
    };
    match record.termination {
        Termination::Exited => match record.exit_code {
            Some(0) | None => format!("{file} ran and exited with code 0. {}", printed()),
            Some(code) => match error_line(&record.errors) {
                Some(error) => {
                    format!("{file} ran and exited with code {code}. It failed with {error}.")
                }
                None => format!("{file} ran and exited with code {code}. {}", printed()),
            },
        },
        Termination::Timeout => format!(
            "{file} was stopped after the {} time limit.{}",
            duration_words(record.execution_time),
            printed_if_any()
        ),
        Termination::OutOfFuel => format!(
            "{file} was stopped because it used up its computation budget, which usually means \
             an endless loop.{}",
            printed_if_any()
        ),
        Termination::MemoryLimit => format!(
            "{file} was stopped because it reached the memory limit.{}",
            printed_if_any()
        ),
        Termination::OutputLimit => {
            format!("{file} was stopped because it printed more output than allowed.")
        }
        Termination::CompileError => match compile_error_line(&record.errors) {
            Some(error) => format!("{file} did not compile: {error}."),
            None => format!("{file} did not compile."),
        },
        Termination::Crashed => match record
            .crash_reason
            .as_deref()
            .and_then(|reason| reason.lines().map(str::trim).find(|l| !l.is_empty()))
        {
            Some(reason) => format!(
                "The interpreter crashed while running {file}: {}.",
                shorten(reason.trim_end_matches('.'), 120)
            ),
            None => format!("The interpreter crashed while running {file}."),
        },
        Termination::Cancelled => format!("The run of {file} was cancelled before it finished."),
    }
}

/// The test-case sentence of [`summarize_execution`].
fn summarize_tests(results: &[TestCaseResult]) -> String {
    let total = results.len();
    let passed = results.iter().filter(|r| r.passed).count();
    let Some(failed) = results.iter().find(|r| !r.passed) else {
        return if total == 1 {
            "The test passed.".to_owned()
        } else {
            format!("All {total} tests passed.")
        };
    };
    let head = match (passed, total) {
        (_, 1) => "The test failed".to_owned(),
        (0, _) => format!("None of the {total} tests passed"),
        _ => format!("{passed} of {total} tests passed"),
    };
    format!("{head}; {}.", describe_failure(failed))
}

/// What a failing test case did: `test 3 expected 5 but got 4`.
fn describe_failure(case: &TestCaseResult) -> String {
    let n = case.index + 1;
    match case.verdict {
        Verdict::Passed => format!("test {n} passed"),
        Verdict::Timeout => format!("test {n} timed out"),
        Verdict::MemoryLimit => format!("test {n} ran out of memory"),
        Verdict::OutputLimit => format!("test {n} printed too much output"),
        Verdict::Cancelled => format!("test {n} was cancelled"),
        Verdict::CheckerError => format!("test {n} could not be judged: its checker failed"),
        Verdict::CompileError => match compile_error_line(&case.errors) {
            Some(error) => format!("test {n} did not compile: {error}"),
            None => format!("test {n} did not compile"),
        },
        Verdict::RuntimeError if case.exception.is_some() => {
            let exception = case
                .exception
                .as_ref()
                .map(|e| format!("{}: {}", e.kind, e.message));
            format!(
                "in test {n} your function raised {}",
                shorten(&exception.unwrap_or_default(), 120)
            )
        }
        Verdict::RuntimeError => match (error_line(&case.errors), case.exit_code) {
            (Some(error), _) => format!("test {n} failed with {error}"),
            (None, Some(code)) => format!("test {n} failed with exit code {code}"),
            (None, None) => format!("test {n} failed"),
        },
        Verdict::WrongAnswer => match (&case.first_difference, case.diff.as_deref()) {
            (Some(difference), _) => describe_diff(n, difference),
            (None, _) if case.returned.is_some() => format!(
                "in test {n} your function returned {} where {} was expected",
                shorten(
                    &case
                        .returned
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    60
                ),
                shorten(
                    &case
                        .expected
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    60
                )
            ),
            (None, None) if case.message.is_some() => format!(
                "test {n} was rejected by its checker: {}",
                shorten(case.message.as_deref().unwrap_or_default(), 120)
            ),
            // Records stored before differences were values carry only the text.
            (None, Some(text)) => format!("test {n} gave a wrong answer: {}", shorten(text, 120)),
            (None, None) => format!("test {n} gave a wrong answer"),
        },
    }
}

/// `test 3 expected 5 but got 4`, from the judge's first difference.
fn describe_diff(n: usize, diff: &LineDiff) -> String {
    let say = |line: &str| {
        if line.trim().is_empty() {
            "an empty line".to_owned()
        } else {
            shorten(line, 80)
        }
    };
    let on_line = if diff.line > 1 {
        format!(" on line {}", diff.line)
    } else {
        String::new()
    };
    match (&diff.expected, &diff.got) {
        (Some(expected), Some(got)) => format!(
            "test {n} expected {} but got {}{on_line}",
            say(expected),
            say(got)
        ),
        (Some(expected), None) if diff.line == 1 => {
            format!("test {n} expected {} but printed nothing", say(expected))
        }
        (Some(expected), None) => format!(
            "test {n} expected {}{on_line} but its output ended",
            say(expected)
        ),
        (None, Some(got)) => format!("test {n} expected nothing{on_line} but got {}", say(got)),
        (None, None) => format!("test {n} gave a wrong answer"),
    }
}

/// `It printed 2 lines; the first is "42".`
fn describe_output(stdout: &str) -> String {
    let text = stdout.replace("\r\n", "\n");
    let text = text.trim_end_matches(['\n', ' ', '\t']);
    if text.trim().is_empty() {
        return "It printed nothing.".to_owned();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.first().map_or("", |line| line.trim_end());
    let quoted = if first.is_empty() {
        "blank".to_owned()
    } else {
        format!("\"{}\"", shorten(first, 80))
    };
    if lines.len() == 1 {
        format!("It printed one line: {quoted}.")
    } else {
        format!("It printed {} lines; the first is {quoted}.", lines.len())
    }
}

/// The line of stderr that names the error: the last non-blank line that is not a stack frame
/// (`    at f (main.js:3:5)`), without a final full stop.
fn error_line(stderr: &str) -> Option<String> {
    let is_frame = |line: &str| {
        line.starts_with([' ', '\t']) && line.trim_start().starts_with("at ")
            || line.starts_with("Node.js v")
    };
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let line = lines
        .iter()
        .rev()
        .find(|line| !is_frame(line))
        .or_else(|| lines.last())?;
    Some(shorten(line.trim().trim_end_matches('.'), 120))
}

/// The compiler's first error, as javac words it: `Main.java:3: error: ';' expected`.
fn compile_error_line(stderr: &str) -> Option<String> {
    let line = stderr.lines().find(|line| line.contains(": error: "))?;
    Some(shorten(line.trim(), 120))
}

/// `30 second` for 30 400 ms, `500 millisecond` for 503 ms (tens of milliseconds, rounded
/// down); `time limit` wording is the caller's.
fn duration_words(milliseconds: f64) -> String {
    if !milliseconds.is_finite() || milliseconds < 10.0 {
        "set".to_owned()
    } else if milliseconds >= 1000.0 {
        format!("{} second", (milliseconds / 1000.0).floor() as u64)
    } else {
        format!("{} millisecond", (milliseconds / 10.0).floor() as u64 * 10)
    }
}

/// `Created utils/helper.py.`
pub(crate) fn summarize_created(path: &str) -> String {
    format!("Created {path}.")
}

/// `Deleted test.py.`
pub(crate) fn summarize_deleted(path: &str) -> String {
    format!("Deleted {path}.")
}

/// `helper.py has 12 lines.` (`has 1 line`, `is empty`). A final line without a newline counts.
pub(crate) fn summarize_read(path: &str, content: &str) -> String {
    match content.lines().count() {
        0 => format!("{path} is empty."),
        1 => format!("{path} has 1 line."),
        n => format!("{path} has {n} lines."),
    }
}

/// How many names [`summarize_list`] reads out.
const LISTED_NAMES: usize = 10;

/// `There are 3 files: a.py, b.py and c.py.`, `There is 1 file: a.py.`, `There are no files
/// yet.`; past ten files, the first ten and how many more.
pub(crate) fn summarize_list(paths: &[String]) -> String {
    match paths {
        [] => "There are no files yet.".to_owned(),
        [one] => format!("There is 1 file: {one}."),
        _ if paths.len() > LISTED_NAMES => format!(
            "There are {} files: {} and {} more.",
            paths.len(),
            paths[..LISTED_NAMES].join(", "),
            paths.len() - LISTED_NAMES
        ),
        [init @ .., last] => format!(
            "There are {} files: {} and {last}.",
            paths.len(),
            init.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::judge;
    use crate::voice::test_support::files;

    fn record(
        termination: Termination,
        exit_code: Option<i32>,
        output: &str,
        errors: &str,
    ) -> ExecutionRecord {
        ExecutionRecord {
            file_name: "solution.py".into(),
            success: exit_code == Some(0),
            output: output.into(),
            errors: errors.into(),
            exit_code,
            execution_time: 120.0,
            termination,
            ..ExecutionRecord::example("s", "e")
        }
    }

    /// A case; `outputs` are what it printed and what was expected, judged as the service
    /// judges them.
    fn case(
        index: usize,
        verdict: Verdict,
        outputs: Option<(&str, &str)>,
        errors: &str,
    ) -> TestCaseResult {
        let first_difference =
            outputs.map(|(got, expected)| judge::diff(got, expected).expect("a difference"));
        TestCaseResult {
            index,
            passed: verdict == Verdict::Passed,
            verdict,
            execution_time: 10.0,
            output: String::new(),
            errors: errors.into(),
            exit_code: Some(0),
            diff: first_difference.as_ref().map(ToString::to_string),
            first_difference,
            message: None,
            returned: None,
            expected: None,
            exception: None,
            shortened: false,
        }
    }

    #[test]
    fn summaries_of_plain_runs() {
        let r = record(Termination::Exited, Some(0), "42\n7\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 0. It printed 2 lines; the first is \"42\"."
        );
        let r = record(Termination::Exited, Some(0), "hello\r\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 0. It printed one line: \"hello\"."
        );
        let r = record(Termination::Exited, Some(0), "", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 0. It printed nothing."
        );
        let traceback = "Traceback (most recent call last):\n  File \"/workspace/solution.py\", \
                         line 1, in <module>\n    1/0\nZeroDivisionError: division by zero\n";
        let r = record(Termination::Exited, Some(1), "", traceback);
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 1. It failed with ZeroDivisionError: division \
             by zero."
        );
        let node = "/workspace/main.js:3\n  throw new Error('bad input');\n  ^\n\nError: bad \
                    input\n    at parse (/workspace/main.js:3:9)\n    at main (/workspace/main.js:5:1)\n";
        let r = record(Termination::Exited, Some(1), "", node);
        assert!(summarize_execution(&r).ends_with("It failed with Error: bad input."));
        let r = record(Termination::Exited, Some(3), "partial\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 3. It printed one line: \"partial\"."
        );
    }

    #[test]
    fn summaries_of_stopped_runs() {
        let mut r = record(Termination::Timeout, None, "", "");
        r.execution_time = 30_012.5;
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped after the 30 second time limit."
        );
        r.execution_time = 503.0;
        r.output = "tick\ntick\n".into();
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped after the 500 millisecond time limit. It printed 2 lines; \
             the first is \"tick\"."
        );
        let r = record(Termination::OutOfFuel, None, "", "");
        assert!(summarize_execution(&r).contains("used up its computation budget"));
        let r = record(Termination::MemoryLimit, Some(1), "", "MemoryError\n");
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped because it reached the memory limit."
        );
        let r = record(Termination::OutputLimit, None, "y\ny\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped because it printed more output than allowed."
        );
        let mut r = record(Termination::Crashed, None, "", "");
        assert_eq!(
            summarize_execution(&r),
            "The interpreter crashed while running solution.py."
        );
        r.crash_reason = Some("wasm trap: unreachable\nbacktrace...".into());
        assert_eq!(
            summarize_execution(&r),
            "The interpreter crashed while running solution.py: wasm trap: unreachable."
        );
        let r = record(Termination::Cancelled, None, "", "");
        assert_eq!(
            summarize_execution(&r),
            "The run of solution.py was cancelled before it finished."
        );
    }

    #[test]
    fn summaries_of_test_runs() {
        let with = |cases: Vec<TestCaseResult>| {
            let mut r = record(Termination::Exited, Some(0), "", "");
            r.test_results = Some(cases);
            summarize_execution(&r)
        };
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(1, Verdict::Passed, None, ""),
                case(2, Verdict::Passed, None, ""),
            ]),
            "All 3 tests passed."
        );
        assert_eq!(
            with(vec![case(0, Verdict::Passed, None, "")]),
            "The test passed."
        );
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(1, Verdict::Passed, None, ""),
                case(2, Verdict::WrongAnswer, Some(("4", "5")), ""),
            ]),
            "2 of 3 tests passed; test 3 expected 5 but got 4."
        );
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(
                    1,
                    Verdict::WrongAnswer,
                    Some(("x\n\nz", "x\na \"b\"\nz")),
                    ""
                ),
            ]),
            "1 of 2 tests passed; test 2 expected a \"b\" but got an empty line on line 2."
        );
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(1, Verdict::Timeout, None, ""),
                case(2, Verdict::WrongAnswer, None, ""),
            ]),
            "1 of 3 tests passed; test 2 timed out."
        );
        assert_eq!(
            with(vec![
                case(
                    0,
                    Verdict::RuntimeError,
                    None,
                    "Traceback...\nValueError: bad\n"
                ),
                case(1, Verdict::Passed, None, ""),
            ]),
            "1 of 2 tests passed; test 1 failed with ValueError: bad."
        );
        assert_eq!(
            with(vec![
                case(0, Verdict::WrongAnswer, Some(("", "5")), ""),
                case(1, Verdict::MemoryLimit, None, ""),
            ]),
            "None of the 2 tests passed; test 1 expected 5 but printed nothing."
        );
        assert_eq!(
            with(vec![case(
                0,
                Verdict::WrongAnswer,
                Some(("1\n2\nextra", "1\n2")),
                ""
            )]),
            "The test failed; test 1 expected nothing on line 3 but got extra."
        );
        assert_eq!(
            with(vec![case(0, Verdict::WrongAnswer, Some(("1", "1\n7")), "")]),
            "The test failed; test 1 expected 7 on line 2 but its output ended."
        );
        assert_eq!(
            with(vec![case(0, Verdict::OutputLimit, None, "")]),
            "The test failed; test 1 printed too much output."
        );
        assert_eq!(
            with(vec![case(0, Verdict::MemoryLimit, None, "")]),
            "The test failed; test 1 ran out of memory."
        );
        let mut silent = case(0, Verdict::RuntimeError, None, "");
        silent.exit_code = Some(2);
        assert_eq!(
            with(vec![silent]),
            "The test failed; test 1 failed with exit code 2."
        );
        let mut stored_before = case(0, Verdict::WrongAnswer, None, "");
        stored_before.diff = Some("line 1: expected \"5\", got \"4\"".into());
        assert_eq!(
            with(vec![stored_before]),
            "The test failed; test 1 gave a wrong answer: line 1: expected \"5\", got \"4\"."
        );
        let mut rejected = case(0, Verdict::WrongAnswer, None, "");
        rejected.message = Some("expected the numbers 1 2 4".into());
        assert_eq!(
            with(vec![rejected]),
            "The test failed; test 1 was rejected by its checker: expected the numbers 1 2 4."
        );
        assert_eq!(
            with(vec![case(0, Verdict::CheckerError, None, "")]),
            "The test failed; test 1 could not be judged: its checker failed."
        );
    }

    #[test]
    fn file_summaries() {
        assert_eq!(
            summarize_created("utils/helper.py"),
            "Created utils/helper.py."
        );
        assert_eq!(summarize_deleted("test.py"), "Deleted test.py.");
        let twelve = "x\n".repeat(12);
        assert_eq!(
            summarize_read("helper.py", &twelve),
            "helper.py has 12 lines."
        );
        assert_eq!(summarize_read("a.py", "print(1)"), "a.py has 1 line.");
        assert_eq!(summarize_read("a.py", ""), "a.py is empty.");
        assert_eq!(summarize_list(&[]), "There are no files yet.");
        assert_eq!(summarize_list(&files(&["a.py"])), "There is 1 file: a.py.");
        assert_eq!(
            summarize_list(&files(&["a.py", "b.py", "c.py"])),
            "There are 3 files: a.py, b.py and c.py."
        );
        let many: Vec<String> = (0..12).map(|i| format!("f{i}.py")).collect();
        assert_eq!(
            summarize_list(&many),
            "There are 12 files: f0.py, f1.py, f2.py, f3.py, f4.py, f5.py, f6.py, f7.py, f8.py, \
             f9.py and 2 more."
        );
    }
}
