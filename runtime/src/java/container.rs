//! One Java container: created with every lock-down setting, started with its streams
//! attached, used for exactly one run, removed.

use std::collections::HashMap;
use std::pin::Pin;
use std::time::{Duration, Instant};

use bollard::Docker;
use bollard::container::LogOutput;
use bollard::errors::Error as EngineError;
use bollard::models::{ContainerCreateBody, HostConfig, ResourcesUlimits};
use bollard::query_parameters::{AttachContainerOptionsBuilder, RemoveContainerOptionsBuilder};
use futures_util::Stream;
use tokio::io::AsyncWrite;

use super::JavaConfig;

/// The label every codebox Java container carries, so that an operator can find them.
pub(crate) const LABEL: &str = "codebox.role";

/// The smallest memory limit a JVM starts in with room for javac.
pub(crate) const MIN_MEMORY_BYTES: u64 = 64 << 20;

/// How long one call to the engine (create, attach, start, wait, inspect, remove) may take. The
/// engine answers these in milliseconds; one that stops answering fails the call with
/// [`EngineError::RequestTimeoutError`] instead of holding a run, the pool or the backend's
/// shutdown forever.
pub(crate) const ENGINE_CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs one call to the engine under [`ENGINE_CALL_TIMEOUT`].
pub(crate) async fn bounded<T>(
    call: impl Future<Output = Result<T, EngineError>>,
) -> Result<T, EngineError> {
    within(ENGINE_CALL_TIMEOUT, call).await
}

/// Runs `call` under `limit`; past it, the call fails with
/// [`EngineError::RequestTimeoutError`].
async fn within<T>(
    limit: Duration,
    call: impl Future<Output = Result<T, EngineError>>,
) -> Result<T, EngineError> {
    tokio::time::timeout(limit, call)
        .await
        .unwrap_or(Err(EngineError::RequestTimeoutError))
}

/// A started container, waiting for its request on stdin.
pub(crate) struct Started {
    pub(crate) id: String,
    pub(crate) output: Pin<Box<dyn Stream<Item = Result<LogOutput, EngineError>> + Send>>,
    pub(crate) input: Pin<Box<dyn AsyncWrite + Send>>,
    pub(crate) started_at: Instant,
    pub(crate) memory_bytes: u64,
}

impl std::fmt::Debug for Started {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Started")
            .field("id", &self.id)
            .field("memory_bytes", &self.memory_bytes)
            .finish_non_exhaustive()
    }
}

/// The JVM's heap under a container limit: half of it, so that the heap runs out (a clean
/// `OutOfMemoryError` the runner reports) well before the container's cgroup kills anything.
/// The other half holds metaspace, javac, code caches and thread stacks.
pub(crate) fn heap_bytes(memory_bytes: u64) -> u64 {
    memory_bytes / 2
}

/// The runner's command line.
fn command(memory_bytes: u64, warm_up: bool, idle_exit: Duration) -> Vec<String> {
    let mut argv: Vec<String> = [
        "java",
        // One CPU at most: the serial collector is the cheapest, and C1 alone starts fastest.
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        // No hsperfdata file in /tmp, and the image's class-data archive (javac included).
        "-XX:-UsePerfData",
        "-XX:SharedArchiveFile=/opt/codebox/runner.jsa",
        // The JVM's own warnings go to stderr: stdout must start with the runner's preamble.
        "-Xlog:disable",
        "-Xlog:all=warning:stderr",
        // The image has no locales; without these, System.out would print `?` for non-ASCII.
        "-Dfile.encoding=UTF-8",
        "-Dsun.stdout.encoding=UTF-8",
        "-Dsun.stderr.encoding=UTF-8",
    ]
    .map(str::to_owned)
    .to_vec();
    argv.push(format!("-Xmx{}k", heap_bytes(memory_bytes) >> 10));
    argv.extend(["-cp", "/opt/codebox/runner.jar", "codebox.Runner"].map(str::to_owned));
    if warm_up {
        argv.push("--warm-up".to_owned());
    }
    argv.push(format!("--idle-exit={}", idle_exit.as_secs().max(1)));
    argv
}

