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

    /// Makes `name` in `parent`: an empty file or folder, or a symbolic link.
    pub(crate) fn create(
        &mut self,
        parent: NodeId,
        name: &str,
        new: New<'_>,
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<NodeId> {
        self.check_new_entry(parent, name, quotas)?;
        let kind = match new {
            New::File => Kind::File(Content::Owned(Vec::new())),
            New::Dir => Kind::Dir(Dir::new(parent, name)),
            New::Symlink(target) => {
                quotas.check_path_len(target.len())?;
                if quotas.bytes_left() < target.len() as u64 {
                    return Err(quotas.refuse(FsQuota::Bytes));
                }
                Kind::Symlink(target.into())
            }
        };
        quotas.add_entry()?;
        if let New::Symlink(target) = new {
            quotas.recharge(0, target.len() as u64);
        }
        let id = self.alloc(kind, now);
        self.attach(parent, name, id, now)?;
        Ok(id)
    }

    /// Gives file (or link) `node` one more name, `name` in `parent`.
    pub(crate) fn link(
        &mut self,
        node: NodeId,
        parent: NodeId,
        name: &str,
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<()> {
        if self.is_dir(node) {
            return Err(Errno::PERM);
        }
        self.check_new_entry(parent, name, quotas)?;
        quotas.add_entry()?;
        self.node_mut(node)?.ctim = now;
        self.attach(parent, name, node, now)
    }

    /// Adds a node of the request (or of the standard library) without asking the quotas:
    /// the caller vouches for it.
    pub(crate) fn add_given(
        &mut self,
        parent: NodeId,
        name: &str,
        content: Option<Content>,
        now: u64,
    ) -> WasiResult<NodeId> {
        if let Some(existing) = self.lookup(parent, name) {
            return Ok(existing);
        }
        let kind = match content {
            Some(content) => Kind::File(content),
            None => Kind::Dir(Dir::new(parent, name)),
        };
        let id = self.alloc(kind, now);
        self.attach(parent, name, id, now)?;
        Ok(id)
    }

    /// Removes the name `name` of a file or link from `parent`.
    pub(crate) fn unlink(
        &mut self,
        parent: NodeId,
        name: &str,
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<()> {
        let node = self.dir(parent)?.get(name).ok_or(Errno::NOENT)?;
        if self.is_dir(node) {
            return Err(Errno::ISDIR);
        }
        self.detach(parent, name, node, now, quotas)
    }

    /// Removes the empty folder `name` from `parent`.
    pub(crate) fn remove_dir(
        &mut self,
        parent: NodeId,
        name: &str,
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<()> {
        let node = self.dir(parent)?.get(name).ok_or(Errno::NOENT)?;
        if !self.dir(node)?.by_seq.is_empty() {
            return Err(Errno::NOTEMPTY);
        }
        self.detach(parent, name, node, now, quotas)
    }

    fn detach(
        &mut self,
        parent: NodeId,
        name: &str,
        node: NodeId,
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<()> {
        self.dir_mut(parent)?.remove(name);
        let parent_node = self.node_mut(parent)?;
        parent_node.mtim = now;
        parent_node.ctim = now;
        quotas.remove_entry();
        let detached = self.node_mut(node)?;
        detached.links = detached.links.saturating_sub(1);
        detached.ctim = now;
        self.collect(node, quotas);
        Ok(())
    }

    /// Frees `id` when nothing leads to it any more, giving its bytes back to the quota.
    fn collect(&mut self, id: NodeId, quotas: &mut Quotas) {
        let Some(Some(node)) = self.nodes.get(id as usize) else {
            return;
        };
        if node.links > 0 || node.opened > 0 || id == Tree::ROOT {
            return;
        }
        match &node.kind {
            Kind::File(content) => quotas.recharge(content.charge(), 0),
            Kind::Symlink(target) => quotas.recharge(target.len() as u64, 0),
            Kind::Dir(_) => {}
        }
        self.nodes[id as usize] = None;
        self.free.push(id);
    }

    /// Renames `from_name` in `from` to `to_name` in `to`, replacing what was there as
    /// `rename(2)` does.
    pub(crate) fn rename(
        &mut self,
        from: NodeId,
        from_name: &str,
        to: NodeId,
        to_name: &str,
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<()> {
        let node = self.dir(from)?.get(from_name).ok_or(Errno::NOENT)?;
        if to_name.len() > NAME_MAX {
            return Err(Errno::NAMETOOLONG);
        }
        if self.node(to)?.links == 0 && to != Tree::ROOT {
            return Err(Errno::NOENT);
        }
        let replaced = self.dir(to)?.get(to_name);
        if replaced == Some(node) {
            return Ok(());
        }
        let moving_dir = self.is_dir(node);
        if moving_dir {
            // A folder cannot move into itself or below itself.
            let mut at = to;
            loop {
                if at == node {
                    return Err(Errno::INVAL);
                }
                if at == Tree::ROOT {
                    break;
                }
                at = self.dir(at)?.parent;
            }
        }
        if let Some(replaced) = replaced {
            match (moving_dir, self.is_dir(replaced)) {
                (true, false) => return Err(Errno::NOTDIR),
                (false, true) => return Err(Errno::ISDIR),
                (true, true) if !self.dir(replaced)?.by_seq.is_empty() => {
                    return Err(Errno::NOTEMPTY);
                }
                _ => {}
            }
        }
        // What moves must fit where it lands: its own depth and path, and those below it.
        let (depth, len) = self.depth_and_path_len(to)?;
        let (below, below_len) = if moving_dir {
            self.extent(node)?
        } else {
            (0, 0)
        };
        quotas.check_depth(depth + 1 + below)?;
        quotas.check_path_len(len + 1 + to_name.len() + below_len)?;

        if let Some(replaced) = replaced {
            self.detach(to, to_name, replaced, now, quotas)?;
        }
        self.dir_mut(from)?.remove(from_name);
        let from_node = self.node_mut(from)?;
        from_node.mtim = now;
        from_node.ctim = now;
        let moved = self.node_mut(node)?;
        moved.links -= 1;
        moved.ctim = now;
        self.attach(to, to_name, node, now)
    }

    /// How many levels of folders lie below folder `dir`, and the longest path below it.
    fn extent(&self, dir: NodeId) -> WasiResult<(usize, usize)> {
        let mut deepest = (0, 0);
        let mut pending = vec![(dir, 0usize, 0usize)];
        while let Some((at, depth, len)) = pending.pop() {
            deepest.0 = deepest.0.max(depth);
            deepest.1 = deepest.1.max(len);
            for (name, child) in self.dir(at)?.by_seq.values() {
                let child_len = len + 1 + name.len();
                if self.is_dir(*child) {
                    pending.push((*child, depth + 1, child_len));
                } else {
                    deepest.0 = deepest.0.max(depth + 1);
                    deepest.1 = deepest.1.max(child_len);
                }
            }
        }
        Ok(deepest)
    }

    /// A descriptor opens on `id`.
    pub(crate) fn retain(&mut self, id: NodeId) {
        if let Ok(node) = self.node_mut(id) {
            node.opened += 1;
        }
    }

    /// A descriptor on `id` closes.
    pub(crate) fn release(&mut self, id: NodeId, quotas: &mut Quotas) {
        if let Ok(node) = self.node_mut(id) {
            node.opened = node.opened.saturating_sub(1);
        }
        self.collect(id, quotas);
    }

    /// What `stat` says of `id`.
    pub(crate) fn stat(&self, id: NodeId) -> WasiResult<Filestat> {
        let node = self.node(id)?;
        let (filetype, size) = match &node.kind {
            Kind::Dir(dir) => (filetype::DIRECTORY, dir.by_seq.len() as u64),
            Kind::File(content) => (filetype::REGULAR_FILE, content.len()),
            Kind::Symlink(target) => (filetype::SYMBOLIC_LINK, target.len() as u64),
        };
        Ok(Filestat {
            dev: self.dev,
            ino: node.ino,
            filetype,
            nlink: u64::from(node.links.max(u32::from(id == Tree::ROOT))),
            size,
            atim: node.atim,
            mtim: node.mtim,
            ctim: node.ctim,
        })
    }

    /// Sets the access and modification times of `id` (`None` leaves one as it is).
    pub(crate) fn set_times(
        &mut self,
        id: NodeId,
        atim: Option<u64>,
        mtim: Option<u64>,
        now: u64,
    ) -> WasiResult<()> {
        let node = self.node_mut(id)?;
        if let Some(atim) = atim {
            node.atim = atim;
        }
        if let Some(mtim) = mtim {
            node.mtim = mtim;
        }
        node.ctim = now;
        Ok(())
    }

    /// The target of symbolic link `id`.
    pub(crate) fn read_link(&self, id: NodeId) -> WasiResult<&str> {
        match &self.node(id)?.kind {
            Kind::Symlink(target) => Ok(target),
            _ => Err(Errno::INVAL),
        }
    }

    /// The size of file `id`.
    pub(crate) fn size(&self, id: NodeId) -> WasiResult<u64> {
        Ok(self.content(id)?.len())
    }

    /// The whole content of file `id` (read from the host first, for a library file).
    pub(crate) fn contents(&self, id: NodeId) -> WasiResult<&[u8]> {
        self.content(id)?.bytes()
    }

    /// The content of file `id` as shared bytes, when the run has not written it.
    pub(crate) fn shared_contents(&self, id: NodeId) -> WasiResult<Bytes> {
        Ok(match self.content(id)? {
            Content::Shared(bytes) => bytes.clone(),
            Content::Owned(bytes) => Bytes::copy_from_slice(bytes),
            Content::Lazy(_) => Bytes::copy_from_slice(self.contents(id)?),
        })
    }

    /// Copies bytes of file `id` from `offset` into `buf`; answers how many.
    pub(crate) fn read_at(&self, id: NodeId, offset: u64, buf: &mut [u8]) -> WasiResult<usize> {
        let content = self.content(id)?.bytes()?;
        let at = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(content.len());
        let n = buf.len().min(content.len() - at);
        buf[..n].copy_from_slice(&content[at..at + n]);
        Ok(n)
    }

    /// Writes `data` into file `id` at `offset` (zeros fill any gap beyond the end);
    /// answers how many bytes. A write that would cross the byte quota writes nothing.
    pub(crate) fn write_at(
        &mut self,
        id: NodeId,
        offset: u64,
        data: &[u8],
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<usize> {
        let start = usize::try_from(offset).map_err(|_| Errno::FBIG)?;
        let end = start.checked_add(data.len()).ok_or(Errno::FBIG)?;
        let content = self.content_mut(id)?;
        let len = usize::try_from(content.len()).map_err(|_| Errno::FBIG)?;
        let bytes = content.owned(end.max(len), quotas)?;
        if bytes.len() < start {
            bytes.resize(start, 0);
        }
        let overlap = bytes.len().min(end) - start;
        bytes[start..start + overlap].copy_from_slice(&data[..overlap]);
        bytes.extend_from_slice(&data[overlap..]);
        let node = self.node_mut(id)?;
        node.mtim = now;
        node.ctim = now;
        Ok(data.len())
    }

    /// Makes file `id` `size` bytes long, cutting it or filling it with zeros.
    pub(crate) fn set_size(
        &mut self,
        id: NodeId,
        size: u64,
        now: u64,
        quotas: &mut Quotas,
    ) -> WasiResult<()> {
        let size = usize::try_from(size).map_err(|_| Errno::FBIG)?;
        let content = self.content_mut(id)?;
        let len = usize::try_from(content.len()).map_err(|_| Errno::FBIG)?;
        if let Content::Shared(bytes) = content
            && size <= len
        {
            // Still the caller's bytes: a shorter view of them costs nothing.
            bytes.truncate(size);
        } else if size <= len {
            content.owned(len, quotas)?;
            let before = content.charge();
            if let Content::Owned(bytes) = content {
                bytes.truncate(size);
                // A file cut short gives back what it no longer needs.
                if bytes.capacity() > 2 * size.max(4096) {
                    bytes.shrink_to(size);
                }
            }
            quotas.recharge(before, content.charge());
        } else {
            content.owned(size, quotas)?.resize(size, 0);
        }
        let node = self.node_mut(id)?;
        node.mtim = now;
        node.ctim = now;
        Ok(())
    }

    /// Hands the entries of folder `dir` from `cookie` on to `emit` until it answers false:
    /// `.` and `..`, then its entries in the order they were made.
    pub(crate) fn read_dir(
        &self,
        dir: NodeId,
        cookie: u64,
        mut emit: impl FnMut(Entry) -> bool,
    ) -> WasiResult<()> {
        let folder = self.dir(dir)?;
        let dots = [
            (".", self.node(dir)?.ino),
            ("..", self.node(folder.parent).map_or(0, |n| n.ino)),
        ];
        for (next, (name, ino)) in (1..).zip(dots) {
            if cookie < next
                && !emit(Entry {
                    next,
                    ino,
                    filetype: filetype::DIRECTORY,
                    name: name.to_owned(),
                })
            {
                return Ok(());
            }
        }
        for (seq, (name, child)) in folder.by_seq.range(cookie.saturating_sub(2)..) {
            let stat = self.stat(*child)?;
            let entry = Entry {
                next: seq + 3,
                ino: stat.ino,
                filetype: stat.filetype,
                name: name.to_string(),
            };
            if !emit(entry) {
                break;
            }
        }
        Ok(())
    }

    /// The names in folder `dir` with their nodes, in the order they were made.
    pub(crate) fn children(&self, dir: NodeId) -> WasiResult<impl Iterator<Item = (&str, NodeId)>> {
        Ok(self
            .dir(dir)?
            .by_seq
            .values()
            .map(|(name, id)| (&**name, *id)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FsLimits;

    fn quotas() -> Quotas {
        Quotas::new(FsLimits::default(), 1 << 30)
    }

    fn found(tree: &Tree, base: NodeId, path: &str) -> WasiResult<NodeId> {
        match tree.walk(base, path, true)?.walk {
            Walk::Found { node, .. } => Ok(node),
            Walk::Missing { .. } => Err(Errno::NOENT),
        }
    }

    /// A tree with `/a/b/f.txt` ("hello") and `/a/link` -> `b/f.txt`.
    fn sample() -> (Tree, Quotas, NodeId) {
        let mut tree = Tree::new(1, 0);
        let mut q = quotas();
        let a = tree.create(Tree::ROOT, "a", New::Dir, 0, &mut q).unwrap();
        let b = tree.create(a, "b", New::Dir, 0, &mut q).unwrap();
        let f = tree.create(b, "f.txt", New::File, 0, &mut q).unwrap();
        tree.write_at(f, 0, b"hello", 0, &mut q).unwrap();
        tree.create(a, "link", New::Symlink("b/f.txt"), 0, &mut q)
            .unwrap();
        (tree, q, a)
    }

    #[test]
    fn paths_resolve_beneath_their_base() {
        let (tree, _, a) = sample();
        let f = found(&tree, a, "b/f.txt").unwrap();
        assert_eq!(found(&tree, a, "./b/../b//f.txt"), Ok(f));
        assert_eq!(found(&tree, a, "link"), Ok(f));
        assert_eq!(found(&tree, a, ".."), Err(Errno::PERM));
        assert_eq!(found(&tree, a, "b/../../a"), Err(Errno::PERM));
        assert_eq!(found(&tree, a, "/etc/passwd"), Err(Errno::PERM));
        assert_eq!(found(&tree, a, "b/f.txt/x"), Err(Errno::NOTDIR));
        assert_eq!(found(&tree, a, "b/f.txt/"), Err(Errno::NOTDIR));
        assert_eq!(found(&tree, a, "nope/x"), Err(Errno::NOENT));
        let long = "n".repeat(NAME_MAX + 1);
        assert_eq!(found(&tree, a, &long), Err(Errno::NAMETOOLONG));
        // Not following the last link names the link itself.
        let Walk::Found { node, .. } = tree.walk(a, "link", false).unwrap().walk else {
            panic!("the link is there");
        };
        assert!(tree.is_symlink(node));
    }

    #[test]
    fn links_that_leave_or_loop_are_refused() {
        let (mut tree, mut q, a) = sample();
        tree.create(a, "out", New::Symlink("../../x"), 0, &mut q)
            .unwrap();
        tree.create(a, "loop", New::Symlink("loop"), 0, &mut q)
            .unwrap();
        assert_eq!(found(&tree, a, "out"), Err(Errno::PERM));
        assert_eq!(found(&tree, a, "loop"), Err(Errno::LOOP));
    }

    #[test]
    fn reads_writes_and_sizes_behave_as_on_disk() {
        let (mut tree, mut q, a) = sample();
        let f = found(&tree, a, "b/f.txt").unwrap();
        tree.write_at(f, 7, b"!", 1, &mut q).unwrap();
        let mut buf = [9u8; 16];
        let n = tree.read_at(f, 0, &mut buf).unwrap();
        assert_eq!(&buf[..n], b"hello\0\0!");
        assert_eq!(tree.read_at(f, 100, &mut buf), Ok(0));
        tree.set_size(f, 2, 2, &mut q).unwrap();
        assert_eq!(tree.contents(f).unwrap(), b"he");
        tree.set_size(f, 4, 3, &mut q).unwrap();
        assert_eq!(tree.contents(f).unwrap(), b"he\0\0");
        assert_eq!(tree.stat(f).unwrap().mtim, 3);
    }

    #[test]
    fn a_file_deleted_while_open_lives_until_closed() {
        let (mut tree, mut q, a) = sample();
        let b = found(&tree, a, "b").unwrap();
        let f = found(&tree, a, "b/f.txt").unwrap();
        let used = q.bytes_left();
        tree.retain(f);
        tree.unlink(b, "f.txt", 0, &mut q).unwrap();
        assert_eq!(found(&tree, a, "b/f.txt"), Err(Errno::NOENT));
        assert_eq!(tree.contents(f).unwrap(), b"hello");
        assert_eq!(q.bytes_left(), used);
        tree.release(f, &mut q);
        assert!(tree.contents(f).is_err());
        assert!(q.bytes_left() > used);
    }

    #[test]
    fn rename_follows_posix() {
        let (mut tree, mut q, a) = sample();
        let b = found(&tree, a, "b").unwrap();
        // Onto itself, a folder into itself, a file over a folder and back.
        tree.rename(b, "f.txt", b, "f.txt", 0, &mut q).unwrap();
        assert_eq!(tree.rename(a, "b", b, "x", 0, &mut q), Err(Errno::INVAL));
        tree.create(a, "c", New::Dir, 0, &mut q).unwrap();
        assert_eq!(
            tree.rename(b, "f.txt", a, "c", 0, &mut q),
            Err(Errno::ISDIR)
        );
        assert_eq!(
            tree.rename(a, "c", b, "f.txt", 0, &mut q),
            Err(Errno::NOTDIR)
        );
        // A folder over an empty folder, then a file over a file.
        tree.rename(a, "b", a, "c", 0, &mut q).unwrap();
        assert!(found(&tree, a, "c/f.txt").is_ok());
        let c = found(&tree, a, "c").unwrap();
        tree.create(a, "g", New::File, 0, &mut q).unwrap();
        tree.rename(a, "g", c, "f.txt", 0, &mut q).unwrap();
        assert_eq!(tree.size(found(&tree, a, "c/f.txt").unwrap()), Ok(0));
        assert_eq!(
            tree.remove_dir(Tree::ROOT, "a", 0, &mut q),
            Err(Errno::NOTEMPTY)
        );
    }

    #[test]
    fn listing_survives_deletions_between_calls() {
        let mut tree = Tree::new(1, 0);
        let mut q = quotas();
        for i in 0..10 {
            tree.create(Tree::ROOT, &format!("f{i}"), New::File, 0, &mut q)
                .unwrap();
        }
        // Read three entries at a time, deleting each as it is seen, as `remove_dir_all`
        // does: every entry is seen once.
        let (mut cookie, mut seen) = (0, Vec::new());
        loop {
            let mut batch = Vec::new();
            tree.read_dir(Tree::ROOT, cookie, |entry| {
                batch.push(entry);
                batch.len() < 3
            })
            .unwrap();
            if batch.is_empty() {
                break;
            }
            for entry in batch {
                cookie = entry.next;
                if entry.name.starts_with('f') {
                    tree.unlink(Tree::ROOT, &entry.name, 0, &mut q).unwrap();
                }
                seen.push(entry.name);
            }
        }
        assert_eq!(seen.len(), 12);
        assert_eq!(&seen[..3], [".", "..", "f0"]);
        assert_eq!(tree.children(Tree::ROOT).unwrap().count(), 0);
    }

    #[test]
    fn quotas_refuse_what_would_cross_them() {
        let limits = FsLimits {
            bytes: 1000,
            entries: 3,
            depth: 3,
            path_bytes: 64,
            ..FsLimits::default()
        };
        let mut q = Quotas::new(limits, 1 << 30);
        let mut tree = Tree::new(1, 0);
        let a = tree.create(Tree::ROOT, "a", New::Dir, 0, &mut q).unwrap();
        let b = tree.create(a, "b", New::Dir, 0, &mut q).unwrap();
        assert_eq!(
            tree.create(b, &"c".repeat(70), New::Dir, 0, &mut q),
            Err(Errno::NAMETOOLONG)
        );
        assert_eq!(q.hit(), Some(FsQuota::PathLength));
        let f = tree.create(b, "f", New::File, 0, &mut q).unwrap();
        assert_eq!(tree.create(b, "g", New::File, 0, &mut q), Err(Errno::NOSPC));
        assert_eq!(
            tree.create(f, "x", New::File, 0, &mut q),
            Err(Errno::NOTDIR)
        );
        tree.write_at(f, 0, &[1; 1000], 0, &mut q).unwrap();
        assert_eq!(tree.write_at(f, 1000, &[1], 0, &mut q), Err(Errno::NOSPC));
        assert_eq!(tree.set_size(f, 5000, 0, &mut q), Err(Errno::NOSPC));
        tree.set_size(f, 10, 0, &mut q).unwrap();
        tree.write_at(f, 10, &[1; 900], 0, &mut q).unwrap();
        // Depth: `a/b` is 2 deep, so a folder in `b` would be 3 and one below it 4.
        tree.unlink(b, "f", 0, &mut q).unwrap();
        let c = tree.create(b, "c", New::Dir, 0, &mut q).unwrap();
        assert_eq!(
            tree.create(c, "d", New::Dir, 0, &mut q),
            Err(Errno::NAMETOOLONG)
        );
    }

    #[test]
    fn a_very_deep_tree_is_dropped_without_recursion() {
        let limits = FsLimits {
            depth: 10_000,
            path_bytes: 65_536,
            entries: 1 << 20,
            ..FsLimits::default()
        };
        let mut q = Quotas::new(limits, 1 << 30);
        let mut tree = Tree::new(1, 0);
        let mut at = Tree::ROOT;
        for _ in 0..3_000 {
            at = tree.create(at, "d", New::Dir, 0, &mut q).unwrap();
        }
        drop(tree);
    }
}
