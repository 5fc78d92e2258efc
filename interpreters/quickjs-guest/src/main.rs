//! The JavaScript interpreter that codebox runs inside wasmtime.
//!
//! This is a WASI command: `quickjs-guest ENTRY` runs the file ENTRY (a path relative to the
//! working directory that the host preopened), as an ES module when it ends in `.mjs` and as a
//! CommonJS script otherwise. QuickJS does the language; `bootstrap.js` builds the Node-like
//! globals (`console`, `process`, `require`, timers) over the small set of host functions below,
//! and this file drives the event loop: the main program, then microtasks, then timers, until
//! nothing is left.
//!
//! The guest never buffers output: every write goes to the WASI file descriptor at once, so a run
//! that the host stops (timeout, fuel, output cap) still shows everything printed before it.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use rquickjs::loader::{Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{
    CatchResultExt, CaughtError, Context, Ctx, Error, Exception, Function, Module, Object,
    Persistent, Promise, Runtime, Value,
};

/// The JavaScript half of the runtime: console, process, require, timers.
const BOOTSTRAP: &str = include_str!("bootstrap.js");

fn main() {
    let code = match std::env::args().nth(1) {
        Some(entry) => run(&entry),
        None => {
            eprintln!("usage: quickjs-guest ENTRY");
            2
        }
    };
    exit(code);
}

/// Flushes both streams and ends the process with `code`.
fn exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}

/// Promises rejected with nobody to handle them, in the order they were rejected.
type Rejections = Rc<RefCell<Vec<(Persistent<Promise<'static>>, Persistent<Value<'static>>)>>>;

fn run(entry: &str) -> i32 {
    let rt = Runtime::new().expect("QuickJS runtime");
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
    rt.set_loader(RelativeResolver, FileLoader);
    let context = Context::full(&rt).expect("QuickJS context");

    let is_module = entry.ends_with(".mjs");
    let started = context.with(|ctx| -> Result<(), i32> {
        let entry_path = normalize(Path::new(entry));
        let name = entry_path.to_string_lossy().into_owned();
        install_host(&ctx, &name)
            .map_err(|e| internal_error(&ctx, "installing host functions", e))?;
        let mut options = rquickjs::context::EvalOptions::default();
        options.global = true;
        options.strict = false;
        options.filename = Some("node:internal/bootstrap".into());
        ctx.eval_with_options::<(), _>(BOOTSTRAP, options)
            .catch(&ctx)
            .map_err(|e| report_uncaught(&ctx, e))?;
        if is_module {
            let source = std::fs::read(&entry_path).map_err(|e| cannot_open(entry, &e))?;
            let promise = Module::evaluate(ctx.clone(), name, source)
                .catch(&ctx)
                .map_err(|e| report_uncaught(&ctx, e))?;
            // A module's evaluation promise rejects when its body (or a top-level await) throws;
            // the rejection tracker reports it like any other unhandled rejection.
            drop(promise);
        } else {
            let run_main: Function<'_> = host_object(&ctx)
                .and_then(|host| host.get("runMain"))
                .map_err(|e| internal_error(&ctx, "finding runMain", e))?;
            run_main
                .call::<_, ()>((name,))
                .catch(&ctx)
                .map_err(|e| report_uncaught(&ctx, e))?;
        }
        Ok(())
    });
    if let Err(code) = started {
        return code;
    }

    loop {
        while rt.is_job_pending() {
            if let Err(job) = rt.execute_pending_job() {
                let code = job.0.with(|ctx| {
                    let caught = Err::<(), _>(Error::Exception).catch(&ctx).unwrap_err();
                    report_uncaught(&ctx, caught)
                });
                return code;
            }
        }
        let unhandled = rejections.borrow_mut().drain(..).next();
        if let Some((_, reason)) = unhandled {
            return context.with(|ctx| {
                let reason = reason
                    .restore(&ctx)
                    .unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
                call_reporter(&ctx, "reportUnhandledRejection", reason)
            });
        }
        // One macrotask (a timer or a stdin event) per turn, then microtasks again.
        let more = context.with(|ctx| {
            host_object(&ctx)
                .and_then(|host| host.get::<_, Function<'_>>("tick"))
                .and_then(|tick| tick.call::<_, bool>(()))
                .catch(&ctx)
                .map_err(|e| report_uncaught(&ctx, e))
        });
        match more {
            Ok(true) => continue,
            Ok(false) if rt.is_job_pending() => continue,
            Ok(false) => break,
            Err(code) => return code,
        }
    }
    context.with(|ctx| {
        host_object(&ctx)
            .and_then(|host| host.get::<_, Function<'_>>("exitCode"))
            .and_then(|f| f.call::<_, i32>(()))
            .unwrap_or(0)
    })
}

/// The bootstrap's private object, where it keeps what the Rust side calls.
fn host_object<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    ctx.globals().get("__codebox")
}

fn install_host(ctx: &Ctx<'_>, entry: &str) -> rquickjs::Result<()> {
    let host = Object::new(ctx.clone())?;
    host.set("entry", entry)?;
    host.set("write", Function::new(ctx.clone(), host_write)?)?;
    host.set("readFile", Function::new(ctx.clone(), read_file)?)?;
    host.set("readStdin", Function::new(ctx.clone(), read_stdin)?)?;
    host.set("stat", Function::new(ctx.clone(), stat)?)?;
    host.set("readDir", Function::new(ctx.clone(), read_dir)?)?;
    host.set("writeFile", Function::new(ctx.clone(), write_file)?)?;
    host.set("evalScript", Function::new(ctx.clone(), eval_script)?)?;
    host.set("exit", Function::new(ctx.clone(), exit_now)?)?;
    host.set(
        "sleep",
        Function::new(ctx.clone(), |ms: f64| {
            if ms > 0.0 {
                std::thread::sleep(std::time::Duration::from_secs_f64(ms / 1000.0));
            }
        })?,
    )?;
    host.set("now", Function::new(ctx.clone(), now_ms)?)?;
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

/// Milliseconds since the Unix epoch, with sub-millisecond precision.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// Throws a Node-style filesystem error (`ENOENT: no such file or directory, open 'x'`).
fn fs_error(ctx: &Ctx<'_>, syscall: &str, path: &str, error: &std::io::Error) -> Error {
    let (code, text) = match error.kind() {
        std::io::ErrorKind::NotFound => ("ENOENT", "no such file or directory"),
        std::io::ErrorKind::PermissionDenied => ("EACCES", "permission denied"),
        std::io::ErrorKind::AlreadyExists => ("EEXIST", "file already exists"),
        std::io::ErrorKind::IsADirectory => ("EISDIR", "illegal operation on a directory"),
        std::io::ErrorKind::NotADirectory => ("ENOTDIR", "not a directory"),
        _ if error.raw_os_error() == Some(76) => ("ENOTCAPABLE", "operation not permitted"),
        _ => ("EIO", "i/o error"),
    };
    Exception::throw_message(ctx, &format!("{code}: {text}, {syscall} '{path}'"))
}

fn read_file<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<String> {
    let bytes = std::fs::read(&path).map_err(|e| fs_error(&ctx, "open", &path, &e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn write_file<'js>(
    ctx: Ctx<'js>,
    path: String,
    text: String,
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
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| fs_error(&ctx, "open", &path, &e))
}

/// Reads the whole of stdin once; later calls get what is left (nothing).
fn read_stdin<'js>(ctx: Ctx<'js>) -> rquickjs::Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| fs_error(&ctx, "read", "/dev/stdin", &e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `"file"`, `"dir"` or `null` when nothing (visible) is at `path`.
fn stat(path: String) -> Option<&'static str> {
    let meta = std::fs::metadata(path).ok()?;
    Some(if meta.is_dir() { "dir" } else { "file" })
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

/// Evaluates a CommonJS wrapper so that its stack frames carry the file's name.
fn eval_script<'js>(
    ctx: Ctx<'js>,
    source: String,
    filename: String,
) -> rquickjs::Result<Value<'js>> {
    let mut options = rquickjs::context::EvalOptions::default();
    options.global = true;
    options.strict = false;
    options.filename = Some(filename);
    ctx.eval_with_options(source, options)
}

/// Prints what was thrown the way Node does and gives the exit code (1).
fn report_uncaught<'js>(ctx: &Ctx<'js>, caught: CaughtError<'js>) -> i32 {
    let value = match caught {
        CaughtError::Exception(e) => e.into_value(),
        CaughtError::Value(v) => v,
        CaughtError::Error(e) => return internal_error(ctx, "running the program", e),
    };
    call_reporter(ctx, "reportUncaught", value)
}

