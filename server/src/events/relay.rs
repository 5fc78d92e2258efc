//! The relay between a host and the event engine (Redis or Valkey): every host publishes its
//! sessions' events on one channel and subscribes to it, delivering the other hosts' events to
//! its own connections.
//!
//! Two tasks, each with its own connection, so that a slow publish never delays delivery:
//! - the publisher sends the host's events in the order they were made. An event made before
//!   the engine last came back (while it was away, or before it went away and still unsent) is
//!   dropped, not sent late: a late event could contradict the files that the other hosts'
//!   connections list again when told of the outage. So is an event beyond a full queue.
//! - the subscriber delivers the channel's messages from other hosts, pings the engine so that a
//!   silent link is noticed, and on losing it (and again on getting it back) tells every
//!   connection of this host that events may have been lost, then reconnects with a backoff.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc};

use super::{FileEvent, SessionEvent};

/// The channel every host publishes on and subscribes to.
const CHANNEL: &str = "codebox:session-events";

/// Events waiting for the publisher; beyond them an event is dropped.
const PUBLISH_QUEUE: usize = 4096;

/// The longest a connection, a publish or a ping may take before the engine counts as away.
const ENGINE_TIMEOUT: Duration = Duration::from_secs(3);

/// How often the subscriber pings the engine.
const PING_EVERY: Duration = Duration::from_secs(2);

/// How long a link must have held for its loss to be retried without delay.
const STABLE_LINK: Duration = Duration::from_secs(10);

/// The longest wait between attempts to reconnect.
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// An event as it travels between hosts: the publishing host, so that it can skip its own.
#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    host: String,
    event: FileEvent,
}

/// An event waiting for the publisher, with when it was made.
type Outgoing = (Instant, Vec<u8>);

/// The relay's handle: the queue to the publisher and the engine's state.
pub(super) struct Relay {
    host: String,
    outbox: mpsc::Sender<Outgoing>,
    problem: Arc<RwLock<Option<String>>>,
}

/// When the subscriber last found the engine back after an outage (none before the first).
type BackSince = Arc<RwLock<Option<Instant>>>;

impl Relay {
    /// Starts the publisher and the subscriber for the engine at `url`.
    pub(super) fn start(
        url: &str,
        local: broadcast::Sender<SessionEvent>,
    ) -> Result<Relay, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let host = uuid::Uuid::new_v4().to_string();
        let problem = Arc::new(RwLock::new(Some("not connected yet".to_owned())));
        let back_since = BackSince::default();
        let (outbox, queue) = mpsc::channel(PUBLISH_QUEUE);
        tokio::spawn(publish(client.clone(), queue, Arc::clone(&back_since)));
        tokio::spawn(subscribe(
            client,
            host.clone(),
            local,
            Arc::clone(&problem),
            back_since,
        ));
        Ok(Relay {
            host,
            outbox,
            problem,
        })
    }

    /// Queues `event` for the other hosts, or drops it when the queue is full.
    pub(super) fn publish(&self, event: &FileEvent) {
        let envelope = Envelope {
            host: self.host.clone(),
            event: event.clone(),
        };
        let payload = match serde_json::to_vec(&envelope) {
            Ok(payload) => payload,
            Err(e) => {
                tracing::error!(error = %e, "could not encode a session event");
                return;
            }
        };
        if self.outbox.try_send((Instant::now(), payload)).is_err() {
            tracing::warn!(
                session = %event.session_id,
                "the event engine is behind: a file change was not sent to the other hosts"
            );
        }
    }

    /// `None` while the subscriber is connected; otherwise why it is not.
    pub(super) fn problem(&self) -> Option<String> {
        self.problem
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Sends the queued events in order, reconnecting after a failure.
///
/// An event whose publish failed is sent again, once, first on the next connection: the
/// failure may have been the old connection's alone (the engine restarted under it). Whether
/// an event is sent at all is decided by when it was made (see the header), so that an event
/// made after the engine came back is sent even when the publisher reconnects later than the
/// subscriber.
async fn publish(client: redis::Client, mut queue: mpsc::Receiver<Outgoing>, back: BackSince) {
    let mut backoff = Backoff::default();
    let mut unsent: Option<Outgoing> = None;
    let made_before_return = |made: Instant| {
        back.read()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|back| made < back)
    };
    loop {
        let connected =
            tokio::time::timeout(ENGINE_TIMEOUT, client.get_multiplexed_async_connection()).await;
        let mut connection = match connected {
            Ok(Ok(connection)) => connection,
            failed => {
                tracing::debug!(?failed, "the event engine does not answer the publisher");
                backoff.wait().await;
                continue;
            }
        };
        backoff.reset();
        loop {
            let ((made, payload), retried) = match unsent.take() {
                Some(outgoing) => (outgoing, true),
                None => match queue.recv().await {
                    Some(outgoing) => (outgoing, false),
                    None => return,
                },
            };
            if made_before_return(made) {
                continue;
            }
            let mut command = redis::cmd("PUBLISH");
            command.arg(CHANNEL).arg(&payload);
            let sent = command.query_async::<i64>(&mut connection);
            match tokio::time::timeout(ENGINE_TIMEOUT, sent).await {
                Ok(Ok(_)) => {}
                failed => {
                    tracing::warn!(?failed, "could not publish a session event; reconnecting");
                    // Once only: an event that fails on a fresh connection too is dropped.
                    unsent = (!retried).then_some((made, payload));
                    break;
                }
            }
        }
    }
}

