//! Guest workloads and the server, timed: `cargo bench -p codebox-server --bench guests` (add
//! `-- --quick` for fewer rounds, and words to run only the workloads whose name holds one).
//! It ends with the performance goals of `docs/performance.md`, each figure beside its goal.
//!
//! For Python and JavaScript, five workloads (hello world, fib(25), summing 20,000 integers
//! read from stdin, loading six standard modules, reading 50 files of 10 KiB that come with
//! the program), and for Python a sixth (importing eight standard modules that its snapshot
//! does not hold, read from the standard library's files), run in-process through the runtime
//! crate
//! (with fuel metering, the default, and without), and end to end through `codebox run`, next
//! to native `python3` and `node` on the same files in the same run; p50 and p90 of each, and
//! the ratio of the in-process p50 to native. Then runs per second of a hello world with both
//! cores busy, and the resident memory each concurrent run adds. Figures, not assertions: this
//! is a benchmark, never a test.
//!
//! The server: `codebox serve` on the embedded store, executing a stored hello world over REST
//! from one keep-alive client (p50 and p90), and, when `wrk` is installed, from 32 connections
//! at once (runs per second, with the CPU time of the server and of `wrk`).
//!
//! Java, when the container engine `DOCKER_HOST` names has the Java image: a hello world
//! (compile included) with a container started per run, and with the pool of started
//! containers (given time to refill between runs, as between a candidate's runs), end to end
//! through `codebox run`, and native `java Main.java` on the same file.

mod http;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use codebox_runtime::{JavaConfig, Language, RunRequest, Runtime};

struct Workload {
    name: &'static str,
    language: Language,
    file: &'static str,
    source: &'static str,
    stdin: String,
    /// Files beside the program, by relative path.
    data: Vec<(String, String)>,
}

/// 50 files of 10 KiB under `data/`: what a run pays for the files that come with it.
fn fifty_files() -> Vec<(String, String)> {
    (0..50)
        .map(|i| {
            (
                format!("data/f{i:02}.txt"),
                format!("{i:02}").repeat(5 * 1024),
            )
        })
        .collect()
}

fn workloads() -> Vec<Workload> {
    let ints: String = (0..20_000)
        .map(|i| format!("{}\n", (i * 7919) % 100_003))
        .collect();
    vec![
        Workload {
            name: "hello",
            language: Language::Python,
            file: "main.py",
            source: "print('Hello, world!')\n",
            stdin: String::new(),
            data: Vec::new(),
        },
        Workload {
            name: "fib(25)",
            language: Language::Python,
            file: "main.py",
            source: "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(25))\n",
            stdin: String::new(),
            data: Vec::new(),
        },
        Workload {
            name: "sum 20k ints",
            language: Language::Python,
            file: "main.py",
            source: "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n",
            stdin: ints.clone(),
            data: Vec::new(),
        },
        Workload {
            name: "6 imports",
            language: Language::Python,
            file: "main.py",
            source: "import json, re, collections, heapq, itertools, functools\nprint('ok')\n",
            stdin: String::new(),
            data: Vec::new(),
        },
        Workload {
            name: "8 stdlib imp",
            language: Language::Python,
            file: "main.py",
            source: "import argparse, calendar, csv, difflib, fnmatch, pprint, shlex, unittest\nprint('ok')\n",
            stdin: String::new(),
            data: Vec::new(),
        },
        Workload {
            name: "50 files",
            language: Language::Python,
            file: "main.py",
            source: "import os\nprint(sum(len(open('data/' + n).read()) for n in os.listdir('data')))\n",
            stdin: String::new(),
            data: fifty_files(),
        },
        Workload {
            name: "hello",
            language: Language::JavaScript,
            file: "main.js",
            source: "console.log('Hello, world!');\n",
            stdin: String::new(),
            data: Vec::new(),
        },
        Workload {
            name: "fib(25)",
            language: Language::JavaScript,
            file: "main.js",
            source: "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nconsole.log(fib(25));\n",
            stdin: String::new(),
            data: Vec::new(),
        },
        Workload {
            name: "sum 20k ints",
            language: Language::JavaScript,
            file: "main.js",
            source: "const s = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).reduce((a, x) => a + Number(x), 0);\nconsole.log(s);\n",
            stdin: ints,
            data: Vec::new(),
        },
        Workload {
            name: "6 imports",
            language: Language::JavaScript,
            file: "main.js",
            source: "for (const m of ['fs', 'util', 'assert', 'events', 'readline', 'path']) require(m);\nconsole.log('ok');\n",
            stdin: String::new(),
            data: Vec::new(),
        },
        Workload {
            name: "50 files",
            language: Language::JavaScript,
            file: "main.js",
            source: "const fs = require('fs');\nconsole.log(fs.readdirSync('data').reduce((n, f) => n + fs.readFileSync('data/' + f, 'utf8').length, 0));\n",
            stdin: String::new(),
            data: fifty_files(),
        },
    ]
}

