//! The [`Runtime`]: prepares each interpreter once, then runs requests, many at a time.
//!
//! # One run, step by step
//!
//! [`Runtime::run`] validates the request ([`RunRequest::validate`](crate::RunRequest)) and
//! sends Java to its container backend (`java/`). A Python or JavaScript run then goes:
//!
//! 1. **Prepare** (`instance_pre`): on the guest's first use, its snapshot is made
//!    (`snapshot.rs`) or loaded from the module cache (`module_cache.rs`) and linked to WASI
//!    once into an `InstancePre`; every later run reuses it.
//! 2. **The filesystem** (`snapshot::filesystem`, `vfs/`): the request's files, shared rather
//!    than copied, in an in-memory tree of the run's own with `/workspace`, a writable `/tmp`
//!    and (Python) the standard library every run shares, preopened in the snapshot's layout;
//!    stdin is the request's bytes and stdout and stderr are capped pipes (`output.rs`) that
//!    stream to the request's listener, all behind descriptors the filesystem numbers.
//! 3. **WASI** (`GuestIo::wasi_context`): wasmtime-wasi keeps the rest of preview 1, the
//!    command line (the entry by its guest path), clocks (the run's own monotonic clock,
//!    shared with the filesystem's `poll_oneoff`) and randomness.
//! 4. **Store and limits** (`guest_store::new_store`, `watch_deadline`): the memory limiter
//!    (`limits.rs`), the fuel budget, and an epoch callback that interrupts the guest at the
//!    deadline or on cancellation and otherwise yields once per tick (`engine.rs` ticks).
//! 5. **Call** (`call_guest`): on an executor of its own, the interpreter is instantiated
//!    copy-on-write and its `codebox_run` export called, racing the deadline timer and the
//!    cancel token (a guest asleep in a host call never reaches an epoch check).
//! 6. **Classify** (`outcome::classify`): how the call ended, whether the output overflowed and
//!    whether memory was refused become the [`Termination`](crate::Termination) and exit code
//!    of the [`ExecutionResult`], with the output written up to then, the filesystem quota the
//!    program was refused, and the files it wrote that the request asked back. The filesystem
//!    is dropped with the store: nothing of the run is left anywhere.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use wasmtime::{Engine, InstancePre, Linker, Store, UpdateDeadline};
use wasmtime_wasi::WasiCtxBuilder;
use wasmtime_wasi::p1::WasiP1Ctx;

use crate::guest::WasmGuest;
use crate::guest_store::{self, GuestState, new_store};
use crate::host_fs::{self, CacheDir};
use crate::java::JavaBackend;
use crate::outcome::{Observed, Verdict, classify};
use crate::output::CappedPipe;
use crate::snapshot::WORKSPACE_GUEST_PATH;
use crate::vfs::{self, Collected, RunClock, Stdio, Tree};
use crate::{
    CancelToken, Error, ExecutionResult, JavaConfig, Language, Result, RunRequest, StreamKind,
    engine, module_cache, snapshot, sync,
};

/// Receives progress lines of slow one-time work (building, snapshotting or compiling an
/// interpreter).
pub type ProgressFn = Arc<dyn Fn(&str) + Send + Sync>;

/// Runs guest programs. Build one per process and share it: it is cheap to clone and safe to
/// use from many threads at once.
///
/// Each interpreter is prepared on first use (built and snapshotted if needed, compiled once
/// per machine into the module cache, linked once), or ahead of time with
/// [`Runtime::prepare`]. Each run then gets a fresh instance, its own in-memory filesystem and
/// its own limits; nothing a run writes is shared with another. The module header walks one run.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Engine,
    cache: CacheDir,
    progress: ProgressFn,
    /// Whether the engine meters fuel.
    fuel: bool,
    prepared: Mutex<HashMap<WasmGuest, Prepared>>,
    java_config: JavaConfig,
    /// Connected on Java's first use; a failed connection is retried on the next.
    java: Mutex<Option<Arc<JavaBackend>>>,
}

/// An interpreter ready to instantiate, and the standard library its runs share (CPython's).
#[derive(Clone)]
struct Prepared {
    pre: InstancePre<GuestState>,
    library: Option<Arc<Tree>>,
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("cache_dir", &self.inner.cache.path())
            .finish_non_exhaustive()
    }
}

