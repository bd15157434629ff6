//! Nova's view of Glance images (nova/api/openstack/compute/views/images.py) and its listing:
//! filters, Glance's order, pages and their `next` links.

use axum::body::Body;
use axum::http::{Response, StatusCode};
use serde_json::{Value, json};

use crate::FakeImage;
use crate::reply::{fault, respond};
use crate::state::State;

fn nova_status(glance: &str) -> (&'static str, u64) {
    match glance {
        "active" => ("ACTIVE", 100),
        "queued" => ("SAVING", 25),
        "saving" => ("SAVING", 50),
        "deleted" | "pending_delete" => ("DELETED", 0),
        "killed" => ("ERROR", 0),
        _ => ("UNKNOWN", 0),
    }
}

/// The Nova view of a Glance image (nova/api/openstack/compute/views/images.py).
pub(crate) fn render(image: &FakeImage, prefix: &str, base: &str) -> Value {
    let (status, progress) = nova_status(&image.glance_status);
    let bookmark_prefix = prefix.replace("/compute/v2.1", "/compute");
    let mut v = json!({
        "id": image.id,
        "name": image.name,
        "minRam": image.min_ram,
        "minDisk": image.min_disk,
        "metadata": metadata(image),
        "created": image.created,
        "updated": image.updated,
        "status": status,
        "progress": progress,
        "OS-EXT-IMG-SIZE:size": image.size.unwrap_or(0),
        "links": [
            {"rel": "self", "href": format!("{prefix}/images/{}", image.id)},
            {"rel": "bookmark", "href": format!("{bookmark_prefix}/images/{}", image.id)},
            {"rel": "alternate", "type": "application/vnd.openstack.image",
             "href": format!("{base}/image//images/{}", image.id)},
        ],
    });
    if let Some(uuid) = image
        .properties
        .get("instance_uuid")
        .and_then(Value::as_str)
    {
        v["server"] = json!({"id": uuid, "links": [
            {"rel": "self", "href": format!("{prefix}/servers/{uuid}")},
            {"rel": "bookmark", "href": format!("{bookmark_prefix}/servers/{uuid}")}]});
    }
    if let Some(auto) = image.properties.get("auto_disk_config") {
        let on = matches!(
            auto.as_str().map(str::to_lowercase).as_deref(),
            Some("true" | "1" | "yes" | "on")
        ) || auto == &json!(true);
        v["OS-DCF:diskConfig"] = json!(if on { "AUTO" } else { "MANUAL" });
    }
    v
}

/// The properties, `block_device_mapping` and `mappings` JSON-decoded when they are text
/// (nova/image/glance.py `_convert_from_string`).
pub(crate) fn metadata(image: &FakeImage) -> Value {
    let mut properties = image.properties.clone();
    for key in ["block_device_mapping", "mappings"] {
        let decoded = (properties.get(key))
            .and_then(Value::as_str)
            .and_then(|text| serde_json::from_str::<Value>(text).ok());
        if let Some(decoded) = decoded {
            properties.insert(key.to_owned(), decoded);
        }
    }
    Value::Object(properties)
}

/// `changes-since` as Nova/Glance accept it (iso8601.parse_date), padded for comparison.
pub(crate) fn parse_since(v: &str) -> Option<f64> {
    // iso8601.parse_date: a date, optionally a time (seconds and fractions optional), and an
    // optional `Z` or `±HH:MM` offset; compared as instants.
    let (date, time) = v.split_once('T').unwrap_or((v, ""));
    let mut d = date.split('-');
    let year: i64 = d.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: i64 = d.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = d.next().map_or(Some(1), |x| x.parse().ok())?;
    if d.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (clock, offset) = match time.find(['Z', '+', '-']) {
        Some(i) => (&time[..i], &time[i..]),
        None => (time, ""),
    };
    let mut parts = clock.split(':');
    let hour: f64 = parts
        .next()
        .filter(|h| !h.is_empty())
        .map_or(Some(0.0), |h| h.parse().ok())?;
    let minute: f64 = parts.next().map_or(Some(0.0), |m| m.parse().ok())?;
    let second: f64 = parts.next().map_or(Some(0.0), |x| x.parse().ok())?;
    let offset_secs = match offset {
        "" | "Z" => 0.0,
        o => {
            let sign = if o.starts_with('-') { -1.0 } else { 1.0 };
            let (h, m) = o[1..].split_once(':').unwrap_or((&o[1..], "0"));
            sign * (h.parse::<f64>().ok()? * 3600.0 + m.parse::<f64>().ok()? * 60.0)
        }
    };
    // The date through jiff (as Python's datetime, it refuses February 30).
    let date = jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let midnight = jiff::tz::Offset::UTC.to_timestamp(date.into()).ok()?;
    Some(midnight.as_second() as f64 + hour * 3600.0 + minute * 60.0 + second - offset_secs)
}

