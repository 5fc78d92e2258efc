//! `codebox init`: creates the DynamoDB tables and the S3 bucket when they are missing, and
//! says what it created and what it found. Running it again changes nothing.

use anyhow::{Context, Result};

use crate::config::AwsConfig;
use crate::storage::aws::Aws;

/// `codebox init`'s options, with the same environment variables as `codebox serve`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InitArgs {
    /// The S3 bucket.
    #[arg(
        long,
        env = "S3_BUCKET",
        default_value = "voice-interview-platform-storage"
    )]
    pub(crate) s3_bucket: String,
    /// The sessions table.
    #[arg(
        long,
        env = "DYNAMODB_SESSIONS_TABLE",
        default_value = "interview-sessions"
    )]
    pub(crate) sessions_table: String,
    /// The files table.
    #[arg(long, env = "DYNAMODB_FILES_TABLE", default_value = "session-files")]
    pub(crate) files_table: String,
    /// An endpoint for both S3 and DynamoDB (a local server such as moto).
    #[arg(long, env = "CODEBOX_AWS_ENDPOINT")]
    pub(crate) aws_endpoint: Option<String>,
}

/// Creates what is missing; answers one line per resource ("... created" or "... found").
pub(crate) async fn init(args: &InitArgs) -> Result<Vec<String>> {
    let config = AwsConfig {
        bucket: args.s3_bucket.clone(),
        sessions_table: args.sessions_table.clone(),
        files_table: args.files_table.clone(),
        endpoint: args.aws_endpoint.clone(),
        init: true,
    };
    Aws::from_env(&config)
        .await
        .ensure_resources()
        .await
        .context("creating the AWS resources")
}

/// The command: prints what it did.
pub(crate) fn run(args: &InitArgs) -> Result<()> {
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting tokio")?;
    for line in tokio.block_on(init(args))? {
        println!("{line}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::moto::MotoServer;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn init_creates_once_then_finds() {
        let moto = MotoServer::start();
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let args = InitArgs {
            s3_bucket: format!("init-bucket-{}", &suffix[..12]),
            sessions_table: format!("init-sessions-{suffix}"),
            files_table: format!("init-files-{suffix}"),
            aws_endpoint: Some(moto.endpoint()),
        };
        let first = init(&args).await.unwrap();
        assert_eq!(first.len(), 3, "{first:?}");
        assert!(
            first.iter().all(|line| line.contains("created")),
            "{first:?}"
        );
        let second = init(&args).await.unwrap();
        assert!(
            second.iter().all(|line| line.contains("found")),
            "{second:?}"
        );
        // The resources work: a session stored through them reads back.
        let storage = crate::storage::aws::connect(&AwsConfig {
            bucket: args.s3_bucket.clone(),
            sessions_table: args.sessions_table.clone(),
            files_table: args.files_table.clone(),
            endpoint: args.aws_endpoint.clone(),
            init: false,
        })
        .await
        .unwrap();
        storage.sessions.ping().await.unwrap();
    }
}
