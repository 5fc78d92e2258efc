//! Planning an execution: everything that can refuse a request happens here, before it takes
//! a slot (the language, the limits, the files, the checker, the call harness, the measure).

use std::time::Duration;

use codebox_runtime::{CancelToken, Language, Limits, RunRequest};

use super::request::{ExecuteRequest, TestCase, check_inputs};
use crate::error::ApiError;
use crate::model::{Session, now};
use crate::service::Services;
use crate::service::{calls, complexity, judge};

impl Services {
    /// Which language runs `file_name`, and whether this server and session allow it.
    pub(super) fn language(
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

    pub(super) fn limits(
        &self,
        session: &Session,
        timeout_ms: Option<u64>,
    ) -> Result<Limits, ApiError> {
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

    /// Checks a request against the session and the server's limits and loads the files it
    /// runs: everything that can refuse it happens here, before it takes a slot.
    pub(super) async fn plan(
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
}

/// An execution that passed every check, ready to run.
pub(super) struct Plan {
    pub(super) header: Header,
    /// The run without its stdin.
    pub(super) base: RunRequest,
    /// Stops every run of the execution.
    pub(super) cancel: CancelToken,
    pub(super) stdin: String,
    pub(super) cases: Vec<TestCase>,
    pub(super) compare: judge::Compare,
    /// The checker's run, without its case's files, when a checker judges the cases.
    pub(super) checker: Option<RunRequest>,
    /// The harness's run, when the cases are calls.
    pub(super) call_run: Option<CallRun>,
    /// The complexity measure asked for, if any.
    pub(super) measure: Option<Measure>,
    pub(super) supersede: bool,
}

/// The run of call cases: the harness in place of the entry file.
pub(super) struct CallRun {
    /// The harness's run without its stdin (the case).
    pub(super) base: RunRequest,
    /// Where the harness is.
    pub(super) harness: &'static str,
}

/// A complexity measure: the harness's run, and what to measure.
pub(super) struct Measure {
    pub(super) base: RunRequest,
    pub(super) harness: &'static str,
    pub(super) request: complexity::ComplexityRequest,
}

/// What a record says before anything ran.
#[derive(Clone)]
pub(super) struct Header {
    pub(super) execution_id: String,
    pub(super) session_id: String,
    pub(super) file_name: String,
    pub(super) language: Language,
    pub(super) created_at: crate::model::Timestamp,
}
