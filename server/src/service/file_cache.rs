//! A cache of file contents in front of the store, so that repeated executions of unchanged
//! files do not read every file again. Entries are checked against the listing's size and
//! modification time, and dropped on every write or delete of the file.

use std::time::Duration;

use bytes::Bytes;
use moka::sync::Cache;

use crate::model::FileInfo;

/// Bytes of file content kept at most.
const CAPACITY_BYTES: u64 = 64 << 20;
/// How long an unused entry stays.
const IDLE: Duration = Duration::from_secs(600);

/// File contents by (session, path).
#[derive(Clone)]
pub(crate) struct FileCache {
    entries: Cache<(String, String), (FileInfo, Bytes)>,
}

impl std::fmt::Debug for FileCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileCache")
            .field("entries", &self.entries.entry_count())
            .finish()
    }
}

impl FileCache {
    pub(crate) fn new() -> Self {
        let entries = Cache::builder()
            .max_capacity(CAPACITY_BYTES)
            .weigher(|_, (_, bytes): &(FileInfo, Bytes)| {
                u32::try_from(bytes.len()).unwrap_or(u32::MAX)
            })
            .time_to_idle(IDLE)
            .build();
        FileCache { entries }
    }

    /// The cached content, if it is the version the listing describes.
    pub(crate) fn get(&self, session_id: &str, info: &FileInfo) -> Option<Bytes> {
        let key = (session_id.to_owned(), info.file_path.clone());
        let (cached, bytes) = self.entries.get(&key)?;
        (cached.size == info.size && cached.last_modified == info.last_modified).then_some(bytes)
    }

    pub(crate) fn put(&self, session_id: &str, info: &FileInfo, content: Bytes) {
        self.entries.insert(
            (session_id.to_owned(), info.file_path.clone()),
            (info.clone(), content),
        );
    }

    pub(crate) fn invalidate(&self, session_id: &str, path: &str) {
        self.entries
            .invalidate(&(session_id.to_owned(), path.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_a_miss() {
        let cache = FileCache::new();
        let info = FileInfo {
            file_path: "a.py".into(),
            size: 1,
            last_modified: crate::model::now(),
            file_type: "python".into(),
        };
        cache.put("s", &info, Bytes::from_static(b"x"));
        assert_eq!(cache.get("s", &info).as_deref(), Some(&b"x"[..]));
        let newer = FileInfo {
            size: 2,
            ..info.clone()
        };
        assert!(cache.get("s", &newer).is_none());
        cache.invalidate("s", "a.py");
        assert!(cache.get("s", &info).is_none());
    }
}
