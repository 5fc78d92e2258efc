//! The behaviour every [`AudioStore`] shares, as scenarios that each backend's tests run on
//! their own store (and follow with checks of what the backend wrote).

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;

use super::{AssembledAudio, AudioLimits, AudioStore, ChunkReceipt, ChunkRefusal, PutChunk};

/// Bounds that the scenarios which are not about bounds never reach.
pub(crate) const LIMITS: AudioLimits = AudioLimits {
    session_bytes: 1 << 20,
    max_gap: 1024,
};

/// A receipt, briefly: `complete` is the chunk count and size of a complete stream.
pub(crate) fn receipt(
    duplicate: bool,
    missing: &[(u32, u32)],
    complete: Option<(u32, u64)>,
) -> ChunkReceipt {
    ChunkReceipt {
        duplicate,
        missing: missing.to_vec(),
        complete: complete.map(|(chunks, size)| AssembledAudio { chunks, size }),
    }
}

/// Distinct bytes for a chunk, every byte value included, so that concatenation and order
/// show byte for byte.
pub(crate) fn chunk(tag: u8, len: usize) -> Bytes {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(tag))
        .collect::<Vec<u8>>()
        .into()
}

/// One stream of a store, so that each step of a scenario reads as one line. A store that
/// fails a call panics here, naming the call; a wrong answer shows in the scenario's assertion.
pub(crate) struct Stream<'a> {
    pub(crate) store: &'a dyn AudioStore,
    pub(crate) session: &'a str,
    pub(crate) stream: &'a str,
}

impl Stream<'_> {
    /// What storing chunk `sequence` within `limits` came to.
    pub(crate) async fn put_within(
        &self,
        sequence: u32,
        is_final: bool,
        data: Bytes,
        limits: AudioLimits,
    ) -> PutChunk {
        let (session, stream) = (self.session, self.stream);
        self.store
            .put_chunk(session, stream, sequence, is_final, data, limits)
            .await
            .unwrap_or_else(|e| panic!("put_chunk {session}/{stream} #{sequence}: {e}"))
    }

    /// The receipt of storing chunk `sequence`, which must be stored.
    pub(crate) async fn put(&self, sequence: u32, is_final: bool, data: Bytes) -> ChunkReceipt {
        match self.put_within(sequence, is_final, data, LIMITS).await {
            PutChunk::Stored(receipt) => receipt,
            PutChunk::Refused(refusal) => panic!("chunk {sequence} refused: {refusal:?}"),
        }
    }

    /// The complete stream's size and its bytes, read to the end.
    pub(crate) async fn read(&self) -> Option<(AssembledAudio, Bytes)> {
        let (session, stream) = (self.session, self.stream);
        let (info, mut bytes) = self
            .store
            .read_stream(session, stream)
            .await
            .unwrap_or_else(|e| panic!("read_stream {session}/{stream}: {e}"))?;
        let mut all = BytesMut::new();
        while let Some(part) = bytes.next().await {
            all.extend_from_slice(
                &part.unwrap_or_else(|e| panic!("reading {session}/{stream}: {e}")),
            );
        }
        assert_eq!(
            all.len() as u64,
            info.size,
            "{session}/{stream}: the size told"
        );
        Some((info, all.freeze()))
    }
}

/// The complete stream of `chunks` chunks holding `bytes`.
fn complete(chunks: u32, bytes: &[u8]) -> Option<(AssembledAudio, Bytes)> {
    Some((
        AssembledAudio {
            chunks,
            size: bytes.len() as u64,
        },
        Bytes::copy_from_slice(bytes),
    ))
}

/// Three chunks in order, the last flagged final: read back as their concatenation.
/// Returns the stream's bytes.
pub(crate) async fn in_order_stream(store: &dyn AudioStore, session: &str, stream: &str) -> Bytes {
    let s = Stream {
        store,
        session,
        stream,
    };
    let parts = [chunk(1, 1000), chunk(2, 333), chunk(3, 1)];
    assert_eq!(
        s.put(0, false, parts[0].clone()).await,
        receipt(false, &[], None)
    );
    assert_eq!(s.read().await, None, "no final chunk yet");
    assert_eq!(
        s.put(1, false, parts[1].clone()).await,
        receipt(false, &[], None)
    );
    assert_eq!(
        s.put(2, true, parts[2].clone()).await,
        receipt(false, &[], Some((3, 1334)))
    );
    let expected: Bytes = parts.concat().into();
    assert_eq!(s.read().await, complete(3, &expected));
    // Idempotent: a repeated final chunk changes nothing.
    assert_eq!(
        s.put(2, true, chunk(9, 5)).await,
        receipt(true, &[], Some((3, 1334)))
    );
    assert_eq!(s.read().await, complete(3, &expected));
    expected
}

