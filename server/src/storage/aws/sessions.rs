//! The session store on DynamoDB's `interview-sessions` table. Each session is two items, written
//! together in one transaction so that a reader never sees one without the other; listings scan
//! the METADATA items and then fetch the CONFIG items of the page only.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{KeysAndAttributes, Put, TransactWriteItem};

use super::items::{
    CONFIG, Item, METADATA, config_from_item, s, session_from_items, session_items, session_key,
    write_condition,
};
use super::paginate::{all_pages, dynamodb_next};
use super::{Aws, sdk_error};
use crate::model::Session;
use crate::storage::{
    Listed, SessionPage, SessionQuery, SessionStore, StoreError, StoreResult, WriteMode,
    after_token, parse_page_token,
};

impl Aws {
    /// One item of the sessions table, read consistently.
    pub(super) async fn sessions_item(&self, key: Item) -> StoreResult<Option<Item>> {
        self.dynamodb
            .get_item()
            .table_name(&self.sessions_table)
            .set_key(Some(key))
            .consistent_read(true)
            .send()
            .await
            .map(|output| output.item)
            .map_err(|e| sdk_error(&format!("DynamoDB GetItem {}", self.sessions_table), &e))
    }

    /// The CONFIG items of `session_ids`, by session id (BatchGetItem, 100 keys at a time,
    /// retrying unprocessed keys).
    async fn get_configs(&self, session_ids: &[&str]) -> StoreResult<HashMap<String, Item>> {
        let mut configs = HashMap::new();
        for chunk in session_ids.chunks(100) {
            let keys: Vec<Item> = chunk.iter().map(|id| session_key(id, CONFIG)).collect();
            let mut pending = Some(
                KeysAndAttributes::builder()
                    .set_keys(Some(keys))
                    .consistent_read(true)
                    .build()
                    .map_err(|e| {
                        StoreError::Backend(format!("building a DynamoDB BatchGetItem: {e}"))
                    })?,
            );
            let mut attempt = 0u32;
            while let Some(request) = pending.take() {
                let output = self
                    .dynamodb
                    .batch_get_item()
                    .request_items(&self.sessions_table, request)
                    .send()
                    .await
                    .map_err(|e| {
                        sdk_error(
                            &format!("DynamoDB BatchGetItem {}", self.sessions_table),
                            &e,
                        )
                    })?;
                for item in output
                    .responses
                    .unwrap_or_default()
                    .remove(&self.sessions_table)
                    .unwrap_or_default()
                {
                    if let Some(id) = item.get("sessionId").and_then(|v| v.as_s().ok()) {
                        configs.insert(id.clone(), item);
                    }
                }
                pending = output
                    .unprocessed_keys
                    .unwrap_or_default()
                    .remove(&self.sessions_table)
                    .filter(|rest| !rest.keys().is_empty());
                if pending.is_some() {
                    // DynamoDB throttled part of the batch: back off a little, as its docs ask.
                    attempt += 1;
                    if attempt > 10 {
                        return Err(StoreError::Backend(format!(
                            "DynamoDB BatchGetItem {}: keys still unprocessed after {attempt} attempts",
                            self.sessions_table
                        )));
                    }
                    tokio::time::sleep(Duration::from_millis(50 << attempt.min(5))).await;
                }
            }
        }
        Ok(configs)
    }
}

#[async_trait]
impl SessionStore for Aws {
    async fn write_session(&self, session: &Session, mode: WriteMode) -> StoreResult<()> {
        // Both items in one transaction, each under the condition of `mode`.
        let (metadata, config) = session_items(session)?;
        let condition = write_condition(mode, "sessionId");
        let mut request = self.dynamodb.transact_write_items();
        for item in [metadata, config] {
            let put = Put::builder()
                .table_name(&self.sessions_table)
                .set_item(Some(item))
                .condition_expression(&condition)
                .build()
                .map_err(|e| StoreError::Backend(format!("building a DynamoDB Put: {e}")))?;
            request = request.transact_items(TransactWriteItem::builder().put(put).build());
        }
        match request.send().await {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_cancellation(&e) => Err(mode.conflict()),
            Err(e) => Err(sdk_error(
                &format!(
                    "DynamoDB TransactWriteItems {} ({})",
                    self.sessions_table, session.session_id
                ),
                &e,
            )),
        }
    }

