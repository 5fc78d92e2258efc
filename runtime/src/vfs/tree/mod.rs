//! A tree of folders, files and symbolic links in host memory: the files of one run, or the
//! standard library that every Python run shares.
//!
//! Nodes live in one flat table and name each other by index, so that a tree thousands of
//! folders deep is dropped, walked and moved without recursion (a recursive delete of such a
//! tree could overflow the stack of the thread running it). A node stays in the table while a
//! name leads to it or a descriptor holds it, as on a real filesystem: a file deleted while
//! open can still be read and written, and its memory is given back when it is closed.
//!
//! A folder lists its entries in the order they were made, and hands out each entry's
//! sequence number as its `readdir` cookie. A cookie then stays valid whatever is added or
//! deleted meanwhile, so a program that deletes entries while it lists them (Rust's
//! `remove_dir_all`, which QuickJS's `fs.rmSync` uses) neither skips nor repeats any.
//!
//! Paths are resolved beneath the folder they start from: `..` never climbs above it, and an
//! absolute path or a symbolic link leading out of it is `EPERM`, as wasmtime's own
//! filesystem (cap-std) answers for a preopened folder.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use bytes::Bytes;

mod changes;
mod contents;
#[cfg(test)]
mod tests;

use super::abi::{Errno, Filestat, WasiResult, filetype};
use super::library::LazyFile;
use super::quota::{FsQuota, Quotas};

/// A node's index in its tree.
pub(crate) type NodeId = u32;

/// The longest name of one entry, as on Linux.
pub(crate) const NAME_MAX: usize = 255;
/// Symbolic links followed in one path before it is `ELOOP`, as on Linux.
const MAX_LINKS_FOLLOWED: u32 = 40;

/// A tree of nodes.
#[derive(Debug)]
pub(crate) struct Tree {
    nodes: Vec<Option<Node>>,
    free: Vec<NodeId>,
    next_ino: u64,
    /// The device number `stat` reports for this tree's nodes.
    dev: u64,
}

#[derive(Debug)]
struct Node {
    ino: u64,
    kind: Kind,
    /// Names that lead to the node: one for a folder while it is in the tree, one per hard
    /// link for a file or a symbolic link.
    links: u32,
    /// Descriptors open on the node.
    opened: u32,
    atim: u64,
    mtim: u64,
    ctim: u64,
}

#[derive(Debug)]
enum Kind {
    Dir(Dir),
    File(Content),
    Symlink(Box<str>),
}

#[derive(Debug)]
struct Dir {
    /// The folder above (the root's is itself).
    parent: NodeId,
    /// Its own name in `parent`, to measure paths.
    name: Box<str>,
    by_name: HashMap<Box<str>, u64>,
    by_seq: BTreeMap<u64, (Box<str>, NodeId)>,
    next_seq: u64,
}

impl Dir {
    fn new(parent: NodeId, name: &str) -> Dir {
        Dir {
            parent,
            name: name.into(),
            by_name: HashMap::new(),
            by_seq: BTreeMap::new(),
            next_seq: 0,
        }
    }

    fn get(&self, name: &str) -> Option<NodeId> {
        let seq = self.by_name.get(name)?;
        self.by_seq.get(seq).map(|(_, id)| *id)
    }

    fn insert(&mut self, name: &str, id: NodeId) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.by_name.insert(name.into(), seq);
        self.by_seq.insert(seq, (name.into(), id));
    }

    fn remove(&mut self, name: &str) -> Option<NodeId> {
        let seq = self.by_name.remove(name)?;
        self.by_seq.remove(&seq).map(|(_, id)| id)
    }
}

/// The bytes of a file.
#[derive(Debug)]
pub(crate) enum Content {
    /// Bytes the run did not write (the request's files): shared with the caller, charged to
    /// no quota.
    Shared(Bytes),
    /// Bytes the run wrote: its own, charged to its byte quota by capacity (as is the target of
    /// a symbolic link the run makes).
    Owned(Vec<u8>),
    /// A file of the standard library, read from the host the first time it is opened and
    /// shared by every run from then on.
    Lazy(Arc<LazyFile>),
}

impl Content {
    fn len(&self) -> u64 {
        match self {
            Content::Shared(bytes) => bytes.len() as u64,
            Content::Owned(bytes) => bytes.len() as u64,
            Content::Lazy(file) => file.size(),
        }
    }

    /// What this file charges to the byte quota.
    fn charge(&self) -> u64 {
        match self {
            Content::Owned(bytes) => bytes.capacity() as u64,
            Content::Shared(_) | Content::Lazy(_) => 0,
        }
    }

    fn bytes(&self) -> WasiResult<&[u8]> {
        match self {
            Content::Shared(bytes) => Ok(bytes),
            Content::Owned(bytes) => Ok(bytes),
            Content::Lazy(file) => file.bytes(),
        }
    }

