//! A real moto server (S3 and DynamoDB on one port) for tests, started on a free loopback
//! port and killed when dropped.
//!
//! Only the standard library is used, so any test in the crate can use it. moto is imported by
//! `python3` and served one request at a time (see [`SERIAL_MOTO`] for why); when `python3`
//! cannot import it, it is installed with pip first
//! (`python3 -m pip install --quiet 'moto[s3,dynamodb]' flask flask-cors`).
//!
//! moto runs under a small Python watcher that reads its stdin, a pipe from the test process:
//! when the test process ends in any way (even killed, or with the server in a `static` that is
//! never dropped), the pipe closes and the watcher stops moto, so no server outlives its tests.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// How long moto may take to accept connections (it needs 0.3 s idle, 2 s on a loaded machine).
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// Runs the command in its arguments, and kills it when stdin reaches its end; exits with the
/// command's status when the command ends first.
const WATCHER: &str = "\
import subprocess, sys, threading
server = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL)
def watch():
    sys.stdin.buffer.read()
    server.kill()
threading.Thread(target=watch, daemon=True).start()
sys.exit(server.wait())
";

/// A running moto server, stopped on drop (or when the test process ends).
#[derive(Debug)]
pub(crate) struct MotoServer {
    /// The watcher, whose child is moto.
    watcher: Child,
    /// The watcher's stdin: closing it stops moto.
    lifeline: Option<ChildStdin>,
    port: u16,
}

impl MotoServer {
    /// Starts moto on a free port of 127.0.0.1 and waits until it accepts connections.
    ///
    /// # Panics
    ///
    /// When moto cannot be found or installed, exits early, or is not ready within 20 s: tests
    /// that need it cannot run without it.
    pub(crate) fn start() -> MotoServer {
        MotoServer::start_on(free_port())
    }

    /// Starts moto on `port` of 127.0.0.1 (where an earlier one ran, to bring a store back).
    ///
    /// # Panics
    ///
    /// As [`MotoServer::start`].
    pub(crate) fn start_on(port: u16) -> MotoServer {
        let mut command = Command::new("python3");
        command
            .args(["-c", WATCHER])
            .args(moto_command())
            .args(["127.0.0.1", &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut watcher = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start moto ({command:?}): {e}"));
        let lifeline = watcher.stdin.take();
        let mut server = MotoServer {
            watcher,
            lifeline,
            port,
        };
        server.wait_until_ready();
        server
    }

    /// Its port.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The URL to give the SDK clients as their endpoint (`http://127.0.0.1:PORT`).
    pub(crate) fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Polls the port until moto accepts a connection.
    fn wait_until_ready(&mut self) {
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        let start = Instant::now();
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.watcher.try_wait() {
                panic!(
                    "moto exited before accepting connections on port {} ({status}); \
                     run `moto_server -H 127.0.0.1 -p {}` by hand to see why",
                    self.port, self.port
                );
            }
            if start.elapsed() > READY_TIMEOUT {
                panic!(
                    "moto did not accept connections on port {} within {READY_TIMEOUT:?}",
                    self.port
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        // Closing the pipe makes the watcher kill moto and exit; killing the watcher is the
        // last resort (it would leave moto running).
        drop(self.lifeline.take());
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            match self.watcher.try_wait() {
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                _ => return,
            }
        }
        let _ = self.watcher.kill();
        let _ = self.watcher.wait();
    }
}

/// A port that was free a moment ago: the OS picks it for a listener that is then closed.
pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .unwrap_or_else(|e| panic!("cannot bind a loopback port: {e}"));
    listener
        .local_addr()
        .unwrap_or_else(|e| panic!("cannot read the bound port: {e}"))
        .port()
}

/// Serves moto's S3 and DynamoDB one request at a time (`python3 -c SERIAL_MOTO HOST PORT`).
/// moto cancels a transaction by restoring a copy of each table taken when the transaction
/// began, which undoes the writes other requests made meanwhile; DynamoDB's transactions are
/// atomic. With one request at a time, moto's are too, and tests that race writers (two hosts
/// at a session's quota) test codebox rather than moto.
const SERIAL_MOTO: &str = "\
import sys, threading
from werkzeug.serving import run_simple
from moto.server import DomainDispatcherApplication, create_backend_app
moto = DomainDispatcherApplication(create_backend_app)
one_at_a_time = threading.Lock()
def app(environ, start_response):
    with one_at_a_time:
        return list(moto(environ, start_response))
run_simple(sys.argv[1], int(sys.argv[2]), app, threaded=True)
";

/// The command line that runs moto (without its host and port), installing moto first when
/// it is missing.
fn moto_command() -> Vec<String> {
    let importable = |python: &str| {
        Command::new(python)
            .args(["-c", "import moto.server, werkzeug"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !importable("python3") {
        let status = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "moto[s3,dynamodb]",
                "flask",
                "flask-cors",
            ])
            .status()
            .unwrap_or_else(|e| {
                panic!("moto is missing and python3 cannot run to install it: {e}")
            });
        assert!(
            status.success() && importable("python3"),
            "moto is missing and `pip install moto` failed ({status})"
        );
    }
    ["python3", "-c", SERIAL_MOTO].map(str::to_owned).to_vec()
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    #[test]
    fn starts_answers_and_stops() {
        let server = MotoServer::start();
        let endpoint = server.endpoint();
        assert!(endpoint.starts_with("http://127.0.0.1:"));
        let port = server.port();
        // It speaks HTTP.
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1."), "{answer}");
        drop(server);
        // Once dropped, nothing listens on the port any more.
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        assert!(TcpStream::connect_timeout(&address, Duration::from_millis(500)).is_err());
    }
}
