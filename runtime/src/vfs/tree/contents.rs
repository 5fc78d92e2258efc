//! What a tree's nodes hold, as the file calls see it: metadata, times, link targets, the bytes
//! of files (read, written, resized within the quotas) and the entries of folders.

use super::*;

impl Tree {
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
