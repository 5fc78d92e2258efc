//! Java, which does not run in WASI: each run is a locked-down container of the Java image
//! (`infra/java-image`), driven through the Docker Engine API of the engine `DOCKER_HOST`
//! names (Docker, or podman's service), with the same requests and results as the other
//! languages.

mod container;
mod image;
mod pool;
mod protocol;
#[cfg(test)]
mod protocol_fuzz;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bollard::Docker;
use bollard::container::LogOutput;
use bollard::errors::Error as EngineError;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use self::pool::Pool;
use self::protocol::{Classes, Mode, Preamble, StderrFilter, StdoutFilter};
use crate::output::CappedPipe;
use crate::sync::lock;
use crate::{
    CancelToken, Error, ExecutionResult, Language, Limits, Result, RunRequest, StreamKind,
    Termination,
};

/// How long the engine may take to answer whether it runs and has the image.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);
/// Programs whose compiled classes are kept, so that test cases compile once.
const COMPILED_ENTRIES: usize = 64;
/// Compiled classes larger than this are not kept.
const MAX_KEPT_CLASSES_BYTES: usize = 16 << 20;

/// How Java runs: the image, the container's limits beyond a request's own, and the pool.
///
/// [`JavaConfig::default`] is:
/// * the engine `DOCKER_HOST` names (`unix://…`, `tcp://…`), else the platform's default
///   (`unix:///var/run/docker.sock`);
/// * the image `infra/java-image/build` makes from this version's recipe
///   (`localhost/codebox-java:<hash of the recipe>`);
/// * no pool: every run starts its own container (see [`pool_size`](JavaConfig::pool_size));
/// * half a CPU, 64 processes, a 50 MiB `/tmp` per container;
/// * pooled containers for runs of 128 MiB ([`Limits::DEFAULT_MEMORY_BYTES`]), replaced
///   after 10 minutes unused.
#[derive(Debug, Clone)]
pub struct JavaConfig {
    engine: Option<String>,
    image: String,
    pool_size: usize,
    pool_memory_bytes: u64,
    cpus: f64,
    pids_limit: i64,
    tmp_bytes: u64,
    idle_exit: Duration,
}

impl Default for JavaConfig {
    fn default() -> Self {
        JavaConfig {
            engine: None,
            image: image::default_image(),
            pool_size: 0,
            pool_memory_bytes: Limits::DEFAULT_MEMORY_BYTES,
            cpus: 0.5,
            pids_limit: 64,
            tmp_bytes: 50 << 20,
            idle_exit: Duration::from_secs(600),
        }
    }
}

impl JavaConfig {
    /// Talks to the engine at `host` (`unix:///run/podman/podman.sock`, `tcp://host:2375`)
    /// instead of the one `DOCKER_HOST` names.
    pub fn engine(mut self, host: impl Into<String>) -> Self {
        self.engine = Some(host.into());
        self
    }

    /// Runs Java in `image` instead of the one this version's recipe makes (an image built
    /// with `infra/java-image/Dockerfile` and pushed to a registry, say).
    pub fn image(mut self, image: impl Into<String>) -> Self {
        self.image = image.into();
        self
    }

    /// Keeps `size` containers started ahead of the runs, so that a JVM's start-up is not on
    /// a run's path. A server wants a few; a one-off command wants none.
    pub fn pool_size(mut self, size: usize) -> Self {
        self.pool_size = size;
        self
    }

    /// The memory limit of pooled containers: runs with this limit use the pool.
    pub fn pool_memory_bytes(mut self, bytes: u64) -> Self {
        self.pool_memory_bytes = bytes;
        self
    }

    /// The CPU quota of each container, in CPUs.
    pub fn cpus(mut self, cpus: f64) -> Self {
        self.cpus = cpus;
        self
    }

    /// How many processes and threads a container may have.
    pub fn pids_limit(mut self, limit: i64) -> Self {
        self.pids_limit = limit;
        self
    }

