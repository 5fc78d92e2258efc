//! Runs every guest program under `cases/` through the real interpreters and checks its
//! output, exit code and termination against its `expected.json`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use codebox_runtime::{FsLimits, FsQuota, Language, Limits, RunRequest, Runtime};
use serde::Deserialize;

/// What a case expects; every field but `termination` is optional.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Expected {
    /// The entry file; by default the one `main.*` (or `Main.java`) file of the case.
    entry: Option<String>,
    /// Limits that differ from the defaults.
    #[serde(default)]
    limits: CaseLimits,
    /// The exact stdout.
    stdout: Option<String>,
    /// Pieces that stdout must contain.
    #[serde(default)]
    stdout_contains: Vec<String>,
    /// Pieces that stderr must contain.
    #[serde(default)]
    stderr_contains: Vec<String>,
    /// Pieces that neither stream may contain.
    #[serde(default)]
    output_lacks: Vec<String>,
    /// The exit code (`null` when the runtime stopped the program).
    exit_code: Option<i32>,
    /// `exited`, `timeout`, `outOfFuel`, `memoryLimit`, `outputLimit` or `crashed`.
    termination: String,
    /// Whether stdout was cut at its cap.
    #[serde(default)]
    stdout_truncated: bool,
    /// Whether stderr was cut at its cap.
    #[serde(default)]
    stderr_truncated: bool,
    /// The filesystem quota the program was refused (`bytes`, `entries`, `depth`,
    /// `pathLength`, `openFiles`); none when absent.
    fs_quota_hit: Option<FsQuota>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CaseLimits {
    timeout_ms: Option<u64>,
    memory_mb: Option<u64>,
    fuel: Option<u64>,
    stdout_bytes: Option<u64>,
    stderr_bytes: Option<u64>,
    /// Filesystem quotas that differ from the defaults.
    fs: Option<FsLimits>,
}

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| Runtime::builder().build().expect("runtime"))
}

/// Every file of the case folder except the test's own, by relative path.
fn case_files(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("case folder") {
        let entry = entry.expect("entry");
        let name = entry.file_name().into_string().expect("UTF-8 name");
        let path = entry.path();
        if path.is_dir() {
            case_files(&path, &format!("{prefix}{name}/"), files);
        } else if prefix.is_empty() && (name == "expected.json" || name == "stdin.txt") {
            continue;
        } else {
            files.insert(
                format!("{prefix}{name}"),
                std::fs::read(&path).expect("read"),
            );
        }
    }
}

/// A case folder: its `expected.json`, its program's files by path, and its stdin.
fn load_case<T: serde::de::DeserializeOwned>(
    dir: &Path,
) -> (T, BTreeMap<String, Vec<u8>>, Vec<u8>) {
    let expected =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json"))
            .unwrap_or_else(|e| panic!("{}/expected.json: {e}", dir.display()));
    let mut files = BTreeMap::new();
    case_files(dir, "", &mut files);
    let stdin = std::fs::read(dir.join("stdin.txt")).unwrap_or_default();
    (expected, files, stdin)
}

