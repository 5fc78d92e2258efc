//! The execution-result store: one record and one log per execution in S3 under
//! [`keys::executions_prefix`], with the latest result and logs copied to
//! [`keys::latest_result`] and [`keys::latest_logs`], where the spec says a reader finds them;
//! and, so that the history is read a page at a time without opening any record, one summary
//! item per execution in the sessions table (`type` = `EXEC#{millis}#{executionId}`, the
//! millisecond zero-padded so that the sort key orders by time, with the summary as JSON in
//! `summary`). A session's history is one Query of those items, newest first.

use async_trait::async_trait;
use bytes::Bytes;

use super::items::{attribute_s, s, session_key};
use super::s3::{JSON, TEXT};
use super::{Aws, sdk_error};
use crate::model::{ExecutionRecord, ExecutionSummary};
use crate::storage::{
    ExecutionPage, ExecutionQuery, Listed, ResultStore, StoreError, StoreResult, keys,
};

/// The sort keys of the execution summaries begin with this.
const SUMMARY_PREFIX: &str = "EXEC#";

/// The sort key of an execution's summary item: ordered by time, then id.
fn summary_sort_key(millis: i128, execution_id: &str) -> String {
    format!("{SUMMARY_PREFIX}{millis:015}#{execution_id}")
}

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
        // Listed only once its record can be read.
        let summary = ExecutionSummary::from(record);
        let (millis, _) = summary.order();
        let mut item = session_key(session_id, &summary_sort_key(millis, execution_id));
        let json = serde_json::to_string(&summary)
            .map_err(|e| StoreError::Backend(format!("serialising a summary: {e}")))?;
        item.insert("summary".to_owned(), s(json));
        self.dynamodb
            .put_item()
            .table_name(&self.sessions_table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| sdk_error(&format!("DynamoDB PutItem {}", self.sessions_table), &e))?;
        Ok(())
    }

    async fn list_executions(
        &self,
        session_id: &str,
        query: &ExecutionQuery,
    ) -> StoreResult<ExecutionPage> {
        // One item past the page tells whether another page follows.
        let limit = i32::try_from(query.limit + 1).unwrap_or(i32::MAX);
        let mut request = self
            .dynamodb
            .query()
            .table_name(&self.sessions_table)
            .key_condition_expression("sessionId = :id AND begins_with(#type, :prefix)")
            .expression_attribute_names("#type", "type")
            .expression_attribute_values(":id", s(session_id))
            .expression_attribute_values(":prefix", s(SUMMARY_PREFIX))
            .scan_index_forward(false)
            .consistent_read(true)
            .limit(limit);
        if let Some((millis, id)) = &query.after {
            request = request.set_exclusive_start_key(Some(session_key(
                session_id,
                &summary_sort_key(*millis, id),
            )));
        }
        let output = request.send().await.map_err(|e| {
            sdk_error(
                &format!("DynamoDB Query {} ({session_id})", self.sessions_table),
                &e,
            )
        })?;
        let executions = output
            .items()
            .iter()
            .map(|item| {
                let json = item
                    .get("summary")
                    .ok_or_else(|| StoreError::Backend("a summary item lacks its summary".into()))
                    .and_then(|value| attribute_s(value, "summary"))?;
                serde_json::from_str::<ExecutionSummary>(json).map_err(|e| {
                    StoreError::Backend(format!("an execution summary of {session_id}: {e}"))
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(ExecutionPage::first(executions, query.limit))
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

        let listed = all(aws, id).await;
        let ids: Vec<_> = listed.iter().map(|e| e.execution_id.as_str()).collect();
        assert_eq!(ids, ["e-3", "e-2", "e-1"]);
        assert_eq!(listed[1], ExecutionSummary::from(&second));
        assert!(all(aws, "x-none").await.is_empty());

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

        // The history is read from the summaries, without opening a record.
        aws.delete_object(&keys::execution(id, "e-2"))
            .await
            .unwrap();
        assert_eq!(all(aws, id).await, listed);
    }

    /// The whole history, a page of two at a time.
    async fn all(aws: &Aws, session_id: &str) -> Vec<ExecutionSummary> {
        let mut listed = Vec::new();
        let mut after = None;
        loop {
            let page = aws
                .list_executions(session_id, &ExecutionQuery { limit: 2, after })
                .await
                .unwrap();
            assert!(page.executions.len() <= 2);
            listed.extend(page.executions);
            match page.next {
                Some(token) => after = crate::storage::parse_page_token(&token),
                None => return listed,
            }
        }
    }

    #[tokio::test]
    async fn the_history_comes_a_page_at_a_time_newest_first() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let base = t("2024-05-01T10:00:00Z");
        for i in 0..7 {
            let r = record(
                "m-1",
                &format!("e-{i:02}"),
                base + time::Duration::seconds(i),
                true,
            );
            aws.put_execution(&r, "").await.unwrap();
        }
        // A record written again (a provisional one replaced) is listed once.
        let again = record("m-1", "e-03", base + time::Duration::seconds(3), false);
        aws.put_execution(&again, "").await.unwrap();
        let listed = all(aws, "m-1").await;
        let expected: Vec<String> = (0..7).rev().map(|i| format!("e-{i:02}")).collect();
        assert_eq!(
            listed
                .iter()
                .map(|e| e.execution_id.clone())
                .collect::<Vec<_>>(),
            expected
        );
        assert!(!listed[3].success);
    }
}
