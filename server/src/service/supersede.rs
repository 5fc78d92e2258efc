//! `"supersede": true`: a run that replaces the session's runs still in flight that were also
//! started with it, so that a candidate who saves again does not wait for a stale run (nor hold
//! a slot with it). Runs without the flag are never cancelled by another. Within one host: a
//! superseding run reaches the runs of its own host.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use codebox_runtime::CancelToken;

use crate::sync::lock;

/// A session's superseding runs in flight: each execution's id and what stops it.
type InFlightRuns = Vec<(String, CancelToken)>;

/// The superseding runs in flight, by session.
#[derive(Debug, Clone, Default)]
pub(crate) struct Superseding(Arc<Mutex<HashMap<String, InFlightRuns>>>);

impl Superseding {
    /// Cancels the session's superseding runs in flight and counts `execution_id` (stopped by
    /// `cancel`) among them until the returned guard is dropped.
    pub(crate) fn enter(
        &self,
        session_id: &str,
        execution_id: &str,
        cancel: &CancelToken,
    ) -> InFlight {
        let mut runs = lock(&self.0);
        let session = runs.entry(session_id.to_owned()).or_default();
        for (stale, token) in session.drain(..) {
            tracing::info!(execution_id = %stale, "superseded by a newer run");
            token.cancel();
        }
        session.push((execution_id.to_owned(), cancel.clone()));
        InFlight {
            runs: self.clone(),
            session_id: session_id.to_owned(),
            execution_id: execution_id.to_owned(),
        }
    }
}

/// A superseding run in flight; it leaves the table when dropped.
#[derive(Debug)]
pub(crate) struct InFlight {
    runs: Superseding,
    session_id: String,
    execution_id: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut runs = lock(&self.runs.0);
        if let Some(session) = runs.get_mut(&self.session_id) {
            session.retain(|(id, _)| *id != self.execution_id);
            if session.is_empty() {
                runs.remove(&self.session_id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_superseding_run_cancels_the_earlier_ones_of_its_session_only() {
        let runs = Superseding::default();
        let (first, other_session, second) =
            (CancelToken::new(), CancelToken::new(), CancelToken::new());
        let guard = runs.enter("s", "e1", &first);
        let _other = runs.enter("t", "e9", &other_session);
        let _second = runs.enter("s", "e2", &second);
        assert!(first.is_cancelled());
        assert!(!other_session.is_cancelled());
        assert!(!second.is_cancelled());
        // A finished run leaves; the table keeps the others.
        drop(guard);
        assert_eq!(lock(&runs.0)["s"].len(), 1);
    }
}
