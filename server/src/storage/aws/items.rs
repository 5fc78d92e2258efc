//! How sessions and files are encoded as DynamoDB items and read back, in the attribute names and
//! formats the spec fixes, so that a change of layout is made in one place.
//!
//! - `interview-sessions` (key `sessionId` + `type`): two items per session. `METADATA` holds
//!   `createdAt`, `updatedAt`, `status`, `templateId` and `candidateName`; `CONFIG` holds the
//!   session's settings as a JSON string in `config`.
//! - `session-files` (key `sessionId` + `filePath`): `s3Key`, `lastModified`, `fileType`,
//!   `size`, and `content` inline when the file is small UTF-8 text.
//!
//! Times are RFC 3339 strings.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use bytes::Bytes;
use time::format_description::well_known::Rfc3339;

use crate::model::{FileInfo, Session, SessionConfig, SessionStatus, Timestamp, file_type};
use crate::storage::{StoreError, StoreResult, WriteMode};

/// A DynamoDB item.
pub(super) type Item = HashMap<String, AttributeValue>;

/// Files up to this size are also kept inline in their DynamoDB item (when they are UTF-8), so
/// that reading them needs no S3 request.
const INLINE_LIMIT: usize = 16 * 1024;

/// The sort key of a session's metadata item.
pub(super) const METADATA: &str = "METADATA";

/// The sort key of a session's configuration item.
pub(super) const CONFIG: &str = "CONFIG";

/// The condition under which a write of an item keyed by `key_attribute` does what `mode` asks:
/// a create must find no item, an update must find one.
pub(super) fn write_condition(mode: WriteMode, key_attribute: &str) -> String {
    match mode {
        WriteMode::Create => format!("attribute_not_exists({key_attribute})"),
        WriteMode::Update => format!("attribute_exists({key_attribute})"),
    }
}

/// A number attribute.
pub(super) fn n(value: u64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// A number attribute of an item, 0 when it is absent.
pub(super) fn number(item: Option<&Item>, name: &str) -> StoreResult<u64> {
    let Some(value) = item.and_then(|item| item.get(name)) else {
        return Ok(0);
    };
    value
        .as_n()
        .ok()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| StoreError::Backend(format!("DynamoDB attribute {name} is not a count")))
}

/// A string attribute.
pub(super) fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

/// The string in an attribute, or an error naming it.
pub(super) fn attribute_s<'a>(value: &'a AttributeValue, name: &str) -> StoreResult<&'a str> {
    value
        .as_s()
        .map(String::as_str)
        .map_err(|_| StoreError::Backend(format!("DynamoDB attribute {name} is not a string")))
}

/// A required string attribute of an item.
fn required_s<'a>(item: &'a Item, name: &str) -> StoreResult<&'a str> {
    let value = item
        .get(name)
        .ok_or_else(|| StoreError::Backend(format!("DynamoDB item lacks the attribute {name}")))?;
    attribute_s(value, name)
}

/// A timestamp as stored: RFC 3339.
fn format_time(at: Timestamp) -> StoreResult<String> {
    at.format(&Rfc3339)
        .map_err(|e| StoreError::Backend(format!("formatting the time {at}: {e}")))
}

/// A stored timestamp, read back.
fn parse_time(item: &Item, name: &str) -> StoreResult<Timestamp> {
    let text = required_s(item, name)?;
    Timestamp::parse(text, &Rfc3339)
        .map_err(|e| StoreError::Backend(format!("DynamoDB attribute {name} = {text:?}: {e}")))
}

/// The key of a session's item of type `kind` ([`METADATA`] or [`CONFIG`]).
pub(super) fn session_key(session_id: &str, kind: &str) -> Item {
    HashMap::from([
        ("sessionId".to_owned(), s(session_id)),
        ("type".to_owned(), s(kind)),
    ])
}

/// A session's METADATA and CONFIG items.
pub(super) fn session_items(session: &Session) -> StoreResult<(Item, Item)> {
    let mut metadata = session_key(&session.session_id, METADATA);
    metadata.extend([
        ("createdAt".to_owned(), s(format_time(session.created_at)?)),
        ("updatedAt".to_owned(), s(format_time(session.updated_at)?)),
        ("status".to_owned(), s(session.status.as_str())),
        ("templateId".to_owned(), s(&session.template_id)),
    ]);
    if let Some(name) = &session.candidate_name {
        metadata.insert("candidateName".to_owned(), s(name));
    }
    let json = serde_json::to_string(&session.config).map_err(|e| {
        StoreError::Backend(format!(
            "serialising the configuration of {}: {e}",
            session.session_id
        ))
    })?;
    let mut config = session_key(&session.session_id, CONFIG);
    config.insert("config".to_owned(), s(json));
    Ok((metadata, config))
}