/// p50 and p90 in milliseconds.
fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| {
        samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1]
            .as_secs_f64()
            * 1e3
    };
    (at(0.5), at(0.9))
}

fn time_command(rounds: usize, mut command: impl FnMut() -> Command, stdin: &str) -> Vec<Duration> {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut child = command()
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start");
            std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), stdin.as_bytes())
                .expect("stdin");
            drop(child.stdin.take());
            let status = child.wait().expect("wait");
            assert!(status.success(), "a benchmark program failed");
            start.elapsed()
        })
        .collect()
}

/// The interpreter itself, not a version manager's shim in front of it.
fn native_python() -> PathBuf {
    let out = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    statm
        .split_whitespace()
        .nth(1)
        .and_then(|pages| pages.parse::<u64>().ok())
        .unwrap_or(0)
        * 4096
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // Words that are not flags pick the workloads whose name holds one of them.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rounds = if quick { 5 } else { 20 };
    let runtime = Runtime::builder().build().expect("runtime");
    let unmetered = Runtime::builder()
        .fuel_metering(false)
        .build()
        .expect("runtime");
    for language in [Language::Python, Language::JavaScript] {
        runtime.prepare(language).expect("prepare");
        unmetered.prepare(language).expect("prepare");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let codebox = env!("CARGO_BIN_EXE_codebox");
    let p50s = latencies(&runtime, &unmetered, rounds, codebox, dir.path(), &only);
    throughput(&runtime, quick);
    let memory = memory_per_run(&runtime);
    let served = server(codebox, if quick { 50 } else { 500 }, quick);
    java(10, codebox, dir.path());
    let compute = compute(&runtime, &unmetered, rounds);
    goals(&p50s, &served, &memory, compute);
}

/// CPU-bound Python net of start-up: fib(25) timed by the program itself, in-process with fuel
/// metering on and by native `python3`; the p50 of each in milliseconds. A process's start-up
/// varies by more than the computation takes, so neither side's start-up is in the figure.
fn compute(runtime: &Runtime, unmetered: &Runtime, rounds: usize) -> (f64, f64) {
    const FIB: &str = "import time\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nstart = time.perf_counter()\nfib(25)\nprint((time.perf_counter() - start) * 1e3)\n";
    let millis = |stdout: &[u8]| -> f64 {
        String::from_utf8_lossy(stdout)
            .trim()
            .parse()
            .expect("a duration")
    };
    let request = RunRequest::new(Language::Python, "main.py").file("main.py", FIB);
    let python = native_python();
    let in_guest = |runtime: &Runtime| {
        let result = runtime.run(&request).expect("run");
        assert!(result.success(), "{}", result.stderr);
        millis(result.stdout.as_bytes())
    };
    let (mut guest, mut unmetered_guest, mut native) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        guest.push(in_guest(runtime));
        unmetered_guest.push(in_guest(unmetered));
        let out = Command::new(&python)
            .args(["-c", FIB])
            .output()
            .expect("python3");
        native.push(millis(&out.stdout));
    }
    let p50 = |mut samples: Vec<f64>| {
        samples.sort_by(f64::total_cmp);
        samples[samples.len() / 2]
    };
    let (guest, unmetered_guest, native) = (p50(guest), p50(unmetered_guest), p50(native));
    println!(
        "python fib(25) timed inside the program, {rounds} rounds (ms, p50): {guest:.2} in-process, {unmetered_guest:.2} without fuel, {native:.2} native"
    );
    (guest, native)
}

