//! Node 20's own test files (`test/parallel`) for every module the JavaScript guest claims, run
//! inside the runtime with the `common` module of `node-suite/common`.
//!
//! `scripts/node-tests` fetches the files from Debian's source package of nodejs (the test
//! command does it first, through `scripts/install-deps`); `CODEBOX_NODE_TESTS` may name
//! another copy of the `test` folder. A file passes when it exits with status 0; a file that
//! skips itself (`common.skip`) counts as not applicable, with the reason it printed. Every
//! other file that is not run is listed in `node-suite/not-run.txt` with its reason.
//!
//! With `CODEBOX_NODE_SUITE=all`, every file runs, the listed ones too, and the test reports
//! each file's outcome instead of failing: that is how the list is kept true. Any other value
//! surveys only the files whose names contain it and shows their whole output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use codebox_runtime::{Language, Limits, RunRequest, Runtime, Termination};

/// The modules the guest claims, each with the name prefixes of its files in `test/parallel`
/// (`test-<prefix>.js` and `test-<prefix>-*.js`, `.mjs` too).
const MODULES: &[(&str, &[&str])] = &[
    ("assert", &["assert"]),
    ("buffer", &["buffer"]),
    ("console", &["console"]),
    ("events", &["event-emitter", "event-capture", "events"]),
    ("node:test", &["runner"]),
    ("os", &["os"]),
    ("path", &["path"]),
    ("querystring", &["querystring"]),
    ("readline", &["readline"]),
    ("stream", &["stream", "stream2", "stream3", "readable"]),
    ("string_decoder", &["string-decoder"]),
    ("timers", &["timers"]),
    ("url", &["url", "whatwg-url"]),
    ("util", &["util"]),
];

/// The fixtures (files or folders under `test/fixtures`) the suite's files read.
const FIXTURES: &[&str] = &[
    "x.txt",
    "assert-first-line.js",
    "assert-long-line.js",
    "dotenv",
    "empty.txt",
    "file-to-read-with-bom.txt",
    "file-to-read-without-bom.txt",
    "url-searchparams.js",
    "url-tests-additional.js",
    "url-setter-tests-additional.js",
    "wpt/url/resources",
    "uncaught-exceptions/callbackify1.js",
    "uncaught-exceptions/callbackify2.js",
];

/// How one file ended.
enum Outcome {
    Passed,
    /// The file skipped itself, with this reason.
    Skipped(String),
    /// Anything else, with what it printed.
    Failed(String),
}

#[test]
fn node_test_suite() {
    let tests = tests_folder();
    let listed = not_run_list();
    let selection = std::env::var("CODEBOX_NODE_SUITE").ok();
    let survey = selection.is_some();
    let only = selection.filter(|v| v != "all");

    let mut files: Vec<(&str, String)> = Vec::new();
    for entry in std::fs::read_dir(tests.join("parallel")).expect("test/parallel") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("name");
        if let Some(module) = module_of(&name) {
            if only
                .as_ref()
                .is_some_and(|only| !name.contains(only.as_str()))
            {
                continue;
            }
            files.push((module, name));
        }
    }
    files.sort();
    for name in listed.keys().filter(|_| only.is_none()) {
        assert!(
            files.iter().any(|(_, f)| f == name),
            "not-run.txt lists {name}, which is not among the suite's files"
        );
    }

    let mut base = BTreeMap::new();
    add_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("node-suite/common"),
        "test/common",
        &mut base,
    );
    for fixture in FIXTURES {
        let path = tests.join("fixtures").join(fixture);
        let name = format!("test/fixtures/{fixture}");
        if path.is_dir() {
            add_folder(&path, &name, &mut base);
        } else {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            base.insert(name, bytes);
        }
    }

    let runtime = Runtime::builder().build().expect("runtime");
    let to_run: Vec<_> = files
        .iter()
        .filter(|(_, name)| survey || !listed.contains_key(name))
        .collect();
    let queue = Mutex::new(to_run.iter());
    let outcomes = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                // The lock is taken and released inside the call, not held through a run.
                let next = || queue.lock().unwrap().next();
                while let Some((_, name)) = next() {
                    let outcome = run_file(&runtime, &tests, &base, name, only.is_some());
                    outcomes.lock().unwrap().insert(name.clone(), outcome);
                }
            });
        }
    });
    let outcomes = outcomes.into_inner().unwrap();

    let mut failures = Vec::new();
    println!("module: files, passed, not applicable, known differences");
    for (module, _) in MODULES {
        let (mut total, mut passed, mut not_applicable, mut differs) = (0, 0, 0, 0);
        for (_, name) in files.iter().filter(|(m, _)| m == module) {
            total += 1;
            let listing = listed.get(name);
            match (outcomes.get(name), listing) {
                (Some(Outcome::Skipped(reason)), _) => {
                    not_applicable += 1;
                    println!("  {name}: skipped itself: {reason}");
                }
                (_, Some(listing)) => {
                    if listing.applicable {
                        differs += 1;
                    } else {
                        not_applicable += 1;
                    }
                    if let Some(outcome) = outcomes.get(name) {
                        let state = match outcome {
                            Outcome::Passed => "PASSES",
                            _ => "fails",
                        };
                        println!("  {name}: listed, {state}: {}", listing.reason);
                        if let Outcome::Failed(shown) = outcome {
                            println!("{shown}");
                        }
                    }
                }
                (Some(Outcome::Passed), None) => passed += 1,
                (Some(Outcome::Failed(shown)), None) => {
                    println!("  {name}: FAILED: {}", first_error(shown));
                    if survey {
                        println!("{shown}");
                    }
                    failures.push(format!("{name}\n{shown}"));
                }
                (None, None) => unreachable!("every file that is not listed runs"),
            }
        }
        let applicable = total - not_applicable;
        println!(
            "{module}: {total} files, {passed} passed, {not_applicable} not applicable, \
             {differs} known differences ({passed} of {applicable} applicable)"
        );
    }
    if !survey {
        assert!(
            failures.is_empty(),
            "{} of Node's test files failed:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

/// The folder holding `parallel` and `fixtures`.
fn tests_folder() -> PathBuf {
    if let Some(dir) = std::env::var_os("CODEBOX_NODE_TESTS") {
        return PathBuf::from(dir);
    }
    // codebox's cache, found as scripts/node-tests finds it.
    let cache = if let Some(dir) = std::env::var_os("CODEBOX_CACHE_DIR") {
        PathBuf::from(dir)
    } else if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
        Path::new(&dir).join("codebox")
    } else {
        Path::new(&std::env::var_os("HOME").expect("HOME")).join(".cache/codebox")
    };
    let dir = cache.join("node-tests/node-v20.19.2/test");
    assert!(
        dir.join(".complete").exists(),
        "{} is missing: run scripts/node-tests (scripts/install-deps does)",
        dir.display()
    );
    dir
}

/// The module a file of `test/parallel` belongs to, if the guest claims it.
fn module_of(name: &str) -> Option<&'static str> {
    let stem = name
        .strip_suffix(".js")
        .or_else(|| name.strip_suffix(".mjs"))?
        .strip_prefix("test-")?;
    MODULES.iter().find_map(|(module, prefixes)| {
        prefixes
            .iter()
            .any(|p| stem == *p || stem.strip_prefix(p).is_some_and(|r| r.starts_with('-')))
            .then_some(*module)
    })
}

