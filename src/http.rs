//! The HTTP layer shared by Keystone and Nova calls: one reqwest client per run ([`Http`])
//! with retries, timeouts and safe `--debug` logging, and the mapping of answers to
//! [`Error`]s (fault bodies, request ids, undecodable bodies).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::{Method, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diag::{Diag, Timing, token_digest};
use crate::error::{ApiError, Error, Result, Route};

/// Retries of a failed request unless `--retries` says otherwise.
pub const DEFAULT_RETRIES: u32 = 3;

/// First backoff step; doubled on each retry, plus up to 50% jitter.
const BACKOFF_BASE: Duration = Duration::from_millis(250);

/// Longest wait between two attempts, whatever `Retry-After` asks.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("nova-images/", env!("CARGO_PKG_VERSION"));

/// How much of an error body is read to find the server's message.
const ERROR_BODY_CAP: usize = 64 * 1024;

/// Largest success body accepted (a page of 1000 images is about 2 MB).
const BODY_CAP: usize = 256 * 1024 * 1024;

/// Per-request timeout when neither `--timeout` nor `api_timeout` says otherwise.
pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;

/// How to reach a cloud: TLS settings and the per-request timeout
/// ([`crate::config::CloudConfig::http_options`] gives a resolved cloud's).
#[derive(Debug, Clone, PartialEq)]
pub struct HttpOptions {
    /// The cloud's name, for messages.
    pub cloud: String,
    /// Verify TLS certificates.
    pub verify: bool,
    /// Extra CA bundle (PEM), added to the system roots.
    pub cacert: Option<PathBuf>,
    /// Client certificate (PEM) for mutual TLS.
    pub cert: Option<PathBuf>,
    /// Its private key (PEM), when not in the certificate file.
    pub key: Option<PathBuf>,
    /// Limit of each request.
    pub timeout: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            cloud: String::new(),
            verify: true,
            cacert: None,
            cert: None,
            key: None,
            timeout: Duration::from_secs_f64(DEFAULT_TIMEOUT_SECS),
        }
    }
}

/// Builds the run's one reqwest client: TLS settings, timeouts, user agent.
/// `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` are honoured (reqwest's system proxy).
fn build_client(options: &HttpOptions) -> Result<reqwest::Client> {
    // HTTP keep-alive and gzip come with reqwest; one client serves every request of a run.
    let timeout = options.timeout;
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .timeout(timeout)
        // A token must never follow a redirect to another host.
        .redirect(reqwest::redirect::Policy::none())
        .danger_accept_invalid_certs(!options.verify);
    // A TLS file named in the configuration that cannot be read is a configuration error.
    let read = |path: &Path, what: &str| {
        crate::fs::read_bounded(path)
            .map_err(|e| Error::config(format!("cannot read {what} {}: {e}", path.display()), None))
    };
    if let Some(path) = &options.cacert {
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
    if let Some(cert) = &options.cert {
        let mut pem = read(cert, "client certificate")?;
        if let Some(key) = &options.key {
            pem.push(b'\n');
            pem.extend_from_slice(&read(key, "client key")?);
        }
        let identity = reqwest::Identity::from_pem(&pem).map_err(|e| Error::Config {
            message: format!(
                "client certificate {} (with its key) is not usable PEM: {}",
                cert.display(),
                e.without_url()
            ),
            hint: None,
            fix: Some(crate::error::Fix::ClientKeyPair),
        })?;
        builder = builder.identity(identity);
    }
    builder.build().map_err(|e| {
        Error::config(
            format!("cannot set up HTTPS for cloud '{}': {e}", options.cloud),
            None,
        )
    })
}

/// A request that got no HTTP answer (a timeout names the limit).
pub(crate) fn transport(method: &str, url: &str, source: reqwest::Error) -> Error {
    Error::Transport {
        method: method.to_owned(),
        url: url.to_owned(),
        source: source.without_url(),
    }
}

/// One request, described before it is sent so that it can be retried and logged.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a HeaderMap,
    pub json: Option<&'a Value>,
}

