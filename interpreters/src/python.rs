//! CPython 3.13 for WASI, built by this project from Debian's source package.
//!
//! `cpython/build` (a script in this crate) fetches the source through apt from Debian
//! trixie's source archive, checks the upstream tarball against its pinned SHA-256, builds a
//! native build-python and then CPython for `wasm32-wasip1` with Debian's clang-16 and
//! wasi-libc, links it as a reactor with codebox's driver (`cpython/driver.c`) and packs the
//! standard library (with `cpython/_codebox.py`, which runs programs) into a zip. [`ensure`]
//! runs it the first time it is needed and keeps the result in the cache, under a key that
//! hashes the recipe: a change to the script, the driver or the runner is a new build.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Error, Progress, Result, sha256_hex};

/// The CPython version built.
pub const VERSION: &str = "3.13.5";

/// The recipe: the build script, the driver and the runner module, in this order.
const RECIPE: [&[u8]; 3] = [
    include_bytes!("../cpython/build"),
    include_bytes!("../cpython/driver.c"),
    include_bytes!("../cpython/_codebox.py"),
];

/// The reactor's file name in a build.
pub const REACTOR: &str = "codebox-python.wasm";
/// The standard library's path in a build; the runtime mounts its folder ([`Build::lib_dir`])
/// at [`STDLIB_GUEST_DIR`].
pub const STDLIB_ZIP: &str = "lib/python313.zip";
/// CPython's own test suite (its `Lib/test`, as source), beside the standard library: the
/// guest finds it as the package `test` in `/usr/local/lib`.
pub const TESTS_DIR: &str = "lib/test";
/// Where the guest finds the standard library's folder (`sys.path` holds
/// `/usr/local/lib/python313.zip`).
pub const STDLIB_GUEST_DIR: &str = "/usr/local/lib";

/// A finished build in the cache.
#[derive(Debug, Clone)]
pub struct Build {
    /// The folder that holds the build: the reactor, the standard library zip and `SOURCE`.
    pub dir: PathBuf,
    /// The recipe's key: 16 hex digits of its SHA-256.
    pub key: String,
}

impl Build {
    /// The reactor, not yet initialised.
    pub fn reactor(&self) -> PathBuf {
        self.dir.join(REACTOR)
    }

    /// The folder the guest sees at [`STDLIB_GUEST_DIR`]: the standard library's zip and
    /// CPython's tests.
    pub fn lib_dir(&self) -> PathBuf {
        self.dir.join("lib")
    }
}

/// The recipe's key: the first 16 hex digits of the SHA-256 of the version and the recipe.
pub fn recipe_key() -> String {
    let mut all = VERSION.as_bytes().to_vec();
    for part in RECIPE {
        all.extend_from_slice(&(part.len() as u64).to_be_bytes());
        all.extend_from_slice(part);
    }
    sha256_hex(&all)[..16].to_owned()
}

/// The build under `cache_dir`, made first if it is not there: about 6 minutes on two cores,
/// once per machine and recipe. The script's progress lines go to `progress`.
///
/// Concurrent callers (threads or processes) wait for one build: the script holds a lock.
///
/// # Errors
///
/// [`Error::BuildFailed`] with the end of the failing step's log, and [`Error::Io`] when the
/// script cannot be written or started.
pub fn ensure(cache_dir: &Path, progress: Progress<'_>) -> Result<Build> {
    let key = recipe_key();
    let dir = cache_dir.join("cpython").join(format!("{VERSION}-{key}"));
    let build = Build {
        dir: dir.clone(),
        key,
    };
    if is_complete(&dir) {
        return Ok(build);
    }
    let parent = dir.parent().unwrap_or(cache_dir);
    std::fs::create_dir_all(parent).map_err(Error::io("creating", parent))?;
    // The script runs from a copy in the cache, so that the recipe in this binary is the one
    // built, whatever the checkout holds now.
    let script = write_recipe(&parent.join(format!("recipe-{}", build.key)))?;
    let lock = parent.join(format!("{VERSION}-{}.lock", build.key));
    progress(&format!(
        "codebox: building CPython {VERSION} for WASI from source (once per machine; about 6 minutes)"
    ));
    let mut child = Command::new("flock")
        .arg(&lock)
        .arg("sh")
        .arg("-c")
        // Whoever held the lock may have built it meanwhile.
        .arg(r#"[ -f "$1/SOURCE" ] || "$0" "$1""#)
        .arg(&script)
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(Error::io("starting the CPython build", &script))?;
    let mut lines = Vec::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr)
            .lines()
            .map_while(std::result::Result::ok)
        {
            progress(&line);
            lines.push(line);
        }
    }
    let status = child
        .wait()
        .map_err(Error::io("waiting for the CPython build", &script))?;
    if !status.success() || !is_complete(&dir) {
        let tail = lines.split_off(lines.len().saturating_sub(40));
        return Err(Error::BuildFailed {
            what: "CPython",
            status: status.to_string(),
            log: tail.join("\n"),
        });
    }
    Ok(build)
}

fn is_complete(dir: &Path) -> bool {
    [REACTOR, STDLIB_ZIP, "SOURCE"]
        .iter()
        .all(|name| dir.join(name).is_file())
        && dir.join(TESTS_DIR).is_dir()
}

/// Writes the recipe into `folder` (the script finds the driver and the runner beside
/// itself); answers the script's path.
fn write_recipe(folder: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(Error::io("creating", folder))?;
    for (name, bytes) in [("driver.c", RECIPE[1]), ("_codebox.py", RECIPE[2])] {
        let path = folder.join(name);
        std::fs::write(&path, bytes).map_err(Error::io("writing", &path))?;
    }
    let build = folder.join("build");
    std::fs::write(&build, RECIPE[0]).map_err(Error::io("writing", &build))?;
    set_executable(&build)?;
    Ok(build)
}

fn set_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = std::fs::metadata(path)
        .map_err(Error::io("reading", path))?
        .permissions();
    permissions.set_mode(0o755);
    std::fs::set_permissions(path, permissions).map_err(Error::io("setting permissions of", path))
}
