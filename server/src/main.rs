//! `codebox`: run a file in the sandbox (`codebox run`), or serve the API (`codebox serve`).

#[cfg(test)]
mod api_tests;
mod app;
mod auth;
mod cache;
mod cli;
mod config;
mod error;
#[cfg(test)]
mod infra_tests;
mod init_command;
mod judge;
mod limiter;
mod model;
mod openapi;
mod routes;
mod run_command;
mod service;
mod storage;
mod telemetry;
mod voice;
mod workspace;
mod ws;

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let outcome = match cli.command {
        cli::Command::Run(args) => run_command::run(&args),
        cli::Command::Serve(args) => serve(&args).map(|()| ExitCode::SUCCESS),
        cli::Command::Init(args) => init_command::run(&args).map(|()| ExitCode::SUCCESS),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("codebox: {error:#}");
            ExitCode::from(cli::EXIT_INTERNAL)
        }
    }
}

fn serve(args: &config::ServeArgs) -> anyhow::Result<()> {
    telemetry::init();
    let config = config::Config::from_args(args)?;
    let runtime = codebox_runtime::Runtime::builder()
        .progress(|line| tracing::info!("{line}"))
        .java(args.java_config())
        .build()?;
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting tokio")?;
    tokio.block_on(async move {
        let application = app::Application::build(config, runtime).await?;
        tracing::info!(addr = %application.local_addr()?, "codebox is serving /api/v1");
        application.run_until(app::shutdown_signal()).await
    })
}
