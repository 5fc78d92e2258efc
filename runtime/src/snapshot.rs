//! Snapshots of the interpreters: each is a reactor, initialised once (`codebox_init`: for
//! CPython the interpreter up and the common modules imported, for QuickJS the runtime, the
//! context and Node's surface built) and captured with wasmtime-wizer as a new module whose
//! memory image is that state. Every run instantiates it copy-on-write and starts there,
//! instead of paying the interpreter's start-up.
//!
//! What the snapshot holds is what the guest saw while it initialised, so it is taken with the
//! filesystem a run has, made by the same [`filesystem`]: the standard library (CPython), then
//! the working directory, `/workspace` and `/tmp` (empty), preopened in that order
//! ([`MOUNTS`]; wasi-libc keeps its table of preopens, with their descriptor numbers, in
//! linear memory). A change to that layout is a change of [`LAYOUT`].

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;
use wasmtime::{Engine, Linker, UpdateDeadline};
use wasmtime_wasi::WasiCtxBuilder;

use crate::guest_store::{GuestState, executor, new_store};
use crate::output::CappedPipe;
use crate::vfs::{Mount, RunClock, Stdio, Tree, Vfs};
use crate::{Error, Limits, Result, StreamKind};

/// The version of the guest's preopen layout, part of the compiled module's cache key.
pub(crate) const LAYOUT: &str = "L2";

/// Where the guest finds the whole file set, whatever its working directory.
pub(crate) const WORKSPACE_GUEST_PATH: &str = "/workspace";

/// The folders preopened for a guest, in this order: the standard library (only for a guest
/// that has one), the working directory (wasi-libc resolves relative paths and `/` from a
/// preopen named `.`), the file set at `/workspace`, and the run's own `/tmp`.
const MOUNTS: [(&str, Mount); 4] = [
    (
        codebox_interpreters::python::STDLIB_GUEST_DIR,
        Mount::Library,
    ),
    (".", Mount::WorkDir),
    (WORKSPACE_GUEST_PATH, Mount::Workspace),
    ("/tmp", Mount::Tmp),
];

/// The filesystem of a run (and of a snapshot, with no files) in the layout of [`LAYOUT`]:
/// `files` under `/workspace`, `work_dir` as the working directory, and `library` as the
/// standard library.
pub(crate) fn filesystem(
    files: &BTreeMap<String, Bytes>,
    work_dir: &str,
    library: Option<Arc<Tree>>,
    stdio: Stdio,
    limits: &Limits,
    clock: RunClock,
) -> Result<Vfs> {
    Vfs::new(files, work_dir, &MOUNTS, library, stdio, limits, clock)
}

/// Initialises the reactor `wasm` (with CPython's standard library `library`) and answers
/// the snapshot's bytes.
pub(crate) fn make(
    engine: &Engine,
    fuel: bool,
    linker: &Linker<GuestState>,
    wasm: &[u8],
    library: Option<Arc<Tree>>,
) -> Result<Vec<u8>> {
    let stderr = CappedPipe::new(1 << 16, StreamKind::Stderr, None);
    let stdio = Stdio {
        stdin: Bytes::new(),
        stdout: CappedPipe::new(1 << 16, StreamKind::Stdout, None),
        stderr: stderr.clone(),
    };
    let clock = RunClock::new();
    let vfs = filesystem(
        &BTreeMap::new(),
        "",
        library,
        stdio,
        &Limits::default(),
        clock,
    )?;
    let wasi = WasiCtxBuilder::new().monotonic_clock(clock).build_p1();
    // Initialisation is trusted code of known length: no fuel budget to speak of, no
    // deadline.
    let mut store = new_store(
        engine,
        wasi,
        vfs,
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
        let said = String::from_utf8_lossy(&stderr.take().bytes).into_owned();
        Error::Engine {
            context: "snapshotting an interpreter after its initialisation",
            message: format!("{e:#}; the guest said: {said}"),
        }
    })
}
