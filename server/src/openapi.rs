//! The OpenAPI 3.1 document, generated from the handlers' and types' annotations, so that it
//! cannot drift from the code. Served at `/api/v1/openapi.json`.

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::routes::{executions, files, health, sessions};

#[derive(OpenApi)]
#[openapi(
    info(title = "codebox", description = "Runs interview candidates' code: sessions, files and executions."),
    paths(
        health::healthz, health::readyz,
        sessions::create, sessions::list, sessions::get, sessions::update, sessions::end,
        files::list, files::create, files::read, files::update, files::delete,
        executions::execute, executions::list, executions::get,
        crate::ws::upgrade,
        crate::routes::audio::get,
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub(crate) struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
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
    }
}
