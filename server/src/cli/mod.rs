//! The command line: `codebox run` (`run.rs`, with the folder it copies in `workspace.rs`),
//! `codebox serve` (`serve.rs`) and `codebox init` (`init.rs`); this file holds the arguments
//! and the exit codes.
//!
//! # Exit status of `codebox run`
//!
//! | code | meaning |
//! |---|---|
//! | the program's own | the program ended by itself (0 on success) |
//! | 1 | (Java) the program did not compile; javac's messages are on stderr, as `javac` exits |
//! | 124 | wall-clock limit (`--timeout-ms`) reached |
//! | 125 | codebox itself failed: bad arguments, unreadable file, interpreter unavailable |
//! | 134 | the interpreter crashed (a WebAssembly trap) |
//! | 137 | memory limit (`--memory-mb`) reached |
//! | 152 | fuel budget (`--fuel`) exhausted |
//! | 153 | output limit reached |
//!
//! The limit codes follow the shell's conventions: 124 is `timeout(1)`'s, and the others are
//! 128 plus the signal that a native process would have died of (SIGABRT, SIGKILL by the OOM
//! killer, SIGXCPU, SIGXFSZ). clap's usage errors exit with 2.

mod init;
mod run;
mod serve;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Wall-clock limit reached.
pub(crate) const EXIT_TIMEOUT: u8 = 124;
/// codebox itself failed.
pub(crate) const EXIT_INTERNAL: u8 = 125;
/// The interpreter crashed.
pub(crate) const EXIT_CRASHED: u8 = 134;
/// Memory limit reached.
pub(crate) const EXIT_MEMORY: u8 = 137;
/// Fuel budget exhausted.
pub(crate) const EXIT_FUEL: u8 = 152;
/// Output limit reached.
pub(crate) const EXIT_OUTPUT: u8 = 153;
/// The run was cancelled (only embedders cancel; 128 + SIGINT).
pub(crate) const EXIT_CANCELLED: u8 = 130;
/// The program did not compile (Java), as `javac` exits.
pub(crate) const EXIT_COMPILE_ERROR: u8 = 1;

/// Runs interview candidates' code safely and fast.
#[derive(Debug, Parser)]
#[command(name = "codebox", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

impl Cli {
    /// Runs the command and answers the process's exit status; codebox's own failures are
    /// printed here, as one line with their causes.
    pub(crate) fn execute(self) -> ExitCode {
        let outcome = match self.command {
            Command::Run(args) => run::run(&args),
            Command::Serve(args) => serve::serve(&args).map(|()| ExitCode::SUCCESS),
            Command::Init(args) => init::run(&args).map(|()| ExitCode::SUCCESS),
        };
        outcome.unwrap_or_else(|error| {
            eprintln!("codebox: {error:#}");
            ExitCode::from(EXIT_INTERNAL)
        })
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Runs FILE in the sandbox, like `python3 FILE`, `node FILE` or `java FILE` would.
    ///
    /// FILE's folder becomes the program's working directory and the only files it can see
    /// (a private copy: the program's writes never reach the originals). For Java, whose
    /// files compile together, the folder is the root of FILE's package (`src` for
    /// `src/app/Main.java` in `package app;`), and the container engine of DOCKER_HOST runs it. The program's stdout
    /// and stderr become codebox's, and codebox exits with the program's exit code, or with
    /// 124 (timeout), 125 (codebox failed), 134 (crash), 137 (memory), 152 (fuel) or 153
    /// (output) when a limit stopped it.
    Run(RunArgs),
    /// Serves the REST API (sessions, files, executions) on the embedded store, or on
    /// DynamoDB + S3 with `--storage aws`.
    Serve(Box<crate::config::ServeArgs>),
    /// Creates the DynamoDB tables and the S3 bucket of `--storage aws` when they are missing,
    /// printing what it created and what it found; safe to run again.
    Init(init::InitArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {
    /// The program to run.
    pub(crate) file: PathBuf,
    /// The language; by default it comes from FILE's extension (.py, .js, .mjs, .cjs).
    #[arg(long, value_enum)]
    pub(crate) lang: Option<LangArg>,
    /// A file to use as the program's stdin; without it the program reads codebox's own stdin
    /// (nothing, when that is a terminal).
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin: Option<PathBuf>,
    /// The wall-clock limit in milliseconds.
    #[arg(long, value_name = "N", default_value_t = 30_000)]
    pub(crate) timeout_ms: u64,
    /// The memory limit in MiB.
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub(crate) memory_mb: u64,
    /// The fuel budget (about one unit per WebAssembly instruction).
    #[arg(long, value_name = "N")]
    pub(crate) fuel: Option<u64>,
    /// Prints the whole execution result as JSON on stdout instead of the program's output.
    #[arg(long)]
    pub(crate) json: bool,
    /// Returns the files the program makes or changes whose paths, relative to FILE's
    /// folder, match GLOB (`out/*.txt`, `**/*.csv`), in the JSON result's `collectedFiles`
    /// (with --json). May be given up to 16 times.
    #[arg(long, value_name = "GLOB")]
    pub(crate) collect: Vec<String>,
}

/// The languages that `--lang` accepts.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum LangArg {
    /// CPython 3.13.
    Python,
    /// QuickJS with Node-like globals.
    Javascript,
    /// OpenJDK 17, in a container.
    Java,
}
