//! Logging, set up once: `RUST_LOG` if set, else `codebox=info,tower_http=info`, to stderr.

use tracing_subscriber::EnvFilter;

pub(crate) fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("codebox=info,tower_http=info"));
    // A second initialisation (in tests) is harmless: the first subscriber stays.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
