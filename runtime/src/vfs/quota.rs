//! The quotas of a run's filesystem: what may be configured ([`FsLimits`]), which one a run
//! hit ([`FsQuota`]), and the accounting that enforces them.
//!
//! A run's files live in host memory, so without these a program could fill the host's
//! memory with files, or with folders and names, faster than its deadline stops it. Each
//! quota refuses the one operation that would cross it with the error a full or strict
//! filesystem gives (`ENOSPC`, `ENAMETOOLONG`, `EMFILE`), which the program can catch like any
//! other; the first refusal is remembered so that the result can name it.

use serde::{Deserialize, Serialize};

use super::abi::Errno;

/// The quotas of a run's in-memory filesystem (the session's files, `/workspace` and
/// `/tmp`). Crossing one is an ordinary error for the program (Python's `OSError`, Node's
/// error with its `code`), and [`ExecutionResult::fs_quota_hit`](crate::ExecutionResult)
/// names the first one crossed.
///
/// [`FsLimits::default()`] gives:
/// * `bytes`: 64 MiB of file contents (and link targets) held in memory, and never more than
///   the run's memory limit (the smaller of the two applies). A growing file holds up to
///   twice its size in memory, and that is what counts, within this budget. Files of the
///   request count only once the program changes them. Crossing it is `ENOSPC`
///   ([`FsQuota::Bytes`]).
/// * `entries`: 10,000 files, folders and links, those of the request included: `ENOSPC`
///   ([`FsQuota::Entries`]).
/// * `depth`: 64 levels of folders below `/` (`/workspace/a/b.txt` is 3 deep):
///   `ENAMETOOLONG` ([`FsQuota::Depth`]).
/// * `path_bytes`: 4,096 bytes (Linux's `PATH_MAX`) for a path the program passes, and for
///   the absolute path of anything it creates: `ENAMETOOLONG` ([`FsQuota::PathLength`]).
/// * `open_files`: 1,024 descriptors open at once, the standard streams and the preopened
///   folders included: `EMFILE` ([`FsQuota::OpenFiles`]).
///
/// A single name is at most 255 bytes, as on Linux (`ENAMETOOLONG`); that is a property of
/// the filesystem, not a quota. Besides `bytes`, what a run's files take of the host's memory
/// is their names and bookkeeping: a few hundred bytes per entry, so at most a few megabytes
/// within `entries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FsLimits {
    /// Bytes of file contents the run may hold in memory.
    pub bytes: u64,
    /// Files, folders and links that may exist at once.
    pub entries: u64,
    /// How many folders deep below `/` anything may be.
    pub depth: u32,
    /// The longest path, in bytes.
    pub path_bytes: u32,
    /// Descriptors that may be open at once.
    pub open_files: u32,
}

impl FsLimits {
    /// Default budget of file contents.
    pub const DEFAULT_BYTES: u64 = 64 << 20;
    /// Default number of files, folders and links.
    pub const DEFAULT_ENTRIES: u64 = 10_000;
    /// Default folder depth.
    pub const DEFAULT_DEPTH: u32 = 64;
    /// Default longest path.
    pub const DEFAULT_PATH_BYTES: u32 = 4096;
    /// Default number of open descriptors.
    pub const DEFAULT_OPEN_FILES: u32 = 1024;

    /// The largest accepted number of entries or open descriptors: enough for any program
    /// that is not trying to exhaust the host.
    pub const MAX_COUNT: u64 = 1 << 20;
    /// The largest accepted depth and path length.
    pub const MAX_PATH_BYTES: u32 = 1 << 16;
    /// The fewest open descriptors accepted: the standard streams and the preopened folders
    /// take seven.
    pub const MIN_OPEN_FILES: u32 = 16;

    /// Checks that every quota is in range.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.entries == 0 || self.entries > Self::MAX_COUNT {
            return Err(format!(
                "fs entries must be between 1 and {}, got {}",
                Self::MAX_COUNT,
                self.entries
            ));
        }
        if self.depth < 2 || self.depth > Self::MAX_PATH_BYTES {
            return Err(format!(
                "fs depth must be between 2 and {}, got {}",
                Self::MAX_PATH_BYTES,
                self.depth
            ));
        }
        if self.path_bytes < 64 || self.path_bytes > Self::MAX_PATH_BYTES {
            return Err(format!(
                "fs path length must be between 64 and {} bytes, got {}",
                Self::MAX_PATH_BYTES,
                self.path_bytes
            ));
        }
        if self.open_files < Self::MIN_OPEN_FILES || u64::from(self.open_files) > Self::MAX_COUNT {
            return Err(format!(
                "fs open files must be between {} and {}, got {}",
                Self::MIN_OPEN_FILES,
                Self::MAX_COUNT,
                self.open_files
            ));
        }
        Ok(())
    }
}

impl Default for FsLimits {
    fn default() -> Self {
        FsLimits {
            bytes: Self::DEFAULT_BYTES,
            entries: Self::DEFAULT_ENTRIES,
            depth: Self::DEFAULT_DEPTH,
            path_bytes: Self::DEFAULT_PATH_BYTES,
            open_files: Self::DEFAULT_OPEN_FILES,
        }
    }
}

/// Which quota of [`FsLimits`] a run crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FsQuota {
    /// [`FsLimits::bytes`]: the files' contents (`ENOSPC`).
    Bytes,
    /// [`FsLimits::entries`]: the number of files, folders and links (`ENOSPC`).
    Entries,
    /// [`FsLimits::depth`]: folders too deep (`ENAMETOOLONG`).
    Depth,
    /// [`FsLimits::path_bytes`]: a path too long (`ENAMETOOLONG`).
    PathLength,
    /// [`FsLimits::open_files`]: too many open descriptors (`EMFILE`).
    OpenFiles,
}

