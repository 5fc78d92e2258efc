//! Audio over the WebSocket: chunks with duplicates and gaps, the per-session quota and the
//! bound on how far a chunk may run ahead.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audio_chunks_with_duplicates_and_gaps() {
    let (app, session) = app_and_session().await;
    let mut client = Client::connect(&app, &session).await;
    let chunk = |seq: u32, data: &str, last: bool| json!({ "type": "audio-chunk", "requestId": format!("a{seq}"), "streamId": "mic", "sequence": seq, "final": last, "data": data });
    client.send(chunk(0, "aGVs", false)).await; // "hel"
    let ack = client.next().await;
    assert_eq!(
        (ack["type"].as_str(), ack["duplicate"].as_bool()),
        (Some("audio-chunk-ack"), Some(false)),
        "{ack}"
    );
    client.send(chunk(2, "IHdv", false)).await; // " wo"
    let ack = client.next().await;
    assert_eq!(
        (ack["missing"].clone(), ack["moreMissing"].clone()),
        (json!([[1, 1]]), json!(false)),
        "{ack}"
    );
    client.send(chunk(0, "WFhY", false)).await; // a duplicate with other bytes: ignored
    assert_eq!(client.next().await["duplicate"], true);
    // The final chunk arrives before the gap is filled: no assembly yet.
    let mut frame = Vec::new();
    let header = br#"{"requestId":"a3","streamId":"mic","sequence":3,"final":true}"#;
    frame.extend_from_slice(&(header.len() as u32).to_be_bytes());
    frame.extend_from_slice(header);
    frame.extend_from_slice(b"rld");
    client
        .socket
        .send(Message::Binary(frame.into()))
        .await
        .unwrap();
    let ack = client.next().await;
    assert_eq!(
        (ack["sequence"].as_u64(), ack["missing"].clone()),
        (Some(3), json!([[1, 1]])),
        "{ack}"
    );
    client.send(chunk(1, "bG8=", false)).await; // "lo"
    let ack = client.next().await;
    assert_eq!(ack["missing"], json!([]), "{ack}");
    let complete = client.next().await;
    assert_eq!(complete["type"], "audio-stream-complete", "{complete}");
    assert_eq!(
        (complete["chunks"].as_u64(), complete["size"].as_u64()),
        (Some(4), Some(11))
    );
    let assembled = app
        .client
        .get(format!("{}/api/v1/sessions/{session}/audio/mic", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(assembled.status(), StatusCode::OK);
    assert_eq!(assembled.bytes().await.unwrap().as_ref(), b"hello world");
    // Sequence numbers are bounded.
    let other = |seq: u32| json!({ "type": "audio-chunk", "requestId": format!("b{seq}"), "streamId": "other", "sequence": seq, "data": "AA==" });
    client.send(other(1_000_001)).await;
    let refused = client.next().await;
    assert_eq!(
        (refused["type"].as_str(), refused["error"]["code"].as_str()),
        (Some("error"), Some("invalid_field")),
        "{refused}"
    );
    let (status, body) = app
        .get(&format!("/api/v1/sessions/{session}/audio/nothing"))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("audio_not_found"))
    );
}

/// An audio chunk of stream `mic` with `len` zero bytes, as JSON.
fn zero_chunk(sequence: u32, len: usize) -> Value {
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(vec![0u8; len]);
    json!({ "type": "audio-chunk", "requestId": format!("z{sequence}"), "streamId": "mic", "sequence": sequence, "data": data })
}

/// The next message's `type` and, for an error, its code.
async fn kind_and_code(client: &mut Client) -> (String, Option<String>) {
    let message = client.next().await;
    (
        message["type"].as_str().unwrap_or_default().to_owned(),
        message["error"]["code"].as_str().map(str::to_owned),
    )
}

/// A server whose sessions may store 1,000 bytes of audio.
async fn small_audio_quota() -> (TestApp, String) {
    let mut options = args();
    options.max_session_audio_bytes = 1000;
    let app = TestApp::start_with(Backend::Embedded, options).await;
    let session = app.session().await;
    (app, session)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audio_quota_obeyed() {
    let (app, session) = small_audio_quota().await;
    let mut client = Client::connect(&app, &session).await;
    client.send(zero_chunk(0, 600)).await;
    assert_eq!(kind_and_code(&mut client).await.0, "audio-chunk-ack");
    client.send(zero_chunk(1, 400)).await;
    assert_eq!(kind_and_code(&mut client).await.0, "audio-chunk-ack");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audio_quota_violated() {
    let (app, session) = small_audio_quota().await;
    let mut client = Client::connect(&app, &session).await;
    client.send(zero_chunk(0, 600)).await;
    assert_eq!(kind_and_code(&mut client).await.0, "audio-chunk-ack");
    client.send(zero_chunk(1, 401)).await;
    assert_eq!(
        kind_and_code(&mut client).await,
        ("error".to_owned(), Some("audio_too_large".to_owned()))
    );
    // Refused, not stored, and not a strike: a smaller chunk with that number is taken.
    client.send(zero_chunk(1, 400)).await;
    let ack = client.next().await;
    assert_eq!(
        (ack["type"].as_str(), ack["duplicate"].as_bool()),
        (Some("audio-chunk-ack"), Some(false)),
        "{ack}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audio_sequence_gap_obeyed() {
    let (app, session) = app_and_session().await;
    let mut client = Client::connect(&app, &session).await;
    // 1,024 past the first missing chunk (0) is the furthest a chunk may run.
    client.send(zero_chunk(1024, 1)).await;
    let ack = client.next().await;
    assert_eq!(
        (ack["missing"].clone(), ack["moreMissing"].clone()),
        (json!([[0, 1023]]), json!(false)),
        "{ack}"
    );
    // Every other chunk from 2 to 66: 34 runs missing, of which the first 32 are listed.
    for sequence in (2..=66).step_by(2) {
        client.send(zero_chunk(sequence, 1)).await;
        assert_eq!(kind_and_code(&mut client).await.0, "audio-chunk-ack");
    }
    client.send(zero_chunk(66, 1)).await;
    let ack = client.next().await;
    let missing = ack["missing"].as_array().unwrap();
    assert_eq!(
        (
            missing.len(),
            &missing[0],
            &missing[31],
            &ack["moreMissing"]
        ),
        (32, &json!([0, 1]), &json!([63, 63]), &json!(true)),
        "{ack}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audio_sequence_gap_violated() {
    let (app, session) = app_and_session().await;
    let mut client = Client::connect(&app, &session).await;
    client.send(zero_chunk(0, 1)).await;
    assert_eq!(kind_and_code(&mut client).await.0, "audio-chunk-ack");
    // The chunk of 1,000,000 that once made every acknowledgement megabytes long.
    for sequence in [1026, 1_000_000] {
        client.send(zero_chunk(sequence, 1)).await;
        assert_eq!(
            kind_and_code(&mut client).await,
            (
                "error".to_owned(),
                Some("sequence_gap_too_large".to_owned())
            )
        );
    }
    client.send(zero_chunk(1025, 1)).await;
    let ack = client.next().await;
    assert_eq!(ack["missing"], json!([[1, 1024]]), "{ack}");
}
