//! CPython's standard library as every Python run sees it: one read-only tree per runtime,
//! shared by all runs, whose files are read from the interpreter's build in the cache the
//! first time any run opens them and kept in memory from then on.
//!
//! Why in memory rather than a read-only preopen of the host folder: a run then costs no host
//! descriptor and no host system call for the library, and the run's filesystem has one
//! implementation instead of two. Why lazily: the folder also holds CPython's own test suite
//! (tens of megabytes that only the runtime's own tests read), while a program needs only the
//! standard library's zip, which the first run (the snapshot, in fact) loads once.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use super::abi::{Errno, WasiResult};
use super::tree::{Content, Tree};
use crate::Result;
use crate::host_fs::{self, HostEntry};

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

/// Lists the folder `dir` (without following links) into a tree whose files are read when
/// first opened; every node shows the folder's own modification time.
///
/// # Errors
///
/// [`Error::Io`](crate::Error::Io) when the folder cannot be listed.
pub(crate) fn load(dir: &Path) -> Result<Arc<Tree>> {
    let (listing, modified) = host_fs::list_read_only(dir)?;
    let mut tree = Tree::new(LIBRARY_DEV, modified);
    for HostEntry { path, is_dir } in listing {
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
