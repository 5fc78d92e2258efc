//! The `path_*` calls of the run's filesystem: opening, creating, reading the metadata of,
//! linking, renaming and removing what a path names, relative to a folder descriptor. The
//! descriptor calls (`fd_*`) and the lookups these share are in `mod.rs`.

use super::abi::{Errno, Filestat, LOOKUP_SYMLINK_FOLLOW, WasiResult, fdflags, oflags, rights};
use super::descriptors::{Descriptor, OpenFile, Place};
use super::tree::{New, Walk, Walked};
use super::{Vfs, now};

impl Vfs {
    /// Opens `path` from `fd` as `path_open` says: `oflags` (create, folder, exclusive,
    /// truncate), the rights asked for (reading and writing are what count), and the
    /// descriptor's flags (append, non-blocking; the sync flags change nothing in memory).
    pub(crate) fn path_open(
        &mut self,
        fd: u32,
        lookup: u32,
        path: &str,
        open: u16,
        rights_base: u64,
        flags: u16,
    ) -> WasiResult<u32> {
        let create = open & oflags::CREAT != 0;
        let exclusive = open & oflags::EXCL != 0;
        let truncate = open & oflags::TRUNC != 0;
        let directory = open & oflags::DIRECTORY != 0;
        if directory && (create || exclusive || truncate) {
            return Err(Errno::INVAL);
        }
        // As wasmtime-wasi does: creating or truncating implies writing, and a descriptor
        // that cannot write can read.
        let writable = rights_base & rights::FD_WRITE != 0 || create || truncate;
        let readable = rights_base & rights::FD_READ != 0 || !writable;
        // A full table fails before anything is created.
        self.quotas.check_open(self.fds.open())?;
        let (which, walked) = self.walk(fd, path, lookup & LOOKUP_SYMLINK_FOLLOW != 0)?;
        let node = match walked.walk {
            Walk::Found { .. } if create && exclusive => return Err(Errno::EXIST),
            Walk::Found { node, .. } => node,
            Walk::Missing { .. } if !create => return Err(Errno::NOENT),
            Walk::Missing { .. } if walked.trailing_slash => return Err(Errno::ISDIR),
            Walk::Missing { parent, name } => {
                let (tree, quotas) = self.writable(Place {
                    which,
                    node: parent,
                })?;
                tree.create(parent, &name, New::File, now(), quotas)?
            }
        };
        let at = Place { which, node };
        let tree = self.tree(which)?;
        if tree.is_symlink(node) {
            // Not followed: `O_NOFOLLOW` on a link.
            return Err(Errno::LOOP);
        }
        if tree.is_dir(node) {
            if writable {
                return Err(Errno::ISDIR);
            }
            return self.open_descriptor(Descriptor::Dir { at, preopen: None });
        }
        if directory || walked.trailing_slash {
            return Err(Errno::NOTDIR);
        }
        if writable {
            let (tree, quotas) = self.writable(at)?;
            if truncate && tree.size(node)? > 0 {
                tree.set_size(node, 0, now(), quotas)?;
            }
        }
        self.open_descriptor(Descriptor::File(OpenFile {
            at,
            position: 0,
            readable,
            writable,
            append: flags & fdflags::APPEND != 0,
            nonblock: flags & fdflags::NONBLOCK != 0,
        }))
    }

    pub(crate) fn path_create_directory(&mut self, fd: u32, path: &str) -> WasiResult<()> {
        let (parent, name) = self.find_new(fd, path)?;
        let (tree, quotas) = self.writable(parent)?;
        tree.create(parent.node, &name, New::Dir, now(), quotas)
            .map(drop)
    }

    pub(crate) fn path_filestat_get(
        &mut self,
        fd: u32,
        lookup: u32,
        path: &str,
    ) -> WasiResult<Filestat> {
        let place = self.find(fd, path, lookup & LOOKUP_SYMLINK_FOLLOW != 0)?;
        self.tree(place.which)?.stat(place.node)
    }

    pub(crate) fn path_filestat_set_times(
        &mut self,
        fd: u32,
        lookup: u32,
        path: &str,
        atim: u64,
        mtim: u64,
        flags: u16,
    ) -> WasiResult<()> {
        let place = self.find(fd, path, lookup & LOOKUP_SYMLINK_FOLLOW != 0)?;
        self.set_times(place, atim, mtim, flags)
    }

    pub(crate) fn path_link(
        &mut self,
        old_fd: u32,
        lookup: u32,
        old_path: &str,
        new_fd: u32,
        new_path: &str,
    ) -> WasiResult<()> {
        let old = self.find(old_fd, old_path, lookup & LOOKUP_SYMLINK_FOLLOW != 0)?;
        let (parent, name) = self.find_new(new_fd, new_path)?;
        if old.which != parent.which {
            return Err(Errno::XDEV);
        }
        let (tree, quotas) = self.writable(parent)?;
        tree.link(old.node, parent.node, &name, now(), quotas)
    }

    /// The target of the symbolic link at `path`.
    pub(crate) fn path_readlink(&mut self, fd: u32, path: &str) -> WasiResult<String> {
        let place = self.find(fd, path, false)?;
        Ok(self.tree(place.which)?.read_link(place.node)?.to_owned())
    }

    pub(crate) fn path_remove_directory(&mut self, fd: u32, path: &str) -> WasiResult<()> {
        let (parent, name) = self.find_entry(fd, path)?;
        let (tree, quotas) = self.writable(parent)?;
        tree.remove_dir(parent.node, &name, now(), quotas)
    }

    pub(crate) fn path_rename(
        &mut self,
        fd: u32,
        old_path: &str,
        new_fd: u32,
        new_path: &str,
    ) -> WasiResult<()> {
        let (from, from_name) = self.find_entry(fd, old_path)?;
        let (to, to_name) = match self.walk(new_fd, new_path, false)? {
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
            )
            | (
                which,
                Walked {
                    walk: Walk::Missing { parent, name },
                    ..
                },
            ) => (
                Place {
                    which,
                    node: parent,
                },
                name,
            ),
            (_, _) => return Err(Errno::INVAL),
        };
        if from.which != to.which {
            return Err(Errno::XDEV);
        }
        let (tree, quotas) = self.writable(from)?;
        tree.rename(from.node, &from_name, to.node, &to_name, now(), quotas)
    }

    pub(crate) fn path_symlink(&mut self, target: &str, fd: u32, path: &str) -> WasiResult<()> {
        // An absolute target could only lead out of the folder: refused, as cap-std does.
        if target.starts_with('/') {
            return Err(Errno::PERM);
        }
        let (parent, name) = self.find_new(fd, path)?;
        let (tree, quotas) = self.writable(parent)?;
        tree.create(parent.node, &name, New::Symlink(target), now(), quotas)
            .map(drop)
    }

    pub(crate) fn path_unlink_file(&mut self, fd: u32, path: &str) -> WasiResult<()> {
        let (parent, name) = self.find_entry(fd, path)?;
        let (tree, quotas) = self.writable(parent)?;
        tree.unlink(parent.node, &name, now(), quotas)
    }
}
