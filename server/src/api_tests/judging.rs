//! Judging beyond line-by-line: each `compare` mode with a case it accepts and one it refuses,
//! and `supersede` cancelling a stale run.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::harness::api_test;

/// The verdicts of `program`'s cases (each case's stdin is printed back as the output) under
/// `compare`.
async fn verdicts(
    app: &super::harness::TestApp,
    id: &str,
    compare: Value,
    cases: &[(&str, &str)],
) -> Vec<String> {
    let cases: Vec<Value> = cases
        .iter()
        .map(|(output, expected)| json!({ "input": output, "expectedOutput": expected }))
        .collect();
    let (status, record) = app
        .post(
            &format!("/api/v1/sessions/{id}/execute"),
            json!({ "fileName": "echo.py", "testCases": cases, "compare": compare }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    record["testResults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"].as_str().unwrap().to_owned())
        .collect()
}

api_test!(each_comparison_passes_and_fails, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "echo.py",
        "import sys\nsys.stdout.write(sys.stdin.read())\n",
    )
    .await;
    let both = ["passed", "wrong_answer"];
    let checks: [(Value, [(&str, &str); 2]); 6] = [
        (json!("exact"), [("3\n", "3\n"), ("3 \n", "3\n")]),
        (json!("lines"), [("3  \n\n", "3"), ("1  2", "1 2")]),
        (json!("tokens"), [("1  2\n3\n", "1 2 3"), ("1 2", "2 1")]),
        (json!("unordered"), [("b\na\n", "a\nb"), ("a\na", "a\nb")]),
        (
            json!({ "float": { "absolute": 1e-6 } }),
            [("0.3333334 ok", "0.333333 ok"), ("0.34 ok", "0.333333 ok")],
        ),
        (
            json!({ "float": { "relative": 0.01 } }),
            [("100.5", "100"), ("102", "100")],
        ),
    ];
    for (compare, cases) in checks {
        assert_eq!(
            verdicts(&app, &id, compare.clone(), &cases).await,
            both,
            "{compare}"
        );
    }
    for bad in [json!("fuzzy"), json!({ "float": { "absolute": -1 } })] {
        let answer = app
            .post(
                &format!("/api/v1/sessions/{id}/execute"),
                json!({ "fileName": "echo.py", "testCases": [{ "input": "", "expectedOutput": "" }], "compare": bad }),
            )
            .await;
        assert_eq!(answer.0, StatusCode::BAD_REQUEST, "{bad}: {}", answer.1);
    }
});

api_test!(a_superseding_run_cancels_the_stale_one, |app| {
    let id = app.session().await;
    app.file(
        &id,
        "slow.py",
        "import time\nprint('started', flush=True)\ntime.sleep(20)\n",
    )
    .await;
    app.file(&id, "quick.py", "print('fresh')\n").await;
    let execute = format!("{}/api/v1/sessions/{id}/execute", app.base);
    let start = |file: &str, supersede: bool| {
        app.client
            .post(&execute)
            .json(&json!({ "fileName": file, "supersede": supersede, "timeoutMs": 25000 }))
            .send()
    };
    // A run without the flag is not superseded; one with it is.
    let kept = tokio::spawn(start("slow.py", false));
    let stale = tokio::spawn(start("slow.py", true));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let fresh = start("quick.py", true).await.unwrap();
    let fresh: Value = fresh.json().await.unwrap();
    assert_eq!(fresh["output"], "fresh\n", "{fresh}");
    let stale: Value = tokio::time::timeout(Duration::from_secs(10), stale)
        .await
        .expect("the stale run was not stopped")
        .unwrap()
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stale["termination"], "cancelled", "{stale}");
    assert_eq!(stale["output"], "started\n", "{stale}");
    assert!(!kept.is_finished(), "a run without supersede was stopped");
    kept.abort();
});

