//! An execution's events on their way to the client. Output is gathered into chunks (up to
//! 16 KiB, or what arrived within 20 ms), so that a program making many small writes does not
//! become as many messages; and what waits for a client that reads slowly is bounded in
//! bytes: beyond the bound, output is dropped, counted, and reported in its place by one
//! `output-dropped` message.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use codebox_runtime::StreamKind;
use tokio::sync::Notify;

use super::connection::Conn;
use super::messages::{ServerMessage, StreamName};
use crate::service::execute::ExecutionEvent;
use crate::sync::lock;

/// The largest `data` of one `execution-output` message.
const CHUNK_BYTES: usize = 16 << 10;
/// How long output waits for more before it is sent, when less than a chunk has gathered.
const FLUSH_DELAY: Duration = Duration::from_millis(20);
/// The most an execution holds for its client, in bytes. It is above the two output caps of a
/// run (1 MiB each), so that one burst of a run's whole output fits, even in a single write.
pub(super) const QUEUE_BYTES: usize = 2 << 20;
/// What each waiting item is charged besides its text: its own bookkeeping, so that many tiny
/// items cannot hide behind a small byte count.
const ITEM_BYTES: usize = 64;

/// An event waiting to be sent.
enum Item {
    /// A message sent as it is (the start, a test case's result).
    Event(ServerMessage),
    /// Output gathered from consecutive writes to one stream.
    Output {
        stream: StreamName,
        test_case: Option<usize>,
        data: String,
    },
    /// Output dropped at this place because the queue was full.
    Dropped {
        test_case: Option<usize>,
        stdout: u64,
        stderr: u64,
    },
}

/// The events waiting, their charged size, and whether the execution has ended.
#[derive(Default)]
struct Queue {
    items: VecDeque<Item>,
    bytes: usize,
    done: bool,
}

/// One execution's events: filled by the thread that runs the program, emptied by
/// [`Events::forward`] into the connection's outbox.
pub(super) struct Events {
    request_id: String,
    queue: Mutex<Queue>,
    ready: Notify,
}

impl Events {
    pub(super) fn new(request_id: String) -> Arc<Events> {
        Arc::new(Events {
            request_id,
            queue: Mutex::default(),
            ready: Notify::new(),
        })
    }

    /// Queues an event; never waits, since it is called from the thread that runs the program.
    pub(super) fn push(&self, event: ExecutionEvent) {
        let request_id = self.request_id.clone();
        let mut queue = lock(&self.queue);
        match event {
            ExecutionEvent::Started {
                file_name,
                language,
                test_cases,
            } => queue.push_event(ServerMessage::ExecutionStarted {
                request_id,
                file_name,
                language: language.name().to_owned(),
                test_cases,
            }),
            ExecutionEvent::Output {
                stream,
                data,
                test_case,
            } => queue.push_output(stream, test_case, data),
            ExecutionEvent::TestCase(result) => {
                queue.push_event(ServerMessage::TestCaseResult { request_id, result });
            }
        }
        drop(queue);
        self.ready.notify_one();
    }

    /// Marks the execution as ended: [`Events::forward`] returns once it has sent the rest.
    pub(super) fn finish(&self) {
        lock(&self.queue).done = true;
        self.ready.notify_one();
    }

    /// Sends the events to the connection, in order, until the execution has ended and
    /// everything queued is sent. A slow client makes this wait, and the queue fill.
    pub(super) async fn forward(self: Arc<Self>, conn: Conn) {
        loop {
            let next = lock(&self.queue).pop(&self.request_id);
            if let Some(message) = next {
                let partial = matches!(&message, ServerMessage::ExecutionOutput { data, .. } if data.len() < CHUNK_BYTES);
                conn.send(&message).await;
                // A program writing steadily refills the queue while a message is sent: after
                // a chunk that was not full, more output gathers before the next one, or every
                // send would carry the few bytes written during the one before.
                if partial && !lock(&self.queue).urgent() {
                    tokio::time::sleep(FLUSH_DELAY).await;
                }
                continue;
            }
            if lock(&self.queue).done {
                return;
            }
            self.ready.notified().await;
            // Small writes gather for a moment into one message, unless a chunk is already
            // full or something that is not output (or the end) is waiting.
            if !lock(&self.queue).urgent() {
                tokio::time::sleep(FLUSH_DELAY).await;
            }
        }
    }
}

impl Queue {
    fn push_event(&mut self, message: ServerMessage) {
        // Events are few (one per test case) and never dropped, even over the bound.
        self.items.push_back(Item::Event(message));
        self.bytes += ITEM_BYTES;
    }

    /// Appends output to the last chunk of its stream, or starts a chunk; what does not fit in
    /// the bound is dropped and counted.
    fn push_output(&mut self, kind: StreamKind, test_case: Option<usize>, mut data: String) {
        let stream = match kind {
            StreamKind::Stdout => StreamName::Stdout,
            StreamKind::Stderr => StreamName::Stderr,
        };
        let room = QUEUE_BYTES.saturating_sub(self.bytes + ITEM_BYTES);
        let mut cut = room.min(data.len());
        while !data.is_char_boundary(cut) {
            cut -= 1;
        }
        let dropped = (data.len() - cut) as u64;
        data.truncate(cut);
        if !data.is_empty() {
            match self.items.back_mut() {
                Some(Item::Output {
                    stream: last,
                    test_case: case,
                    data: gathered,
                }) if *last == stream && *case == test_case => {
                    self.bytes += data.len();
                    gathered.push_str(&data);
                }
                _ => {
                    self.bytes += ITEM_BYTES + data.len();
                    self.items.push_back(Item::Output {
                        stream,
                        test_case,
                        data,
                    });
                }
            }
        }
        if dropped > 0 {
            self.count_dropped(stream, test_case, dropped);
        }
    }