/// What the server measured: REST p50 by language, and the load test.
struct Served {
    rest_p50: BTreeMap<&'static str, f64>,
    load: Option<http::Load>,
}

/// The REST latency of a stored hello world, one keep-alive client, and the load test.
fn server(codebox: &str, rounds: usize, quick: bool) -> Served {
    let server = http::Server::start(codebox);
    let mut client = http::Client::connect(server.port).expect("connect");
    let execute = http::hello_session(&mut client);
    println!("REST execute of a stored hello world, one keep-alive client, {rounds} rounds (ms):");
    let mut rest_p50 = BTreeMap::new();
    for (language, file) in [("python", "hello.py"), ("javascript", "hello.js")] {
        let (p50, p90) = percentiles(http::execute_latency(&mut client, &execute, file, rounds));
        println!("  {language:<11} p50 {p50:>6.2}   p90 {p90:>6.2}");
        rest_p50.insert(language, p50);
    }
    let window = Duration::from_secs(if quick { 5 } else { 10 });
    let load = http::load(&server, &execute, 32, window);
    match &load {
        Some(load) => println!(
            "wrk, 1 thread, 32 connections, {}s, Python and JavaScript hello worlds in turn: {:.0} runs/s (p50 {}, {} not 2xx); CPU used: server {:.2} s, wrk {:.2} s, of {:.0} s on 2 cores",
            window.as_secs(),
            load.runs_per_second,
            load.p50,
            load.non_2xx,
            load.server_cpu.as_secs_f64(),
            load.wrk_cpu.as_secs_f64(),
            2.0 * load.window.as_secs_f64(),
        ),
        None => {
            println!("wrk       skipped: `wrk` is not installed (scripts/install-deps installs it)")
        }
    }
    Served { rest_p50, load }
}

/// Each goal of `docs/performance.md` with the figure this run measured.
fn goals(
    p50s: &BTreeMap<(&'static str, &'static str), (f64, f64)>,
    served: &Served,
    memory: &BTreeMap<&'static str, f64>,
    compute: (f64, f64),
) {
    println!("goals (docs/performance.md), p50 unless said:");
    let mark = |met: bool| if met { "met" } else { "NOT MET" };
    let native_hello = |language| p50s.get(&(language, "hello")).map(|&(_, n)| n);
    for (language, goal) in [("python", 2.0), ("javascript", 1.5)] {
        if let Some(&p50) = served.rest_p50.get(language) {
            let native = native_hello(language).map_or(String::new(), |n| {
                format!(
                    " ({:.3}x native `{}` hello {n:.1} ms)",
                    p50 / n,
                    native_name(language)
                )
            });
            line(
                &format!("REST execute, {language}"),
                &format!("{p50:.2} ms"),
                &format!("<= {goal} ms"),
                &format!("{}{native}", mark(p50 <= goal)),
            );
        }
    }
    for (language, goal) in [("python", 0.5), ("javascript", 0.3)] {
        if let Some(&(p50, native)) = p50s.get(&(language, "hello")) {
            line(
                &format!("in-process hello world, {language}"),
                &format!("{p50:.2} ms"),
                &format!("<= {goal} ms"),
                &format!(
                    "{} ({:.3}x native {native:.1} ms)",
                    mark(p50 <= goal),
                    p50 / native
                ),
            );
        }
    }
    if let Some(load) = &served.load {
        line(
            "hello worlds over HTTP",
            &format!("{:.0}/s", load.runs_per_second),
            ">= 1000/s",
            &format!(
                "{} (wrk used {:.0}% of one core)",
                mark(load.runs_per_second >= 1000.0 && load.non_2xx == 0),
                100.0 * load.wrk_cpu.as_secs_f64() / load.window.as_secs_f64()
            ),
        );
    }
    let (guest, native) = compute;
    let ratio = guest / native;
    line(
        "Python fib(25), timed inside",
        &format!("{ratio:.2}x"),
        "<= 2x",
        &format!(
            "{} ({guest:.2} ms against native `python3` {native:.2} ms)",
            mark(ratio <= 2.0)
        ),
    );
    if let Some(&mib) = memory.get("python") {
        line(
            "resident memory per Python run",
            &format!("{mib:.1} MiB"),
            "<= 16 MiB",
            mark(mib <= 16.0),
        );
    }
}

