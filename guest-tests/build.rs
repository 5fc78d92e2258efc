//! Emits one `#[test]` per case folder (`cases/<language>/<case>/` and `node/<case>/`), so that
//! adding a folder adds a test and nothing can be skipped by forgetting to register it.

use std::fmt::Write as _;
use std::path::Path;

const LANGUAGES: [&str; 3] = ["python", "javascript", "java"];

fn main() {
    // Read at run time, not with `env!`: a build script compiled in another checkout and reused
    // from a shared target directory would otherwise read that checkout's cases.
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir);
    let mut out = String::new();
    for language_dir in folders(&root.join("cases")) {
        let language = name_of(&language_dir);
        assert!(
            LANGUAGES.contains(&language.as_str()),
            "unknown language folder cases/{language}"
        );
        emit_cases(
            &mut out,
            &language_dir,
            &format!("cases/{language}"),
            &language,
            "run_case",
            &format!("{language}/"),
            "",
        );
    }
    // The differential suite: each folder holds a program and what Node 20 printed for it.
    let hint = ": run guest-tests/node/regenerate.mjs";
    emit_cases(
        &mut out,
        &root.join("node"),
        "node",
        "node",
        "run_node_case",
        "",
        hint,
    );
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("cases.rs"), out).expect("write cases.rs");
}

/// The sub-folders of `dir`, sorted; cargo reruns the build when any of them changes.
fn folders(dir: &Path) -> Vec<std::path::PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut folders: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .expect("a UTF-8 folder name")
        .to_owned()
}

/// Writes `fn {prefix}_{case}() { {runner}("{arg_prefix}{case}") }` for every case folder in
/// `dir` (shown as `label` in messages), after checking its name and its `expected.json`.
fn emit_cases(
    out: &mut String,
    dir: &Path,
    label: &str,
    prefix: &str,
    runner: &str,
    arg_prefix: &str,
    hint: &str,
) {
    for case in folders(dir) {
        let name = name_of(&case);
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "case folder names are snake_case: {label}/{name}"
        );
        assert!(
            case.join("expected.json").is_file(),
            "{label}/{name} has no expected.json{hint}"
        );
        println!("cargo:rerun-if-changed={}", case.display());
        writeln!(
            out,
            "#[test]\nfn {prefix}_{name}() {{\n    {runner}(\"{arg_prefix}{name}\");\n}}\n"
        )
        .expect("write");
    }
}
