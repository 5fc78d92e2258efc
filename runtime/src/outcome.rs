//! How a run ended: the [`ExecutionResult`] the caller gets, and the classification that turns
//! what the runtime observed (the call's end, overflowed output, refused memory, a
//! cancellation) into a [`Termination`].
//!
//! Guest failures are results, never errors: whatever the program does, the caller learns it
//! here, with the output written up to the end.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::guest::WasmGuest;
use crate::{CollectedFile, FsQuota, Language};

/// Why a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Termination {
    /// The program ended by itself; [`ExecutionResult::exit_code`] says how.
    Exited,
    /// The wall-clock limit was reached.
    Timeout,
    /// The fuel budget ran out.
    OutOfFuel,
    /// The program needed more memory than its limit. It usually died of it with an error of
    /// its own language (Python's `MemoryError`); the exit code is kept when there is one.
    MemoryLimit,
    /// The program wrote more than its stdout or stderr cap.
    OutputLimit,
    /// The caller cancelled the run (see [`CancelToken`](crate::CancelToken)).
    Cancelled,
    /// The program did not compile (Java); stderr holds the compiler's messages and nothing
    /// ran.
    CompileError,
    /// The interpreter itself failed (a WebAssembly trap that is none of the above).
    Crashed {
        /// What failed, for humans.
        reason: String,
    },
}

impl Termination {
    /// A stable lowercase name: `exited`, `timeout`, `outOfFuel`, `memoryLimit`,
    /// `outputLimit`, `cancelled`, `compileError` or `crashed`.
    pub fn name(&self) -> &'static str {
        match self {
            Termination::Exited => "exited",
            Termination::Timeout => "timeout",
            Termination::OutOfFuel => "outOfFuel",
            Termination::MemoryLimit => "memoryLimit",
            Termination::OutputLimit => "outputLimit",
            Termination::Cancelled => "cancelled",
            Termination::CompileError => "compileError",
            Termination::Crashed { .. } => "crashed",
        }
    }
}

/// Everything a run produced. Guest failures are described here, never returned as errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionResult {
    /// The language that ran.
    pub language: Language,
    /// What the program wrote to stdout, up to the cap (invalid UTF-8 replaced by U+FFFD).
    pub stdout: String,
    /// What the program wrote to stderr, up to the cap.
    pub stderr: String,
    /// The exit code, when the program ended by itself (also after a memory error of its own
    /// language); `None` when the runtime stopped it.
    pub exit_code: Option<i32>,
    /// Why the run ended.
    pub termination: Termination,
    /// Wall-clock time of the run, from the request to the result.
    #[serde(rename = "wallTimeMs", with = "float_millis")]
    pub wall_time: Duration,
    /// Fuel consumed: about the number of WebAssembly instructions executed (0 for Java, which
    /// runs natively in a container).
    pub fuel_consumed: u64,
    /// The largest the guest's linear memory grew, in bytes; for Java, the container's peak
    /// memory use (0 when the engine's cgroup could not be read).
    pub peak_memory_bytes: u64,
    /// Whether stdout was cut at its cap.
    pub stdout_truncated: bool,
    /// Whether stderr was cut at its cap.
    pub stderr_truncated: bool,
    /// The first quota of the run's filesystem the program was refused (an error it could
    /// catch, so the run may well have exited normally); `None` when it stayed within them,
    /// and always for Java. JSON: `"fsQuotaHit": "bytes"`, see [`FsQuota`].
    #[serde(default)]
    pub fs_quota_hit: Option<FsQuota>,
    /// The files the program made or changed that match the request's
    /// [`collect_files`](crate::RunRequest::collect_files) patterns, in path order (Python and
    /// JavaScript; empty for Java).
    #[serde(default)]
    pub collected_files: Vec<CollectedFile>,
    /// Whether matching files were left out to stay within
    /// [`MAX_COLLECTED_FILES`](crate::MAX_COLLECTED_FILES) and
    /// [`MAX_COLLECTED_BYTES`](crate::MAX_COLLECTED_BYTES).
    #[serde(default)]
    pub collected_files_truncated: bool,
}

impl ExecutionResult {
    /// True when the program exited by itself with code 0.
    pub fn success(&self) -> bool {
        self.termination == Termination::Exited && self.exit_code == Some(0)
    }
}

/// Durations as fractional milliseconds in JSON (`"wallTimeMs": 12.5`).
mod float_millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((d.as_secs_f64() * 1e6).round() / 1e3)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let ms = f64::deserialize(d)?;
        Ok(Duration::from_secs_f64(ms.max(0.0) / 1e3))
    }
}

/// What the runtime observed when the guest stopped.
#[derive(Debug)]
pub(crate) struct Observed {
    /// `None` when the executor's timer fired before the guest stopped.
    pub(crate) call: Option<wasmtime::Result<()>>,
    pub(crate) output_overflowed: bool,
    pub(crate) memory_refused: bool,
    pub(crate) cancelled: bool,
}

/// What the classification adds to the result.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) termination: Termination,
    pub(crate) exit_code: Option<i32>,
    /// A line the runtime appends to stderr on the guest's behalf (see `stack_overflow_line`).
    pub(crate) stderr_note: Option<&'static str>,
}

