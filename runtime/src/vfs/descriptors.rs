//! The run's descriptor table: the one place that numbers descriptors, the standard streams
//! and the preopened folders included, so that the numbers the guest's libc recorded in the
//! snapshot (its table of preopens) mean the same folders in every run.
//!
//! A new descriptor takes the lowest free number, as POSIX says, and the table never holds
//! more than the open-files quota.

use super::abi::{Errno, WasiResult};
use super::quota::Quotas;
use super::tree::NodeId;

/// Which tree a node is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    /// The run's own files.
    Run,
    /// The shared, read-only standard library.
    Library,
}

/// A node of one of the trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) which: Which,
    pub(crate) node: NodeId,
}

/// What a descriptor is open on.
#[derive(Debug)]
pub(crate) enum Descriptor {
    /// The request's stdin.
    Stdin,
    /// The capped stdout.
    Stdout,
    /// The capped stderr.
    Stderr,
    /// A folder; `preopen` is its guest path when the run started with it open.
    Dir {
        at: Place,
        preopen: Option<&'static str>,
    },
    /// A file.
    File(OpenFile),
}

/// A file open for reading, writing or both.
#[derive(Debug)]
pub(crate) struct OpenFile {
    pub(crate) at: Place,
    pub(crate) position: u64,
    pub(crate) readable: bool,
    pub(crate) writable: bool,
    pub(crate) append: bool,
    pub(crate) nonblock: bool,
}

impl Descriptor {
    /// The node the descriptor holds open, if any.
    pub(crate) fn place(&self) -> Option<Place> {
        match self {
            Descriptor::Dir { at, .. } | Descriptor::File(OpenFile { at, .. }) => Some(*at),
            Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr => None,
        }
    }
}

/// The table.
#[derive(Debug, Default)]
pub(crate) struct Descriptors {
    slots: Vec<Option<Descriptor>>,
    open: usize,
}

impl Descriptors {
    /// How many descriptors are open.
    pub(crate) fn open(&self) -> usize {
        self.open
    }

    /// Opens `descriptor` under the lowest free number, unless the quota is full.
    pub(crate) fn insert(
        &mut self,
        descriptor: Descriptor,
        quotas: &mut Quotas,
    ) -> WasiResult<u32> {
        quotas.check_open(self.open)?;
        let fd = match self.slots.iter().position(Option::is_none) {
            Some(fd) => fd,
            None => {
                self.slots.push(None);
                self.slots.len() - 1
            }
        };
        self.slots[fd] = Some(descriptor);
        self.open += 1;
        u32::try_from(fd).map_err(|_| Errno::BADF)
    }

    pub(crate) fn get(&self, fd: u32) -> WasiResult<&Descriptor> {
        self.slots
            .get(fd as usize)
            .and_then(Option::as_ref)
            .ok_or(Errno::BADF)
    }

    pub(crate) fn get_mut(&mut self, fd: u32) -> WasiResult<&mut Descriptor> {
        self.slots
            .get_mut(fd as usize)
            .and_then(Option::as_mut)
            .ok_or(Errno::BADF)
    }

    /// Closes `fd`, answering what it was open on.
    pub(crate) fn remove(&mut self, fd: u32) -> WasiResult<Descriptor> {
        let removed = self
            .slots
            .get_mut(fd as usize)
            .and_then(Option::take)
            .ok_or(Errno::BADF)?;
        self.open -= 1;
        while matches!(self.slots.last(), Some(None)) {
            self.slots.pop();
        }
        Ok(removed)
    }

    /// Moves `from` to number `to`, both open, answering what `to` was open on before.
    pub(crate) fn renumber(&mut self, from: u32, to: u32) -> WasiResult<Option<Descriptor>> {
        self.get(from)?;
        self.get(to)?;
        if from == to {
            return Ok(None);
        }
        let moved = self.remove(from)?;
        let replaced = self.slots[to as usize].replace(moved);
        Ok(replaced)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FsLimits;

    #[test]
    fn numbers_are_the_lowest_free_and_the_quota_holds() {
        let mut quotas = Quotas::new(
            FsLimits {
                open_files: 16,
                ..FsLimits::default()
            },
            1 << 30,
        );
        let mut table = Descriptors::default();
        for expected in 0..16 {
            assert_eq!(table.insert(Descriptor::Stdin, &mut quotas), Ok(expected));
        }
        assert_eq!(
            table.insert(Descriptor::Stdin, &mut quotas),
            Err(Errno::MFILE)
        );
        table.remove(4).unwrap();
        table.remove(9).unwrap();
        assert_eq!(table.insert(Descriptor::Stdout, &mut quotas), Ok(4));
        assert!(matches!(table.renumber(4, 2), Ok(Some(Descriptor::Stdin))));
        assert!(matches!(table.get(2), Ok(Descriptor::Stdout)));
        assert_eq!(table.get(4).err(), Some(Errno::BADF));
        assert_eq!(table.open(), 14);
    }
}
