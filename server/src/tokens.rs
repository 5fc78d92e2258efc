//! Session tokens: JWTs (HS256) that open one session for one role until they expire.
//!
//! The platform's backend holds the admin keys and asks codebox for a token per participant
//! (`POST /api/v1/sessions/{sessionId}/tokens`); browsers hold only such tokens. A token is
//! verified by its signature alone, so any host sharing `CODEBOX_TOKEN_SECRET` accepts it
//! without a store lookup. The claims are standard, so a platform may mint tokens itself with
//! any JWT library: `{"sub": SESSION_ID, "role": "candidate" | "interviewer" | "observer",
//! "iat": SECONDS, "exp": SECONDS, "aud": "codebox"}`, signed with HMAC-SHA-256.

use std::fmt;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// The audience every codebox token names.
pub(crate) const AUDIENCE: &str = "codebox";
/// Shortest lifetime a minted token may have.
pub(crate) const MIN_TTL_SECONDS: u64 = 60;
/// Longest lifetime a minted token may have (a day).
pub(crate) const MAX_TTL_SECONDS: u64 = 86_400;
/// Lifetime of a minted token unless the request says otherwise (four hours).
pub(crate) const DEFAULT_TTL_SECONDS: u64 = 4 * 3600;

/// What a session token lets its holder do, on its own session only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Role {
    /// Reads the session, its files and executions, and follows its WebSocket events.
    Observer,
    /// What an observer may, plus writing files, running code, cancelling its runs, audio and
    /// voice commands.
    Candidate,
    /// What a candidate may, plus changing and ending the session and minting observer tokens.
    Interviewer,
}

impl Role {
    /// The name in claims and the API.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Observer => "observer",
            Role::Candidate => "candidate",
            Role::Interviewer => "interviewer",
        }
    }
}

/// A token's claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Claims {
    /// The session it opens.
    pub(crate) sub: String,
    /// What it may do there.
    pub(crate) role: Role,
    /// When it was issued (seconds since the epoch).
    pub(crate) iat: u64,
    /// When it expires (seconds since the epoch).
    pub(crate) exp: u64,
    /// Always [`AUDIENCE`].
    pub(crate) aud: String,
}

/// Signs and verifies tokens with one secret.
#[derive(Clone)]
pub(crate) struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

/// Why a presented token was refused. The API answers every kind with the same `401`; the
/// kind is for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum TokenError {
    /// Its lifetime is over.
    #[error("the token has expired")]
    Expired,
    /// It is not a well-formed JWT, or not signed with this secret, or not for codebox.
    #[error("the token is not valid: {0}")]
    Invalid(String),
}

impl TokenKeys {
    /// Keys from a shared secret (`CODEBOX_TOKEN_SECRET`); `None` when it is empty.
    pub(crate) fn from_secret(secret: &[u8]) -> Option<TokenKeys> {
        let encoding = EncodingKey::from_secret(secret).ok()?;
        let decoding = DecodingKey::from_secret(secret).ok()?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "sub", "aud"]);
        // Hosts' clocks agree to within seconds; a token is not honoured past its expiry.
        validation.leeway = 0;
        Some(TokenKeys {
            encoding,
            decoding,
            validation,
        })
    }

    /// Keys from a secret made now, from the operating system's randomness: tokens then last
    /// only as long as this process.
    pub(crate) fn ephemeral() -> TokenKeys {
        let secret: Vec<u8> = (0..2)
            .flat_map(|_| *uuid::Uuid::new_v4().as_bytes())
            .collect();
        TokenKeys::from_secret(&secret).expect("a non-empty secret")
    }

    /// A token for `session_id` and `role`, valid from `now` for `ttl_seconds`; answers it and
    /// its expiry.
    pub(crate) fn mint(
        &self,
        session_id: &str,
        role: Role,
        now: OffsetDateTime,
        ttl_seconds: u64,
    ) -> (String, OffsetDateTime) {
        let iat = u64::try_from(now.unix_timestamp()).unwrap_or(0);
        let exp = iat + ttl_seconds;
        let claims = Claims {
            sub: session_id.to_owned(),
            role,
            iat,
            exp,
            aud: AUDIENCE.to_owned(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing of plain claims cannot fail");
        let expires_at =
            OffsetDateTime::from_unix_timestamp(i64::try_from(exp).unwrap_or(i64::MAX))
                .unwrap_or(now);
        (token, expires_at)
    }

    /// The claims of a token signed with this secret, for codebox, and not expired.
    pub(crate) fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid(e.to_string()),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(b"a secret shared by every host").unwrap()
    }

    #[test]
    fn a_minted_token_verifies_with_its_claims() {
        let now = OffsetDateTime::now_utc();
        let (token, expires_at) = keys().mint("s-1", Role::Candidate, now, 600);
        let claims = keys().verify(&token).unwrap();
        assert_eq!(claims.sub, "s-1");
        assert_eq!(claims.role, Role::Candidate);
        assert_eq!(claims.aud, AUDIENCE);
        assert_eq!(claims.exp - claims.iat, 600);
        assert_eq!(expires_at.unix_timestamp(), claims.exp as i64);
    }

    #[test]
    fn expired_forged_and_malformed_tokens_are_refused() {
        let long_ago = OffsetDateTime::now_utc() - time::Duration::hours(2);
        let (expired, _) = keys().mint("s-1", Role::Observer, long_ago, 60);
        assert_eq!(keys().verify(&expired), Err(TokenError::Expired));
        let other = TokenKeys::from_secret(b"another secret").unwrap();
        let (forged, _) = other.mint("s-1", Role::Interviewer, OffsetDateTime::now_utc(), 600);
        assert!(matches!(
            keys().verify(&forged),
            Err(TokenError::Invalid(_))
        ));
        assert!(matches!(
            keys().verify("not.a.jwt"),
            Err(TokenError::Invalid(_))
        ));
        assert!(TokenKeys::from_secret(b"").is_none());
    }

    #[test]
    fn a_token_for_another_audience_is_refused() {
        #[derive(Serialize)]
        struct Foreign<'a> {
            sub: &'a str,
            role: &'a str,
            exp: u64,
            aud: &'a str,
        }
        let exp = jsonwebtoken::get_current_timestamp() + 600;
        let key = EncodingKey::from_secret(b"a secret shared by every host").unwrap();
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &Foreign {
                sub: "s-1",
                role: "candidate",
                exp,
                aud: "elsewhere",
            },
            &key,
        )
        .unwrap();
        assert!(matches!(keys().verify(&token), Err(TokenError::Invalid(_))));
    }
}
