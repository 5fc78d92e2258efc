//! What an execution request says: the entry file, stdin or test cases of three kinds, the
//! comparison, the limits, the extras; and the checks on it that need no session.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::service::{calls, complexity, judge};

/// Most test cases in one request.
const MAX_TEST_CASES: usize = 50;
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
    pub(super) fn stdin(&self) -> &str {
        self.input.as_deref().unwrap_or_default()
    }

    /// Its expected stdout.
    pub(super) fn expected_text(&self) -> &str {
        self.expected_output.as_deref().unwrap_or_default()
    }

    /// Whether it calls functions rather than reading stdin.
    pub(super) fn is_call(&self) -> bool {
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

/// 400 when there are too many test cases, 413 when stdin or an expected output is too long.
pub(super) fn check_inputs(stdin: Option<&str>, cases: &[TestCase]) -> Result<(), ApiError> {
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
