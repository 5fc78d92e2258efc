//! What the caller asks for: a [`RunRequest`] (language, entry, files, stdin, limits, an output
//! listener, a cancel token and the files to collect back), and the checks of its paths that
//! every backend relies on.

use std::collections::BTreeMap;

use bytes::Bytes;

use crate::vfs::GlobPattern;
use crate::{CancelToken, Error, Language, Limits, MAX_COLLECT_PATTERNS, OutputListener, Result};

/// Longest accepted file path, in bytes.
pub const MAX_PATH_BYTES: usize = 1024;
/// Deepest accepted file path, in segments.
pub const MAX_PATH_DEPTH: usize = 32;
/// Longest accepted segment of a path (a file or folder name), in bytes: what every common
/// filesystem allows (`NAME_MAX`).
pub const MAX_SEGMENT_BYTES: usize = 255;

/// One execution: a language, an entry file, the files the program may see, its stdin and its
/// limits.
///
/// [`RunRequest::new`] starts with:
/// * no files (add at least the entry file with [`file`](RunRequest::file));
/// * empty stdin;
/// * [`Limits::default()`] (30 s, 128 MiB, 1 MiB of stdout and of stderr, a fuel budget);
/// * no output listener (the output arrives in the result only);
/// * no cancel token;
/// * no files collected back ([`collect_files`](RunRequest::collect_files)).
///
/// Paths are relative and use `/` (`utils/helper.py`). The program's working directory is the
/// entry file's folder; the whole file set is also visible at `/workspace`, and `/tmp` is the
/// run's own, empty at the start. A Python or JavaScript program may write anywhere in these,
/// within [`Limits::fs`](crate::Limits); its writes stay in the run's memory and never change
/// the request's files.
#[derive(Clone)]
pub struct RunRequest {
    language: Language,
    entry: String,
    files: BTreeMap<String, Bytes>,
    stdin: Bytes,
    limits: Limits,
    listener: Option<OutputListener>,
    cancel: Option<CancelToken>,
    collect: Vec<String>,
}

impl std::fmt::Debug for RunRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunRequest")
            .field("language", &self.language)
            .field("entry", &self.entry)
            .field("files", &self.files.keys().collect::<Vec<_>>())
            .field("stdin_bytes", &self.stdin.len())
            .field("limits", &self.limits)
            .field("listener", &self.listener.is_some())
            .field("cancel", &self.cancel)
            .field("collect", &self.collect)
            .finish()
    }
}

impl RunRequest {
    /// A request to run `entry` (a path among the files) as `language`.
    pub fn new(language: Language, entry: impl Into<String>) -> Self {
        RunRequest {
            language,
            entry: entry.into(),
            files: BTreeMap::new(),
            stdin: Bytes::new(),
            limits: Limits::default(),
            listener: None,
            cancel: None,
            collect: Vec::new(),
        }
    }

    /// Returns the files the program made or changed whose paths, relative to the working
    /// directory, match one of `patterns` (`out/*.txt`, `output.txt`, `**/*.csv`: `*` and `?`
    /// within a name, `**` for any number of folders), in
    /// [`ExecutionResult::collected_files`](crate::ExecutionResult). At most
    /// [`MAX_COLLECT_PATTERNS`](crate::MAX_COLLECT_PATTERNS) patterns; at most
    /// [`MAX_COLLECTED_FILES`](crate::MAX_COLLECTED_FILES) files and
    /// [`MAX_COLLECTED_BYTES`](crate::MAX_COLLECTED_BYTES) in all come back, in path order.
    /// Python and JavaScript only: a Java run returns none.
    pub fn collect_files<P: Into<String>>(mut self, patterns: impl IntoIterator<Item = P>) -> Self {
        self.collect = patterns.into_iter().map(Into::into).collect();
        self
    }

    /// The patterns of the files to return.
    pub fn collect_patterns(&self) -> &[String] {
        &self.collect
    }

    /// Streams the output to `listener` as the program writes it (see [`OutputListener`]).
    pub fn on_output(
        mut self,
        listener: impl Fn(crate::StreamKind, &[u8]) + Send + Sync + 'static,
    ) -> Self {
        self.listener = Some(std::sync::Arc::new(listener));
        self
    }

    /// Lets `token` stop the run (see [`CancelToken`]).
    pub fn cancel_token(mut self, token: CancelToken) -> Self {
        self.cancel = Some(token);
        self
    }

    pub(crate) fn listener(&self) -> Option<OutputListener> {
        self.listener.clone()
    }

    pub(crate) fn cancel(&self) -> Option<&CancelToken> {
        self.cancel.as_ref()
    }

    /// Adds (or replaces) a file that the program can see.
    pub fn file(mut self, path: impl Into<String>, contents: impl Into<Bytes>) -> Self {
        self.files.insert(path.into(), contents.into());
        self
    }

