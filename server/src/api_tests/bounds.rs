//! What one participant can make the server spend, held and violated: abandoned executions
//! and paths that no backend or run could hold.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use super::harness::{TestApp, api_test, assert_error};

/// Waits until the server runs no execution; false when one still runs after `within`.
async fn settles(app: &TestApp, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    while tokio::time::Instant::now() < deadline {
        if app.get("/readyz").await.1["executions"]["running"] == 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

api_test!(an_execute_whose_client_waits_runs_to_its_end, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "slow.py",
        "import time\ntime.sleep(0.5)\nprint('done')\n",
    )
    .await;
    let (status, result) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "slow.py" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["output"], "done\n");
    assert!(settles(&app, Duration::from_secs(5)).await);
});

api_test!(an_execute_whose_client_hangs_up_is_cancelled, |app| {
    let id = app.session().await;
    app.file(&id, "forever.py", "while True:\n    pass\n").await;
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(700))
        .build()
        .expect("client");
    let gave_up = impatient
        .post(format!("{}/api/v1/sessions/{id}/execute", app.base))
        .json(&json!({ "fileName": "forever.py", "timeoutMs": 30000 }))
        .send()
        .await;
    assert!(gave_up.is_err(), "the loop answered: {gave_up:?}");
    // The guest stops at its next epoch tick, far before its 30 s deadline, and only then is
    // its slot free.
    assert!(
        settles(&app, Duration::from_secs(10)).await,
        "the abandoned run kept running"
    );
});

api_test!(
    file_names_of_255_bytes_are_stored_and_longer_ones_refused,
    |app| {
        let id = app.session().await;
        let longest = format!("{}.py", "n".repeat(252));
        app.file(&id, &longest, "print('ok')\n").await;
        let (status, result) = app
            .post(
                &format!("/api/v1/sessions/{id}/execute"),
                json!({ "fileName": longest }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{result}");
        assert_eq!(result["output"], "ok\n");
        let too_long = format!("{}.py", "n".repeat(253));
        let refused = app
            .post(
                &format!("/api/v1/sessions/{id}/files"),
                json!({ "filePath": too_long, "content": "" }),
            )
            .await;
        assert_error(&refused, StatusCode::BAD_REQUEST, "invalid_path");
    }
);

api_test!(a_path_cannot_be_both_a_file_and_a_folder, |app| {
    let id = app.session().await;
    app.file(&id, "a/b.py", "print('inside')\n").await;
    app.file(&id, "main.py", "import a.b\n").await;
    for clash in ["a", "main.py/c.py"] {
        let refused = app
            .post(
                &format!("/api/v1/sessions/{id}/files"),
                json!({ "filePath": clash, "content": "" }),
            )
            .await;
        assert_error(&refused, StatusCode::BAD_REQUEST, "invalid_path");
    }
    // Nothing was stored, and the session still runs.
    let (_, files) = app.get(&format!("/api/v1/sessions/{id}/files")).await;
    assert_eq!(files.as_array().map(Vec::len), Some(2), "{files}");
    let (status, result) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "main.py" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["output"], "inside\n");
});

api_test!(records_keep_a_bounded_part_of_the_output, |app| {
    let id = app.session().await;
    app.file(&id, "small.py", "print('x' * 1000)\n").await;
    app.file(&id, "large.py", "print('y' * 200_000)\n").await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    let (_, small) = app.post(&execute, json!({ "fileName": "small.py" })).await;
    assert_eq!(small["output"].as_str().unwrap().len(), 1001);
    assert_eq!(small["shortened"], false);
    let (_, large) = app.post(&execute, json!({ "fileName": "large.py" })).await;
    assert_eq!(
        large["output"].as_str().unwrap().len(),
        64 << 10,
        "the run's part"
    );
    assert_eq!(large["shortened"], true);
    assert_eq!(
        large["stdoutTruncated"], false,
        "the run itself was not cut"
    );
    // Each test case keeps less, and ten of them stay far under the run's own output.
    let cases: Vec<_> = (0..10)
        .map(|_| json!({ "input": "", "expectedOutput": "y" }))
        .collect();
    let (status, judged) = app
        .post(
            &execute,
            json!({ "fileName": "large.py", "testCases": cases }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{judged}");
    for case in judged["testResults"].as_array().unwrap() {
        assert_eq!(case["output"].as_str().unwrap().len(), 8 << 10);
        assert_eq!(case["shortened"], true);
    }
    let stored = app
        .get(&format!(
            "/api/v1/sessions/{id}/executions/{}",
            judged["executionId"].as_str().unwrap()
        ))
        .await
        .1;
    assert!(
        stored.to_string().len() < 256 << 10,
        "the stored record is bounded"
    );
});

api_test!(the_execution_history_comes_a_page_at_a_time, |app| {
    let id = app.session().await;
    app.file(&id, "main.py", "print(1)\n").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (_, run) = app
            .post(
                &format!("/api/v1/sessions/{id}/execute"),
                json!({ "fileName": "main.py" }),
            )
            .await;
        ids.push(run["executionId"].as_str().unwrap().to_owned());
    }
    ids.reverse();
    let page = |query: String| {
        let url = format!("{}/api/v1/sessions/{id}/executions{query}", app.base);
        let client = app.client.clone();
        async move {
            let response = client.get(url).send().await.unwrap();
            let status = response.status();
            let next = response
                .headers()
                .get("x-next-page-token")
                .map(|v| v.to_str().unwrap().to_owned());
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body, next)
        }
    };
    let listed = |body: &serde_json::Value| -> Vec<String> {
        body.as_array()
            .unwrap()
            .iter()
            .map(|e| e["executionId"].as_str().unwrap().to_owned())
            .collect()
    };
    let (status, first, next) = page("?limit=2".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed(&first), ids[..2]);
    let next = next.expect("a next page");
    let (_, second, last) = page(format!("?limit=2&pageToken={next}")).await;
    assert_eq!(listed(&second), ids[2..]);
    assert_eq!(last, None);
    let (_, everything, none) = page(String::new()).await;
    assert_eq!(listed(&everything), ids);
    assert_eq!(none, None);
    for bad in ["?limit=0", "?limit=101", "?pageToken=nope"] {
        let (status, body, _) = page(bad.into()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert_eq!(body["error"]["code"], "invalid_query");
    }
});

api_test!(files_a_run_wrote_come_back_with_its_record, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "main.py",
        "import os\nos.makedirs('out', exist_ok=True)\nopen('out/answer.txt', 'w').write('42\\n')\nopen('out/skip.log', 'w').write('no')\n",
    )
    .await;
    let (status, record) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "main.py", "collectFiles": ["out/*.txt"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    assert_eq!(
        record["collectedFiles"],
        json!([{ "path": "out/answer.txt", "content": "42\n", "encoding": "utf-8" }])
    );
    // The stored record keeps them, and the session's own files never changed.
    let stored = app
        .get(&format!(
            "/api/v1/sessions/{id}/executions/{}",
            record["executionId"].as_str().unwrap()
        ))
        .await
        .1;
    assert_eq!(stored["collectedFiles"], record["collectedFiles"]);
    let (_, files) = app.get(&format!("/api/v1/sessions/{id}/files")).await;
    assert_eq!(files.as_array().map(Vec::len), Some(1), "{files}");
    let (status, refused) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "main.py", "collectFiles": ["../*"] }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
});

