//! Creating the two tables and the bucket the stores need, for `codebox init` and for a server
//! started with `--aws-init`: a deployment that made them by other means never runs this.

use std::time::{Duration, Instant};

use anyhow::bail;
use aws_sdk_dynamodb::error::DisplayErrorContext;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType, TableStatus,
};
use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};

use super::Aws;

/// How long `ensure_resources` waits for a new table to become ACTIVE.
const TABLE_ACTIVE_TIMEOUT: Duration = Duration::from_secs(120);

impl Aws {
    /// Creates the two tables and the bucket when they are missing, and waits until the tables
    /// are ACTIVE. Running it again changes nothing. Returns one line per resource saying
    /// whether it was created or found.
    pub(crate) async fn ensure_resources(&self) -> anyhow::Result<Vec<String>> {
        let mut lines = Vec::new();
        lines.push(self.ensure_table(&self.sessions_table, "type").await?);
        lines.push(self.ensure_table(&self.files_table, "filePath").await?);
        lines.push(self.ensure_bucket().await?);
        Ok(lines)
    }

    /// Creates a table keyed by `sessionId` and `sort_key` (both strings, on-demand billing)
    /// unless it exists, then waits until it is ACTIVE.
    async fn ensure_table(&self, table: &str, sort_key: &str) -> anyhow::Result<String> {
        let mut key_schema = Vec::new();
        let mut attributes = Vec::new();
        for (name, key_type) in [("sessionId", KeyType::Hash), (sort_key, KeyType::Range)] {
            key_schema.push(
                KeySchemaElement::builder()
                    .attribute_name(name)
                    .key_type(key_type)
                    .build()?,
            );
            attributes.push(
                AttributeDefinition::builder()
                    .attribute_name(name)
                    .attribute_type(ScalarAttributeType::S)
                    .build()?,
            );
        }
        let created = match self
            .dynamodb
            .create_table()
            .table_name(table)
            .billing_mode(BillingMode::PayPerRequest)
            .set_key_schema(Some(key_schema))
            .set_attribute_definitions(Some(attributes))
            .send()
            .await
        {
            Ok(_) => true,
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_in_use_exception()) =>
            {
                false
            }
            Err(e) => bail!(
                "creating DynamoDB table {table}: {}",
                DisplayErrorContext(&e)
            ),
        };
        let start = Instant::now();
        loop {
            let described = self
                .dynamodb
                .describe_table()
                .table_name(table)
                .send()
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "describing DynamoDB table {table}: {}",
                        DisplayErrorContext(&e)
                    )
                })?;
            let status = described.table.and_then(|t| t.table_status);
            if status == Some(TableStatus::Active) {
                break;
            }
            if start.elapsed() > TABLE_ACTIVE_TIMEOUT {
                bail!(
                    "DynamoDB table {table} is not ACTIVE after {TABLE_ACTIVE_TIMEOUT:?} (status {status:?})"
                );
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        Ok(if created {
            format!("DynamoDB table {table}: created")
        } else {
            format!("DynamoDB table {table}: found")
        })
    }

    /// Creates the bucket unless it exists (and is ours).
    async fn ensure_bucket(&self) -> anyhow::Result<String> {
        let bucket = &self.bucket;
        match self.s3.head_bucket().bucket(bucket).send().await {
            Ok(_) => return Ok(format!("S3 bucket {bucket}: found")),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_not_found()) => {}
            Err(e) => bail!(
                "looking for S3 bucket {bucket}: {}",
                DisplayErrorContext(&e)
            ),
        }
        let mut request = self.s3.create_bucket().bucket(bucket);
        // us-east-1 is the default location and must not be named; every other region must be.
        let region = self.s3.config().region().map(|r| r.as_ref().to_owned());
        if let Some(region) = region.filter(|r| r != "us-east-1") {
            request = request.create_bucket_configuration(
                CreateBucketConfiguration::builder()
                    .location_constraint(BucketLocationConstraint::from(region.as_str()))
                    .build(),
            );
        }
        match request.send().await {
            Ok(_) => Ok(format!("S3 bucket {bucket}: created")),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_bucket_already_owned_by_you()) =>
            {
                Ok(format!("S3 bucket {bucket}: found"))
            }
            Err(e) => bail!("creating S3 bucket {bucket}: {}", DisplayErrorContext(&e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::super::connect;
    use super::super::testing::{fixture, session, t};
    use super::*;
    use crate::config::AwsConfig;
    use crate::model::SessionStatus;
    use crate::storage::moto::MotoServer;
    use crate::storage::{SessionStore, StoreError};

    #[tokio::test]
    async fn ensure_resources_is_idempotent() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let lines = aws.ensure_resources().await.unwrap();
        assert_eq!(
            lines,
            vec![
                format!("DynamoDB table {}: found", aws.sessions_table),
                format!("DynamoDB table {}: found", aws.files_table),
                format!("S3 bucket {}: found", aws.bucket),
            ]
        );
        aws.ping().await.unwrap();

        // A fresh set of names is created, and found the second time.
        let fresh = Aws {
            sessions_table: "t1".into(),
            files_table: "t2".into(),
            bucket: "b-fresh".into(),
            ..aws.clone()
        };
        assert_eq!(
            fresh.ensure_resources().await.unwrap(),
            [
                "DynamoDB table t1: created",
                "DynamoDB table t2: created",
                "S3 bucket b-fresh: created"
            ]
        );
        assert_eq!(
            fresh.ensure_resources().await.unwrap(),
            [
                "DynamoDB table t1: found",
                "DynamoDB table t2: found",
                "S3 bucket b-fresh: found"
            ]
        );

        // A table that is not there makes the ping fail, naming the operation.
        let missing = Aws {
            sessions_table: "no-such-table".into(),
            ..aws.clone()
        };
        let error = missing.ping().await.unwrap_err().to_string();
        assert!(
            error.contains("DynamoDB DescribeTable no-such-table"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn connect_with_init_creates_what_is_missing() {
        let moto = MotoServer::start();
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let config = AwsConfig {
            bucket: format!("connect-{suffix}"),
            sessions_table: format!("sessions-{suffix}"),
            files_table: format!("files-{suffix}"),
            endpoint: Some(moto.endpoint()),
            init: true,
        };
        // The environment's credentials, or the test ones a local endpoint falls back to.
        let storage = connect(&config).await.unwrap();
        assert_eq!(storage.backend, "aws");
        storage.sessions.ping().await.unwrap();
        let created = session("c-1", t("2024-05-01T10:00:00Z"), SessionStatus::Active);
        storage.sessions.create_session(&created).await.unwrap();
        assert_eq!(
            storage.sessions.get_session("c-1").await.unwrap(),
            Some(created)
        );
        let info = storage.files.create_file(
            "c-1",
            "main.py",
            Bytes::from_static(b"1"),
            crate::model::now(),
        );
        assert_eq!(info.await.unwrap().size, 1);
        assert!(
            storage
                .results
                .list_executions(
                    "c-1",
                    &crate::storage::ExecutionQuery {
                        limit: 10,
                        after: None
                    }
                )
                .await
                .unwrap()
                .executions
                .is_empty()
        );

        // Without init, nothing is created: a missing table shows in the ping.
        let other = AwsConfig {
            sessions_table: format!("absent-{suffix}"),
            init: false,
            ..config
        };
        let storage = connect(&other).await.unwrap();
        assert!(matches!(
            storage.sessions.ping().await,
            Err(StoreError::Backend(_))
        ));
    }
}
