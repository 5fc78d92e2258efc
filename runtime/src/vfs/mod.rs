//! The filesystem of a run, in memory: the session's files (the working directory and
//! `/workspace`), a writable `/tmp` and, for Python, the shared standard library, behind the
//! guest's WASI preview 1 file calls.
//!
//! Why not a host folder per run, as before: a host folder let a program write gigabytes to
//! the host's disk within its memory limit, hold thousands of the server's descriptors, and
//! leave trees too deep to delete behind in the host's temporary folder. Here everything a run
//! writes is host memory owned by the run, bounded by its quotas ([`FsLimits`]) and dropped
//! with it; no host path is created, written, removed or shown for a run.
//!
//! How: the runtime provides the `wasi_snapshot_preview1` functions that take descriptors
//! and paths itself ([`preview1`]), over the run's [`Vfs`], while arguments, environment,
//! clocks, randomness and exit stay wasmtime-wasi's. Descriptor numbers are owned by this
//! module alone ([`descriptors`]), the standard streams included, so stdin, stdout and stderr
//! (the request's bytes and the capped pipes of `output.rs`) are served here too, and so is
//! `poll_oneoff`, whose sleeps wait on the run's executor where the deadline and a
//! cancellation can end them ([`poll`]). wasi-common's directory traits would have been the
//! other route, but its newest release (46) does not match wasmtime 48.

mod abi;
mod collect;
mod descriptors;
mod library;
mod paths;
mod poll;
pub(crate) mod preview1;
mod quota;
mod tree;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;

pub(crate) use self::collect::{Collected, GlobPattern};
pub use self::collect::{
    CollectedFile, MAX_COLLECT_PATTERNS, MAX_COLLECTED_BYTES, MAX_COLLECTED_FILES,
};
pub(crate) use self::library::load as load_library;
pub(crate) use self::poll::RunClock;
pub use self::quota::{FsLimits, FsQuota};
pub(crate) use self::tree::Tree;

use self::abi::{
    Errno, Fdstat, Filestat, GuestMemory, WasiResult, dirent, fdflags, filetype, fstflags, rights,
    whence,
};
use self::descriptors::{Descriptor, Descriptors, OpenFile, Place, Which};
use self::quota::Quotas;
use self::tree::{Content, NodeId, Walk, Walked};
use crate::Limits;
use crate::output::CappedPipe;

/// The device number `stat` shows for the run's own files.
const RUN_DEV: u64 = 1;

/// What a guest path preopened at the start of a run shows. The order of a run's mounts is
/// part of the snapshot's layout: the guest's libc recorded their descriptor numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mount {
    /// The shared standard library (Python's).
    Library,
    /// The entry file's folder, the program's working directory.
    WorkDir,
    /// The whole file set.
    Workspace,
    /// Scratch space of the run's own.
    Tmp,
}

/// The standard streams of a run.
#[derive(Debug)]
pub(crate) struct Stdio {
    pub(crate) stdin: Bytes,
    pub(crate) stdout: CappedPipe,
    pub(crate) stderr: CappedPipe,
}

/// Why a call could not answer the guest: an error the program sees, or a trap that ends
/// the run (output beyond its cap).
#[derive(Debug)]
pub(crate) enum CallError {
    Errno(Errno),
    Trap(wasmtime::Error),
}

impl From<Errno> for CallError {
    fn from(errno: Errno) -> Self {
        CallError::Errno(errno)
    }
}

/// The filesystem and descriptors of one run.
#[derive(Debug)]
pub(crate) struct Vfs {
    run: Tree,
    library: Option<Arc<Tree>>,
    fds: Descriptors,
    quotas: Quotas,
    stdio: Stdio,
    stdin_read: usize,
    clock: RunClock,
    work_dir: NodeId,
}

/// Nanoseconds since the Unix epoch, as `stat` reports times.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

