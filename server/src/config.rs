//! The server's configuration, read once from the command line and the environment (the
//! spec's variable names), checked, and turned into the values the server uses.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use codebox_runtime::{JavaConfig, Language, Limits};

use crate::tokens::TokenKeys;

/// `codebox serve`'s options. Every one can also come from its environment variable.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on. Without API keys the server listens on loopback only.
    #[arg(long, env = "CODEBOX_ADDR", default_value = "127.0.0.1:8080")]
    pub(crate) addr: SocketAddr,
    /// Where to keep data: `embedded` (a SQLite database in --data-dir) or `aws` (DynamoDB + S3).
    #[arg(long, env = "CODEBOX_STORAGE", default_value = "embedded")]
    pub(crate) storage: StorageKind,
    /// The embedded store's folder.
    #[arg(long, env = "CODEBOX_DATA_DIR", default_value = "codebox-data")]
    pub(crate) data_dir: PathBuf,
    /// Where the AWS backend keeps data.
    #[command(flatten)]
    pub(crate) aws: AwsArgs,
    /// Create the tables and the bucket at start when they are missing (for local setups).
    #[arg(long, env = "CODEBOX_AWS_INIT", default_value_t = false)]
    pub(crate) aws_init: bool,
    /// Wall-clock limit per run, in seconds (the spec's MAX_EXECUTION_TIME).
    #[arg(long, env = "MAX_EXECUTION_TIME", default_value_t = 30)]
    pub(crate) max_execution_time: u64,
    /// Largest file, in bytes (the spec's MAX_FILE_SIZE).
    #[arg(long, env = "MAX_FILE_SIZE", default_value_t = 1_048_576)]
    pub(crate) max_file_size: u64,
    /// Languages that may run, comma-separated (the spec's SUPPORTED_LANGUAGES).
    #[arg(
        long,
        env = "SUPPORTED_LANGUAGES",
        default_value = "python,javascript,java"
    )]
    pub(crate) supported_languages: String,
    /// Most files per session.
    #[arg(long, env = "CODEBOX_MAX_FILES", default_value_t = 200)]
    pub(crate) max_files: usize,
    /// Most bytes per session, all files together.
    #[arg(long, env = "CODEBOX_MAX_SESSION_BYTES", default_value_t = 20 << 20)]
    pub(crate) max_session_bytes: u64,
    /// Most bytes of audio per session, all its streams together. The default, 64 MiB, holds
    /// about 35 minutes of 16 kHz 16-bit mono PCM (32 kB/s) or many hours of Opus.
    #[arg(long, env = "CODEBOX_MAX_SESSION_AUDIO_BYTES", default_value_t = 64 << 20)]
    pub(crate) max_session_audio_bytes: u64,
    /// Runs at the same time (default: the number of cores).
    #[arg(long, env = "CODEBOX_MAX_CONCURRENT")]
    pub(crate) max_concurrent: Option<usize>,
    /// Runs that may wait for a slot; beyond them the answer is 429.
    #[arg(long, env = "CODEBOX_QUEUE", default_value_t = 32)]
    pub(crate) queue: usize,
    /// Seconds a WebSocket may stay silent (not even answering pings) before it is closed.
    #[arg(long, env = "CODEBOX_WS_IDLE_TIMEOUT", default_value_t = 60)]
    pub(crate) ws_idle_timeout: u64,
    /// Seconds a client has to send a request's line and headers once the server starts
    /// waiting for them (on a new connection); a client that trickles them is disconnected.
    #[arg(long, env = "CODEBOX_HEADER_TIMEOUT", default_value_t = 10)]
    pub(crate) header_timeout: u64,
    /// Seconds a kept-alive HTTP connection may wait, after a response, for its next request's
    /// headers to arrive before it is closed.
    #[arg(long, env = "CODEBOX_KEEP_ALIVE_TIMEOUT", default_value_t = 30)]
    pub(crate) keep_alive_timeout: u64,
    /// Connections served at once, WebSockets included; beyond them a new connection is
    /// answered `503 too_many_connections` and closed.
    #[arg(long, env = "CODEBOX_MAX_CONNECTIONS", default_value_t = 1024)]
    pub(crate) max_connections: usize,
    /// WebSocket connections open at once per session; beyond them the handshake is refused
    /// with `429 too_many_connections`.
    #[arg(long, env = "CODEBOX_WS_PER_SESSION", default_value_t = 16)]
    pub(crate) ws_per_session: usize,
    /// Bytes of messages a WebSocket connection may have waiting for a slow reader; beyond
    /// them the server waits, and program output is dropped with an `output-dropped` marker.
    #[arg(long, env = "CODEBOX_WS_OUTBOX_BYTES", default_value_t = 1 << 20)]
    pub(crate) ws_outbox_bytes: u32,
    /// API keys, comma-separated; when set, every /api/v1 request needs `Authorization: Bearer <key>`.
    #[arg(long, env = "CODEBOX_API_KEYS", hide_env_values = true)]
    pub(crate) api_keys: Option<String>,
    /// The secret that signs and verifies session tokens (HMAC-SHA-256), shared by every host
    /// of a deployment; without it, one is made at start and tokens do not survive a restart.
    #[arg(long, env = "CODEBOX_TOKEN_SECRET", hide_env_values = true)]
    pub(crate) token_secret: Option<String>,
    /// Browser origins allowed to call a server that has no API keys, comma-separated
    /// (`http://localhost:3000`); pages of other origins are refused. The server's own origin
    /// is always allowed.
    #[arg(long, env = "CODEBOX_ALLOWED_ORIGINS")]
    pub(crate) allowed_origins: Option<String>,
    /// The event engine that shares session events between the hosts of a deployment
    /// (`redis://HOST:PORT`, or `rediss://` for TLS; Redis or Valkey). Without it, events stay
    /// within this process, which is all a single host needs.
    #[arg(long, env = "CODEBOX_EVENTS_URL")]
    pub(crate) events_url: Option<String>,
    /// Serve the web console at `/` (`true` or `false`); by default, when listening on loopback.
    #[arg(long, env = "CODEBOX_CONSOLE")]
    pub(crate) console: Option<bool>,
    /// The container engine that runs Java (`unix:///run/podman/podman.sock`); by default
    /// the platform's (`unix:///var/run/docker.sock`).
    #[arg(long, env = "DOCKER_HOST")]
    pub(crate) docker_host: Option<String>,
    /// Java containers kept started ahead of the runs, so that a JVM's start is not on a
    /// run's path (0: start one per run).
    #[arg(long, env = "CODEBOX_JAVA_POOL_SIZE", default_value_t = 2)]
    pub(crate) java_pool_size: usize,
    /// The Java image; by default the one `infra/java-image/build` makes for this version.
    #[arg(long, env = "CODEBOX_JAVA_IMAGE")]
    pub(crate) java_image: Option<String>,
}