/// A session from its METADATA item and, when there is one, its CONFIG item (the default
/// configuration otherwise).
pub(super) fn session_from_items(metadata: &Item, config: Option<&Item>) -> StoreResult<Session> {
    let status = required_s(metadata, "status")?;
    Ok(Session {
        session_id: required_s(metadata, "sessionId")?.to_owned(),
        status: SessionStatus::parse(status).ok_or_else(|| {
            StoreError::Backend(format!(
                "DynamoDB attribute status = {status:?} is not a status"
            ))
        })?,
        template_id: required_s(metadata, "templateId")?.to_owned(),
        candidate_name: match metadata.get("candidateName") {
            Some(name) => Some(attribute_s(name, "candidateName")?.to_owned()),
            None => None,
        },
        config: match config {
            Some(item) => config_from_item(item)?,
            None => SessionConfig::default(),
        },
        created_at: parse_time(metadata, "createdAt")?,
        updated_at: parse_time(metadata, "updatedAt")?,
    })
}

/// The configuration in a CONFIG item.
pub(super) fn config_from_item(item: &Item) -> StoreResult<SessionConfig> {
    let json = required_s(item, "config")?;
    serde_json::from_str(json)
        .map_err(|e| StoreError::Backend(format!("DynamoDB attribute config = {json:?}: {e}")))
}

/// The key of a file's item.
pub(super) fn file_key(session_id: &str, path: &str) -> Item {
    HashMap::from([
        ("sessionId".to_owned(), s(session_id)),
        ("filePath".to_owned(), s(path)),
    ])
}

/// A file's item and the metadata it stands for. The content is inline when it is small UTF-8.
pub(super) fn file_item(
    session_id: &str,
    path: &str,
    key: &str,
    content: &Bytes,
    at: Timestamp,
) -> StoreResult<(Item, FileInfo)> {
    let info = FileInfo {
        file_path: path.to_owned(),
        size: content.len() as u64,
        last_modified: at,
        file_type: file_type(path),
    };
    let mut item = file_key(session_id, path);
    item.extend([
        ("s3Key".to_owned(), s(key)),
        ("lastModified".to_owned(), s(format_time(at)?)),
        ("fileType".to_owned(), s(&info.file_type)),
        ("size".to_owned(), AttributeValue::N(info.size.to_string())),
    ]);
    if content.len() <= INLINE_LIMIT
        && let Ok(text) = std::str::from_utf8(content)
    {
        item.insert("content".to_owned(), s(text));
    }
    Ok((item, info))
}

/// A file's metadata from its item.
pub(super) fn file_info_from_item(item: &Item) -> StoreResult<FileInfo> {
    let size = item
        .get("size")
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| {
            StoreError::Backend("DynamoDB attribute size is missing or not a count".to_owned())
        })?;
    Ok(FileInfo {
        file_path: required_s(item, "filePath")?.to_owned(),
        size,
        last_modified: parse_time(item, "lastModified")?,
        file_type: required_s(item, "fileType")?.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_utf8_content_is_inline() {
        let at = Timestamp::UNIX_EPOCH;
        let inline = |content: Vec<u8>| {
            let (item, _) =
                file_item("s", "f.txt", "k", &Bytes::from(content), at).expect("an item");
            item.contains_key("content")
        };
        assert!(inline(b"hello".to_vec()));
        assert!(inline(vec![b'a'; INLINE_LIMIT]));
        assert!(!inline(vec![b'a'; INLINE_LIMIT + 1]));
        assert!(!inline(vec![0xff, 0xfe]));
    }

    #[test]
    fn write_conditions_name_the_key_attribute() {
        assert_eq!(
            write_condition(WriteMode::Create, "filePath"),
            "attribute_not_exists(filePath)"
        );
        assert_eq!(
            write_condition(WriteMode::Update, "sessionId"),
            "attribute_exists(sessionId)"
        );
    }
}
