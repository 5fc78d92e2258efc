//! Compiled interpreter modules, cached on disk in wasmtime's serialized form.
//!
//! Compiling CPython with Cranelift takes tens of seconds; loading the compiled form takes
//! milliseconds (the file is mapped, not read). So each interpreter is compiled once per
//! machine and engine configuration, and no request ever pays for compilation.

use std::hash::{Hash, Hasher};
use std::path::Path;

use wasmtime::{Engine, Module};

use crate::host_fs::CacheDir;
use crate::{Error, Result};

/// Loads the compiled form of an interpreter, compiling and caching it first if needed.
///
/// The cache key is the interpreter's `key` (a hash of what it was made from) and the engine's
/// compatibility hash (wasmtime's version and every setting that changes code generation), so a
/// new interpreter, a new wasmtime or a different configuration never loads a stale module.
/// `wasm` is only called when the module has to be compiled; it returns the module's bytes (an
/// interpreter's snapshot, made from the build that `key` names).
pub(crate) fn load(
    engine: &Engine,
    cache: &CacheDir,
    name: &str,
    key: &str,
    wasm: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Module> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut hasher);
    let file_name = format!("{name}-{key}-{:016x}.cwasm", hasher.finish());
    let path = cache.module_path(&file_name);

    if path.exists() {
        match deserialize(engine, &path) {
            Ok(module) => return Ok(module),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "recompiling an unusable cached module");
                cache.remove(&path);
            }
        }
    }
    let bytes = wasm()?;
    tracing::info!(
        name,
        "compiling the interpreter module once for this machine"
    );
    let compiled = engine
        .precompile_module(&bytes)
        .map_err(Error::engine("compiling the interpreter"))?;
    cache.write_atomic(&path, &compiled)?;
    deserialize(engine, &path)
}

#[expect(
    unsafe_code,
    reason = "loading precompiled code is unsafe by nature; see SAFETY"
)]
fn deserialize(engine: &Engine, path: &Path) -> Result<Module> {
    // SAFETY: the only files at these paths are written by `load` above, from
    // `Engine::precompile_module` of the interpreters' snapshots, which the runtime made from
    // QuickJS (built into this binary) and CPython (built from pinned sources in the cache),
    // and they sit in the runtime's own cache directory. No user input ever reaches this path.
    // wasmtime still checks the header and the engine compatibility of the file.
    unsafe { Module::deserialize_file(engine, path) }
        .map_err(Error::engine("loading a cached module"))
}
