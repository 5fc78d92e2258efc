//! Files: create, read, list, update, delete, nested paths, validation, limits, ended sessions,
//! concurrent writes.

use reqwest::StatusCode;
use serde_json::json;

use super::harness::{Backend, TestApp, api_test, args, assert_error};

api_test!(crud_with_nested_paths, |app| {
    let id = app.session().await;
    let files = format!("/api/v1/sessions/{id}/files");
    let (status, info) = app.post(&files, json!({ "filePath": "utils/helper.py", "content": "def add(a, b):\n    return a + b\n" })).await;
    assert_eq!(status, StatusCode::CREATED, "{info}");
    assert_eq!(info["filePath"], "utils/helper.py");
    assert_eq!(info["size"], 32);
    assert_eq!(info["fileType"], "python");
    app.file(&id, "main.js", "console.log(1)").await;
    let (status, read) = app.get(&format!("{files}/utils/helper.py")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["content"], "def add(a, b):\n    return a + b\n");
    assert_eq!(read["filePath"], "utils/helper.py");
    let (_, list) = app.get(&files).await;
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["filePath"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["main.js", "utils/helper.py"]);
    assert_eq!(list[0]["fileType"], "javascript");
    let (status, updated) = app
        .put(
            &format!("{files}/main.js"),
            json!({ "content": "console.log(2)\n" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["size"], 15);
    assert_eq!(
        app.get(&format!("{files}/main.js")).await.1["content"],
        "console.log(2)\n"
    );
    assert_eq!(
        app.delete(&format!("{files}/main.js")).await.0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &app.get(&format!("{files}/main.js")).await,
        StatusCode::NOT_FOUND,
        "file_not_found",
    );
    assert_error(
        &app.delete(&format!("{files}/main.js")).await,
        StatusCode::NOT_FOUND,
        "file_not_found",
    );
    assert_error(
        &app.put(&format!("{files}/main.js"), json!({ "content": "x" }))
            .await,
        StatusCode::NOT_FOUND,
        "file_not_found",
    );
    // A leading slash, as the spec writes paths, names the same file.
    assert_eq!(
        app.get(&format!("{files}//utils/helper.py")).await.0,
        StatusCode::OK
    );
});

api_test!(duplicates_and_bad_paths_change_nothing, |app| {
    let id = app.session().await;
    let files = format!("/api/v1/sessions/{id}/files");
    app.file(&id, "main.py", "print('original')").await;
    assert_error(
        &app.post(&files, json!({ "filePath": "main.py", "content": "evil" }))
            .await,
        StatusCode::CONFLICT,
        "file_exists",
    );
    for bad in [
        "../escape.py",
        "a/../b.py",
        "a//b.py",
        "./a.py",
        "dir/",
        "a\u{0}b",
        "tab\there",
        &"x/".repeat(40),
    ] {
        assert_error(
            &app.post(&files, json!({ "filePath": bad, "content": "x" }))
                .await,
            StatusCode::BAD_REQUEST,
            "invalid_path",
        );
    }
    assert_error(
        &app.post(
            &files,
            json!({ "filePath": "a".repeat(2000), "content": "x" }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_path",
    );
    assert_error(
        &app.post(&files, json!({ "filePath": "x.py" })).await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
    );
    assert_error(
        &app.post(&files, json!({ "filePath": "x.py", "content": 5 }))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
    );
    assert_eq!(
        app.get(&format!("{files}/main.py")).await.1["content"],
        "print('original')"
    );
    assert_eq!(app.get(&files).await.1.as_array().unwrap().len(), 1);
    assert_error(
        &app.get("/api/v1/sessions/00000000-0000-4000-8000-000000000000/files")
            .await,
        StatusCode::NOT_FOUND,
        "session_not_found",
    );
});

api_test!(ended_sessions_are_read_only, |app| {
    let id = app.session().await;
    let files = format!("/api/v1/sessions/{id}/files");
    app.file(&id, "main.py", "print(1)").await;
    app.delete(&format!("/api/v1/sessions/{id}")).await;
    assert_eq!(app.get(&format!("{files}/main.py")).await.0, StatusCode::OK);
    assert_eq!(app.get(&files).await.0, StatusCode::OK);
    assert_error(
        &app.post(&files, json!({ "filePath": "b.py", "content": "" }))
            .await,
        StatusCode::CONFLICT,
        "session_ended",
    );
    assert_error(
        &app.put(&format!("{files}/main.py"), json!({ "content": "" }))
            .await,
        StatusCode::CONFLICT,
        "session_ended",
    );
    assert_error(
        &app.delete(&format!("{files}/main.py")).await,
        StatusCode::CONFLICT,
        "session_ended",
    );
    assert_eq!(
        app.get(&format!("{files}/main.py")).await.1["content"],
        "print(1)"
    );
});

api_test!(size_limits, |app| {
    let id = app.session().await;
    let files = format!("/api/v1/sessions/{id}/files");
    let limit = app.config.max_file_size as usize;
    let at_limit = "a".repeat(limit);
    assert_eq!(
        app.post(
            &files,
            json!({ "filePath": "big.txt", "content": at_limit })
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let over = "a".repeat(limit + 1);
    assert_error(
        &app.post(&files, json!({ "filePath": "bigger.txt", "content": over }))
            .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "file_too_large",
    );
    assert_error(
        &app.put(
            &format!("{files}/big.txt"),
            json!({ "content": "b".repeat(limit + 1) }),
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "file_too_large",
    );
    assert_eq!(app.get(&format!("{files}/big.txt")).await.1["size"], limit);
    // A body far over any limit is refused before it is read.
    let huge = "x".repeat(app.config.body_limit + 10);
    assert_error(
        &app.post(&files, json!({ "filePath": "huge.txt", "content": huge }))
            .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
    );
});

api_test!(concurrent_writes_to_one_file, |app| {
    let id = app.session().await;
    app.file(&id, "counter.txt", "start").await;
    let mut writers = Vec::new();
    for i in 0..12 {
        let (client, url) = (
            app.client.clone(),
            format!("{}/api/v1/sessions/{id}/files/counter.txt", app.base),
        );
        writers.push(tokio::spawn(async move {
            client
                .put(url)
                .json(&json!({ "content": format!("writer {i}") }))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for writer in writers {
        assert_eq!(writer.await.unwrap(), StatusCode::OK);
    }
    let (_, read) = app
        .get(&format!("/api/v1/sessions/{id}/files/counter.txt"))
        .await;
    let content = read["content"].as_str().unwrap();
    assert!(content.starts_with("writer "), "{content}");
    let (_, list) = app.get(&format!("/api/v1/sessions/{id}/files")).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["size"], content.len());
    // Concurrent creates of one path: exactly one wins.
    let mut creators = Vec::new();
    for i in 0..8 {
        let (client, url) = (
            app.client.clone(),
            format!("{}/api/v1/sessions/{id}/files", app.base),
        );
        creators.push(tokio::spawn(async move {
            client
                .post(url)
                .json(&json!({ "filePath": "race.py", "content": format!("# {i}") }))
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut created = 0;
    for creator in creators {
        match creator.await.unwrap() {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(created, 1);
});

async fn quota_scenario(backend: Backend) {
    let mut options = args();
    options.max_files = 3;
    options.max_session_bytes = 100;
    let app = TestApp::start_with(backend, options).await;
    let id = app.session().await;
    let files = format!("/api/v1/sessions/{id}/files");
    app.file(&id, "a.py", &"a".repeat(40)).await;
    app.file(&id, "b.py", &"b".repeat(40)).await;
    assert_error(
        &app.post(
            &files,
            json!({ "filePath": "c.py", "content": "c".repeat(40) }),
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "session_too_large",
    );
    app.file(&id, "c.py", "c").await;
    assert_error(
        &app.post(&files, json!({ "filePath": "d.py", "content": "" }))
            .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_many_files",
    );
    // A write to a file that does not exist is a 404 even when the session is full.
    assert_error(
        &app.put(&format!("{files}/d.py"), json!({ "content": "" }))
            .await,
        StatusCode::NOT_FOUND,
        "file_not_found",
    );
    // Replacing a file counts its new size, not both.
    assert_eq!(
        app.put(
            &format!("{files}/a.py"),
            json!({ "content": "a".repeat(59) })
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(app.get(&files).await.1.as_array().unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotas_embedded() {
    quota_scenario(Backend::Embedded).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotas_aws() {
    quota_scenario(Backend::Aws).await;
}
