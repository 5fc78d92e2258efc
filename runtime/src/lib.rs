//! codebox's runtime: runs untrusted Python and JavaScript inside wasmtime, and Java in a
//! locked-down container, under hard limits, seeing only the files it is given.
//!
//! Python is CPython 3.13 compiled to WASI and snapshotted after its initialisation,
//! JavaScript is QuickJS compiled to WASI (see the `codebox-interpreters` crate for where each
//! comes from). Every run of those gets:
//!
//! * a fresh interpreter instance, copy-on-write from a module compiled once per machine and
//!   cached (for CPython, the snapshot: its start-up is already done);
//! * its files in an in-memory filesystem of its own (the entry file's folder as working
//!   directory, the whole set at `/workspace`, a writable `/tmp`), bounded by quotas
//!   ([`FsLimits`]) and dropped with the run, and nothing else of the host: no host paths, no
//!   host files written, no environment variables, no network;
//! * a wall-clock deadline (epoch interruption), a fuel budget (unless the runtime is built
//!   without fuel metering), a memory cap and caps on stdout and stderr ([`Limits`]).
//!
//! Java runs in a container of the Java image (`infra/java-image`) through the Docker Engine
//! API, with no network, memory, CPU and process caps, a read-only root, a small `/tmp`, a
//! non-root user and no capabilities ([`JavaConfig`]); the same requests and results apply.
//!
//! Whatever the program does, [`Runtime::run`] answers an [`ExecutionResult`]: its output
//! (kept when it is stopped), exit code, [`Termination`], wall time, fuel and peak memory,
//! the filesystem quota it was refused if any ([`FsQuota`]), and the files it wrote that the
//! request asked back ([`CollectedFile`]).
//! Errors ([`Error`]) are reserved for requests that cannot run at all.
//!
//! # Example
//!
//! ```
//! use codebox_runtime::{Language, Runtime, RunRequest, Termination};
//!
//! # fn main() -> Result<(), codebox_runtime::Error> {
//! let runtime = Runtime::builder().build()?;
//! let request = RunRequest::new(Language::JavaScript, "main.js")
//!     .file("main.js", "const { twice } = require('./lib/twice');\nconsole.log(twice(21));")
//!     .file("lib/twice.js", "exports.twice = (n) => n * 2;");
//! let result = runtime.run(&request)?;
//! assert_eq!(result.stdout, "42\n");
//! assert_eq!(result.termination, Termination::Exited);
//! assert_eq!(result.exit_code, Some(0));
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod cancel;
mod engine;
mod error;
mod guest;
mod guest_store;
mod host_fs;
mod java;
mod language;
mod limits;
mod module_cache;
mod outcome;
mod output;
mod request;
mod runtime;
mod snapshot;
mod sync;
mod vfs;

pub use self::cancel::CancelToken;
pub use self::error::{Error, Result};
pub use self::java::{JavaConfig, JavaUsage};
pub use self::language::{Language, UnknownLanguage};
pub use self::limits::Limits;
pub use self::outcome::{ExecutionResult, Termination};
pub use self::output::{OutputListener, StreamKind};
pub use self::request::{
    MAX_PATH_BYTES, MAX_PATH_DEPTH, MAX_SEGMENT_BYTES, RunRequest, validate_path,
};
pub use self::runtime::{ProgressFn, Runtime, RuntimeBuilder};
pub use self::vfs::{
    CollectedFile, FsLimits, FsQuota, MAX_COLLECT_PATTERNS, MAX_COLLECTED_BYTES,
    MAX_COLLECTED_FILES,
};
