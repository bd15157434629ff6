//! Glance's v2 images API under `/image` (glance/api/v2/images.py), over the same images as
//! Nova's proxy: version discovery at the root, the list with Glance's filters, order,
//! pages and `next` links, show, delete and JSON-Patch updates of properties.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};
use axum::routing::any;
use axum::{Extension, Router};
use serde_json::{Map, Value, json};

use crate::FakeImage;
use crate::reply::{Ctx, query_pairs, respond, unauthorized};
use crate::state::{Session, SharedState, State as St};
use crate::views::{name_matches, parse_since};

/// The sha512 of an image's data, as long as Glance's (the real one of the cirros image
/// of the real-cloud captures): a listing weighs what a real Glance's does.
const SHA512: &str = "8efb4f73c5655351c444eb109230c556d39e2c7624e9c11abc9e3fb4b9b9254218cc5085b454a9698d085cfa92198491f07a723be4574adc70617b73eb0b6461";

/// Glance's default page (`limit_param_default`) and its cap (`api_limit_max`).
const DEFAULT_LIMIT: usize = 25;
const MAX_LIMIT: usize = 1000;

pub(crate) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/image", any(versions))
        .route("/image/", any(versions))
        .route("/image/v2/images", any(list))
        .route("/image/v2/images/{id}", any(image))
}

/// Glance's error answers: a short HTML page, as webob writes them.
fn error(status: StatusCode, message: &str, request_id: &str) -> Response<Body> {
    let reason = status.canonical_reason().unwrap_or("");
    let code = status.as_u16();
    let page = format!(
        "<html>\n <head>\n  <title>{code} {reason}</title>\n </head>\n <body>\n  <h1>{code} {reason}</h1>\n  {message}<br /><br />\n\n\n\n </body>\n</html>"
    );
    Response::builder()
        .status(status)
        .header("content-type", "text/html; charset=UTF-8")
        .header("x-openstack-request-id", request_id)
        .body(Body::from(page))
        .unwrap()
}

/// A JSON answer as Glance writes it: Python's `json.dumps` layout, one space after each
/// `,` and `:` (as the real captures have it), `Content-Type: application/json`.
fn answer(status: StatusCode, body: &Value, request_id: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-openstack-request-id", request_id)
        .body(Body::from(python_layout(&body.to_string())))
        .unwrap()
}

/// Compact JSON text spaced as Python's `json.dumps` spaces it: a space after every `,`
/// and `:` outside strings.
fn python_layout(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 8);
    let (mut in_string, mut escaped) = (false, false);
    for c in compact.chars() {
        out.push(c);
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' || c == ':' {
            out.push(' ');
        }
    }
    out
}

/// The session of the request's token, or keystonemiddleware's 401.
#[allow(clippy::result_large_err)] // an answer, built once per request
fn session(state: &SharedState, ctx: &Ctx, headers: &HeaderMap) -> Result<Session, Response<Body>> {
    let token = headers.get("x-auth-token").and_then(|v| v.to_str().ok());
    let st = state.lock().unwrap();
    let noauth = st.noauth.then(Session::admin);
    token
        .and_then(|t| st.tokens.get(t))
        .cloned()
        .or(noauth)
        .ok_or_else(|| unauthorized(&format!("{}/identity", ctx.base), &ctx.request_id))
}

/// `GET /image/`: 300 with the versions, as Glance's root answers.
async fn versions(Extension(ctx): Extension<Ctx>) -> Response<Body> {
    let version = |id: &str, status: &str| {
        json!({"id": id, "status": status,
               "links": [{"rel": "self", "href": format!("{}/image/v2/", ctx.base)}]})
    };
    let body = json!({"versions": [
        version("v2.17", "EXPERIMENTAL"),
        version("v2.16", "CURRENT"),
        version("v2.15", "SUPPORTED"),
        version("v2.0", "SUPPORTED"),
    ]});
    respond(StatusCode::MULTIPLE_CHOICES, Some(body), &ctx.request_id)
}

