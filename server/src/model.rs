//! The API's resources, as JSON (camelCase, as in the spec) and as stored.

use codebox_runtime::{CollectedFile, ExecutionResult, FsQuota, Language};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// Timestamps are RFC 3339 strings in UTC, in JSON and in storage.
pub(crate) type Timestamp = OffsetDateTime;

/// The current time, to the millisecond (what every store keeps).
pub(crate) fn now() -> Timestamp {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(now.millisecond() as u32 * 1_000_000)
        .unwrap_or(now)
}

/// Where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SessionStatus {
    /// Files can change and code can run.
    Active,
    /// Ended normally (`DELETE /sessions/{id}`): everything can be read, nothing changed.
    Completed,
    /// Ended early: read-only like `completed`.
    Terminated,
}

impl SessionStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Active => "active",
            SessionStatus::Completed => "completed",
            SessionStatus::Terminated => "terminated",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<SessionStatus> {
        match s {
            "active" => Some(SessionStatus::Active),
            "completed" => Some(SessionStatus::Completed),
            "terminated" => Some(SessionStatus::Terminated),
            _ => None,
        }
    }
}

/// Per-session settings, all optional: what is absent falls back to the server's configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct SessionConfig {
    /// Languages this session may run (a subset of the server's `SUPPORTED_LANGUAGES`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<String>>, example = json!(["python", "javascript"]))]
    pub(crate) allowed_languages: Option<Vec<Language>>,
    /// Wall-clock limit per run in milliseconds (at most the server's `MAX_EXECUTION_TIME`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) timeout_ms: Option<u64>,
    /// Memory limit per run in MiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) memory_mb: Option<u64>,
}

/// An interview session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Session {
    /// A UUID.
    pub(crate) session_id: String,
    /// Where the session is in its life.
    pub(crate) status: SessionStatus,
    /// The interview template.
    pub(crate) template_id: String,
    /// Who is interviewed, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) candidate_name: Option<String>,
    /// Per-session settings.
    pub(crate) config: SessionConfig,
    /// When the session was created.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub(crate) created_at: Timestamp,
    /// When it last changed.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub(crate) updated_at: Timestamp,
}

/// A file's metadata, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FileInfo {
    /// The path in the session, relative (`utils/helper.py`).
    pub(crate) file_path: String,
    /// Size in bytes.
    pub(crate) size: u64,
    /// When the file last changed.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub(crate) last_modified: Timestamp,
    /// The language the extension says (`python`, `javascript`, `java`), else the extension.
    pub(crate) file_type: String,
}

/// A file with its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FileContent {
    /// The metadata.
    #[serde(flatten)]
    pub(crate) info: FileInfo,
    /// The content: UTF-8 text.
    pub(crate) content: String,
}

/// The kind of a file, from its extension: the language when it is one we know.
pub(crate) fn file_type(path: &str) -> String {
    match Language::from_path(path) {
        Some(language) => language.name().to_owned(),
        None if path.ends_with(".java") => "java".to_owned(),
        None => path
            .rsplit_once('.')
            .filter(|(stem, ext)| !stem.is_empty() && !ext.contains('/'))
            .map_or_else(|| "text".to_owned(), |(_, ext)| ext.to_ascii_lowercase()),
    }
}

/// How one test case went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Verdict {
    /// The output matched.
    Passed,
    /// The program ended normally with other output.
    WrongAnswer,
    /// The wall-clock limit or the fuel budget ran out.
    Timeout,
    /// The memory limit was reached.
    MemoryLimit,
    /// The output limit was reached.
    OutputLimit,
    /// The program failed: a non-zero exit, an uncaught exception, a crash.
    RuntimeError,
    /// The run was cancelled (WebSocket `cancel`).
    Cancelled,
    /// The program did not compile (Java); `errors` holds the compiler's messages.
    CompileError,
    /// The case's checker (`compare: {"checker": FILE}`) failed to judge it: it crashed, ran
    /// out of time or memory, or did not compile; `message` says how.
    CheckerError,
}

