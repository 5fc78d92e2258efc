//! Sessions: create, list, read, change, end.

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::Services;
use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::model::{Session, SessionConfig, SessionStatus, now};
use crate::storage::{SessionQuery, StoreError};

/// Longest template id or candidate name.
const MAX_NAME: usize = 200;
/// Largest page of the session listing.
const MAX_PAGE: usize = 100;

/// `POST /sessions`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CreateSession {
    /// The interview template.
    pub(crate) template_id: String,
    /// Who is interviewed.
    #[serde(default)]
    pub(crate) candidate_name: Option<String>,
    /// Per-session settings.
    #[serde(default)]
    pub(crate) config: Option<SessionConfig>,
}

/// `PUT /sessions/{id}`: what to change; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct UpdateSession {
    /// A new candidate name.
    #[serde(default)]
    pub(crate) candidate_name: Option<String>,
    /// New settings (replacing the old ones).
    #[serde(default)]
    pub(crate) config: Option<SessionConfig>,
    /// `completed` or `terminated` ends the session; an ended session cannot become active.
    #[serde(default)]
    pub(crate) status: Option<SessionStatus>,
}

/// `GET /sessions` query.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only sessions with this status.
    pub(crate) status: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub(crate) limit: Option<usize>,
    /// The `nextPageToken` of the previous page.
    pub(crate) page_token: Option<String>,
}

/// A page of sessions, newest first.
#[derive(Debug, serde::Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SessionList {
    pub(crate) sessions: Vec<Session>,
    /// Pass as `pageToken` for the next page; absent on the last one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) next_page_token: Option<String>,
}

fn check_name(field: &str, value: &str, required: bool) -> Result<(), ApiError> {
    if required && value.trim().is_empty() {
        return Err(ApiError::bad_request(
            "invalid_field",
            format!("{field} must not be empty"),
        ));
    }
    if value.chars().count() > MAX_NAME || value.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "invalid_field",
            format!("{field} must be at most {MAX_NAME} characters, without control characters"),
        ));
    }
    Ok(())
}

impl Services {
    fn check_config(&self, config: &SessionConfig) -> Result<(), ApiError> {
        if let Some(languages) = &config.allowed_languages {
            for &language in languages {
                self.check_supported(language)?;
            }
        }
        if let Some(ms) = config.timeout_ms
            && (ms == 0 || u128::from(ms) > self.config.max_timeout.as_millis())
        {
            return Err(ApiError::bad_request(
                "invalid_field",
                format!(
                    "config.timeoutMs must be between 1 and {}",
                    self.config.max_timeout.as_millis()
                ),
            ));
        }
        if let Some(mb) = config.memory_mb
            && !(1..=4096).contains(&mb)
        {
            return Err(ApiError::bad_request(
                "invalid_field",
                "config.memoryMb must be between 1 and 4096",
            ));
        }
        Ok(())
    }

    pub(crate) async fn create_session(
        &self,
        principal: &Principal,
        request: CreateSession,
    ) -> Result<Session, ApiError> {
        principal.authorize(None, Action::CreateSession)?;
        check_name("templateId", &request.template_id, true)?;
        if let Some(name) = &request.candidate_name {
            check_name("candidateName", name, false)?;
        }
        let config = request.config.unwrap_or_default();
        self.check_config(&config)?;
        let at = now();
        let session = Session {
            session_id: uuid::Uuid::new_v4().to_string(),
            status: SessionStatus::Active,
            template_id: request.template_id,
            candidate_name: request.candidate_name,
            config,
            created_at: at,
            updated_at: at,
        };
        match self.storage.sessions.create_session(&session).await {
            Ok(()) => Ok(session),
            Err(StoreError::AlreadyExists) => {
                Err(ApiError::Internal("a fresh session id was taken".into()))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub(crate) async fn list_sessions(
        &self,
        principal: &Principal,
        query: ListQuery,
    ) -> Result<SessionList, ApiError> {
        principal.authorize(None, Action::ListSessions)?;
        let status = match query.status.as_deref() {
            None => None,
            Some(s) => Some(SessionStatus::parse(s).ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_query",
                    format!("status must be active, completed or terminated, not {s:?}"),
                )
            })?),
        };
        let limit = query.limit.unwrap_or(20);
        if !(1..=MAX_PAGE).contains(&limit) {
            return Err(ApiError::bad_request(
                "invalid_query",
                format!("limit must be between 1 and {MAX_PAGE}"),
            ));
        }
        if let Some(token) = &query.page_token
            && crate::storage::parse_page_token(token).is_none()
        {
            return Err(ApiError::bad_request(
                "invalid_query",
                "pageToken is not one this server gave",
            ));
        }
        let page = self
            .storage
            .sessions
            .list_sessions(&SessionQuery {
                status,
                limit,
                after: query.page_token,
            })
            .await?;
        Ok(SessionList {
            sessions: page.sessions,
            next_page_token: page.next,
        })
    }

    /// `GET /sessions/{id}`.
    pub(crate) async fn get_session(
        &self,
        principal: &Principal,
        session_id: &str,
    ) -> Result<Session, ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        self.session(session_id).await
    }

    pub(crate) async fn update_session(
        &self,
        principal: &Principal,
        session_id: &str,
        request: UpdateSession,
    ) -> Result<Session, ApiError> {
        principal.authorize(Some(session_id), Action::UpdateSession)?;
        let _guard = self.lock_session(session_id).await;
        let mut session = self.session(session_id).await?;
        if session.status != SessionStatus::Active {
            return Err(ApiError::conflict(
                "session_ended",
                format!(
                    "session {session_id} is {} and cannot change",
                    session.status.as_str()
                ),
            ));
        }
        if let Some(name) = request.candidate_name {
            check_name("candidateName", &name, false)?;
            session.candidate_name = Some(name);
        }
        if let Some(config) = request.config {
            self.check_config(&config)?;
            session.config = config;
        }
        if let Some(status) = request.status {
            session.status = status;
        }
        session.updated_at = now();
        self.store_update(&session).await?;
        Ok(session)
    }

    /// Ends a session (`completed`), keeping its data. Ending an ended session is a no-op.
    pub(crate) async fn end_session(
        &self,
        principal: &Principal,
        session_id: &str,
    ) -> Result<Session, ApiError> {
        principal.authorize(Some(session_id), Action::EndSession)?;
        let _guard = self.lock_session(session_id).await;
        let mut session = self.session(session_id).await?;
        if session.status == SessionStatus::Active {
            session.status = SessionStatus::Completed;
            session.updated_at = now();
            self.store_update(&session).await?;
        }
        Ok(session)
    }

    async fn store_update(&self, session: &Session) -> Result<(), ApiError> {
        match self.storage.sessions.update_session(session).await {
            Ok(()) => Ok(()),
            Err(StoreError::NotFound) => Err(ApiError::not_found(
                "session_not_found",
                "the session disappeared",
            )),
            Err(e) => Err(e.into()),
        }
    }
}
