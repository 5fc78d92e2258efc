//! The behaviour every [`AudioStore`] shares, as scenarios that each backend's tests run on
//! their own store (and follow with checks of what the backend wrote).

use bytes::Bytes;

use super::{AssembledAudio, AudioStore, ChunkReceipt};

/// A receipt, briefly.
pub(crate) fn receipt(
    duplicate: bool,
    missing: &[u32],
    final_sequence: Option<u32>,
) -> ChunkReceipt {
    ChunkReceipt {
        duplicate,
        missing: missing.to_vec(),
        final_sequence,
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
struct Stream<'a> {
    store: &'a dyn AudioStore,
    session: &'a str,
    stream: &'a str,
}

impl Stream<'_> {
    /// The receipt of storing chunk `sequence`.
    async fn put(&self, sequence: u32, is_final: bool, data: Bytes) -> ChunkReceipt {
        let (session, stream) = (self.session, self.stream);
        self.store
            .put_chunk(session, stream, sequence, is_final, data)
            .await
            .unwrap_or_else(|e| panic!("put_chunk {session}/{stream} #{sequence}: {e}"))
    }

    /// The answer of an assembly.
    async fn assemble(&self) -> Option<AssembledAudio> {
        let (session, stream) = (self.session, self.stream);
        self.store
            .assemble(session, stream)
            .await
            .unwrap_or_else(|e| panic!("assemble {session}/{stream}: {e}"))
    }

    /// The assembled bytes, if any.
    async fn assembled(&self) -> Option<Bytes> {
        let (session, stream) = (self.session, self.stream);
        self.store
            .get_assembled(session, stream)
            .await
            .unwrap_or_else(|e| panic!("get_assembled {session}/{stream}: {e}"))
    }
}

/// Three chunks in order, the last flagged final: assembled into their concatenation.
/// Returns the assembled bytes.
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
    assert_eq!(s.assemble().await, None, "no final chunk yet");
    assert_eq!(
        s.put(1, false, parts[1].clone()).await,
        receipt(false, &[], None)
    );
    assert_eq!(
        s.put(2, true, parts[2].clone()).await,
        receipt(false, &[], Some(2))
    );
    assert_eq!(s.assembled().await, None, "not assembled yet");
    let assembled = s.assemble().await;
    assert_eq!(
        assembled,
        Some(AssembledAudio {
            chunks: 3,
            size: 1334
        })
    );
    let expected: Bytes = parts.concat().into();
    assert_eq!(s.assembled().await.unwrap(), expected);
    // Idempotent: a second assembly answers the same and changes nothing, and so does a
    // repeated final chunk.
    assert_eq!(s.assemble().await, assembled);
    assert_eq!(
        s.put(2, true, chunk(9, 5)).await,
        receipt(true, &[], Some(2))
    );
    assert_eq!(s.assemble().await, assembled);
    assert_eq!(s.assembled().await.unwrap(), expected);
    expected
}

/// Chunks out of order with a gap: the gap is reported, the final chunk arrives before it is
/// filled and assembly waits; once it is filled, assembly succeeds.
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
    ];
    assert_eq!(
        s.put(2, false, parts[2].clone()).await,
        receipt(false, &[0, 1], None)
    );
    assert_eq!(
        s.put(0, false, parts[0].clone()).await,
        receipt(false, &[1], None)
    );
    assert_eq!(
        s.put(3, true, parts[3].clone()).await,
        receipt(false, &[1], Some(3))
    );
    assert_eq!(s.assemble().await, None, "chunk 1 is missing");
    assert_eq!(s.assembled().await, None);
    assert_eq!(
        s.put(1, false, parts[1].clone()).await,
        receipt(false, &[], Some(3))
    );
    assert_eq!(
        s.assemble().await,
        Some(AssembledAudio {
            chunks: 4,
            size: 1000
        })
    );
    assert_eq!(s.assembled().await.unwrap(), Bytes::from(parts.concat()));
}

/// A repeated sequence number is ignored: its bytes and its final flag. The first final
/// chunk fixes the length; chunks above it are stored but not assembled.
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
        receipt(false, &[], Some(1))
    );
    // A later final chunk does not move the end; one above it is stored, not assembled.
    assert_eq!(
        s.put(3, true, chunk(24, 8)).await,
        receipt(false, &[2], Some(1))
    );
    assert_eq!(
        s.assemble().await,
        Some(AssembledAudio {
            chunks: 2,
            size: 96
        })
    );
    assert_eq!(
        s.assembled().await.unwrap(),
        Bytes::from([first, second].concat())
    );
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
            receipt(false, &[0], Some(1)),
            "{session}/{stream}"
        );
    }
    for (session, stream, tag) in [(one, "mic", 30), (one, "mic-2", 40)] {
        assert_eq!(
            s(session, stream).put(0, false, chunk(tag, 5)).await,
            receipt(false, &[], Some(1)),
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
            s(session, stream).assemble().await,
            Some(AssembledAudio {
                chunks: 2,
                size: 12
            })
        );
        assert_eq!(
            s(session, stream).assembled().await.unwrap(),
            Bytes::from([chunk(tag, 5), chunk(tag + 1, 7)].concat())
        );
    }
    assert_eq!(
        s(two, "mic").assemble().await,
        None,
        "chunk 0 of {two} is missing"
    );
    assert_eq!(s(two, "mic").assembled().await, None);
    assert_eq!(s(one, "mi").assemble().await, None);
    assert_eq!(s(two, "never").assemble().await, None);
    assert_eq!(s(two, "never").assembled().await, None);
}