impl Request<'_> {
    /// Safe to send twice: a repeat finds the same state (a second DELETE finds nothing).
    fn idempotent(&self) -> bool {
        matches!(self.method, Method::GET | Method::DELETE | Method::HEAD)
    }
}

/// The run's HTTP client: one reqwest client (keep-alive, gzip), its retry policy and the
/// diagnostics sink.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    diag: Diag,
    retries: u32,
    timeout: Duration,
    /// The clock offset from the last answer's `Date` header (see [`Http::clock_offset`]),
    /// shared by every clone.
    clock: Arc<Mutex<Option<i64>>>,
}

impl Http {
    /// A client for `options`, with [`DEFAULT_RETRIES`] and no diagnostics.
    pub fn new(options: &HttpOptions) -> Result<Self> {
        Ok(Http {
            client: build_client(options)?,
            diag: Diag::default(),
            retries: DEFAULT_RETRIES,
            timeout: options.timeout,
            clock: Arc::default(),
        })
    }

    /// Sends notices and `--debug` lines to `diag`.
    pub fn with_diag(mut self, diag: Diag) -> Self {
        self.diag = diag;
        self
    }

    /// Retries a failed request up to `n` times (0 disables retries).
    pub fn with_retries(mut self, n: u32) -> Self {
        self.retries = n;
        self
    }

    /// The diagnostics sink.
    pub fn diag(&self) -> &Diag {
        &self.diag
    }

    /// How many seconds the last server that sent a `Date` header was ahead of this
    /// machine's clock (negative: behind); `None` before any such answer. `Date` has whole
    /// seconds, so the offset is good to about a second: enough to see a clock that would
    /// make tokens look expired.
    pub fn clock_offset(&self) -> Option<i64> {
        *self.clock.lock().ok()?
    }

    /// Notes the clock offset that `headers`' `Date` shows, received now.
    fn note_date(&self, headers: &HeaderMap) {
        let Some(offset) = date_offset(headers, SystemTime::now()) else {
            return;
        };
        if let Ok(mut clock) = self.clock.lock() {
            *clock = Some(offset);
        }
    }

    /// Sends `req` and reads the whole answer, retrying what is safe to retry: connection
    /// failures (any method: the request never arrived), 429/413 (any method, honouring
    /// `Retry-After`), and for GET and DELETE also dropped connections, broken bodies and
    /// 502/503/504. Returns the last answer; the caller judges its status.
    pub(crate) async fn send(&self, req: Request<'_>) -> Result<Answer> {
        let mut attempt = 0;
        loop {
            let wait = match self.exchange(&req).await {
                Ok(mut answer) => {
                    answer.retried = attempt > 0;
                    match self.retry_answer(&req, &answer, attempt) {
                        Some(wait) => wait,
                        None => return Ok(answer),
                    }
                }
                Err(e) => self.retry_failure(&req, e, attempt)?,
            };
            tokio::time::sleep(wait.min(MAX_WAIT)).await;
            attempt += 1;
        }
    }

    /// One attempt: the request, its whole answer, the `--timing` record and `--debug` lines.
    async fn exchange(&self, req: &Request<'_>) -> std::result::Result<Answer, reqwest::Error> {
        let mut builder = self
            .client
            .request(req.method.clone(), req.url)
            .headers(req.headers.clone());
        if let Some(json) = req.json {
            builder = builder.json(json);
        }
        if self.diag.debugging() {
            self.diag.debug(&curl_line(req));
        }
        let started = Instant::now();
        let result = match builder.send().await {
            Ok(response) => Answer::read(response).await,
            Err(e) => Err(e),
        };
        let elapsed = started.elapsed();
        if let Ok(answer) = &result {
            self.note_date(&answer.headers);
        }
        self.diag.record(Timing {
            method: req.method.as_str().to_owned(),
            url: req.url.to_owned(),
            status: result.as_ref().ok().map(|a| a.status.as_u16()),
            elapsed,
        });
        if let Ok(answer) = &result
            && self.diag.debugging()
        {
            self.diag.debug(&answer.debug_line(elapsed));
        }
        result
    }