/// Configures a [`Runtime`].
///
/// [`Runtime::builder`] starts with:
/// * the cache directory `$CODEBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/codebox`, else
///   `~/.cache/codebox`;
/// * a wasm stack of [`RuntimeBuilder::DEFAULT_WASM_STACK_BYTES`] (16 MiB);
/// * fuel metering on ([`RuntimeBuilder::fuel_metering`]);
/// * progress lines printed to stderr;
/// * Java as [`JavaConfig::default`] says (the engine `DOCKER_HOST` names, no pool).
pub struct RuntimeBuilder {
    cache_dir: Option<PathBuf>,
    wasm_stack_bytes: usize,
    fuel: bool,
    progress: ProgressFn,
    java: JavaConfig,
}

impl fmt::Debug for RuntimeBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeBuilder")
            .field("cache_dir", &self.cache_dir)
            .field("wasm_stack_bytes", &self.wasm_stack_bytes)
            .field("fuel", &self.fuel)
            .field("java", &self.java)
            .finish_non_exhaustive()
    }
}

impl RuntimeBuilder {
    /// The default wasm stack: deep enough for CPython's own recursion limit (1000 frames,
    /// and far beyond when a program raises it), and deeper than QuickJS's own JavaScript
    /// stack budget (about 9,000 simple calls), so that JavaScript's catchable
    /// `RangeError` comes first.
    pub const DEFAULT_WASM_STACK_BYTES: usize = 16 << 20;

    /// Keeps built interpreters and compiled modules in `dir`.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Sets the size of the wasm stack. wasmtime fixes it per engine, so it holds for every
    /// run of this runtime; running out of it ends a run with the language's stack-overflow
    /// error.
    pub fn wasm_stack_bytes(mut self, bytes: usize) -> Self {
        self.wasm_stack_bytes = bytes;
        self
    }

    /// Meters fuel (on by default): a budget of instructions that ends a run the same way on
    /// every machine ([`Limits::fuel`](crate::Limits), `OutOfFuel`), for a cost in speed on
    /// compute-bound programs. Off, only the wall-clock deadline bounds a run, and
    /// [`ExecutionResult::fuel_consumed`](crate::ExecutionResult) is 0.
    pub fn fuel_metering(mut self, on: bool) -> Self {
        self.fuel = on;
        self
    }

    /// Sends progress lines to `progress` instead of stderr.
    pub fn progress(mut self, progress: impl Fn(&str) + Send + Sync + 'static) -> Self {
        self.progress = Arc::new(progress);
        self
    }

    /// Runs Java as `config` says.
    pub fn java(mut self, config: JavaConfig) -> Self {
        self.java = config;
        self
    }

    /// Builds the runtime. Interpreters (and the container engine) are not touched until
    /// first used.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a wasm stack under 64 KiB; [`Error::Engine`] when
    /// wasmtime rejects the rest of the configuration; [`Error::Io`] when there is no home to
    /// keep the cache in and no private folder can be made in the temporary folder.
    pub fn build(self) -> Result<Runtime> {
        if self.wasm_stack_bytes < 64 * 1024 {
            return Err(Error::InvalidRequest(
                "the wasm stack must be at least 64 KiB".to_owned(),
            ));
        }
        let engine = engine::new_engine(self.wasm_stack_bytes, self.fuel)?;
        let cache = self
            .cache_dir
            .map_or_else(CacheDir::from_env, |dir| Ok(CacheDir::new(dir)))?;
        Ok(Runtime {
            inner: Arc::new(Inner {
                engine,
                cache,
                progress: self.progress,
                fuel: self.fuel,
                prepared: Mutex::default(),
                java_config: self.java,
                java: Mutex::default(),
            }),
        })
    }
}

impl Runtime {
    /// A builder with the defaults listed on [`RuntimeBuilder`].
    pub fn builder() -> RuntimeBuilder {
        RuntimeBuilder {
            cache_dir: None,
            wasm_stack_bytes: RuntimeBuilder::DEFAULT_WASM_STACK_BYTES,
            fuel: true,
            progress: Arc::new(|line| eprintln!("{line}")),
            java: JavaConfig::default(),
        }
    }