    /// The run's own bytes, with room for at least `needed`, charged to `quotas`.
    fn owned(&mut self, needed: usize, quotas: &mut Quotas) -> WasiResult<&mut Vec<u8>> {
        let before = self.charge();
        let capacity = match self {
            Content::Owned(bytes) if bytes.capacity() >= needed => 0,
            // Growing by doubling keeps appends linear; the budget caps the doubling.
            Content::Owned(bytes) => needed.max(bytes.capacity().saturating_mul(2)),
            Content::Shared(_) | Content::Lazy(_) => needed,
        };
        if capacity > 0 {
            let allowed = usize::try_from(before + quotas.bytes_left()).unwrap_or(usize::MAX);
            let capacity = capacity.min(allowed);
            if capacity < needed {
                return Err(quotas.refuse(FsQuota::Bytes));
            }
            if let Content::Owned(bytes) = self {
                bytes.reserve_exact(capacity - bytes.len());
            } else {
                let mut bytes = Vec::with_capacity(capacity);
                bytes.extend_from_slice(self.bytes()?);
                *self = Content::Owned(bytes);
            }
            quotas.recharge(before, self.charge());
        }
        match self {
            Content::Owned(bytes) => Ok(bytes),
            Content::Shared(_) | Content::Lazy(_) => Err(Errno::IO),
        }
    }
}

/// What [`Tree::create`] makes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum New<'a> {
    File,
    Dir,
    /// A symbolic link to this target.
    Symlink(&'a str),
}

/// What a path names.
#[derive(Debug)]
pub(crate) enum Walk {
    /// An existing node, and the folder and name that lead to it (none when the path ends
    /// in `.` or `..`, or is the starting folder itself).
    Found {
        node: NodeId,
        entry: Option<(NodeId, String)>,
    },
    /// Nothing, but the folder it would be in exists.
    Missing { parent: NodeId, name: String },
}

/// A resolved path.
#[derive(Debug)]
pub(crate) struct Walked {
    pub(crate) walk: Walk,
    /// The path ended in `/`: it must name a folder.
    pub(crate) trailing_slash: bool,
}

/// What a folder entry is, for `readdir`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The cookie that resumes the listing after this entry.
    pub(crate) next: u64,
    pub(crate) ino: u64,
    pub(crate) filetype: u8,
    pub(crate) name: String,
}

impl Tree {
    /// A tree holding only its root folder, whose nodes `stat` shows on device `dev`.
    pub(crate) fn new(dev: u64, now: u64) -> Tree {
        let mut tree = Tree {
            nodes: Vec::new(),
            free: Vec::new(),
            next_ino: 1,
            dev,
        };
        tree.alloc(Kind::Dir(Dir::new(0, "")), now);
        tree
    }

    /// The root folder.
    pub(crate) const ROOT: NodeId = 0;

    fn alloc(&mut self, kind: Kind, now: u64) -> NodeId {
        let node = Node {
            ino: self.next_ino,
            kind,
            links: 0,
            opened: 0,
            atim: now,
            mtim: now,
            ctim: now,
        };
        self.next_ino += 1;
        match self.free.pop() {
            Some(id) => {
                self.nodes[id as usize] = Some(node);
                id
            }
            None => {
                self.nodes.push(Some(node));
                (self.nodes.len() - 1) as NodeId
            }
        }
    }

    fn node(&self, id: NodeId) -> WasiResult<&Node> {
        self.nodes
            .get(id as usize)
            .and_then(Option::as_ref)
            .ok_or(Errno::NOENT)
    }

    fn node_mut(&mut self, id: NodeId) -> WasiResult<&mut Node> {
        self.nodes
            .get_mut(id as usize)
            .and_then(Option::as_mut)
            .ok_or(Errno::NOENT)
    }

    fn dir(&self, id: NodeId) -> WasiResult<&Dir> {
        match &self.node(id)?.kind {
            Kind::Dir(dir) => Ok(dir),
            _ => Err(Errno::NOTDIR),
        }
    }

    fn dir_mut(&mut self, id: NodeId) -> WasiResult<&mut Dir> {
        match &mut self.node_mut(id)?.kind {
            Kind::Dir(dir) => Ok(dir),
            _ => Err(Errno::NOTDIR),
        }
    }

    fn content(&self, id: NodeId) -> WasiResult<&Content> {
        match &self.node(id)?.kind {
            Kind::File(content) => Ok(content),
            Kind::Dir(_) => Err(Errno::ISDIR),
            Kind::Symlink(_) => Err(Errno::INVAL),
        }
    }

    fn content_mut(&mut self, id: NodeId) -> WasiResult<&mut Content> {
        match &mut self.node_mut(id)?.kind {
            Kind::File(content) => Ok(content),
            Kind::Dir(_) => Err(Errno::ISDIR),
            Kind::Symlink(_) => Err(Errno::INVAL),
        }
    }

    /// Whether `id` is a folder.
    pub(crate) fn is_dir(&self, id: NodeId) -> bool {
        matches!(self.node(id).map(|n| &n.kind), Ok(Kind::Dir(_)))
    }