/// A file of `not-run.txt`'s: why it is not run.
struct Listing {
    /// False for a file that needs what no sandbox offers (`n/a`), true for a known
    /// difference (`differs`).
    applicable: bool,
    reason: String,
}

/// `not-run.txt`: `test-name.js: n/a: reason` or `test-name.js: differs: reason`, one a line;
/// `#` starts a comment.
fn not_run_list() -> BTreeMap<String, Listing> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("node-suite/not-run.txt");
    let text = std::fs::read_to_string(&path).expect("node-suite/not-run.txt");
    let mut listed = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, ": ");
        let (Some(name), Some(kind), Some(reason)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("not-run.txt: `{line}` is not `file: n/a|differs: reason`");
        };
        let applicable = match kind {
            "n/a" => false,
            "differs" => true,
            _ => panic!("not-run.txt: `{line}`: the kind is n/a or differs"),
        };
        let listing = Listing {
            applicable,
            reason: reason.to_owned(),
        };
        assert!(
            listed.insert(name.to_owned(), listing).is_none(),
            "not-run.txt lists {name} twice"
        );
    }
    listed
}

fn run_file(
    runtime: &Runtime,
    tests: &Path,
    base: &BTreeMap<String, Vec<u8>>,
    name: &str,
    whole: bool,
) -> Outcome {
    let path = tests.join("parallel").join(name);
    let source = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let entry = format!("test/parallel/{name}");
    let limits = Limits::default()
        .with_timeout(Duration::from_secs(30))
        .with_memory_bytes(512 << 20);
    let request = RunRequest::new(Language::JavaScript, entry.clone())
        .files(base.clone())
        .file(entry, source)
        .limits(limits);
    let result = runtime
        .run(&request)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Some(line) = result
        .stdout
        .lines()
        .find(|l| l.starts_with("1..0 # Skipped"))
    {
        let reason = line
            .trim_start_matches("1..0 # Skipped")
            .trim_start_matches(':');
        return Outcome::Skipped(reason.trim().to_owned());
    }
    if result.termination == Termination::Exited && result.exit_code == Some(0) {
        return Outcome::Passed;
    }
    let lines = if whole { usize::MAX } else { 40 };
    Outcome::Failed(format!(
        "--- {:?}, exit {:?}, {:.1} s\n--- stdout\n{}\n--- stderr\n{}",
        result.termination,
        result.exit_code,
        result.wall_time.as_secs_f64(),
        tail(&result.stdout, lines),
        tail(&result.stderr, lines)
    ))
}

/// The last `lines` lines of `text`: by default enough to see why, not the whole run.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<_> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The line that says why a file failed, for the one-line report.
fn first_error(shown: &str) -> &str {
    shown
        .lines()
        .find(|l| l.contains("Error") || l.contains("Mismatched") || l.starts_with("--- Timeout"))
        .unwrap_or_else(|| shown.lines().next().unwrap_or(""))
}

/// Adds every file under `dir` to `files`, named under `prefix`.
fn add_folder(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        let name = format!("{prefix}/{}", path.file_name().unwrap().to_string_lossy());
        if path.is_dir() {
            add_folder(&path, &name, files);
        } else {
            files.insert(name, std::fs::read(&path).expect("fixture"));
        }
    }
}
