//! How a tree changes shape: making, linking, moving and removing entries, and giving a
//! node's memory back once no name and no descriptor holds it. Every change keeps the quotas'
//! accounting and the limits on depth and path length.

use super::*;

impl Tree {
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
}