impl FsQuota {
    /// A stable camelCase name: `bytes`, `entries`, `depth`, `pathLength` or `openFiles`.
    pub fn name(self) -> &'static str {
        match self {
            FsQuota::Bytes => "bytes",
            FsQuota::Entries => "entries",
            FsQuota::Depth => "depth",
            FsQuota::PathLength => "pathLength",
            FsQuota::OpenFiles => "openFiles",
        }
    }

    /// The error the program sees.
    fn errno(self) -> Errno {
        match self {
            FsQuota::Bytes | FsQuota::Entries => Errno::NOSPC,
            FsQuota::Depth | FsQuota::PathLength => Errno::NAMETOOLONG,
            FsQuota::OpenFiles => Errno::MFILE,
        }
    }
}

/// What a run's filesystem uses of its quotas, and the first quota it was refused.
#[derive(Debug)]
pub(crate) struct Quotas {
    limits: FsLimits,
    bytes: u64,
    entries: u64,
    hit: Option<FsQuota>,
}

impl Quotas {
    /// Quotas of `limits`, with the byte budget no larger than `memory_bytes`.
    pub(crate) fn new(limits: FsLimits, memory_bytes: u64) -> Quotas {
        Quotas {
            limits: FsLimits {
                bytes: limits.bytes.min(memory_bytes),
                ..limits
            },
            bytes: 0,
            entries: 0,
            hit: None,
        }
    }

    /// The first quota refused, if any.
    pub(crate) fn hit(&self) -> Option<FsQuota> {
        self.hit
    }

    /// Records a refusal and answers the program's error.
    pub(crate) fn refuse(&mut self, quota: FsQuota) -> Errno {
        tracing::debug!("error.type" = "fs_quota_exceeded", quota = quota.name());
        self.hit.get_or_insert(quota);
        quota.errno()
    }

    /// Bytes that may still be charged.
    pub(crate) fn bytes_left(&self) -> u64 {
        self.limits.bytes.saturating_sub(self.bytes)
    }

    /// Moves the charge of one file from `before` to `after` bytes. Callers check
    /// [`Quotas::bytes_left`] before they allocate.
    pub(crate) fn recharge(&mut self, before: u64, after: u64) {
        self.bytes = (self.bytes + after).saturating_sub(before);
    }

    /// Counts one more name, or refuses it.
    pub(crate) fn add_entry(&mut self) -> Result<(), Errno> {
        if self.entries >= self.limits.entries {
            return Err(self.refuse(FsQuota::Entries));
        }
        self.entries += 1;
        Ok(())
    }

    /// Counts a name of the request's files, which is never refused.
    pub(crate) fn add_given_entry(&mut self) {
        self.entries += 1;
    }

    pub(crate) fn remove_entry(&mut self) {
        self.entries = self.entries.saturating_sub(1);
    }

    /// Refuses a folder depth beyond the quota.
    pub(crate) fn check_depth(&mut self, depth: usize) -> Result<(), Errno> {
        if depth > self.limits.depth as usize {
            return Err(self.refuse(FsQuota::Depth));
        }
        Ok(())
    }

    /// Refuses a path longer than the quota.
    pub(crate) fn check_path_len(&mut self, len: usize) -> Result<(), Errno> {
        if len > self.limits.path_bytes as usize {
            return Err(self.refuse(FsQuota::PathLength));
        }
        Ok(())
    }

    /// Refuses a descriptor beyond the quota, `open` being the number open now.
    pub(crate) fn check_open(&mut self, open: usize) -> Result<(), Errno> {
        if open >= self.limits.open_files as usize {
            return Err(self.refuse(FsQuota::OpenFiles));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_values_and_valid() {
        let limits = FsLimits::default();
        limits.check().unwrap();
        assert_eq!(limits.bytes, 64 << 20);
        assert_eq!(limits.open_files, 1024);
        let json = serde_json::to_value(limits).unwrap();
        assert_eq!(json["pathBytes"], 4096);
        assert_eq!(json["openFiles"], 1024);
    }

    #[test]
    fn out_of_range_quotas_are_rejected() {
        let few = FsLimits {
            open_files: 3,
            ..FsLimits::default()
        };
        assert!(few.check().is_err());
        let none = FsLimits {
            entries: 0,
            ..FsLimits::default()
        };
        assert!(none.check().is_err());
    }

    #[test]
    fn the_byte_budget_is_at_most_the_memory_limit_and_the_first_hit_is_kept() {
        let mut quotas = Quotas::new(FsLimits::default(), 1 << 20);
        assert_eq!(quotas.bytes_left(), 1 << 20);
        quotas.recharge(0, 1000);
        assert_eq!(quotas.bytes_left(), (1 << 20) - 1000);
        quotas.recharge(1000, 0);
        assert_eq!(quotas.bytes_left(), 1 << 20);
        assert_eq!(quotas.check_depth(65), Err(Errno::NAMETOOLONG));
        assert_eq!(quotas.check_open(1024), Err(Errno::MFILE));
        assert_eq!(quotas.hit(), Some(FsQuota::Depth));
    }

    #[test]
    fn quota_names_are_camel_case() {
        assert_eq!(
            serde_json::to_value(FsQuota::PathLength).unwrap(),
            "pathLength"
        );
        assert_eq!(FsQuota::OpenFiles.name(), "openFiles");
    }
}