fn call_reporter<'js>(ctx: &Ctx<'js>, name: &str, value: Value<'js>) -> i32 {
    let reported = host_object(ctx)
        .and_then(|host| host.get::<_, Function<'_>>(name))
        .and_then(|report| report.call::<_, ()>((value.clone(),)));
    if reported.is_err() {
        eprintln!("Uncaught exception (it could not be formatted)");
    }
    1
}

fn internal_error(_ctx: &Ctx<'_>, doing: &str, error: Error) -> i32 {
    eprintln!("codebox quickjs: internal error while {doing}: {error}");
    70
}

fn cannot_open(entry: &str, error: &std::io::Error) -> i32 {
    eprintln!("Error: Cannot find module '{entry}': {error}");
    1
}

/// Removes `.` and folds `..` segments without touching the filesystem.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Resolves `import` specifiers relative to the importing module, with Node's extension search.
struct RelativeResolver;

impl Resolver for RelativeResolver {
    fn resolve<'js>(
        &mut self,
        _ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<rquickjs::loader::ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        if !(name.starts_with("./") || name.starts_with("../") || name.starts_with('/')) {
            return Err(Error::new_resolving_message(
                base,
                name,
                format!("Cannot find package '{name}' imported from {base}"),
            ));
        }
        let dir = Path::new(base).parent().unwrap_or(Path::new(""));
        let joined = normalize(&dir.join(name));
        let candidates = [
            joined.clone(),
            joined.with_extension("js"),
            joined.with_extension("mjs"),
            joined.join("index.js"),
            joined.join("index.mjs"),
        ];
        candidates
            .iter()
            .find(|c| c.is_file())
            .map(|c| c.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Error::new_resolving_message(
                    base,
                    name,
                    format!(
                        "Cannot find module '{}' imported from {base}",
                        joined.display()
                    ),
                )
            })
    }
}

/// Loads a resolved module file from the sandbox's filesystem.
struct FileLoader;

impl Loader for FileLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<rquickjs::loader::ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        let source =
            std::fs::read(name).map_err(|e| Error::new_loading_message(name, e.to_string()))?;
        Module::declare(ctx.clone(), name, source)
    }
}

/// `process.exit(code)`: the host function behind it never returns.
fn exit_now(code: i32) {
    exit(code)
}
