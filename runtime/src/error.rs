//! The runtime's errors: what stops a request from running at all. A program's own failures
//! are never errors (see `outcome.rs`).

use std::path::PathBuf;

/// Why the runtime could not run a request at all.
///
/// A program that fails (exits non-zero, throws, hits a limit, traps) is not an error: it is an
/// [`ExecutionResult`](crate::ExecutionResult). These are the failures of the request itself
/// or of the machine: a bad path, an interpreter that cannot be obtained, a cache that cannot
/// be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed: an unknown entry file, a path that leaves the sandbox, limits
    /// out of range. Nothing ran.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// An interpreter could not be built.
    #[error(transparent)]
    Interpreter(#[from] codebox_interpreters::Error),
    /// wasmtime refused to compile, load or link an interpreter module.
    #[error("{context}: {message}")]
    Engine {
        /// What was being done.
        context: &'static str,
        /// wasmtime's description of the failure.
        message: String,
    },
    /// Java cannot run here now: the container engine does not answer, lacks the Java image,
    /// or failed during the run. Python and JavaScript are unaffected.
    #[error("Java is unavailable: {0}")]
    JavaUnavailable(String),
    /// A host file operation failed (the module cache, an interpreter build, the standard
    /// library). A run itself writes no host file.
    #[error("{context} {}: {source}", path.display())]
    Io {
        /// What was being done.
        context: &'static str,
        /// The host path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// A `Result` whose error is the runtime's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps a wasmtime error; its message is kept, its type does not leave the crate.
    pub(crate) fn engine(context: &'static str) -> impl FnOnce(wasmtime::Error) -> Error {
        move |e| Error::Engine {
            context,
            message: format!("{e:#}"),
        }
    }

    pub(crate) fn io(
        context: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            context,
            path,
            source,
        }
    }
}
