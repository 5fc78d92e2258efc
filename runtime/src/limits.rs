//! What one run may use, and the part of enforcing it that lives in the store.
//!
//! [`Limits`] holds every per-run bound (time, memory, fuel, output, and the filesystem's
//! quotas, [`FsLimits`](crate::FsLimits), which `vfs/` enforces) with its default and its
//! accepted range. Time is enforced by the epoch deadline (`runtime.rs`), fuel by wasmtime's
//! metering, output by the capped pipes (`output.rs`); memory is enforced here, by the
//! `MemoryLimiter` that refuses a guest's growth past its cap and remembers that it did, since
//! a refused growth shows up as the language's own error rather than a trap.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{Error, FsLimits, Result};

/// The limits of one execution. Every field is a hard limit: crossing it ends the run with the
/// matching [`Termination`](crate::Termination), and the output printed up to then is kept.
///
/// [`Limits::default()`] gives:
/// * `timeout`: 30 s of wall-clock time ([`Termination::Timeout`](crate::Termination::Timeout));
/// * `memory_bytes`: 128 MiB of linear memory
///   ([`Termination::MemoryLimit`](crate::Termination::MemoryLimit));
/// * `fuel`: one trillion units, where one unit is about one WebAssembly instruction. Guests
///   burn 7 to 14 billion units per second on a 2024 server core, so on the defaults the wall
///   clock is the limit that bites, and fuel is a machine-independent budget that callers
///   can lower ([`Termination::OutOfFuel`](crate::Termination::OutOfFuel));
/// * `stdout_bytes` and `stderr_bytes`: 1 MiB each
///   ([`Termination::OutputLimit`](crate::Termination::OutputLimit));
/// * `fs`: the quotas of the in-memory filesystem of a Python or JavaScript run
///   ([`FsLimits::default()`](crate::FsLimits) lists them: 64 MiB of files, 10,000 entries, 64
///   folders deep, paths of 4,096 bytes, 1,024 open descriptors). Crossing one is an error the
///   program can catch, not the end of the run; the result's
///   [`fs_quota_hit`](crate::ExecutionResult) names it. Java's container has its own `/tmp`.
///
/// The wasm stack size is not here: wasmtime fixes it per engine, so it is set once for the
/// whole runtime with [`RuntimeBuilder::wasm_stack_bytes`](crate::RuntimeBuilder::wasm_stack_bytes).
/// There is no network limit because the guest has no network at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// Wall-clock time, from the start of the program to its end.
    #[serde(with = "millis")]
    pub timeout: Duration,
    /// Linear memory the guest may grow to, in bytes.
    pub memory_bytes: u64,
    /// Fuel: the instruction budget.
    pub fuel: u64,
    /// Bytes of stdout kept; writing more ends the run.
    pub stdout_bytes: u64,
    /// Bytes of stderr kept; writing more ends the run.
    pub stderr_bytes: u64,
    /// The quotas of the run's filesystem.
    #[serde(default)]
    pub fs: FsLimits,
}

impl Limits {
    /// Default wall-clock limit (the spec's `MAX_EXECUTION_TIME`).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// Default memory limit.
    pub const DEFAULT_MEMORY_BYTES: u64 = 128 << 20;
    /// Default fuel budget.
    pub const DEFAULT_FUEL: u64 = 1_000_000_000_000;
    /// Default cap on each of stdout and stderr.
    pub const DEFAULT_OUTPUT_BYTES: u64 = 1 << 20;

    /// The largest accepted timeout (one hour).
    pub const MAX_TIMEOUT: Duration = Duration::from_secs(3600);
    /// The largest accepted memory limit (4 GiB, all that 32-bit WebAssembly can address).
    pub const MAX_MEMORY_BYTES: u64 = 4 << 30;

    /// Sets the wall-clock limit.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the memory limit in bytes.
    pub fn with_memory_bytes(mut self, bytes: u64) -> Self {
        self.memory_bytes = bytes;
        self
    }

    /// Sets the fuel budget.
    pub fn with_fuel(mut self, fuel: u64) -> Self {
        self.fuel = fuel;
        self
    }

    /// Sets the stdout cap in bytes.
    pub fn with_stdout_bytes(mut self, bytes: u64) -> Self {
        self.stdout_bytes = bytes;
        self
    }

    /// Sets the stderr cap in bytes.
    pub fn with_stderr_bytes(mut self, bytes: u64) -> Self {
        self.stderr_bytes = bytes;
        self
    }

