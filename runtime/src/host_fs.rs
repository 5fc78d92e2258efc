//! Where the runtime reads and writes host files: the interpreter builds and the standard
//! library's folder it reads, and the cache of compiled modules. A run itself creates, writes
//! and removes no host file: its filesystem is in memory (`vfs/`).
//!
//! # Ambient authority
//!
//! This module is not sandboxed: it opens host paths with the permissions of the process. Two
//! other places touch the host, each through what this module names: `module_cache.rs` maps
//! compiled modules from the cache folder [`CacheDir`] gives it (wasmtime's
//! `Module::deserialize_file`), and the Java backend (`java/`) talks to the container engine
//! over the socket `DOCKER_HOST` names, never to host files. The guest never sees a host path:
//! the standard library reaches it as an in-memory copy of what [`list_read_only`] lists and
//! [`read`] reads, under its guest path.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Reads a whole host file (an interpreter's build in the cache, a file of the standard
/// library).
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(Error::io("reading", path))
}

/// A file or folder of a host folder listed by [`list_read_only`].
#[derive(Debug)]
pub(crate) struct HostEntry {
    /// The path relative to the folder listed, with `/`.
    pub(crate) path: String,
    pub(crate) is_dir: bool,
}

/// Every file and folder below `dir` (CPython's standard library, in the cache), each folder
/// before what it holds, and the folder's own modification time in nanoseconds since the Unix
/// epoch. Symbolic links, other special files, and names that are not UTF-8 or hold a line
/// break are left out.
/// Only the listing is read, not one file's metadata: the kinds come with the names
/// (`d_type`), which keeps the thousands of files of CPython's test suite cheap to list in a
/// process that runs one program.
pub(crate) fn list_read_only(dir: &Path) -> Result<(Vec<HostEntry>, u64)> {
    let modified = std::fs::metadata(dir)
        .and_then(|meta| meta.modified())
        .map_err(Error::io("reading the metadata of", dir))?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    let mut entries = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = pending.pop() {
        let listing = std::fs::read_dir(&folder).map_err(Error::io("listing", &folder))?;
        for entry in listing {
            let entry = entry.map_err(Error::io("listing", &folder))?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.contains('\n') {
                continue;
            }
            // `DirEntry::file_type` does not follow a symbolic link.
            let kind = entry
                .file_type()
                .map_err(Error::io("reading the type of", entry.path()))?;
            let path = format!("{prefix}{name}");
            if kind.is_dir() {
                pending.push((entry.path(), format!("{path}/")));
            }
            if kind.is_dir() || kind.is_file() {
                entries.push(HostEntry {
                    path,
                    is_dir: kind.is_dir(),
                });
            }
        }
    }
    Ok((entries, modified))
}

/// The size of the host file at `path`.
pub(crate) fn file_size(path: &Path) -> Result<u64> {
    std::fs::metadata(path)
        .map(|meta| meta.len())
        .map_err(Error::io("reading the metadata of", path))
}

/// A cache folder of this process's own, made with a random name and owner-only permissions in
/// the temporary folder, for a process with no home. A fixed name there would let another local
/// user create the folder first and plant compiled modules, which the runtime maps as code.
fn private_temp_cache() -> Result<PathBuf> {
    tempfile::Builder::new()
        .prefix("codebox-cache-")
        .tempdir()
        .map(tempfile::TempDir::keep)
        .map_err(Error::io(
            "creating a private cache folder in",
            std::env::temp_dir(),
        ))
}

/// The directory where built interpreters and compiled modules are kept between runs.
#[derive(Debug, Clone)]
pub(crate) struct CacheDir {
    path: PathBuf,
}

impl CacheDir {
    /// `$CODEBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/codebox`, else `~/.cache/codebox`, else a
    /// private folder of this process in the temporary folder.
    pub(crate) fn from_env() -> Result<CacheDir> {
        let path = std::env::var_os("CODEBOX_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("codebox"))
            })
            .or_else(|| {
                std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache").join("codebox"))
            })
            .map_or_else(private_temp_cache, Ok)?;
        Ok(CacheDir { path })
    }

    pub(crate) fn new(path: PathBuf) -> CacheDir {
        CacheDir { path }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The path of a compiled module in the cache (it may not exist yet).
    pub(crate) fn module_path(&self, file_name: &str) -> PathBuf {
        self.path.join("modules").join(file_name)
    }

    /// The path of a saved listing of a folder in the cache (it may not exist yet).
    pub(crate) fn listing_path(&self, file_name: &str) -> PathBuf {
        self.path.join("listings").join(file_name)
    }

    /// Writes `bytes` to `path` atomically: a concurrent reader sees the old file or the whole
    /// new one, never a partial write.
    pub(crate) fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let dir = path.parent().unwrap_or(&self.path);
        std::fs::create_dir_all(dir).map_err(Error::io("creating", dir))?;
        let mut file =
            tempfile::NamedTempFile::new_in(dir).map_err(Error::io("creating a file in", dir))?;
        std::io::Write::write_all(&mut file, bytes)
            .map_err(Error::io("writing", file.path().to_owned()))?;
        file.persist(path)
            .map_err(|e| Error::io("storing", path)(e.error))?;
        Ok(())
    }

    /// Deletes a cache entry that could not be used.
    pub(crate) fn remove(&self, path: &Path) {
        if let Err(e) = std::fs::remove_file(path) {
            tracing::warn!(path = %path.display(), error = %e, "could not delete a stale cache entry");
        }
    }
}
