//! The API test suite: every test runs against a real server on a loopback port, once on the
//! embedded store and once on DynamoDB + S3 (a real moto server, started by the suite).
//!
//! `api_test!(name, |app| async move { ... })` defines `name::embedded` and `name::aws`.

pub(crate) mod harness;

mod access;
mod bounds;
mod connections;
mod execute;
mod files;
mod java;
mod judging;
mod observability;
mod sessions;
mod ws;
