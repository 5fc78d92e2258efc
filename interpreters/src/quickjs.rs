//! QuickJS, built from source as a WASI command by this crate's build script.
//!
//! The guest crate lives in `quickjs-guest/`: rquickjs 0.14.0 (which vendors quickjs-ng), a
//! small Rust driver and `bootstrap.js` (the Node-like globals). Its module is embedded here, so
//! the JavaScript language needs nothing at run time beyond this crate.

/// The QuickJS guest module (`quickjs-guest.wasm`, about 900 KB).
pub static WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/quickjs.wasm"));

/// The file name the module is known by in caches and messages.
pub const NAME: &str = "quickjs-guest";
