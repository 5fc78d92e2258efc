//! Reading executions back: the history a page at a time, and one record.

use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::model::{ExecutionRecord, ExecutionSummary};
use crate::service::Services;
use crate::storage::{ExecutionQuery, parse_page_token};

/// Most executions one page of the history lists.
pub(crate) const MAX_HISTORY_PAGE: usize = 100;

impl Services {
    /// One page of the session's executions, newest first: at most `limit` (1 to
    /// [`MAX_HISTORY_PAGE`]) after the place `page_token` gives (the previous page's
    /// `x-next-page-token`), and the token of the next page when there is one.
    pub(crate) async fn list_executions(
        &self,
        principal: &Principal,
        session_id: &str,
        limit: Option<usize>,
        page_token: Option<&str>,
    ) -> Result<(Vec<ExecutionSummary>, Option<String>), ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        let limit = limit.unwrap_or(MAX_HISTORY_PAGE);
        if !(1..=MAX_HISTORY_PAGE).contains(&limit) {
            return Err(ApiError::bad_request(
                "invalid_query",
                format!("limit must be between 1 and {MAX_HISTORY_PAGE}"),
            ));
        }
        let after = match page_token {
            None => None,
            Some(token) => Some(parse_page_token(token).ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_query",
                    "pageToken is not a token this listing gave",
                )
            })?),
        };
        self.session(session_id).await?;
        let page = self
            .storage
            .results
            .list_executions(session_id, &ExecutionQuery { limit, after })
            .await?;
        Ok((page.executions, page.next))
    }

    pub(crate) async fn get_execution(
        &self,
        principal: &Principal,
        session_id: &str,
        execution_id: &str,
    ) -> Result<ExecutionRecord, ApiError> {
        principal.authorize(Some(session_id), Action::Read)?;
        self.session(session_id).await?;
        self.storage
            .results
            .get_execution(session_id, execution_id)
            .await?
            .ok_or_else(|| {
                ApiError::not_found(
                    "execution_not_found",
                    format!("there is no execution {execution_id:?} in this session"),
                )
            })
    }
}