    /// Adds dropped bytes to the marker at the end of the queue, or places one there. Only
    /// the marker may go over the bound, and only once after each output that was kept.
    fn count_dropped(&mut self, stream: StreamName, test_case: Option<usize>, bytes: u64) {
        let marker = match self.items.back_mut() {
            Some(Item::Dropped {
                test_case: case,
                stdout,
                stderr,
            }) if *case == test_case => Some((stdout, stderr)),
            _ => None,
        };
        let (stdout, stderr) = match marker {
            Some(counts) => counts,
            None => {
                self.bytes += ITEM_BYTES;
                self.items.push_back(Item::Dropped {
                    test_case,
                    stdout: 0,
                    stderr: 0,
                });
                match self.items.back_mut() {
                    Some(Item::Dropped { stdout, stderr, .. }) => (stdout, stderr),
                    _ => return,
                }
            }
        };
        match stream {
            StreamName::Stdout => *stdout += bytes,
            StreamName::Stderr => *stderr += bytes,
        }
    }

    /// Whether waiting for more output would only delay what is already complete: the end, a
    /// full chunk, or an event that is not output. An empty queue is not urgent: the wake-up
    /// came from output that an earlier pass already took, and more is likely on its way.
    fn urgent(&self) -> bool {
        self.done
            || self.bytes >= CHUNK_BYTES
            || matches!(
                self.items.back(),
                Some(Item::Event(_) | Item::Dropped { .. })
            )
    }

    /// Takes the next message: a whole event, or up to a chunk of the first output.
    fn pop(&mut self, request_id: &str) -> Option<ServerMessage> {
        let request_id = request_id.to_owned();
        if let Some(Item::Output { data, .. }) = self.items.front_mut()
            && data.len() > CHUNK_BYTES
        {
            let mut cut = CHUNK_BYTES;
            while !data.is_char_boundary(cut) {
                cut -= 1;
            }
            let rest = data.split_off(cut);
            let piece = std::mem::replace(data, rest);
            self.bytes -= piece.len();
            let Some(Item::Output {
                stream, test_case, ..
            }) = self.items.front()
            else {
                return None;
            };
            return Some(ServerMessage::ExecutionOutput {
                request_id,
                stream: *stream,
                data: piece,
                test_case: *test_case,
            });
        }
        let item = self.items.pop_front()?;
        self.bytes = self.bytes.saturating_sub(ITEM_BYTES);
        Some(match item {
            Item::Event(message) => message,
            Item::Output {
                stream,
                test_case,
                data,
            } => {
                self.bytes = self.bytes.saturating_sub(data.len());
                ServerMessage::ExecutionOutput {
                    request_id,
                    stream,
                    data,
                    test_case,
                }
            }
            Item::Dropped {
                test_case,
                stdout,
                stderr,
            } => ServerMessage::OutputDropped {
                request_id,
                stdout_bytes: stdout,
                stderr_bytes: stderr,
                test_case,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(queue: &mut Queue, text: &str) {
        queue.push_output(StreamKind::Stdout, None, text.to_owned());
    }

    #[test]
    fn small_writes_gather_into_chunks() {
        let mut queue = Queue::default();
        for _ in 0..40_000 {
            output(&mut queue, "x");
        }
        let mut sizes = Vec::new();
        while let Some(ServerMessage::ExecutionOutput { data, .. }) = queue.pop("r") {
            sizes.push(data.len());
        }
        assert_eq!(sizes, [CHUNK_BYTES, CHUNK_BYTES, 40_000 - 2 * CHUNK_BYTES]);
        assert_eq!(queue.bytes, 0);
    }

    #[test]
    fn output_over_the_bound_is_dropped_and_counted_in_place() {
        let mut queue = Queue::default();
        let big = "y".repeat(QUEUE_BYTES);
        output(&mut queue, &big);
        output(&mut queue, "lost");
        queue.push_output(StreamKind::Stderr, None, "also lost".to_owned());
        assert!(queue.bytes <= QUEUE_BYTES + ITEM_BYTES, "{}", queue.bytes);
        let mut kept = 0;
        let mut marker = None;
        while let Some(message) = queue.pop("r") {
            match message {
                ServerMessage::ExecutionOutput { data, .. } => kept += data.len(),
                ServerMessage::OutputDropped {
                    stdout_bytes,
                    stderr_bytes,
                    ..
                } => marker = Some((stdout_bytes, stderr_bytes)),
                _ => panic!("unexpected message"),
            }
        }
        let (stdout, stderr) = marker.expect("a marker");
        assert_eq!(kept as u64 + stdout, QUEUE_BYTES as u64 + 4);
        assert_eq!(stderr, 9);
        assert_eq!(queue.bytes, 0);
    }
}