/// An image as Glance's v2 API shows it: its custom properties, then the base ones.
pub(crate) fn render(image: &FakeImage) -> Value {
    let mut v: Map<String, Value> = image.properties.clone();
    let active = image.glance_status == "active";
    let base = json!({
        "name": image.name,
        "disk_format": "raw",
        "container_format": "bare",
        "visibility": if image.public { "public" } else { "private" },
        "size": image.size,
        "virtual_size": image.size,
        "status": image.glance_status,
        "checksum": if active { json!("0f343b0931126a20f133d67c2b018a3b") } else { Value::Null },
        "protected": image.protected,
        "min_ram": image.min_ram,
        "min_disk": image.min_disk,
        "owner": image.owner,
        "os_hidden": false,
        "os_hash_algo": if active { json!("sha512") } else { Value::Null },
        "os_hash_value": if active { json!(SHA512) } else { Value::Null },
        "id": image.id,
        "created_at": image.created,
        "updated_at": image.updated,
        "tags": [],
        "self": format!("/v2/images/{}", image.id),
        "file": format!("/v2/images/{}/file", image.id),
        "schema": "/v2/schemas/image",
    });
    if let Value::Object(base) = base {
        v.extend(base);
    }
    if active {
        v.insert("stores".into(), json!("fs"));
    }
    Value::Object(v)
}

