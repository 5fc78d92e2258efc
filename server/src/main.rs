//! `codebox`: run a file in the sandbox (`codebox run`), or serve the API.

mod cli;
mod run_command;
mod workspace;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let outcome = match cli.command {
        cli::Command::Run(args) => run_command::run(&args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("codebox: {error:#}");
            ExitCode::from(cli::EXIT_INTERNAL)
        }
    }
}
