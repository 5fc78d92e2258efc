//! Capped capture of the guest's stdout and stderr, which the run's `fd_write` (`vfs/`)
//! pushes into.

use std::sync::{Arc, Mutex, MutexGuard};

/// One output stream of a run: keeps the first `cap` bytes and stops the program when it
/// writes beyond them.
///
/// Stopping, rather than silently dropping the rest, matters for two reasons: a program stuck
/// printing in a loop ends at once instead of burning its whole time budget, and the result
/// says plainly that the output is incomplete ([`Termination::OutputLimit`](crate::Termination)).
#[derive(Clone)]
pub(crate) struct CappedPipe {
    inner: Arc<Mutex<Captured>>,
    kind: StreamKind,
    listener: Option<OutputListener>,
}

impl std::fmt::Debug for CappedPipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CappedPipe")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Which output stream bytes were written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamKind {
    /// The program's stdout.
    Stdout,
    /// The program's stderr.
    Stderr,
}

/// Receives a run's output as the program writes it, in order, stream by stream: the bytes
/// that fit under the stream's cap (what the result will hold), never more. It is called on
/// the thread that runs the program, so it should hand the bytes on rather than block.
pub type OutputListener = Arc<dyn Fn(StreamKind, &[u8]) + Send + Sync>;

#[derive(Debug)]
struct Captured {
    bytes: Vec<u8>,
    cap: usize,
    truncated: bool,
}

/// What a stream captured.
#[derive(Debug)]
pub(crate) struct Capture {
    pub(crate) bytes: Vec<u8>,
    pub(crate) truncated: bool,
}

impl CappedPipe {
    pub(crate) fn new(cap: u64, kind: StreamKind, listener: Option<OutputListener>) -> Self {
        let cap = usize::try_from(cap).unwrap_or(usize::MAX);
        CappedPipe {
            inner: Arc::new(Mutex::new(Captured {
                bytes: Vec::new(),
                cap,
                truncated: false,
            })),
            kind,
            listener,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Captured> {
        crate::sync::lock(&self.inner)
    }

    /// Appends what fits; returns false when `data` did not fit entirely.
    pub(crate) fn push(&self, data: &[u8]) -> bool {
        let (kept, fits) = {
            let mut captured = self.lock();
            let room = captured.cap.saturating_sub(captured.bytes.len());
            if data.len() <= room {
                captured.bytes.extend_from_slice(data);
                (data, true)
            } else {
                captured.bytes.extend_from_slice(&data[..room]);
                captured.truncated = true;
                (&data[..room], false)
            }
        };
        if let Some(listener) = &self.listener
            && !kept.is_empty()
        {
            listener(self.kind, kept);
        }
        fits
    }

    /// Whether the guest tried to write past the cap.
    pub(crate) fn truncated(&self) -> bool {
        self.lock().truncated
    }

    /// Everything captured so far.
    pub(crate) fn take(&self) -> Capture {
        let mut captured = self.lock();
        Capture {
            bytes: std::mem::take(&mut captured.bytes),
            truncated: captured.truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_bytes_and_flags_the_overflow() {
        let pipe = CappedPipe::new(5, StreamKind::Stdout, None);
        assert!(pipe.push(b"abc"));
        assert!(!pipe.truncated());
        assert!(!pipe.push(b"defg"));
        let capture = pipe.take();
        assert_eq!(capture.bytes, b"abcde");
        assert!(capture.truncated);
    }

    #[test]
    fn exactly_full_is_not_truncated() {
        let pipe = CappedPipe::new(3, StreamKind::Stdout, None);
        assert!(pipe.push(b"abc"));
        assert!(!pipe.take().truncated);
    }
}

#[cfg(test)]
mod listener_tests {
    use super::*;

    #[test]
    fn the_listener_sees_what_the_result_keeps() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let listener: OutputListener =
            Arc::new(move |kind, bytes: &[u8]| sink.lock().unwrap().push((kind, bytes.to_vec())));
        let pipe = CappedPipe::new(4, StreamKind::Stderr, Some(listener));
        assert!(pipe.push(b"ab"));
        assert!(!pipe.push(b"cdef"));
        let seen = seen.lock().unwrap();
        assert_eq!(
            *seen,
            vec![
                (StreamKind::Stderr, b"ab".to_vec()),
                (StreamKind::Stderr, b"cd".to_vec())
            ]
        );
    }
}
