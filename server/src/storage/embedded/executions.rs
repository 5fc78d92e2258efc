//! Execution records in the `executions` table, the history read a page at a time by its index.

use async_trait::async_trait;
use rusqlite::{OptionalExtension, params};

use super::{Embedded, backend, millis};
use crate::model::{ExecutionRecord, ExecutionSummary};
use crate::storage::{ExecutionPage, ExecutionQuery, ResultStore, StoreError, StoreResult};

#[async_trait]
impl ResultStore for Embedded {
    async fn put_execution(&self, record: &ExecutionRecord, logs: &str) -> StoreResult<()> {
        let json = serde_json::to_string(record)
            .map_err(|e| StoreError::Backend(format!("encoding a result: {e}")))?;
        let (session, id, at, logs) = (
            record.session_id.clone(),
            record.execution_id.clone(),
            millis(record.created_at),
            logs.to_owned(),
        );
        self.with(move |c| {
            c.execute(
                "INSERT OR REPLACE INTO executions (session_id, execution_id, created_at, record, logs) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![session, id, at, json, logs],
            )
            .map_err(backend)?;
            Ok(())
        })
        .await
    }

    async fn list_executions(
        &self,
        session_id: &str,
        query: &ExecutionQuery,
    ) -> StoreResult<ExecutionPage> {
        let id = session_id.to_owned();
        let (after_millis, after_id) = match &query.after {
            Some((millis, id)) => (Some(i64::try_from(*millis).unwrap_or(i64::MAX)), id.clone()),
            None => (None, String::new()),
        };
        let limit = query.limit;
        // One row past the page tells whether another page follows.
        let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
        let executions = self
            .with(move |c| {
                let mut statement = c
                    .prepare(
                        "SELECT record FROM executions WHERE session_id = ?1 \
                         AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND execution_id < ?3)) \
                         ORDER BY created_at DESC, execution_id DESC LIMIT ?4",
                    )
                    .map_err(backend)?;
                let records: Vec<String> = statement
                    .query_map(params![id, after_millis, after_id, fetch], |row| row.get(0))
                    .map_err(backend)?
                    .collect::<rusqlite::Result<_>>()
                    .map_err(backend)?;
                records
                    .iter()
                    .map(|json| {
                        serde_json::from_str::<ExecutionRecord>(json)
                            .map(|r| ExecutionSummary::from(&r))
                            .map_err(|e| StoreError::Backend(format!("decoding a result: {e}")))
                    })
                    .collect::<StoreResult<Vec<_>>>()
            })
            .await?;
        Ok(ExecutionPage::first(executions, limit))
    }

    async fn get_execution(
        &self,
        session_id: &str,
        execution_id: &str,
    ) -> StoreResult<Option<ExecutionRecord>> {
        let (session, id) = (session_id.to_owned(), execution_id.to_owned());
        self.with(move |c| {
            let json: Option<String> = c
                .query_row(
                    "SELECT record FROM executions WHERE session_id = ?1 AND execution_id = ?2",
                    [session, id],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            json.map(|j| {
                serde_json::from_str(&j)
                    .map_err(|e| StoreError::Backend(format!("decoding a result: {e}")))
            })
            .transpose()
        })
        .await
    }
}
