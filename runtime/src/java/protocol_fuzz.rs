//! Property tests over the reader of the Java runner's protocol (a fuzz target of the
//! reliability suite): whatever bytes a container writes, in whatever pieces they arrive, the
//! filters neither panic nor answer differently.

use proptest::prelude::*;

use super::protocol::{StderrFilter, StdoutFilter};

const NONCE: &str = "0123456789abcdef";

/// Bytes with the protocol's markers (the nonce, newlines) mixed into arbitrary output.
fn output() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just(NONCE.as_bytes().to_vec()),
            Just(b"\n".to_vec()),
            Just(format!("{NONCE} compiled\n").into_bytes()),
            proptest::collection::vec(any::<u8>(), 0..16),
        ],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

/// The output cut at `cuts` (positions modulo its length).
fn pieces(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    at.sort_unstable();
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in at.into_iter().chain([bytes.len()]) {
        pieces.push(bytes[start..cut].to_vec());
        start = cut;
    }
    pieces
}

proptest! {
    #[test]
    fn stdout_is_read_the_same_in_any_pieces(bytes in output(), cuts in proptest::collection::vec(any::<usize>(), 0..6)) {
        let mut whole = StdoutFilter::new(NONCE);
        let mut expected = whole.push(&bytes);
        expected.extend(whole.finish());
        let mut split = StdoutFilter::new(NONCE);
        let mut got = Vec::new();
        for piece in pieces(&bytes, &cuts) {
            got.extend(split.push(&piece));
        }
        got.extend(split.finish());
        prop_assert_eq!(got, expected);
        prop_assert_eq!(format!("{:?}", split.take_preamble()), format!("{:?}", whole.take_preamble()));
    }

    #[test]
    fn stderr_is_read_the_same_in_any_pieces(bytes in output(), cuts in proptest::collection::vec(any::<usize>(), 0..6)) {
        let mut whole = StderrFilter::new(NONCE);
        let mut expected = whole.push(&bytes);
        expected.extend(whole.finish());
        let mut split = StderrFilter::new(NONCE);
        let mut got = Vec::new();
        for piece in pieces(&bytes, &cuts) {
            got.extend(split.push(&piece));
        }
        got.extend(split.finish());
        prop_assert_eq!(got, expected);
        prop_assert_eq!(format!("{:?}", split.trailer()), format!("{:?}", whole.trailer()));
    }
}
