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

use wasmtime::{Engine, Linker, Store, UpdateDeadline};
use wasmtime_wasi::WasiCtxBuilder;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;

use crate::host_fs::{SandboxDir, preopen_stdlib};
use crate::limits::MemoryLimiter;
use crate::runtime::GuestState;
use crate::{Error, Limits, Result};

/// The version of the guest's preopen layout, part of the compiled module's cache key.
pub(crate) const LAYOUT: &str = "L1";

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
    if let Some(stdlib) = stdlib {
        preopen_stdlib(&mut wasi, stdlib)?;
    }
    sandbox.preopen(&mut wasi)?;
    let state = GuestState {
        wasi: wasi.build_p1(),
        limiter: MemoryLimiter::new(Limits::MAX_MEMORY_BYTES),
    };
    let mut store = Store::new(engine, state);
    store.limiter(|state| &mut state.limiter);
    // Initialisation is trusted code of known length: no fuel budget, no deadline.
    if fuel {
        store
            .set_fuel(u64::MAX)
            .map_err(Error::engine("setting the snapshot's fuel"))?;
    }
    store.set_epoch_deadline(1);
    store.epoch_deadline_callback(|_| Ok(UpdateDeadline::Yield(1)));

    let executor = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(Error::io("starting the snapshot's executor for", ""))?;
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
