//! Nothing of a run is left on the host: hostile programs, each pushing one of the filesystem's
//! quotas as far as it goes, run in a child process whose `TMPDIR` is an empty folder, and the
//! folder must still be empty when they are done.
//!
//! A child process, because `TMPDIR` is read by the process (`std::env::temp_dir`) and
//! changing the environment of the test process itself would race the other tests.

use std::process::Command;

use codebox_runtime::{FsQuota, Language, RunRequest, Runtime, Termination};

/// Each program, in its language, and the quota it runs into.
const HOSTILE: &[(Language, &str, Option<FsQuota>)] = &[
    // Write until the files hold all the bytes they may.
    (
        Language::Python,
        r#"
n = 0
try:
    with open("/tmp/fill", "wb") as f:
        while True:
            f.write(b"x" * (1 << 20))
            n += 1
except OSError:
    pass
for i in range(100):
    try:
        open(f"more{i}", "wb").write(b"y" * (1 << 20))
    except OSError:
        pass
print(n)
"#,
        Some(FsQuota::Bytes),
    ),
    // Nest folders as deep as they go with short names, then fold trees into one another.
    (
        Language::Python,
        r#"
import os
for tree in "abcd":
    path = "/tmp/" + tree
    try:
        while True:
            os.mkdir(path)
            path += "/" + tree
    except OSError:
        pass
for i, (a, b) in enumerate([("a", "b"), ("c", "d"), ("b", "c")]):
    for depth in range(1, 70):
        try:
            os.rename("/tmp/" + a, "/tmp/" + "/".join([b] * depth) + "/x")
        except OSError:
            pass
print("nested")
"#,
        Some(FsQuota::Depth),
    ),
    // As many files and folders as there may be, then as many open descriptors.
    (
        Language::Python,
        r#"
import os
made = 0
try:
    while True:
        os.mkdir(f"d{made}") if made % 2 else open(f"f{made}", "w").close()
        made += 1
except OSError:
    pass
for name in os.listdir(".")[:2000]:
    if name.startswith("f"):
        os.remove(name)
held = []
try:
    while True:
        held.append(open(f"/tmp/h{len(held)}", "w"))
except OSError:
    pass
print(made, len(held))
"#,
        Some(FsQuota::Entries),
    ),
    // Symbolic links that loop or lead out, and paths far too long.
    (
        Language::Python,
        r#"
import os
os.symlink("loop", "loop")
os.symlink("../../../../../../tmp", "out")
for path in ["loop/x", "out/x", "/tmp/" + "z/" * 5000]:
    try:
        open(path, "w")
    except OSError as e:
        print(type(e).__name__)
"#,
        Some(FsQuota::PathLength),
    ),
    // The same from JavaScript: fill, nest, and remove a large tree recursively.
    (
        Language::JavaScript,
        r#"
const fs = require('fs');
const chunk = 'x'.repeat(1 << 20);
try { for (let i = 0; ; i++) fs.appendFileSync('/tmp/fill', chunk); } catch (e) { console.log(e.code); }
fs.unlinkSync('/tmp/fill');
try { fs.mkdirSync('/tmp/' + Array(200).fill('n').join('/'), { recursive: true }); } catch (e) { console.log(e.code); }
for (let i = 0; i < 3000; i++) fs.writeFileSync(`/tmp/n/${i}`, 'z');
fs.rmSync('/tmp/n', { recursive: true });
console.log(fs.existsSync('/tmp/n'));
"#,
        Some(FsQuota::Bytes),
    ),
];

#[test]
fn hostile_runs_leave_the_temporary_folder_empty() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let status = Command::new(std::env::current_exe().expect("this test's binary"))
        .args([
            "--exact",
            "hostile_programs_run_in_a_child",
            "--ignored",
            "--nocapture",
        ])
        .env("TMPDIR", tmp.path())
        .status()
        .expect("the child runs");
    assert!(status.success(), "the hostile programs failed: {status}");
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("the folder is still there")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    assert!(left.is_empty(), "runs left {left:?} in TMPDIR");
}

#[test]
#[ignore = "run by hostile_runs_leave_the_temporary_folder_empty, with TMPDIR set"]
fn hostile_programs_run_in_a_child() {
    let runtime = Runtime::builder().build().expect("runtime");
    for (language, source, quota) in HOSTILE {
        let entry = match language {
            Language::Python => "main.py",
            _ => "main.js",
        };
        let request = RunRequest::new(*language, entry).file(entry, *source);
        let result = runtime.run(&request).expect("a result");
        println!(
            "{language}: {:?} {}",
            result.fs_quota_hit,
            result.stdout.trim()
        );
        assert_eq!(
            (&result.termination, result.exit_code),
            (&Termination::Exited, Some(0)),
            "{source}\n{}",
            result.stderr
        );
        assert_eq!(result.fs_quota_hit, *quota, "{source}");
    }
}