/// `GET /image/v2/images`.
async fn list(
    State(state): State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
) -> Response<Body> {
    let session = match session(&state, &ctx, &headers) {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    if method != Method::GET {
        return error(StatusCode::METHOD_NOT_ALLOWED, "", &ctx.request_id);
    }
    let st = state.lock().unwrap();
    list_images(&st, &session, &query_pairs(&uri), &ctx.request_id)
}

fn list_images(
    st: &St,
    session: &Session,
    query: &[(String, String)],
    request_id: &str,
) -> Response<Body> {
    let bad = |m: &str| error(StatusCode::BAD_REQUEST, m, request_id);
    let get = |k: &str| {
        query
            .iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let limit = match get("limit") {
        None => DEFAULT_LIMIT,
        Some(v) => match v.parse::<usize>() {
            Ok(n) => n.min(MAX_LIMIT),
            Err(_) => return bad("limit param must be an integer"),
        },
    };
    let since = match get("updated_at") {
        None => None,
        Some(v) => match v.strip_prefix("gte:").and_then(parse_since) {
            Some(s) => Some(s),
            None => {
                return bad(
                    "Bad \"updated_at\" query filter format. Use ISO 8601 DateTime notation.",
                );
            }
        },
    };
    let property_is = |i: &FakeImage, key: &str, want: &str| {
        i.properties.get(key).and_then(Value::as_str) == Some(want)
    };
    let number_is = |want: Option<&str>, have: u64| want.is_none_or(|w| w.parse() == Ok(have));
    let images: Vec<&FakeImage> = st
        .images
        .iter()
        // As Nova's list here: Glance lists no killed or deleted image.
        .filter(|i| !matches!(i.glance_status.as_str(), "killed" | "deleted"))
        .filter(|i| session.sees(i))
        .filter(|i| get("name").is_none_or(|n| name_matches(st.name_filter, i, n)))
        .filter(|i| get("status").is_none_or(|s| i.glance_status == s))
        .filter(|i| since.is_none_or(|s| parse_since(&i.updated).is_some_and(|u| u >= s)))
        .filter(|i| get("instance_uuid").is_none_or(|u| property_is(i, "instance_uuid", u)))
        .filter(|i| get("image_type").is_none_or(|t| property_is(i, "image_type", t)))
        .filter(|i| number_is(get("min_ram"), i.min_ram))
        .filter(|i| number_is(get("min_disk"), i.min_disk))
        .collect();
    // Glance's order, as the Nova list has it: newest first, the later added first.
    let mut images: Vec<&FakeImage> = images.into_iter().rev().collect();
    images.sort_by(|a, b| b.created.cmp(&a.created));
    if let Some(marker) = get("marker") {
        match images.iter().position(|i| i.id == marker) {
            Some(pos) if st.overlapping_pages => images.drain(..pos).for_each(drop),
            Some(pos) => images.drain(..=pos).for_each(drop),
            None => return bad(&format!("No image found with ID {marker}")),
        };
    }
    let page: Vec<Value> = images.iter().take(limit).map(|i| render(i)).collect();
    let mut params: Vec<(String, String)> = query
        .iter()
        .filter(|(k, _)| k != "marker")
        .cloned()
        .collect();
    let encode = |params: &[(String, String)]| {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish()
    };
    let first = match encode(&params) {
        q if q.is_empty() => "/v2/images".to_owned(),
        q => format!("/v2/images?{q}"),
    };
    let mut body = json!({"images": page, "first": first, "schema": "/v2/schemas/images"});
    if !page.is_empty() && page.len() == limit {
        params.push((
            "marker".into(),
            page[page.len() - 1]["id"].as_str().unwrap().into(),
        ));
        let next =
            (st.next_link.clone()).unwrap_or_else(|| format!("/v2/images?{}", encode(&params)));
        body["next"] = json!(next);
    }
    answer(StatusCode::OK, &body, request_id)
}

/// `/image/v2/images/{id}`: GET, DELETE and PATCH.
async fn image(
    State(state): State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    Path(params): Path<HashMap<String, String>>,
    request: Request,
) -> Response<Body> {
    let session = match session(&state, &ctx, request.headers()) {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let id = params.get("id").cloned().unwrap_or_default();
    let method = request.method().clone();
    let media_type = (request.headers().get("content-type"))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = axum::body::to_bytes(request.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let mut st = state.lock().unwrap();
    if method == Method::GET {
        st.run_schedule(&id);
    }
    let not_found = || {
        error(
            StatusCode::NOT_FOUND,
            &format!("No image found with ID {id}"),
            &ctx.request_id,
        )
    };
    let Some(pos) = (st.images.iter())
        .position(|i| i.id == id && session.sees(i) && i.glance_status != "deleted")
    else {
        return not_found();
    };
    let may_change = session.admin || st.images[pos].owner == session.project;
    match method {
        Method::GET => answer(StatusCode::OK, &render(&st.images[pos]), &ctx.request_id),
        Method::DELETE if st.images[pos].protected || !may_change => error(
            StatusCode::FORBIDDEN,
            &format!("You are not permitted to delete image '{id}'."),
            &ctx.request_id,
        ),
        Method::DELETE => {
            st.images.remove(pos);
            respond(StatusCode::NO_CONTENT, None, &ctx.request_id)
        }
        Method::PATCH if media_type != "application/openstack-images-v2.1-json-patch" => error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The request has unsupported Content-Type",
            &ctx.request_id,
        ),
        Method::PATCH if !may_change => error(
            StatusCode::FORBIDDEN,
            &format!("You are not permitted to modify image '{id}'."),
            &ctx.request_id,
        ),
        Method::PATCH => {
            let quota = st.metadata_quota;
            let image = &mut st.images[pos];
            match patch(image, &body, quota) {
                Ok(()) => answer(StatusCode::OK, &render(image), &ctx.request_id),
                Err((status, message)) => error(status, &message, &ctx.request_id),
            }
        }
        _ => error(StatusCode::METHOD_NOT_ALLOWED, "", &ctx.request_id),
    }
}

/// Applies a JSON-Patch of custom properties (`add`, `replace`, `remove`), all or nothing.
fn patch(image: &mut FakeImage, body: &Bytes, quota: usize) -> Result<(), (StatusCode, String)> {
    let bad = |m: &str| (StatusCode::BAD_REQUEST, m.to_owned());
    let ops: Vec<Value> =
        serde_json::from_slice(body).map_err(|_| bad("Malformed JSON in request body."))?;
    let mut properties = image.properties.clone();
    for op in &ops {
        let path = op["path"]
            .as_str()
            .ok_or_else(|| bad("Unable to find '/' in JSON Schema change"))?;
        let key = path
            .strip_prefix('/')
            .ok_or_else(|| bad("JSON Pointer must start with '/'"))?
            .replace("~1", "/")
            .replace("~0", "~");
        match op["op"].as_str() {
            Some("add") | Some("replace") => {
                let value = op
                    .get("value")
                    .cloned()
                    .ok_or_else(|| bad("value is required"))?;
                if op["op"] == "replace" && !properties.contains_key(&key) {
                    return Err((
                        StatusCode::CONFLICT,
                        format!("Property {key} does not exist."),
                    ));
                }
                properties.insert(key, value);
            }
            Some("remove") => {
                if properties.remove(&key).is_none() {
                    return Err((
                        StatusCode::CONFLICT,
                        format!("Property {key} does not exist."),
                    ));
                }
            }
            _ => return Err(bad("Invalid operation")),
        }
    }
    if properties.len() > quota {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "Attempted to add {} properties to an image whose limit is {quota}.",
                properties.len()
            ),
        ));
    }
    image.properties = properties;
    Ok(())
}
