//! Emits one `#[test]` per case folder (`cases/<language>/<case>/`), so that adding a folder
//! adds a test and nothing can be skipped by forgetting to register it.

use std::fmt::Write as _;
use std::path::Path;

const LANGUAGES: [&str; 2] = ["python", "javascript"];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("cases/")
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    for language_dir in dirs {
        let language = language_dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        assert!(
            LANGUAGES.contains(&language.as_str()),
            "unknown language folder cases/{language}"
        );
        println!("cargo:rerun-if-changed={}", language_dir.display());
        let mut cases: Vec<_> = std::fs::read_dir(&language_dir)
            .expect("language folder")
            .map(|e| e.expect("entry").path())
            .collect();
        cases.sort();
        for case in cases {
            let name = case
                .file_name()
                .and_then(|n| n.to_str())
                .expect("name")
                .to_owned();
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "case folder names are snake_case: cases/{language}/{name}"
            );
            assert!(
                case.join("expected.json").is_file(),
                "cases/{language}/{name} has no expected.json"
            );
            println!("cargo:rerun-if-changed={}", case.display());
            writeln!(
                out,
                "#[test]\nfn {language}_{name}() {{\n    run_case(\"{language}/{name}\");\n}}\n"
            )
            .expect("write");
        }
    }
    node_cases(&mut out);
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("cases.rs"), out).expect("write cases.rs");
}

/// The differential suite: `node/<case>/` holds a program and what Node 20 printed for it.
fn node_cases(out: &mut String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("node");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("node/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        let name = case
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "case folder names are snake_case: node/{name}"
        );
        assert!(
            case.join("expected.json").is_file(),
            "node/{name} has no expected.json: run guest-tests/node/regenerate.mjs"
        );
        println!("cargo:rerun-if-changed={}", case.display());
        writeln!(
            out,
            "#[test]\nfn node_{name}() {{\n    run_node_case(\"{name}\");\n}}\n"
        )
        .expect("write");
    }
}