    /// Whether `id` is a symbolic link.
    pub(crate) fn is_symlink(&self, id: NodeId) -> bool {
        matches!(self.node(id).map(|n| &n.kind), Ok(Kind::Symlink(_)))
    }

    /// The node `name` leads to in folder `dir`.
    pub(crate) fn lookup(&self, dir: NodeId, name: &str) -> Option<NodeId> {
        self.dir(dir).ok()?.get(name)
    }

    /// Resolves `path` beneath folder `base`, following symbolic links on the way, and the
    /// last one too when `follow_last` says so (or the path ends in `/`).
    pub(crate) fn walk(&self, base: NodeId, path: &str, follow_last: bool) -> WasiResult<Walked> {
        if path.is_empty() {
            return Err(Errno::NOENT);
        }
        if path.starts_with('/') {
            return Err(Errno::PERM);
        }
        let trailing_slash = path.ends_with('/');
        let found = |node, entry| Walked {
            walk: Walk::Found { node, entry },
            trailing_slash,
        };
        // The components still to resolve, the next one last.
        let mut pending = components(path);
        // The folders from `base` down to the current one; never empty.
        let mut stack = vec![base];
        let mut followed = 0;
        while let Some(component) = pending.pop() {
            let last = pending.is_empty();
            let here = stack[stack.len() - 1];
            match component.as_str() {
                "." => {}
                ".." => {
                    if stack.len() == 1 {
                        return Err(Errno::PERM);
                    }
                    stack.pop();
                }
                name => {
                    if name.len() > NAME_MAX {
                        return Err(Errno::NAMETOOLONG);
                    }
                    let Some(child) = self.dir(here)?.get(name) else {
                        if !last {
                            return Err(Errno::NOENT);
                        }
                        return Ok(Walked {
                            walk: Walk::Missing {
                                parent: here,
                                name: name.to_owned(),
                            },
                            trailing_slash,
                        });
                    };
                    let entry = Some((here, name.to_owned()));
                    match &self.node(child)?.kind {
                        Kind::Symlink(target) if !last || follow_last || trailing_slash => {
                            followed += 1;
                            if followed > MAX_LINKS_FOLLOWED {
                                return Err(Errno::LOOP);
                            }
                            if target.starts_with('/') {
                                return Err(Errno::PERM);
                            }
                            // The target takes the link's place, resolved from its folder.
                            let expanded = components(target);
                            if expanded.is_empty() {
                                return Err(Errno::NOENT);
                            }
                            pending.extend(expanded);
                        }
                        Kind::Dir(_) if last => return Ok(found(child, entry)),
                        Kind::Dir(_) => stack.push(child),
                        _ if last && trailing_slash => return Err(Errno::NOTDIR),
                        _ if last => return Ok(found(child, entry)),
                        _ => return Err(Errno::NOTDIR),
                    }
                }
            }
        }
        Ok(found(stack[stack.len() - 1], None))
    }

    /// How deep folder `dir` is below the root, and the length of its absolute path.
    fn depth_and_path_len(&self, dir: NodeId) -> WasiResult<(usize, usize)> {
        let mut depth = 0;
        let mut len = 0;
        let mut at = dir;
        while at != Tree::ROOT {
            let folder = self.dir(at)?;
            depth += 1;
            len += folder.name.len() + 1;
            at = folder.parent;
        }
        Ok((depth, len))
    }

    /// Checks that a new entry `name` fits in folder `parent`: the folder is still in the
    /// tree, and the depth and path length stay within the quotas.
    fn check_new_entry(&self, parent: NodeId, name: &str, quotas: &mut Quotas) -> WasiResult<()> {
        if name.len() > NAME_MAX {
            return Err(Errno::NAMETOOLONG);
        }
        if self.node(parent)?.links == 0 && parent != Tree::ROOT {
            // The folder was deleted: nothing can be made in it.
            return Err(Errno::NOENT);
        }
        if self.dir(parent)?.get(name).is_some() {
            return Err(Errno::EXIST);
        }
        let (depth, len) = self.depth_and_path_len(parent)?;
        quotas.check_depth(depth + 1)?;
        quotas.check_path_len(len + 1 + name.len())
    }

    fn attach(&mut self, parent: NodeId, name: &str, id: NodeId, now: u64) -> WasiResult<()> {
        let dir = self.dir_mut(parent)?;
        dir.insert(name, id);
        let parent_node = self.node_mut(parent)?;
        parent_node.mtim = now;
        parent_node.ctim = now;
        let node = self.node_mut(id)?;
        node.links += 1;
        if let Kind::Dir(dir) = &mut node.kind {
            dir.parent = parent;
            dir.name = name.into();
        }
        Ok(())
    }
}

/// The `/`-separated components of `path`, empty ones dropped, the first one last.
fn components(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|c| !c.is_empty())
        .rev()
        .map(str::to_owned)
        .collect()
}
