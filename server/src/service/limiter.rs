//! Bounded concurrency for executions: a fixed number of slots and a bounded queue. A run
//! beyond both is refused at once (429) rather than left to hang.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// Execution slots and their queue.
#[derive(Debug, Clone)]
pub(crate) struct Limiter {
    slots: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    queue: usize,
}

/// A held slot; dropping it frees the slot.
#[derive(Debug)]
pub(crate) struct Slot {
    _permit: OwnedSemaphorePermit,
}

impl Limiter {
    pub(crate) fn new(slots: usize, queue: usize) -> Self {
        Limiter {
            slots: Arc::new(Semaphore::new(slots)),
            waiting: Arc::new(AtomicUsize::new(0)),
            queue,
        }
    }

    /// Runs waiting for a slot now.
    pub(crate) fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }

    /// A slot now, or after waiting in the queue, or [`ApiError::Busy`] when the queue is full.
    pub(crate) async fn acquire(&self) -> Result<Slot, ApiError> {
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Ok(Slot { _permit: permit });
        }
        let position = self.waiting.fetch_add(1, Ordering::SeqCst);
        let _leave = Leave(self.waiting.clone());
        if position >= self.queue {
            return Err(ApiError::Busy { retry_after: 1 });
        }
        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::Internal("the execution slots closed".into()))?;
        Ok(Slot { _permit: permit })
    }
}

/// Leaves the queue when dropped, whether the wait ended or was cancelled.
struct Leave(Arc<AtomicUsize>);

impl Drop for Leave {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn beyond_slots_and_queue_is_busy() {
        let limiter = Limiter::new(1, 1);
        let held = limiter.acquire().await.unwrap();
        let waiter = tokio::spawn({
            let limiter = limiter.clone();
            async move { limiter.acquire().await.map(drop) }
        });
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert!(matches!(
            limiter.acquire().await,
            Err(ApiError::Busy { .. })
        ));
        drop(held);
        waiter.await.unwrap().unwrap();
        assert!(limiter.acquire().await.is_ok());
    }
}