/// Chunks out of order with a gap: the gap is reported as a range, the final chunk arrives
/// before it is filled and the stream stays incomplete; once it is filled, it is complete.
pub(crate) async fn gap_then_filled(store: &dyn AudioStore, session: &str, stream: &str) {
    let s = Stream {
        store,
        session,
        stream,
    };
    let parts = [
        chunk(10, 100),
        chunk(11, 200),
        chunk(12, 300),
        chunk(13, 400),
        chunk(14, 500),
    ];
    assert_eq!(
        s.put(3, false, parts[3].clone()).await,
        receipt(false, &[(0, 2)], None)
    );
    assert_eq!(
        s.put(1, false, parts[1].clone()).await,
        receipt(false, &[(0, 0), (2, 2)], None)
    );
    assert_eq!(
        s.put(0, false, parts[0].clone()).await,
        receipt(false, &[(2, 2)], None)
    );
    assert_eq!(
        s.put(4, true, parts[4].clone()).await,
        receipt(false, &[(2, 2)], None)
    );
    assert_eq!(s.read().await, None, "chunk 2 is missing");
    assert_eq!(
        s.put(2, false, parts[2].clone()).await,
        receipt(false, &[], Some((5, 1500)))
    );
    assert_eq!(s.read().await, complete(5, &parts.concat()));
}

/// A repeated sequence number is ignored: its bytes and its final flag. The first final
/// chunk fixes the length; chunks above it are stored but not part of the stream.
pub(crate) async fn duplicates_and_finals(store: &dyn AudioStore, session: &str, stream: &str) {
    let s = Stream {
        store,
        session,
        stream,
    };
    let first = chunk(20, 64);
    assert_eq!(
        s.put(0, false, first.clone()).await,
        receipt(false, &[], None)
    );
    assert_eq!(
        s.put(0, false, chunk(21, 64)).await,
        receipt(true, &[], None)
    );
    // A duplicate flagged final records no final chunk.
    assert_eq!(
        s.put(0, true, chunk(22, 10)).await,
        receipt(true, &[], None)
    );
    let second = chunk(23, 32);
    assert_eq!(
        s.put(1, true, second.clone()).await,
        receipt(false, &[], Some((2, 96)))
    );
    // A later final chunk does not move the end; one above it is stored, not part of the
    // stream, and the gap below it is reported.
    assert_eq!(
        s.put(3, true, chunk(24, 8)).await,
        receipt(false, &[(2, 2)], Some((2, 96)))
    );
    assert_eq!(
        s.put(2, false, chunk(25, 8)).await,
        receipt(false, &[], Some((2, 96)))
    );
    assert_eq!(s.read().await, complete(2, &[first, second].concat()));
}

/// Two streams of one session and the same stream id in two sessions share nothing.
pub(crate) async fn streams_and_sessions_apart(store: &dyn AudioStore, sessions: [&str; 2]) {
    let [one, two] = sessions;
    let s = |session, stream| Stream {
        store,
        session,
        stream,
    };
    // Interleaved: the same sequence numbers, different bytes, in three streams.
    for (session, stream, tag) in [(one, "mic", 30), (one, "mic-2", 40), (two, "mic", 50)] {
        assert_eq!(
            s(session, stream).put(1, true, chunk(tag + 1, 7)).await,
            receipt(false, &[(0, 0)], None),
            "{session}/{stream}"
        );
    }
    for (session, stream, tag) in [(one, "mic", 30), (one, "mic-2", 40)] {
        assert_eq!(
            s(session, stream).put(0, false, chunk(tag, 5)).await,
            receipt(false, &[], Some((2, 12))),
            "{session}/{stream}"
        );
    }
    // A stream id that prefixes another stays its own.
    assert_eq!(
        s(one, "mi").put(0, false, chunk(60, 3)).await,
        receipt(false, &[], None)
    );
    for (session, stream, tag) in [(one, "mic", 30), (one, "mic-2", 40)] {
        assert_eq!(
            s(session, stream).read().await,
            complete(2, &[chunk(tag, 5), chunk(tag + 1, 7)].concat())
        );
    }
    assert_eq!(
        s(two, "mic").read().await,
        None,
        "chunk 0 of {two} is missing"
    );
    assert_eq!(s(one, "mi").read().await, None);
    assert_eq!(s(two, "never").read().await, None);
}

/// A quota of 100 bytes for the session, far from any gap bound.
const QUOTA_100: AudioLimits = AudioLimits {
    session_bytes: 100,
    max_gap: 1024,
};

/// Streams `a` and `b` of one session, which share its quota.
fn streams_a_and_b<'a>(store: &'a dyn AudioStore, session: &'a str) -> [Stream<'a>; 2] {
    ["a", "b"].map(|stream| Stream {
        store,
        session,
        stream,
    })
}