    /// The size of each container's `/tmp` (its only writable folder; the files live there).
    pub fn tmp_bytes(mut self, bytes: u64) -> Self {
        self.tmp_bytes = bytes;
        self
    }

    /// The image in use.
    pub fn image_name(&self) -> &str {
        &self.image
    }
}

/// A program compiled once, for the runs that follow (test cases).
#[derive(Debug)]
enum Compiled {
    Classes {
        main_class: String,
        classes: Classes,
    },
    Failed {
        messages: Vec<u8>,
    },
}

/// The connection to the engine, the pool and the compiled programs.
#[derive(Debug)]
pub(crate) struct JavaBackend {
    executor: tokio::runtime::Runtime,
    docker: Docker,
    config: JavaConfig,
    pool: Option<Pool>,
    compiled: Mutex<CompiledCache>,
    /// Containers being removed in the background; waited for when the backend goes, so that
    /// a short-lived process (`codebox run`) leaves none behind.
    removals: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
    /// Runs in progress, each in a container of its own.
    running: std::sync::atomic::AtomicUsize,
}

/// What the Java backend holds at a moment, for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JavaUsage {
    /// Runs in progress, each in its own container.
    pub running: usize,
    /// Pooled containers started and waiting for a run.
    pub pooled: usize,
}

impl JavaBackend {
    /// Connects to the engine and checks that it answers and has the image.
    pub(crate) fn connect(config: &JavaConfig) -> Result<JavaBackend> {
        let executor = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("codebox-java")
            .enable_all()
            .build()
            .map_err(Error::io("starting the Java executor for", ""))?;
        let docker = match &config.engine {
            Some(host) => Docker::connect_with_host(host),
            None => Docker::connect_with_defaults(),
        }
        .map_err(|e| engine_down(&e))?;
        executor.block_on(check(&docker, &config.image))?;
        let pool = (config.pool_size > 0).then(|| {
            Pool::spawn(
                executor.handle(),
                docker.clone(),
                config.clone(),
                config.image.clone(),
            )
        });
        Ok(JavaBackend {
            executor,
            docker,
            config: config.clone(),
            pool,
            compiled: Mutex::new(CompiledCache::default()),
            removals: Arc::default(),
            running: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Runs in progress and pooled containers waiting.
    pub(crate) fn usage(&self) -> JavaUsage {
        JavaUsage {
            running: self.running.load(std::sync::atomic::Ordering::SeqCst),
            pooled: self.pool.as_ref().map_or(0, Pool::ready),
        }
    }

    /// Whether the engine still answers and still has the image.
    pub(crate) fn check(&self) -> Result<()> {
        self.executor
            .block_on(check(&self.docker, &self.config.image))
    }

    pub(crate) fn run(&self, request: &RunRequest) -> Result<ExecutionResult> {
        let started = Instant::now();
        let _running = Running::enter(&self.running);
        let limits = *request.limit_values();
        if limits.memory_bytes < container::MIN_MEMORY_BYTES {
            return Err(Error::InvalidRequest(format!(
                "Java needs a memory limit of at least {} MiB",
                container::MIN_MEMORY_BYTES >> 20
            )));
        }
        if !request.entry().ends_with(".java") {
            return Err(Error::InvalidRequest(format!(
                "the entry of a Java run is a .java file, not {:?}",
                request.entry()
            )));
        }
        let key = program_key(request);
        let compiled = self.lock_compiled().get(&key);
        if let Some(Compiled::Failed { messages }) = compiled.as_deref() {
            return Ok(compile_error(request, messages, started));
        }
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        let mode = match compiled.as_deref() {
            Some(Compiled::Classes {
                main_class,
                classes,
            }) => Mode::Run {
                main_class,
                classes,
            },
            _ => Mode::Compile {
                entry: request.entry(),
            },
        };
        let payload =
            protocol::encode_request(&nonce, &mode, request.file_set(), request.stdin_bytes());
        let outcome = self
            .executor
            .block_on(self.run_in_container(request, &nonce, payload))?;
        let result = outcome.result(started);
        if let Some(Ok(Preamble::Compiled {
            main_class,
            classes,
        })) = outcome.preamble
        {
            let compiled = Compiled::Classes {
                main_class,
                classes,
            };
            self.lock_compiled().insert(key, compiled);
        } else if result.termination == Termination::CompileError {
            let messages = result.stderr.clone().into_bytes();
            self.lock_compiled()
                .insert(key, Compiled::Failed { messages });
        }
        Ok(result)
    }

    fn lock_compiled(&self) -> std::sync::MutexGuard<'_, CompiledCache> {
        lock(&self.compiled)
    }

    /// Sends the request to a container and follows it to its end.
    async fn run_in_container(
        &self,
        request: &RunRequest,
        nonce: &str,
        payload: Vec<u8>,
    ) -> Result<Outcome> {
        let limits = *request.limit_values();
        let deadline = tokio::time::Instant::now() + limits.timeout;
        let cancel = request.cancel().cloned().unwrap_or_default();
        let mut container = self.container(limits.memory_bytes, deadline).await?;
        // From here on the container is removed however the run ends: below when it ends by
        // itself, and by this guard's drop (in the background) when it is cut short.
        let mut removal = Removal {
            docker: self.docker.clone(),
            id: container.id.clone(),
            handle: self.executor.handle().clone(),
            pending: self.removals.clone(),
        };

        let listener = request.listener();
        let mut outcome = Outcome {
            stdout: CappedPipe::new(limits.stdout_bytes, StreamKind::Stdout, listener.clone()),
            stderr: CappedPipe::new(limits.stderr_bytes, StreamKind::Stderr, listener),
            preamble: None,
            trailer: None,
            exit_code: None,
            stopped: None,
            oom_killed: false,
            memory_bytes: container.memory_bytes,
        };
        let send = async {
            container.input.write_all(&payload).await?;
            container.input.flush().await
        };
        // Under the run's deadline: a container that stops reading would otherwise hold the
        // run forever.
        match tokio::time::timeout_at(deadline, send).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                return Err(Error::JavaUnavailable(format!(
                    "could not send the program to its container: {e}"
                )));
            }
            Err(_) => {
                outcome.stopped = Some(Termination::Timeout);
                drop(container);
                removal.now().await;
                return Ok(outcome);
            }
        }
        follow(&mut container, &mut outcome, nonce, deadline, &cancel).await?;
        if outcome.stopped.is_none() {
            let (exit_code, oom_killed) = self.exit_status(&container.id).await?;
            outcome.exit_code = Some(exit_code);
            outcome.oom_killed = oom_killed;
        }
        // Before the result, not after it: a process that ends right after its last run (and
        // never drops its runtime, as a static one) would otherwise leave the container behind.
        // The attached streams go first: the engine may refuse to remove a container that a
        // client is still attached to.
        drop(container);
        removal.now().await;
        Ok(outcome)
    }

