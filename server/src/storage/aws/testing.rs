//! The harness the tests of every store share: a moto server with freshly named tables and
//! bucket, and readers that look at what was stored with the raw clients, past the code under
//! test.

use aws_config::{BehaviorVersion, Region};
use aws_sdk_dynamodb::config::Credentials;
use aws_sdk_dynamodb::error::DisplayErrorContext;
use time::format_description::well_known::Rfc3339;

use super::Aws;
use super::items::Item;
use crate::config::AwsConfig;
use crate::model::{Session, SessionConfig, SessionStatus, Timestamp};
use crate::storage::moto::MotoServer;

/// An [`Aws`] on a local endpoint (moto) with static credentials and freshly named tables and
/// bucket, already created, so that tests can share one server.
pub(super) async fn local_for_tests(endpoint: &str) -> Aws {
    let sdk = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "tests"))
        .load()
        .await;
    let suffix = uuid::Uuid::new_v4().simple().to_string();
    let config = AwsConfig {
        bucket: format!("codebox-test-{suffix}"),
        sessions_table: format!("interview-sessions-{suffix}"),
        files_table: format!("session-files-{suffix}"),
        endpoint: Some(endpoint.to_owned()),
        init: true,
    };
    let aws = Aws::with_sdk_config(&sdk, &config);
    if let Err(e) = aws.ensure_resources().await {
        panic!("creating the test tables and bucket at {endpoint}: {e:#}");
    }
    aws
}

/// A moto server and a backend on it; the server stops when this is dropped.
#[derive(Debug)]
pub(super) struct Fixture {
    pub(super) aws: Aws,
    _moto: MotoServer,
}

/// A fresh moto server with the tables and the bucket created.
pub(super) async fn fixture() -> Fixture {
    let moto = MotoServer::start();
    let aws = local_for_tests(&moto.endpoint()).await;
    Fixture { aws, _moto: moto }
}

/// A timestamp from RFC 3339 text.
pub(super) fn t(text: &str) -> Timestamp {
    Timestamp::parse(text, &Rfc3339).unwrap()
}

/// A session with defaults but for its id, creation time and status.
pub(super) fn session(id: &str, created_at: Timestamp, status: SessionStatus) -> Session {
    Session {
        session_id: id.to_owned(),
        status,
        template_id: "two-sum".to_owned(),
        candidate_name: None,
        config: SessionConfig::default(),
        created_at,
        updated_at: created_at,
    }
}

/// An object, read with the raw client.
pub(super) async fn raw_object(aws: &Aws, key: &str) -> Option<Vec<u8>> {
    match aws
        .s3
        .get_object()
        .bucket(&aws.bucket)
        .key(key)
        .send()
        .await
    {
        Ok(output) => Some(output.body.collect().await.unwrap().into_bytes().to_vec()),
        Err(e) if e.as_service_error().is_some_and(|e| e.is_no_such_key()) => None,
        Err(e) => panic!("GetObject {key}: {}", DisplayErrorContext(&e)),
    }
}

/// A string attribute of an item, which must be there.
pub(super) fn attr<'a>(item: &'a Item, name: &str) -> &'a str {
    item.get(name)
        .unwrap_or_else(|| panic!("no {name} in {item:?}"))
        .as_s()
        .unwrap()
}