    /// Prepares `language` now instead of on its first run: obtains and verifies the
    /// interpreter, compiles it into the module cache if needed, and links it; for Java,
    /// connects to the container engine, checks that it has the image and starts the pool.
    ///
    /// # Errors
    ///
    /// [`Error::Interpreter`] when the interpreter cannot be built,
    /// [`Error::Engine`] or [`Error::Io`] when it cannot be compiled or cached,
    /// [`Error::JavaUnavailable`] when the engine does not answer or lacks the image.
    pub fn prepare(&self, language: Language) -> Result<()> {
        match WasmGuest::of(language) {
            Some(guest) => self.instance_pre(guest).map(drop),
            None => self.java_backend().map(drop),
        }
    }

    /// Whether Java can run now: the container engine answers and has the Java image.
    ///
    /// # Errors
    ///
    /// [`Error::JavaUnavailable`] saying what is missing and how to provide it.
    pub fn check_java(&self) -> Result<()> {
        self.java_backend()?.check()
    }

    /// Java runs in progress and pooled containers waiting, once Java has been prepared (`None`
    /// before, or when no container engine answered).
    pub fn java_usage(&self) -> Option<crate::JavaUsage> {
        sync::lock(&self.inner.java)
            .as_ref()
            .map(|java| java.usage())
    }

    /// How Java runs here.
    pub fn java_config(&self) -> &JavaConfig {
        &self.inner.java_config
    }

    fn java_backend(&self) -> Result<Arc<JavaBackend>> {
        // Held while connecting, so that concurrent first runs share one connection and pool.
        let mut java = sync::lock(&self.inner.java);
        if let Some(backend) = &*java {
            return Ok(backend.clone());
        }
        let backend = Arc::new(JavaBackend::connect(&self.inner.java_config)?);
        *java = Some(backend.clone());
        Ok(backend)
    }

    /// The cache directory in use.
    pub fn cache_dir(&self) -> &std::path::Path {
        self.inner.cache.path()
    }

    fn instance_pre(&self, guest: WasmGuest) -> Result<Prepared> {
        // The lock is held while preparing, so that concurrent first runs compile once.
        let mut prepared = sync::lock(&self.inner.prepared);
        if let Some(pre) = prepared.get(&guest) {
            return Ok(pre.clone());
        }
        let pre = self.link(guest)?;
        prepared.insert(guest, pre.clone());
        Ok(pre)
    }

    fn link(&self, guest: WasmGuest) -> Result<Prepared> {
        let inner = &self.inner;
        let mut linker = Linker::new(&inner.engine);
        wasmtime_wasi::p1::add_to_linker_async(&mut linker, |state: &mut GuestState| {
            &mut state.wasi
        })
        .map_err(Error::engine("linking WASI"))?;
        vfs::preview1::add_to_linker(&mut linker, |state: &mut GuestState| &mut state.vfs)
            .map_err(Error::engine("linking the filesystem"))?;
        let mut library = None;
        let module = match guest {
            WasmGuest::Python => {
                use codebox_interpreters::python;
                let build = python::ensure(inner.cache.path(), &*inner.progress)?;
                let listing = format!("cpython-{}-{}-lib.txt", python::VERSION, build.key);
                let lib = vfs::load_library(&build.lib_dir(), &inner.cache, &listing)?;
                let name = format!("cpython-{}-snapshot", python::VERSION);
                let key = format!("{}{}", build.key, snapshot::LAYOUT);
                let module = module_cache::load(&inner.engine, &inner.cache, &name, &key, || {
                    (inner.progress)(
                        "codebox: initialising CPython and compiling its snapshot (once; it is cached)",
                    );
                    let reactor = build.reactor();
                    let wasm = host_fs::read(&reactor)?;
                    snapshot::make(&inner.engine, inner.fuel, &linker, &wasm, Some(lib.clone()))
                })?;
                library = Some(lib);
                module
            }
            WasmGuest::JavaScript => {
                let wasm = codebox_interpreters::quickjs::WASM;
                let key = format!(
                    "{}{}",
                    &codebox_interpreters::sha256_hex(wasm)[..16],
                    snapshot::LAYOUT
                );
                let name = format!("{}-snapshot", codebox_interpreters::quickjs::NAME);
                module_cache::load(&inner.engine, &inner.cache, &name, &key, || {
                    snapshot::make(&inner.engine, inner.fuel, &linker, wasm, None)
                })?
            }
        };
        let pre = linker
            .instantiate_pre(&module)
            .map_err(Error::engine("linking the interpreter"))?;
        Ok(Prepared { pre, library })
    }