    /// How long to wait before trying an answered request again, or `None` to keep the answer.
    fn retry_answer(&self, req: &Request<'_>, answer: &Answer, attempt: u32) -> Option<Duration> {
        let status = answer.status.as_u16();
        // A DELETE is also retried on 500: clouds under parallel deletes answer it for a
        // locked database, and a repeat that finds the image gone counts as deleted. Not the
        // 500 Nova answers for an image in use (ImageDeleteConflict): every repeat gets it.
        let retryable = matches!(status, 413 | 429)
            || (req.idempotent() && matches!(status, 502..=504))
            || (req.method == Method::DELETE
                && status == 500
                && !crate::error::names_delete_conflict(fault_message(&answer.body).as_deref()));
        if !retryable || attempt >= self.retries {
            return None;
        }
        let wait = retry_after(&answer.headers).unwrap_or_else(|| backoff(attempt));
        self.diag.notice(&format!(
            "{} {} returned {status}; retry {} of {} in {:.1} s",
            req.method,
            req.url,
            attempt + 1,
            self.retries,
            wait.as_secs_f64()
        ));
        Some(wait)
    }

    /// How long to wait before trying an unanswered request again, or its error.
    fn retry_failure(
        &self,
        req: &Request<'_>,
        e: reqwest::Error,
        attempt: u32,
    ) -> Result<Duration> {
        let method = req.method.as_str();
        if e.is_timeout() {
            return Err(Error::Timeout {
                method: method.to_owned(),
                url: req.url.to_owned(),
                seconds: self.timeout.as_secs_f64(),
            });
        }
        // A certificate problem will not go away by trying again.
        let tls = crate::error::chain(&e).contains("certificate");
        let retryable = !tls && (e.is_connect() || (req.idempotent() && !e.is_builder()));
        if !retryable || attempt >= self.retries {
            return Err(transport(method, req.url, e));
        }
        let wait = backoff(attempt);
        self.diag.notice(&format!(
            "{method} {} failed ({}); retry {} of {} in {:.1} s",
            req.url,
            crate::error::chain(&e.without_url()),
            attempt + 1,
            self.retries,
            wait.as_secs_f64()
        ));
        Ok(wait)
    }
}

/// Exponential backoff with jitter: 0.25 s, 0.5 s, 1 s, ... plus up to half as much again.
fn backoff(attempt: u32) -> Duration {
    let base = BACKOFF_BASE.saturating_mul(1 << attempt.min(8));
    base + base.mul_f64(fastrand::f64() / 2.0)
}

/// Seconds from `now` to the server's time by its `Date` header, which is truncated to
/// the second: the server's clock was half a second past it on average.
fn date_offset(headers: &HeaderMap, now: SystemTime) -> Option<i64> {
    let value = headers.get("date")?.to_str().ok()?;
    let date = httpdate::parse_http_date(value.trim()).ok()? + Duration::from_millis(500);
    let millis = |t: SystemTime| -> Option<i128> {
        Some(t.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_millis() as i128)
    };
    let ahead = millis(date)? - millis(now)?;
    // `as` saturates: no clock is that far off, and no input panics.
    Some((ahead as f64 / 1000.0).round() as i64)
}

/// `Retry-After` in seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// The request as a `curl` command line, with the token replaced by its digest and secrets
/// in the body masked, so that `--debug` output is safe to paste.
fn curl_line(req: &Request<'_>) -> String {
    let mut line = format!("REQ: curl -g -i -X {} '{}'", req.method, req.url);
    for (name, value) in req.headers {
        let value = value.to_str().unwrap_or("<binary>");
        let shown = if name.as_str() == "x-auth-token" {
            token_digest(value)
        } else {
            value.to_owned()
        };
        line.push_str(&format!(" -H '{name}: {shown}'"));
    }
    if let Some(json) = req.json {
        line.push_str(&format!(" -d '{}'", redact(json)));
    }
    line
}