/// Turns what happened into a [`Termination`], in priority order: the runtime's own limits
/// (time, fuel, output) first, then the program's exit, then memory and traps.
pub(crate) fn classify(guest: WasmGuest, observed: Observed) -> Verdict {
    let verdict = |termination, exit_code| Verdict {
        termination,
        exit_code,
        stderr_note: None,
    };
    if observed.cancelled && !matches!(observed.call, Some(Ok(()))) {
        return verdict(Termination::Cancelled, None);
    }
    let Some(call) = observed.call else {
        return verdict(Termination::Timeout, None);
    };
    let error = match call {
        Ok(()) => {
            return memory_or(
                observed.memory_refused,
                verdict(Termination::Exited, Some(0)),
            );
        }
        Err(error) => error,
    };
    if let Some(exit) = error.downcast_ref::<wasmtime_wasi::I32Exit>() {
        return memory_or(
            observed.memory_refused,
            verdict(Termination::Exited, Some(exit.0)),
        );
    }
    let trap = error.downcast_ref::<wasmtime::Trap>().copied();
    match trap {
        Some(wasmtime::Trap::Interrupt) => return verdict(Termination::Timeout, None),
        Some(wasmtime::Trap::OutOfFuel) => return verdict(Termination::OutOfFuel, None),
        _ => {}
    }
    if observed.output_overflowed {
        return verdict(Termination::OutputLimit, None);
    }
    if observed.memory_refused {
        return verdict(Termination::MemoryLimit, None);
    }
    if trap == Some(wasmtime::Trap::StackOverflow) {
        // The interpreters cannot see wasmtime's native stack, so they cannot raise their own
        // error when it runs out: the runtime reports it in the language's own words.
        return Verdict {
            termination: Termination::Exited,
            exit_code: Some(1),
            stderr_note: Some(guest.stack_overflow_line()),
        };
    }
    let reason = match trap {
        Some(trap) => format!("the interpreter trapped: {trap}"),
        None => format!("{error:#}"),
    };
    verdict(Termination::Crashed { reason }, None)
}

/// A failed exit after a refused memory growth is the memory limit's doing; a clean exit (the
/// program caught its `MemoryError`) stays a clean exit.
fn memory_or(memory_refused: bool, verdict: Verdict) -> Verdict {
    if memory_refused && verdict.exit_code != Some(0) {
        Verdict {
            termination: Termination::MemoryLimit,
            ..verdict
        }
    } else {
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observed(call: Option<wasmtime::Result<()>>) -> Observed {
        Observed {
            call,
            output_overflowed: false,
            memory_refused: false,
            cancelled: false,
        }
    }

    #[test]
    fn exits() {
        let ok = classify(WasmGuest::Python, observed(Some(Ok(()))));
        assert_eq!(
            (ok.termination, ok.exit_code),
            (Termination::Exited, Some(0))
        );
        let exit3 = classify(
            WasmGuest::Python,
            observed(Some(Err(wasmtime_wasi::I32Exit(3).into()))),
        );
        assert_eq!(
            (exit3.termination, exit3.exit_code),
            (Termination::Exited, Some(3))
        );
    }

    #[test]
    fn limits_come_first() {
        assert_eq!(
            classify(WasmGuest::Python, observed(None)).termination,
            Termination::Timeout
        );
        let fuel = classify(
            WasmGuest::Python,
            observed(Some(Err(wasmtime::Trap::OutOfFuel.into()))),
        );
        assert_eq!(fuel.termination, Termination::OutOfFuel);
        let mut output = observed(Some(Err(wasmtime::format_err!("stream trap"))));
        output.output_overflowed = true;
        assert_eq!(
            classify(WasmGuest::JavaScript, output).termination,
            Termination::OutputLimit
        );
    }

    #[test]
    fn memory_refusal_turns_a_failed_exit_into_memory_limit() {
        let mut failed = observed(Some(Err(wasmtime_wasi::I32Exit(1).into())));
        failed.memory_refused = true;
        let verdict = classify(WasmGuest::Python, failed);
        assert_eq!(
            (verdict.termination, verdict.exit_code),
            (Termination::MemoryLimit, Some(1))
        );
        let mut recovered = observed(Some(Ok(())));
        recovered.memory_refused = true;
        assert_eq!(
            classify(WasmGuest::Python, recovered).termination,
            Termination::Exited
        );
    }

    #[test]
    fn stack_overflow_is_the_languages_error() {
        let verdict = classify(
            WasmGuest::JavaScript,
            observed(Some(Err(wasmtime::Trap::StackOverflow.into()))),
        );
        assert_eq!(verdict.exit_code, Some(1));
        assert!(
            verdict
                .stderr_note
                .unwrap()
                .contains("Maximum call stack size exceeded")
        );
    }

    #[test]
    fn other_traps_are_crashes_with_a_reason() {
        let verdict = classify(
            WasmGuest::JavaScript,
            observed(Some(Err(wasmtime::Trap::UnreachableCodeReached.into()))),
        );
        assert!(
            matches!(verdict.termination, Termination::Crashed { ref reason } if reason.contains("unreachable"))
        );
    }
}