/// The result of one test case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TestCaseResult {
    /// Its position in the request, from 0.
    pub(crate) index: usize,
    /// Whether it passed.
    pub(crate) passed: bool,
    /// How it went.
    pub(crate) verdict: Verdict,
    /// Wall time of the run in milliseconds.
    pub(crate) execution_time: f64,
    /// What the program printed.
    pub(crate) output: String,
    /// What the program wrote to stderr.
    pub(crate) errors: String,
    /// The exit code, when the program ended by itself.
    pub(crate) exit_code: Option<i32>,
    /// The first difference from the expected output, for humans, when it did not match:
    /// `firstDifference` rendered as one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) diff: Option<String>,
    /// The first difference from the expected output, as a value, when it did not match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) first_difference: Option<LineDiff>,
    /// What the checker said of the case (its stdout), when a checker judged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
    /// What the call returned (a list for `calls`), in a call case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Object)]
    pub(crate) returned: Option<serde_json::Value>,
    /// What the call case expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Object)]
    pub(crate) expected: Option<serde_json::Value>,
    /// The exception the candidate's code raised in a call case (its traceback is in
    /// `errors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) exception: Option<crate::service::calls::Exception>,
    /// Whether `output` or `errors` were cut to the record's bound (8 KiB each per case); the
    /// run's log keeps them whole.
    #[serde(default)]
    pub(crate) shortened: bool,
}

/// The first line where a program's output and the expected output differ, as the judge
/// compares them (see `service::judge`). Both the API's `diff` text and the spoken summary are
/// renderings of this value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LineDiff {
    /// The line's number, from 1.
    pub(crate) line: usize,
    /// The expected line (shortened to 120 characters), or none when the output has lines
    /// beyond the expected ones.
    pub(crate) expected: Option<String>,
    /// The line the program printed (shortened likewise), or none when its output ended first.
    pub(crate) got: Option<String>,
}

impl std::fmt::Display for LineDiff {
    /// `line 2: expected "4", got "5"`, or with `got nothing (output ended)`, or
    /// `expected nothing more`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = self.line;
        match (&self.expected, &self.got) {
            (Some(expected), Some(got)) => {
                write!(f, "line {line}: expected {expected:?}, got {got:?}")
            }
            (Some(expected), None) => {
                write!(
                    f,
                    "line {line}: expected {expected:?}, got nothing (output ended)"
                )
            }
            (None, Some(got)) => write!(f, "line {line}: expected nothing more, got {got:?}"),
            (None, None) => write!(f, "line {line}: no difference"),
        }
    }
}

/// Why a run ended, as records and the API name it: the runtime's
/// [`Termination`](codebox_runtime::Termination) without the crash's reason, which a record
/// keeps in its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) enum Termination {
    /// The program ended by itself; `exitCode` says how.
    Exited,
    /// The wall-clock limit was reached.
    Timeout,
    /// The fuel budget ran out.
    OutOfFuel,
    /// The memory limit was reached.
    MemoryLimit,
    /// stdout or stderr reached its cap.
    OutputLimit,
    /// The run was cancelled.
    Cancelled,
    /// The program did not compile (Java).
    CompileError,
    /// The interpreter failed; `crashReason` says how.
    Crashed,
}

impl Termination {
    /// Its name in JSON (`memoryLimit`), for labels and logs.
    pub(crate) fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            // A unit variant always serialises as its name.
            _ => format!("{self:?}"),
        }
    }
}

impl From<&codebox_runtime::Termination> for Termination {
    fn from(termination: &codebox_runtime::Termination) -> Self {
        use codebox_runtime::Termination as Runtime;
        match termination {
            Runtime::Exited => Termination::Exited,
            Runtime::Timeout => Termination::Timeout,
            Runtime::OutOfFuel => Termination::OutOfFuel,
            Runtime::MemoryLimit => Termination::MemoryLimit,
            Runtime::OutputLimit => Termination::OutputLimit,
            Runtime::Cancelled => Termination::Cancelled,
            Runtime::CompileError => Termination::CompileError,
            Runtime::Crashed { .. } => Termination::Crashed,
        }
    }
}

