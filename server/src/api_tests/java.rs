//! Java through the API, against the container engine `DOCKER_HOST` names (podman's service in
//! CI): runs, verdicts, compiling once for all test cases, compile errors, and an engine that
//! is not there. On the embedded store only: storage is the same for every language.

use codebox_runtime::{JavaConfig, Runtime};
use reqwest::StatusCode;
use serde_json::json;

use super::harness::{Backend, TestApp, args, assert_error};

/// Doubles its input. The raw `List` makes javac print a note, which shows when a run compiled.
const DOUBLER: &str = r#"package app;

import java.util.ArrayList;
import java.util.List;
import java.util.Scanner;
import util.Twice;

public class Main {
    public static void main(String[] args) {
        List raw = new ArrayList();
        raw.add("unchecked");
        int n = new Scanner(System.in).nextInt();
        System.out.println(Twice.of(n));
    }
}
"#;

const TWICE: &str = "package util;\n\npublic final class Twice {\n    public static int of(int n) {\n        return 2 * n;\n    }\n}\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn java_runs_and_test_cases_compile_once() {
    let app = TestApp::start(Backend::Embedded).await;
    let id = app.session().await;
    app.file(&id, "app/Main.java", DOUBLER).await;
    app.file(&id, "util/Twice.java", TWICE).await;
    let execute = format!("/api/v1/sessions/{id}/execute");

    let (status, run) = app
        .post(
            &execute,
            json!({ "fileName": "app/Main.java", "stdin": "21\n" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{run}");
    assert_eq!(run["language"], "java", "{run}");
    assert_eq!(run["output"], "42\n", "{run}");
    assert_eq!(run["exitCode"], 0, "{run}");
    assert_eq!(run["termination"], "exited", "{run}");

    // Another source, so that its first test case compiles.
    app.put(
        &format!("/api/v1/sessions/{id}/files/util/Twice.java"),
        json!({ "content": TWICE.replace("2 * n", "n + n") }),
    )
    .await;
    let cases = json!([
        { "input": "2", "expectedOutput": "4" },
        { "input": "5", "expectedOutput": "10\n" },
        { "input": "1", "expectedOutput": "3" },
    ]);
    let (status, judged) = app
        .post(
            &execute,
            json!({ "fileName": "app/Main.java", "testCases": cases }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{judged}");
    let results = judged["testResults"].as_array().expect("testResults");
    let verdicts: Vec<_> = results.iter().map(|r| r["verdict"].clone()).collect();
    assert_eq!(
        verdicts,
        [json!("passed"), json!("passed"), json!("wrong_answer")],
        "{judged}"
    );
    assert_eq!(judged["success"], false);
    // javac's note appears where the program was compiled: the first case only.
    let note = "uses unchecked or unsafe operations";
    assert!(
        results[0]["errors"]
            .as_str()
            .is_some_and(|e| e.contains(note)),
        "{judged}"
    );
    for later in &results[1..] {
        assert!(
            later["errors"].as_str().is_some_and(|e| !e.contains(note)),
            "a later case compiled again: {judged}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn java_compile_error_is_its_own_verdict() {
    let app = TestApp::start(Backend::Embedded).await;
    let id = app.session().await;
    app.file(
        &id,
        "Main.java",
        "public class Main {\n    public static void main(String[] a) {\n        System.out.println(undefined);\n    }\n}\n",
    )
    .await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    let (status, run) = app.post(&execute, json!({ "fileName": "Main.java" })).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    assert_eq!(run["termination"], "compileError", "{run}");
    assert_eq!(run["success"], false, "{run}");
    assert_eq!(run["exitCode"], serde_json::Value::Null, "{run}");
    assert!(
        run["errors"]
            .as_str()
            .is_some_and(|e| e.contains("Main.java:3: error: cannot find symbol")),
        "{run}"
    );

    let cases =
        json!([{ "input": "", "expectedOutput": "" }, { "input": "1", "expectedOutput": "1" }]);
    let (_, judged) = app
        .post(
            &execute,
            json!({ "fileName": "Main.java", "testCases": cases }),
        )
        .await;
    for result in judged["testResults"].as_array().expect("testResults") {
        assert_eq!(result["verdict"], "compile_error", "{judged}");
        assert!(
            result["errors"]
                .as_str()
                .is_some_and(|e| e.contains("cannot find symbol")),
            "{judged}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_engine_java_answers_503_and_the_rest_works() {
    let runtime = Runtime::builder()
        .java(JavaConfig::default().engine("unix:///nonexistent/codebox-test.sock"))
        .build()
        .expect("runtime");
    let app = TestApp::start_with_runtime(Backend::Embedded, args(), runtime).await;
    let id = app.session().await;
    app.file(&id, "Main.java", "public class Main {}\n").await;
    app.file(&id, "main.py", "print('still here')\n").await;
    let execute = format!("/api/v1/sessions/{id}/execute");

    assert_error(
        &app.post(&execute, json!({ "fileName": "Main.java" })).await,
        StatusCode::SERVICE_UNAVAILABLE,
        "java_unavailable",
    );
    let (status, python) = app.post(&execute, json!({ "fileName": "main.py" })).await;
    assert_eq!(status, StatusCode::OK, "{python}");
    assert_eq!(python["output"], "still here\n");

    let (status, ready) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::OK, "{ready}");
    assert_eq!(ready["java"]["ok"], false, "{ready}");
    assert!(
        ready["java"]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("does not answer")),
        "{ready}"
    );
    // Nothing about the failed run was stored.
    let (_, executions) = app.get(&format!("/api/v1/sessions/{id}/executions")).await;
    assert_eq!(executions.as_array().map(Vec::len), Some(1), "{executions}");
}

const SOLUTION_JAVA: &str = r#"import java.util.*;

public class Solution {
    public int[] twoSum(int[] nums, int target) {
        System.out.println("looking");
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < nums.length; i++) {
            if (seen.containsKey(target - nums[i])) return new int[] {seen.get(target - nums[i]), i};
            seen.put(nums[i], i);
        }
        return new int[0];
    }

    public static long total(List<Long> xs, Map<String, Integer> weights, char unit, String name) {
        long sum = 0;
        for (long x : xs) sum += x * weights.getOrDefault(name, 1);
        return unit == 'k' ? sum * 1000 : sum;
    }

    public static int[][] grid(int rows, int columns) {
        return new int[rows][columns];
    }

    public static String[] sources() {
        return Arrays.stream(new java.io.File(".").list())
            .filter(name -> name.endsWith(".java"))
            .sorted()
            .toArray(String[]::new);
    }
}

class Counter {
    private int n;
    Counter(int start) { n = start; }
    void add(int k) { n += k; }
    int get() { return n; }
    double half() { return n / 2.0; }
}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn java_call_cases_convert_arguments_and_results() {
    let app = TestApp::start(Backend::Embedded).await;
    let id = app.session().await;
    app.file(&id, "Solution.java", SOLUTION_JAVA).await;
    let cases = json!([
        { "call": { "function": "Solution.twoSum", "args": [[2, 7, 11, 15], 9] }, "expected": [0, 1] },
        { "call": { "function": "Solution.twoSum", "args": [[3, 2, 4], 6] }, "expected": [2, 1] },
        { "call": { "function": "Solution.total", "args": [[1, 2, 3], {"w": 2}, "k", "w"] }, "expected": 12000 },
        { "call": { "function": "Solution.grid", "args": [2, 1] }, "expected": [[0], [0]] },
        { "calls": [
            { "method": "Counter", "args": [5] },
            { "method": "add", "args": [2] },
            { "method": "get", "args": [] },
            { "method": "half", "args": [] },
          ], "expected": [null, null, 7, 3.5] },
        { "call": { "function": "Solution.twoSum", "args": [null, 1] }, "expected": [] },
        { "call": { "function": "Solution.sources", "args": [] }, "expected": ["Solution.java"] },
    ]);
    let (status, record) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "Solution.java", "testCases": cases }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    let results = record["testResults"].as_array().unwrap();
    let verdicts: Vec<&str> = results
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "passed",
            "wrong_answer",
            "passed",
            "passed",
            "passed",
            "runtime_error",
            "passed",
        ],
        "{record}"
    );
    assert_eq!(results[1]["returned"], json!([1, 2]), "{record}");
    assert_eq!(results[0]["output"], "looking\n", "{record}");
    assert_eq!(
        results[5]["exception"]["type"], "NullPointerException",
        "{record}"
    );
    assert!(
        results[5]["errors"]
            .as_str()
            .unwrap()
            .contains("NullPointerException")
    );
}
