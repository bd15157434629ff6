//! Faults on demand, and the layer every request passes first: it is logged, numbered, delayed
//! like a remote cloud, and given the first queued fault that matches it.

use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::Response;
use axum::middleware::Next;
use serde_json::Value;

use crate::Logged;
use crate::reply::{Ctx, broken_response};
use crate::state::SharedState;

/// A fault injected into the next request whose path starts with `prefix`
/// (see `FakeCloud::inject`).
#[derive(Debug, Clone, Default)]
pub struct Fault {
    prefix: String,
    /// Answer with this status and body instead of the real one.
    status: Option<u16>,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
    /// Send headers, then break the connection mid-body.
    broken: bool,
    /// With `broken`: do the real work first (a DELETE that happened, its answer lost).
    after: bool,
    /// Wait this long before answering.
    delay: Duration,
    /// Revoke every token first (a token revoked mid-run), then answer as usual.
    revoke: bool,
}

impl Fault {
    /// `status` with `body` (labelled JSON when it parses as JSON).
    pub fn status(prefix: &str, status: u16, body: impl Into<Vec<u8>>) -> Self {
        Fault {
            prefix: prefix.into(),
            status: Some(status),
            body: body.into(),
            ..Default::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The next matching request is answered as usual: a fault queued after this one hits the
    /// request after it.
    pub fn pass(prefix: &str) -> Self {
        Fault {
            prefix: prefix.into(),
            ..Default::default()
        }
    }

    /// The connection breaks after the headers: the client never gets a whole answer.
    pub fn dropped(prefix: &str) -> Self {
        Fault {
            broken: true,
            ..Fault::pass(prefix)
        }
    }

    /// The request is carried out, but its answer is lost on the way back.
    pub fn lost_answer(prefix: &str) -> Self {
        Fault {
            after: true,
            ..Fault::dropped(prefix)
        }
    }

    /// Every token is revoked just before this request is handled: it and every later
    /// request with an old token get a 401.
    pub fn revoking(prefix: &str) -> Self {
        Fault {
            revoke: true,
            ..Fault::pass(prefix)
        }
    }

    pub fn slow(prefix: &str, delay: Duration) -> Self {
        Fault {
            delay,
            ..Fault::pass(prefix)
        }
    }

    pub(crate) fn matches(&self, path: &str) -> bool {
        path.starts_with(&self.prefix)
    }
}

/// The outermost layer: logs the request, then applies the delay and the fault due, and hands
/// the handlers a [`Ctx`].
pub(crate) async fn apply(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let (mut parts, body) = request.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let host = parts
        .headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_owned();
    let path = parts.uri.path().to_owned();
    let (ctx, delay, injected) = {
        let mut st = state.lock().unwrap();
        st.requests += 1;
        st.log.push(Logged {
            method: parts.method.to_string(),
            uri: parts.uri.to_string(),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                .collect(),
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        let ctx = Ctx {
            request_id: format!("req-{:08}-0000-4000-8000-000000000000", st.requests),
            base: format!("{}://{host}", st.scheme),
        };
        let delay = if path.starts_with("/identity") {
            st.identity_delay
        } else {
            st.nova_delay
        };
        let fault = st.take_fault(&path);
        if fault.as_ref().is_some_and(|f| f.revoke) {
            st.revoke_tokens();
        }
        (ctx, delay, fault)
    };
    if !delay.is_zero() {
        {
            let mut st = state.lock().unwrap();
            st.in_flight += 1;
            st.max_in_flight = st.max_in_flight.max(st.in_flight);
        }
        tokio::time::sleep(delay).await;
        state.lock().unwrap().in_flight -= 1;
    }
    if let Some(fault) = &injected {
        tokio::time::sleep(fault.delay).await;
        if let Some(status) = fault.status {
            let mut builder = Response::builder()
                .status(status)
                .header("x-openstack-request-id", &ctx.request_id);
            if serde_json::from_slice::<Value>(&fault.body).is_ok() {
                builder = builder.header("content-type", "application/json");
            }
            for (k, v) in &fault.headers {
                builder = builder.header(k.as_str(), v.as_str());
            }
            return builder.body(Body::from(fault.body.clone())).unwrap();
        }
        if fault.broken && !fault.after {
            return broken_response();
        }
    }
    parts.extensions.insert(ctx);
    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    // Lost answers are modelled for Nova's requests (the deletes whose retry matters); any
    // other request matched by such a fault is answered.
    if injected.is_some_and(|f| f.broken && f.after) && path.starts_with("/compute/v2.1/") {
        return broken_response();
    }
    response
}