/// One goal's line: what, the figure, the goal, and whether it is met.
fn line(what: &str, figure: &str, goal: &str, verdict: &str) {
    println!("  {what:<34} {figure:>10}   goal {goal:<10} {verdict}");
}

fn native_name(language: &str) -> &'static str {
    if language == "python" {
        "python3"
    } else {
        "node"
    }
}

/// Each workload in-process (with and without fuel), through `codebox run`, and natively.
fn latencies(
    runtime: &Runtime,
    unmetered: &Runtime,
    rounds: usize,
    codebox: &str,
    dir: &Path,
    only: &[String],
) -> BTreeMap<(&'static str, &'static str), (f64, f64)> {
    let mut p50s = BTreeMap::new();
    let python = native_python();
    println!("{rounds} rounds each; times in ms (p50 / p90); ratio = in-process p50 / native p50");
    println!(
        "{:<11} {:<13} {:>17} {:>17} {:>17} {:>17} {:>7}",
        "language", "workload", "in-process", "no fuel", "codebox run", "native", "ratio"
    );
    for (index, workload) in workloads().into_iter().enumerate() {
        if !only.is_empty()
            && !only
                .iter()
                .any(|word| workload.name.contains(word.as_str()))
        {
            continue;
        }
        // Each workload in a folder of its own, which `codebox run` copies whole.
        let folder = dir.join(format!("workload-{index}"));
        for (name, contents) in &workload.data {
            let data = folder.join(name);
            std::fs::create_dir_all(data.parent().expect("a folder")).expect("mkdir");
            std::fs::write(data, contents).expect("write");
        }
        std::fs::create_dir_all(&folder).expect("mkdir");
        let path = folder.join(workload.file);
        std::fs::write(&path, workload.source).expect("write");
        let request = RunRequest::new(workload.language, workload.file)
            .file(workload.file, workload.source)
            .files(workload.data.clone())
            .stdin(workload.stdin.clone());
        let time_in = |runtime: &Runtime| -> Vec<Duration> {
            // Steady state: the first runs in a slot fault its pages in.
            for _ in 0..3 {
                runtime.run(&request).expect("run");
            }
            (0..rounds)
                .map(|_| {
                    let start = Instant::now();
                    let result = runtime.run(&request).expect("run");
                    assert!(result.success(), "{}: {}", workload.name, result.stderr);
                    start.elapsed()
                })
                .collect()
        };
        let in_process = time_in(runtime);
        let without_fuel = time_in(unmetered);
        let end_to_end = time_command(
            rounds,
            || {
                let mut c = Command::new(codebox);
                c.arg("run").arg(&path);
                c
            },
            &workload.stdin,
        );
        let native = time_command(
            rounds,
            || {
                let mut c = match workload.language {
                    Language::Python => Command::new(&python),
                    _ => Command::new("node"),
                };
                // In the program's folder, where `codebox run` puts it too.
                c.arg(&path).current_dir(&folder);
                c
            },
            &workload.stdin,
        );
        let (a, a90) = percentiles(in_process);
        let (u, u90) = percentiles(without_fuel);
        let (b, b90) = percentiles(end_to_end);
        let (n, n90) = percentiles(native);
        println!(
            "{:<11} {:<13} {:>8.2} / {:>6.2} {:>8.2} / {:>6.2} {:>8.2} / {:>6.2} {:>8.2} / {:>6.2} {:>6.2}x",
            workload.language.name(),
            workload.name,
            a,
            a90,
            u,
            u90,
            b,
            b90,
            n,
            n90,
            a / n
        );
        p50s.insert((workload.language.name(), workload.name), (a, n));
    }
    p50s
}