    /// A container for a run of `memory_bytes`: a pooled one when the pool's match, else one
    /// started now, in time for `deadline`.
    async fn container(
        &self,
        memory_bytes: u64,
        deadline: tokio::time::Instant,
    ) -> Result<container::Started> {
        let pooled = match &self.pool {
            Some(pool) if pool.memory_bytes() == memory_bytes => pool.take().await,
            _ => None,
        };
        if let Some(container) = pooled {
            return Ok(container);
        }
        let started = container::start(
            &self.docker,
            &self.config,
            &self.config.image,
            memory_bytes,
            false,
        );
        tokio::time::timeout_at(deadline, started)
            .await
            .map_err(|_| {
                Error::JavaUnavailable(
                    "the container engine did not start a container in time".to_owned(),
                )
            })?
            .map_err(unavailable)
    }

    /// The exit code of a container whose output ended, and whether the kernel killed it for
    /// memory. Each call to the engine has [`container::ENGINE_CALL_TIMEOUT`].
    async fn exit_status(&self, id: &str) -> Result<(i32, bool)> {
        let waited = tokio::time::timeout(
            container::ENGINE_CALL_TIMEOUT,
            self.docker.wait_container(id, None).next(),
        )
        .await
        .unwrap_or(Some(Err(EngineError::RequestTimeoutError)));
        let code = match waited {
            Some(Ok(response)) => response.status_code,
            Some(Err(EngineError::DockerContainerWaitError { code, .. })) => code,
            Some(Err(e)) => return Err(unavailable(e)),
            None => {
                return Err(Error::JavaUnavailable(
                    "the engine did not say how the container ended".to_owned(),
                ));
            }
        };
        let state = container::bounded(self.docker.inspect_container(id, None))
            .await
            .map_err(unavailable)?
            .state;
        let oom_killed = state.and_then(|s| s.oom_killed).unwrap_or(false);
        Ok((i32::try_from(code).unwrap_or(i32::MAX), oom_killed))
    }
}