impl Vfs {
    /// A filesystem holding `files` (validated relative paths) under `/workspace`, with
    /// `work_dir` as working directory, an empty `/tmp`, and `mounts` preopened in order at
    /// the guest paths given, within the quotas of `limits`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) when a file's path runs
    /// through another file, or the working directory is not a folder of the set.
    pub(crate) fn new(
        files: &BTreeMap<String, Bytes>,
        work_dir: &str,
        mounts: &[(&'static str, Mount)],
        library: Option<Arc<Tree>>,
        stdio: Stdio,
        limits: &Limits,
        clock: RunClock,
    ) -> crate::Result<Vfs> {
        let now = now();
        let mut quotas = Quotas::new(limits.fs, limits.memory_bytes);
        let mut run = Tree::new(RUN_DEV, now);
        let bad = |path: &str| {
            crate::Error::InvalidRequest(format!(
                "the file set cannot hold {path:?}: a file is in its way"
            ))
        };
        let workspace = run
            .add_given(Tree::ROOT, "workspace", None, now)
            .map_err(|_| bad("/workspace"))?;
        let tmp = run
            .add_given(Tree::ROOT, "tmp", None, now)
            .map_err(|_| bad("/tmp"))?;
        for (path, bytes) in files {
            let mut parent = workspace;
            let mut names = path.split('/').peekable();
            while let Some(name) = names.next() {
                let content = names
                    .peek()
                    .is_none()
                    .then(|| Content::Shared(bytes.clone()));
                let made = run.lookup(parent, name).is_none();
                parent = run
                    .add_given(parent, name, content, now)
                    .map_err(|_| bad(path))?;
                if !run.is_dir(parent) && names.peek().is_some() {
                    return Err(bad(path));
                }
                if made {
                    quotas.add_given_entry();
                }
            }
        }
        let mut dir = workspace;
        for name in work_dir.split('/').filter(|n| !n.is_empty()) {
            dir = run
                .lookup(dir, name)
                .filter(|id| run.is_dir(*id))
                .ok_or_else(|| bad(work_dir))?;
        }
        let work_dir = dir;

        let mut fds = Descriptors::default();
        for stream in [Descriptor::Stdin, Descriptor::Stdout, Descriptor::Stderr] {
            fds.insert(stream, &mut quotas)
                .map_err(|_| crate::Error::InvalidRequest("too few open files".to_owned()))?;
        }
        for &(guest_path, mount) in mounts {
            let at = match mount {
                Mount::Library if library.is_none() => continue,
                Mount::Library => Place {
                    which: Which::Library,
                    node: Tree::ROOT,
                },
                Mount::WorkDir => Place {
                    which: Which::Run,
                    node: work_dir,
                },
                Mount::Workspace => Place {
                    which: Which::Run,
                    node: workspace,
                },
                Mount::Tmp => Place {
                    which: Which::Run,
                    node: tmp,
                },
            };
            if at.which == Which::Run {
                run.retain(at.node);
            }
            let preopen = Descriptor::Dir {
                at,
                preopen: Some(guest_path),
            };
            fds.insert(preopen, &mut quotas)
                .map_err(|_| crate::Error::InvalidRequest("too few open files".to_owned()))?;
        }
        Ok(Vfs {
            run,
            library,
            fds,
            quotas,
            stdio,
            stdin_read: 0,
            clock,
            work_dir,
        })
    }

    /// The first quota the program was refused, if any.
    pub(crate) fn quota_hit(&self) -> Option<FsQuota> {
        self.quotas.hit()
    }

    /// The run's clock.
    pub(crate) fn clock(&self) -> &RunClock {
        &self.clock
    }

    /// The files under the working directory that match `patterns` and that the program
    /// made or changed (their bytes differ from `given`, the request's files, or the
    /// request had none there).
    pub(crate) fn collect(
        &self,
        patterns: &[GlobPattern],
        given: &BTreeMap<String, Bytes>,
        work_dir: &str,
    ) -> Collected {
        collect::collect(&self.run, self.work_dir, patterns, given, work_dir)
    }

    fn tree(&self, which: Which) -> WasiResult<&Tree> {
        match which {
            Which::Run => Ok(&self.run),
            Which::Library => self.library.as_deref().ok_or(Errno::BADF),
        }
    }

    /// The run's own tree, for a change at `place`: the library is read-only.
    fn writable(&mut self, place: Place) -> WasiResult<(&mut Tree, &mut Quotas)> {
        match place.which {
            Which::Run => Ok((&mut self.run, &mut self.quotas)),
            Which::Library => Err(Errno::ROFS),
        }
    }

    /// The folder a path call starts from.
    fn base(&self, fd: u32) -> WasiResult<Place> {
        match self.fds.get(fd)? {
            Descriptor::Dir { at, .. } => Ok(*at),
            Descriptor::File(_) => Err(Errno::NOTDIR),
            Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr => Err(Errno::BADF),
        }
    }

    /// Resolves `path` from descriptor `fd`, refusing a path longer than the quota.
    fn walk(&mut self, fd: u32, path: &str, follow: bool) -> WasiResult<(Which, Walked)> {
        self.quotas.check_path_len(path.len())?;
        let base = self.base(fd)?;
        let walked = self.tree(base.which)?.walk(base.node, path, follow)?;
        Ok((base.which, walked))
    }

    /// Resolves `path` from `fd` to an existing node.
    fn find(&mut self, fd: u32, path: &str, follow: bool) -> WasiResult<Place> {
        match self.walk(fd, path, follow)? {
            (
                which,
                Walked {
                    walk: Walk::Found { node, .. },
                    ..
                },
            ) => Ok(Place { which, node }),
            (_, _) => Err(Errno::NOENT),
        }
    }

    /// Resolves `path` from `fd` to the folder and name of an existing entry.
    fn find_entry(&mut self, fd: u32, path: &str) -> WasiResult<(Place, String)> {
        match self.walk(fd, path, false)? {
            (
                which,
                Walked {
                    walk:
                        Walk::Found {
                            entry: Some((parent, name)),
                            ..
                        },
                    ..
                },
            ) => Ok((
                Place {
                    which,
                    node: parent,
                },
                name,
            )),
            (
                _,
                Walked {
                    walk: Walk::Found { .. },
                    ..
                },
            ) => Err(Errno::INVAL),
            (
                _,
                Walked {
                    walk: Walk::Missing { .. },
                    ..
                },
            ) => Err(Errno::NOENT),
        }
    }

    /// Resolves `path` from `fd` to the folder and name of an entry that does not exist yet.
    fn find_new(&mut self, fd: u32, path: &str) -> WasiResult<(Place, String)> {
        match self.walk(fd, path, false)? {
            (
                which,
                Walked {
                    walk: Walk::Missing { parent, name },
                    ..
                },
            ) => Ok((
                Place {
                    which,
                    node: parent,
                },
                name,
            )),
            (_, _) => Err(Errno::EXIST),
        }
    }

    fn open_descriptor(&mut self, descriptor: Descriptor) -> WasiResult<u32> {
        let place = descriptor.place();
        let fd = self.fds.insert(descriptor, &mut self.quotas)?;
        if let Some(Place {
            which: Which::Run,
            node,
        }) = place
        {
            self.run.retain(node);
        }
        Ok(fd)
    }

    fn release(&mut self, descriptor: Descriptor) {
        if let Some(Place {
            which: Which::Run,
            node,
        }) = descriptor.place()
        {
            self.run.release(node, &mut self.quotas);
        }
    }

    fn file(&self, fd: u32) -> WasiResult<&OpenFile> {
        match self.fds.get(fd)? {
            Descriptor::File(file) => Ok(file),
            Descriptor::Dir { .. } => Err(Errno::ISDIR),
            Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr => Err(Errno::BADF),
        }
    }

    fn file_mut(&mut self, fd: u32) -> WasiResult<&mut OpenFile> {
        match self.fds.get_mut(fd)? {
            Descriptor::File(file) => Ok(file),
            Descriptor::Dir { .. } => Err(Errno::ISDIR),
            Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr => Err(Errno::BADF),
        }
    }

    pub(crate) fn fd_close(&mut self, fd: u32) -> WasiResult<()> {
        let closed = self.fds.remove(fd)?;
        self.release(closed);
        Ok(())
    }

    pub(crate) fn fd_renumber(&mut self, from: u32, to: u32) -> WasiResult<()> {
        if let Some(replaced) = self.fds.renumber(from, to)? {
            self.release(replaced);
        }
        Ok(())
    }

    /// Reads into the buffers `iovecs` at the descriptor's position (or at `at`, leaving
    /// the position alone).
    pub(crate) fn fd_read(
        &mut self,
        memory: &mut GuestMemory<'_>,
        fd: u32,
        iovecs: &[(u32, u32)],
        at: Option<u64>,
    ) -> WasiResult<u32> {
        if let Descriptor::Stdin = self.fds.get(fd)? {
            if at.is_some() {
                return Err(Errno::SPIPE);
            }
            let mut total = 0;
            for &(ptr, len) in iovecs {
                let rest = &self.stdio.stdin[self.stdin_read.min(self.stdio.stdin.len())..];
                let n = rest.len().min(len as usize);
                memory.write(ptr, &rest[..n])?;
                self.stdin_read += n;
                total += n;
                if n < len as usize {
                    break;
                }
            }
            return u32::try_from(total).map_err(|_| Errno::OVERFLOW);
        }
        let file = self.file(fd)?;
        if !file.readable {
            return Err(Errno::BADF);
        }
        let (place, mut position) = (file.at, at.unwrap_or(file.position));
        let tree = self.tree(place.which)?;
        let mut total = 0u64;
        for &(ptr, len) in iovecs {
            let buf = memory.slice_mut(ptr, len)?;
            let n = tree.read_at(place.node, position, buf)?;
            position += n as u64;
            total += n as u64;
            if n < len as usize {
                break;
            }
        }
        if at.is_none() {
            self.file_mut(fd)?.position = position;
        }
        u32::try_from(total).map_err(|_| Errno::OVERFLOW)
    }

    /// Writes the buffers `iovecs` at the descriptor's position (or at `at`). Output beyond
    /// the cap of stdout or stderr ends the run.
    pub(crate) fn fd_write(
        &mut self,
        memory: &GuestMemory<'_>,
        fd: u32,
        iovecs: &[(u32, u32)],
        at: Option<u64>,
    ) -> Result<u32, CallError> {
        let pipe = match self.fds.get(fd)? {
            Descriptor::Stdout => Some(&self.stdio.stdout),
            Descriptor::Stderr => Some(&self.stdio.stderr),
            _ => None,
        };
        if let Some(pipe) = pipe {
            if at.is_some() {
                return Err(Errno::SPIPE.into());
            }
            let mut total = 0u32;
            for &(ptr, len) in iovecs {
                if !pipe.push(memory.slice(ptr, len)?) {
                    return Err(CallError::Trap(wasmtime::format_err!(
                        "output limit exceeded"
                    )));
                }
                total = total.saturating_add(len);
            }
            return Ok(total);
        }
        let file = self.file(fd)?;
        if !file.writable {
            return Err(Errno::BADF.into());
        }
        let (place, append) = (file.at, file.append);
        let mut position = at.unwrap_or(file.position);
        let (tree, quotas) = self.writable(place)?;
        if append {
            position = tree.size(place.node)?;
        }
        let now = now();
        let mut total = 0u64;
        for &(ptr, len) in iovecs {
            match tree.write_at(place.node, position, memory.slice(ptr, len)?, now, quotas) {
                Ok(n) => {
                    position += n as u64;
                    total += n as u64;
                }
                // What was written stays written: a short write, as on a full disk.
                Err(_) if total > 0 => break,
                Err(errno) => return Err(errno.into()),
            }
        }
        if at.is_none() {
            self.file_mut(fd)?.position = position;
        }
        Ok(u32::try_from(total).map_err(|_| Errno::OVERFLOW)?)
    }

    pub(crate) fn fd_seek(&mut self, fd: u32, offset: i64, from: u8) -> WasiResult<u64> {
        let file = match self.fds.get(fd)? {
            Descriptor::File(file) => file,
            Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr => {
                return Err(Errno::SPIPE);
            }
            Descriptor::Dir { .. } => return Err(Errno::BADF),
        };
        let origin = match from {
            whence::SET => 0,
            whence::CUR => file.position,
            whence::END => self.tree(file.at.which)?.size(file.at.node)?,
            _ => return Err(Errno::INVAL),
        };
        let position = origin
            .checked_add_signed(offset)
            .filter(|p| i64::try_from(*p).is_ok())
            .ok_or(Errno::INVAL)?;
        self.file_mut(fd)?.position = position;
        Ok(position)
    }

    pub(crate) fn fd_fdstat_get(&self, fd: u32) -> WasiResult<Fdstat> {
        let stream = |rights| Fdstat {
            filetype: filetype::UNKNOWN,
            flags: 0,
            rights_base: rights,
            rights_inheriting: rights,
        };
        Ok(match self.fds.get(fd)? {
            Descriptor::Stdin => stream(rights::FD_READ),
            Descriptor::Stdout | Descriptor::Stderr => stream(rights::FD_WRITE),
            // Files opened in a folder may have any right: the guest's libc asks for the
            // ones it needs out of these.
            Descriptor::Dir { .. } => Fdstat {
                filetype: filetype::DIRECTORY,
                flags: 0,
                rights_base: rights::DIRECTORY,
                rights_inheriting: rights::ALL,
            },
            Descriptor::File(file) => {
                let mut base = rights::ALL;
                if !file.readable {
                    base &= !rights::FD_READ;
                }
                if !file.writable {
                    base &= !rights::FD_WRITE;
                }
                let mut flags = 0;
                if file.append {
                    flags |= fdflags::APPEND;
                }
                if file.nonblock {
                    flags |= fdflags::NONBLOCK;
                }
                Fdstat {
                    filetype: filetype::REGULAR_FILE,
                    flags,
                    rights_base: base,
                    rights_inheriting: base,
                }
            }
        })
    }

    pub(crate) fn fd_fdstat_set_flags(&mut self, fd: u32, flags: u16) -> WasiResult<()> {
        if flags & !(fdflags::APPEND | fdflags::NONBLOCK) != 0 {
            return Err(Errno::INVAL);
        }
        let file = match self.fds.get_mut(fd)? {
            Descriptor::File(file) => file,
            _ => return Err(Errno::BADF),
        };
        file.append = flags & fdflags::APPEND != 0;
        file.nonblock = flags & fdflags::NONBLOCK != 0;
        Ok(())
    }

    /// Checks that `fd` is open on a file or folder (calls that change nothing in memory).
    pub(crate) fn fd_check(&self, fd: u32) -> WasiResult<()> {
        match self.fds.get(fd)? {
            Descriptor::File(_) | Descriptor::Dir { .. } => Ok(()),
            Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr => Err(Errno::INVAL),
        }
    }

    pub(crate) fn fd_filestat_get(&self, fd: u32) -> WasiResult<Filestat> {
        match self.fds.get(fd)?.place() {
            Some(place) => self.tree(place.which)?.stat(place.node),
            None => Ok(Filestat {
                dev: 0,
                ino: 0,
                filetype: filetype::UNKNOWN,
                nlink: 0,
                size: 0,
                atim: 0,
                mtim: 0,
                ctim: 0,
            }),
        }
    }

    pub(crate) fn fd_filestat_set_size(&mut self, fd: u32, size: u64) -> WasiResult<()> {
        let file = self.file(fd)?;
        if !file.writable {
            return Err(Errno::BADF);
        }
        let place = file.at;
        let (tree, quotas) = self.writable(place)?;
        tree.set_size(place.node, size, now(), quotas)
    }

    /// Makes the file at least `offset + len` bytes long.
    pub(crate) fn fd_allocate(&mut self, fd: u32, offset: u64, len: u64) -> WasiResult<()> {
        let file = self.file(fd)?;
        if !file.writable {
            return Err(Errno::BADF);
        }
        let place = file.at;
        let end = offset.checked_add(len).ok_or(Errno::FBIG)?;
        let (tree, quotas) = self.writable(place)?;
        if end > tree.size(place.node)? {
            tree.set_size(place.node, end, now(), quotas)?;
        }
        Ok(())
    }

    pub(crate) fn fd_filestat_set_times(
        &mut self,
        fd: u32,
        atim: u64,
        mtim: u64,
        flags: u16,
    ) -> WasiResult<()> {
        let place = self.fds.get(fd)?.place().ok_or(Errno::BADF)?;
        self.set_times(place, atim, mtim, flags)
    }

    fn set_times(&mut self, place: Place, atim: u64, mtim: u64, flags: u16) -> WasiResult<()> {
        let now = now();
        let pick = |value, set, set_now| match (flags & set != 0, flags & set_now != 0) {
            (true, true) => Err(Errno::INVAL),
            (true, false) => Ok(Some(value)),
            (false, true) => Ok(Some(now)),
            (false, false) => Ok(None),
        };
        let atim = pick(atim, fstflags::ATIM, fstflags::ATIM_NOW)?;
        let mtim = pick(mtim, fstflags::MTIM, fstflags::MTIM_NOW)?;
        let (tree, _) = self.writable(place)?;
        tree.set_times(place.node, atim, mtim, now)
    }

    /// The guest path of preopened folder `fd`.
    pub(crate) fn fd_prestat(&self, fd: u32) -> WasiResult<&'static str> {
        match self.fds.get(fd)? {
            Descriptor::Dir {
                preopen: Some(path),
                ..
            } => Ok(path),
            _ => Err(Errno::BADF),
        }
    }

    /// Lists folder `fd` from `cookie` into the `len` bytes at `buf`, as `dirent` headers
    /// each followed by its name; the last entry may be cut at the end of the buffer.
    pub(crate) fn fd_readdir(
        &self,
        memory: &mut GuestMemory<'_>,
        fd: u32,
        buf: u32,
        len: u32,
        cookie: u64,
    ) -> WasiResult<u32> {
        let at = match self.fds.get(fd)? {
            Descriptor::Dir { at, .. } => *at,
            Descriptor::File(_) => return Err(Errno::NOTDIR),
            Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr => {
                return Err(Errno::BADF);
            }
        };
        let out = memory.slice_mut(buf, len)?;
        let mut used = 0;
        self.tree(at.which)?.read_dir(at.node, cookie, |entry| {
            let name_len = u32::try_from(entry.name.len()).unwrap_or(u32::MAX);
            let header = dirent(entry.next, entry.ino, name_len, entry.filetype);
            for part in [&header[..], entry.name.as_bytes()] {
                let n = part.len().min(out.len() - used);
                out[used..used + n].copy_from_slice(&part[..n]);
                used += n;
            }
            used < out.len()
        })?;
        u32::try_from(used).map_err(|_| Errno::OVERFLOW)
    }

    /// How many bytes `fd` can be read (or written) without waiting, for `poll_oneoff`:
    /// nothing in memory ever waits.
    pub(crate) fn fd_ready(&self, fd: u32, write: bool) -> WasiResult<u64> {
        match (self.fds.get(fd)?, write) {
            (Descriptor::Stdin, false) => {
                Ok(self.stdio.stdin.len().saturating_sub(self.stdin_read) as u64)
            }
            (Descriptor::File(file), false) if file.readable => Ok(self
                .tree(file.at.which)?
                .size(file.at.node)?
                .saturating_sub(file.position)),
            (Descriptor::Stdout | Descriptor::Stderr, true) => Ok(0),
            (Descriptor::File(file), true) if file.writable => Ok(0),
            _ => Err(Errno::BADF),
        }
    }

    /// A socket call on `fd`: there are no sockets.
    pub(crate) fn sock(&self, fd: u32) -> Errno {
        match self.fds.get(fd) {
            Ok(_) => Errno::NOTSOCK,
            Err(errno) => errno,
        }
    }
}

#[cfg(test)]
mod tests;
