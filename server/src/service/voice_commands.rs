//! Voice commands: understanding a command (spoken text through `crate::voice`, or a
//! structured intent) and carrying it out with the file and execution services. It exists so
//! that what a command does lives beside the other services, apart from how it arrived.

use serde_json::{Value, json};

use super::Services;
use super::execute::ExecuteRequest;
use super::files::CreateFile;
use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::model::ExecutionRecord;
use crate::voice::{self, Intent};

/// A voice command as it arrives: spoken text, or a structured intent with its arguments.
#[derive(Debug)]
pub(crate) struct VoiceRequest<'a> {
    pub(crate) text: Option<&'a str>,
    pub(crate) intent: Option<&'a str>,
    pub(crate) args: Option<&'a Value>,
}

/// What came of a voice command.
#[derive(Debug)]
pub(crate) enum VoiceOutcome {
    /// The text matched no command; the closest commands known.
    Unrecognized { suggestions: Vec<String> },
    /// The command was carried out: what it was understood as, a sentence to say, and the
    /// result in full.
    Done {
        understood: Value,
        summary: String,
        result: Value,
    },
    /// The command asks for a run: the caller starts it as it starts any execution, then
    /// tells its [`run_summary`].
    Run {
        understood: Value,
        request: ExecuteRequest,
    },
}

/// The sentence and the result that follow a voice command's execution.
pub(crate) fn run_summary(record: &ExecutionRecord) -> (String, Value) {
    (
        voice::summarize_execution(record),
        json!({ "executionId": record.execution_id }),
    )
}

/// The longest spoken text a voice command may carry, in characters. A spoken command is a
/// few words ("run solution dot py"); a longer text is no command, and refusing it keeps the
/// parser's work small. Longer texts are refused with `413 text_too_long`.
pub(crate) const MAX_VOICE_TEXT_CHARS: usize = 1_000;

/// Turns the request into an intent. Spoken text that matches nothing is not an error: the
/// inner `Err` holds the closest commands. A malformed structured intent, or a request with
/// neither text nor intent, is an `invalid_field` error; a text longer than
/// [`MAX_VOICE_TEXT_CHARS`] is `text_too_long`.
///
/// The text is parsed on the blocking pool: parsing is bounded but not free, and the async
/// workers serve every other connection meanwhile.
async fn understand(request: &VoiceRequest<'_>) -> Result<Result<Intent, Vec<String>>, ApiError> {
    let invalid = |message: String| ApiError::bad_request("invalid_field", message);
    match (request.intent, request.text) {
        (Some(intent), _) => voice::from_structured(intent, request.args)
            .map(Ok)
            .map_err(invalid),
        (None, Some(text)) => {
            check_text_length(text)?;
            let text = text.to_owned();
            tokio::task::spawn_blocking(move || voice::parse(&text))
                .await
                .map_err(|e| ApiError::Internal(format!("the voice parser failed: {e}")))
        }
        (None, None) => Err(invalid(
            "a voice-command needs `text` or `intent`".to_owned(),
        )),
    }
}

/// Refuses a text longer than [`MAX_VOICE_TEXT_CHARS`].
fn check_text_length(text: &str) -> Result<(), ApiError> {
    // Bytes first: a text of at most MAX bytes has at most MAX characters, and a huge one is
    // not counted character by character.
    let too_long = text.len() > MAX_VOICE_TEXT_CHARS
        && (text.len() > 4 * MAX_VOICE_TEXT_CHARS || text.chars().count() > MAX_VOICE_TEXT_CHARS);
    if too_long {
        return Err(ApiError::too_large(
            "text_too_long",
            format!(
                "a voice command's text is at most {MAX_VOICE_TEXT_CHARS} characters; say one \
                 command at a time"
            ),
        ));
    }
    Ok(())
}

fn no_match(spoken: &str) -> ApiError {
    ApiError::not_found(
        "file_not_found",
        format!("no file of this session matches {spoken:?}"),
    )
}

impl Services {
    /// Understands a voice command and carries it out for the session; `origin` names the
    /// connection, as the file changes it makes are published with it.
    pub(crate) async fn voice_command(
        &self,
        principal: &Principal,
        session_id: &str,
        request: VoiceRequest<'_>,
        origin: &str,
    ) -> Result<VoiceOutcome, ApiError> {
        principal.authorize(Some(session_id), Action::Speak)?;
        let intent = match understand(&request).await? {
            Ok(intent) => intent,
            Err(suggestions) => return Ok(VoiceOutcome::Unrecognized { suggestions }),
        };
        let understood = serde_json::to_value(&intent).unwrap_or(Value::Null);
        let done = |summary: String, result: Value| VoiceOutcome::Done {
            understood: understood.clone(),
            summary,
            result,
        };
        Ok(match intent {
            Intent::RunFile { file } => VoiceOutcome::Run {
                request: self.voice_run_file(principal, session_id, file).await?,
                understood,
            },
            Intent::RunTests => VoiceOutcome::Run {
                request: self.voice_run_tests(principal, session_id).await?,
                understood,
            },
            Intent::CreateFile { path } => {
                let file = CreateFile {
                    file_path: path,
                    content: String::new(),
                };
                let info = self
                    .create_file(principal, session_id, file, origin)
                    .await?;
                done(
                    voice::summarize_created(&info.file_path),
                    json!({ "file": info }),
                )
            }
            Intent::ReadFile { path } => {
                let file = self.resolve_spoken(principal, session_id, &path).await?;
                let content = self.read_file(principal, session_id, &file).await?;
                done(
                    voice::summarize_read(&file, &content.content),
                    json!({ "file": content }),
                )
            }
            Intent::DeleteFile { path } => {
                let file = self.resolve_spoken(principal, session_id, &path).await?;
                self.delete_file(principal, session_id, &file, origin)
                    .await?;
                done(voice::summarize_deleted(&file), json!({ "filePath": file }))
            }
            Intent::ListFiles => {
                let files = self.file_paths(principal, session_id).await?;
                done(voice::summarize_list(&files), json!({ "files": files }))
            }
            Intent::LastOutput => {
                let record = self.last_execution(principal, session_id).await?;
                let summary = match &record {
                    Some(record) => voice::summarize_execution(record),
                    None => "Nothing has run yet in this session.".to_owned(),
                };
                done(summary, json!({ "execution": record }))
            }
        })
    }

