//! The web console in a real browser: `codebox serve` on a free port, and
//! `tests/console/console.test.mjs` driving Debian's Chromium through playwright-core (pinned in
//! `tests/console/package.json`, installed with `npm ci` when missing). `scripts/install-deps`
//! installs Chromium and npm.
//!
//! With `CODEBOX_CONSOLE_SCREENSHOT=PATH` (relative to the repository) the test also saves a
//! screenshot of the console there: the README's is made with
//! `CODEBOX_CONSOLE_SCREENSHOT=docs/console.png cargo test -p codebox-server --test console`.

#[path = "../src/storage/moto.rs"]
#[allow(
    dead_code,
    reason = "this test starts no moto, only its free-port helper is used"
)]
mod moto;

#[allow(
    dead_code,
    reason = "this test needs only a server, not the other tests' requests"
)]
mod common;

use std::path::Path;
use std::process::Command;

use common::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_runs_a_program_and_follows_another_tab() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/console");
    if !folder.join("node_modules/playwright-core").is_dir() {
        let installed = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&folder)
            .status()
            .unwrap_or_else(|e| panic!("npm does not run ({e}): run scripts/install-deps"));
        assert!(installed.success(), "npm ci failed in {}", folder.display());
    }
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(&["--data-dir", data.path().to_str().unwrap()]).await;
    let mut node = Command::new("node");
    node.arg("console.test.mjs")
        .arg(&server.base)
        .current_dir(&folder);
    if let Some(path) = std::env::var_os("CODEBOX_CONSOLE_SCREENSHOT") {
        // Relative to the repository, where the command was most likely typed.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        node.arg(root.join(path));
    }
    let ran = tokio::task::spawn_blocking(move || node.output())
        .await
        .unwrap()
        .unwrap_or_else(|e| panic!("node does not run ({e}): run scripts/install-deps"));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&ran.stdout),
        String::from_utf8_lossy(&ran.stderr),
    );
    assert!(ran.status.success(), "{stdout}\n{stderr}");
    println!("{stdout}");
}