impl Drop for JavaBackend {
    fn drop(&mut self) {
        let pool = self.pool.take();
        let removals: Vec<_> = lock(&self.removals).drain(..).collect();
        let handle = self.executor.handle().clone();
        // On a thread of its own: this may be dropped inside another async runtime, where
        // blocking on this one is not allowed.
        let _ = std::thread::spawn(move || {
            handle.block_on(async {
                if let Some(pool) = pool {
                    pool.close().await;
                }
                let removed = futures_util::future::join_all(removals);
                let _ = tokio::time::timeout(Duration::from_secs(30), removed).await;
            });
        })
        .join();
    }
}

/// Answers whether the engine runs and has the image, in words an operator can act on.
async fn check(docker: &Docker, image: &str) -> Result<()> {
    let checked = async {
        docker.ping().await.map_err(|e| engine_down(&e))?;
        match docker.inspect_image(image).await {
            Ok(_) => Ok(()),
            Err(EngineError::DockerResponseServerError {
                status_code: 404, ..
            }) => Err(Error::JavaUnavailable(format!(
                "the container engine has no image {image}; {}",
                image::BUILD_HINT
            ))),
            Err(e) => Err(unavailable(e)),
        }
    };
    tokio::time::timeout(CHECK_TIMEOUT, checked)
        .await
        .unwrap_or_else(|_| {
            Err(Error::JavaUnavailable(format!(
                "the container engine did not answer within {CHECK_TIMEOUT:?}"
            )))
        })
}

/// The engine cannot be reached: what happened and what to do about it.
fn engine_down(e: &EngineError) -> Error {
    Error::JavaUnavailable(format!(
        "the container engine does not answer ({e}); start it (Docker, or podman's \
         `podman system service`) and point DOCKER_HOST at its socket"
    ))
}

fn unavailable(e: EngineError) -> Error {
    Error::JavaUnavailable(format!("the container engine failed: {e}"))
}

