//! The deployment template, checked for real: `infra/tests/deploy_check.py` lints
//! `infra/cloudformation.yaml` with cfn-lint, deploys it into a local moto server's
//! CloudFormation, and verifies the tables, the bucket and the role; then the server's AWS
//! backend works against exactly what the template created.

use std::path::Path;
use std::process::Command;

use bytes::Bytes;

use crate::config::AwsConfig;
use crate::model::{Session, SessionConfig, SessionStatus, now};
use crate::storage::moto::MotoServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_deploys_and_the_backend_works_on_it() {
    let moto = MotoServer::start();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the repository");
    let suffix = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let output = Command::new("python3")
        .current_dir(root)
        .args([
            "infra/tests/deploy_check.py",
            "--endpoint",
            &moto.endpoint(),
            "--suffix",
            &suffix,
        ])
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "deploy_check.py failed:\n{stderr}");
    let outputs: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the stack's outputs as JSON");
    let name = |key: &str| {
        outputs[key]
            .as_str()
            .unwrap_or_else(|| panic!("output {key} in {outputs}"))
            .to_owned()
    };

    let storage = crate::storage::aws::connect(&AwsConfig {
        bucket: name("BucketName"),
        sessions_table: name("SessionsTableName"),
        files_table: name("FilesTableName"),
        endpoint: Some(moto.endpoint()),
        init: false,
    })
    .await
    .expect("connect to the deployed resources");
    storage.sessions.ping().await.unwrap();
    let at = now();
    let session = Session {
        session_id: uuid::Uuid::new_v4().to_string(),
        status: SessionStatus::Active,
        template_id: "deployed".into(),
        candidate_name: None,
        config: SessionConfig::default(),
        created_at: at,
        updated_at: at,
    };
    storage.sessions.create_session(&session).await.unwrap();
    assert_eq!(
        storage
            .sessions
            .get_session(&session.session_id)
            .await
            .unwrap(),
        Some(session.clone())
    );
    storage
        .files
        .create_file(
            &session.session_id,
            "utils/helper.py",
            Bytes::from_static(b"x = 1\n"),
            at,
        )
        .await
        .unwrap();
    let file = storage
        .files
        .get_file(&session.session_id, "utils/helper.py")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.content.as_ref(), b"x = 1\n");
}
