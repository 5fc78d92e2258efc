//! Gathers the files of the folder that `codebox run` exposes to the program.

use std::path::Path;

use anyhow::{Context, Result, bail};

/// At most this many files are copied into the sandbox.
const MAX_FILES: usize = 1000;
/// At most this many bytes in all.
const MAX_TOTAL_BYTES: u64 = 64 << 20;
/// At most this deep.
const MAX_DEPTH: usize = 16;

/// Reads every regular file under `root` into `(relative path, contents)` pairs.
///
/// Hidden entries (`.git`, `.venv`, ...) and `__pycache__` are skipped, and symbolic links to
/// folders are not followed. A folder over the bounds is an error that says so, rather than a
/// silent partial copy.
pub(crate) fn collect(root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut total = 0;
    walk(root, "", 0, &mut files, &mut total)?;
    Ok(files)
}

fn walk(
    dir: &Path,
    prefix: &str,
    depth: usize,
    files: &mut Vec<(String, Vec<u8>)>,
    total: &mut u64,
) -> Result<()> {
    if depth > MAX_DEPTH {
        bail!(
            "{} is nested more than {MAX_DEPTH} folders deep",
            dir.display()
        );
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("listing {}", dir.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        let path = entry.path();
        let relative = format!("{prefix}{name}");
        let kind = entry
            .file_type()
            .with_context(|| format!("inspecting {}", path.display()))?;
        if kind.is_dir() {
            walk(&path, &format!("{relative}/"), depth + 1, files, total)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            let contents =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            *total += contents.len() as u64;
            files.push((relative, contents));
            if files.len() > MAX_FILES || *total > MAX_TOTAL_BYTES {
                bail!(
                    "the program's folder holds more than {MAX_FILES} files or {} MiB; \
                     run codebox on a file in a folder that holds only the program",
                    MAX_TOTAL_BYTES >> 20
                );
            }
        }
    }
    Ok(())
}
