//! Counting the container engine's codebox containers, for the tests that check that none is
//! left behind. Shared by the runtime's Java test and the command line's tests (which include
//! this file by path), so that both count the same way.

use std::io::{Read, Write};

/// The engine's containers that carry codebox's label, through its API on the unix socket that
/// `DOCKER_HOST` names (`scripts/test` sets it).
pub(crate) fn codebox_containers() -> usize {
    let host =
        std::env::var("DOCKER_HOST").expect("DOCKER_HOST names the engine (scripts/test sets it)");
    let path = host.strip_prefix("unix://").expect("a unix:// DOCKER_HOST");
    let mut socket = std::os::unix::net::UnixStream::connect(path).expect("engine socket");
    let filters = "%7B%22label%22%3A%5B%22codebox.role%22%5D%7D";
    write!(
        socket,
        "GET /containers/json?all=1&filters={filters} HTTP/1.0\r\nHost: engine\r\n\r\n"
    )
    .expect("request");
    let mut answer = String::new();
    socket.read_to_string(&mut answer).expect("answer");
    let body = answer.split("\r\n\r\n").nth(1).expect("a body");
    let list: serde_json::Value = serde_json::from_str(body).expect("JSON");
    list.as_array().expect("a list").len()
}
