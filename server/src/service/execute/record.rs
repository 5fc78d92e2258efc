//! The record of an execution: made from what ran, with its output bounded, and a
//! provisional one that stands for a long run should its host die.

use std::time::Duration;

use codebox_runtime::ExecutionResult;

use super::plan::Header;
use super::request::TestCase;
use super::{RECORD_OUTPUT_BYTES, millis};
use crate::model::{ExecutionRecord, Termination};
use crate::service::Services;

impl Services {
    /// Stores, once the run has gone on for [`PROVISIONAL_AFTER`], a record that says it was
    /// cancelled because its host stopped: should the host die (a crash, `kill -9`, a lost
    /// instance), that record is what the session keeps of the run. The run's own record
    /// replaces it (see [`Provisional::settle`]). Shorter runs write nothing extra.
    pub(super) fn provisional_record(&self, header: &Header) -> Provisional {
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
}

/// How long a run goes before a provisional record of it is stored.
const PROVISIONAL_AFTER: Duration = Duration::from_secs(1);

/// What a provisional record says in `errors`.
const PROVISIONAL_ERRORS: &str =
    "codebox: the host running this execution stopped before the execution ended\n";

/// The provisional record's writer, waiting for its delay or for the run to end.
pub(super) struct Provisional {
    finished: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Provisional {
    /// Called when the run has ended: the provisional record is not written if its delay has
    /// not passed, and if it is being written, this waits until it is, so that the run's own
    /// record is always the later write. (Aborting the write instead could let an embedded
    /// store's write, already handed to a blocking thread, land after the real record.)
    pub(super) async fn settle(self) {
        let _ = self.finished.send(());
        let _ = self.task.await;
    }
}

impl Header {
    /// The record of `result` (its output, how it ended, its time, fuel and memory); success
    /// and test results are the caller's to fill.
    pub(super) fn record(
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
    pub(super) fn blank(self) -> ExecutionRecord {
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

/// Cuts `text` to at most `max` bytes, at a character boundary; true when it cut.
pub(super) fn keep_at_most(text: &mut String, max: usize) -> bool {
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