    async fn get_session(&self, session_id: &str) -> StoreResult<Option<Session>> {
        let output = self
            .dynamodb
            .query()
            .table_name(&self.sessions_table)
            .key_condition_expression("sessionId = :id")
            .expression_attribute_values(":id", s(session_id))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| {
                sdk_error(
                    &format!("DynamoDB Query {} ({session_id})", self.sessions_table),
                    &e,
                )
            })?;
        let items = output.items.unwrap_or_default();
        let of_type = |kind: &str| {
            items.iter().find(|item| {
                item.get("type")
                    .and_then(|v| v.as_s().ok())
                    .is_some_and(|t| t == kind)
            })
        };
        match of_type(METADATA) {
            Some(metadata) => Ok(Some(session_from_items(metadata, of_type(CONFIG))?)),
            None => Ok(None),
        }
    }

    async fn list_sessions(&self, query: &SessionQuery) -> StoreResult<SessionPage> {
        let mut filter = "#t = :metadata".to_owned();
        let mut request = self
            .dynamodb
            .scan()
            .table_name(&self.sessions_table)
            .set_limit(self.page_size)
            .consistent_read(true)
            .expression_attribute_names("#t", "type")
            .expression_attribute_values(":metadata", s(METADATA));
        if let Some(status) = query.status {
            filter.push_str(" AND #s = :status");
            request = request
                .expression_attribute_names("#s", "status")
                .expression_attribute_values(":status", s(status.as_str()));
        }
        let request = request.filter_expression(filter);

        // Every matching session, without its configuration yet: the order is known only once
        // all of them are read.
        let table = self.sessions_table.as_str();
        let items = all_pages(move |start| {
            let page = request.clone().set_exclusive_start_key(start);
            async move {
                let output = page
                    .send()
                    .await
                    .map_err(|e| sdk_error(&format!("DynamoDB Scan {table}"), &e))?;
                Ok((
                    output.items.unwrap_or_default(),
                    dynamodb_next(output.last_evaluated_key),
                ))
            }
        })
        .await?;
        let mut sessions = items
            .iter()
            .map(|item| session_from_items(item, None))
            .collect::<StoreResult<Vec<Session>>>()?;
        sessions.sort_by(|a, b| b.order().cmp(&a.order()));
        // A token that is not one of ours is ignored, as the embedded store does.
        if let Some(token) = query.after.as_deref().and_then(parse_page_token) {
            sessions.retain(|session| after_token(session, &token));
        }
        let mut page = SessionPage::first(sessions, query.limit);

        let ids: Vec<&str> = page
            .sessions
            .iter()
            .map(|s| s.session_id.as_str())
            .collect();
        let configs = self.get_configs(&ids).await?;
        for session in &mut page.sessions {
            if let Some(item) = configs.get(&session.session_id) {
                session.config = config_from_item(item)?;
            }
        }
        Ok(page)
    }

    async fn ping(&self) -> StoreResult<()> {
        self.dynamodb
            .describe_table()
            .table_name(&self.sessions_table)
            .send()
            .await
            .map_err(|e| {
                sdk_error(
                    &format!("DynamoDB DescribeTable {}", self.sessions_table),
                    &e,
                )
            })?;
        Ok(())
    }
}

