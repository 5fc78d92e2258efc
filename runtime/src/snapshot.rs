//! Snapshots of the interpreters: each is a reactor, initialised once (`codebox_init`: for
//! CPython the interpreter up and the common modules imported, for QuickJS the runtime, the
//! context and Node's surface built) and captured with wasmtime-wizer as a new module whose
//! memory image is that state. Every run instantiates it copy-on-write and starts there,
//! instead of paying the interpreter's start-up.
//!
//! What the snapshot holds is what the guest saw while it initialised, so it is taken with the
//! layout a run has: the standard library's folder (CPython), then the working directory and
//! `/workspace` (empty), preopened in that order (wasi-libc keeps its table of preopens in
//! linear memory). A change to that layout is a change of [`LAYOUT`].

use std::collections::BTreeMap;
use std::path::Path;

use wasmtime::{Engine, Linker, UpdateDeadline};
use wasmtime_wasi::WasiCtxBuilder;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;

use crate::guest_store::{GuestState, executor, new_store};
use crate::host_fs::{SandboxDir, preopen_stdlib};
use crate::{Error, Limits, Result};

/// The version of the guest's preopen layout, part of the compiled module's cache key.
pub(crate) const LAYOUT: &str = "L1";

/// Preopens the guest's folders in the order of [`LAYOUT`]: the standard library (CPython's),
/// then the sandbox's working directory and `/workspace`. Runs and snapshots both call this,
/// so that a run finds the table of preopens its snapshot recorded.
pub(crate) fn preopen(
    wasi: &mut WasiCtxBuilder,
    stdlib: Option<&Path>,
    sandbox: &SandboxDir,
) -> Result<()> {
    if let Some(stdlib) = stdlib {
        preopen_stdlib(wasi, stdlib)?;
    }
    sandbox.preopen(wasi)
}

/// Initialises the reactor `wasm` (with CPython's standard library at `stdlib`) and answers
/// the snapshot's bytes.
pub(crate) fn make(
    engine: &Engine,
    fuel: bool,
    linker: &Linker<GuestState>,
    wasm: &[u8],
    stdlib: Option<&Path>,
) -> Result<Vec<u8>> {
    let sandbox = SandboxDir::materialize(&BTreeMap::new(), "")?;
    let stderr = MemoryOutputPipe::new(1 << 16);
    let mut wasi = WasiCtxBuilder::new();
    wasi.stderr(stderr.clone())
        .allow_blocking_current_thread(false);
    preopen(&mut wasi, stdlib, &sandbox)?;
    // Initialisation is trusted code of known length: no fuel budget to speak of, no
    // deadline.
    let mut store = new_store(
        engine,
        wasi.build_p1(),
        Limits::MAX_MEMORY_BYTES,
        fuel.then_some(u64::MAX),
    )?;
    store.set_epoch_deadline(1);
    store.epoch_deadline_callback(|_| Ok(UpdateDeadline::Yield(1)));

    let executor = executor()?;
    let snapshot = executor.block_on(async {
        let mut wizer = wasmtime_wizer::Wizer::new();
        wizer.init_func("codebox_init");
        wizer
            .run(&mut store, wasm, async |store, module| {
                linker.instantiate_async(store, module).await
            })
            .await
    });
    snapshot.map_err(|e| {
        let said = String::from_utf8_lossy(&stderr.contents()).into_owned();
        Error::Engine {
            context: "snapshotting an interpreter after its initialisation",
            message: format!("{e:#}; the guest said: {said}"),
        }
    })
}
