//! `codebox run FILE`.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use codebox_runtime::{ExecutionResult, Language, Limits, RunRequest, Runtime, Termination};

use super::workspace;
use crate::cli::{self, LangArg, RunArgs};

pub(crate) fn run(args: &RunArgs) -> Result<ExitCode> {
    let file = args
        .file
        .canonicalize()
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    let file_name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| anyhow!("{} has no usable file name", file.display()))?
        .to_owned();
    let language = match args.lang {
        Some(LangArg::Python) => Language::Python,
        Some(LangArg::Javascript) => Language::JavaScript,
        Some(LangArg::Java) => Language::Java,
        None => Language::from_path(&file_name).ok_or_else(|| {
            anyhow!("cannot tell the language of {file_name} from its extension; pass --lang python|javascript|java")
        })?,
    };
    let mut folder = file
        .parent()
        .ok_or_else(|| anyhow!("{} has no folder", file.display()))?;
    let mut entry = file_name;
    if language == Language::Java {
        let source = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        (folder, entry) = package_root(folder, &entry, &source);
    }
    let stdin = read_stdin(args)?;

    let mut limits = Limits::default()
        .with_timeout(Duration::from_millis(args.timeout_ms))
        .with_memory_bytes(args.memory_mb.saturating_mul(1 << 20));
    if let Some(fuel) = args.fuel {
        limits = limits.with_fuel(fuel);
    }
    let request = RunRequest::new(language, entry)
        .files(workspace::collect(folder)?)
        .stdin(stdin)
        .limits(limits)
        .collect_files(args.collect.iter().cloned());

    let runtime = Runtime::builder().build()?;
    let result = runtime.run(&request)?;
    if args.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &result)?;
        writeln!(out)?;
    } else {
        std::io::stdout().write_all(result.stdout.as_bytes())?;
        std::io::stdout().flush()?;
        std::io::stderr().write_all(result.stderr.as_bytes())?;
        if let Some(line) = limit_line(&result, &limits) {
            eprintln!("codebox: {line}");
        }
    }
    Ok(exit_code(&result))
}

fn read_stdin(args: &RunArgs) -> Result<Vec<u8>> {
    if let Some(path) = &args.stdin {
        return std::fs::read(path)
            .with_context(|| format!("cannot read --stdin {}", path.display()));
    }
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        // Waiting for a terminal's end-of-file would make every run interactive.
        return Ok(Vec::new());
    }
    let mut bytes = Vec::new();
    stdin.read_to_end(&mut bytes).context("reading stdin")?;
    Ok(bytes)
}

/// The one line that explains a limit, for humans.
fn limit_line(result: &ExecutionResult, limits: &Limits) -> Option<String> {
    Some(match &result.termination {
        Termination::Exited => return None,
        Termination::Timeout => format!("time limit of {} ms exceeded", limits.timeout.as_millis()),
        Termination::OutOfFuel => format!("fuel budget of {} exhausted", limits.fuel),
        Termination::MemoryLimit => {
            format!("memory limit of {} MiB exceeded", limits.memory_bytes >> 20)
        }
        Termination::OutputLimit => format!(
            "output limit exceeded (stdout {} bytes, stderr {} bytes at most); output truncated",
            limits.stdout_bytes, limits.stderr_bytes
        ),
        Termination::Crashed { reason } => format!("the interpreter crashed: {reason}"),
        Termination::Cancelled => "the run was cancelled".to_owned(),
        Termination::CompileError => "the program did not compile".to_owned(),
    })
}

/// The root of a Java source's package and the source's path below it: `src` and
/// `app/Main.java` for `src/app/Main.java` declaring `package app;`. A package that the folders
/// do not spell leaves the file's own folder as the root (javac then reports the mismatch if
/// it matters).
fn package_root<'a>(
    folder: &'a std::path::Path,
    file_name: &str,
    source: &str,
) -> (&'a std::path::Path, String) {
    let package = source
        .lines()
        .map(str::trim)
        .find(|line| {
            !(line.is_empty()
                || line.starts_with("//")
                || line.starts_with("/*")
                || line.starts_with('*')
                || line.starts_with('@'))
        })
        .and_then(|line| line.strip_prefix("package "))
        .and_then(|rest| rest.split(';').next())
        .map(|name| name.trim().to_owned());
    let Some(package) = package.filter(|p| !p.is_empty()) else {
        return (folder, file_name.to_owned());
    };
    let mut root = folder;
    for segment in package.split('.').rev() {
        match (root.file_name().and_then(|n| n.to_str()), root.parent()) {
            (Some(name), Some(parent)) if name == segment.trim() => root = parent,
            _ => return (folder, file_name.to_owned()),
        }
    }
    (root, format!("{}/{file_name}", package.replace('.', "/")))
}

fn exit_code(result: &ExecutionResult) -> ExitCode {
    match result.termination {
        // Exit codes are a byte wide on every platform codebox runs on.
        Termination::Exited => ExitCode::from(result.exit_code.unwrap_or(0) as u8),
        Termination::Timeout => ExitCode::from(cli::EXIT_TIMEOUT),
        Termination::OutOfFuel => ExitCode::from(cli::EXIT_FUEL),
        Termination::MemoryLimit => ExitCode::from(cli::EXIT_MEMORY),
        Termination::OutputLimit => ExitCode::from(cli::EXIT_OUTPUT),
        Termination::Crashed { .. } => ExitCode::from(cli::EXIT_CRASHED),
        Termination::Cancelled => ExitCode::from(cli::EXIT_CANCELLED),
        Termination::CompileError => ExitCode::from(cli::EXIT_COMPILE_ERROR),
    }
}