/// Whether a transaction was cancelled because a condition failed (and for no other reason,
/// such as a conflict with another transaction).
fn is_conditional_cancellation<R>(error: &SdkError<TransactWriteItemsError, R>) -> bool {
    match error.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => {
            let codes: Vec<&str> = cancelled
                .cancellation_reasons()
                .iter()
                .filter_map(|r| r.code())
                .collect();
            if codes.is_empty() {
                // Without reasons, the message is all there is to go by.
                cancelled
                    .message()
                    .is_some_and(|m| m.contains("ConditionalCheckFailed"))
            } else {
                codes.contains(&"ConditionalCheckFailed")
                    && codes
                        .iter()
                        .all(|c| matches!(*c, "ConditionalCheckFailed" | "None"))
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use codebox_runtime::Language;

    use super::super::testing::{attr, fixture, session, t};
    use super::*;
    use crate::model::{SessionConfig, SessionStatus};
    use crate::storage::page_token;

    /// An item of the sessions table, read with the raw client.
    async fn raw_session_item(aws: &Aws, id: &str, kind: &str) -> Option<Item> {
        aws.dynamodb
            .get_item()
            .table_name(&aws.sessions_table)
            .key("sessionId", s(id))
            .key("type", s(kind))
            .consistent_read(true)
            .send()
            .await
            .unwrap()
            .item
    }

    #[tokio::test]
    async fn sessions_are_created_read_and_updated() {
        let fixture = fixture().await;
        let aws = &fixture.aws;
        let mut created = session("s-1", t("2024-05-01T10:00:00.123Z"), SessionStatus::Active);
        created.candidate_name = Some("Ada".into());
        created.config = SessionConfig {
            allowed_languages: Some(vec![Language::Python]),
            timeout_ms: Some(5000),
            memory_mb: None,
        };
        aws.create_session(&created).await.unwrap();
        assert_eq!(aws.get_session("s-1").await.unwrap(), Some(created.clone()));

        // The two items, exactly as the spec lays them out.
        let metadata = raw_session_item(aws, "s-1", "METADATA").await.unwrap();
        assert_eq!(attr(&metadata, "createdAt"), "2024-05-01T10:00:00.123Z");
        assert_eq!(attr(&metadata, "updatedAt"), "2024-05-01T10:00:00.123Z");
        assert_eq!(attr(&metadata, "status"), "active");
        assert_eq!(attr(&metadata, "templateId"), "two-sum");
        assert_eq!(attr(&metadata, "candidateName"), "Ada");
        assert_eq!(metadata.len(), 7, "{metadata:?}");
        let config = raw_session_item(aws, "s-1", "CONFIG").await.unwrap();
        assert_eq!(
            attr(&config, "config"),
            r#"{"allowedLanguages":["python"],"timeoutMs":5000}"#
        );
        assert_eq!(config.len(), 3, "{config:?}");

        // The id is taken; the original is intact.
        let mut duplicate = session("s-1", t("2024-06-01T00:00:00Z"), SessionStatus::Terminated);
        duplicate.template_id = "other".into();
        assert!(matches!(
            aws.create_session(&duplicate).await,
            Err(StoreError::AlreadyExists)
        ));
        assert_eq!(aws.get_session("s-1").await.unwrap(), Some(created.clone()));

        // An update replaces both items; candidateName disappears when it becomes None.
        let mut updated = created.clone();
        updated.status = SessionStatus::Completed;
        updated.candidate_name = None;
        updated.config = SessionConfig::default();
        updated.updated_at = t("2024-05-01T11:00:00Z");
        aws.update_session(&updated).await.unwrap();
        assert_eq!(aws.get_session("s-1").await.unwrap(), Some(updated));
        let metadata = raw_session_item(aws, "s-1", "METADATA").await.unwrap();
        assert!(!metadata.contains_key("candidateName"));
        assert_eq!(attr(&metadata, "status"), "completed");
        assert_eq!(attr(&metadata, "updatedAt"), "2024-05-01T11:00:00Z");
        assert_eq!(
            attr(
                &raw_session_item(aws, "s-1", "CONFIG").await.unwrap(),
                "config"
            ),
            "{}"
        );

        // Updating a missing session creates nothing.
        let ghost = session("s-ghost", t("2024-05-01T10:00:00Z"), SessionStatus::Active);
        assert!(matches!(
            aws.update_session(&ghost).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(aws.get_session("s-ghost").await.unwrap(), None);
        assert!(raw_session_item(aws, "s-ghost", "METADATA").await.is_none());
        assert!(raw_session_item(aws, "s-ghost", "CONFIG").await.is_none());
    }

    #[tokio::test]
    async fn sessions_are_listed_newest_first_by_page() {
        let mut fixture = fixture().await;
        // Scan pages of two items, most of them filtered out: the listing must read them all.
        fixture.aws.page_size = Some(2);
        let aws = &fixture.aws;
        // Seven sessions; two pairs share a creation millisecond, so the id breaks the tie.
        let base = t("2024-05-01T10:00:00Z");
        let specs = [
            ("a", 0, SessionStatus::Active),
            ("b", 1, SessionStatus::Completed),
            ("c", 2, SessionStatus::Active),
            ("d", 2, SessionStatus::Active),
            ("e", 3, SessionStatus::Terminated),
            ("f", 4, SessionStatus::Active),
            ("g", 4, SessionStatus::Active),
        ];
        for (id, minutes, status) in specs {
            let mut s = session(id, base + time::Duration::minutes(minutes), status);
            s.config.timeout_ms = Some(1000 + minutes as u64);
            aws.create_session(&s).await.unwrap();
        }

        // Pages of two: four pages, newest first, each session with its configuration.
        let mut seen = Vec::new();
        let mut after = None;
        let mut pages = 0;
        loop {
            let page = aws
                .list_sessions(&SessionQuery {
                    status: None,
                    limit: 2,
                    after: after.clone(),
                })
                .await
                .unwrap();
            pages += 1;
            for session in &page.sessions {
                let minutes = (session.created_at - base).whole_minutes();
                assert_eq!(
                    session.config.timeout_ms,
                    Some(1000 + minutes as u64),
                    "{session:?}"
                );
                seen.push(session.session_id.clone());
            }
            match page.next {
                Some(next) => {
                    assert_eq!(next, page_token(page.sessions.last().unwrap()));
                    after = Some(next);
                }
                None => break,
            }
            assert!(pages < 10, "the listing does not end");
        }
        assert_eq!(pages, 4);
        assert_eq!(seen, ["g", "f", "e", "d", "c", "b", "a"]);

        // The whole listing in one page has no next token.
        let all = aws
            .list_sessions(&SessionQuery {
                status: None,
                limit: 7,
                after: None,
            })
            .await
            .unwrap();
        assert_eq!(all.sessions.len(), 7);
        assert_eq!(all.next, None);

        // Filtered by status, and paginated within the filter.
        let query = SessionQuery {
            status: Some(SessionStatus::Active),
            limit: 3,
            after: None,
        };
        let first = aws.list_sessions(&query).await.unwrap();
        let ids: Vec<_> = first
            .sessions
            .iter()
            .map(|s| s.session_id.as_str())
            .collect();
        assert_eq!(ids, ["g", "f", "d"]);
        let second = aws
            .list_sessions(&SessionQuery {
                after: first.next,
                ..query
            })
            .await
            .unwrap();
        let ids: Vec<_> = second
            .sessions
            .iter()
            .map(|s| s.session_id.as_str())
            .collect();
        assert_eq!(ids, ["c", "a"]);
        assert_eq!(second.next, None);
        let done = aws
            .list_sessions(&SessionQuery {
                status: Some(SessionStatus::Completed),
                limit: 10,
                after: None,
            })
            .await
            .unwrap();
        assert_eq!(
            done.sessions
                .iter()
                .map(|s| s.session_id.as_str())
                .collect::<Vec<_>>(),
            ["b"]
        );

        // A token that is not ours is ignored, as in the embedded store.
        let page = aws
            .list_sessions(&SessionQuery {
                status: None,
                limit: 1,
                after: Some("junk".into()),
            })
            .await
            .unwrap();
        assert_eq!(page.sessions[0].session_id, "g");
    }
}