/// The container's settings: the spec's lock-down, every one of them, every run.
fn body(config: &JavaConfig, image: &str, memory_bytes: u64, warm_up: bool) -> ContainerCreateBody {
    let memory = i64::try_from(memory_bytes).unwrap_or(i64::MAX);
    // The engine's defaults for these exceed what a non-root engine may set on some hosts
    // (podman, rootful but without CAP_SYS_RESOURCE), and they are limits worth stating anyway.
    let ulimit = |name: &str, value: i64| ResourcesUlimits {
        name: Some(name.to_owned()),
        soft: Some(value),
        hard: Some(value),
    };
    let host = HostConfig {
        network_mode: Some("none".to_owned()),
        memory: Some(memory),
        // Equal to the memory limit: no swap to spill into.
        memory_swap: Some(memory),
        nano_cpus: Some((config.cpus * 1e9) as i64),
        pids_limit: Some(config.pids_limit),
        readonly_rootfs: Some(true),
        tmpfs: Some(HashMap::from([
            (
                "/tmp".to_owned(),
                format!("rw,noexec,nosuid,nodev,size={}k", config.tmp_bytes >> 10),
            ),
            // podman mounts writable, executable tmpfs here on a read-only root; these take
            // their place, small and without exec. Docker mounts nothing here.
            (
                "/run".to_owned(),
                "rw,noexec,nosuid,nodev,size=1m".to_owned(),
            ),
            (
                "/var/tmp".to_owned(),
                "rw,noexec,nosuid,nodev,size=1m".to_owned(),
            ),
        ])),
        cap_drop: Some(vec!["ALL".to_owned()]),
        security_opt: Some(vec!["no-new-privileges".to_owned()]),
        ulimits: Some(vec![
            ulimit("nofile", 1024),
            ulimit("nproc", 4096),
            ulimit("core", 0),
        ]),
        ..Default::default()
    };
    ContainerCreateBody {
        image: Some(image.to_owned()),
        user: Some("1000:1000".to_owned()),
        working_dir: Some("/tmp".to_owned()),
        cmd: Some(command(memory_bytes, warm_up, config.idle_exit)),
        env: Some(vec!["PATH=/opt/java/bin:/bin".to_owned()]),
        network_disabled: Some(true),
        attach_stdin: Some(true),
        attach_stdout: Some(true),
        attach_stderr: Some(true),
        open_stdin: Some(true),
        tty: Some(false),
        labels: Some(HashMap::from([(LABEL.to_owned(), "java".to_owned())])),
        host_config: Some(host),
        ..Default::default()
    }
}

/// Creates a container, attaches to its streams and starts it. A container that was created
/// but could not be started is removed before the error is returned.
pub(crate) async fn start(
    docker: &Docker,
    config: &JavaConfig,
    image: &str,
    memory_bytes: u64,
    warm_up: bool,
) -> Result<Started, EngineError> {
    let id = bounded(docker.create_container(None, body(config, image, memory_bytes, warm_up)))
        .await?
        .id;
    let attached = async {
        let options = AttachContainerOptionsBuilder::default()
            .stdin(true)
            .stdout(true)
            .stderr(true)
            .stream(true)
            .build();
        // Attached before it starts, so that not a byte of its output is missed.
        let streams = bounded(docker.attach_container(&id, Some(options))).await?;
        bounded(docker.start_container(&id, None)).await?;
        Ok(streams)
    };
    match attached.await {
        Ok(streams) => Ok(Started {
            id,
            output: streams.output,
            input: streams.input,
            started_at: Instant::now(),
            memory_bytes,
        }),
        Err(e) => {
            remove(docker, &id).await;
            Err(e)
        }
    }
}

/// Removes a container, killing it if it still runs. Failures are logged, not returned: the
/// container's run is over either way, and a container that is already gone is fine.
///
/// An engine killing a container may answer the removal before the container has stopped
/// (podman does, now and then): then the removal is tried again, a few times.
pub(crate) async fn remove(docker: &Docker, id: &str) {
    const ATTEMPTS: u32 = 5;
    for attempt in 1..=ATTEMPTS {
        let options = RemoveContainerOptionsBuilder::default().force(true).build();
        match bounded(docker.remove_container(id, Some(options))).await {
            Ok(()) => return,
            Err(EngineError::DockerResponseServerError {
                status_code: 404, ..
            }) => return,
            Err(e) if attempt == ATTEMPTS => {
                tracing::warn!(container = id, error = %e, "could not remove a Java container");
            }
            Err(e) => {
                tracing::debug!(container = id, error = %e, attempt, "retrying a container's removal");
                tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt))).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An engine call that answers in time passes its answer through; one that never answers
    /// fails at its deadline (a short one here; [`ENGINE_CALL_TIMEOUT`] in use).
    #[tokio::test]
    async fn engine_calls_have_deadlines() {
        let limit = Duration::from_millis(50);
        let answered = within(limit, async { Ok::<_, EngineError>(7) }).await;
        assert!(matches!(answered, Ok(7)), "{answered:?}");
        let silent = within(limit, std::future::pending::<Result<(), EngineError>>()).await;
        assert!(
            matches!(silent, Err(EngineError::RequestTimeoutError)),
            "{silent:?}"
        );
    }
}
