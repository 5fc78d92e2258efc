//! Locking that survives a panic elsewhere.
//!
//! The server's mutexes guard state that every critical section leaves whole: a map of a
//! connection's runs gains or loses an entry, a buffer of pending output grows or drains, the
//! embedded store's connection runs one transaction (which SQLite rolls back if it is cut
//! short). A panic on another task cannot leave a half-made value behind, so a poisoned lock
//! is recovered rather than failing every later request.

use std::sync::{Mutex, MutexGuard};

/// Locks `mutex`, recovering it if a panic poisoned it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
