//! Sessions: create, list, read, change, end; errors.

use reqwest::StatusCode;
use serde_json::json;

use super::harness::{api_test, assert_error};

api_test!(create_and_read, |app| {
    let (status, created) = app
        .post(
            "/api/v1/sessions",
            json!({ "templateId": "t1", "candidateName": "Ada", "config": { "timeoutMs": 5000 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "active");
    assert!(uuid::Uuid::parse_str(created["sessionId"].as_str().unwrap()).is_ok());
    assert!(created["createdAt"].as_str().unwrap().ends_with('Z'));
    let id = created["sessionId"].as_str().unwrap();
    let (status, read) = app.get(&format!("/api/v1/sessions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, created);
});

api_test!(unknown_and_malformed, |app| {
    assert_error(
        &app.get("/api/v1/sessions/00000000-0000-4000-8000-000000000000")
            .await,
        StatusCode::NOT_FOUND,
        "session_not_found",
    );
    assert_error(
        &app.get("/api/v1/sessions/not-a-uuid").await,
        StatusCode::NOT_FOUND,
        "session_not_found",
    );
    assert_error(
        &app.post("/api/v1/sessions", json!({ "candidateName": "x" }))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
    );
    assert_error(
        &app.post("/api/v1/sessions", json!({ "templateId": "" }))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_field",
    );
    assert_error(
        &app.post("/api/v1/sessions", json!({ "templateId": "t", "bogus": 1 }))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
    );
    let answer = app
        .post(
            "/api/v1/sessions",
            json!({ "templateId": "t", "config": { "allowedLanguages": ["cobol"] } }),
        )
        .await;
    assert_eq!(answer.0, StatusCode::BAD_REQUEST, "{}", answer.1);
    let raw = app
        .client
        .post(format!("{}/api/v1/sessions", app.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = raw.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_json");
    assert_error(
        &app.get("/api/v1/nothing-here").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.call(reqwest::Method::PATCH, "/api/v1/sessions", None)
            .await,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
});

api_test!(update_and_end, |app| {
    let id = app.session().await;
    let (status, updated) = app
        .put(
            &format!("/api/v1/sessions/{id}"),
            json!({ "candidateName": "Grace", "config": { "memoryMb": 64 } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["candidateName"], "Grace");
    assert_eq!(updated["config"]["memoryMb"], 64);
    let (status, ended) = app.delete(&format!("/api/v1/sessions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ended["status"], "completed");
    let (_, read) = app.get(&format!("/api/v1/sessions/{id}")).await;
    assert_eq!(read["status"], "completed");
    assert_eq!(read["candidateName"], "Grace");
    assert_error(
        &app.put(
            &format!("/api/v1/sessions/{id}"),
            json!({ "candidateName": "x" }),
        )
        .await,
        StatusCode::CONFLICT,
        "session_ended",
    );
});

api_test!(list_paginates_newest_first_and_filters, |app| {
    let template = format!("list-{}", uuid::Uuid::new_v4());
    let mut ids = Vec::new();
    for _ in 0..5 {
        let (_, body) = app
            .post("/api/v1/sessions", json!({ "templateId": template }))
            .await;
        ids.push(body["sessionId"].as_str().unwrap().to_owned());
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    }
    app.delete(&format!("/api/v1/sessions/{}", ids[0])).await;
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let query = match &token {
            Some(t) => format!("/api/v1/sessions?limit=2&pageToken={t}"),
            None => "/api/v1/sessions?limit=2".to_owned(),
        };
        let (status, page) = app.get(&query).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page["sessions"].as_array().unwrap().len() <= 2);
        for s in page["sessions"].as_array().unwrap() {
            if s["templateId"] == template.as_str() {
                seen.push(s["sessionId"].as_str().unwrap().to_owned());
            }
        }
        match page["nextPageToken"].as_str() {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(seen, newest_first);
    let (_, completed) = app.get("/api/v1/sessions?status=completed&limit=100").await;
    assert!(
        completed["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["sessionId"] == ids[0].as_str())
    );
    assert!(
        completed["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "completed")
    );
    assert_error(
        &app.get("/api/v1/sessions?status=sleeping").await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    );
    assert_error(
        &app.get("/api/v1/sessions?limit=0").await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    );
    assert_error(
        &app.get("/api/v1/sessions?pageToken=garbage").await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    );
});

api_test!(health_readiness_and_openapi, |app| {
    assert_eq!(app.get("/healthz").await.0, StatusCode::OK);
    let (status, ready) = app.get("/readyz").await;
    assert_eq!(status, StatusCode::OK, "{ready}");
    assert_eq!(
        ready["storage"]["backend"],
        if app.backend == crate::api_tests::harness::Backend::Aws {
            "aws"
        } else {
            "embedded"
        }
    );
    let (status, doc) = app.get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["paths"]["/api/v1/sessions/{sessionId}/execute"]["post"].is_object());
});
