//! Executions: plain runs, test-case verdicts, stored results, languages, limits, busy answers,
//! authentication.

use reqwest::StatusCode;
use serde_json::json;

use super::harness::{Backend, TestApp, api_test, args, assert_error};

api_test!(plain_run_with_stdin_and_sibling_import, |app| {
    let id = app.session().await;
    app.file(&id, "utils/helper.py", "def add(a, b):\n    return a + b\n")
        .await;
    app.file(&id, "main.py", "import sys\nfrom utils.helper import add\na, b = map(int, sys.stdin.read().split())\nprint(add(a, b))\n").await;
    let (status, result) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "main.py", "stdin": "2 40" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["success"], true);
    assert_eq!(result["output"], "42\n");
    assert_eq!(result["errors"], "");
    assert_eq!(result["exitCode"], 0);
    assert_eq!(result["termination"], "exited");
    assert_eq!(result["language"], "python");
    assert!(result["executionTime"].as_f64().unwrap() > 0.0);
    assert!(result["fuelConsumed"].as_u64().unwrap() > 0);
    assert!(uuid::Uuid::parse_str(result["executionId"].as_str().unwrap()).is_ok());
    // The record is stored and listed.
    let execution = result["executionId"].as_str().unwrap();
    let (status, stored) = app
        .get(&format!("/api/v1/sessions/{id}/executions/{execution}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stored, result);
    let (_, list) = app.get(&format!("/api/v1/sessions/{id}/executions")).await;
    assert_eq!(list[0]["executionId"], execution);
    assert_error(
        &app.get(&format!(
            "/api/v1/sessions/{id}/executions/00000000-0000-4000-8000-000000000000"
        ))
        .await,
        StatusCode::NOT_FOUND,
        "execution_not_found",
    );
});

api_test!(failures_are_results, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "boom.js",
        "console.log('before');\nthrow new TypeError('boom');\n",
    )
    .await;
    let (status, result) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "boom.js" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["success"], false);
    assert_eq!(result["output"], "before\n");
    assert_eq!(result["exitCode"], 1);
    assert!(
        result["errors"]
            .as_str()
            .unwrap()
            .contains("TypeError: boom")
    );
    app.file(
        &id,
        "spin.py",
        "print('start', flush=True)\nwhile True: pass\n",
    )
    .await;
    let (_, result) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "spin.py", "timeoutMs": 500 }),
        )
        .await;
    assert_eq!(result["termination"], "timeout");
    assert_eq!(result["output"], "start\n");
    assert_eq!(result["exitCode"], serde_json::Value::Null);
});

api_test!(test_case_verdicts, |app| {
    let id = app.session().await;
    let program = "import sys\ncmd = sys.stdin.read().strip()\n\
        if cmd == 'loop':\n    while True: pass\n\
        elif cmd == 'mem':\n    x = bytearray(400 * 1024 * 1024)\n\
        elif cmd == 'spam':\n    print('y' * 2000000)\n\
        elif cmd == 'crash':\n    raise ValueError('bad input')\n\
        else:\n    print(int(cmd) * 2, end='  \\n\\n')\n";
    app.file(&id, "solution.py", program).await;
    let cases = json!([
        { "input": "21", "expectedOutput": "42" },
        { "input": "2", "expectedOutput": "5\n" },
        { "input": "loop", "expectedOutput": "" },
        { "input": "mem", "expectedOutput": "" },
        { "input": "spam", "expectedOutput": "" },
        { "input": "crash", "expectedOutput": "" },
    ]);
    let (status, result) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "solution.py", "testCases": cases, "timeoutMs": 1000 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["success"], false);
    let verdicts: Vec<&str> = result["testResults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "passed",
            "wrong_answer",
            "timeout",
            "memory_limit",
            "output_limit",
            "runtime_error"
        ]
    );
    assert_eq!(
        result["testResults"][1]["diff"],
        "line 1: expected \"5\", got \"4\""
    );
    assert_eq!(result["testResults"][0]["passed"], true);
    // The top-level output is the first failing case's.
    assert_eq!(result["output"], "4  \n\n");
    let (_, all_pass) = app
        .post(&format!("/api/v1/sessions/{id}/execute"), json!({ "fileName": "solution.py", "testCases": [{ "input": "1", "expectedOutput": "2" }, { "input": "3", "expectedOutput": "6\n\n" }] }))
        .await;
    assert_eq!(all_pass["success"], true, "{all_pass}");
});

