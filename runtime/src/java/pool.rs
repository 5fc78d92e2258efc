//! A few started Java containers, waiting with their JVM up and javac warmed, so that a run's
//! wall time is compiling and running the program rather than starting a JVM.
//!
//! It is as safe as starting a container per run because it is one: each pooled container has
//! every lock-down setting, serves exactly one run and is removed after it. Only containers of
//! the pool's memory limit are pooled; runs with another limit start their own.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use bollard::Docker;
use tokio::sync::{Mutex, Notify};

use super::JavaConfig;
use super::container::{self, Started};

/// How long a failed start waits before the next attempt, at most.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub(crate) struct Pool {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    docker: Docker,
    config: JavaConfig,
    image: String,
    ready: Mutex<VecDeque<Started>>,
    /// How many containers `ready` holds, readable without its lock (for metrics).
    ready_count: AtomicUsize,
    wake: Notify,
    closed: AtomicBool,
}

impl Pool {
    /// Starts filling the pool on `handle`'s runtime.
    pub(crate) fn spawn(
        handle: &tokio::runtime::Handle,
        docker: Docker,
        config: JavaConfig,
        image: String,
    ) -> Pool {
        let shared = Arc::new(Shared {
            docker,
            config,
            image,
            ready: Mutex::default(),
            ready_count: AtomicUsize::new(0),
            wake: Notify::new(),
            closed: AtomicBool::new(false),
        });
        handle.spawn(fill(shared.clone()));
        Pool { shared }
    }

    pub(crate) fn memory_bytes(&self) -> u64 {
        self.shared.config.pool_memory_bytes
    }

    /// Containers started and waiting for a run.
    pub(crate) fn ready(&self) -> usize {
        self.shared.ready_count.load(Ordering::SeqCst)
    }

    /// A started container, if one is waiting; the pool starts its replacement.
    pub(crate) async fn take(&self) -> Option<Started> {
        let started = {
            let mut ready = self.shared.ready.lock().await;
            let started = ready.pop_front();
            self.shared.ready_count.store(ready.len(), Ordering::SeqCst);
            started
        };
        self.shared.wake.notify_one();
        started
    }

    /// Stops filling and removes the waiting containers.
    pub(crate) async fn close(&self) {
        self.shared.closed.store(true, Ordering::SeqCst);
        self.shared.wake.notify_one();
        let waiting: Vec<Started> = self.shared.ready.lock().await.drain(..).collect();
        self.shared.ready_count.store(0, Ordering::SeqCst);
        for started in waiting {
            container::remove(&self.shared.docker, &started.id).await;
        }
    }
}

/// Keeps the pool full, one container at a time (each start is a JVM start, CPU the runs need
/// too), and replaces containers before their runner's idle exit.
async fn fill(shared: Arc<Shared>) {
    let config = &shared.config;
    let recycle_after = config.idle_exit.saturating_sub(Duration::from_secs(30));
    let mut backoff = Duration::from_millis(500);
    while !shared.closed.load(Ordering::SeqCst) {
        let stale = {
            let mut ready = shared.ready.lock().await;
            let fresh = ready
                .iter()
                .position(|s| s.started_at.elapsed() < recycle_after)
                .unwrap_or(ready.len());
            let stale = ready.drain(..fresh).collect::<Vec<_>>();
            shared.ready_count.store(ready.len(), Ordering::SeqCst);
            stale
        };
        for started in stale {
            container::remove(&shared.docker, &started.id).await;
        }
        if shared.ready.lock().await.len() >= config.pool_size {
            // Woken by a take, by close, or in time to recycle the oldest.
            let _ = tokio::time::timeout(recycle_after / 4, shared.wake.notified()).await;
            continue;
        }
        match container::start(
            &shared.docker,
            config,
            &shared.image,
            config.pool_memory_bytes,
            true,
        )
        .await
        {
            Ok(started) => {
                backoff = Duration::from_millis(500);
                if shared.closed.load(Ordering::SeqCst) {
                    container::remove(&shared.docker, &started.id).await;
                } else {
                    let mut ready = shared.ready.lock().await;
                    ready.push_back(started);
                    shared.ready_count.store(ready.len(), Ordering::SeqCst);
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not start a pooled Java container");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}
