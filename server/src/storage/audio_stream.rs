//! What a store remembers of one audio stream, the same on both backends: which chunks have
//! arrived, their sizes while they matter, and the final sequence number. Both stores keep it
//! as one small JSON record beside the chunks and rewrite it with every chunk, so that
//! acknowledging a chunk, checking the gap bound and telling whether the stream is complete
//! never read the stream's chunks or list them.
//!
//! The record stays small because of the gap bound: every chunk above the first missing one is
//! within [`AudioLimits::max_gap`] of it, so at most that many are listed one by one, and every
//! chunk below it is only counted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AssembledAudio, AudioLimits, ChunkReceipt, ChunkRefusal};

/// One stream's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StreamState {
    /// Chunks `0..prefix` have all arrived. Once the final chunk is known the prefix stops at
    /// it, so that chunks sent past the end never count toward the stream's size.
    prefix: u32,
    /// The bytes of chunks `0..prefix`.
    prefix_bytes: u64,
    /// The chunks that arrived above the prefix, by sequence number, with their sizes.
    above: BTreeMap<u32, u64>,
    /// The sequence number of the first chunk flagged final.
    final_sequence: Option<u32>,
}

impl StreamState {
    /// Whether chunk `sequence` has arrived.
    pub(crate) fn contains(&self, sequence: u32) -> bool {
        sequence < self.prefix || self.above.contains_key(&sequence)
    }

    /// Refuses a new chunk whose sequence number runs more than `limits.max_gap` past the first
    /// chunk still to come.
    pub(crate) fn admit(&self, sequence: u32, limits: AudioLimits) -> Result<(), ChunkRefusal> {
        let highest_allowed = u64::from(self.prefix) + u64::from(limits.max_gap);
        if u64::from(sequence) > highest_allowed {
            return Err(ChunkRefusal::TooFarAhead { highest_allowed });
        }
        Ok(())
    }

    /// Records a chunk that had not arrived before, of `size` bytes.
    pub(crate) fn record(&mut self, sequence: u32, is_final: bool, size: u64) {
        if is_final && self.final_sequence.is_none() {
            self.final_sequence = Some(sequence);
        }
        self.above.insert(sequence, size);
        while self.final_sequence.is_none_or(|last| self.prefix <= last) {
            let Some(size) = self.above.remove(&self.prefix) else {
                break;
            };
            self.prefix += 1;
            self.prefix_bytes += size;
        }
    }

    /// The runs of sequence numbers below the highest arrived one that have not arrived, as
    /// inclusive pairs, ascending.
    pub(crate) fn missing(&self) -> Vec<(u32, u32)> {
        let mut missing = Vec::new();
        let mut expected = self.prefix;
        for &sequence in self.above.keys() {
            if sequence > expected {
                missing.push((expected, sequence - 1));
            }
            expected = sequence.saturating_add(1);
        }
        missing
    }

    /// The stream's chunk count and size once its final chunk and every chunk before it have
    /// arrived.
    pub(crate) fn complete(&self) -> Option<AssembledAudio> {
        let last = self.final_sequence?;
        (u64::from(self.prefix) == u64::from(last) + 1).then_some(AssembledAudio {
            chunks: self.prefix,
            size: self.prefix_bytes,
        })
    }

    /// What the client is told after a chunk, `duplicate` or not.
    pub(crate) fn receipt(&self, duplicate: bool) -> ChunkReceipt {
        ChunkReceipt {
            duplicate,
            missing: self.missing(),
            complete: self.complete(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: AudioLimits = AudioLimits {
        session_bytes: u64::MAX,
        max_gap: 8,
    };

    fn state(chunks: &[(u32, bool)]) -> StreamState {
        let mut state = StreamState::default();
        for &(sequence, is_final) in chunks {
            state.record(sequence, is_final, 10);
        }
        state
    }

    #[test]
    fn missing_chunks_are_ranges_below_the_highest() {
        assert_eq!(state(&[]).missing(), []);
        assert_eq!(state(&[(0, false), (1, false)]).missing(), []);
        assert_eq!(state(&[(3, false)]).missing(), [(0, 2)]);
        assert_eq!(
            state(&[(1, false), (4, false), (5, false), (8, false)]).missing(),
            [(0, 0), (2, 3), (6, 7)]
        );
    }

    #[test]
    fn the_prefix_stops_at_the_final_chunk() {
        let mut s = state(&[(0, false), (1, true), (2, false), (4, false)]);
        assert_eq!(
            s.complete(),
            Some(AssembledAudio {
                chunks: 2,
                size: 20
            })
        );
        assert_eq!(s.missing(), [(3, 3)]);
        s.record(3, false, 10);
        assert_eq!(s.missing(), []);
        assert_eq!(s.complete().map(|c| c.size), Some(20));
    }

    #[test]
    fn the_gap_bound_counts_from_the_first_missing_chunk() {
        let s = state(&[(0, false), (1, false), (5, false)]);
        assert_eq!(s.admit(10, LIMITS), Ok(()));
        assert_eq!(
            s.admit(11, LIMITS),
            Err(ChunkRefusal::TooFarAhead {
                highest_allowed: 10
            })
        );
    }

    #[test]
    fn the_record_is_json() {
        let s = state(&[(0, false), (2, true)]);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"prefix": 1, "prefixBytes": 10, "above": {"2": 10}, "finalSequence": 2})
        );
        assert_eq!(serde_json::from_value::<StreamState>(json).unwrap(), s);
    }
}
