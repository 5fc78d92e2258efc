//! Locking that survives a panic elsewhere.
//!
//! The runtime's mutexes guard state that every critical section leaves whole: a map gains a
//! prepared interpreter, an output buffer grows, a slot is taken or given back. A panic on
//! another thread between two such steps cannot leave a half-made value behind, so a poisoned
//! lock is recovered rather than spreading the panic to every later run.

use std::sync::{Mutex, MutexGuard};

/// Locks `mutex`, recovering it if a panic poisoned it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