/// Does `image` pass the `name` filter `wanted`, the way the configured database compares?
pub(crate) fn name_matches(how: &str, image: &FakeImage, wanted: &str) -> bool {
    let Some(name) = image.name.as_deref() else {
        return false;
    };
    match how {
        "ignored" => true,
        "loose" => name.trim_end().eq_ignore_ascii_case(wanted.trim_end()),
        _ => name == wanted,
    }
}

pub(crate) fn list_images(
    st: &State,
    query: &[(String, String)],
    prefix: &str,
    base: &str,
    request_id: &str,
    visible: &dyn Fn(&FakeImage) -> bool,
) -> Response<Body> {
    let bad = |m: String| {
        respond(
            StatusCode::BAD_REQUEST,
            Some(fault(StatusCode::BAD_REQUEST, &m)),
            request_id,
        )
    };
    let get = |k: &str| {
        query
            .iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let limit = match get("limit") {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 1 && !v.starts_with('0') => Some(n as usize),
            Ok(n) if n < 1 => {
                return bad(format!(
                    "Invalid input for query parameters limit. Value: {v}. {v} is less than the minimum of 1"
                ));
            }
            _ => {
                return bad(format!(
                    "Invalid input for query parameters limit. Value: {v}. '{v}' does not match '^[0-9]*$'"
                ));
            }
        },
    };
    let since = match get("changes-since") {
        None => None,
        Some(v) => match parse_since(v) {
            Some(s) => Some(s),
            None => {
                return bad("HTTP 400 Bad Request: Bad &quot;updated_at&quot; query filter format. Use ISO 8601 DateTime notation.".into());
            }
        },
    };
    let server = get("server").map(|s| s.rsplit('/').next().unwrap_or(s).to_owned());
    let images: Vec<&FakeImage> = st
        .images
        .iter()
        // Glance never lists killed or deleted images (not even with a status filter); only
        // GET by id shows them (a killed one as ERROR).
        .filter(|i| !matches!(i.glance_status.as_str(), "killed" | "deleted"))
        .filter(|i| visible(i))
        .filter(|i| get("name").is_none_or(|n| name_matches(st.name_filter, i, n)))
        .filter(|i| get("status").is_none_or(|s| i.glance_status == s.to_lowercase()))
        .filter(|i| since.is_none_or(|s| parse_since(&i.updated).is_some_and(|u| u >= s)))
        .filter(|i| {
            server.as_ref().is_none_or(|s| {
                i.properties.get("instance_uuid").and_then(Value::as_str) == Some(s)
            })
        })
        .filter(|i| {
            get("type")
                .is_none_or(|t| i.properties.get("image_type").and_then(Value::as_str) == Some(t))
        })
        .filter(|i| get("minRam").is_none_or(|m| m.parse() == Ok(i.min_ram)))
        .filter(|i| get("minDisk").is_none_or(|m| m.parse() == Ok(i.min_disk)))
        .collect();
    // Glance's default order: newest first. Glance keeps microseconds that Nova does not
    // show, so of images created in the same second the later one comes first: here, the
    // one added later.
    let mut images: Vec<&FakeImage> = images.into_iter().rev().collect();
    images.sort_by(|a, b| b.created.cmp(&a.created));
    if let Some(marker) = get("marker").filter(|m| !m.is_empty()) {
        match images.iter().position(|i| i.id == marker) {
            Some(pos) if st.overlapping_pages => images.drain(..pos).for_each(drop),
            Some(pos) => images.drain(..=pos).for_each(drop),
            None => {
                return bad(format!(
                    "HTTP 400 Bad Request: No image found with ID {marker}"
                ));
            }
        };
    }
    let max_items = limit.unwrap_or(st.max_limit).min(st.max_limit);
    let page: Vec<Value> = images
        .iter()
        .take(if limit.is_some() {
            max_items
        } else {
            usize::MAX
        })
        .map(|i| render(i, prefix, base))
        .collect();
    let mut body = json!({ "images": page });
    if !page.is_empty() && page.len() == max_items {
        // Known query parameters, sorted, then the marker (as captured from Nova 34).
        let known = [
            "changes-since",
            "limit",
            "minDisk",
            "minRam",
            "name",
            "server",
            "status",
            "type",
        ];
        let mut params: Vec<(String, String)> = query
            .iter()
            .filter(|(k, _)| known.contains(&k.as_str()))
            .cloned()
            .collect();
        params.sort();
        params.push((
            "marker".into(),
            page.last().unwrap()["id"].as_str().unwrap().into(),
        ));
        let q = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        let href = st
            .next_link
            .clone()
            .unwrap_or_else(|| format!("{prefix}/images/detail?{q}"));
        body["images_links"] = json!([{"rel": "next", "href": href}]);
    }
    respond(StatusCode::OK, Some(body), request_id)
}
