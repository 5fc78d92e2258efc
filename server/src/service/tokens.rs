//! Minting session tokens: the platform's backend (an admin key) asks for one per participant,
//! and an interviewer may hand observers their own.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Services;
use crate::access::{Action, Principal};
use crate::error::ApiError;
use crate::model::{Timestamp, now};
use crate::tokens::{DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, MIN_TTL_SECONDS, Role};

/// `POST /sessions/{id}/tokens`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct MintToken {
    /// What the token may do: `candidate`, `interviewer` or `observer`.
    pub(crate) role: Role,
    /// Its lifetime in seconds, 60 to 86400 (a day); four hours by default.
    #[serde(default)]
    pub(crate) ttl_seconds: Option<u64>,
}

/// A minted token, for one participant's browser.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MintedToken {
    /// The token: send it as `Authorization: Bearer <token>`, or `?token=` on the WebSocket.
    pub(crate) token: String,
    /// Its role.
    pub(crate) role: Role,
    /// The session it opens.
    pub(crate) session_id: String,
    /// When it expires.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub(crate) expires_at: Timestamp,
}

impl Services {
    /// Mints a token of the asked role for an existing session.
    pub(crate) async fn mint_token(
        &self,
        principal: &Principal,
        session_id: &str,
        request: MintToken,
    ) -> Result<MintedToken, ApiError> {
        principal.authorize(Some(session_id), Action::MintToken(request.role))?;
        let ttl = request.ttl_seconds.unwrap_or(DEFAULT_TTL_SECONDS);
        if !(MIN_TTL_SECONDS..=MAX_TTL_SECONDS).contains(&ttl) {
            return Err(ApiError::bad_request(
                "invalid_field",
                format!("ttlSeconds must be between {MIN_TTL_SECONDS} and {MAX_TTL_SECONDS}"),
            ));
        }
        self.session(session_id).await?;
        let (token, expires_at) = self
            .config
            .tokens
            .mint(session_id, request.role, now(), ttl);
        Ok(MintedToken {
            token,
            role: request.role,
            session_id: session_id.to_owned(),
            expires_at,
        })
    }
}
