//! The wasmtime store a guest runs in, and the executor that drives it: what a run and the
//! snapshot of an interpreter set up alike.
//!
//! A store holds the guest's WASI context (wasmtime-wasi's, for its arguments, clocks and
//! randomness), its in-memory filesystem and descriptors (`vfs/`) and its memory limiter, is
//! metered with fuel when the engine meters it, and is driven to completion on a
//! current-thread tokio executor of its own, because a guest's sleeps (`poll_oneoff`) wait on
//! that executor, where its timer can interrupt them.

use wasmtime::{Engine, Store};
use wasmtime_wasi::p1::WasiP1Ctx;

use crate::limits::MemoryLimiter;
use crate::vfs::Vfs;
use crate::{Error, Result};

/// How much fuel a guest burns between two yields to the executor (a few milliseconds of work).
const FUEL_YIELD_INTERVAL: u64 = 20_000_000;

/// The state of one guest's store.
pub(crate) struct GuestState {
    pub(crate) wasi: WasiP1Ctx,
    pub(crate) vfs: Vfs,
    pub(crate) limiter: MemoryLimiter,
}

/// A store for one guest, over its filesystem `vfs`: its memory capped at `memory_bytes`, and,
/// when `fuel` is given (the engine meters fuel), that budget with periodic yields. The epoch
/// deadline is the caller's to set, since a run and a snapshot want different ones.
pub(crate) fn new_store(
    engine: &Engine,
    wasi: WasiP1Ctx,
    vfs: Vfs,
    memory_bytes: u64,
    fuel: Option<u64>,
) -> Result<Store<GuestState>> {
    let state = GuestState {
        wasi,
        vfs,
        limiter: MemoryLimiter::new(memory_bytes),
    };
    let mut store = Store::new(engine, state);
    store.limiter(|state| &mut state.limiter);
    if let Some(fuel) = fuel {
        store
            .set_fuel(fuel)
            .map_err(Error::engine("setting the fuel budget"))?;
        // Compiled code keeps its fuel count in a register and writes it back only at calls;
        // yielding every interval also writes it back, so that the fuel reported for a run
        // stopped in a tight loop is right to within one interval.
        store
            .fuel_async_yield_interval(Some(FUEL_YIELD_INTERVAL))
            .map_err(Error::engine("setting the fuel yield interval"))?;
    }
    Ok(store)
}

/// A current-thread executor with a clock, to drive one guest's async calls.
pub(crate) fn executor() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(Error::io("starting a guest executor for", ""))
}
