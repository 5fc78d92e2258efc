//! The JavaScript interpreter that codebox runs inside wasmtime.
//!
//! This is a WASI reactor with two exports. `codebox_init` creates the QuickJS runtime and
//! context and builds Node's surface in it; the host runs it once and snapshots the result
//! (wasmtime-wizer). `codebox_run` then runs, in a fresh copy of that snapshot, the file named by
//! the second WASI argument (an absolute path in the guest) the way `node ENTRY` would, and
//! answers the exit status. QuickJS does the language; the scripts under `js/` build Node's
//! surface (util.inspect, console, process, timers, require, the built-in modules) over the
//! small set of host functions below; and this file drives Node's event loop: the program, then
//! the nextTick queue and promise jobs, then one macrotask at a time, until nothing is left.
//!
//! The guest never buffers output: every write goes to the WASI file descriptor at once, so a run
//! that the host stops (timeout, fuel, output cap) still shows everything printed before it.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::rc::Rc;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::promise::PromiseState;
use rquickjs::qjs;
use rquickjs::{
    ArrayBuffer, CatchResultExt, CaughtError, Context, Ctx, Error, Exception, Function, Module,
    Object, Persistent, Promise, Runtime, Value,
};

/// Node's surface that every program needs, in the order it is built: each script adds to the
/// `__codebox` object.
const SCRIPTS: [(&str, &str); 6] = [
    ("globals", include_str!("js/globals.js")),
    ("events", include_str!("js/events.js")),
    ("loop", include_str!("js/loop.js")),
    ("process", include_str!("js/process.js")),
    ("console", include_str!("js/console.js")),
    ("modules", include_str!("js/modules.js")),
];

/// The rest, parsed only when a program first uses it (`__codebox.internal(name)`): each script
/// evaluates to the module it defines. Start-up time is mostly parsing, so this keeps a
/// hello world from paying for util.inspect, Buffer or the built-in modules.
const LAZY_SCRIPTS: [(&str, &str); 25] = [
    ("primitives", include_str!("js/primitives.js")),
    ("layout", include_str!("js/layout.js")),
    ("inspect", include_str!("js/inspect.js")),
    ("format", include_str!("js/format.js")),
    ("buffer", include_str!("js/buffer.js")),
    ("url", include_str!("js/url.js")),
    ("fs", include_str!("js/fs.js")),
    ("path", include_str!("js/path.js")),
    ("path_win32", include_str!("js/path_win32.js")),
    ("glob", include_str!("js/glob.js")),
    ("dotenv", include_str!("js/dotenv.js")),
    ("util", include_str!("js/util.js")),
    ("deep_equal", include_str!("js/deep_equal.js")),
    ("assert", include_str!("js/assert.js")),
    ("assertion_error", include_str!("js/assertion_error.js")),
    ("assert_source", include_str!("js/assert_source.js")),
    ("readline", include_str!("js/readline.js")),
    ("misc", include_str!("js/misc.js")),
    ("string_decoder", include_str!("js/string_decoder.js")),
    ("stream", include_str!("js/stream.js")),
    ("stream_pipeline", include_str!("js/stream_pipeline.js")),
    ("stream_operators", include_str!("js/stream_operators.js")),
    ("stream_consumers", include_str!("js/stream_consumers.js")),
    ("event_target", include_str!("js/event_target.js")),
    ("test_runner", include_str!("js/test_runner.js")),
];

/// The JavaScript stack budget: about 10,000 frames of a simple recursive function, like Node's
/// (about 300 bytes of shadow stack per frame; wasmtime's native stack needs about 2.5 times as much).
const JS_STACK_BYTES: usize = 3 << 20;

/// The exit code of an internal failure of the interpreter itself (EX_SOFTWARE).
const EXIT_INTERNAL: i32 = 70;

/// The interpreter the snapshot holds: made by `codebox_init`, used by `codebox_run`.
struct Guest {
    rt: Runtime,
    context: Context,
    rejections: Rejections,
}

thread_local! {
    static GUEST: RefCell<Option<Guest>> = const { RefCell::new(None) };
}

unsafe extern "C" {
    /// Added to QuickJS by `patches.txt`: sets the state of `Math.random`.
    fn codebox_reseed_random(ctx: *mut rquickjs::qjs::JSContext, seed: u64);
    /// wasi-libc's: fills a buffer from WASI's `random_get`.
    fn getentropy(buffer: *mut u8, len: usize) -> i32;
}

