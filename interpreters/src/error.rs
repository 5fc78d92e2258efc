use std::path::PathBuf;

/// What can go wrong while obtaining an interpreter. Every message says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Building an interpreter from source failed.
    #[error(
        "building {what} failed ({status}); its last lines:\n{log}\nscripts/install-deps \
         installs what the build needs"
    )]
    BuildFailed {
        /// Which interpreter.
        what: &'static str,
        /// The build's exit status.
        status: String,
        /// The end of the build's output.
        log: String,
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
