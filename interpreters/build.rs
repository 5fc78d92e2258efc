//! Builds the QuickJS guest (`quickjs-guest/`) for `wasm32-wasip1` and hands the module to the
//! crate as `$OUT_DIR/quickjs.wasm`.
//!
//! The guest is its own cargo project (its own lock file, release profile and target), so this
//! script runs a nested `cargo build` on it. It compiles QuickJS's C sources with Debian's
//! clang-14 against Debian's `wasi-libc` headers (no wasi-sdk, no network); the settings that
//! make that work are in `quickjs-guest/.cargo/config.toml`.
//!
//! QuickJS is built from a patched copy of the pinned `rquickjs-sys` source (the patches are in
//! `quickjs-guest/patches.txt`): the copy is made from cargo's own download of the crate, the
//! patches are applied by exact text replacement (a patch that no longer applies fails the
//! build), and the guest is built from a copy of `quickjs-guest/` whose manifest points
//! `rquickjs-sys` at the patched source. Nothing in the repository is modified.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-wasip1";
const CLANG: &str = "clang-14";
const WASI_INCLUDE: &str = "/usr/include/wasm32-wasi";
const SYS_CRATE: &str = "rquickjs-sys";

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let guest = manifest_dir.join("quickjs-guest");
    for watched in [
        "Cargo.toml",
        "Cargo.lock",
        "src",
        ".cargo/config.toml",
        "patches.txt",
    ] {
        println!("cargo:rerun-if-changed={}", guest.join(watched).display());
    }
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let target_dir = shared_target_dir(&out_dir);
    check_toolchain();

    // 1. The pristine source of the pinned rquickjs-sys, as cargo downloaded it.
    let pristine = locate_sys_crate(&guest);
    // 2. A patched copy of it.
    let work = target_dir.join("patched");
    let patched = work.join(SYS_CRATE);
    replace_dir(&pristine, &patched);
    apply_patches(&guest.join("patches.txt"), &patched);
    // 3. A copy of the guest crate that uses the patched copy.
    let guest_copy = work.join("quickjs-guest");
    replace_dir(&guest, &guest_copy);
    let _ = std::fs::remove_dir_all(guest_copy.join("target"));
    let manifest = guest_copy.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("guest manifest");
    text.push_str(&format!(
        "\n[patch.crates-io]\n{SYS_CRATE} = {{ path = \"../{SYS_CRATE}\" }}\n"
    ));
    std::fs::write(&manifest, text).expect("write guest manifest");

    let mut build = cargo(&guest_copy);
    build
        .args(["build", "--release", "--target", TARGET, "--target-dir"])
        .arg(&target_dir);
    let status = build.status().expect("running cargo for the QuickJS guest");
    assert!(
        status.success(),
        "building the QuickJS guest failed (see the output above)"
    );

    let built = target_dir
        .join(TARGET)
        .join("release")
        .join("codebox_quickjs_guest.wasm");
    std::fs::copy(&built, out_dir.join("quickjs.wasm"))
        .unwrap_or_else(|e| panic!("copying {}: {e}", built.display()));
}

/// A `cargo` command for the guest, run in `dir` so that the guest's `.cargo/config.toml`
/// applies, and cleaned of the outer build's settings (clippy's wrapper, host flags, its target
/// dir), which must not leak into the guest's build.
fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(dir);
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "CARGO_BUILD_RUSTFLAGS",
        "CARGO_PRIMARY_PACKAGE",
    ] {
        command.env_remove(var);
    }
    command
}

/// Where cargo unpacked the pinned rquickjs-sys (downloading it first if needed).
fn locate_sys_crate(guest: &Path) -> PathBuf {
    let output = cargo(guest)
        .args([
            "metadata",
            "--locked",
            "--format-version",
            "1",
            "--filter-platform",
            TARGET,
        ])
        .output()
        .expect("running cargo metadata for the QuickJS guest");
    assert!(
        output.status.success(),
        "cargo metadata failed for the QuickJS guest: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata JSON");
    let manifest = metadata["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == SYS_CRATE))
        .and_then(|p| p["manifest_path"].as_str())
        .expect("rquickjs-sys among the guest's packages");
    Path::new(manifest)
        .parent()
        .expect("crate folder")
        .to_owned()
}

/// Applies `patches.txt`: blocks separated by `===` lines, each made of comment lines, then
/// `--- FILE`, the text to find, `+++`, and its replacement. Every block must match.
fn apply_patches(list: &Path, root: &Path) {
    let text = std::fs::read_to_string(list).expect("patches.txt");
    for block in text.split("\n===\n") {
        let start = if block.starts_with("--- ") {
            Some(0)
        } else {
            block.find("\n--- ").map(|i| i + 1)
        };
        let Some(start) = start else {
            continue;
        };
        let block = &block[start..];
        let (head, rest) = block
            .split_once('\n')
            .expect("a patch starts with `--- FILE`");
        let file = head.trim_start_matches("--- ").trim();
        let (find, replace) = rest
            .split_once("\n+++\n")
            .expect("a patch has a `+++` line");
        let replace = replace
            .strip_suffix("\n===")
            .unwrap_or(replace)
            .trim_end_matches('\n');
        let path = root.join(file);
        let source =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            source.contains(find),
            "patch for {file} no longer applies:\n{find}"
        );
        std::fs::write(&path, source.replace(find, replace)).expect("write patched file");
    }
}

/// Makes `to` an exact copy of `from`.
fn replace_dir(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap_or_else(|e| panic!("removing {}: {e}", to.display()));
    }
    copy_dir(from, to);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("creating {}: {e}", to.display()));
    for entry in
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("listing {}: {e}", from.display()))
    {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copying {}: {e}", target.display()));
        }
    }
}

/// A target directory shared by every profile of the outer build (`target/quickjs-guest`), so
/// that `cargo build`, `cargo test` and `cargo clippy` build the guest once between them.
fn shared_target_dir(out_dir: &Path) -> PathBuf {
    // OUT_DIR is <target>[/<triple>]/<profile>/build/<package>-<hash>/out.
    let profile_dir = out_dir
        .ancestors()
        .nth(3)
        .expect("OUT_DIR has the usual shape");
    profile_dir
        .parent()
        .unwrap_or(profile_dir)
        .join("quickjs-guest")
}

/// Fails early, with the fix, when the system packages that the guest needs are missing.
fn check_toolchain() {
    let clang = Command::new(CLANG).arg("--version").output();
    let have_headers = Path::new(WASI_INCLUDE).join("stdio.h").exists();
    if clang.is_err() || !have_headers {
        panic!(
            "building the QuickJS guest needs Debian's clang-14, llvm-14 and wasi-libc packages \
             and the wasm32-wasip1 Rust target; install them with\n    \
             apt-get install -y --no-install-recommends clang-14 llvm-14 wasi-libc\n    \
             rustup target add wasm32-wasip1"
        );
    }
}
