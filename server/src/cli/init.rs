//! `codebox init`: creates the DynamoDB tables and the S3 bucket when they are missing, and
//! says what it created and what it found. Running it again changes nothing.

use anyhow::{Context, Result};

use crate::config::AwsArgs;
use crate::storage::aws::Aws;

/// `codebox init`'s options, with the same environment variables as `codebox serve`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InitArgs {
    #[command(flatten)]
    pub(crate) aws: AwsArgs,
}

/// Creates what is missing; answers one line per resource ("... created" or "... found").
pub(crate) async fn init(args: &InitArgs) -> Result<Vec<String>> {
    Aws::from_env(&args.aws.config(true))
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
            aws: AwsArgs {
                s3_bucket: format!("init-bucket-{}", &suffix[..12]),
                sessions_table: format!("init-sessions-{suffix}"),
                files_table: format!("init-files-{suffix}"),
                aws_endpoint: Some(moto.endpoint()),
            },
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
        let storage = crate::storage::aws::connect(&args.aws.config(false))
            .await
            .unwrap();
        storage.sessions.ping().await.unwrap();
    }
}