/// The JSON with every secret value replaced by `***`.
pub(crate) fn redact(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("password" | "secret" | "passcode", v) if !v.is_object() => {
                            Value::String("***".into())
                        }
                        // `"token": {"id": T}` of token authentication.
                        ("token", Value::Object(t)) => {
                            let mut t = t.clone();
                            if t.contains_key("id") {
                                t.insert("id".into(), Value::String("***".into()));
                            }
                            Value::Object(t)
                        }
                        _ => redact(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact).collect()),
        other => other.clone(),
    }
}

/// A whole HTTP answer: status, headers and body, read within the retry loop.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: reqwest::StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
    /// It took one or more retries to get this answer.
    pub retried: bool,
    /// The body was longer than the cap and was cut there.
    pub truncated: bool,
}

impl Answer {
    /// Reads the body: error bodies only up to [`ERROR_BODY_CAP`] (enough for a message),
    /// success bodies up to [`BODY_CAP`].
    async fn read(mut response: Response) -> std::result::Result<Self, reqwest::Error> {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let cap = if status.is_success() {
            BODY_CAP
        } else {
            ERROR_BODY_CAP
        };
        let mut body = Vec::new();
        // A declared length over the cap is not read at all.
        let mut truncated = response
            .content_length()
            .is_some_and(|n| n > cap as u64 && status.is_success());
        while !truncated && let Some(chunk) = response.chunk().await? {
            let room = cap - body.len();
            truncated = chunk.len() > room && status.is_success();
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if body.len() >= cap {
                truncated = status.is_success();
                break;
            }
        }
        Ok(Answer {
            status,
            headers,
            body: body.into(),
            retried: false,
            truncated,
        })
    }

    /// The request id OpenStack services put on every answer.
    pub fn request_id(&self) -> Option<String> {
        ["x-openstack-request-id", "x-compute-request-id"]
            .iter()
            .find_map(|h| self.headers.get(*h))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    fn debug_line(&self, elapsed: Duration) -> String {
        let mut line = format!(
            "RESP: [{}] {} bytes in {} ms",
            self.status.as_u16(),
            self.body.len(),
            elapsed.as_millis()
        );
        if let Some(id) = self.request_id() {
            line.push_str(&format!(" (request id {id})"));
        }
        if let Some(token) = self
            .headers
            .get("x-subject-token")
            .and_then(|v| v.to_str().ok())
        {
            line.push_str(&format!(" X-Subject-Token: {}", token_digest(token)));
        }
        line
    }

    /// This (error) answer as an [`ApiError`] carrying the server's message.
    pub fn api_error(&self, method: &str, url: &str, route: Route) -> ApiError {
        ApiError {
            method: method.to_owned(),
            url: url.to_owned(),
            status: self.status.as_u16(),
            message: fault_message(&self.body),
            request_id: self.request_id(),
            retried: self.retried,
            route,
            microversion: None,
        }
    }

    /// Decodes this (success) answer's body as `T`.
    pub fn decode<T: DeserializeOwned>(&self, method: &str, url: &str) -> Result<T> {
        if self.truncated {
            return Err(Error::Decode {
                method: method.to_owned(),
                url: url.to_owned(),
                message: format!(
                    "the response exceeded nova-images' limit of {} MiB for one answer",
                    BODY_CAP / (1024 * 1024)
                ),
            });
        }
        decode_body(method, url, &self.body)
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

/// Decodes a success body as `T`, naming the URL and what did not parse.
pub(crate) fn decode_body<T: DeserializeOwned>(method: &str, url: &str, body: &[u8]) -> Result<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            method: method.to_owned(),
            url: url.to_owned(),
            message: "empty body".into(),
        });
    }
    // The plain decoder first: tracking the path of every field costs time on each page of
    // a large listing, and is needed only to say where a body that fails went wrong. UTF-8
    // is checked once for the whole body, not again for each string in it.
    if let Ok(text) = std::str::from_utf8(body)
        && let Ok(value) = serde_json::from_str(text)
    {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut de).map_err(|e| Error::Decode {
        method: method.to_owned(),
        url: url.to_owned(),
        message: where_it_failed(&e, body),
    })
}