fn run_case(case: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("cases")
        .join(case);
    let (expected, files, stdin): (Expected, _, _) = load_case(&dir);
    let entry = expected.entry.clone().unwrap_or_else(|| {
        let mains: Vec<_> = files
            .keys()
            .filter(|k| k.starts_with("main.") || *k == "Main.java")
            .cloned()
            .collect();
        assert_eq!(mains.len(), 1, "{case}: name the entry in expected.json");
        mains[0].clone()
    });
    let language = Language::from_path(&entry).expect("entry extension");

    let mut limits = Limits::default();
    let l = &expected.limits;
    if let Some(ms) = l.timeout_ms {
        limits = limits.with_timeout(Duration::from_millis(ms));
    }
    if let Some(mb) = l.memory_mb {
        limits = limits.with_memory_bytes(mb << 20);
    }
    if let Some(fuel) = l.fuel {
        limits = limits.with_fuel(fuel);
    }
    if let Some(bytes) = l.stdout_bytes {
        limits = limits.with_stdout_bytes(bytes);
    }
    if let Some(bytes) = l.stderr_bytes {
        limits = limits.with_stderr_bytes(bytes);
    }
    if let Some(fs) = l.fs {
        limits = limits.with_fs(fs);
    }

    let request = RunRequest::new(language, entry)
        .files(files)
        .stdin(stdin)
        .limits(limits);
    let result = runtime()
        .run(&request)
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    let shown = format!(
        "{case}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- result ---\n{:?} exit {:?}",
        result.stdout, result.stderr, result.termination, result.exit_code
    );

    assert_eq!(
        result.termination.name(),
        expected.termination,
        "termination of {shown}"
    );
    assert_eq!(result.exit_code, expected.exit_code, "exit code of {shown}");
    if let Some(stdout) = &expected.stdout {
        assert_eq!(&result.stdout, stdout, "stdout of {shown}");
    }
    for piece in &expected.stdout_contains {
        assert!(
            result.stdout.contains(piece),
            "stdout lacks {piece:?} in {shown}"
        );
    }
    for piece in &expected.stderr_contains {
        assert!(
            result.stderr.contains(piece),
            "stderr lacks {piece:?} in {shown}"
        );
    }
    for piece in &expected.output_lacks {
        assert!(
            !result.stdout.contains(piece) && !result.stderr.contains(piece),
            "output contains {piece:?} in {shown}"
        );
    }
    assert_eq!(
        result.stdout_truncated, expected.stdout_truncated,
        "stdout truncation of {shown}"
    );
    assert_eq!(
        result.stderr_truncated, expected.stderr_truncated,
        "stderr truncation of {shown}"
    );
    assert_eq!(
        result.fs_quota_hit, expected.fs_quota_hit,
        "filesystem quota of {shown}"
    );
    // Java runs natively in a container: no fuel, and its peak memory comes from the
    // container's cgroup, reported by the runner only when the JVM shuts down by itself.
    if language != Language::Java {
        assert!(result.fuel_consumed > 0, "fuel is reported for {shown}");
        assert!(
            result.peak_memory_bytes > 0,
            "peak memory is reported for {shown}"
        );
    } else if result.termination.name() == "exited" {
        assert!(
            result.peak_memory_bytes > 0,
            "peak memory is reported for {shown}"
        );
    }
}

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// What Node 20 did with a program of the differential suite (`node/<case>/expected.json`,
/// written by `node/regenerate.mjs`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NodeExpected {
    stdout: String,
    exit_code: i32,
    /// The first line of stderr when the program died of an uncaught error, with the folder
    /// it ran in written as `/workspace`.
    stderr_first_line: Option<String>,
}

fn run_node_case(case: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("node")
        .join(case);
    let (expected, files, stdin): (NodeExpected, _, _) = load_case(&dir);
    let entry = ["main.js", "main.mjs", "main.cjs"]
        .into_iter()
        .find(|e| files.contains_key(*e))
        .expect("main.js, main.mjs or main.cjs")
        .to_owned();
    let limits = Limits::default().with_timeout(Duration::from_secs(10));
    let request = RunRequest::new(Language::JavaScript, entry)
        .files(files)
        .stdin(stdin)
        .limits(limits);
    let result = runtime()
        .run(&request)
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    let shown = format!(
        "node/{case}\n--- stderr ---\n{}\n--- result ---\n{:?} exit {:?}",
        result.stderr, result.termination, result.exit_code
    );
    assert_eq!(result.stdout, expected.stdout, "stdout of {shown}");
    assert_eq!(
        result.exit_code,
        Some(expected.exit_code),
        "exit code of {shown}"
    );
    if let Some(line) = &expected.stderr_first_line {
        assert_eq!(
            result.stderr.lines().next(),
            Some(line.as_str()),
            "stderr of {shown}"
        );
    }
}
