//! Serde types for the Nova images proxy API (`/images/detail`, `/images/{id}`).
//!
//! Field names are exactly the API's. Unknown fields are kept in [`Image::extra`] and written
//! back out, so JSON/YAML output passes through anything a newer Nova adds.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

mod decode;

/// One image as the Nova images proxy describes it.
///
/// ```
/// let image: nova_images::model::Image = serde_json::from_str(r#"{
///     "id": "70a599e0", "name": "cirros", "status": "ACTIVE", "progress": 100,
///     "minDisk": 0, "minRam": 64, "OS-EXT-IMG-SIZE:size": 1.2e+07,
///     "created": "2024-01-01T00:00:00Z", "updated": null, "metadata": {}
/// }"#).unwrap();
/// assert_eq!(image.size, Some(12_000_000));
/// assert_eq!(image.name.as_deref(), Some("cirros"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    /// The image UUID (early clouds sent integers: they become their decimal string).
    pub id: String,
    /// The image name; Glance allows images without one (`null`).
    pub name: Option<String>,
    /// Nova's status: `ACTIVE`, `SAVING`, `DELETED`, `ERROR` or `UNKNOWN`.
    pub status: String,
    /// Upload progress as Nova reports it: 0, 25, 50 or 100.
    pub progress: u64,
    /// Minimum disk in GiB (`minDisk`).
    #[serde(rename = "minDisk")]
    pub min_disk: u64,
    /// Minimum RAM in MiB (`minRam`).
    #[serde(rename = "minRam")]
    pub min_ram: u64,
    /// Size in bytes (`OS-EXT-IMG-SIZE:size`); some clouds write it in float notation.
    #[serde(rename = "OS-EXT-IMG-SIZE:size")]
    pub size: Option<u64>,
    /// Creation time, `YYYY-MM-DDTHH:MM:SSZ` (as the server wrote it; see [`Image::created_at`]).
    pub created: Option<String>,
    /// Last update time; `null` for images never updated.
    pub updated: Option<String>,
    /// Glance properties: any JSON value, including `null` and nested objects.
    pub metadata: Value,
    /// The server a snapshot was taken from (only present for such images).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<Value>,
    /// `AUTO` or `MANUAL` (only present when the image sets `auto_disk_config`).
    #[serde(rename = "OS-DCF:diskConfig", skip_serializing_if = "Option::is_none")]
    pub disk_config: Option<String>,
    /// `self`, `bookmark` and `alternate` links (anything but an array, as some proxies
    /// send `{}`, counts as none).
    pub links: Vec<Link>,
    /// Any field this version of nova-images does not know, passed through untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A link as Nova writes it in `links` and `images_links`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Absolute URL.
    pub href: String,
    /// `self`, `bookmark`, `alternate` or `next`.
    #[serde(default)]
    pub rel: String,
    /// Media type, only on the `alternate` link.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

impl Image {
    /// The ID of the server this image was made from: `server.id`, else `metadata.instance_uuid`.
    pub fn server_id(&self) -> Option<&str> {
        self.server
            .as_ref()
            .and_then(|s| s.get("id"))
            .and_then(Value::as_str)
            .or_else(|| self.metadata.get("instance_uuid").and_then(Value::as_str))
    }

    /// `created` as an instant ([`crate::time::parse_timestamp`]): `None` when missing or
    /// unreadable (such an image sorts as the oldest, see [`Image::age_order`]).
    pub fn created_at(&self) -> Option<crate::time::Timestamp> {
        self.created
            .as_deref()
            .and_then(crate::time::parse_timestamp)
    }

    /// Older first: by [`Image::created_at`], ties by ID; a missing or unreadable `created`
    /// is the oldest ([`crate::time::age_order`]). The one order of `--newest`/`--oldest`.
    pub fn age_order(a: &Image, b: &Image) -> std::cmp::Ordering {
        crate::time::age_order((a.created_at(), &a.id), (b.created_at(), &b.id))
    }
}

/// An array of links; anything else (`{}` from some proxies, `null`) is no links.
fn lenient_links<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Link>, D::Error> {
    decode::Links::deserialize(d).map(|links| links.0)
}

/// Accepts `123`, `1.017415075e+09` (an integer written as a float) and `null`.
fn lenient_size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    use serde::de::Error;
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            if let Some(u) = n.as_u64() {
                return Ok(Some(u));
            }
            match n.as_f64() {
                Some(f) if f >= 0.0 && f.fract() == 0.0 && f < u64::MAX as f64 => {
                    Ok(Some(f as u64))
                }
                _ => Err(D::Error::custom(format!(
                    "OS-EXT-IMG-SIZE:size {n} is not a byte count"
                ))),
            }
        }
        Some(other) => Err(D::Error::custom(format!(
            "OS-EXT-IMG-SIZE:size must be a number, not {other}"
        ))),
    }
}

