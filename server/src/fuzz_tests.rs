//! Property tests over the parsers that read what a client sends, the fuzz targets of the
//! reliability suite: file paths, audio frames and chunk data, and spoken commands. Each runs
//! a few hundred generated inputs per `cargo test`; none may panic, and each keeps its
//! promise (a path it accepts is normalised, a frame it splits round-trips).

use base64::Engine;
use bytes::Bytes;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::service::audio::{decode_chunk_data, split_binary_frame};
use crate::service::files::check_path;

/// Strings made of the characters that matter to paths, and some that do not.
fn path_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("/".to_owned()),
            Just("..".to_owned()),
            Just(".".to_owned()),
            Just("\\".to_owned()),
            Just("\0".to_owned()),
            "[a-zA-Z0-9_ é-]{1,8}",
            "[a-z]{250,260}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn an_accepted_path_is_relative_and_normalised(path in path_like()) {
        if let Ok(checked) = check_path(&path) {
            prop_assert!(!checked.starts_with('/'));
            prop_assert!(checked.len() <= codebox_runtime::MAX_PATH_BYTES);
            for segment in checked.split('/') {
                prop_assert!(!segment.is_empty() && segment != "." && segment != "..");
                prop_assert!(segment.len() <= codebox_runtime::MAX_SEGMENT_BYTES);
                prop_assert!(!segment.contains(['\\', '\0']));
            }
            prop_assert_eq!(check_path(&checked).ok(), Some(checked.clone()));
        }
    }

    #[test]
    fn binary_frames_never_panic(frame in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = split_binary_frame::<Value>(&Bytes::from(frame));
    }

    #[test]
    fn binary_frames_round_trip(
        sequence in any::<u32>(),
        audio in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let header = json!({ "streamId": "mic", "sequence": sequence });
        let header_bytes = serde_json::to_vec(&header).unwrap();
        let mut frame = u32::try_from(header_bytes.len()).unwrap().to_be_bytes().to_vec();
        frame.extend_from_slice(&header_bytes);
        frame.extend_from_slice(&audio);
        let (parsed, rest) = split_binary_frame::<Value>(&Bytes::from(frame)).expect("a frame");
        prop_assert_eq!(parsed, header);
        prop_assert_eq!(rest.as_ref(), audio.as_slice());
    }

    #[test]
    fn chunk_data_round_trips_and_never_panics(
        audio in proptest::collection::vec(any::<u8>(), 0..256),
        noise in "[ -~]{0,64}",
    ) {
        let text = base64::engine::general_purpose::STANDARD.encode(&audio);
        let decoded = decode_chunk_data(&text).unwrap();
        prop_assert_eq!(decoded.as_ref(), audio.as_slice());
        let _ = decode_chunk_data(&noise);
    }

    #[test]
    fn spoken_commands_never_panic_and_parse_the_same_twice(text in "[a-z .,/0-9]{0,120}") {
        let once = crate::voice::parse(&text);
        let again = crate::voice::parse(&text);
        prop_assert_eq!(format!("{once:?}"), format!("{again:?}"));
    }
}
