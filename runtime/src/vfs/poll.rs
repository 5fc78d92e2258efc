//! Waiting: `poll_oneoff`, behind Python's `time.sleep` and `select`, and QuickJS's timers.
//!
//! Nothing in memory ever waits, so a subscription to a descriptor is ready at once; only
//! clocks make a guest wait, and it waits on the run's executor (`tokio::time::sleep_until`),
//! never by blocking its thread, so that the deadline and a cancellation still end a run that
//! sleeps. The monotonic clock is the run's own [`RunClock`], which wasmtime-wasi's
//! `clock_time_get` answers from too, so that an absolute deadline the guest computed from
//! one is met by the other.

use std::time::{Duration, Instant, SystemTime};

use super::Vfs;
use super::abi::{Errno, Subscription, clockid, event, eventtype};

/// The longest a single wait lasts: far beyond any run's deadline, and small enough that
/// adding it to an instant cannot overflow.
const LONGEST_WAIT: Duration = Duration::from_secs(24 * 3600);

/// A run's monotonic clock: nanoseconds since the run's filesystem was made.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunClock {
    start: Instant,
}

impl RunClock {
    pub(crate) fn new() -> RunClock {
        RunClock {
            start: Instant::now(),
        }
    }
}

impl wasmtime_wasi::HostMonotonicClock for RunClock {
    fn resolution(&self) -> u64 {
        1
    }

    fn now(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
}

/// What a `poll_oneoff` call does.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Report these events now.
    Ready(Vec<[u8; 32]>),
    /// Wait until the first clock, then report every clock due by then.
    Wait {
        until: Instant,
        clocks: Vec<(u64, Instant)>,
    },
}

impl Plan {
    /// The events of the clocks in `clocks` that are due at `now`.
    pub(crate) fn due(clocks: &[(u64, Instant)], now: Instant) -> Vec<[u8; 32]> {
        clocks
            .iter()
            .filter(|(_, at)| *at <= now)
            .map(|(userdata, _)| event(*userdata, Errno(0), eventtype::CLOCK, 0))
            .collect()
    }
}

impl Vfs {
    /// Decides what `subscriptions` wait for: descriptors are ready at once (or report their
    /// error); otherwise the earliest clock is waited for.
    pub(crate) fn plan_poll(&self, subscriptions: &[Subscription]) -> Plan {
        let now = Instant::now();
        let mut ready = Vec::new();
        let mut clocks = Vec::new();
        for subscription in subscriptions {
            match *subscription {
                Subscription::Clock {
                    userdata,
                    id,
                    timeout,
                    absolute,
                } => match self.deadline(id, timeout, absolute, now) {
                    Ok(at) => clocks.push((userdata, at)),
                    Err(errno) => ready.push(event(userdata, errno, eventtype::CLOCK, 0)),
                },
                Subscription::Fd {
                    userdata,
                    fd,
                    write,
                } => {
                    let kind = if write {
                        eventtype::FD_WRITE
                    } else {
                        eventtype::FD_READ
                    };
                    ready.push(match self.fd_ready(fd, write) {
                        Ok(nbytes) => event(userdata, Errno(0), kind, nbytes),
                        Err(errno) => event(userdata, errno, kind, 0),
                    });
                }
            }
        }
        if !ready.is_empty() {
            ready.extend(Plan::due(&clocks, now));
            return Plan::Ready(ready);
        }
        let until = clocks.iter().map(|(_, at)| *at).min().unwrap_or(now);
        Plan::Wait { until, clocks }
    }

    /// The instant a clock subscription is due.
    fn deadline(
        &self,
        id: u32,
        timeout: u64,
        absolute: bool,
        now: Instant,
    ) -> Result<Instant, Errno> {
        let wait = match (id, absolute) {
            (clockid::MONOTONIC | clockid::REALTIME, false) => Duration::from_nanos(timeout),
            (clockid::MONOTONIC, true) => {
                let elapsed =
                    Duration::from_nanos(wasmtime_wasi::HostMonotonicClock::now(self.clock()));
                Duration::from_nanos(timeout).saturating_sub(elapsed)
            }
            (clockid::REALTIME, true) => {
                let at = SystemTime::UNIX_EPOCH + Duration::from_nanos(timeout);
                at.duration_since(SystemTime::now()).unwrap_or_default()
            }
            _ => return Err(Errno::INVAL),
        };
        Ok(now + wait.min(LONGEST_WAIT))
    }
}
