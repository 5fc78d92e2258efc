//! The execution-result store, in S3 only: one record and one log per execution under
//! [`keys::executions_prefix`], with the latest result and logs copied to
//! [`keys::latest_result`] and [`keys::latest_logs`], where the spec says a reader finds them.

use async_trait::async_trait;
use bytes::Bytes;

use super::Aws;
use super::s3::{JSON, TEXT};
use crate::model::{ExecutionRecord, ExecutionSummary};
use crate::storage::{ResultStore, StoreError, StoreResult, keys};

#[async_trait]
impl ResultStore for Aws {
    async fn put_execution(&self, record: &ExecutionRecord, logs: &str) -> StoreResult<()> {
        let json = Bytes::from(serde_json::to_vec_pretty(record).map_err(|e| {
            StoreError::Backend(format!(
                "serialising execution {}: {e}",
                record.execution_id
            ))
        })?);
        let logs = Bytes::copy_from_slice(logs.as_bytes());
        let (session_id, execution_id) = (&record.session_id, &record.execution_id);
        self.put_object(
            &keys::execution(session_id, execution_id),
            json.clone(),
            JSON,
        )
        .await?;
        self.put_object(
            &keys::execution_logs(session_id, execution_id),
            logs.clone(),
            TEXT,
        )
        .await?;
        self.put_object(&keys::latest_result(session_id), json, JSON)
            .await?;
        self.put_object(&keys::latest_logs(session_id), logs, TEXT)
            .await?;
        Ok(())
    }

    async fn list_executions(&self, session_id: &str) -> StoreResult<Vec<ExecutionSummary>> {
        let keys = self.list_keys(&keys::executions_prefix(session_id)).await?;
        let records = keys.into_iter().filter(|key| key.ends_with(".json"));
        let mut summaries = Vec::new();
        for (key, body) in self
            .get_objects(records.collect(), "execution records")
            .await?
        {
            // A record deleted since the listing is skipped.
            if let Some(body) = body {
                summaries.push(ExecutionSummary::from(&parse_record(&key, &body)?));
            }
        }
        summaries.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| b.execution_id.cmp(&a.execution_id))
        });
        Ok(summaries)
    }

    async fn get_execution(
        &self,
        session_id: &str,
        execution_id: &str,
    ) -> StoreResult<Option<ExecutionRecord>> {
        let key = keys::execution(session_id, execution_id);
        match self.get_object(&key).await? {
            Some(body) => Ok(Some(parse_record(&key, &body)?)),
            None => Ok(None),
        }
    }
}

/// The execution record stored at `key`.
fn parse_record(key: &str, body: &[u8]) -> StoreResult<ExecutionRecord> {
    serde_json::from_slice(body).map_err(|e| {
        StoreError::Backend(format!("S3 object {key} is not an execution record: {e}"))
    })
}

#[cfg(test)]
mod tests {

    use super::super::testing::{fixture, raw_object, t};
    use super::*;
    use crate::model::Timestamp;

    fn record(
        session_id: &str,
        execution_id: &str,
        created_at: Timestamp,
        success: bool,
    ) -> ExecutionRecord {
        ExecutionRecord {
            created_at,
            success,
            output: format!("output of {execution_id}\n"),
            exit_code: Some(if success { 0 } else { 1 }),
            execution_time: 12.5,
            fuel_consumed: 1234,
            peak_memory_bytes: 65536,
            ..ExecutionRecord::example(session_id, execution_id)
        }
    }

    #[tokio::test]
    async fn executions_are_stored_listed_and_read() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let id = "x-1";
        let first = record(id, "e-1", t("2024-05-01T10:00:00Z"), true);
        let second = record(id, "e-2", t("2024-05-01T10:05:00Z"), false);
        let tied = record(id, "e-3", t("2024-05-01T10:05:00Z"), true);
        aws.put_execution(&first, "log one\n").await.unwrap();
        aws.put_execution(&second, "log two\n").await.unwrap();
        aws.put_execution(&tied, "log three\n").await.unwrap();
        aws.put_execution(
            &record("x-other", "e-9", t("2030-01-01T00:00:00Z"), true),
            "",
        )
        .await
        .unwrap();

        let listed = aws.list_executions(id).await.unwrap();
        let ids: Vec<_> = listed.iter().map(|e| e.execution_id.as_str()).collect();
        assert_eq!(ids, ["e-3", "e-2", "e-1"]);
        assert_eq!(listed[1], ExecutionSummary::from(&second));
        assert!(aws.list_executions("x-none").await.unwrap().is_empty());

        assert_eq!(
            aws.get_execution(id, "e-2").await.unwrap(),
            Some(second.clone())
        );
        assert_eq!(aws.get_execution(id, "e-404").await.unwrap(), None);
        assert_eq!(aws.get_execution("x-other", "e-1").await.unwrap(), None);

        // Outputs carry the tag the bucket's lifecycle rules expire them by.
        let tags = aws
            .s3
            .get_object_tagging()
            .bucket(&aws.bucket)
            .key(format!(
                "interview-sessions/session-{id}/outputs/execution-results.json"
            ))
            .send()
            .await
            .unwrap();
        let tags: Vec<_> = tags
            .tag_set()
            .iter()
            .map(|t| (t.key(), t.value()))
            .collect();
        assert_eq!(tags, [("codebox-kind", "outputs")]);

        // The keys of the spec: per execution, and the latest result and logs.
        let json = |key: String| async move {
            serde_json::from_slice::<ExecutionRecord>(&raw_object(aws, &key).await.unwrap())
                .unwrap()
        };
        assert_eq!(
            json(format!(
                "interview-sessions/session-{id}/outputs/executions/e-1.json"
            ))
            .await,
            first
        );
        assert_eq!(
            json(format!(
                "interview-sessions/session-{id}/outputs/execution-results.json"
            ))
            .await,
            tied
        );
        let text = |key: String| async move {
            String::from_utf8(raw_object(aws, &key).await.unwrap()).unwrap()
        };
        assert_eq!(
            text(format!(
                "interview-sessions/session-{id}/outputs/executions/e-2.log"
            ))
            .await,
            "log two\n"
        );
        assert_eq!(
            text(format!("interview-sessions/session-{id}/outputs/logs.txt")).await,
            "log three\n"
        );
    }

    #[tokio::test]
    async fn execution_listings_read_every_page() {
        let mut fixture = fixture().await;
        fixture.aws.page_size = Some(3);
        let aws = &fixture.aws;
        let base = t("2024-05-01T10:00:00Z");
        for i in 0..20 {
            let r = record(
                "m-1",
                &format!("e-{i:02}"),
                base + time::Duration::seconds(i),
                true,
            );
            aws.put_execution(&r, "").await.unwrap();
        }
        let listed = aws.list_executions("m-1").await.unwrap();
        let expected: Vec<String> = (0..20).rev().map(|i| format!("e-{i:02}")).collect();
        assert_eq!(
            listed
                .iter()
                .map(|e| e.execution_id.clone())
                .collect::<Vec<_>>(),
            expected
        );
    }
}