/// Removes a container: at once with [`Removal::now`], else when dropped, on the backend's
/// executor.
struct Removal {
    docker: Docker,
    id: String,
    handle: tokio::runtime::Handle,
    pending: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Removal {
    async fn now(&mut self) {
        let id = std::mem::take(&mut self.id);
        container::remove(&self.docker, &id).await;
    }
}

impl Drop for Removal {
    fn drop(&mut self) {
        if self.id.is_empty() {
            return;
        }
        let docker = self.docker.clone();
        let id = std::mem::take(&mut self.id);
        let removal = self
            .handle
            .spawn(async move { container::remove(&docker, &id).await });
        let mut pending = lock(&self.pending);
        pending.retain(|r| !r.is_finished());
        pending.push(removal);
    }
}

/// What was seen of a run in a container.
/// Reads a container's output into `outcome` (the runner's protocol lines filtered out) until it
/// ends, the deadline passes, `cancel` fires or a stream overflows its cap; `outcome.stopped`
/// says which of the last three stopped it.
async fn follow(
    container: &mut container::Started,
    outcome: &mut Outcome,
    nonce: &str,
    deadline: tokio::time::Instant,
    cancel: &CancelToken,
) -> Result<()> {
    let mut stdout = StdoutFilter::new(nonce);
    let mut stderr = StderrFilter::new(nonce);
    loop {
        let next = tokio::select! {
            next = container.output.next() => next,
            () = tokio::time::sleep_until(deadline) => {
                outcome.stopped = Some(Termination::Timeout);
                break;
            }
            () = cancel.cancelled() => {
                outcome.stopped = Some(Termination::Cancelled);
                break;
            }
        };
        let fits = match next {
            None => break,
            Some(Err(e)) => {
                return Err(Error::JavaUnavailable(format!(
                    "lost the container's output: {e}"
                )));
            }
            Some(Ok(LogOutput::StdOut { message })) => outcome.stdout.push(&stdout.push(&message)),
            Some(Ok(LogOutput::StdErr { message })) => outcome.stderr.push(&stderr.push(&message)),
            Some(Ok(_)) => true,
        };
        if !fits {
            outcome.stopped = Some(Termination::OutputLimit);
            break;
        }
    }
    outcome.stdout.push(&stdout.finish());
    outcome.stderr.push(&stderr.finish());
    outcome.preamble = stdout.take_preamble();
    outcome.trailer = stderr.trailer();
    Ok(())
}

struct Outcome {
    stdout: CappedPipe,
    stderr: CappedPipe,
    preamble: Option<std::result::Result<Preamble, String>>,
    trailer: Option<protocol::Trailer>,
    exit_code: Option<i32>,
    /// Set when the runtime stopped the run.
    stopped: Option<Termination>,
    oom_killed: bool,
    memory_bytes: u64,
}

impl Outcome {
    fn result(&self, started: Instant) -> ExecutionResult {
        let compile_error = matches!(self.preamble, Some(Ok(Preamble::CompileError)));
        let heap_exhausted = self.trailer.is_some_and(|t| t.heap_exhausted);
        let killed_for_memory = self.killed_for_memory();
        let (termination, exit_code) = match (self.stopped.clone(), self.exit_code) {
            (Some(stopped), _) => (stopped, None),
            (None, _) if killed_for_memory => (Termination::MemoryLimit, None),
            (None, Some(_)) if compile_error => (Termination::CompileError, None),
            (None, Some(code)) if heap_exhausted && code != 0 => {
                (Termination::MemoryLimit, Some(code))
            }
            (None, Some(code)) => match &self.preamble {
                Some(Ok(_)) => (Termination::Exited, Some(code)),
                Some(Err(why)) => (
                    Termination::Crashed {
                        reason: format!("{why} (the JVM exited with code {code})"),
                    },
                    None,
                ),
                None => (
                    Termination::Crashed {
                        reason: format!(
                            "the JVM exited with code {code} before the program started"
                        ),
                    },
                    None,
                ),
            },
            (None, None) => (
                Termination::Crashed {
                    reason: "the container ended without an exit code".to_owned(),
                },
                None,
            ),
        };
        let out = self.stdout.take();
        let err = self.stderr.take();
        let peak = self.trailer.map_or(0, |t| t.peak_memory_bytes);
        ExecutionResult {
            language: Language::Java,
            stdout: String::from_utf8_lossy(&out.bytes).into_owned(),
            stderr: String::from_utf8_lossy(&err.bytes).into_owned(),
            exit_code,
            termination,
            wall_time: started.elapsed(),
            fuel_consumed: 0,
            peak_memory_bytes: if killed_for_memory {
                self.memory_bytes
            } else {
                peak
            },
            stdout_truncated: out.truncated,
            stderr_truncated: err.truncated,
            fs_quota_hit: None,
            collected_files: Vec::new(),
            collected_files_truncated: false,
        }
    }
}

impl Outcome {
    /// Whether the kernel killed the JVM for the container's memory cap (native memory: the
    /// heap's own limit is a clean `OutOfMemoryError`). The engine says so when it can
    /// (`OOMKilled`), but not every engine does on every host (podman with cgroups v1 reports
    /// only the exit code). So a SIGKILL's status (137) without the runner's trailer counts
    /// too: the JVM did not shut down, and in a container where codebox stopped nothing (the
    /// runs it stops are classified before this) the only one left to kill it is the kernel's
    /// OOM killer, as the program has no privileges over its own process. A program that fakes
    /// it with `Runtime.halt(137)` only mislabels its own run.
    fn killed_for_memory(&self) -> bool {
        const SIGKILL_STATUS: i32 = 128 + 9;
        self.oom_killed || (self.exit_code == Some(SIGKILL_STATUS) && self.trailer.is_none())
    }
}

/// The result of a program whose compile error is already known.
fn compile_error(request: &RunRequest, messages: &[u8], started: Instant) -> ExecutionResult {
    let limits = request.limit_values();
    let stderr = CappedPipe::new(limits.stderr_bytes, StreamKind::Stderr, request.listener());
    stderr.push(messages);
    let err = stderr.take();
    ExecutionResult {
        language: Language::Java,
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&err.bytes).into_owned(),
        exit_code: None,
        termination: Termination::CompileError,
        wall_time: started.elapsed(),
        fuel_consumed: 0,
        peak_memory_bytes: 0,
        stdout_truncated: false,
        stderr_truncated: err.truncated,
        fs_quota_hit: None,
        collected_files: Vec::new(),
        collected_files_truncated: false,
    }
}