    /// "Run solution dot py", or "run it": the spoken file, or the file that ran last.
    async fn voice_run_file(
        &self,
        principal: &Principal,
        session_id: &str,
        file: Option<String>,
    ) -> Result<ExecuteRequest, ApiError> {
        let files = self.file_paths(principal, session_id).await?;
        let file_name = match file {
            Some(spoken) => {
                voice::resolve_file(&spoken, &files).ok_or_else(|| no_match(&spoken))?
            }
            None => self
                .last_execution(principal, session_id)
                .await?
                .map(|record| record.file_name)
                .ok_or_else(|| {
                    ApiError::not_found(
                        "file_not_found",
                        "nothing has run yet; say which file to run",
                    )
                })?,
        };
        Ok(ExecuteRequest::plain(file_name))
    }

    /// "Run the tests": the last execution that had test cases, again with them.
    async fn voice_run_tests(
        &self,
        principal: &Principal,
        session_id: &str,
    ) -> Result<ExecuteRequest, ApiError> {
        let Some(record) = self.last_tested(principal, session_id).await? else {
            return Err(ApiError::not_found(
                "no_tests",
                "no execution with test cases has run in this session yet; run one with its test cases first",
            ));
        };
        Ok(ExecuteRequest {
            test_cases: record.test_cases,
            ..ExecuteRequest::plain(record.file_name)
        })
    }

    /// The session's file paths.
    async fn file_paths(
        &self,
        principal: &Principal,
        session_id: &str,
    ) -> Result<Vec<String>, ApiError> {
        let files = self.list_files(principal, session_id).await?;
        Ok(files.into_iter().map(|f| f.file_path).collect())
    }

    /// The session's file that a spoken path names, or 404.
    async fn resolve_spoken(
        &self,
        principal: &Principal,
        session_id: &str,
        spoken: &str,
    ) -> Result<String, ApiError> {
        let files = self.file_paths(principal, session_id).await?;
        voice::resolve_file(spoken, &files).ok_or_else(|| no_match(spoken))
    }

    /// The session's newest execution, if any ran.
    async fn last_execution(
        &self,
        principal: &Principal,
        session_id: &str,
    ) -> Result<Option<ExecutionRecord>, ApiError> {
        let (list, _) = self
            .list_executions(principal, session_id, Some(1), None)
            .await?;
        match list.first() {
            Some(summary) => Ok(Some(
                self.get_execution(principal, session_id, &summary.execution_id)
                    .await?,
            )),
            None => Ok(None),
        }
    }

    /// The session's newest execution that ran test cases, if any did.
    async fn last_tested(
        &self,
        principal: &Principal,
        session_id: &str,
    ) -> Result<Option<ExecutionRecord>, ApiError> {
        // The newest page is where a candidate's last tested run is; an older one is not what
        // "the last tests" means to a speaker.
        let (list, _) = self
            .list_executions(principal, session_id, None, None)
            .await?;
        for summary in list {
            let record = self
                .get_execution(principal, session_id, &summary.execution_id)
                .await?;
            if record.test_results.is_some() {
                return Ok(Some(record));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn spoken(text: &str) -> VoiceRequest<'_> {
        VoiceRequest {
            text: Some(text),
            intent: None,
            args: None,
        }
    }

    /// A text at the bound is parsed: a command padded with filler to exactly
    /// [`MAX_VOICE_TEXT_CHARS`] characters.
    #[tokio::test]
    async fn text_at_the_bound_is_understood() {
        let command = " run solution dot py";
        let filler = "um ".repeat((MAX_VOICE_TEXT_CHARS - command.len()) / 3);
        let text = format!("{filler}{command}");
        let text = format!("{}{text}", " ".repeat(MAX_VOICE_TEXT_CHARS - text.len()));
        assert_eq!(text.chars().count(), MAX_VOICE_TEXT_CHARS);
        let understood = understand(&spoken(&text)).await.expect("within the bound");
        assert_eq!(
            understood,
            Ok(Intent::RunFile {
                file: Some("solution.py".to_owned())
            })
        );
        // Characters, not bytes, are counted: 1,000 two-byte letters pass.
        let accented = "é".repeat(MAX_VOICE_TEXT_CHARS);
        assert!(understand(&spoken(&accented)).await.is_ok());
    }

    /// Past the bound the text is refused at once, whatever its size: a 20,000-word text took
    /// 13.6 s to answer before the bound and the linear matcher.
    #[tokio::test]
    async fn text_past_the_bound_is_refused() {
        let just_over = format!("{}x", " ".repeat(MAX_VOICE_TEXT_CHARS));
        let huge = "word ".repeat(20_000);
        for text in [just_over.as_str(), huge.as_str()] {
            let refused = tokio::time::timeout(Duration::from_secs(5), understand(&spoken(text)))
                .await
                .expect("refused promptly");
            match refused {
                Err(e) => {
                    assert_eq!(e.code(), "text_too_long");
                    assert!(e.to_string().contains("1000 characters"), "{e}");
                }
                Ok(other) => panic!("a text past the bound was parsed: {other:?}"),
            }
        }
    }
}
