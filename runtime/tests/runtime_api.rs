//! The runtime's API contract: what is an error, what is a result, and what a run can and
//! cannot change.

use std::sync::OnceLock;
use std::time::Duration;

use codebox_runtime::{
    Error, FsLimits, FsQuota, Language, Limits, RunRequest, Runtime, Termination,
};

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| Runtime::builder().build().expect("runtime"))
}

#[test]
fn a_missing_entry_is_an_invalid_request() {
    let request = RunRequest::new(Language::Python, "main.py").file("other.py", "print(1)");
    let error = runtime().run(&request).unwrap_err();
    assert!(
        matches!(error, Error::InvalidRequest(ref m) if m.contains("main.py")),
        "{error}"
    );
}

#[test]
fn a_path_that_leaves_the_sandbox_is_an_invalid_request() {
    for path in ["../evil.py", "/etc/evil.py", "a/../../evil.py"] {
        let request = RunRequest::new(Language::Python, "main.py")
            .file("main.py", "print(1)")
            .file(path, "x");
        let error = runtime().run(&request).unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{path}: {error}");
    }
}

#[test]
fn limits_out_of_range_are_an_invalid_request() {
    let request = RunRequest::new(Language::JavaScript, "main.js")
        .file("main.js", "1")
        .limits(Limits::default().with_timeout(Duration::ZERO));
    assert!(matches!(
        runtime().run(&request),
        Err(Error::InvalidRequest(_))
    ));
}

#[test]
fn the_callers_files_are_never_modified_and_runs_do_not_share_files() {
    let program = "import os\n\
        print(os.path.exists('note.txt'))\n\
        open('note.txt', 'w').write('left behind')\n\
        open('main.py', 'w').write('overwritten')\n";
    let request = RunRequest::new(Language::Python, "main.py").file("main.py", program);
    let first = runtime().run(&request).unwrap();
    assert_eq!(first.stdout, "False\n", "{}", first.stderr);
    assert_eq!(request.file_set()["main.py"], program.as_bytes());
    assert!(!request.file_set().contains_key("note.txt"));
    let second = runtime().run(&request).unwrap();
    assert_eq!(
        second.stdout, "False\n",
        "the second run saw the first run's file"
    );
}

#[test]
fn entry_in_a_subfolder_sees_its_folder_as_cwd_and_the_rest_at_workspace() {
    let program = "import os, sys\n\
        from helper import name\n\
        print(name, open('data.txt').read(), open('/workspace/top.txt').read(), sys.argv[0])\n";
    let request = RunRequest::new(Language::Python, "src/main.py")
        .file("src/main.py", program)
        .file("src/helper.py", "name = 'helper'")
        .file("src/data.txt", "data")
        .file("top.txt", "top");
    let result = runtime().run(&request).unwrap();
    assert_eq!(
        result.stdout, "helper data top /workspace/src/main.py\n",
        "{}",
        result.stderr
    );
}

#[test]
fn concurrent_runs_are_independent() {
    let handles: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                let (language, entry, source) = if i % 2 == 0 {
                    (
                        Language::Python,
                        "main.py",
                        "import sys\nprint(int(sys.stdin.read()) * 2)",
                    )
                } else {
                    (
                        Language::JavaScript,
                        "main.js",
                        "console.log(Number(require('fs').readFileSync(0, 'utf8')) * 2)",
                    )
                };
                let request = RunRequest::new(language, entry)
                    .file(entry, source)
                    .stdin(i.to_string());
                (i, runtime().run(&request).unwrap())
            })
        })
        .collect();
    for handle in handles {
        let (i, result) = handle.join().unwrap();
        assert_eq!(result.stdout, format!("{}\n", i * 2), "{}", result.stderr);
    }
}

#[test]
fn a_timeout_keeps_partial_output_and_reports_fuel_and_time() {
    let request = RunRequest::new(Language::JavaScript, "main.js")
        .file("main.js", "console.log('before'); for (;;) {}")
        .limits(Limits::default().with_timeout(Duration::from_millis(300)));
    let result = runtime().run(&request).unwrap();
    assert_eq!(result.termination, Termination::Timeout);
    assert_eq!(result.exit_code, None);
    assert_eq!(result.stdout, "before\n");
    assert!(result.fuel_consumed > 1_000_000);
    assert!(result.wall_time >= Duration::from_millis(300));
    assert!(!result.success());
}

#[test]
fn the_result_serializes_with_camel_case_fields() {
    let request = RunRequest::new(Language::Python, "main.py").file("main.py", "print('hi')");
    let result = runtime().run(&request).unwrap();
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["stdout"], "hi\n");
    assert_eq!(json["exitCode"], 0);
    assert_eq!(json["termination"]["kind"], "exited");
    assert_eq!(json["language"], "python");
    for field in [
        "wallTimeMs",
        "fuelConsumed",
        "peakMemoryBytes",
        "stdoutTruncated",
        "stderrTruncated",
        "fsQuotaHit",
        "collectedFiles",
        "collectedFilesTruncated",
    ] {
        assert!(json.get(field).is_some(), "{field} is missing from {json}");
    }
}

