//! How codebox obtains its guest interpreters, pinned and verified.
//!
//! No interpreter binary is ever committed to the repository. Each one is built from source,
//! from pinned sources checked before use:
//!
//! | interpreter | how it is obtained | pin |
//! |---|---|---|
//! | CPython 3.13.5, a reactor with codebox's driver | Debian's source package, fetched with apt and built by `cpython/build` on first use (cached) | the upstream tarball's SHA-256 in `cpython/build` |
//! | QuickJS (quickjs-ng through rquickjs 0.14.0) | built from `quickjs-guest/` by this crate's build script | `quickjs-guest/Cargo.lock` |
//!
//! # Example
//!
//! ```no_run
//! use codebox_interpreters::{python, quickjs};
//!
//! # fn main() -> Result<(), codebox_interpreters::Error> {
//! let cache = std::env::temp_dir().join("codebox-example-cache");
//! // Builds CPython the first time (minutes); later calls find the build in the cache.
//! let build = python::ensure(&cache, &|line| eprintln!("{line}"))?;
//! assert!(build.reactor().is_file());
//! assert!(!quickjs::WASM.is_empty());
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod digest;
mod error;
pub mod python;
pub mod quickjs;

pub use self::digest::sha256_hex;
pub use self::error::{Error, Result};

/// Receives one human-readable line per step of a long operation (a download, a build).
pub type Progress<'a> = &'a dyn Fn(&str);