/// Delivers the other hosts' events until the process ends, through outages of the engine.
async fn subscribe(
    client: redis::Client,
    host: String,
    local: broadcast::Sender<SessionEvent>,
    problem: Arc<RwLock<Option<String>>>,
    back_since: BackSince,
) {
    let set_problem = |reason: Option<String>| {
        *problem.write().unwrap_or_else(|p| p.into_inner()) = reason;
    };
    let mut backoff = Backoff::default();
    // Whether events may have been missed since the last subscription (none before the first).
    let mut outage = false;
    loop {
        let pubsub = match tokio::time::timeout(ENGINE_TIMEOUT, subscribed(&client)).await {
            Ok(Ok(pubsub)) => pubsub,
            failed => {
                let reason = match failed {
                    Ok(Err(e)) => format!("the event engine does not answer: {e}"),
                    _ => "the event engine does not answer in time".to_owned(),
                };
                if !outage {
                    tracing::warn!(%reason, "session events are not shared with other hosts");
                }
                set_problem(Some(reason));
                outage = true;
                backoff.wait().await;
                continue;
            }
        };
        set_problem(None);
        let linked = std::time::Instant::now();
        if outage {
            tracing::info!("the event engine is back: session events are shared again");
            // Set before the connections are told, so that every change they make after
            // hearing of it is sent.
            *back_since.write().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
            let _ = local.send(SessionEvent::Lost {
                reason: "the event engine is back after an outage: changes made on other hosts meanwhile were not delivered".to_owned(),
            });
        }
        let reason = relay_messages(pubsub, &host, &local).await;
        tracing::warn!(%reason, "lost the event engine; reconnecting");
        let _ = local.send(SessionEvent::Lost {
            reason: format!(
                "{reason}: changes made on other hosts are not delivered until it is back"
            ),
        });
        set_problem(Some(reason));
        outage = true;
        // A link that held a while starts the backoff afresh; one that keeps failing at once
        // is retried ever less often.
        if linked.elapsed() > STABLE_LINK {
            backoff.reset();
        }
        backoff.wait().await;
    }
}

/// A connection subscribed to the channel.
async fn subscribed(client: &redis::Client) -> redis::RedisResult<redis::aio::PubSub> {
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(CHANNEL).await?;
    Ok(pubsub)
}

/// Delivers the channel's messages from other hosts until the link fails; answers why it did.
async fn relay_messages(
    pubsub: redis::aio::PubSub,
    host: &str,
    local: &broadcast::Sender<SessionEvent>,
) -> String {
    let (mut sink, mut messages) = pubsub.split();
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    loop {
        tokio::select! {
            message = messages.next() => {
                let Some(message) = message else {
                    return "the event engine closed the connection".to_owned();
                };
                match serde_json::from_slice::<Envelope>(message.get_payload_bytes()) {
                    Ok(envelope) if envelope.host == host => {}
                    Ok(envelope) => {
                        let _ = local.send(SessionEvent::FileChanged(envelope.event));
                    }
                    Err(e) => tracing::warn!(error = %e, "ignored a malformed session event"),
                }
            }
            _ = ping.tick() => {
                match tokio::time::timeout(ENGINE_TIMEOUT, sink.ping::<redis::Value>()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => return format!("the event engine failed a ping: {e}"),
                    Err(_) => return "the event engine did not answer a ping in time".to_owned(),
                }
            }
        }
    }
}

/// Waits that double from 100 ms up to [`MAX_BACKOFF`].
#[derive(Debug, Default)]
struct Backoff {
    attempts: u32,
}

impl Backoff {
    async fn wait(&mut self) {
        let wait = Duration::from_millis(100)
            .saturating_mul(1 << self.attempts.min(5))
            .min(MAX_BACKOFF);
        self.attempts += 1;
        tokio::time::sleep(wait).await;
    }

    fn reset(&mut self) {
        self.attempts = 0;
    }
}
