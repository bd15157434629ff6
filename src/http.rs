//! The HTTP layer shared by Keystone and Nova calls: one reqwest client per run, and the
//! mapping of answers to [`Error`]s (fault bodies, request ids, undecodable bodies).

use std::time::Duration;

use reqwest::Response;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::CloudConfig;
use crate::error::{ApiError, Error, Result};

/// `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("nova-images/", env!("CARGO_PKG_VERSION"));

/// How much of an error body is read to find the server's message.
const ERROR_BODY_CAP: usize = 64 * 1024;

/// Per-request timeout when neither `--timeout` nor `api_timeout` says otherwise.
pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;

/// Builds the run's one HTTP client: TLS settings from the cloud, timeouts, user agent.
/// `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` are honoured (reqwest's system proxy).
pub fn build_client(cloud: &CloudConfig) -> Result<reqwest::Client> {
    let timeout = Duration::from_secs_f64(cloud.api_timeout.unwrap_or(DEFAULT_TIMEOUT_SECS));
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .timeout(timeout)
        // A token must never follow a redirect to another host.
        .redirect(reqwest::redirect::Policy::none())
        .danger_accept_invalid_certs(!cloud.verify);
    // A TLS file named in the configuration that cannot be read is a configuration error.
    let read = |path: &std::path::Path, what: &str| {
        std::fs::read(path)
            .map_err(|e| Error::config(format!("cannot read {what} {}: {e}", path.display()), None))
    };
    if let Some(path) = &cloud.cacert {
        let pem = read(path, "CA bundle")?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            Error::config(
                format!("CA bundle {} is not valid PEM: {e}", path.display()),
                None,
            )
        })?;
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    if let Some(cert) = &cloud.cert {
        let mut pem = read(cert, "client certificate")?;
        if let Some(key) = &cloud.key {
            pem.push(b'\n');
            pem.extend_from_slice(&read(key, "client key")?);
        }
        let identity = reqwest::Identity::from_pem(&pem).map_err(|e| {
            Error::config(
                format!(
                    "client certificate {} (with its key) is not usable PEM: {}",
                    cert.display(),
                    e.without_url()
                ),
                Some("give the certificate with --os-cert and its key with --os-key".into()),
            )
        })?;
        builder = builder.identity(identity);
    }
    builder.build().map_err(|e| {
        Error::config(
            format!("cannot set up HTTPS for cloud '{}': {e}", cloud.name),
            None,
        )
    })
}

/// A request that got no HTTP answer.
pub(crate) fn transport(method: &str, url: &str, source: reqwest::Error) -> Error {
    Error::Transport {
        method: method.to_owned(),
        url: url.to_owned(),
        source: source.without_url(),
    }
}

/// The request id OpenStack services put on every answer.
fn request_id(response: &Response) -> Option<String> {
    ["x-openstack-request-id", "x-compute-request-id"]
        .iter()
        .find_map(|h| response.headers().get(*h))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Reads at most `cap` bytes of the body; a broken body just ends early.
async fn read_capped(mut response: Response, cap: usize) -> Vec<u8> {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = cap - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= cap {
            break;
        }
    }
    body
}

/// Turns an error answer into an [`ApiError`] carrying the server's message.
pub(crate) async fn api_error(method: &str, url: &str, response: Response) -> ApiError {
    let status = response.status().as_u16();
    let request_id = request_id(&response);
    let body = read_capped(response, ERROR_BODY_CAP).await;
    ApiError {
        method: method.to_owned(),
        url: url.to_owned(),
        status,
        message: fault_message(&body),
        request_id,
    }
}

/// The message of a Nova fault (`{"itemNotFound": {"message": ...}}`) or a Keystone error
/// (`{"error": {"message": ...}}`); otherwise a short, single-line excerpt of the body.
pub fn fault_message(body: &[u8]) -> Option<String> {
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
        let message = map
            .get("message")
            .or_else(|| map.values().find_map(|v| v.get("message")))
            .and_then(Value::as_str);
        if let Some(m) = message {
            return Some(one_line(m, 300));
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = one_line(&strip_tags(&text), 200);
    (!text.is_empty()).then_some(text)
}

/// Drops HTML tags so that a load balancer's error page reads as its text.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Collapses whitespace and control characters, undoes the HTML escaping some services put
/// in JSON messages (`&quot;`), and cuts at `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let text = text
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    if joined.chars().count() > max {
        let cut: String = joined.chars().take(max).collect();
        format!("{cut}...")
    } else {
        joined
    }
}

/// Reads a whole success body and decodes it as `T`.
pub(crate) async fn decode<T: DeserializeOwned>(
    method: &str,
    url: &str,
    response: Response,
) -> Result<T> {
    let body = response
        .bytes()
        .await
        .map_err(|e| transport(method, url, e))?;
    decode_body(method, url, &body)
}

/// Decodes a success body as `T`, naming the URL and what did not parse.
pub(crate) fn decode_body<T: DeserializeOwned>(method: &str, url: &str, body: &[u8]) -> Result<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            method: method.to_owned(),
            url: url.to_owned(),
            message: "empty body".into(),
        });
    }
    serde_json::from_slice(body).map_err(|e| Error::Decode {
        method: method.to_owned(),
        url: url.to_owned(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_messages_of_nova_and_keystone() {
        assert_eq!(
            fault_message(br#"{"itemNotFound": {"code": 404, "message": "Image not found."}}"#)
                .as_deref(),
            Some("Image not found.")
        );
        assert_eq!(
            fault_message(br#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#).as_deref(),
            Some("The request you have made requires authentication.")
        );
    }

    #[test]
    fn html_and_garbage_become_one_short_line() {
        assert_eq!(
            fault_message(b"<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>")
                .as_deref(),
            Some("502 Bad Gateway nginx")
        );
        assert_eq!(fault_message(b""), None);
        let long = "x".repeat(1000);
        assert_eq!(fault_message(long.as_bytes()).unwrap().len(), 203);
        assert_eq!(
            fault_message(b"bad \xff\x1b[31m utf8").as_deref(),
            Some("bad \u{fffd} [31m utf8")
        );
    }

    #[test]
    fn decode_names_empty_and_wrong_bodies() {
        let err = decode_body::<Value>("GET", "http://x", b"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "GET http://x: unexpected response body: empty body"
        );
        let err = decode_body::<crate::model::ImageBody>("GET", "http://x", b"{\"image\": \"s\"}")
            .unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}
