//! The server's side of the goals: a stored hello world executed over REST, one keep-alive
//! client at a time (latency), and by `wrk` with 32 connections (runs per second, with the
//! CPU time the server and the load generator each used).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `codebox serve` on loopback with the embedded store in a folder of its own, stopped when
/// dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    _data: tempfile::TempDir,
}

impl Server {
    pub(crate) fn start(codebox: &str) -> Server {
        let data = tempfile::tempdir().expect("data dir");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(codebox)
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--data-dir",
            ])
            .arg(data.path().join("data"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("codebox serve");
        let server = Server {
            child,
            port,
            _data: data,
        };
        let start = Instant::now();
        while Client::connect(port)
            .and_then(|mut c| c.request("GET", "/readyz", ""))
            .map_or(true, |(status, _)| status != 200)
        {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The CPU time the server has used so far.
    pub(crate) fn cpu_time(&self) -> Duration {
        cpu_time(&format!("/proc/{}/stat", self.child.id()), UTIME)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The fields of `/proc/PID/stat` (numbered from 1, as in proc(5)) that hold a process's user
/// time, followed by its system time, and those of its waited-for children.
const UTIME: usize = 14;
const CUTIME: usize = 16;

/// User plus system time from a `/proc/PID/stat` file: the field numbered `first` and the next.
fn cpu_time(stat: &str, first: usize) -> Duration {
    let text = std::fs::read_to_string(stat).unwrap_or_default();
    // The command's name (field 2) may hold spaces; field 3 starts after its parenthesis.
    let after_name = text.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<u64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    let field = |number: usize| fields.get(number - 3).copied().unwrap_or(0);
    let ticks = field(first) + field(first + 1);
    // The kernel counts these in clock ticks of 1/100 s (USER_HZ) on Linux.
    Duration::from_millis(ticks * 10)
}

/// An HTTP/1.1 client on one keep-alive connection: what an interview platform's backend
/// keeps open to codebox.
pub(crate) struct Client {
    reader: BufReader<TcpStream>,
    port: u16,
}

impl Client {
    pub(crate) fn connect(port: u16) -> std::io::Result<Client> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        Ok(Client {
            reader: BufReader::new(stream),
            port,
        })
    }

    /// Sends one request and answers the response's status and body.
    pub(crate) fn request(
        &mut self,
        method: &str,
        path: &str,
        json: &str,
    ) -> std::io::Result<(u16, String)> {
        let request = format!(
            "{method} {path} HTTP/1.1\r\nhost: 127.0.0.1:{}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{json}",
            self.port,
            json.len()
        );
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            if line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    /// Sends a request that must succeed and answers its JSON body.
    pub(crate) fn json(&mut self, method: &str, path: &str, json: &str) -> serde_json::Value {
        let (status, body) = self.request(method, path, json).expect("request");
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {body}"
        );
        serde_json::from_str(&body).expect("JSON")
    }
}

/// A session holding `hello.py` and `hello.js`; answers its execute path.
pub(crate) fn hello_session(client: &mut Client) -> String {
    let session = client.json("POST", "/api/v1/sessions", r#"{"templateId":"bench"}"#);
    let id = session["sessionId"].as_str().expect("sessionId").to_owned();
    for (path, content) in [
        ("hello.py", "print('Hello, world!')\n"),
        ("hello.js", "console.log('Hello, world!');\n"),
    ] {
        let body = serde_json::json!({ "filePath": path, "content": content }).to_string();
        client.json("POST", &format!("/api/v1/sessions/{id}/files"), &body);
    }
    format!("/api/v1/sessions/{id}/execute")
}

/// Times `rounds` executions of `file` through `client`, after a few to warm up.
pub(crate) fn execute_latency(
    client: &mut Client,
    execute: &str,
    file: &str,
    rounds: usize,
) -> Vec<Duration> {
    let body = format!(r#"{{"fileName":"{file}"}}"#);
    let run = |client: &mut Client| {
        let start = Instant::now();
        let result = client.json("POST", execute, &body);
        assert_eq!(result["success"], true, "{result}");
        start.elapsed()
    };
    for _ in 0..10 {
        run(client);
    }
    (0..rounds).map(|_| run(client)).collect()
}

/// What `wrk` measured, and what it and the server cost.
pub(crate) struct Load {
    pub(crate) runs_per_second: f64,
    pub(crate) p50: String,
    pub(crate) non_2xx: u64,
    pub(crate) wrk_cpu: Duration,
    pub(crate) server_cpu: Duration,
    pub(crate) window: Duration,
}

/// `wrk` with one thread and `connections` connections for `window`, executing the stored
/// Python and JavaScript hello worlds in turn; `None` when `wrk` is not installed.
pub(crate) fn load(
    server: &Server,
    execute: &str,
    connections: u32,
    window: Duration,
) -> Option<Load> {
    let script = tempfile::NamedTempFile::new().expect("script");
    std::fs::write(
        script.path(),
        r#"local bodies = { '{"fileName":"hello.py"}', '{"fileName":"hello.js"}' }
local n = 0
request = function()
    n = n + 1
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[n % 2 + 1])
end
"#,
    )
    .expect("script");
    let children_before = cpu_time("/proc/self/stat", CUTIME);
    let server_before = server.cpu_time();
    let output = Command::new("wrk")
        .arg("-t1")
        .arg(format!("-c{connections}"))
        .arg(format!("-d{}s", window.as_secs()))
        .arg("--latency")
        .arg("-s")
        .arg(script.path())
        .arg(format!("http://127.0.0.1:{}{execute}", server.port))
        .output()
        .ok()?;
    let wrk_cpu = cpu_time("/proc/self/stat", CUTIME).saturating_sub(children_before);
    let server_cpu = server.cpu_time().saturating_sub(server_before);
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |label: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(label).map(|v| v.trim().to_owned()))
    };
    Some(Load {
        runs_per_second: field("Requests/sec:")?.parse().ok()?,
        p50: field("50%").unwrap_or_default(),
        non_2xx: field("Non-2xx or 3xx responses:").map_or(0, |n| n.parse().unwrap_or(0)),
        wrk_cpu,
        server_cpu,
        window,
    })
}
