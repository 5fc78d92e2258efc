//! The AWS backend: sessions and file metadata in DynamoDB; file bytes, execution results and
//! audio in S3, laid out exactly as the spec says. One [`Aws`] value, the two clients and the
//! names of the tables and the bucket, serves as all four stores.
//!
//! - `provision.rs`: creating the tables and the bucket (`codebox init`, `--aws-init`).
//! - `sessions.rs`, `files.rs`, `executions.rs`, `audio.rs`: the four stores, one a file.
//! - `items.rs`: how sessions and files are encoded as DynamoDB items, both ways.
//! - `s3.rs`: the S3 requests the stores share.
//! - `paginate.rs`: the one loop that reads every page of a listing.
//! - `testing.rs`: the moto fixture the tests of every file share.

mod audio;
mod executions;
mod file_usage;
mod files;
mod items;
mod paginate;
mod provision;
mod s3;
mod sessions;
#[cfg(test)]
mod testing;

use std::sync::Arc;

use aws_config::environment::{
    EnvironmentVariableCredentialsProvider, EnvironmentVariableRegionProvider,
};
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::Credentials;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};

use super::{Storage, StoreError};
use crate::config::AwsConfig;

/// Connects to DynamoDB and S3 with the region and credentials of the environment, creates the
/// tables and the bucket first when `config.init` says so, and returns the four stores.
///
/// The region comes from the default chain (`AWS_REGION`, the profile) and falls back to
/// `us-east-1`; credentials come from the default chain. With `config.endpoint`, both clients
/// talk to that endpoint, S3 uses path-style addressing (what local servers expect), and the
/// credentials fall back to static test ones (see [`Aws::from_env`]).
pub(crate) async fn connect(config: &AwsConfig) -> anyhow::Result<Storage> {
    let aws = Aws::from_env(config).await;
    if config.init {
        for line in aws.ensure_resources().await? {
            tracing::info!("{line}");
        }
    }
    Ok(aws.into_storage())
}

/// The DynamoDB and S3 clients and the names of the tables and the bucket: one value serves as
/// all four stores.
#[derive(Debug, Clone)]
pub(crate) struct Aws {
    dynamodb: aws_sdk_dynamodb::Client,
    s3: aws_sdk_s3::Client,
    bucket: String,
    sessions_table: String,
    files_table: String,
    /// The most items or keys one Scan, Query or ListObjectsV2 request returns; `None` leaves it
    /// to the service (1 MB of items, 1000 keys). Tests make it small to exercise pagination.
    page_size: Option<i32>,
}

impl Aws {
    /// Clients configured from the environment (see [`connect`]).
    ///
    /// With a custom endpoint (a local server such as moto in practice), the region and the
    /// credentials come from the environment variables or the profile only, never from the
    /// instance metadata service (which would cost seconds of timeouts where there is none),
    /// and when neither has credentials, static test ones are used: local servers accept any.
    pub(crate) async fn from_env(config: &AwsConfig) -> Aws {
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if config.endpoint.is_some() {
            let region = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
                .or_else(ProfileFileRegionProvider::new())
                .or_else(Region::new("us-east-1"));
            let credentials = CredentialsProviderChain::first_try(
                "Environment",
                EnvironmentVariableCredentialsProvider::new(),
            )
            .or_else("Profile", ProfileFileCredentialsProvider::builder().build())
            .or_else(
                "LocalEndpoint",
                Credentials::new("test", "test", None, None, "codebox-local-endpoint"),
            );
            loader = loader.region(region).credentials_provider(credentials);
        } else {
            loader = loader
                .region(RegionProviderChain::default_provider().or_else(Region::new("us-east-1")));
        }
        Aws::with_sdk_config(&loader.load().await, config)
    }

    /// Clients built from an SDK configuration that is already loaded (tests give static
    /// credentials this way), with `config`'s endpoint and names.
    pub(crate) fn with_sdk_config(sdk: &SdkConfig, config: &AwsConfig) -> Aws {
        let mut dynamodb = aws_sdk_dynamodb::config::Builder::from(sdk);
        let mut s3 = aws_sdk_s3::config::Builder::from(sdk);
        if let Some(endpoint) = &config.endpoint {
            dynamodb = dynamodb.endpoint_url(endpoint);
            s3 = s3.endpoint_url(endpoint).force_path_style(true);
        }
        Aws {
            dynamodb: aws_sdk_dynamodb::Client::from_conf(dynamodb.build()),
            s3: aws_sdk_s3::Client::from_conf(s3.build()),
            bucket: config.bucket.clone(),
            sessions_table: config.sessions_table.clone(),
            files_table: config.files_table.clone(),
            page_size: None,
        }
    }

    /// The four stores, all backed by these clients.
    pub(crate) fn into_storage(self) -> Storage {
        let aws = Arc::new(self);
        Storage {
            sessions: aws.clone(),
            files: aws.clone(),
            results: aws.clone(),
            audio: aws,
            backend: "aws",
        }
    }
}

/// A backend error naming the operation, with the SDK's whole error chain: every DynamoDB and
/// S3 failure of the stores is reported this way.
fn sdk_error<E, R>(operation: &str, error: &SdkError<E, R>) -> StoreError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    StoreError::Backend(format!("{operation}: {}", DisplayErrorContext(error)))
}
