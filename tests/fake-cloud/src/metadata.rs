//! The image-metadata API (nova/api/openstack/compute/image_metadata.py): schema first, then
//! the image (404), the quota, and Glance's permission to change it.

use std::collections::HashMap;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{Method, Response, StatusCode};
use serde_json::{Map, Value, json};

use crate::nova::Nova;
use crate::reply::{Ctx, no_content_json, nova_error, respond};
use crate::state::SharedState;

/// `/images/{id}/metadata` and `/images/{id}/metadata/{key}`, every method.
pub(crate) async fn handle(
    State(state): State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    Extension(nova): Extension<Nova>,
    method: Method,
    Path(params): Path<HashMap<String, String>>,
    body: Bytes,
) -> Response<Body> {
    if let Some(gone) = nova.gone((2, 38), &ctx.request_id) {
        return gone;
    }
    let request_id = ctx.request_id.as_str();
    let session = &nova.session;
    let error = |status: StatusCode, m: &str| nova_error(status, m, request_id);
    let ok = |v: Value| respond(StatusCode::OK, Some(v), request_id);
    let id = params["id"].as_str();
    // The key comes percent-decoded (`%2F` is `/`), as Nova's router gives it.
    let key = params.get("key").cloned();
    // The request body, checked by the schema before anything else.
    let written = match (method.as_str(), &key) {
        ("POST", None) | ("PUT", None) => match metadata_body(&body, "metadata") {
            Ok(m) => Some(m),
            Err(m) => return error(StatusCode::BAD_REQUEST, &m),
        },
        ("PUT", Some(key)) => match metadata_body(&body, "meta") {
            Ok(m) if !m.contains_key(key) => {
                return error(StatusCode::BAD_REQUEST, "Request body and URI mismatch");
            }
            Ok(m) => Some(m),
            Err(m) => return error(StatusCode::BAD_REQUEST, &m),
        },
        _ => None,
    };
    let mut guard = state.lock().unwrap();
    let st = &mut *guard;
    let Some(image) = st.images.iter_mut().find(|i| i.id == id && session.sees(i)) else {
        return error(StatusCode::NOT_FOUND, "Image not found.");
    };
    let may_change = session.admin || image.owner == session.project;
    let forbidden = format!("Not authorized for image {id}.");
    let quota = st.metadata_quota;
    let over_quota = |n: usize| n > quota;
    match (method.as_str(), key, written) {
        // Read through Nova's image API: `block_device_mapping` and `mappings` decoded
        // (nova/image/glance.py `_convert_from_string`).
        ("GET", None, _) => ok(json!({"metadata": crate::views::metadata(image)})),
        ("GET", Some(key), _) => match crate::views::metadata(image).get(&key) {
            Some(v) => ok(json!({"meta": {key: v}})),
            None => error(StatusCode::NOT_FOUND, "The resource could not be found."),
        },
        ("POST", None, Some(new)) => {
            let mut merged = image.properties.clone();
            merged.extend(new);
            if over_quota(merged.len()) {
                return error(StatusCode::FORBIDDEN, "Image metadata limit exceeded");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties = merged;
            ok(json!({"metadata": crate::views::metadata(image)}))
        }
        ("PUT", None, Some(new)) => {
            if over_quota(new.len()) {
                return error(StatusCode::FORBIDDEN, "Image metadata limit exceeded");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties = new.clone();
            ok(json!({"metadata": new}))
        }
        ("PUT", Some(_), Some(new)) => {
            let mut merged = image.properties.clone();
            merged.extend(new.clone());
            if over_quota(merged.len()) {
                return error(StatusCode::FORBIDDEN, "Image metadata limit exceeded");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties = merged;
            ok(json!({"meta": new}))
        }
        ("DELETE", Some(key), _) => {
            if !image.properties.contains_key(&key) {
                return error(StatusCode::NOT_FOUND, "Invalid metadata key");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties.remove(&key);
            no_content_json(request_id)
        }
        _ => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "The method specified is not allowed for this resource.",
        ),
    }
}

/// `{"<root>": {key: "value", ...}}` as Nova's schema checks it (`parameter_types.metadata`;
/// `meta` holds exactly one key); `Err` is the 400 message, worded as captured.
fn metadata_body(body: &[u8], root: &str) -> Result<Map<String, Value>, String> {
    const PATTERN: &str = "^[a-zA-Z0-9-_:. ]{1,255}$";
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err("None is not of type 'object'".into());
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Err("Malformed request body".into());
    };
    let Value::Object(top) = &value else {
        return Err(format!("{} is not of type 'object'", py_repr(&value)));
    };
    if let Some(extra) = top.keys().find(|k| *k != root) {
        return Err(format!(
            "Additional properties are not allowed ('{extra}' was unexpected)"
        ));
    }
    let Some(inner) = top.get(root) else {
        return Err(format!("'{root}' is a required property"));
    };
    let invalid = |field: &str, value: &Value, why: String| {
        format!(
            "Invalid input for field/attribute {field}. Value: {}. {why}",
            py_str(value)
        )
    };
    let Value::Object(map) = inner else {
        return Err(invalid(
            root,
            inner,
            format!("{} is not of type 'object'", py_repr(inner)),
        ));
    };
    if root == "meta" && map.is_empty() {
        return Err(invalid(
            root,
            inner,
            format!("{} should be non-empty", py_repr(inner)),
        ));
    }
    if root == "meta" && map.len() > 1 {
        return Err(invalid(
            root,
            inner,
            format!("{} has too many properties", py_repr(inner)),
        ));
    }
    for (key, value) in map {
        let key_ok = (1..=255).contains(&key.chars().count())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:. ".contains(c));
        if !key_ok {
            return Err(invalid(
                root,
                inner,
                format!("'{key}' does not match any of the regexes: '{PATTERN}'"),
            ));
        }
        match value {
            Value::String(s) if s.chars().count() > 255 => {
                return Err(invalid(
                    key,
                    value,
                    format!("{} is too long", py_repr(value)),
                ));
            }
            Value::String(_) => {}
            other => {
                return Err(invalid(
                    key,
                    other,
                    format!("{} is not of type 'string'", py_repr(other)),
                ));
            }
        }
    }
    Ok(map.clone())
}

/// Python's `repr` of a JSON value, as jsonschema messages print it.
fn py_repr(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => py_str(other),
    }
}

/// Python's `str` of a JSON value.
fn py_str(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(py_repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
