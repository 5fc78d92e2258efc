//! CPython's standard library as every Python run sees it: one read-only tree per runtime,
//! shared by all runs, whose files are read from the interpreter's build in the cache the
//! first time any run opens them and kept in memory from then on.
//!
//! Why in memory rather than a read-only preopen of the host folder: it measured faster
//! (importing eight modules that the snapshot does not hold, `8 stdlib imp` in the benchmark,
//! took 45 ms in-process through the preopen and 20 ms from memory: every `stat`, `open` and
//! `read` of the import system is a lookup in memory instead of a host system call through
//! cap-std), a run holds no host descriptor for it, and the run's filesystem has one
//! implementation instead of two. Why lazily: the folder also holds CPython's own test suite
//! (33 MB that only the runtime's own tests read), while programs need only the standard
//! library's zip (11 MB), which is read once per process, the first time a run imports a
//! module that the snapshot does not hold.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use super::abi::{Errno, WasiResult};
use super::tree::{Content, Tree};
use crate::Result;
use crate::host_fs::{self, CacheDir, HostEntry};

/// The device number `stat` shows for the library's files (the run's own are on device 1).
const LIBRARY_DEV: u64 = 2;

/// A file of the library: its size and its bytes, each read from the host when first needed.
#[derive(Debug)]
pub(crate) struct LazyFile {
    host_path: PathBuf,
    size: OnceLock<u64>,
    bytes: OnceLock<Bytes>,
}

impl LazyFile {
    /// The file's size (0 when the host cannot say, as when the cache was cleaned under a
    /// running server; reading it is then `EIO`).
    pub(crate) fn size(&self) -> u64 {
        if let Some(bytes) = self.bytes.get() {
            return bytes.len() as u64;
        }
        *self.size.get_or_init(|| {
            host_fs::file_size(&self.host_path).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "could not read the size of a standard library file");
                0
            })
        })
    }

    /// The file's bytes, read from the host on first use: `EIO` when they cannot be.
    pub(crate) fn bytes(&self) -> WasiResult<&[u8]> {
        if let Some(bytes) = self.bytes.get() {
            return Ok(bytes);
        }
        let loaded = host_fs::read(&self.host_path).map_err(|e| {
            tracing::warn!(error = %e, "could not read a standard library file");
            Errno::IO
        })?;
        Ok(self.bytes.get_or_init(|| Bytes::from(loaded)))
    }
}

/// The folder `dir` (without following links) as a tree whose files are read when first
/// opened; every node shows the folder's own modification time. The listing is saved in
/// `cache` under `name` the first time, and read from there afterwards: the folder is a build
/// that never changes under its name, and one file is cheaper to read than its 160 folders to
/// list, for a process that runs one program.
///
/// # Errors
///
/// [`Error::Io`](crate::Error::Io) when the folder cannot be listed.
pub(crate) fn load(dir: &Path, cache: &CacheDir, name: &str) -> Result<Arc<Tree>> {
    let saved = cache.listing_path(name);
    let listing = match host_fs::read(&saved).ok().and_then(|bytes| parse(&bytes)) {
        Some(listing) => listing,
        None => {
            let listing = host_fs::list_read_only(dir)?;
            if let Err(e) = cache.write_atomic(&saved, render(&listing).as_bytes()) {
                tracing::warn!(error = %e, "could not save the standard library's listing");
            }
            listing
        }
    };
    let (entries, modified) = listing;
    let mut tree = Tree::new(LIBRARY_DEV, modified);
    for HostEntry { path, is_dir } in entries {
        let mut parent = Tree::ROOT;
        let mut names = path.split('/').peekable();
        while let Some(name) = names.next() {
            let content = (names.peek().is_none() && !is_dir).then(|| {
                Content::Lazy(Arc::new(LazyFile {
                    host_path: dir.join(&path),
                    size: OnceLock::new(),
                    bytes: OnceLock::new(),
                }))
            });
            parent = tree
                .add_given(parent, name, content, modified)
                .map_err(|e| crate::Error::Engine {
                    context: "loading the standard library",
                    message: format!("{path}: WASI error {}", e.0),
                })?;
        }
    }
    Ok(Arc::new(tree))
}

/// A listing as text: `modified <ns>`, then one line per entry, `d <path>` or `f <path>`.
fn render((entries, modified): &(Vec<HostEntry>, u64)) -> String {
    let mut text = format!("modified {modified}\n");
    for entry in entries {
        let kind = if entry.is_dir { 'd' } else { 'f' };
        text.push_str(&format!("{kind} {}\n", entry.path));
    }
    text
}

/// Reads back what [`render`] wrote; `None` for anything else.
fn parse(bytes: &[u8]) -> Option<(Vec<HostEntry>, u64)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = text.lines();
    let modified = lines.next()?.strip_prefix("modified ")?.parse().ok()?;
    let entries = lines
        .map(|line| match line.split_once(' ')? {
            ("d", path) => Some((path, true)),
            ("f", path) => Some((path, false)),
            _ => None,
        })
        .map(|entry| {
            entry.map(|(path, is_dir)| HostEntry {
                path: path.to_owned(),
                is_dir,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some((entries, modified))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_listing_reads_back_as_it_was() {
        let listing = (
            vec![
                HostEntry {
                    path: "test".to_owned(),
                    is_dir: true,
                },
                HostEntry {
                    path: "test/a b.py".to_owned(),
                    is_dir: false,
                },
            ],
            42,
        );
        let (entries, modified) = parse(render(&listing).as_bytes()).unwrap();
        assert_eq!(modified, 42);
        assert_eq!(entries.len(), 2);
        assert_eq!(
            (entries[1].path.as_str(), entries[1].is_dir),
            ("test/a b.py", false)
        );
        assert!(parse(b"garbage").is_none());
    }

    #[test]
    fn the_library_is_listed_once_and_read_when_opened() {
        let lib = tempfile::tempdir().unwrap();
        std::fs::create_dir(lib.path().join("pkg")).unwrap();
        std::fs::write(lib.path().join("pkg/mod.py"), "x = 1\n").unwrap();
        let cache = tempfile::tempdir().unwrap();
        let cache = CacheDir::new(cache.path().to_owned());
        let tree = load(lib.path(), &cache, "lib.txt").unwrap();
        assert!(cache.listing_path("lib.txt").is_file());
        // A file added later is not in the saved listing: the build never changes.
        std::fs::write(lib.path().join("late.py"), "").unwrap();
        let again = load(lib.path(), &cache, "lib.txt").unwrap();
        assert!(again.lookup(Tree::ROOT, "late.py").is_none());
        let pkg = tree.lookup(Tree::ROOT, "pkg").unwrap();
        let module = tree.lookup(pkg, "mod.py").unwrap();
        assert_eq!(tree.size(module), Ok(6));
        assert_eq!(tree.contents(module).unwrap(), b"x = 1\n");
    }
}
