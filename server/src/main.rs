//! `codebox`: run a file in the sandbox (`codebox run`), or serve the API (`codebox serve`).

mod access;
#[cfg(test)]
mod api_tests;
mod app;
mod auth;
mod cli;
mod config;
mod console;
mod error;
mod events;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod infra_tests;
mod metrics;
mod model;
mod openapi;
mod origin;
mod request_id;
mod routes;
mod service;
mod storage;
mod sync;
mod telemetry;
mod tokens;
mod voice;
mod ws;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cli::Cli::parse().execute()
}