api_test!(a_checker_accepts_rejects_and_may_fail, |app| {
    let id = app.session().await;
    // The program prints the numbers of its input in any order; the checker accepts any order.
    app.file(
        &id,
        "shuffle.py",
        "import sys\nprint(*reversed(sys.stdin.read().split()))\n",
    )
    .await;
    app.file(
        &id,
        "check.py",
        "import sys\n\
         actual, expected = open('actual').read().split(), open('expected').read().split()\n\
         if sorted(actual) == sorted(expected):\n    print('the same numbers')\n    sys.exit(0)\n\
         print(f'expected the numbers {expected}, got {actual}')\nsys.exit(1)\n",
    )
    .await;
    // A checker in another language than the program's, reading the case's input too.
    app.file(
        &id,
        "check.js",
        "const fs = require('fs');\n\
         const [input, actual] = ['input', 'actual'].map((f) => fs.readFileSync(f, 'utf8').trim());\n\
         console.log(`input ${input}`);\n\
         process.exit(input.split(' ').length === actual.split(' ').length ? 0 : 3);\n",
    )
    .await;
    app.file(
        &id,
        "broken.py",
        "raise RuntimeError('the checker is broken')\n",
    )
    .await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    let run = |checker: &str, expected: &str| {
        json!({
            "fileName": "shuffle.py",
            "testCases": [{ "input": "1 2 3", "expectedOutput": expected }],
            "compare": { "checker": checker },
        })
    };
    let case = |record: &Value| record["testResults"][0].clone();

    let (status, accepted) = app.post(&execute, run("check.py", "3 1 2")).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(case(&accepted)["verdict"], "passed", "{accepted}");
    assert_eq!(case(&accepted)["message"], "the same numbers");
    assert_eq!(case(&accepted)["output"], "3 2 1\n");
    assert_eq!(accepted["success"], true);

    let (_, rejected) = app.post(&execute, run("check.py", "1 2 4")).await;
    assert_eq!(case(&rejected)["verdict"], "wrong_answer", "{rejected}");
    assert!(
        case(&rejected)["message"]
            .as_str()
            .unwrap()
            .starts_with("expected the numbers ['1', '2', '4']"),
        "{rejected}"
    );

    let (_, by_js) = app.post(&execute, run("check.js", "anything")).await;
    assert_eq!(case(&by_js)["verdict"], "passed", "{by_js}");
    assert_eq!(case(&by_js)["message"], "input 1 2 3");

    let (_, failed) = app.post(&execute, run("broken.py", "1 2 3")).await;
    assert_eq!(case(&failed)["verdict"], "checker_error", "{failed}");
    assert!(
        case(&failed)["message"]
            .as_str()
            .unwrap()
            .contains("RuntimeError: the checker is broken"),
        "{failed}"
    );
    assert_eq!(failed["success"], false);

    // A checker that is not a file of the session, or without test cases: refused.
    let (status, _) = app.post(&execute, run("missing.py", "1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = app
        .post(
            &execute,
            json!({ "fileName": "shuffle.py", "compare": { "checker": "check.py" } }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
});

const TWO_SUM_PY: &str = "\
def two_sum(nums, target):
    print('looking', flush=True)
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return [seen[target - n], i]
        seen[n] = i

class Solution:
    def twoSum(self, nums, target):
        return two_sum(nums, target)[::-1]

class Counter:
    def __init__(self, start):
        self.n = start
    def add(self, k):
        self.n += k
    def get(self):
        return self.n

if __name__ == '__main__':
    print('never while judged')
";

const TWO_SUM_JS: &str = "\
var twoSum = function (nums, target) {
  console.log('looking');
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    if (seen.has(target - nums[i])) return [seen.get(target - nums[i]), i];
    seen.set(nums[i], i);
  }
};
class Solution {
  twoSum(nums, target) { return twoSum(nums, target).reverse(); }
}
class Counter {
  constructor(start) { this.n = start; }
  add(k) { this.n += k; }
  get() { return this.n; }
}
";

/// The verdicts and what came back of `cases` run against `file`.
async fn called(
    app: &super::harness::TestApp,
    id: &str,
    file: &str,
    cases: Value,
    compare: Option<Value>,
) -> Value {
    let mut body = json!({ "fileName": file, "testCases": cases });
    if let Some(compare) = compare {
        body["compare"] = compare;
    }
    let (status, record) = app
        .post(&format!("/api/v1/sessions/{id}/execute"), body)
        .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    record
}

api_test!(call_cases_are_judged_by_what_they_return, |app| {
    let id = app.session().await;
    app.file(&id, "two_sum.py", TWO_SUM_PY).await;
    app.file(&id, "two_sum.js", TWO_SUM_JS).await;
    for (file, function) in [("two_sum.py", "two_sum"), ("two_sum.js", "twoSum")] {
        let cases = json!([
            { "call": { "function": function, "args": [[2, 7, 11, 15], 9] }, "expected": [0, 1] },
            { "call": { "function": function, "args": [[3, 2, 4], 6] }, "expected": [2, 1] },
            { "call": { "function": "Solution.twoSum", "args": [[3, 3], 6] }, "expected": [1, 0] },
            { "calls": [
                { "method": "Counter", "args": [5] },
                { "method": "add", "args": [2] },
                { "method": "get", "args": [] },
              ], "expected": [null, null, 7] },
            { "call": { "function": function, "args": [null, 1] }, "expected": [] },
            { "call": { "function": "missing", "args": [] }, "expected": 1 },
        ]);
        let record = called(&app, &id, file, cases, None).await;
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
                "runtime_error",
                "runtime_error"
            ],
            "{file}: {record}"
        );
        // What came back, beside what was expected, and the program's own prints as output.
        assert_eq!(results[1]["returned"], json!([1, 2]), "{file}");
        assert_eq!(results[1]["expected"], json!([2, 1]), "{file}");
        assert_eq!(
            results[1]["diff"], "returned [1,2] where [2,1] was expected",
            "{file}"
        );
        assert_eq!(results[0]["output"], "looking\n", "{file}");
        assert_eq!(results[3]["returned"], json!([null, null, 7]), "{file}");
        // An exception: its type and message, and the traceback in errors.
        assert!(
            results[4]["exception"]["type"]
                .as_str()
                .unwrap()
                .contains("TypeError"),
            "{file}: {}",
            results[4]
        );
        assert!(!results[4]["errors"].as_str().unwrap().is_empty(), "{file}");
        assert!(
            results[5]["exception"]["message"]
                .as_str()
                .unwrap()
                .contains("defines no missing"),
            "{file}: {}",
            results[5]
        );
        // The harness is nowhere in what the record hands back.
        assert!(
            record["collectedFiles"]
                .as_array()
                .is_none_or(Vec::is_empty),
            "{record}"
        );

        // `unordered` takes a returned list as a multiset.
        let unordered = called(
            &app,
            &id,
            file,
            json!([{ "call": { "function": function, "args": [[3, 2, 4], 6] }, "expected": [2, 1] }]),
            Some(json!("unordered")),
        )
        .await;
        assert_eq!(
            unordered["testResults"][0]["verdict"], "passed",
            "{file}: {unordered}"
        );
    }
});

