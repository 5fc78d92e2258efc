//! Sessions in the `sessions` table: one row each, the configuration as JSON.

use async_trait::async_trait;
use rusqlite::{OptionalExtension, params};

use super::{Embedded, backend, from_millis, millis};
use crate::model::{Session, SessionConfig, SessionStatus};
use crate::storage::{
    SessionPage, SessionQuery, SessionStore, StoreError, StoreResult, WriteMode, after_token,
    parse_page_token,
};

fn session_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Session> {
    let status: String = row.get(1)?;
    let config: String = row.get(4)?;
    Ok(Session {
        session_id: row.get(0)?,
        status: SessionStatus::parse(&status).unwrap_or(SessionStatus::Terminated),
        template_id: row.get(2)?,
        candidate_name: row.get(3)?,
        config: serde_json::from_str::<SessionConfig>(&config).unwrap_or_default(),
        created_at: from_millis(row.get(5)?),
        updated_at: from_millis(row.get(6)?),
    })
}

const SESSION_COLUMNS: &str =
    "session_id, status, template_id, candidate_name, config, created_at, updated_at";

fn config_json(session: &Session) -> StoreResult<String> {
    serde_json::to_string(&session.config)
        .map_err(|e| StoreError::Backend(format!("encoding a session config: {e}")))
}

#[async_trait]
impl SessionStore for Embedded {
    async fn write_session(&self, session: &Session, mode: WriteMode) -> StoreResult<()> {
        let sql = match mode {
            WriteMode::Create => {
                "INSERT OR IGNORE INTO sessions (session_id, status, template_id, candidate_name, config, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            }
            // The creation time never changes, so ?6 goes unused.
            WriteMode::Update => {
                "UPDATE sessions SET status = ?2, template_id = ?3, candidate_name = ?4, config = ?5, updated_at = ?7
                 WHERE session_id = ?1"
            }
        };
        let session = session.clone();
        let config = config_json(&session)?;
        self.with(move |c| {
            let written = c
                .execute(
                    sql,
                    params![
                        session.session_id,
                        session.status.as_str(),
                        session.template_id,
                        session.candidate_name,
                        config,
                        millis(session.created_at),
                        millis(session.updated_at)
                    ],
                )
                .map_err(backend)?;
            if written == 0 {
                Err(mode.conflict())
            } else {
                Ok(())
            }
        })
        .await
    }

    async fn get_session(&self, session_id: &str) -> StoreResult<Option<Session>> {
        let id = session_id.to_owned();
        self.with(move |c| {
            c.query_row(
                &format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE session_id = ?1"),
                [id],
                session_from_row,
            )
            .optional()
            .map_err(backend)
        })
        .await
    }

    async fn list_sessions(&self, query: &SessionQuery) -> StoreResult<SessionPage> {
        let query = query.clone();
        self.with(move |c| {
            let after = query.after.as_deref().and_then(parse_page_token);
            let mut statement = c
                .prepare(&format!(
                    "SELECT {SESSION_COLUMNS} FROM sessions
                     WHERE (?1 IS NULL OR status = ?1)
                       AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND session_id < ?3))
                     ORDER BY created_at DESC, session_id DESC LIMIT ?4"
                ))
                .map_err(backend)?;
            let limit = i64::try_from(query.limit + 1).unwrap_or(i64::MAX);
            let status = query.status.map(SessionStatus::as_str);
            let (after_millis, after_id) = match &after {
                Some((ms, id)) => (
                    Some(i64::try_from(*ms).unwrap_or(i64::MAX)),
                    Some(id.clone()),
                ),
                None => (None, None),
            };
            let sessions: Vec<Session> = statement
                .query_map(
                    params![status, after_millis, after_id, limit],
                    session_from_row,
                )
                .map_err(backend)?
                .collect::<rusqlite::Result<_>>()
                .map_err(backend)?;
            debug_assert!(
                after
                    .as_ref()
                    .is_none_or(|t| sessions.iter().all(|s| after_token(s, t)))
            );
            Ok(SessionPage::first(sessions, query.limit))
        })
        .await
    }

    async fn ping(&self) -> StoreResult<()> {
        self.with(|c| c.query_row("SELECT 1", [], |_| Ok(())).map_err(backend))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;
    use crate::storage::embedded::tests::store;

    fn session(id: &str, status: SessionStatus, created_at: Timestamp) -> Session {
        Session {
            session_id: id.to_owned(),
            status,
            template_id: "two-sum".to_owned(),
            candidate_name: Some("Ada".to_owned()),
            config: SessionConfig::default(),
            created_at,
            updated_at: created_at,
        }
    }

    #[tokio::test]
    async fn sessions_are_created_once_and_updated_in_place() {
        let (_dir, storage) = store();
        let sessions = &storage.sessions;
        let created = session("s-1", SessionStatus::Active, from_millis(1_000));
        sessions.create_session(&created).await.unwrap();
        let duplicate = session("s-1", SessionStatus::Terminated, from_millis(2_000));
        assert!(matches!(
            sessions.create_session(&duplicate).await,
            Err(StoreError::AlreadyExists)
        ));
        assert_eq!(
            sessions.get_session("s-1").await.unwrap(),
            Some(created.clone())
        );

        // An update changes everything but the creation time, which it cannot move.
        let mut updated = session("s-1", SessionStatus::Completed, from_millis(5_000));
        updated.candidate_name = None;
        updated.config.timeout_ms = Some(100);
        updated.updated_at = from_millis(6_000);
        sessions.update_session(&updated).await.unwrap();
        updated.created_at = created.created_at;
        assert_eq!(sessions.get_session("s-1").await.unwrap(), Some(updated));

        let ghost = session("s-ghost", SessionStatus::Active, from_millis(1_000));
        assert!(matches!(
            sessions.update_session(&ghost).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(sessions.get_session("s-ghost").await.unwrap(), None);
    }
}