/// What identifies a program for compilation: its entry and every file of the request, byte
/// for byte. Not only the sources: the runner writes every file before compiling, so any of
/// them can change what javac does (a file where the runner puts its classes makes it fail),
/// and a result kept for one set of files must never be served to another.
fn program_key(request: &RunRequest) -> [u8; 32] {
    let mut hash = Sha256::new();
    let entry = request.entry().as_bytes();
    hash.update((entry.len() as u64).to_be_bytes());
    hash.update(entry);
    for (path, bytes) in request.file_set() {
        hash.update((path.len() as u64).to_be_bytes());
        hash.update(path.as_bytes());
        hash.update((bytes.len() as u64).to_be_bytes());
        hash.update(bytes);
    }
    hash.finalize().into()
}

/// The last [`COMPILED_ENTRIES`] programs compiled, oldest first out.
#[derive(Debug, Default)]
struct CompiledCache {
    entries: HashMap<[u8; 32], Arc<Compiled>>,
    order: VecDeque<[u8; 32]>,
}

impl CompiledCache {
    fn get(&self, key: &[u8; 32]) -> Option<Arc<Compiled>> {
        self.entries.get(key).cloned()
    }

    fn insert(&mut self, key: [u8; 32], compiled: Compiled) {
        let size = match &compiled {
            Compiled::Classes { classes, .. } => classes.iter().map(|(_, b)| b.len()).sum(),
            Compiled::Failed { messages } => messages.len(),
        };
        if size > MAX_KEPT_CLASSES_BYTES || self.entries.contains_key(&key) {
            return;
        }
        if self.order.len() >= COMPILED_ENTRIES
            && let Some(oldest) = self.order.pop_front()
        {
            self.entries.remove(&oldest);
        }
        self.order.push_back(key);
        self.entries.insert(key, Arc::new(compiled));
    }
}

/// Counts a run as in progress while it lives.
struct Running<'a>(&'a std::sync::atomic::AtomicUsize);

impl<'a> Running<'a> {
    fn enter(count: &'a std::sync::atomic::AtomicUsize) -> Running<'a> {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Running(count)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}