#[test]
fn a_run_returns_the_files_it_wrote_when_asked() {
    let program = r#"
import os
open("output.txt", "w").write("42\n")
os.makedirs("out/deep")
open("out/a.txt", "w").write("a")
open("out/deep/b.txt", "w").write("b")
open("out/c.bin", "wb").write(bytes([0, 255]))
open("given.txt", "w").write("same")
open("/tmp/elsewhere.txt", "w").write("not under the working directory")
"#;
    let request = RunRequest::new(Language::Python, "src/main.py")
        .file("src/main.py", program)
        .file("src/given.txt", "same")
        .collect_files(["output.txt", "out/*", "given.txt", "**/*.tmp"]);
    let result = runtime().run(&request).unwrap();
    assert!(result.success(), "{}", result.stderr);
    let files: Vec<(&str, &[u8])> = result
        .collected_files
        .iter()
        .map(|f| (f.path.as_str(), &f.content[..]))
        .collect();
    // Not `out/deep/b.txt` (`*` stays within a folder), not the unchanged `given.txt`.
    assert_eq!(
        files,
        [
            ("out/a.txt", &b"a"[..]),
            ("out/c.bin", &[0, 255][..]),
            ("output.txt", &b"42\n"[..]),
        ]
    );
    assert!(!result.collected_files_truncated);
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["collectedFiles"][1]["encoding"], "base64");
    assert_eq!(json["collectedFiles"][2]["content"], "42\n");
}

#[test]
fn a_bad_collect_pattern_is_an_invalid_request() {
    let request = RunRequest::new(Language::JavaScript, "main.js")
        .file("main.js", "1")
        .collect_files(["../outside/*"]);
    assert!(matches!(
        runtime().run(&request),
        Err(Error::InvalidRequest(_))
    ));
}

#[test]
fn a_quota_hit_is_an_error_the_program_catches_and_the_result_names_it() {
    let program = r#"
const fs = require('fs');
try { fs.writeFileSync('big.txt', 'x'.repeat(300000)); } catch (e) { console.log(e.code); }
console.log('still running');
"#;
    let limits = Limits::default().with_fs(FsLimits {
        bytes: 200_000,
        ..FsLimits::default()
    });
    let request = RunRequest::new(Language::JavaScript, "main.js")
        .file("main.js", program)
        .limits(limits);
    let result = runtime().run(&request).unwrap();
    assert_eq!(
        result.stdout, "ENOSPC\nstill running\n",
        "{}",
        result.stderr
    );
    assert_eq!(result.termination, Termination::Exited);
    assert_eq!(result.fs_quota_hit, Some(FsQuota::Bytes));
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["fsQuotaHit"], "bytes");
}

#[test]
fn the_files_byte_budget_is_never_more_than_the_memory_limit() {
    let program = r#"
written = 0
try:
    with open("/tmp/fill", "wb") as f:
        while True:
            f.write(b"x" * (1 << 20))
            written += 1
except OSError as e:
    print(e.strerror, written)
"#;
    let limits = Limits::default().with_memory_bytes(40 << 20);
    let request = RunRequest::new(Language::Python, "main.py")
        .file("main.py", program)
        .limits(limits);
    let result = runtime().run(&request).unwrap();
    assert_eq!(
        result.stdout, "No space left on device 40\n",
        "{}",
        result.stderr
    );
    assert_eq!(result.fs_quota_hit, Some(FsQuota::Bytes));
}

#[test]
fn prepare_makes_every_language_ready() {
    for language in Language::ALL {
        runtime().prepare(language).unwrap();
    }
}

#[test]
fn output_streams_while_the_program_runs() {
    let (tx, rx) = std::sync::mpsc::channel::<(codebox_runtime::StreamKind, Vec<u8>)>();
    let request = RunRequest::new(Language::Python, "main.py")
        .file("main.py", "import sys, time\nprint('first')\nprint('oops', file=sys.stderr)\ntime.sleep(1.5)\nprint('second')\n")
        .on_output(move |kind, bytes| {
            let _ = tx.send((kind, bytes.to_vec()));
        });
    let run = std::thread::spawn(move || runtime().run(&request).unwrap());
    let mut first = Vec::new();
    while !first.ends_with(b"first\n") {
        let (kind, bytes) = rx.recv().unwrap();
        assert_eq!(kind, codebox_runtime::StreamKind::Stdout);
        first.extend_from_slice(&bytes);
    }
    assert!(
        !run.is_finished(),
        "the first line arrived only after the program ended"
    );
    let result = run.join().unwrap();
    let (mut out, mut err) = (first, Vec::new());
    for (kind, bytes) in rx.iter() {
        match kind {
            codebox_runtime::StreamKind::Stdout => out.extend_from_slice(&bytes),
            codebox_runtime::StreamKind::Stderr => err.extend_from_slice(&bytes),
        }
    }
    assert_eq!(out, b"first\nsecond\n");
    assert_eq!(err, b"oops\n");
    assert_eq!(result.stdout, "first\nsecond\n");
}