/// Chunks of two streams that fill the quota exactly are stored, and a repeat of one is still
/// acknowledged when the session is full.
pub(crate) async fn audio_quota_obeyed(store: &dyn AudioStore, session: &str) {
    let [a, b] = streams_a_and_b(store, session);
    assert_eq!(
        a.put_within(0, true, chunk(1, 60), QUOTA_100).await,
        PutChunk::Stored(receipt(false, &[], Some((1, 60))))
    );
    assert_eq!(
        b.put_within(0, false, chunk(2, 40), QUOTA_100).await,
        PutChunk::Stored(receipt(false, &[], None))
    );
    assert_eq!(
        b.put_within(0, false, chunk(3, 40), QUOTA_100).await,
        PutChunk::Stored(receipt(true, &[], None))
    );
    // An empty chunk fits in a full session.
    assert_eq!(
        b.put_within(1, true, Bytes::new(), QUOTA_100).await,
        PutChunk::Stored(receipt(false, &[], Some((2, 40))))
    );
    assert_eq!(a.read().await, complete(1, &chunk(1, 60)));
    assert_eq!(b.read().await, complete(2, &chunk(2, 40)));
}

/// A chunk that would take the session past its quota is refused and leaves nothing: its
/// sequence number is free afterwards, and what was stored before is intact.
pub(crate) async fn audio_quota_violated(store: &dyn AudioStore, session: &str) {
    let [a, b] = streams_a_and_b(store, session);
    assert_eq!(
        a.put_within(0, false, chunk(1, 60), QUOTA_100).await,
        PutChunk::Stored(receipt(false, &[], None))
    );
    let refused = PutChunk::Refused(ChunkRefusal::QuotaExceeded {
        used: 60,
        limit: 100,
    });
    assert_eq!(
        b.put_within(0, true, chunk(2, 41), QUOTA_100).await,
        refused
    );
    assert_eq!(
        a.put_within(1, true, chunk(3, 41), QUOTA_100).await,
        refused
    );
    assert_eq!(b.read().await, None);
    // Nothing of the refused chunks was kept: their sequence numbers take new bytes.
    assert_eq!(
        b.put_within(0, true, chunk(4, 40), QUOTA_100).await,
        PutChunk::Stored(receipt(false, &[], Some((1, 40))))
    );
    assert_eq!(
        a.put_within(1, true, Bytes::new(), QUOTA_100).await,
        PutChunk::Stored(receipt(false, &[], Some((2, 60))))
    );
    assert_eq!(a.read().await, complete(2, &chunk(1, 60)));
    assert_eq!(b.read().await, complete(1, &chunk(4, 40)));
}

/// A gap bound of 4, far from any quota.
const GAP_4: AudioLimits = AudioLimits {
    session_bytes: 1 << 20,
    max_gap: 4,
};

/// Sequence numbers up to 4 past the first missing chunk are stored, and the bound moves up as
/// the gap fills.
pub(crate) async fn sequence_gap_obeyed(store: &dyn AudioStore, session: &str, stream: &str) {
    let s = Stream {
        store,
        session,
        stream,
    };
    assert_eq!(
        s.put_within(4, false, chunk(4, 4), GAP_4).await,
        PutChunk::Stored(receipt(false, &[(0, 3)], None))
    );
    assert_eq!(
        s.put_within(0, false, chunk(0, 4), GAP_4).await,
        PutChunk::Stored(receipt(false, &[(1, 3)], None))
    );
    assert_eq!(
        s.put_within(5, false, chunk(5, 4), GAP_4).await,
        PutChunk::Stored(receipt(false, &[(1, 3)], None))
    );
    for sequence in 1..=3 {
        s.put_within(sequence, false, chunk(sequence as u8, 4), GAP_4)
            .await;
    }
    assert_eq!(
        s.put_within(10, true, chunk(10, 4), GAP_4).await,
        PutChunk::Stored(receipt(false, &[(6, 9)], None))
    );
}

/// A sequence number more than 4 past the first missing chunk is refused and leaves nothing:
/// the stream completes without it.
pub(crate) async fn sequence_gap_violated(store: &dyn AudioStore, session: &str, stream: &str) {
    let s = Stream {
        store,
        session,
        stream,
    };
    assert_eq!(
        s.put_within(0, false, chunk(0, 4), GAP_4).await,
        PutChunk::Stored(receipt(false, &[], None))
    );
    assert_eq!(
        s.put_within(6, true, chunk(6, 4), GAP_4).await,
        PutChunk::Refused(ChunkRefusal::TooFarAhead { highest_allowed: 5 })
    );
    assert_eq!(
        s.put_within(u32::MAX, false, chunk(7, 4), GAP_4).await,
        PutChunk::Refused(ChunkRefusal::TooFarAhead { highest_allowed: 5 })
    );
    assert_eq!(
        s.put_within(1, true, chunk(1, 4), GAP_4).await,
        PutChunk::Stored(receipt(false, &[], Some((2, 8))))
    );
    assert_eq!(
        s.read().await,
        complete(2, &[chunk(0, 4), chunk(1, 4)].concat())
    );
}
