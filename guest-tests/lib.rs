//! Guest programs with expected results. The crate has no code of its own: `build.rs` turns
//! every folder under `cases/` into a test in `tests/guest_programs.rs`. See `README.md`.