api_test!(a_filesystem_quota_is_named_in_the_record, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "fill.py",
        "import errno\ntry:\n    with open('/tmp/big', 'wb') as f:\n        while True:\n            f.write(b'x' * (1 << 20))\nexcept OSError as e:\n    print('caught', errno.errorcode[e.errno])\n",
    )
    .await;
    let (status, record) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "fill.py" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    assert_eq!(record["output"], "caught ENOSPC\n", "{record}");
    assert_eq!(record["fsQuotaHit"], "bytes");
    assert_eq!(record["termination"], "exited");
});

api_test!(collected_files_stop_at_their_bounds, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "many.py",
        "import os, sys\nos.makedirs('out', exist_ok=True)\nfor i in range(int(sys.stdin.read())):\n    open(f'out/{i:03}.txt', 'w').write('x')\n",
    )
    .await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    let run = |count: &str| json!({ "fileName": "many.py", "stdin": count, "collectFiles": ["out/*.txt"] });
    let (_, held) = app.post(&execute, run("100")).await;
    assert_eq!(
        held["collectedFiles"].as_array().map(Vec::len),
        Some(100),
        "{held}"
    );
    assert!(held.get("collectedFilesTruncated").is_none(), "{held}");
    let (_, violated) = app.post(&execute, run("101")).await;
    assert_eq!(
        violated["collectedFiles"].as_array().map(Vec::len),
        Some(100)
    );
    assert_eq!(violated["collectedFilesTruncated"], true);
});

api_test!(collected_bytes_stop_at_four_mebibytes, |app| {
    let id = app.session().await;
    // Two files that fill 4 MiB exactly, and, when asked, a third of one byte past it.
    app.file(
        &id,
        "big.py",
        "import os, sys\nos.makedirs('out', exist_ok=True)\n\
         open('out/a.bin', 'wb').write(b'a' * (2 << 20))\n\
         open('out/b.bin', 'wb').write(b'b' * (2 << 20))\n\
         if sys.stdin.read() == 'past':\n    open('out/c.bin', 'wb').write(b'c')\n",
    )
    .await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    let run =
        |stdin: &str| json!({ "fileName": "big.py", "stdin": stdin, "collectFiles": ["out/*"] });
    let paths = |result: &serde_json::Value| -> Vec<String> {
        result["collectedFiles"]
            .as_array()
            .map(|files| {
                files
                    .iter()
                    .map(|f| f["path"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (status, held) = app.post(&execute, run("at")).await;
    assert_eq!(status, StatusCode::OK, "{held}");
    assert_eq!(paths(&held), ["out/a.bin", "out/b.bin"]);
    assert!(held.get("collectedFilesTruncated").is_none());
    let (_, violated) = app.post(&execute, run("past")).await;
    assert_eq!(paths(&violated), ["out/a.bin", "out/b.bin"]);
    assert_eq!(violated["collectedFilesTruncated"], true);
});
