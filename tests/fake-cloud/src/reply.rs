//! Answers in the shapes the real services use, and what every handler knows of its request.

use axum::body::Body;
use axum::http::{Response, StatusCode, Uri};
use serde_json::{Value, json};

/// What the outermost layer (`faults::apply`) tells every handler about its request.
#[derive(Clone)]
pub(crate) struct Ctx {
    /// `req-...`, numbered by arrival.
    pub request_id: String,
    /// `http(s)://host:port` as the client addressed us: the links we answer with.
    pub base: String,
}

/// The query's pairs, decoded, in order (a key may repeat).
pub(crate) fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    uri.query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn respond(status: StatusCode, body: Option<Value>, request_id: &str) -> Response<Body> {
    let mut builder = Response::builder()
        .status(status)
        .header("x-openstack-request-id", request_id)
        .header("x-compute-request-id", request_id);
    let body = match body {
        Some(v) => {
            builder = builder.header("content-type", "application/json; charset=UTF-8");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    builder.body(body).unwrap()
}

/// 204 as Nova sends it for a delete: no body, yet labelled JSON.
pub(crate) fn no_content_json(request_id: &str) -> Response<Body> {
    let mut r = respond(StatusCode::NO_CONTENT, None, request_id);
    r.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    r
}

/// A Nova fault body: `{"<name>": {"code": N, "message": M}}`.
pub(crate) fn fault(status: StatusCode, message: &str) -> Value {
    let name = match status.as_u16() {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 | 429 => "overLimit",
        415 => "badMediaType",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };
    json!({ name: { "code": status.as_u16(), "message": message } })
}

/// A Nova error answer.
pub(crate) fn nova_error(status: StatusCode, message: &str, request_id: &str) -> Response<Body> {
    respond(status, Some(fault(status, message)), request_id)
}

/// keystonemiddleware's (and Keystone's) 401, pointing at `identity` for a token.
pub(crate) fn unauthorized(identity: &str, request_id: &str) -> Response<Body> {
    let body = json!({"error": {"code": 401, "title": "Unauthorized",
        "message": "The request you have made requires authentication."}});
    let mut r = respond(StatusCode::UNAUTHORIZED, Some(body), request_id);
    r.headers_mut().insert(
        "www-authenticate",
        format!("Keystone uri=\"{identity}\"").parse().unwrap(),
    );
    r
}

/// Promises more bytes than it sends: hyper cuts the connection mid-body.
pub(crate) fn broken_response() -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("content-length", "100000")
        .body(Body::from("{\"images\": ["))
        .unwrap()
}