/// Builds the interpreter with Node's surface; the host snapshots what this leaves behind.
#[unsafe(no_mangle)]
pub extern "C" fn codebox_init() {
    match init() {
        Ok(guest) => GUEST.with(|slot| *slot.borrow_mut() = Some(guest)),
        Err(code) => exit(code),
    }
}

/// Runs the program named by the second WASI argument; answers its exit status.
#[unsafe(no_mangle)]
pub extern "C" fn codebox_run() -> i32 {
    let Some(entry) = std::env::args().nth(1) else {
        eprintln!("usage: quickjs-guest ENTRY");
        return 2;
    };
    let code = GUEST.with(|slot| match &*slot.borrow() {
        Some(guest) => run(guest, &entry),
        None => {
            eprintln!("codebox: the QuickJS guest was not initialised");
            EXIT_INTERNAL
        }
    });
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    code
}

/// Eight bytes from WASI's random source, for this run's `Math.random`.
fn fresh_seed() -> u64 {
    let mut bytes = [0u8; 8];
    // SAFETY: the buffer is valid for writes of its length, at most 256 bytes as getentropy asks.
    let status = unsafe { getentropy(bytes.as_mut_ptr(), bytes.len()) };
    if status != 0 {
        return now_ms().to_bits();
    }
    u64::from_le_bytes(bytes)
}

/// Flushes both streams and ends the process with `code`.
fn exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}

/// Promises rejected with nobody to handle them, in the order they were rejected.
type Rejections = Rc<RefCell<Vec<(Persistent<Promise<'static>>, Persistent<Value<'static>>)>>>;

fn init() -> Result<Guest, i32> {
    let rt = Runtime::new().expect("QuickJS runtime");
    // Below the 8 MiB shadow stack (see .cargo/config.toml), so that QuickJS throws a catchable
    // RangeError before either the shadow stack or wasmtime's native stack runs out.
    rt.set_max_stack_size(JS_STACK_BYTES);
    let rejections: Rejections = Rc::default();
    let tracked = rejections.clone();
    rt.set_host_promise_rejection_tracker(Some(Box::new(move |ctx, promise, reason, handled| {
        let Some(promise) = promise.into_promise() else {
            return;
        };
        let mut list = tracked.borrow_mut();
        if handled {
            list.retain(|(p, _)| p.clone().restore(&ctx).ok().as_ref() != Some(&promise));
        } else {
            list.push((
                Persistent::save(&ctx, promise),
                Persistent::save(&ctx, reason),
            ));
        }
    })));
    rt.set_loader(NodeResolver, NodeLoader);
    let context = Context::full(&rt).expect("QuickJS context");
    context.with(|ctx| -> Result<(), i32> {
        install_host(&ctx).map_err(|e| internal_error("installing host functions", e))?;
        for (name, source) in SCRIPTS {
            let mut options = rquickjs::context::EvalOptions::default();
            options.global = true;
            options.strict = false;
            options.filename = Some(format!("node:internal/{name}"));
            ctx.eval_with_options::<(), _>(source, options)
                .catch(&ctx)
                .map_err(|e| report_uncaught(&ctx, e))?;
        }
        Ok(())
    })?;
    Ok(Guest {
        rt,
        context,
        rejections,
    })
}