/// `images[3].minRam (image 70a5...): invalid type: string "abc", expected u64`: the field
/// that did not decode, the image it belongs to, and serde's reason without its position.
fn where_it_failed(e: &serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> String {
    let reason = e.inner().to_string();
    // Broken JSON has a position, not a field.
    if e.inner().is_syntax() || e.inner().is_eof() {
        return reason;
    }
    let reason = match reason.rfind(" at line ") {
        Some(i) => reason[..i].to_owned(),
        None => reason,
    };
    let path = e.path().to_string();
    if path == "." {
        return reason;
    }
    format!("{path}{}: {reason}", image_of(&path, body))
}

/// ` (image ID)` for a path inside `images[N]`, when that image has a string ID.
fn image_of(path: &str, body: &[u8]) -> String {
    let index = path
        .strip_prefix("images[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse::<usize>().ok());
    let id = index.and_then(|n| {
        let doc: Value = serde_json::from_slice(body).ok()?;
        doc.get("images")?
            .get(n)?
            .get("id")?
            .as_str()
            .map(str::to_owned)
    });
    id.map(|id| format!(" (image {id})")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_date_header_gives_the_servers_clock_offset_to_the_second() {
        let dated = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("date", value.parse().unwrap());
            headers
        };
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 s after the epoch.
        let at = |secs: u64, millis: u64| {
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(millis)
        };
        let date = dated("Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(date_offset(&date, at(784_111_777, 400)), Some(0));
        assert_eq!(date_offset(&date, at(784_111_677, 500)), Some(100));
        assert_eq!(date_offset(&date, at(784_111_877, 500)), Some(-100));
        assert_eq!(date_offset(&dated("yesterday"), at(0, 0)), None);
        assert_eq!(date_offset(&HeaderMap::new(), at(0, 0)), None);
    }

    #[test]
    fn redact_masks_secrets_but_keeps_the_shape() {
        let body = serde_json::json!({"auth": {"identity": {"methods": ["password", "token"],
            "password": {"user": {"name": "u", "password": "p"}},
            "token": {"id": "t"},
            "application_credential": {"id": "i", "secret": "s"}},
            "scope": {"project": {"id": "pid"}}}});
        assert_eq!(
            redact(&body),
            serde_json::json!({"auth": {"identity": {"methods": ["password", "token"],
                "password": {"user": {"name": "u", "password": "***"}},
                "token": {"id": "***"},
                "application_credential": {"id": "i", "secret": "***"}},
                "scope": {"project": {"id": "pid"}}}})
        );
    }

    proptest! {
        // No answer a server can send makes the decoders panic.
        #[test]
        fn decoders_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = fault_message(&body);
            let _ = decode_body::<crate::model::ImagesPage>("GET", "u", &body);
            let _ = decode_body::<crate::model::ImageBody>("GET", "u", &body);
            let _ = decode_body::<Value>("GET", "u", &body);
        }

        #[test]
        fn json_shaped_bodies_never_panic(text in r#"\{"(images|image|error|itemNotFound)": ?(\[|\{|"|[0-9e.+-]{1,12}|null|true)[ -~]{0,80}"#) {
            let _ = fault_message(text.as_bytes());
            let _ = decode_body::<crate::model::ImagesPage>("GET", "u", text.as_bytes());
            let _ = decode_body::<crate::model::ImageBody>("GET", "u", text.as_bytes());
        }

        #[test]
        fn sizes_of_any_number_never_panic(n in any::<f64>()) {
            let body = format!(r#"{{"image": {{"id": "a", "OS-EXT-IMG-SIZE:size": {n}}}}}"#);
            let _ = decode_body::<crate::model::ImageBody>("GET", "u", body.as_bytes());
        }
    }

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

    /// Nova's exact answer for an image Glance refuses to delete because it is in use.
    const IN_USE_500: &str = "{\"computeFault\": {\"code\": 500, \"message\": \"Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\\n<class 'nova.exception.ImageDeleteConflict'>\"}}";

    fn answer(status: u16, body: &'static str) -> Answer {
        Answer {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: bytes::Bytes::from_static(body.as_bytes()),
            retried: false,
            truncated: false,
        }
    }

    #[test]
    fn an_image_in_use_is_not_retried_but_other_500s_of_a_delete_are() {
        let http = Http::new(&Default::default()).unwrap();
        let headers = HeaderMap::new();
        let request = |method: Method| Request {
            method,
            url: "http://x/images/a",
            headers: &headers,
            json: None,
        };
        let delete = request(Method::DELETE);
        assert!(
            http.retry_answer(&delete, &answer(500, IN_USE_500), 0)
                .is_none()
        );
        let other = r#"{"computeFault": {"code": 500, "message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'oslo_db.exception.DBDeadlock'>"}}"#;
        assert!(http.retry_answer(&delete, &answer(500, other), 0).is_some());
        assert!(http.retry_answer(&delete, &answer(500, ""), 0).is_some());
        // A GET is never retried on 500, in use or not.
        assert!(
            http.retry_answer(&request(Method::GET), &answer(500, other), 0)
                .is_none()
        );
        let api = answer(500, IN_USE_500).api_error("DELETE", "http://x/images/a", Route::Image);
        assert!(api.is_in_use());
        assert_eq!(
            api.message.as_deref(),
            Some(
                "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ \
                 and attach the Nova API log if possible. \
                 <class 'nova.exception.ImageDeleteConflict'>"
            )
        );
        let not = answer(500, other).api_error("DELETE", "http://x/images/a", Route::Image);
        assert!(!not.is_in_use());
        // Glance's own answer: 409 to the DELETE of an image.
        let glance = answer(
            409,
            r#"{"message": "Image a could not be deleted because it is in use"}"#,
        );
        assert!(
            glance
                .api_error("DELETE", "http://g/v2/images/a", Route::Image)
                .is_in_use()
        );
        // The same words on another route or method are no delete refused.
        let get = answer(500, IN_USE_500).api_error("GET", "http://x/images/a", Route::Image);
        assert!(!get.is_in_use());
        let key =
            answer(409, "").api_error("DELETE", "http://x/images/a/metadata/k", Route::MetadataKey);
        assert!(!key.is_in_use());
    }

    #[test]
    fn a_body_over_the_cap_says_so() {
        let answer = Answer {
            status: reqwest::StatusCode::OK,
            headers: HeaderMap::new(),
            body: bytes::Bytes::from_static(b"{\"images\": [{\"id\": \"a"),
            retried: false,
            truncated: true,
        };
        let err = answer
            .decode::<Value>("GET", "http://x/images/detail")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "GET http://x/images/detail: unexpected response body: the response exceeded \
             nova-images' limit of 256 MiB for one answer"
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
        assert_eq!(
            err.to_string(),
            "GET http://x: unexpected response body: image: invalid type: string \"s\", \
             expected an image object"
        );
        let page = br#"{"images": [{"id": "a"}, {"id": "b", "minRam": "abc"}]}"#;
        let err = decode_body::<crate::model::ImagesPage>("GET", "http://x", page).unwrap_err();
        assert_eq!(
            err.to_string(),
            "GET http://x: unexpected response body: images[1].minRam (image b): invalid type: \
             string \"abc\", expected u64"
        );
        let err = decode_body::<crate::model::ImagesPage>("GET", "http://x", b"{\"images\": {}}")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "GET http://x: unexpected response body: images: invalid type: map, expected a sequence"
        );
    }
}