    /// Runs one request to completion and describes how it went.
    ///
    /// This blocks the calling thread for at most the request's timeout (plus the time to
    /// prepare the interpreter on its first use, or to start a Java container). The guest runs
    /// on its own executor, so this may be called from many threads at once; from async code,
    /// call it inside `spawn_blocking`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a bad path or collect pattern, a missing entry file, a
    /// file whose path runs through another file, or limits out of range; the errors of
    /// [`Runtime::prepare`]; [`Error::JavaUnavailable`] when the container engine fails a Java
    /// run.
    /// Whatever the program does is a successful [`ExecutionResult`].
    pub fn run(&self, request: &RunRequest) -> Result<ExecutionResult> {
        request.validate()?;
        match WasmGuest::of(request.language()) {
            Some(guest) => self.run_wasm(guest, request),
            None => self.java_backend()?.run(request),
        }
    }

    fn run_wasm(&self, guest: WasmGuest, request: &RunRequest) -> Result<ExecutionResult> {
        let started = Instant::now();
        let limits = *request.limit_values();
        let Prepared { pre, library } = self.instance_pre(guest)?;
        let (work_dir, _) = request.entry_parts();
        let patterns = request.glob_patterns()?;
        let io = GuestIo::new(request);
        let clock = RunClock::new();
        let files = request.file_set();
        let vfs = snapshot::filesystem(files, work_dir, library, io.stdio(), &limits, clock)?;
        let wasi = GuestIo::wasi_context(guest, request, clock);
        let fuel = self.inner.fuel.then_some(limits.fuel);
        let mut store = new_store(&self.inner.engine, wasi, vfs, limits.memory_bytes, fuel)?;
        let deadline = Instant::now() + limits.timeout;
        let cancel = request.cancel().cloned().unwrap_or_default();
        watch_deadline(&mut store, deadline, cancel.clone());

        let call = call_guest(&pre, &mut store, deadline, &cancel)?;
        let observed = Observed {
            call,
            output_overflowed: io.stdout.truncated() || io.stderr.truncated(),
            memory_refused: store.data().limiter.refused(),
            cancelled: cancel.is_cancelled(),
        };
        let fuel_consumed = fuel.map_or(0, |budget| {
            budget.saturating_sub(store.get_fuel().unwrap_or(0))
        });
        let state = store.data();
        let usage = Usage {
            wall_time: started.elapsed(),
            fuel_consumed,
            peak_memory_bytes: state.limiter.peak(),
            fs_quota_hit: state.vfs.quota_hit(),
            collected: state.vfs.collect(&patterns, files, work_dir),
        };
        // The run's files go with its store.
        drop(store);
        Ok(io.result(guest, classify(guest, observed), usage))
    }
}

/// A guest's stdin and its capped stdout and stderr, which outlive its store so that the
/// output is read after the guest has stopped.
struct GuestIo {
    stdin: bytes::Bytes,
    stdout: CappedPipe,
    stderr: CappedPipe,
}

/// What a run used, measured by the runtime, and what its filesystem gives back.
struct Usage {
    wall_time: std::time::Duration,
    fuel_consumed: u64,
    peak_memory_bytes: u64,
    fs_quota_hit: Option<crate::FsQuota>,
    collected: Collected,
}

impl GuestIo {
    fn new(request: &RunRequest) -> GuestIo {
        let limits = request.limit_values();
        let listener = request.listener();
        GuestIo {
            stdin: request.stdin_bytes().clone(),
            stdout: CappedPipe::new(limits.stdout_bytes, StreamKind::Stdout, listener.clone()),
            stderr: CappedPipe::new(limits.stderr_bytes, StreamKind::Stderr, listener),
        }
    }