impl ServeArgs {
    /// How the runtime runs Java.
    pub(crate) fn java_config(&self) -> JavaConfig {
        let mut java = JavaConfig::default().pool_size(self.java_pool_size);
        if let Some(host) = &self.docker_host {
            java = java.engine(host);
        }
        if let Some(image) = &self.java_image {
            java = java.image(image);
        }
        java
    }
}

/// The names and endpoint of the AWS backend (`codebox serve --storage aws`, `codebox init`).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct AwsArgs {
    /// The S3 bucket.
    #[arg(
        long,
        env = "S3_BUCKET",
        default_value = "voice-interview-platform-storage"
    )]
    pub(crate) s3_bucket: String,
    /// The sessions table.
    #[arg(
        long,
        env = "DYNAMODB_SESSIONS_TABLE",
        default_value = "interview-sessions"
    )]
    pub(crate) sessions_table: String,
    /// The files table.
    #[arg(long, env = "DYNAMODB_FILES_TABLE", default_value = "session-files")]
    pub(crate) files_table: String,
    /// An endpoint for both S3 and DynamoDB (a local server such as moto); S3 is then
    /// addressed path-style.
    #[arg(long, env = "CODEBOX_AWS_ENDPOINT")]
    pub(crate) aws_endpoint: Option<String>,
}

