//! Builds the QuickJS guest (`quickjs-guest/`) for `wasm32-wasip1` and hands the module to the
//! crate as `$OUT_DIR/quickjs.wasm`.
//!
//! The guest is its own cargo project (its own lock file, release profile and target), so this
//! script runs a nested `cargo build` on it. It compiles QuickJS's C sources with Debian's
//! clang-14 against Debian's `wasi-libc` headers (no wasi-sdk, no network); the settings that
//! make that work are in `quickjs-guest/.cargo/config.toml`, which cargo reads because the
//! build runs in that folder.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-wasip1";
const CLANG: &str = "clang-14";
const WASI_INCLUDE: &str = "/usr/include/wasm32-wasi";

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let guest = manifest_dir.join("quickjs-guest");
    for watched in ["Cargo.toml", "Cargo.lock", "src", ".cargo/config.toml"] {
        println!("cargo:rerun-if-changed={}", guest.join(watched).display());
    }
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let target_dir = shared_target_dir(&out_dir);

    check_toolchain();
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build
        .current_dir(&guest)
        .args([
            "build",
            "--release",
            "--locked",
            "--target",
            TARGET,
            "--target-dir",
        ])
        .arg(&target_dir);
    // The outer build's settings (clippy's wrapper, host flags, its target dir) must not leak
    // into the guest's build.
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
        build.env_remove(var);
    }
    let status = build.status().expect("running cargo for the QuickJS guest");
    assert!(
        status.success(),
        "building the QuickJS guest failed (see the output above)"
    );

    let built = target_dir
        .join(TARGET)
        .join("release")
        .join("quickjs-guest.wasm");
    std::fs::copy(&built, out_dir.join("quickjs.wasm"))
        .unwrap_or_else(|e| panic!("copying {}: {e}", built.display()));
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
