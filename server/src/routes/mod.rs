//! The HTTP handlers: each extracts, calls one service function, and answers. Their
//! `#[utoipa::path]` attributes are the OpenAPI document.

pub(crate) mod audio;
pub(crate) mod executions;
pub(crate) mod files;
pub(crate) mod health;
pub(crate) mod sessions;
