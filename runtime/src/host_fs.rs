//! Where the runtime reads and writes host files: the sandbox's scratch directory, the
//! standard library's folder the guest reads, the interpreter builds it reads, and the cache of
//! compiled modules.
//!
//! # Ambient authority
//!
//! This module is not sandboxed: it opens host paths with the permissions of the process. Two
//! other places touch the host, each through what this module names: `module_cache.rs` maps
//! compiled modules from the cache folder [`CacheDir`] gives it (wasmtime's
//! `Module::deserialize_file`), and the Java backend (`java/`) talks to the container engine
//! over the socket `DOCKER_HOST` names, never to host files. The guest never sees a host path:
//! it sees only the scratch directory made here, through WASI preopens, which wasmtime confines
//! with cap-std (no `..`, absolute path or symlink leads out of it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

use crate::{Error, Result};

/// Where the guest finds the whole file set, whatever its working directory.
pub(crate) const WORKSPACE_GUEST_PATH: &str = "/workspace";

/// A private, writable copy of a request's files, deleted when dropped.
///
/// Guest writes are allowed and land in this copy, so programs that write scratch files work;
/// the caller's files are never touched, and the copy is discarded after the run.
#[derive(Debug)]
pub(crate) struct SandboxDir {
    dir: tempfile::TempDir,
    work_dir: PathBuf,
}

impl SandboxDir {
    /// Writes `files` (already validated relative paths) into a new scratch directory.
    pub(crate) fn materialize(
        files: &BTreeMap<String, Bytes>,
        work_dir: &str,
    ) -> Result<SandboxDir> {
        let dir = tempfile::Builder::new()
            .prefix("codebox-run-")
            .tempdir()
            .map_err(Error::io(
                "creating a scratch directory in",
                std::env::temp_dir(),
            ))?;
        for (path, contents) in files {
            let host_path = dir.path().join(path);
            if let Some(parent) = host_path.parent() {
                std::fs::create_dir_all(parent).map_err(Error::io("creating", parent))?;
            }
            std::fs::write(&host_path, contents).map_err(Error::io("writing", &host_path))?;
        }
        let work_dir = dir.path().join(work_dir);
        Ok(SandboxDir { dir, work_dir })
    }

    /// Makes the working directory the guest's `.` and the whole copy its `/workspace`.
    pub(crate) fn preopen(&self, wasi: &mut WasiCtxBuilder) -> Result<()> {
        wasi.preopened_dir(&self.work_dir, ".", FsPerms::ReadWrite)
            .map_err(|e| Error::Engine {
                context: "preopening the working directory",
                message: e.to_string(),
            })?;
        wasi.preopened_dir(self.dir.path(), WORKSPACE_GUEST_PATH, FsPerms::ReadWrite)
            .map_err(|e| Error::Engine {
                context: "preopening the workspace",
                message: e.to_string(),
            })?;
        Ok(())
    }
}

/// Reads a whole host file (an interpreter's build in the cache).
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(Error::io("reading", path))
}

/// Makes `dir` (CPython's standard library, in the cache) the guest's read-only
/// [`STDLIB_GUEST_DIR`](codebox_interpreters::python::STDLIB_GUEST_DIR).
pub(crate) fn preopen_stdlib(wasi: &mut WasiCtxBuilder, dir: &Path) -> Result<()> {
    wasi.preopened_dir(
        dir,
        codebox_interpreters::python::STDLIB_GUEST_DIR,
        FsPerms::ReadOnly,
    )
    .map_err(|e| Error::Engine {
        context: "preopening the standard library",
        message: e.to_string(),
    })?;
    Ok(())
}

/// The directory where built interpreters and compiled modules are kept between runs.
#[derive(Debug, Clone)]
pub(crate) struct CacheDir {
    path: PathBuf,
}

impl CacheDir {
    /// `$CODEBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/codebox`, else `~/.cache/codebox`.
    pub(crate) fn from_env() -> CacheDir {
        let path = std::env::var_os("CODEBOX_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("codebox"))
            })
            .or_else(|| {
                std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache").join("codebox"))
            })
            .unwrap_or_else(|| std::env::temp_dir().join("codebox-cache"));
        CacheDir { path }
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