#[test]
fn a_cancelled_run_stops_and_keeps_its_output() {
    for program in [
        "console.log('busy'); for (;;) {}",
        "console.log('busy'); setTimeout(() => {}, 60000);",
    ] {
        let token = codebox_runtime::CancelToken::new();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let request = RunRequest::new(Language::JavaScript, "main.js")
            .file("main.js", program)
            .cancel_token(token.clone())
            .on_output(move |_, _| {
                let _ = tx.send(());
            });
        let run = std::thread::spawn(move || runtime().run(&request).unwrap());
        rx.recv().unwrap();
        token.cancel();
        let result = run.join().unwrap();
        assert_eq!(result.termination, Termination::Cancelled, "{program}");
        assert_eq!(result.stdout, "busy\n");
        assert_eq!(result.exit_code, None);
    }
    let token = codebox_runtime::CancelToken::new();
    token.cancel();
    let request = RunRequest::new(Language::Python, "main.py")
        .file("main.py", "print('never')")
        .cancel_token(token);
    let result = runtime().run(&request).unwrap();
    assert_eq!(result.termination, Termination::Cancelled);
    assert_eq!(result.stdout, "");
}

/// Runs `source` as the entry of `language` and answers its stdout, checking that it succeeded.
fn stdout_of(language: Language, entry: &str, source: &str) -> String {
    let request = RunRequest::new(language, entry).file(entry, source.to_owned());
    let result = runtime().run(&request).unwrap();
    assert!(result.success(), "{}: {}", entry, result.stderr);
    result.stdout
}

#[test]
fn runs_start_from_the_snapshot_with_fresh_randomness_and_clocks() {
    // Both interpreters are snapshotted after their start-up; each run must still draw its own
    // random numbers and see clocks that start with it.
    let python = "import random, time\nprint(random.random(), time.process_time() < 1)";
    let javascript = "console.log(Math.random(), performance.now() < 1000, process.uptime() < 1)";
    for (language, entry, source) in [
        (Language::Python, "main.py", python),
        (Language::JavaScript, "main.js", javascript),
    ] {
        let first = stdout_of(language, entry, source);
        let second = stdout_of(language, entry, source);
        assert_ne!(first, second, "{language}: two runs drew the same numbers");
        assert!(
            first.trim_end().ends_with("True") || first.trim_end().ends_with("true"),
            "{first}"
        );
    }
}

#[test]
fn nothing_a_run_does_is_seen_by_the_next() {
    // The leaking runs also write 32 MiB, more than a slot keeps resident between runs
    // (engine.rs): the next run, in the same slot, must find every page as the snapshot had
    // it, whether it was copied back in place or given back to the kernel.
    let python_leak = "import builtins, json, sys\njunk = [bytes([i % 251]) * 65536 for i in range(512)]\nbuiltins.leaked = 1\njson.leaked = 1\nsys.path.append('/leak')\nprint('set')";
    let python_check = "import builtins, json, sys\nprint(hasattr(builtins, 'leaked'), hasattr(json, 'leaked'), '/leak' in sys.path)";
    let js_leak = "const junk = new Uint8Array(32 << 20).fill(7); globalThis.leaked = 1; Array.prototype.leaked = 1; require('path').leaked = 1; console.log('set')";
    let js_check = "console.log(typeof leaked, [].leaked, require('path').leaked)";
    for _ in 0..2 {
        assert_eq!(stdout_of(Language::Python, "main.py", python_leak), "set\n");
        assert_eq!(
            stdout_of(Language::Python, "main.py", python_check),
            "False False False\n"
        );
        assert_eq!(stdout_of(Language::JavaScript, "main.js", js_leak), "set\n");
        assert_eq!(
            stdout_of(Language::JavaScript, "main.js", js_check),
            "undefined undefined undefined\n"
        );
    }
}

#[test]
fn without_fuel_metering_only_the_deadline_stops_a_loop() {
    let unmetered = Runtime::builder().fuel_metering(false).build().unwrap();
    // A budget that a metered runtime exhausts in a fraction of the deadline.
    let limits = Limits::default()
        .with_fuel(100_000_000)
        .with_timeout(Duration::from_millis(500));
    let looping = RunRequest::new(Language::Python, "main.py")
        .file(
            "main.py",
            "print('spinning', flush=True)\nwhile True:\n    pass\n",
        )
        .limits(limits);
    let result = unmetered.run(&looping).unwrap();
    assert_eq!(result.termination, Termination::Timeout, "{result:?}");
    assert_eq!(result.stdout, "spinning\n");
    assert_eq!(result.fuel_consumed, 0);
    // The same budget holds for a program that fits in it on a metered runtime.
    let quick = RunRequest::new(Language::JavaScript, "main.js")
        .file("main.js", "console.log(1 + 1)")
        .limits(limits);
    let metered = runtime().run(&quick).unwrap();
    assert!(metered.success(), "{metered:?}");
    assert!(metered.fuel_consumed > 0 && metered.fuel_consumed <= 100_000_000);
    let spun = runtime().run(&looping).unwrap();
    assert_eq!(spun.termination, Termination::OutOfFuel, "{spun:?}");
    let result = unmetered.run(&quick).unwrap();
    assert_eq!((result.stdout.as_str(), result.fuel_consumed), ("2\n", 0));
}
