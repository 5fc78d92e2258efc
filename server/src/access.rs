//! Who may do what: the credential a request presented, the actions of the API, and the one
//! rule that decides between them.
//!
//! Every action of the service layer names itself and asks [`Principal::authorize`] before it
//! touches anything, so REST and the WebSocket answer the same way: `401 unauthorized` when
//! there is no acceptable credential, `403 forbidden` when the credential is good but its role
//! does not allow the action or it opens another session.

use crate::error::ApiError;
use crate::tokens::{Claims, Role};

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Principal {
    /// An admin key (`CODEBOX_API_KEYS`): the platform's backend. May do everything.
    Admin,
    /// No credential, on a server without admin keys (which listens on loopback only): today's
    /// local behaviour, everything allowed.
    Local,
    /// A session token.
    Session {
        /// The session it opens.
        session_id: String,
        /// What it may do there.
        role: Role,
        /// When it stops opening anything (seconds since the epoch): a WebSocket opened with
        /// it outlives the handshake, so each action checks again.
        expires_at: u64,
    },
}

impl From<Claims> for Principal {
    fn from(claims: Claims) -> Self {
        Principal::Session {
            session_id: claims.sub,
            role: claims.role,
            expires_at: claims.exp,
        }
    }
}

/// An action of the API, as the authorisation rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// `POST /sessions`.
    CreateSession,
    /// `GET /sessions`: every interview of the platform.
    ListSessions,
    /// Read the session, its files, executions and audio; open its WebSocket and follow it.
    Read,
    /// Create, update or delete a file.
    WriteFiles,
    /// Run code, or cancel one's runs.
    Execute,
    /// Send audio or voice commands.
    Speak,
    /// `PUT /sessions/{id}`: configuration, candidate name, status.
    UpdateSession,
    /// `DELETE /sessions/{id}`.
    EndSession,
    /// Mint a token of this role for the session.
    MintToken(Role),
}

impl Action {
    /// A few words for the `403` message.
    fn describe(self) -> String {
        match self {
            Action::CreateSession => "create sessions".to_owned(),
            Action::ListSessions => "list sessions".to_owned(),
            Action::Read => "read this session".to_owned(),
            Action::WriteFiles => "change files".to_owned(),
            Action::Execute => "run code".to_owned(),
            Action::Speak => "send audio or voice commands".to_owned(),
            Action::UpdateSession => "change the session".to_owned(),
            Action::EndSession => "end the session".to_owned(),
            Action::MintToken(role) => format!("mint {} tokens", role.name()),
        }
    }
}

/// Whether `role` allows `action` on its own session.
fn allows(role: Role, action: Action) -> bool {
    match action {
        Action::Read => true,
        Action::WriteFiles | Action::Execute | Action::Speak => {
            matches!(role, Role::Candidate | Role::Interviewer)
        }
        Action::UpdateSession | Action::EndSession | Action::MintToken(Role::Observer) => {
            role == Role::Interviewer
        }
        Action::MintToken(_) | Action::CreateSession | Action::ListSessions => false,
    }
}

impl Principal {
    /// Allows `action` on `session_id` (`None` for actions on no one session), or answers
    /// `403 forbidden`, or `401 unauthorized` once a token has expired.
    pub(crate) fn authorize(
        &self,
        session_id: Option<&str>,
        action: Action,
    ) -> Result<(), ApiError> {
        let (own, role, expires_at) = match self {
            Principal::Admin | Principal::Local => return Ok(()),
            Principal::Session {
                session_id,
                role,
                expires_at,
            } => (session_id, *role, *expires_at),
        };
        if jsonwebtoken::get_current_timestamp() >= expires_at {
            return Err(ApiError::Unauthorized);
        }
        if session_id.is_some_and(|asked| asked != own) {
            return Err(ApiError::forbidden("this token opens another session"));
        }
        if session_id.is_none() || !allows(role, action) {
            return Err(ApiError::forbidden(format!(
                "a {} token may not {}",
                role.name(),
                action.describe()
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [Action; 11] = [
        Action::CreateSession,
        Action::ListSessions,
        Action::Read,
        Action::WriteFiles,
        Action::Execute,
        Action::Speak,
        Action::UpdateSession,
        Action::EndSession,
        Action::MintToken(Role::Observer),
        Action::MintToken(Role::Candidate),
        Action::MintToken(Role::Interviewer),
    ];

    fn session(role: Role) -> Principal {
        Principal::Session {
            session_id: "s-1".to_owned(),
            role,
            expires_at: jsonwebtoken::get_current_timestamp() + 600,
        }
    }

    #[test]
    fn the_matrix_on_the_tokens_own_session() {
        let allowed = |role| -> Vec<Action> {
            ACTIONS
                .into_iter()
                .filter(|&a| {
                    let on = match a {
                        Action::CreateSession | Action::ListSessions => None,
                        _ => Some("s-1"),
                    };
                    session(role).authorize(on, a).is_ok()
                })
                .collect()
        };
        assert_eq!(allowed(Role::Observer), [Action::Read]);
        assert_eq!(
            allowed(Role::Candidate),
            [
                Action::Read,
                Action::WriteFiles,
                Action::Execute,
                Action::Speak
            ]
        );
        assert_eq!(
            allowed(Role::Interviewer),
            [
                Action::Read,
                Action::WriteFiles,
                Action::Execute,
                Action::Speak,
                Action::UpdateSession,
                Action::EndSession,
                Action::MintToken(Role::Observer)
            ]
        );
        for action in ACTIONS {
            Principal::Admin.authorize(Some("s-1"), action).unwrap();
            Principal::Local.authorize(None, action).unwrap();
        }
    }

    #[test]
    fn an_expired_token_is_unauthorized() {
        let expired = Principal::Session {
            session_id: "s-1".to_owned(),
            role: Role::Interviewer,
            expires_at: jsonwebtoken::get_current_timestamp() - 1,
        };
        let refused = expired.authorize(Some("s-1"), Action::Read).unwrap_err();
        assert_eq!(refused.code(), "unauthorized");
    }

    #[test]
    fn no_role_reaches_another_session() {
        for role in [Role::Observer, Role::Candidate, Role::Interviewer] {
            for action in ACTIONS {
                assert!(session(role).authorize(Some("s-2"), action).is_err());
            }
        }
    }
}