api_test!(language_rules, |app| {
    let id = app.session().await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    app.file(&id, "notes.txt", "print('hi')").await;
    assert_error(
        &app.post(&execute, json!({ "fileName": "notes.txt" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_language",
    );
    let (status, ok) = app
        .post(
            &execute,
            json!({ "fileName": "notes.txt", "language": "python" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ok}");
    assert_eq!(ok["output"], "hi\n");
    assert_error(
        &app.post(
            &execute,
            json!({ "fileName": "notes.txt", "language": "cobol" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_language",
    );
    assert_error(
        &app.post(&execute, json!({ "fileName": "missing.py" }))
            .await,
        StatusCode::NOT_FOUND,
        "file_not_found",
    );
    assert_error(
        &app.post(&execute, json!({ "fileName": "../x.py" })).await,
        StatusCode::BAD_REQUEST,
        "invalid_path",
    );
    assert_error(
        &app.post(
            &execute,
            json!({ "fileName": "notes.txt", "language": "python", "timeoutMs": 999999999 }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_field",
    );
    // A session limited to JavaScript refuses Python.
    let (_, js_only) = app
        .post(
            "/api/v1/sessions",
            json!({ "templateId": "t", "config": { "allowedLanguages": ["javascript"] } }),
        )
        .await;
    let js = js_only["sessionId"].as_str().unwrap();
    app.file(js, "a.py", "print(1)").await;
    assert_error(
        &app.post(
            &format!("/api/v1/sessions/{js}/execute"),
            json!({ "fileName": "a.py" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "language_not_allowed",
    );
    // An ended session does not run.
    app.delete(&format!("/api/v1/sessions/{id}")).await;
    assert_error(
        &app.post(
            &execute,
            json!({ "fileName": "notes.txt", "language": "python" }),
        )
        .await,
        StatusCode::CONFLICT,
        "session_ended",
    );
});

api_test!(edits_between_runs_are_seen, |app| {
    let id = app.session().await;
    app.file(&id, "main.js", "console.log('one')").await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    assert_eq!(
        app.post(&execute, json!({ "fileName": "main.js" })).await.1["output"],
        "one\n"
    );
    app.put(
        &format!("/api/v1/sessions/{id}/files/main.js"),
        json!({ "content": "console.log('two')" }),
    )
    .await;
    assert_eq!(
        app.post(&execute, json!({ "fileName": "main.js" })).await.1["output"],
        "two\n"
    );
});

async fn busy_scenario(backend: Backend) {
    let mut options = args();
    options.max_concurrent = Some(1);
    options.queue = 0;
    let app = TestApp::start_with(backend, options).await;
    let id = app.session().await;
    app.file(
        &id,
        "slow.py",
        "import time\ntime.sleep(3)\nprint('done')\n",
    )
    .await;
    app.file(&id, "fast.py", "print('fast')\n").await;
    let (client, url) = (
        app.client.clone(),
        format!("{}/api/v1/sessions/{id}/execute", app.base),
    );
    let slow = tokio::spawn(async move {
        client
            .post(url)
            .json(&json!({ "fileName": "slow.py" }))
            .send()
            .await
            .unwrap()
            .status()
    });
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let refused = app
        .client
        .post(format!("{}/api/v1/sessions/{id}/execute", app.base))
        .json(&json!({ "fileName": "fast.py" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers()["retry-after"], "1");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "busy");
    assert_eq!(slow.await.unwrap(), StatusCode::OK);
    let (status, ok) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "fast.py" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ok}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn busy_embedded() {
    busy_scenario(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn busy_aws() {
    busy_scenario(Backend::Aws).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_keys_are_required_when_configured() {
    let mut options = args();
    options.api_keys = Some("k1, k2".into());
    let app = TestApp::start_with(Backend::Embedded, options).await;
    assert_error(
        &app.get("/api/v1/sessions").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    let wrong = app
        .client
        .get(format!("{}/api/v1/sessions", app.base))
        .bearer_auth("k3")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = app
        .client
        .get(format!("{}/api/v1/sessions", app.base))
        .bearer_auth("k2")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::OK);
    // Health checks stay open for load balancers.
    assert_eq!(app.get("/healthz").await.0, StatusCode::OK);
}

api_test!(request_size_limits, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "echo.js",
        "const s = require('fs').readFileSync(0, 'utf8'); console.log(s.length);",
    )
    .await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    // Test cases: 50 are accepted, 51 are not.
    let cases: Vec<_> = (0..50)
        .map(|_| json!({ "input": "ab", "expectedOutput": "2" }))
        .collect();
    let (status, ok) = app
        .post(
            &execute,
            json!({ "fileName": "echo.js", "testCases": cases }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ok}");
    assert_eq!(ok["success"], true);
    let cases: Vec<_> = (0..51)
        .map(|_| json!({ "input": "ab", "expectedOutput": "2" }))
        .collect();
    assert_error(
        &app.post(
            &execute,
            json!({ "fileName": "echo.js", "testCases": cases }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_field",
    );
    // stdin: 1 MiB is accepted, one byte more is not.
    let (status, ok) = app
        .post(
            &execute,
            json!({ "fileName": "echo.js", "stdin": "x".repeat(1 << 20) }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ok}");
    assert_eq!(ok["output"], format!("{}\n", 1 << 20));
    assert_error(
        &app.post(
            &execute,
            json!({ "fileName": "echo.js", "stdin": "x".repeat((1 << 20) + 1) }),
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "input_too_large",
    );
    let big_expected = json!([{ "input": "", "expectedOutput": "x".repeat((1 << 20) + 1) }]);
    assert_error(
        &app.post(
            &execute,
            json!({ "fileName": "echo.js", "testCases": big_expected }),
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "input_too_large",
    );
});

api_test!(a_sessions_memory_limit_applies, |app| {
    let program = "x = bytearray(40 * 1024 * 1024)\nprint(len(x))\n";
    let roomy = app.session().await;
    app.file(&roomy, "alloc.py", program).await;
    let (_, ok) = app
        .post(
            &format!("/api/v1/sessions/{roomy}/execute"),
            json!({ "fileName": "alloc.py" }),
        )
        .await;
    assert_eq!(
        (ok["termination"].as_str(), ok["success"].as_bool()),
        (Some("exited"), Some(true)),
        "{ok}"
    );
    let (_, tight) = app
        .post(
            "/api/v1/sessions",
            json!({ "templateId": "t", "config": { "memoryMb": 32 } }),
        )
        .await;
    let tight = tight["sessionId"].as_str().unwrap();
    app.file(tight, "alloc.py", program).await;
    let (_, refused) = app
        .post(
            &format!("/api/v1/sessions/{tight}/execute"),
            json!({ "fileName": "alloc.py" }),
        )
        .await;
    assert_eq!(refused["termination"], "memoryLimit", "{refused}");
    assert!(
        refused["errors"].as_str().unwrap().contains("MemoryError"),
        "{refused}"
    );
});

api_test!(
    a_long_run_leaves_a_provisional_record_that_its_own_replaces,
    |app| {
        let id = app.session().await;
        app.file(
            &id,
            "slow.py",
            "import time\ntime.sleep(2.5)\nprint('done')\n",
        )
        .await;
        let run = app
            .client
            .post(format!("{}/api/v1/sessions/{id}/execute", app.base))
            .json(&json!({ "fileName": "slow.py", "timeoutMs": 10000 }))
            .send();
        let run = tokio::spawn(async move {
            let answer = run.await.unwrap();
            (
                answer.status(),
                answer.json::<serde_json::Value>().await.unwrap(),
            )
        });
        // Past the provisional delay, the history holds the run as cancelled by its host's end:
        // what would remain if this host died now.
        tokio::time::sleep(std::time::Duration::from_millis(1800)).await;
        let (_, history) = app.get(&format!("/api/v1/sessions/{id}/executions")).await;
        let listed = history.as_array().unwrap();
        assert_eq!(listed.len(), 1, "{history}");
        assert_eq!(listed[0]["termination"], "cancelled", "{history}");
        let execution = listed[0]["executionId"].as_str().unwrap().to_owned();
        let (_, provisional) = app
            .get(&format!("/api/v1/sessions/{id}/executions/{execution}"))
            .await;
        assert!(
            provisional["errors"]
                .as_str()
                .unwrap()
                .contains("host running this execution stopped"),
            "{provisional}"
        );
        // The run ends: its own record replaces the provisional one, under the same id.
        let (status, result) = run.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{result}");
        assert_eq!(result["executionId"], execution.as_str());
        assert_eq!(result["output"], "done\n");
        let (_, history) = app.get(&format!("/api/v1/sessions/{id}/executions")).await;
        assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
        assert_eq!(history[0]["termination"], "exited", "{history}");
        assert_eq!(history[0]["success"], true, "{history}");
    }
);
