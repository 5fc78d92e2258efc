//! The OpenAPI 3.1 document, generated from the handlers' and types' annotations, so that it
//! cannot drift from the code. Served at `/api/v1/openapi.json`.

use utoipa::OpenApi;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr};

use crate::routes::{executions, files, health, sessions};

#[derive(OpenApi)]
#[openapi(
    info(title = "codebox", description = "Runs interview candidates' code: sessions, files and executions."),
    paths(
        health::healthz, health::readyz, crate::metrics::serve,
        sessions::create, sessions::list, sessions::get, sessions::update, sessions::end,
        sessions::mint_token,
        files::list, files::create, files::read, files::update, files::delete,
        executions::execute, executions::list, executions::get,
        crate::ws::upgrade,
        crate::routes::audio::get,
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub(crate) struct ApiDoc;

/// The security scheme, and the answers every authenticated operation may give.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "An admin key (CODEBOX_API_KEYS), for the platform's backend, or a session \
                         token (an HS256 JWT with the claims sub = session id, role = candidate | \
                         interviewer | observer, iat, exp, aud = codebox) from \
                         POST /api/v1/sessions/{sessionId}/tokens, for a participant's browser. \
                         Only the WebSocket route also takes it as ?token=.",
                    ))
                    .build(),
            ),
        );
        let error = || {
            RefOr::T(
                ResponseBuilder::new()
                    .description(
                        "The credential is missing or bad (401), or does not allow this (403)",
                    )
                    .content(
                        "application/json",
                        Content::new(Some(RefOr::Ref(Ref::from_schema_name("ErrorBody")))),
                    )
                    .build(),
            )
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            if !path.starts_with("/api/v1/") || path.ends_with("/openapi.json") {
                continue;
            }
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                for status in ["401", "403"] {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(error);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_lists_every_route() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in [
            "/api/v1/sessions",
            "/api/v1/sessions/{sessionId}/files/{filePath}",
            "/api/v1/sessions/{sessionId}/execute",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} is missing");
        }
        assert!(
            doc["components"]["schemas"]
                .get("ExecutionRecord")
                .is_some()
        );
        let mint = &doc["paths"]["/api/v1/sessions/{sessionId}/tokens"]["post"];
        assert!(mint["responses"].get("201").is_some(), "{mint}");
        for operation in [
            &doc["paths"]["/api/v1/sessions/{sessionId}/files"]["post"],
            &doc["paths"]["/api/v1/sessions"]["get"],
        ] {
            assert!(operation["responses"].get("403").is_some(), "{operation}");
            assert!(operation["responses"].get("401").is_some(), "{operation}");
        }
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["bearerFormat"],
            "JWT"
        );
    }
}