api_test!(
    call_cases_cannot_see_the_harness_nor_mix_with_input,
    |app| {
        let id = app.session().await;
        app.file(
            &id,
            "peek.py",
            "import os\ndef files():\n    return sorted(os.listdir('.'))\n",
        )
        .await;
        let record = called(
            &app,
            &id,
            "peek.py",
            json!([{ "call": { "function": "files", "args": [] }, "expected": ["peek.py"] }]),
            None,
        )
        .await;
        assert_eq!(record["testResults"][0]["verdict"], "passed", "{record}");
        let execute = format!("/api/v1/sessions/{id}/execute");
        let mixed = json!({ "fileName": "peek.py", "testCases": [
            { "call": { "function": "files", "args": [] }, "expected": [] },
            { "input": "", "expectedOutput": "" },
        ]});
        assert_eq!(app.post(&execute, mixed).await.0, StatusCode::BAD_REQUEST);
        let half =
            json!({ "fileName": "peek.py", "testCases": [{ "call": { "function": "files" } }] });
        assert_eq!(app.post(&execute, half).await.0, StatusCode::BAD_REQUEST);
    }
);

const GROWTH_PY: &str = "\
def numbers(n):
    return [[(i * 7919) % n for i in range(n)]]

def total(xs):
    s = 0
    for x in xs:
        s += x
    return s

def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    return out + left[i:] + right[j:]

def pairs(xs):
    count = 0
    for a in xs:
        for b in xs:
            if a < b:
                count += 1
    return count
";

const GROWTH_JS: &str = "\
function numbers(n) { return [Array.from({ length: n }, (_, i) => (i * 7919) % n)]; }
function total(xs) { let s = 0; for (const x of xs) s += x; return s; }
function pairs(xs) { let c = 0; for (const a of xs) for (const b of xs) if (a < b) c++; return c; }
";

api_test!(complexity_tells_linear_from_n_log_n_from_quadratic, |app| {
    let id = app.session().await;
    app.file(&id, "growth.py", GROWTH_PY).await;
    app.file(&id, "growth.js", GROWTH_JS).await;
    let execute = format!("/api/v1/sessions/{id}/execute");
    let sizes = json!([50, 100, 200, 400, 800]);
    for (file, function, class) in [
        ("growth.py", "total", "O(n)"),
        ("growth.py", "merge_sort", "O(n log n)"),
        ("growth.py", "pairs", "O(n^2)"),
        ("growth.js", "total", "O(n)"),
        ("growth.js", "pairs", "O(n^2)"),
    ] {
        let (status, record) = app
            .post(
                &execute,
                json!({ "fileName": file, "complexity": {
                    "function": function, "generator": "numbers", "sizes": sizes } }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{record}");
        let complexity = &record["complexity"];
        println!(
            "complexity of {file} {function}: {} exponent {} fuel {}",
            complexity["class"], complexity["exponent"], complexity["fuel"]
        );
        assert_eq!(
            complexity["class"], class,
            "{file} {function}: {complexity}"
        );
        assert!(complexity["summary"].as_str().unwrap().ends_with('.'));
    }
    // A generator that fails, and sizes out of bounds, are refused clearly.
    let (status, body) = app
        .post(
            &execute,
            json!({ "fileName": "growth.py", "complexity": {
                "function": "total", "generator": "nowhere", "sizes": sizes } }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "complexity_failed");
    let (status, _) = app
        .post(
            &execute,
            json!({ "fileName": "growth.py", "complexity": {
                "function": "total", "generator": "numbers", "sizes": [10, 5, 20] } }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
});
