//! Browsers' requests to a server without admin keys: only from the server's own origin.
//!
//! A keyless server (the loopback default) trusts every request, so any web page the user
//! opens could otherwise drive it through the browser: a cross-origin `fetch` or WebSocket
//! carries the page's `Origin`, and a page on a rebinding domain reaches loopback under a
//! `Host` that is not the server's. Such requests are refused with `403 forbidden_origin`
//! unless `CODEBOX_ALLOWED_ORIGINS` lists the page's origin. Clients that are not browsers send
//! no `Origin` and are unaffected; servers with keys authenticate every request instead.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::Config;
use crate::error::ApiError;
use crate::service::Services;

/// Lets a request through unless it comes from a browser page the keyless server must not
/// serve.
pub(crate) async fn same_origin(
    State(services): State<Services>,
    request: Request,
    next: Next,
) -> Response {
    match check(&services.config, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

/// The rule of [`same_origin`].
fn check(config: &Config, headers: &HeaderMap) -> Result<(), ApiError> {
    if !config.api_keys.is_empty() {
        return Ok(());
    }
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let host = header(header::HOST).unwrap_or("");
    if !is_loopback_host(host) {
        return Err(refused(format!(
            "this server has no API keys and answers only to its loopback address, not to {host:?}"
        )));
    }
    let Some(origin) = header(header::ORIGIN) else {
        return Ok(());
    };
    let own = origin
        .split_once("://")
        .is_some_and(|(_, authority)| authority == host);
    if own
        || config
            .allowed_origins
            .iter()
            .any(|allowed| allowed == origin)
    {
        Ok(())
    } else {
        Err(refused(format!(
            "pages of {origin} may not use this server (CODEBOX_ALLOWED_ORIGINS)"
        )))
    }
}

fn refused(message: String) -> ApiError {
    ApiError::Forbidden {
        code: "forbidden_origin",
        message,
    }
}

/// `localhost`, `127.x.x.x` or `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn config(keys: &[&str], allowed: &[&str]) -> Config {
        let mut config = Config::from_args(&crate::api_tests::harness::args()).unwrap();
        config.api_keys = keys.iter().map(|k| (*k).to_owned()).collect();
        config.allowed_origins = allowed.iter().map(|o| (*o).to_owned()).collect();
        config
    }

    fn headers(host: &str, origin: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, HeaderValue::from_str(origin).unwrap());
        }
        headers
    }

    #[test]
    fn a_keyless_server_serves_its_own_origin_and_clients_without_one() {
        let keyless = config(&[], &[]);
        check(&keyless, &headers("127.0.0.1:8080", None)).unwrap();
        check(
            &keyless,
            &headers("localhost:8080", Some("http://localhost:8080")),
        )
        .unwrap();
        check(&keyless, &headers("[::1]:8080", Some("http://[::1]:8080"))).unwrap();
    }

    #[test]
    fn a_keyless_server_refuses_other_origins_and_hosts() {
        let keyless = config(&[], &[]);
        let refused = check(
            &keyless,
            &headers("127.0.0.1:8080", Some("https://evil.example")),
        )
        .unwrap_err();
        assert_eq!(refused.code(), "forbidden_origin");
        // A rebinding domain: same origin as far as the page knows, but not a loopback host.
        let rebound = headers("evil.example:8080", Some("http://evil.example:8080"));
        assert_eq!(
            check(&keyless, &rebound).unwrap_err().code(),
            "forbidden_origin"
        );
    }

    #[test]
    fn listed_origins_and_servers_with_keys_are_let_through() {
        let listed = config(&[], &["http://localhost:3000"]);
        check(
            &listed,
            &headers("127.0.0.1:8080", Some("http://localhost:3000")),
        )
        .unwrap();
        let keyed = config(&["k"], &[]);
        check(
            &keyed,
            &headers("codebox.example", Some("https://app.example")),
        )
        .unwrap();
    }
}