/// Hello world on every core at once.
fn throughput(runtime: &Runtime, quick: bool) {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let window = if quick {
        Duration::from_secs(2)
    } else {
        Duration::from_secs(5)
    };
    for (language, file, source) in [
        (Language::Python, "main.py", "print('hi')\n"),
        (Language::JavaScript, "main.js", "console.log('hi');\n"),
    ] {
        let request = RunRequest::new(language, file).file(file, source);
        let start = Instant::now();
        let runs: usize = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..cores)
                .map(|_| {
                    scope.spawn(|| {
                        let mut n = 0;
                        while start.elapsed() < window {
                            assert!(runtime.run(&request).expect("run").success());
                            n += 1;
                        }
                        n
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().expect("worker")).sum()
        });
        println!(
            "{:<11} hello world: {:.0} runs/s on {cores} threads",
            language.name(),
            runs as f64 / start.elapsed().as_secs_f64()
        );
    }
}

/// What each of K concurrent runs adds to the process's resident set, in MiB, by language.
fn memory_per_run(runtime: &Runtime) -> BTreeMap<&'static str, f64> {
    let concurrent = 8;
    let mut per_run = BTreeMap::new();
    for (language, file, source) in [
        (
            Language::Python,
            "main.py",
            "import time\nprint('up', flush=True)\ntime.sleep(1.5)\n",
        ),
        (
            Language::JavaScript,
            "main.js",
            "console.log('up'); setTimeout(() => {}, 1500);\n",
        ),
    ] {
        let base = resident_bytes();
        let request = RunRequest::new(language, file).file(file, source);
        let peak = std::thread::scope(|scope| {
            let runs: Vec<_> = (0..concurrent)
                .map(|_| scope.spawn(|| runtime.run(&request).expect("run")))
                .collect();
            let mut peak = base;
            while !runs.iter().all(|r| r.is_finished()) {
                peak = peak.max(resident_bytes());
                std::thread::sleep(Duration::from_millis(50));
            }
            peak
        });
        let mib = peak.saturating_sub(base) as f64 / concurrent as f64 / (1 << 20) as f64;
        println!(
            "{:<11} resident memory per concurrent run: {mib:.1} MiB ({concurrent} at once)",
            language.name(),
        );
        per_run.insert(language.name(), mib);
    }
    per_run
}

/// Java's hello world: per-run containers, the pool, `codebox run`, native `java`.
fn java(rounds: usize, codebox: &str, dir: &Path) {
    const HELLO: &str = "public class Main {\n    public static void main(String[] args) {\n        System.out.println(\"Hello, world!\");\n    }\n}\n";
    let fresh = Runtime::builder().build().expect("runtime");
    if let Err(e) = fresh.check_java() {
        println!("java        skipped: {e}");
        return;
    }
    let pooled = Runtime::builder()
        .java(JavaConfig::default().pool_size(2))
        .build()
        .expect("runtime");
    pooled.prepare(Language::Java).expect("Java");
    // Each change of source compiles anew, as every candidate's first run does.
    let request = |round: usize| {
        let source = format!("{HELLO}// round {round}\n");
        RunRequest::new(Language::Java, "Main.java").file("Main.java", source)
    };
    let time = |runtime: &Runtime, round: usize| {
        let start = Instant::now();
        let result = runtime.run(&request(round)).expect("run");
        assert!(result.success(), "java: {}", result.stderr);
        start.elapsed()
    };
    let per_run: Vec<Duration> = (0..rounds).map(|round| time(&fresh, round)).collect();
    let refill = Duration::from_secs(5);
    let with_pool: Vec<Duration> = (0..rounds)
        .map(|round| {
            std::thread::sleep(refill);
            time(&pooled, rounds + round)
        })
        .collect();
    let java_dir = dir.join("java");
    std::fs::create_dir_all(&java_dir).expect("java dir");
    let path = java_dir.join("Main.java");
    std::fs::write(&path, HELLO).expect("write");
    let end_to_end = time_command(
        rounds,
        || {
            let mut c = Command::new(codebox);
            c.arg("run").arg(&path);
            c
        },
        "",
    );
    let native = time_command(
        rounds,
        || {
            let mut c = Command::new("java");
            c.arg(&path);
            c
        },
        "",
    );
    println!("java hello world, compile included, {rounds} rounds (ms, p50 / p90):");
    for (name, samples) in [
        ("container per run", per_run),
        ("pool (refilled)", with_pool),
        ("codebox run", end_to_end),
        ("native java Main.java", native),
    ] {
        let (p50, p90) = percentiles(samples);
        println!("  {name:<22} {p50:>8.1} / {p90:>8.1}");
    }
}
