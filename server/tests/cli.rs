//! `codebox run` as a user runs it: a real process, real files, real exit codes.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn codebox(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_codebox"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start codebox");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), stdin).unwrap();
    drop(child.stdin.take());
    child.wait_with_output().expect("wait for codebox")
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn hello_world_in_both_languages() {
    let dir = folder(&[
        ("hello.py", "print('Hello, world!')"),
        ("hello.js", "console.log('Hello, world!')"),
    ]);
    for file in ["hello.py", "hello.js"] {
        let out = codebox(dir.path(), &["run", file], b"");
        assert_eq!(
            text(&out.stdout),
            "Hello, world!\n",
            "{file}: {}",
            text(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn exit_code_stdin_and_stderr_pass_through() {
    let dir = folder(&[(
        "main.py",
        "import sys\nprint(sys.stdin.read().upper())\nprint('oops', file=sys.stderr)\nsys.exit(7)",
    )]);
    let out = codebox(dir.path(), &["run", "main.py"], b"abc");
    assert_eq!(text(&out.stdout), "ABC\n");
    assert_eq!(text(&out.stderr), "oops\n");
    assert_eq!(out.status.code(), Some(7));
}

#[test]
fn stdin_from_a_file_and_sibling_imports() {
    let dir = folder(&[
        (
            "app/main.js",
            "const { add } = require('./utils/math');\nconst [a, b] = require('fs').readFileSync(0, 'utf8').split(' ').map(Number);\nconsole.log(add(a, b));",
        ),
        ("app/utils/math.js", "exports.add = (a, b) => a + b;"),
        ("input.txt", "2 40"),
    ]);
    let out = codebox(
        dir.path(),
        &["run", "app/main.js", "--stdin", "input.txt"],
        b"",
    );
    assert_eq!(text(&out.stdout), "42\n", "{}", text(&out.stderr));
}

#[test]
fn limits_have_their_own_exit_codes_and_one_clear_line() {
    let dir = folder(&[
        ("loop.py", "print('started', flush=True)\nwhile True: pass"),
        ("mem.py", "x = bytearray(300 * 1024 * 1024)"),
        ("spin.js", "for (;;) {}"),
    ]);
    let cases: [(&[&str], i32, &str); 3] = [
        (
            &["run", "loop.py", "--timeout-ms", "500"],
            124,
            "time limit of 500 ms exceeded",
        ),
        (
            &["run", "mem.py", "--memory-mb", "64"],
            137,
            "memory limit of 64 MiB exceeded",
        ),
        (
            &["run", "spin.js", "--fuel", "1000000"],
            152,
            "fuel budget of 1000000 exhausted",
        ),
    ];
    for (args, code, line) in cases {
        let out = codebox(dir.path(), args, b"");
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let stderr = text(&out.stderr);
        assert_eq!(
            stderr.lines().last(),
            Some(format!("codebox: {line}").as_str()),
            "{args:?}"
        );
    }
    let out = codebox(dir.path(), &["run", "loop.py", "--timeout-ms", "500"], b"");
    assert_eq!(text(&out.stdout), "started\n", "partial output is kept");
}

#[test]
fn json_prints_the_whole_result() {
    let dir = folder(&[(
        "main.js",
        "console.log('out'); console.error('err'); process.exit(3)",
    )]);
    let out = codebox(dir.path(), &["run", "main.js", "--json"], b"");
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json["stdout"], "out\n");
    assert_eq!(json["stderr"], "err\n");
    assert_eq!(json["exitCode"], 3);
    assert_eq!(json["termination"]["kind"], "exited");
}

#[test]
fn lang_overrides_the_extension_and_unknown_extensions_are_refused() {
    let dir = folder(&[("script.txt", "print('as python')")]);
    let refused = codebox(dir.path(), &["run", "script.txt"], b"");
    assert_eq!(refused.status.code(), Some(125));
    assert!(
        text(&refused.stderr).contains("--lang"),
        "{}",
        text(&refused.stderr)
    );
    let out = codebox(dir.path(), &["run", "script.txt", "--lang", "python"], b"");
    assert_eq!(text(&out.stdout), "as python\n", "{}", text(&out.stderr));
}

#[test]
fn a_run_never_changes_the_files_on_disk() {
    let dir = folder(&[(
        "main.py",
        "open('main.py', 'w').write('gone')\nopen('new.txt', 'w').write('x')",
    )]);
    let out = codebox(dir.path(), &["run", "main.py"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("main.py")).unwrap(),
        "open('main.py', 'w').write('gone')\nopen('new.txt', 'w').write('x')"
    );
    assert!(!dir.path().join("new.txt").exists());
}

#[test]
fn a_missing_file_is_codebox_error() {
    let dir = folder(&[]);
    let out = codebox(dir.path(), &["run", "nope.py"], b"");
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out.stderr).starts_with("codebox: cannot open nope.py"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_programs_folder_is_bounded_and_hidden_entries_stay_out() {
    let dir = folder(&[
        ("main.py", "import os\nprint(sorted(os.listdir('.')))"),
        (".git/config", "secret"),
        ("data.txt", "x"),
    ]);
    let out = codebox(dir.path(), &["run", "main.py"], b"");
    assert_eq!(
        text(&out.stdout),
        "['data.txt', 'main.py']\n",
        "{}",
        text(&out.stderr)
    );
    for i in 0..1000 {
        std::fs::write(dir.path().join(format!("f{i}.txt")), "").unwrap();
    }
    let refused = codebox(dir.path(), &["run", "main.py"], b"");
    assert_eq!(refused.status.code(), Some(125));
    assert!(
        text(&refused.stderr).contains("more than 1000 files"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn links_in_the_programs_folder_are_skipped_with_a_warning() {
    let dir = folder(&[(
        "main.py",
        "import os\nprint(sorted(os.listdir('.')))\nprint(open('environ').read())",
    )]);
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("environ")).unwrap();
    let out = codebox(dir.path(), &["run", "main.py"], b"");
    assert_eq!(text(&out.stdout), "['main.py']\n");
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.lines().next(),
        Some("codebox: skipping environ: a symbolic link (links are not followed)"),
        "{stderr}"
    );
    assert!(stderr.contains("FileNotFoundError"), "{stderr}");
}

#[test]
fn json_returns_the_files_the_program_wrote_when_asked() {
    let dir = folder(&[(
        "main.js",
        "const fs = require('fs');\nfs.mkdirSync('out');\nfs.writeFileSync('out/answer.txt', '42');\nfs.writeFileSync('scratch.log', 'x');",
    )]);
    let out = codebox(
        dir.path(),
        &["run", "main.js", "--json", "--collect", "out/*.txt"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(
        json["collectedFiles"],
        serde_json::json!([{"path": "out/answer.txt", "content": "42", "encoding": "utf-8"}])
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn java_runs_from_its_package_root_with_stdin_and_exit_codes() {
    let dir = folder(&[
        (
            "src/app/Main.java",
            "package app;\n\nimport util.Echo;\n\npublic class Main {\n    public static void main(String[] a) throws Exception {\n        System.out.println(Echo.upper(new String(System.in.readAllBytes())));\n        System.exit(4);\n    }\n}\n",
        ),
        (
            "src/util/Echo.java",
            "package util;\n\npublic class Echo {\n    public static String upper(String s) {\n        return s.trim().toUpperCase();\n    }\n}\n",
        ),
        (
            "broken/Main.java",
            "public class Main {\n    public static void main(String[] a) {\n        return 1;\n    }\n}\n",
        ),
    ]);
    // The root is `src`, where the package `app` starts, so that `util` compiles along.
    let out = codebox(dir.path(), &["run", "src/app/Main.java"], b"java\n");
    assert_eq!(text(&out.stdout), "JAVA\n", "{}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(4));

    let out = codebox(dir.path(), &["run", "broken/Main.java"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Main.java:3: error:"), "{stderr}");
    assert!(
        stderr.ends_with("codebox: the program did not compile\n"),
        "{stderr}"
    );
    // The command removed its containers before it exited.
    assert_eq!(codebox_containers(), 0);
}

#[path = "../../runtime/tests/support/containers.rs"]
mod containers;
use containers::codebox_containers;