/// The body of `GET /images/detail`.
#[derive(Debug, Deserialize)]
pub(crate) struct ImagesPage {
    pub images: Vec<Image>,
}

/// The paging facts of a `GET /images/detail` body, read without decoding the images, so
/// that the next page can be asked for before this one is decoded.
#[derive(Debug, Deserialize)]
pub(crate) struct PageLinks {
    pub images: Count,
    #[serde(default, deserialize_with = "lenient_links")]
    pub images_links: Vec<Link>,
}

impl PageLinks {
    /// The last `next` link, as gophercloud follows it.
    pub fn next(&self) -> Option<String> {
        next_link(&self.images_links)
    }
}

/// Where a listed image was found, when a listing spans several clouds or regions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The cloud's name in clouds.yaml.
    pub cloud: String,
    /// The region, when the cloud has one.
    pub region: Option<String>,
}

/// An image as a listing across clouds or regions shows it: its fields, then `cloud` and
/// `region`.
#[derive(Debug, Serialize)]
pub struct Placed<'a> {
    /// The image.
    #[serde(flatten)]
    pub image: &'a Image,
    /// Where it was found.
    #[serde(flatten)]
    pub place: &'a Place,
}

/// How Nova shows a Glance status (`nova/api/openstack/compute/views/images.py`,
/// `_get_status`): `active` is ACTIVE, `queued` and `saving` SAVING, `deleted` and
/// `pending_delete` DELETED, `killed` ERROR, anything else UNKNOWN.
pub fn nova_status(glance: &str) -> &'static str {
    match glance {
        "active" => "ACTIVE",
        "queued" | "saving" => "SAVING",
        "deleted" | "pending_delete" => "DELETED",
        "killed" => "ERROR",
        _ => "UNKNOWN",
    }
}

/// A body's top-level `images_links` alone (read from the end of a page).
#[derive(Debug, Deserialize)]
pub(crate) struct PageLinksOnly {
    #[serde(default, deserialize_with = "lenient_links")]
    pub images_links: Vec<Link>,
}

/// The last `next` link of `links`, as gophercloud follows it.
pub(crate) fn next_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .rev()
        .find(|l| l.rel == "next")
        .map(|l| l.href.clone())
}

/// Whether a page that opens with `{"images": [` (as Nova and Glance write theirs) holds no
/// image; `None` for any other opening.
pub(crate) fn opens_with_images(body: &[u8]) -> Option<bool> {
    let rest = body
        .trim_ascii_start()
        .strip_prefix(b"{")?
        .trim_ascii_start();
    let rest = rest.strip_prefix(b"\"images\"")?.trim_ascii_start();
    let rest = rest.strip_prefix(b":")?.trim_ascii_start();
    let rest = rest.strip_prefix(b"[")?.trim_ascii_start();
    Some(rest.starts_with(b"]"))
}

/// The body read from the last `key` to its end, opened with `{`, e.g. a page's paging
/// links, which come after its images; `None` when `key` is not there or that text is not
/// such an object ([`object_from`]).
pub(crate) fn tail_object<T: serde::de::DeserializeOwned>(body: &[u8], key: &[u8]) -> Option<T> {
    object_from(body, last_key(body, key)?)
}

/// Where the last `key` starts in `body`.
pub(crate) fn last_key(body: &[u8], key: &[u8]) -> Option<usize> {
    body.windows(key.len()).rposition(|w| w == key)
}

/// The body from `at` to its end, opened with `{`, as `T`. That text is a whole JSON object
/// only when a key at `at` belongs to the outermost object: a key nested deeper (in an
/// image's metadata, say) leaves closing brackets over, and a string cannot hold a key's
/// unescaped quotes.
pub(crate) fn object_from<T: serde::de::DeserializeOwned>(body: &[u8], at: usize) -> Option<T> {
    let mut tail = Vec::with_capacity(body.len().saturating_sub(at) + 1);
    tail.push(b'{');
    tail.extend_from_slice(body.get(at..)?);
    serde_json::from_slice(&tail).ok()
}

/// The length of a JSON array, its elements skipped unread.
#[derive(Debug)]
pub(crate) struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Counter;
        impl<'de> serde::de::Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(Counter)
    }
}

/// The body of `GET /images/{id}`.
#[derive(Debug, Deserialize)]
pub(crate) struct ImageBody {
    pub image: Image,
}

