//! Running and cancelling a connection's executions. Each run is a task of its own, so a long
//! run never blocks the reader; its events stream back under the request's id, and a `cancel`
//! or a disconnect stops it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use codebox_runtime::CancelToken;

use super::connection::Conn;
use super::messages::{Cancel, CodeExecution, ServerMessage};
use super::output::Events;
use crate::error::ApiError;
use crate::model::ExecutionRecord;
use crate::service::execute::{ExecuteRequest, Observer};
use crate::sync::lock;

/// A connection's running executions by request id.
pub(super) type Running = Arc<Mutex<HashMap<String, CancelToken>>>;

/// Builds the message that follows an execution's result (a voice command's summary).
pub(super) type FollowUp = Box<dyn FnOnce(&ExecutionRecord) -> ServerMessage + Send>;

/// `code-execution`: runs a file as `POST /execute` does, streaming as it goes.
pub(super) async fn code_execution(conn: &Conn, request: CodeExecution) {
    start(conn, request.request_id, request.execute, None).await;
}

/// `cancel`: stops a running execution of this connection, and says whether there was one.
pub(super) async fn cancel(conn: &Conn, cancel: Cancel) {
    let token = lock(&conn.running).get(&cancel.target).cloned();
    if let Some(token) = &token {
        token.cancel();
    }
    conn.send(&ServerMessage::CancelResult {
        request_id: cancel.request_id,
        target: cancel.target,
        cancelled: token.is_some(),
    })
    .await;
}

/// Stops every execution of the connection, which is going away.
pub(super) fn cancel_all(conn: &Conn) {
    for (_, token) in lock(&conn.running).drain() {
        token.cancel();
    }
}

/// Starts an execution as a task of its own; its events stream back under `request_id`.
/// `then` runs on the record when the execution ends (the voice command's summary).
pub(super) async fn start(
    conn: &Conn,
    request_id: String,
    request: ExecuteRequest,
    then: Option<FollowUp>,
) {
    let token = CancelToken::new();
    if !register(conn, &request_id, &token) {
        conn.error(
            Some(request_id),
            "duplicate_request",
            "an execution with this requestId is running",
        )
        .await;
        return;
    }
    let conn = conn.clone();
    tokio::spawn(run(conn, request_id, request, token, then));
}

/// Records the run's cancel token under its request id; false when one with that id runs.
fn register(conn: &Conn, request_id: &str, token: &CancelToken) -> bool {
    let mut running = lock(&conn.running);
    let duplicate = running.contains_key(request_id);
    if !duplicate {
        running.insert(request_id.to_owned(), token.clone());
    }
    !duplicate
}

/// The execution's task: runs it, forwarding its events in order, then sends the result and
/// the follow-up.
async fn run(
    conn: Conn,
    request_id: String,
    request: ExecuteRequest,
    token: CancelToken,
    then: Option<FollowUp>,
) {
    // Events arrive from the thread that runs the program and from this task; one bounded
    // queue keeps them in order, and the result waits until the queue is drained.
    let events = Events::new(request_id.clone());
    let forwarder = tokio::spawn(events.clone().forward(conn.clone()));
    let observer: Observer = {
        let events = events.clone();
        Arc::new(move |event| events.push(event))
    };
    let outcome = conn
        .services
        .execute_observed(
            &conn.principal,
            &conn.session_id,
            request,
            Some(observer),
            Some(token),
        )
        .await;
    events.finish();
    let _ = forwarder.await;
    lock(&conn.running).remove(&request_id);
    finish(&conn, request_id, outcome, then).await;
}

/// Sends how the execution ended: its record and then the follow-up, or the error.
async fn finish(
    conn: &Conn,
    request_id: String,
    outcome: Result<ExecutionRecord, ApiError>,
    then: Option<FollowUp>,
) {
    match outcome {
        Ok(record) => {
            let follow_up = then.map(|then| then(&record));
            conn.send(&ServerMessage::ExecutionResult {
                request_id,
                result: Box::new(record),
            })
            .await;
            if let Some(message) = follow_up {
                conn.send(&message).await;
            }
        }
        Err(e) => conn.api_error(Some(request_id), e).await,
    }
}