fn run(guest: &Guest, entry: &str) -> i32 {
    let Guest {
        rt,
        context,
        rejections,
    } = guest;
    let started = context.with(|ctx| -> Result<(), i32> {
        // SAFETY: the context is alive (borrowed from `ctx`) and only this thread uses it.
        unsafe { codebox_reseed_random(ctx.as_raw().as_ptr(), fresh_seed()) };
        // The host makes the entry file's folder the working directory.
        let cwd = entry
            .rsplit_once('/')
            .map_or("/", |(dir, _)| if dir.is_empty() { "/" } else { dir });
        call_host::<(), _>(&ctx, "startRun", (entry, cwd)).map_err(|e| report_uncaught(&ctx, e))?;
        let kind: String =
            call_host(&ctx, "entryKind", (entry,)).map_err(|e| report_uncaught(&ctx, e))?;
        // The program's timers count from its start, not from the bootstrap's.
        call_host::<(), _>(&ctx, "updateTime", ()).map_err(|e| report_uncaught(&ctx, e))?;
        if kind == "module" {
            let url = format!("file://{entry}");
            let evaluated = call_host::<String, _>(&ctx, "esmLoad", (url.clone(), "javascript"))
                .and_then(|source| declare_module(&ctx, &url, source).catch(&ctx))
                .and_then(|module| module.eval().catch(&ctx));
            // A module whose body throws rejects its evaluation promise; the rejection
            // tracker reports it like any other unhandled rejection.
            evaluated.map_err(|e| report_uncaught(&ctx, e))?;
        } else {
            call_host::<(), _>(&ctx, "runMain", (entry,)).map_err(|e| report_uncaught(&ctx, e))?;
        }
        Ok(())
    });
    if let Err(code) = started {
        return code;
    }

    loop {
        if let Err(code) = drain_microtasks(rt, context) {
            return code;
        }
        // Each rejection still unhandled goes to the program's 'unhandledRejection' (or
        // 'uncaughtException') listeners; the first that none takes ends the run, as in Node.
        let unhandled: Vec<_> = rejections.borrow_mut().drain(..).collect();
        for (promise, reason) in unhandled {
            let ended = context.with(|ctx| {
                let reason = reason
                    .restore(&ctx)
                    .unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
                let promise = promise.restore(&ctx).ok();
                match call_host::<bool, _>(&ctx, "handleRejection", (reason.clone(), promise)) {
                    Ok(true) => None,
                    Ok(false) => Some(
                        match call_host::<(), _>(&ctx, "reportUnhandledRejection", (reason,)) {
                            Ok(()) => 1,
                            Err(e) => report_uncaught(&ctx, e),
                        },
                    ),
                    Err(e) => Some(report_uncaught(&ctx, e)),
                }
            });
            if let Some(code) = ended {
                return code;
            }
        }
        let more = context.with(|ctx| {
            call_host::<bool, _>(&ctx, "tick", ()).map_err(|e| report_uncaught(&ctx, e))
        });
        match more {
            Ok(true) => {}
            Ok(false) => break,
            Err(code) => return code,
        }
    }
    context.with(|ctx| {
        call_host::<i32, _>(&ctx, "finalExitCode", ()).unwrap_or_else(|e| report_uncaught(&ctx, e))
    })
}

/// Runs process.nextTick callbacks and promise jobs until both queues are empty, in Node's
/// order: every queued tick, then every promise job, again while either produced more.
fn drain_microtasks(rt: &Runtime, context: &Context) -> Result<(), i32> {
    loop {
        let ticked = context.with(|ctx| {
            call_host::<bool, _>(&ctx, "runTicks", ()).map_err(|e| report_uncaught(&ctx, e))
        })?;
        let mut ran_job = false;
        while rt.is_job_pending() {
            ran_job = true;
            if let Err(job) = rt.execute_pending_job() {
                return Err(job.0.with(|ctx| {
                    let caught = Err::<(), _>(Error::Exception).catch(&ctx).unwrap_err();
                    report_uncaught(&ctx, caught)
                }));
            }
        }
        if !ticked && !ran_job {
            return Ok(());
        }
    }
}

/// Calls a function that the scripts put on `__codebox`, catching what it throws.
fn call_host<'js, R, A>(ctx: &Ctx<'js>, name: &str, args: A) -> Result<R, CaughtError<'js>>
where
    R: rquickjs::FromJs<'js>,
    A: rquickjs::function::IntoArgs<'js>,
{
    host_object(ctx)
        .and_then(|host| host.get::<_, Function<'_>>(name))
        .and_then(|f| f.call::<A, R>(args))
        .catch(ctx)
}

/// The scripts' shared object, where they keep what the Rust side calls.
fn host_object<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    ctx.globals().get("__codebox")
}

fn declare_module<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    source: String,
) -> rquickjs::Result<Module<'js, Declared>> {
    let module = Module::declare(ctx.clone(), name, source)?;
    if let Some(path) = name.strip_prefix("file://") {
        let meta = module.meta()?;
        meta.set("url", name)?;
        meta.set("filename", path)?;
        meta.set(
            "dirname",
            path.rsplit_once('/')
                .map_or("/", |(dir, _)| if dir.is_empty() { "/" } else { dir }),
        )?;
    }
    Ok(module)
}