/// The answer to an execution, stored with the session and readable later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExecutionRecord {
    /// The execution's id (a UUID).
    pub(crate) execution_id: String,
    /// The session it ran in.
    pub(crate) session_id: String,
    /// The entry file.
    pub(crate) file_name: String,
    /// The language it ran as.
    #[schema(value_type = String)]
    pub(crate) language: Language,
    /// When it was requested.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub(crate) created_at: Timestamp,
    /// True when the program exited 0 and, with test cases, every case passed.
    pub(crate) success: bool,
    /// stdout (of the run, or of the first failing test case).
    pub(crate) output: String,
    /// stderr, likewise.
    pub(crate) errors: String,
    /// The exit code, when the program ended by itself.
    pub(crate) exit_code: Option<i32>,
    /// Wall time in milliseconds (all test cases together).
    pub(crate) execution_time: f64,
    /// Why the run ended.
    pub(crate) termination: Termination,
    /// Why the interpreter crashed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) crash_reason: Option<String>,
    /// Fuel consumed (about one unit per WebAssembly instruction).
    pub(crate) fuel_consumed: u64,
    /// Peak linear memory in bytes.
    pub(crate) peak_memory_bytes: u64,
    /// Whether stdout was cut at its cap.
    pub(crate) stdout_truncated: bool,
    /// Whether stderr was cut at its cap.
    pub(crate) stderr_truncated: bool,
    /// Per test case, when test cases were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) test_results: Option<Vec<TestCaseResult>>,
    /// The test cases themselves (input and expected output), to run them again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) test_cases: Option<Vec<crate::service::execute::TestCase>>,
    /// Whether `output` or `errors` were cut to the record's bound (64 KiB each); the run's log
    /// keeps them whole (up to the run's own output caps).
    #[serde(default)]
    pub(crate) shortened: bool,
    /// The files the run shown made or changed that match the request's `collectFiles`:
    /// `{path, content, encoding}`, where `encoding` is `utf-8` or `base64`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub(crate) collected_files: Vec<CollectedFile>,
    /// Whether matching files were left out (more than 100, or 4 MiB).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) collected_files_truncated: bool,
    /// The first filesystem quota the run shown crossed (`bytes`, `entries`, `depth`,
    /// `pathLength`, `openFiles`), which the program saw as an ordinary error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub(crate) fs_quota_hit: Option<FsQuota>,
    /// How the measured function's work grows (`complexity` on the request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) complexity: Option<crate::service::complexity::Complexity>,
}

impl ExecutionRecord {
    /// Fills the run's fields from the runtime's result.
    pub(crate) fn apply(&mut self, result: &ExecutionResult) {
        self.output = result.stdout.clone();
        self.errors = result.stderr.clone();
        self.exit_code = result.exit_code;
        self.termination = Termination::from(&result.termination);
        self.crash_reason = match &result.termination {
            codebox_runtime::Termination::Crashed { reason } => Some(reason.clone()),
            _ => None,
        };
        self.fuel_consumed = result.fuel_consumed;
        self.peak_memory_bytes = result.peak_memory_bytes;
        self.stdout_truncated = result.stdout_truncated;
        self.stderr_truncated = result.stderr_truncated;
        self.collected_files = result.collected_files.clone();
        self.collected_files_truncated = result.collected_files_truncated;
        self.fs_quota_hit = result.fs_quota_hit;
    }
}

#[cfg(test)]
impl ExecutionRecord {
    /// A record of a Python run of `main.py` in `session_id` that exited 0 having printed
    /// nothing, for tests to change what they look at.
    pub(crate) fn example(session_id: &str, execution_id: &str) -> ExecutionRecord {
        ExecutionRecord {
            execution_id: execution_id.to_owned(),
            session_id: session_id.to_owned(),
            file_name: "main.py".to_owned(),
            language: Language::Python,
            created_at: now(),
            success: true,
            output: String::new(),
            errors: String::new(),
            exit_code: Some(0),
            execution_time: 1.0,
            termination: Termination::Exited,
            crash_reason: None,
            fuel_consumed: 1,
            peak_memory_bytes: 1,
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

/// An execution as listed: enough to pick one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExecutionSummary {
    /// The execution's id.
    pub(crate) execution_id: String,
    /// The entry file.
    pub(crate) file_name: String,
    /// When it was requested.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub(crate) created_at: Timestamp,
    /// Whether it succeeded.
    pub(crate) success: bool,
    /// Why it ended.
    pub(crate) termination: Termination,
}

impl From<&ExecutionRecord> for ExecutionSummary {
    fn from(record: &ExecutionRecord) -> Self {
        ExecutionSummary {
            execution_id: record.execution_id.clone(),
            file_name: record.file_name.clone(),
            created_at: record.created_at,
            success: record.success,
            termination: record.termination,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn termination_names_are_their_json() {
        assert_eq!(Termination::MemoryLimit.name(), "memoryLimit");
        assert_eq!(Termination::Exited.name(), "exited");
    }

    #[test]
    fn file_types() {
        assert_eq!(file_type("utils/helper.py"), "python");
        assert_eq!(file_type("a.mjs"), "javascript");
        assert_eq!(file_type("Main.java"), "java");
        assert_eq!(file_type("notes.MD"), "md");
        assert_eq!(file_type("Makefile"), "text");
        assert_eq!(file_type(".gitignore"), "text");
    }

    #[test]
    fn timestamps_are_rfc3339_to_the_millisecond() {
        let t = now();
        assert_eq!(t.nanosecond() % 1_000_000, 0);
        let info = FileInfo {
            file_path: "a.py".into(),
            size: 1,
            last_modified: t,
            file_type: "python".into(),
        };
        let json = serde_json::to_value(&info).unwrap();
        assert!(json["lastModified"].as_str().unwrap().ends_with('Z'));
    }
}