    /// The guest's standard streams, for its filesystem's descriptors 0, 1 and 2.
    fn stdio(&self) -> Stdio {
        Stdio {
            stdin: self.stdin.clone(),
            stdout: self.stdout.clone(),
            stderr: self.stderr.clone(),
        }
    }

    /// The guest's WASI context for what wasmtime-wasi still serves: the command line (the
    /// entry by its absolute guest path, as `python3 /abs/main.py` would be, so that
    /// tracebacks, `__file__` and `__filename` read naturally) and the run's `clock`.
    fn wasi_context(guest: WasmGuest, request: &RunRequest, clock: RunClock) -> WasiP1Ctx {
        let entry = format!("{WORKSPACE_GUEST_PATH}/{}", request.entry());
        WasiCtxBuilder::new()
            .args(&guest.argv(&entry))
            .monotonic_clock(clock)
            .build_p1()
    }

    /// The result of a run that ended as `verdict` says, with the output it wrote.
    fn result(self, guest: WasmGuest, verdict: Verdict, usage: Usage) -> ExecutionResult {
        let out = self.stdout.take();
        let mut err = self.stderr.take();
        if let Some(note) = verdict.stderr_note {
            err.bytes.extend_from_slice(note.as_bytes());
        }
        ExecutionResult {
            language: guest.language(),
            stdout: String::from_utf8_lossy(&out.bytes).into_owned(),
            stderr: String::from_utf8_lossy(&err.bytes).into_owned(),
            exit_code: verdict.exit_code,
            termination: verdict.termination,
            wall_time: usage.wall_time,
            fuel_consumed: usage.fuel_consumed,
            peak_memory_bytes: usage.peak_memory_bytes,
            stdout_truncated: out.truncated,
            stderr_truncated: err.truncated,
            fs_quota_hit: usage.fs_quota_hit,
            collected_files: usage.collected.files,
            collected_files_truncated: usage.collected.truncated,
        }
    }
}

/// Interrupts the guest at its next epoch check once `deadline` has passed or `cancel` fired,
/// and otherwise yields to the executor once per tick, so that the executor's timer and a
/// cancellation reach a guest that is computing.
fn watch_deadline(store: &mut Store<GuestState>, deadline: Instant, cancel: CancelToken) {
    store.set_epoch_deadline(1);
    store.epoch_deadline_callback(move |_| {
        Ok(if Instant::now() >= deadline || cancel.is_cancelled() {
            UpdateDeadline::Interrupt
        } else {
            UpdateDeadline::Yield(1)
        })
    });
}

/// Instantiates the interpreter copy-on-write and calls its `codebox_run` on an executor of its
/// own; `None` when the deadline or the cancel token ended the call first.
fn call_guest(
    pre: &InstancePre<GuestState>,
    store: &mut Store<GuestState>,
    deadline: Instant,
    cancel: &CancelToken,
) -> Result<Option<wasmtime::Result<()>>> {
    let executor = guest_store::executor()?;
    Ok(executor.block_on(async {
        let run = async {
            // Both snapshots take the entry from their WASI arguments.
            let instance = pre.instantiate_async(&mut *store).await?;
            let run = instance.get_typed_func::<(), i32>(&mut *store, "codebox_run")?;
            exit_status(run.call_async(&mut *store, ()).await?)
        };
        // A guest blocked in a host call (sleeping, say) never reaches an epoch check; the
        // executor's timer and the cancel token cover that case.
        // Biased towards the token, so that a run cancelled before it starts never runs: a
        // short program could otherwise finish within the first poll of the call.
        tokio::select! {
            biased;
            () = cancel.cancelled() => None,
            call = tokio::time::timeout_at(deadline.into(), run) => call.ok(),
        }
    }))
}

/// A `codebox_run`'s answer, reported as WASI's exit is, so that a program's own status and a
/// `process.exit()`/`os._exit()` inside it end a run the same way.
fn exit_status(status: i32) -> wasmtime::Result<()> {
    match status {
        0 => Ok(()),
        status => Err(wasmtime::Error::new(wasmtime_wasi::I32Exit(status))),
    }
}