fn install_host(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let host = Object::new(ctx.clone())?;
    // Set per run by `startRun` (js/process.js).
    host.set("cwd", "/")?;
    host.set("write", Function::new(ctx.clone(), host_write)?)?;
    host.set("readFile", Function::new(ctx.clone(), read_file)?)?;
    host.set(
        "readFileBytes",
        Function::new(ctx.clone(), read_file_bytes)?,
    )?;
    host.set("readStdin", Function::new(ctx.clone(), read_stdin)?)?;
    host.set("stat", Function::new(ctx.clone(), stat)?)?;
    host.set("statInfo", Function::new(ctx.clone(), stat_info)?)?;
    host.set("readDir", Function::new(ctx.clone(), read_dir)?)?;
    host.set("writeFile", Function::new(ctx.clone(), write_file)?)?;
    host.set("mkdir", Function::new(ctx.clone(), make_dir)?)?;
    host.set("remove", Function::new(ctx.clone(), remove)?)?;
    host.set("rename", Function::new(ctx.clone(), rename)?)?;
    host.set("evalScript", Function::new(ctx.clone(), eval_script)?)?;
    host.set("promiseState", Function::new(ctx.clone(), promise_state)?)?;
    host.set("loadInternal", Function::new(ctx.clone(), load_internal)?)?;
    host.set("exit", Function::new(ctx.clone(), exit_now)?)?;
    host.set("sleep", Function::new(ctx.clone(), sleep_ms)?)?;
    host.set("now", Function::new(ctx.clone(), now_ms)?)?;
    host.set("detach", Function::new(ctx.clone(), detach)?)?;
    ctx.globals().set("__codebox", host)
}

/// Writes a string to file descriptor 1 or 2, unbuffered.
fn host_write(fd: i32, text: String) {
    // A failed write means the host closed the stream (for instance at the output cap); the
    // host then ends the run, so there is nobody left to tell.
    let _ = if fd == 2 {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    };
}

/// `process.exit(code)`: the host function behind it never returns.
fn exit_now(code: i32) {
    exit(code)
}

fn sleep_ms(ms: f64) {
    if ms > 0.0 {
        std::thread::sleep(std::time::Duration::from_secs_f64(ms / 1000.0));
    }
}

/// Milliseconds since the Unix epoch, with sub-millisecond precision.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// Throws Node's filesystem error: the message (`ENOENT: no such file or directory, open 'x'`)
/// and the fields programs test (`code`, `errno`, `syscall`, `path`).
fn fs_error(ctx: &Ctx<'_>, syscall: &str, path: &str, error: &std::io::Error) -> Error {
    let (code, errno, text) = match error.kind() {
        std::io::ErrorKind::NotFound => ("ENOENT", -2, "no such file or directory"),
        std::io::ErrorKind::PermissionDenied => ("EACCES", -13, "permission denied"),
        std::io::ErrorKind::AlreadyExists => ("EEXIST", -17, "file already exists"),
        std::io::ErrorKind::IsADirectory => ("EISDIR", -21, "illegal operation on a directory"),
        std::io::ErrorKind::NotADirectory => ("ENOTDIR", -20, "not a directory"),
        std::io::ErrorKind::DirectoryNotEmpty => ("ENOTEMPTY", -39, "directory not empty"),
        // The quotas of the run's filesystem (raw numbers are WASI's; errno values Linux's).
        _ if error.raw_os_error() == Some(51) => ("ENOSPC", -28, "no space left on device"),
        _ if error.raw_os_error() == Some(37) => ("ENAMETOOLONG", -36, "name too long"),
        _ if error.raw_os_error() == Some(33) => ("EMFILE", -24, "too many open files"),
        _ if error.raw_os_error() == Some(76) => ("ENOTCAPABLE", -76, "operation not permitted"),
        _ => ("EIO", -5, "i/o error"),
    };
    let message = format!("{code}: {text}, {syscall} '{path}'");
    let built = Exception::from_message(ctx.clone(), &message).and_then(|exception| {
        let object = exception.as_object();
        object.set("errno", errno)?;
        object.set("code", code)?;
        object.set("syscall", syscall)?;
        object.set("path", path)?;
        Ok(exception)
    });
    match built {
        Ok(exception) => exception.throw(),
        Err(e) => e,
    }
}

