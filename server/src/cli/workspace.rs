//! Gathers the files of the folder that `codebox run` gives the program.
//!
//! The folder is the caller's own, so nothing in it is trusted: a symbolic link could lead
//! anywhere on the host (`/proc/self/environ` would hand codebox's own environment to the
//! program), and a file could be huge or keep growing. Links are therefore never followed
//! (each one skipped says so in one line on stderr), special files are left out, and every
//! bound is checked against the sizes the folder reports before a byte is read, and again
//! while reading, which never takes more than the bound allows.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// At most this many files are copied into the run.
pub(crate) const MAX_FILES: usize = 1000;
/// At most this many bytes in all.
pub(crate) const MAX_TOTAL_BYTES: u64 = 64 << 20;
/// At most this many folders deep.
pub(crate) const MAX_DEPTH: usize = 16;

/// Reads every regular file under `root` into `(relative path, contents)` pairs, within
/// [`MAX_FILES`], [`MAX_TOTAL_BYTES`] and [`MAX_DEPTH`].
///
/// Hidden entries (`.git`, `.venv`, ...) and `__pycache__` are skipped; symbolic links are
/// skipped with a warning on stderr. A folder over the bounds is an error that says so, rather
/// than a silent partial copy.
pub(crate) fn collect(root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut gathered = Gathered::default();
    let mut pending = vec![(root.to_path_buf(), String::new(), 0)];
    while let Some((dir, prefix, depth)) = pending.pop() {
        if depth > MAX_DEPTH {
            bail!(
                "{} is nested more than {MAX_DEPTH} folders deep",
                dir.display()
            );
        }
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
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
            // The entry itself, never what a link points to.
            let meta = std::fs::symlink_metadata(&path)
                .with_context(|| format!("inspecting {}", path.display()))?;
            if meta.file_type().is_symlink() {
                eprintln!("codebox: skipping {relative}: a symbolic link (links are not followed)");
            } else if meta.is_dir() {
                pending.push((path, format!("{relative}/"), depth + 1));
            } else if meta.is_file() {
                gathered.read(&path, relative, meta.len())?;
            }
        }
    }
    gathered.files.sort();
    Ok(gathered.files)
}

#[derive(Default)]
struct Gathered {
    files: Vec<(String, Vec<u8>)>,
    total: u64,
}

impl Gathered {
    /// Reads the file at `path`, which the folder says is `size` bytes, if it fits.
    fn read(&mut self, path: &Path, relative: String, size: u64) -> Result<()> {
        let too_much = || {
            anyhow::anyhow!(
                "the program's folder holds more than {MAX_FILES} files or {} MiB; \
                 run codebox on a file in a folder that holds only the program",
                MAX_TOTAL_BYTES >> 20
            )
        };
        if self.files.len() == MAX_FILES || self.total + size > MAX_TOTAL_BYTES {
            return Err(too_much());
        }
        // A file that grew since it was listed is read no further than the bound.
        let room = MAX_TOTAL_BYTES - self.total;
        let mut contents = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| file.take(room + 1).read_to_end(&mut contents))
            .with_context(|| format!("reading {}", path.display()))?;
        self.total += contents.len() as u64;
        if self.total > MAX_TOTAL_BYTES {
            return Err(too_much());
        }
        self.files.push((relative, contents));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_skipped_and_files_come_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lib/deep")).unwrap();
        std::fs::write(dir.path().join("main.py"), "print(1)").unwrap();
        std::fs::write(dir.path().join("lib/deep/x.py"), "x").unwrap();
        std::fs::write(dir.path().join("lib/a.py"), "a").unwrap();
        std::fs::write(dir.path().join(".hidden"), "h").unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("environ")).unwrap();
        std::os::unix::fs::symlink("/etc", dir.path().join("etc")).unwrap();
        let files = collect(dir.path()).unwrap();
        let paths: Vec<_> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["lib/a.py", "lib/deep/x.py", "main.py"]);
    }

    #[test]
    fn a_folder_over_the_byte_bound_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.py"), "print(1)").unwrap();
        // A sparse file: its size is over the bound, yet it holds no data to read.
        let big = std::fs::File::create(dir.path().join("big.bin")).unwrap();
        big.set_len(MAX_TOTAL_BYTES + 1).unwrap();
        let error = collect(dir.path()).unwrap_err();
        assert!(error.to_string().contains("64 MiB"), "{error}");
    }

    #[test]
    fn a_folder_too_deep_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join(["d"; MAX_DEPTH + 1].join("/"));
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("f"), "f").unwrap();
        assert!(collect(dir.path()).is_err());
    }
}