    /// Adds every file of `files`.
    pub fn files<P: Into<String>, C: Into<Bytes>>(
        mut self,
        files: impl IntoIterator<Item = (P, C)>,
    ) -> Self {
        self.files
            .extend(files.into_iter().map(|(p, c)| (p.into(), c.into())));
        self
    }

    /// Sets what the program reads from stdin.
    pub fn stdin(mut self, stdin: impl Into<Bytes>) -> Self {
        self.stdin = stdin.into();
        self
    }

    /// Sets the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The entry file's path.
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// The files, by path.
    pub fn file_set(&self) -> &BTreeMap<String, Bytes> {
        &self.files
    }

    /// The program's stdin.
    pub fn stdin_bytes(&self) -> &Bytes {
        &self.stdin
    }

    /// The limits of this run.
    pub fn limit_values(&self) -> &Limits {
        &self.limits
    }

    /// Checks the paths, that the entry is one of the files, and the limits.
    pub(crate) fn validate(&self) -> Result<()> {
        self.limits.validate()?;
        for path in self.files.keys() {
            validate_path(path)?;
        }
        if !self.files.contains_key(&self.entry) {
            return Err(Error::InvalidRequest(format!(
                "the entry file {:?} is not among the files",
                self.entry
            )));
        }
        self.glob_patterns().map(drop)
    }

    /// The collect patterns, parsed.
    pub(crate) fn glob_patterns(&self) -> Result<Vec<GlobPattern>> {
        if self.collect.len() > MAX_COLLECT_PATTERNS {
            return Err(Error::InvalidRequest(format!(
                "at most {MAX_COLLECT_PATTERNS} collect patterns, got {}",
                self.collect.len()
            )));
        }
        self.collect
            .iter()
            .map(|p| GlobPattern::parse(p).map_err(Error::InvalidRequest))
            .collect()
    }

    /// The entry's folder (the working directory), `""` for the top level, and its file name.
    pub(crate) fn entry_parts(&self) -> (&str, &str) {
        self.entry.rsplit_once('/').unwrap_or(("", &self.entry))
    }
}

/// Accepts a relative, normalised path: `/`-separated segments that are not empty, `.` or `..`,
/// without backslashes, NUL or control characters, at most [`MAX_PATH_BYTES`] long,
/// [`MAX_PATH_DEPTH`] segments deep and with segments of at most [`MAX_SEGMENT_BYTES`]. These are the paths a [`RunRequest`] accepts.
///
/// # Errors
///
/// [`Error::InvalidRequest`] saying what is wrong with the path.
pub fn validate_path(path: &str) -> Result<()> {
    let reject = |why: &str| {
        Err(Error::InvalidRequest(format!(
            "invalid file path {path:?}: {why}"
        )))
    };
    if path.is_empty() {
        return reject("it is empty");
    }
    if path.len() > MAX_PATH_BYTES {
        return reject("it is too long");
    }
    if path.starts_with('/') {
        return reject("it must be relative");
    }
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return reject("it contains a control character or a backslash");
    }
    let mut depth = 0;
    for segment in path.split('/') {
        depth += 1;
        match segment {
            "" => return reject("it has an empty segment"),
            "." | ".." => return reject("it has a `.` or `..` segment"),
            long if long.len() > MAX_SEGMENT_BYTES => {
                return reject("a file or folder name is longer than 255 bytes");
            }
            _ => {}
        }
    }
    if depth > MAX_PATH_DEPTH {
        return reject("it is too deep");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_paths() {
        for path in [
            "main.py",
            "utils/helper.py",
            "a/b/c/d.js",
            ".hidden",
            "x..y",
        ] {
            validate_path(path).unwrap();
        }
    }

    #[test]
    fn bad_paths() {
        for path in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "a//b",
            "./a",
            "a/",
            "a\0b",
            "a\\b",
            "a\nb",
        ] {
            assert!(validate_path(path).is_err(), "{path:?} was accepted");
        }
        assert!(validate_path("a/".repeat(40).trim_end_matches('/')).is_err());
        assert!(validate_path(&"a".repeat(2000)).is_err());
    }

    #[test]
    fn names_are_at_most_255_bytes() {
        validate_path(&format!("dir/{}", "n".repeat(MAX_SEGMENT_BYTES))).unwrap();
        assert!(validate_path(&format!("dir/{}", "n".repeat(MAX_SEGMENT_BYTES + 1))).is_err());
        assert!(validate_path(&format!("{}/main.py", "d".repeat(300))).is_err());
    }

    #[test]
    fn entry_must_be_a_file() {
        let request = RunRequest::new(Language::Python, "main.py").file("other.py", "");
        assert!(matches!(request.validate(), Err(Error::InvalidRequest(_))));
        let request = RunRequest::new(Language::Python, "sub/main.py").file("sub/main.py", "");
        request.validate().unwrap();
        assert_eq!(request.entry_parts(), ("sub", "main.py"));
    }
}