fn read_file<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<String> {
    let bytes = std::fs::read(&path).map_err(|e| fs_error(&ctx, "open", &path, &e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Detaches an ArrayBuffer (structuredClone's `transfer`): its bytes are gone and its length 0.
fn detach(mut buffer: ArrayBuffer<'_>) {
    buffer.detach();
}

fn read_file_bytes<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<ArrayBuffer<'js>> {
    let bytes = std::fs::read(&path).map_err(|e| fs_error(&ctx, "open", &path, &e))?;
    ArrayBuffer::new(ctx, bytes)
}

fn write_file<'js>(
    ctx: Ctx<'js>,
    path: String,
    bytes: Vec<u8>,
    append: bool,
) -> rquickjs::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true);
    if append {
        options.append(true);
    } else {
        options.write(true).truncate(true);
    }
    options
        .open(&path)
        .and_then(|mut f| f.write_all(&bytes))
        .map_err(|e| fs_error(&ctx, "open", &path, &e))
}

fn rename<'js>(ctx: Ctx<'js>, from: String, to: String) -> rquickjs::Result<()> {
    std::fs::rename(&from, &to).map_err(|e| fs_error(&ctx, "rename", &from, &e))
}

fn make_dir<'js>(ctx: Ctx<'js>, path: String, recursive: bool) -> rquickjs::Result<()> {
    let made = if recursive {
        std::fs::create_dir_all(&path)
    } else {
        std::fs::create_dir(&path)
    };
    made.map_err(|e| fs_error(&ctx, "mkdir", &path, &e))
}

fn remove<'js>(ctx: Ctx<'js>, path: String, recursive: bool) -> rquickjs::Result<()> {
    let removed = match std::fs::metadata(&path) {
        Ok(meta) if meta.is_dir() && recursive => std::fs::remove_dir_all(&path),
        Ok(meta) if meta.is_dir() => std::fs::remove_dir(&path),
        _ => std::fs::remove_file(&path),
    };
    removed.map_err(|e| fs_error(&ctx, "rm", &path, &e))
}

/// Reads the whole of stdin once; later calls get what is left (nothing).
fn read_stdin<'js>(ctx: Ctx<'js>) -> rquickjs::Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| fs_error(&ctx, "read", "/dev/stdin", &e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `"file"`, `"dir"` or nothing (`undefined`) when nothing visible is at `path`.
fn stat(path: String) -> Option<&'static str> {
    let meta = std::fs::metadata(path).ok()?;
    Some(if meta.is_dir() { "dir" } else { "file" })
}

/// `{kind, size}` of what is at `path` (`kind` is `"file"` or `"dir"`), or Node's `stat` error.
fn stat_info<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<Object<'js>> {
    let meta = std::fs::metadata(&path).map_err(|e| fs_error(&ctx, "stat", &path, &e))?;
    let info = Object::new(ctx)?;
    info.set("kind", if meta.is_dir() { "dir" } else { "file" })?;
    info.set("size", meta.len() as f64)?;
    Ok(info)
}

/// The names in a directory, sorted.
fn read_dir<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<Vec<String>> {
    let entries = std::fs::read_dir(&path).map_err(|e| fs_error(&ctx, "scandir", &path, &e))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| {
            entry
                .ok()
                .map(|e| e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    Ok(names)
}

/// Evaluates a CommonJS wrapper so that its stack frames carry the file's name. The wrapper's
/// head is alone on the first line, which is numbered 0, so that the file's own lines and
/// columns are the ones its frames show (Node compiles the wrapper as a function for the same
/// reason).
fn eval_script<'js>(
    ctx: Ctx<'js>,
    source: String,
    filename: String,
) -> rquickjs::Result<Value<'js>> {
    // QuickJS reads its source up to a terminating NUL.
    let source = std::ffi::CString::new(source)?;
    let filename = std::ffi::CString::new(filename)?;
    let mut options = qjs::JSEvalOptions {
        version: qjs::JS_EVAL_OPTIONS_VERSION as i32,
        eval_flags: qjs::JS_EVAL_TYPE_GLOBAL as i32,
        filename: filename.as_ptr(),
        line_num: 0,
    };
    // SAFETY: the context is alive (borrowed from `ctx`) and only this thread uses it; the
    // source (NUL-terminated, as QuickJS requires) and the file name outlive the call, which
    // copies what it keeps of them. The answer is a new reference, owned
    // by the `Value` made from it.
    let value = unsafe {
        qjs::JS_Eval2(
            ctx.as_raw().as_ptr(),
            source.as_ptr(),
            source.as_bytes().len() as _,
            &mut options,
        )
    };
    // SAFETY: `value` is a live value of this context whose reference passes to the `Value`.
    let value = unsafe { Value::from_raw(ctx.clone(), value) };
    if value.is_exception() {
        // The exception stays pending in the context, where rquickjs's callers look for it.
        return Err(rquickjs::Error::Exception);
    }
    Ok(value)
}