impl AwsArgs {
    /// The backend's settings; `init` creates missing resources at connection.
    pub(crate) fn config(&self, init: bool) -> AwsConfig {
        AwsConfig {
            bucket: self.s3_bucket.clone(),
            sessions_table: self.sessions_table.clone(),
            files_table: self.files_table.clone(),
            endpoint: self.aws_endpoint.clone(),
            init,
        }
    }
}

/// Which storage backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StorageKind {
    /// SQLite in a local folder.
    Embedded,
    /// DynamoDB and S3.
    Aws,
}

/// The AWS backend's settings.
#[derive(Clone)]
pub(crate) struct AwsConfig {
    pub(crate) bucket: String,
    pub(crate) sessions_table: String,
    pub(crate) files_table: String,
    pub(crate) endpoint: Option<String>,
    pub(crate) init: bool,
}

impl std::fmt::Debug for AwsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AwsConfig")
            .field("bucket", &self.bucket)
            .field("sessions_table", &self.sessions_table)
            .field("files_table", &self.files_table)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

/// Where data lives.
#[derive(Debug, Clone)]
pub(crate) enum StorageConfig {
    Embedded { data_dir: PathBuf },
    Aws(AwsConfig),
}

/// The checked configuration.
#[derive(Clone)]
pub(crate) struct Config {
    pub(crate) addr: SocketAddr,
    pub(crate) storage: StorageConfig,
    /// The limits of a run when neither the session nor the request says otherwise.
    pub(crate) limits: Limits,
    /// The longest a run may be given.
    pub(crate) max_timeout: Duration,
    pub(crate) max_file_size: u64,
    pub(crate) max_files: usize,
    pub(crate) max_session_bytes: u64,
    /// The most bytes of audio chunks a session may store.
    pub(crate) max_session_audio_bytes: u64,
    /// Languages that may run.
    pub(crate) languages: Vec<Language>,
    pub(crate) max_concurrent: usize,
    pub(crate) queue: usize,
    pub(crate) api_keys: Vec<String>,
    /// Signs and verifies session tokens.
    pub(crate) tokens: TokenKeys,
    /// Whether the token secret was made at start (tokens then end with the process).
    pub(crate) ephemeral_tokens: bool,
    /// Browser origins allowed besides the server's own, for a server without keys.
    pub(crate) allowed_origins: Vec<String>,
    /// The largest request body: a file at the size limit, JSON-escaped, with room to spare.
    pub(crate) body_limit: usize,
    /// How long a request may take before 408 (runs can take `max_timeout` times the number of
    /// test cases).
    pub(crate) request_timeout: Duration,
    /// A WebSocket silent this long is closed; the server pings at a third of it (at most 20 s).
    pub(crate) ws_idle_timeout: Duration,
    /// How slow and idle HTTP connections are bounded.
    pub(crate) connections: ConnectionLimits,
    /// WebSocket connections a session may have open at once.
    pub(crate) ws_per_session: usize,
    /// Bytes a WebSocket connection may have queued for its writer.
    pub(crate) ws_outbox_bytes: u32,
    /// The event engine shared by the hosts, if any.
    pub(crate) events_url: Option<String>,
    /// Whether `/` serves the web console.
    pub(crate) console: bool,
}

/// The bounds on HTTP connections that keep slow and idle clients from holding the server.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionLimits {
    /// The time a new connection has to send its first request's headers.
    pub(crate) header_timeout: Duration,
    /// The time a kept-alive connection has, after a response, to send its next request's
    /// headers.
    pub(crate) keep_alive_timeout: Duration,
    /// Connections served at once.
    pub(crate) max_connections: usize,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // API keys are secrets: only their number is shown.
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("storage", &self.storage)
            .field("limits", &self.limits)
            .field("languages", &self.languages)
            .field("api_keys", &self.api_keys.len())
            .finish_non_exhaustive()
    }
}

