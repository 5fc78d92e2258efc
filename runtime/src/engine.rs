//! The one wasmtime engine of a runtime, and the epoch ticker that gives it a clock.

use std::time::Duration;

use wasmtime::{Config, Engine, EngineWeak, InstanceAllocationStrategy, PoolingAllocationConfig};

use crate::{Error, Limits, Result};

/// How often the epoch advances. Every running guest checks the wall clock (and yields to the
/// executor) once per tick, so this is the precision of timeouts and cancellation.
pub(crate) const TICK: Duration = Duration::from_millis(10);

/// Guests that may run at once on one engine: the pooling allocator reserves their slots
/// (address space, not memory) up front.
pub(crate) const MAX_CONCURRENT_GUESTS: u32 = 256;

/// How much of a slot's memory (and table) stays resident when its run ends, reset in place to
/// the module's image rather than given back to the kernel: the pages a hello world dirties
/// (about 4 MiB for CPython) and then some. The next run in that slot then takes no page
/// faults for them, which halved a CPython hello world's host time (docs/performance.md).
/// Only the pages a run wrote are copied back (Linux's `PAGEMAP_SCAN`, on kernels from 6.7;
/// older ones reset the first this many bytes), and a slot never keeps more than this.
const KEEP_RESIDENT_BYTES: usize = 8 << 20;

/// Builds the engine: epoch interruption, fuel metering when `fuel` says so, a stack of
/// `wasm_stack_bytes`, and the pooling allocator, whose slots are reused from run to run and
/// whose memories start as copy-on-write maps of a module's initial image (for CPython, the
/// snapshot taken after its initialisation) and keep their pages between runs.
pub(crate) fn new_engine(wasm_stack_bytes: usize, fuel: bool) -> Result<Engine> {
    let mut pooling = PoolingAllocationConfig::default();
    pooling
        .total_core_instances(MAX_CONCURRENT_GUESTS)
        .total_memories(MAX_CONCURRENT_GUESTS)
        .total_tables(MAX_CONCURRENT_GUESTS)
        .total_stacks(MAX_CONCURRENT_GUESTS)
        .max_memory_size(usize::try_from(Limits::MAX_MEMORY_BYTES).unwrap_or(usize::MAX))
        .linear_memory_keep_resident(KEEP_RESIDENT_BYTES)
        .table_keep_resident(KEEP_RESIDENT_BYTES)
        .pagemap_scan(wasmtime::Enabled::Auto);
    let mut config = Config::new();
    config
        .allocation_strategy(InstanceAllocationStrategy::Pooling(pooling))
        .memory_init_cow(true)
        .consume_fuel(fuel)
        .epoch_interruption(true)
        .max_wasm_stack(wasm_stack_bytes)
        // Guests run on fibers; wasmtime requires the fiber stack to hold the whole wasm
        // stack plus room for the host functions the guest calls.
        .async_stack_size(wasm_stack_bytes + (1 << 20));
    let engine = Engine::new(&config).map_err(Error::engine("configuring wasmtime"))?;
    spawn_ticker(engine.weak())?;
    Ok(engine)
}

/// Advances the epoch every [`TICK`] until the engine is gone.
///
/// The thread holds only a weak reference, so it ends with the last clone of the engine
/// instead of keeping it alive forever.
fn spawn_ticker(engine: EngineWeak) -> Result<()> {
    std::thread::Builder::new()
        .name("codebox-epoch".to_owned())
        .spawn(move || {
            loop {
                std::thread::sleep(TICK);
                let Some(engine) = engine.upgrade() else {
                    break;
                };
                engine.increment_epoch();
            }
        })
        .map(drop)
        .map_err(|e| Error::Engine {
            context: "starting the epoch ticker",
            message: e.to_string(),
        })
}
