//! `codebox serve`: reads the configuration once, builds the runtime and serves the API until
//! Ctrl-C or SIGTERM.

use anyhow::Context;

use crate::{app, config, telemetry};

/// Serves until a shutdown signal, then lets the requests in flight finish.
pub(super) fn serve(args: &config::ServeArgs) -> anyhow::Result<()> {
    telemetry::init();
    let config = config::Config::from_args(args)?;
    let runtime = codebox_runtime::Runtime::builder()
        .progress(|line| tracing::info!("{line}"))
        .java(args.java_config())
        .build()?;
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting tokio")?;
    tokio.block_on(async move {
        let application = app::Application::build(config, runtime).await?;
        tracing::info!(addr = %application.local_addr()?, "codebox is serving /api/v1");
        application.run_until(app::shutdown_signal()).await
    })
}