/// The non-empty, trimmed items of a comma-separated list.
fn comma_list(list: Option<&str>) -> Vec<String> {
    list.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Config {
    /// Checks the options and derives the configuration.
    pub(crate) fn from_args(args: &ServeArgs) -> Result<Config> {
        if args.max_execution_time == 0 || args.max_execution_time > 3600 {
            bail!(
                "MAX_EXECUTION_TIME must be between 1 and 3600 seconds, got {}",
                args.max_execution_time
            );
        }
        if args.max_file_size == 0 || args.max_file_size > 64 << 20 {
            bail!(
                "MAX_FILE_SIZE must be between 1 byte and 64 MiB, got {}",
                args.max_file_size
            );
        }
        let mut languages = Vec::new();
        for name in args
            .supported_languages
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let language = name
                .parse::<Language>()
                .with_context(|| format!("SUPPORTED_LANGUAGES lists {name:?}"))?;
            if !languages.contains(&language) {
                languages.push(language);
            }
        }
        if languages.is_empty() {
            bail!("SUPPORTED_LANGUAGES lists no language");
        }
        let max_timeout = Duration::from_secs(args.max_execution_time);
        let storage = match args.storage {
            StorageKind::Embedded => StorageConfig::Embedded {
                data_dir: args.data_dir.clone(),
            },
            StorageKind::Aws => StorageConfig::Aws(args.aws.config(args.aws_init)),
        };
        let api_keys = comma_list(args.api_keys.as_deref());
        // A keyless server listens on loopback whatever the address says (see app.rs).
        let console = args
            .console
            .unwrap_or(args.addr.ip().is_loopback() || api_keys.is_empty());
        let allowed_origins = comma_list(args.allowed_origins.as_deref());
        let (tokens, ephemeral_tokens) = match args.token_secret.as_deref() {
            Some(secret) => {
                if secret.len() < 32 {
                    tracing::warn!(
                        "CODEBOX_TOKEN_SECRET is shorter than 32 bytes: tokens are only as strong as their secret"
                    );
                }
                let keys = TokenKeys::from_secret(secret.as_bytes())
                    .context("CODEBOX_TOKEN_SECRET is empty")?;
                (keys, false)
            }
            None => (TokenKeys::ephemeral(), true),
        };
        let max_concurrent = args
            .max_concurrent
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
            .max(1);
        let body_limit = usize::try_from(args.max_file_size.saturating_mul(2) + (64 << 10))
            .unwrap_or(usize::MAX);
        Ok(Config {
            addr: args.addr,
            storage,
            limits: Limits::default().with_timeout(max_timeout),
            max_timeout,
            max_file_size: args.max_file_size,
            max_files: args.max_files,
            max_session_bytes: args.max_session_bytes,
            max_session_audio_bytes: args.max_session_audio_bytes,
            languages,
            max_concurrent,
            queue: args.queue,
            api_keys,
            tokens,
            ephemeral_tokens,
            allowed_origins,
            body_limit,
            request_timeout: max_timeout * 20 + Duration::from_secs(30),
            ws_idle_timeout: Duration::from_secs(args.ws_idle_timeout.max(1)),
            connections: ConnectionLimits {
                header_timeout: Duration::from_secs(args.header_timeout.max(1)),
                keep_alive_timeout: Duration::from_secs(args.keep_alive_timeout.max(1)),
                max_connections: args.max_connections.max(1),
            },
            ws_per_session: args.ws_per_session.max(1),
            ws_outbox_bytes: args.ws_outbox_bytes.max(1 << 10),
            events_url: args.events_url.clone().filter(|url| !url.is_empty()),
            console,
        })
    }
}
