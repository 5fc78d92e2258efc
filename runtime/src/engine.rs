//! The one wasmtime engine of a runtime, and the epoch ticker that gives it a clock.

use std::time::Duration;

use wasmtime::{Config, Engine, EngineWeak};

use crate::{Error, Result};

/// How often the epoch advances. Every running guest checks the wall clock (and yields to the
/// executor) once per tick, so this is the precision of timeouts and cancellation.
pub(crate) const TICK: Duration = Duration::from_millis(10);

/// Builds the engine: fuel metering, epoch interruption and a stack of `wasm_stack_bytes`.
pub(crate) fn new_engine(wasm_stack_bytes: usize) -> Result<Engine> {
    let mut config = Config::new();
    config
        .consume_fuel(true)
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