/// Evaluates one of the lazily loaded scripts and gives the module it defines.
fn load_internal<'js>(ctx: Ctx<'js>, name: String) -> rquickjs::Result<Value<'js>> {
    let Some((_, source)) = LAZY_SCRIPTS.iter().find(|(n, _)| *n == name) else {
        return Err(Exception::throw_message(
            &ctx,
            &format!("no internal module {name}"),
        ));
    };
    let mut options = rquickjs::context::EvalOptions::default();
    options.global = true;
    options.strict = false;
    options.filename = Some(format!("node:internal/{name}"));
    ctx.eval_with_options(*source, options)
}

/// `[state]` or `[state, result]` of a promise, for util.inspect.
fn promise_state<'js>(ctx: Ctx<'js>, promise: Promise<'js>) -> rquickjs::Result<Vec<Value<'js>>> {
    let state = |s: &str| rquickjs::String::from_str(ctx.clone(), s).map(Value::from);
    Ok(match promise.state() {
        PromiseState::Pending => vec![state("pending")?],
        PromiseState::Resolved => vec![
            state("fulfilled")?,
            promise
                .result::<Value<'js>>()
                .transpose()?
                .unwrap_or_else(|| Value::new_undefined(ctx.clone())),
        ],
        PromiseState::Rejected => {
            let reason = match promise.result::<Value<'js>>() {
                Some(Err(Error::Exception)) => ctx.catch(),
                Some(Ok(v)) => v,
                _ => Value::new_undefined(ctx.clone()),
            };
            vec![state("rejected")?, reason]
        }
    })
}

/// Prints what was thrown the way Node does and gives the exit code (1).
fn report_uncaught<'js>(ctx: &Ctx<'js>, caught: CaughtError<'js>) -> i32 {
    let value = match caught {
        CaughtError::Exception(e) => e.into_value(),
        CaughtError::Value(v) => v,
        CaughtError::Error(e) => return internal_error("running the program", e),
    };
    let reported = host_object(ctx)
        .and_then(|host| host.get::<_, Function<'_>>("reportUncaught"))
        .and_then(|report| report.call::<_, ()>((value.clone(),)));
    if reported.is_ok() {
        // Node still runs the program's 'exit' handlers, with code 1.
        return call_host::<i32, _>(ctx, "exitAfterUncaught", ()).unwrap_or(1);
    }
    {
        // The scripts that format errors are not running (yet): say what we can.
        let text = value
            .as_object()
            .and_then(|o| {
                let message: Option<String> = o.get("message").ok();
                let stack: Option<String> = o.get("stack").ok();
                message.map(|m| format!("{m}\n{}", stack.unwrap_or_default()))
            })
            .unwrap_or_else(|| format!("{value:?}"));
        eprintln!("Uncaught {text}");
    }
    1
}

fn internal_error(doing: &str, error: Error) -> i32 {
    eprintln!("codebox quickjs: internal error while {doing}: {error}");
    EXIT_INTERNAL
}

/// Resolves `import` specifiers with Node's ESM rules (in `js/modules.js`).
struct NodeResolver;

impl Resolver for NodeResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        host_object(ctx)?
            .get::<_, Function<'_>>("esmResolve")?
            .call((base, name))
    }
}

/// Loads a resolved module: a file, a built-in or a CommonJS file offered as a module.
struct NodeLoader;

impl Loader for NodeLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        let kind = match attributes {
            Some(attributes) => attributes.get_type()?,
            None => None,
        };
        let kind = kind.unwrap_or_else(|| "javascript".to_owned());
        let source: String = host_object(ctx)?
            .get::<_, Function<'_>>("esmLoad")?
            .call((name, kind))?;
        declare_module(ctx, name, source)
    }
}