/// A server, as far as telling which servers use an image needs: its ID and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerRef {
    /// The server's ID.
    pub id: String,
    /// Its name (Nova allows an empty one).
    #[serde(default)]
    pub name: Option<String>,
}

/// The body of `GET /servers/detail`, the servers only.
#[derive(Debug, Deserialize)]
pub(crate) struct ServersPage {
    pub servers: Vec<ServerRef>,
}

/// An image's metadata as the image-metadata API returns it: its Glance properties by key.
/// Values are strings when written through this API, but Glance may hold any JSON value.
pub type Metadata = std::collections::BTreeMap<String, Value>;

/// The body of `GET`, `POST` and `PUT /images/{id}/metadata`.
#[derive(Debug, Deserialize)]
pub(crate) struct MetadataBody {
    pub metadata: Metadata,
}

/// The body of `GET /images/{id}/metadata/{key}`.
#[derive(Debug, Deserialize)]
pub(crate) struct MetaBody {
    pub meta: Metadata,
}

/// The compute microversion requests pin unless told otherwise. Nova removed the images proxy
/// at 2.36 (the image metadata routes at 2.39), so any version sent must be at most 2.35; 2.1
/// is the base version every Nova since Liberty serves.
pub const MICROVERSION: &str = "2.1";

/// A secret string (token, password) that never shows in `Debug` output. It serializes as
/// the plain string, for the one file that must hold it (the private token cache).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// One service of the Keystone catalog.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    /// Service type, e.g. `compute`.
    #[serde(rename = "type", default)]
    pub service_type: String,
    /// Its endpoints.
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
}

/// One endpoint of a catalog service.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Endpoint {
    /// `public`, `internal` or `admin`.
    #[serde(default)]
    pub interface: String,
    /// Region name (legacy field).
    #[serde(default)]
    pub region: Option<String>,
    /// Region ID.
    #[serde(default)]
    pub region_id: Option<String>,
    /// The endpoint URL.
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(size: &str) -> Result<Image, serde_json::Error> {
        serde_json::from_str(&format!(
            r#"{{"id":"a","status":"ACTIVE","OS-EXT-IMG-SIZE:size":{size}}}"#
        ))
    }

    #[test]
    fn size_accepts_integers_floats_and_null() {
        assert_eq!(parse("25165824").unwrap().size, Some(25165824));
        assert_eq!(parse("1.017415075e+09").unwrap().size, Some(1017415075));
        assert_eq!(parse("null").unwrap().size, None);
        assert!(parse("-1").is_err());
        assert!(parse("1.5").is_err());
        assert!(parse("\"12\"").is_err());
    }

    #[test]
    fn unknown_fields_and_null_metadata_round_trip() {
        let body = r#"{"id":"a","name":null,"status":"ACTIVE","progress":100,"minDisk":0,"minRam":0,"OS-EXT-IMG-SIZE:size":1,"created":"c","updated":null,"metadata":{"k":null,"n":{"x":[1]}},"links":[],"future:field":{"x":1}}"#;
        let image: Image = serde_json::from_str(body).unwrap();
        assert_eq!(image.extra["future:field"], serde_json::json!({"x": 1}));
        assert_eq!(serde_json::to_string(&image).unwrap(), body);
    }

    #[test]
    fn integer_ids_and_odd_links_are_accepted() {
        let image: Image =
            serde_json::from_str(r#"{"id": 42, "links": {}, "name": "old"}"#).unwrap();
        assert_eq!(image.id, "42");
        assert!(image.links.is_empty());
        let page: PageLinks =
            serde_json::from_str(r#"{"images": [{}, 1], "images_links": {}}"#).unwrap();
        assert_eq!((page.images.0, page.next()), (2, None));
        let page: PageLinks = serde_json::from_str(
            r#"{"images": [], "images_links": [{"rel": "next", "href": "a"}, {"rel": "next", "href": "b"}]}"#,
        )
        .unwrap();
        assert_eq!(page.next().as_deref(), Some("b"));
        assert!(serde_json::from_str::<Image>(r#"{"id": 1.5}"#).is_err());
        assert!(serde_json::from_str::<Image>(r#"{"id": null}"#).is_err());
    }

    #[test]
    fn server_id_prefers_the_server_object() {
        let image: Image = serde_json::from_str(
            r#"{"id":"a","server":{"id":"s1"},"metadata":{"instance_uuid":"s2"}}"#,
        )
        .unwrap();
        assert_eq!(image.server_id(), Some("s1"));
    }
}