    /// Sets the filesystem's quotas.
    pub fn with_fs(mut self, fs: FsLimits) -> Self {
        self.fs = fs;
        self
    }

    /// Checks that every limit is in range.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] naming the first limit out of range.
    pub fn validate(&self) -> Result<()> {
        if self.timeout.is_zero() || self.timeout > Self::MAX_TIMEOUT {
            return Err(Error::InvalidRequest(format!(
                "timeout must be between 1 ms and {} s, got {} ms",
                Self::MAX_TIMEOUT.as_secs(),
                self.timeout.as_millis()
            )));
        }
        if self.memory_bytes < (1 << 20) || self.memory_bytes > Self::MAX_MEMORY_BYTES {
            return Err(Error::InvalidRequest(format!(
                "memory limit must be between 1 MiB and 4096 MiB, got {} bytes",
                self.memory_bytes
            )));
        }
        if self.fuel == 0 {
            return Err(Error::InvalidRequest("fuel must be positive".to_owned()));
        }
        self.fs.check().map_err(Error::InvalidRequest)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Self::DEFAULT_TIMEOUT,
            memory_bytes: Self::DEFAULT_MEMORY_BYTES,
            fuel: Self::DEFAULT_FUEL,
            stdout_bytes: Self::DEFAULT_OUTPUT_BYTES,
            stderr_bytes: Self::DEFAULT_OUTPUT_BYTES,
            fs: FsLimits::default(),
        }
    }
}

/// Durations as whole milliseconds in JSON (`"timeout": 30000`).
mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

/// Enforces the memory limit and remembers whether it refused anything.
///
/// A refused `memory.grow` is not a trap: the guest sees an ordinary allocation failure
/// (Python raises `MemoryError`, QuickJS throws "out of memory"). Only this record tells a
/// failure that the cap caused apart from any other crash.
#[derive(Debug)]
pub(crate) struct MemoryLimiter {
    limit: usize,
    peak: usize,
    refused: bool,
}

/// Tables are tiny next to memory; this only stops a guest growing one without bound.
const MAX_TABLE_ELEMENTS: usize = 1 << 20;

impl MemoryLimiter {
    pub(crate) fn new(limit_bytes: u64) -> Self {
        MemoryLimiter {
            limit: usize::try_from(limit_bytes).unwrap_or(usize::MAX),
            peak: 0,
            refused: false,
        }
    }

    /// The largest linear memory the guest had, in bytes.
    pub(crate) fn peak(&self) -> u64 {
        self.peak as u64
    }

    /// Whether a growth was refused because of the limit.
    pub(crate) fn refused(&self) -> bool {
        self.refused
    }
}

impl wasmtime::ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.limit {
            tracing::debug!(
                "error.type" = "memory_limit_exceeded",
                current,
                desired,
                limit = self.limit
            );
            self.refused = true;
            return Ok(false);
        }
        self.peak = self.peak.max(desired);
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= MAX_TABLE_ELEMENTS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_documented_values() {
        let limits = Limits::default();
        limits.validate().unwrap();
        assert_eq!(limits.timeout, Duration::from_secs(30));
        assert_eq!(limits.memory_bytes, 128 << 20);
    }

    #[test]
    fn out_of_range_limits_are_rejected() {
        let zero = Limits::default().with_timeout(Duration::ZERO);
        assert!(matches!(zero.validate(), Err(Error::InvalidRequest(_))));
        let tiny = Limits::default().with_memory_bytes(1000);
        assert!(matches!(tiny.validate(), Err(Error::InvalidRequest(_))));
        let huge = Limits::default().with_memory_bytes(5 << 30);
        assert!(huge.validate().is_err());
        assert!(Limits::default().with_fuel(0).validate().is_err());
    }

    #[test]
    fn limiter_records_refusals_and_peak() {
        use wasmtime::ResourceLimiter;
        let mut limiter = MemoryLimiter::new(1 << 20);
        assert!(limiter.memory_growing(0, 65536, None).unwrap());
        assert!(!limiter.refused());
        assert!(!limiter.memory_growing(65536, 2 << 20, None).unwrap());
        assert!(limiter.refused());
        assert_eq!(limiter.peak(), 65536);
    }

    #[test]
    fn limits_serialize_in_camel_case_millis() {
        let json = serde_json::to_value(Limits::default()).unwrap();
        assert_eq!(json["timeout"], 30000);
        assert_eq!(json["memoryBytes"], 128 << 20);
    }
}
