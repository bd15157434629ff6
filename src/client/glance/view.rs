//! Nova's view of a Glance v2 image: the one function ([`nova_view`]) that turns what
//! `GET /v2/images` or `GET /v2/images/{id}` says about an image into the [`Image`] the Nova
//! images API would have shown for it. Nova's own path is two steps, both cited below:
//! `nova/image/glance.py` `_translate_from_glance` (`_extract_attributes_v2`, then the
//! timestamps parsed and `block_device_mapping`/`mappings` JSON-decoded), then
//! `nova/api/openstack/compute/views/images.py` `ViewBuilder.show`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value, json};
use url::Url;

use crate::model::{Image, Link, nova_status};

/// Properties Nova stores as JSON text in Glance and decodes on the way out
/// (`nova/image/glance.py` `_CONVERT_PROPS`, `_convert_from_string`).
const JSON_PROPERTIES: [&str; 2] = ["block_device_mapping", "mappings"];

/// Where the links of a translated image point.
#[derive(Debug, Clone)]
pub(crate) struct LinkBase {
    /// The image API's versioned base (`.../v2/`): `links` point at the image there.
    pub images: Url,
    /// The compute endpoint, when the catalog has one: `server.links` point at it, as
    /// Nova's do.
    pub compute: Option<Url>,
}

/// Is `name` one of Glance's base properties (not metadata)? They are the properties of
/// Glance's image schema (`glance/api/v2/images.py` `get_base_properties`), which Nova's
/// `_extract_attributes_v2` keeps as attributes; everything else is `properties`, which its
/// view shows as `metadata` (schema-image.json's custom properties, `os_distro`,
/// `instance_uuid`, ..., are `is_base: false`, so metadata).
pub(crate) fn is_base_property(name: &str) -> bool {
    !matches!(Key::of(name), Key::Property(()))
}

/// What Nova's view reads of a Glance image: the base properties it shows, each as Glance
/// sent it (`None`: absent), and every other property, in Glance's order. Decoded straight
/// from Glance's JSON (the base properties Nova does not show are skipped unread), or made
/// from an image already read as a map ([`From`]): the two agree, a key given twice included
/// (the last one counts, in the first one's place).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Glance {
    id: Option<Value>,
    name: Option<Value>,
    status: Option<Value>,
    min_ram: Option<Value>,
    min_disk: Option<Value>,
    size: Option<Value>,
    created_at: Option<Value>,
    updated_at: Option<Value>,
    /// Every non-base property (`_extract_attributes_v2`'s `properties`), as it came.
    properties: Map<String, Value>,
    /// A property Nova's view looks at ([`NOTICED`]) is among them: most images have none,
    /// and their lookups are skipped.
    noticed: bool,
}

/// The properties [`nova_view`] looks at: `server`, `OS-DCF:diskConfig`, the JSON ones.
const NOTICED: [&str; 4] = [
    "instance_uuid",
    "auto_disk_config",
    JSON_PROPERTIES[0],
    JSON_PROPERTIES[1],
];

impl Glance {
    /// Adds (or replaces) a property.
    fn property(&mut self, name: String, value: Value) {
        self.noticed |= NOTICED.contains(&name.as_str());
        self.properties.insert(name, value);
    }

    /// The base property `field`'s value.
    fn field(&mut self, field: Field) -> &mut Option<Value> {
        match field {
            Field::Id => &mut self.id,
            Field::Name => &mut self.name,
            Field::Status => &mut self.status,
            Field::MinRam => &mut self.min_ram,
            Field::MinDisk => &mut self.min_disk,
            Field::Size => &mut self.size,
            Field::CreatedAt => &mut self.created_at,
            Field::UpdatedAt => &mut self.updated_at,
        }
    }
}

/// The base properties Nova's view shows.
#[derive(Clone, Copy)]
enum Field {
    Id,
    Name,
    Status,
    MinRam,
    MinDisk,
    Size,
    CreatedAt,
    UpdatedAt,
}

/// What a key of a Glance image is.
enum Key<P> {
    /// A base property Nova's view shows.
    Field(Field),
    /// A base property it does not show: skipped.
    Base,
    /// Anything else: metadata, by this name.
    Property(P),
}

impl Key<()> {
    /// What `name` is: one of the 25 base properties ([`is_base_property`]), of which Nova's
    /// view shows 8, or a property. One `match`: it runs for every key of every image.
    fn of(name: &str) -> Self {
        Key::Field(match name {
            "id" => Field::Id,
            "name" => Field::Name,
            "status" => Field::Status,
            "min_ram" => Field::MinRam,
            "min_disk" => Field::MinDisk,
            "size" => Field::Size,
            "created_at" => Field::CreatedAt,
            "updated_at" => Field::UpdatedAt,
            "visibility" | "protected" | "os_hidden" | "checksum" | "os_hash_algo"
            | "os_hash_value" | "owner" | "virtual_size" | "container_format" | "disk_format"
            | "tags" | "direct_url" | "self" | "file" | "stores" | "schema" | "locations" => {
                return Key::Base;
            }
            _ => return Key::Property(()),
        })
    }
}

impl From<Map<String, Value>> for Glance {
    fn from(image: Map<String, Value>) -> Self {
        let mut glance = Glance::default();
        for (name, value) in image {
            match Key::of(&name) {
                Key::Field(field) => *glance.field(field) = Some(value),
                Key::Base => {}
                Key::Property(()) => glance.property(name, value),
            }
        }
        glance
    }
}

impl<'de> Deserialize<'de> for Glance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(GlanceVisitor)
    }
}

struct GlanceVisitor;

impl<'de> Visitor<'de> for GlanceVisitor {
    type Value = Glance;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an image object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Glance, A::Error> {
        let mut glance = Glance::default();
        while let Some(key) = map.next_key::<Key<String>>()? {
            match key {
                Key::Field(field) => *glance.field(field) = Some(map.next_value()?),
                Key::Base => {
                    map.next_value::<IgnoredAny>()?;
                }
                Key::Property(name) => {
                    let value = map.next_value()?;
                    glance.property(name, value);
                }
            }
        }
        Ok(glance)
    }
}

/// A key read as [`Key::of`] tells, its text copied only for a property.
impl<'de> Deserialize<'de> for Key<String> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<String>, E> {
        Ok(match Key::of(name) {
            Key::Field(field) => Key::Field(field),
            Key::Base => Key::Base,
            Key::Property(()) => Key::Property(name.to_owned()),
        })
    }
}

/// The image Nova's images API shows for `glance`, an image of Glance's v2 API; `Err` names
/// what is missing. `links` point at Glance (`self`, `bookmark` and `alternate` are its URL
/// of the image), the one difference from Nova's answer.
pub(crate) fn nova_view(glance: Glance, base: &LinkBase) -> Result<Image, String> {
    let id = match glance.id {
        Some(Value::String(id)) => id,
        Some(Value::Number(n)) if n.is_u64() => n.to_string(),
        _ => return Err("an image without a string \"id\"".into()),
    };
    let glance_status = glance.status.as_ref().and_then(Value::as_str).unwrap_or("");
    let mut metadata = glance.properties;
    if glance.noticed {
        decode_json_properties(&mut metadata);
    }
    let mut image = Image {
        name: match glance.name {
            Some(Value::String(name)) => Some(name),
            _ => None,
        },
        // views/images.py `show`: int(min_ram or 0), int(min_disk or 0).
        min_ram: whole(glance.min_ram.as_ref()),
        min_disk: whole(glance.min_disk.as_ref()),
        // `_extract_attributes_v2`: a null size is 0; an absent one stays absent (null).
        size: match &glance.size {
            None => None,
            Some(Value::Null) => Some(0),
            Some(v) => Some(whole(Some(v))),
        },
        created: date(glance.created_at),
        updated: date(glance.updated_at),
        // `_get_status`, `_get_progress`.
        status: nova_status(glance_status).to_owned(),
        progress: progress(glance_status),
        server: None,
        disk_config: None,
        links: links(base, &id),
        extra: Map::new(),
        metadata: Value::Null,
        id,
    };
    if !glance.noticed {
        image.metadata = Value::Object(metadata);
        return Ok(image);
    }
    // views/images.py `show`: a `server` only for an image with an `instance_uuid`.
    if let Some(uuid) = metadata.get("instance_uuid").filter(|v| !v.is_null()) {
        image.server = Some(server(base, uuid));
    }
    // views/images.py `show`: `OS-DCF:diskConfig` only when `auto_disk_config` is set.
    if let Some(auto) = metadata.get("auto_disk_config").filter(|v| !v.is_null()) {
        let shown = if bool_from_string(auto) {
            "AUTO"
        } else {
            "MANUAL"
        };
        image.disk_config = Some(shown.to_owned());
    }
    image.metadata = Value::Object(metadata);
    Ok(image)
}

/// The image's properties, as Nova shows them in `metadata`: every key but the base
/// properties, in Glance's order (`_extract_attributes_v2`), with `block_device_mapping` and
/// `mappings` JSON-decoded ([`decode_json_properties`]).
pub(crate) fn properties(glance: &Map<String, Value>) -> Map<String, Value> {
    let mut properties: Map<String, Value> = glance
        .iter()
        .filter(|(k, _)| !is_base_property(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    decode_json_properties(&mut properties);
    properties
}

/// `block_device_mapping` and `mappings` JSON-decoded when they are strings
/// (`_convert_from_string`; text that is not JSON, where Nova would fail the request, is
/// kept as it is).
fn decode_json_properties(properties: &mut Map<String, Value>) {
    for key in JSON_PROPERTIES {
        if let Some(Value::String(text)) = properties.get(key)
            && let Ok(decoded) = serde_json::from_str::<Value>(text)
        {
            properties.insert(key.to_owned(), decoded);
        }
    }
}

/// `int(value or 0)`: Glance sends integers; anything else counts as 0.
fn whole(value: Option<&Value>) -> u64 {
    value.and_then(Value::as_u64).unwrap_or(0)
}

/// `_get_progress`: queued 25, saving 50, active 100, anything else 0.
fn progress(glance_status: &str) -> u64 {
    match glance_status {
        "queued" => 25,
        "saving" => 50,
        "active" => 100,
        _ => 0,
    }
}

/// A timestamp as Nova prints it: `_convert_timestamps_to_datetimes` parses Glance's text
/// and `_format_date` (`nova/utils.py` `isotime`) writes `%Y-%m-%dT%H:%M:%S` plus `Z` for
/// UTC, else the offset as parsed (`+01:00`): fractions of a second are dropped. Text that is
/// not a timestamp is kept as it is; `null` or nothing stays `None`.
fn date(value: Option<Value>) -> Option<String> {
    let Value::String(text) = value? else {
        return None;
    };
    if in_novas_form(&text) {
        return Some(text);
    }
    Some(nova_time(&text).unwrap_or(text))
}

/// `2026-11-27T13:40:06Z`, the form Glance writes: [`date`] gives it back as it is (a time
/// in Nova's form, or text that is no time, kept), so it needs no parsing.
fn in_novas_form(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 20
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            19 => b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

/// [`date`] of one text, `None` when it is not an ISO 8601 timestamp.
fn nova_time(text: &str) -> Option<String> {
    crate::time::parse_timestamp(text)?;
    let (day, clock) = text.split_once(['T', 't'])?;
    let seconds = clock.get(..8)?;
    let rest = &clock[8..];
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    let zone = match rest {
        "" | "Z" | "z" => "Z",
        offset => offset,
    };
    Some(format!("{day}T{seconds}{zone}"))
}

/// oslo's `strutils.bool_from_string` (not strict): true for `1`, `t`, `true`, `on`, `y`,
/// `yes` in any case and a JSON `true`; false for anything else.
fn bool_from_string(value: &Value) -> bool {
    let text = match value {
        Value::Bool(b) => return *b,
        Value::String(s) => s.trim().to_lowercase(),
        other => other.to_string(),
    };
    matches!(text.as_str(), "1" | "t" | "true" | "on" | "y" | "yes")
}

/// `links` on the image path: Glance's URL of the image, as `self`, `bookmark` and
/// `alternate` (the image service's own URL, as Nova's `alternate` is).
fn links(base: &LinkBase, id: &str) -> Vec<Link> {
    // An ID of letters, digits, `-` and `_` (a UUID) is one path segment as it is, and
    // needs no URL parsing; anything else is escaped and resolved.
    let plain = |id: &str| {
        (id.bytes()).all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && base.images.query().is_none()
            && base.images.fragment().is_none()
    };
    let href = if plain(id) {
        format!("{}images/{id}", base.images)
    } else {
        (base.images.join(&format!("images/{}", escaped(id))))
            .map_or_else(|_| format!("{}images/{id}", base.images), String::from)
    };
    let link = |rel: &str, media_type: Option<&str>| Link {
        href: href.clone(),
        rel: rel.to_owned(),
        media_type: media_type.map(str::to_owned),
    };
    vec![
        link("self", None),
        link("bookmark", None),
        link("alternate", Some("application/vnd.openstack.image")),
    ]
}

/// views/images.py `show`: `{"id": uuid, "links": [self, bookmark]}`, the links as Nova
/// makes them from the compute endpoint (`common.ViewBuilder._get_href_link`,
/// `_get_bookmark_link`: the version left out), none without one.
fn server(base: &LinkBase, uuid: &Value) -> Value {
    let id = uuid
        .as_str()
        .map_or_else(|| uuid.to_string(), str::to_owned);
    let links = match &base.compute {
        Some(compute) => {
            let tail = format!("servers/{}", escaped(&id));
            let href = compute.join(&tail).map(String::from).unwrap_or_default();
            let bookmark = unversioned(compute)
                .join(&tail)
                .map(String::from)
                .unwrap_or_default();
            json!([{"rel": "self", "href": href}, {"rel": "bookmark", "href": bookmark}])
        }
        None => json!([]),
    };
    json!({"id": uuid, "links": links})
}

/// The compute endpoint without its version segment (`/v2.1/{project}/` becomes
/// `/{project}/`), as Nova's `remove_trailing_version_from_href` makes its bookmarks.
fn unversioned(compute: &Url) -> Url {
    let mut url = compute.clone();
    let kept: Vec<&str> = compute
        .path()
        .split('/')
        .filter(|s| !is_version(s))
        .collect();
    url.set_path(&kept.join("/"));
    url
}

/// One path segment, escaped as the Nova client escapes IDs.
fn escaped(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, super::super::SEGMENT).to_string()
}

/// `v2`, `v2.1`: Nova's `^v([0-9]+|[0-9]+\.[0-9]+)$`.
pub(super) fn is_version(segment: &str) -> bool {
    let Some(number) = segment.strip_prefix('v') else {
        return false;
    };
    let mut parts = number.split('.');
    let digits =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let major = digits(parts.next());
    let minor = match parts.next() {
        None => true,
        some => digits(some),
    };
    major && minor && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> LinkBase {
        LinkBase {
            images: Url::parse("http://127.0.0.1:9292/v2/").unwrap(),
            compute: Some(Url::parse("http://127.0.0.1:8774/v2.1/").unwrap()),
        }
    }

    fn view(glance: Value) -> Image {
        nova_view(serde_json::from_value(glance).unwrap(), &base()).unwrap()
    }

    /// Every field but `links` (and `server.links` when there is no compute endpoint).
    fn without_links(mut image: Image) -> Image {
        image.links.clear();
        image
    }

    /// Glance's answers and Nova's of the same images, captured from real Glance 33 and
    /// Nova 34 (testdata/, copied from the project's real-cloud captures).
    #[test]
    fn real_glance_images_read_as_real_nova_showed_them() {
        let glance: Value =
            serde_json::from_str(include_str!("testdata/glance-images.json")).unwrap();
        let nova: Value =
            serde_json::from_str(include_str!("testdata/nova-images-detail.json")).unwrap();
        let nova: Vec<Image> = serde_json::from_value(nova["images"].clone()).unwrap();
        let glance = glance["images"].as_array().unwrap();
        assert_eq!(glance.len(), 3);
        for g in glance {
            let translated = view(g.clone());
            let shown = (nova.iter().find(|n| n.id == translated.id)).unwrap();
            assert_eq!(
                without_links(translated.clone()),
                without_links(shown.clone())
            );
            // Metadata keys in Glance's order, as Nova keeps them.
            let keys = |i: &Image| {
                i.metadata
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
            };
            assert_eq!(keys(&translated), keys(shown));
        }
        let one: Value = serde_json::from_str(include_str!("testdata/glance-image.json")).unwrap();
        let translated = view(one);
        let shown = nova.iter().find(|n| n.id == translated.id).unwrap();
        assert_eq!(without_links(translated), without_links(shown.clone()));
    }

    /// Decoded straight from the JSON or read from a map first: the same, whatever the
    /// keys, a key given twice included.
    #[test]
    fn decoding_an_image_agrees_with_reading_it_as_a_map() {
        let glance: Value =
            serde_json::from_str(include_str!("testdata/glance-images.json")).unwrap();
        let mut texts: Vec<String> = (glance["images"].as_array().unwrap().iter())
            .map(Value::to_string)
            .collect();
        texts.push(
            r#"{"id": "a", "p": 1, "name": "x", "q": {"r": [1]}, "p": 2, "name": 7, "size": null,
                "tags": ["t"], "locations": [{"url": "u"}], "id": "b", "status": "queued"}"#
                .into(),
        );
        for text in texts {
            let decoded: Glance = serde_json::from_str(&text).unwrap();
            let map: Map<String, Value> = serde_json::from_str(&text).unwrap();
            assert_eq!(decoded, Glance::from(map), "{text}");
            let keys: Vec<&String> = decoded.properties.keys().collect();
            assert!(keys.iter().all(|k| !is_base_property(k)), "{text}");
        }
        let twice: Glance =
            serde_json::from_str(r#"{"id": "a", "p": 1, "q": 2, "p": 3, "id": "b"}"#).unwrap();
        assert_eq!(twice.id, Some(json!("b")));
        assert_eq!(Value::Object(twice.properties), json!({"p": 3, "q": 2}));
        assert!(serde_json::from_str::<Glance>("[1]").is_err());
    }

    #[test]
    fn the_base_properties_are_glances_25() {
        let base = "id name status visibility protected os_hidden checksum os_hash_algo \
                    os_hash_value owner size virtual_size container_format disk_format \
                    created_at updated_at tags direct_url min_ram min_disk self file stores \
                    schema locations";
        assert_eq!(base.split_whitespace().count(), 25);
        assert!(base.split_whitespace().all(is_base_property));
        for custom in [
            "os_distro",
            "instance_uuid",
            "kernel_id",
            "image_type",
            "Name",
            "",
        ] {
            assert!(!is_base_property(custom), "{custom}");
        }
    }

    #[test]
    fn links_point_at_glance() {
        let image = view(json!({"id": "a b", "status": "active"}));
        let hrefs: Vec<(&str, &str)> = (image.links.iter())
            .map(|l| (l.rel.as_str(), l.href.as_str()))
            .collect();
        let href = "http://127.0.0.1:9292/v2/images/a%20b";
        assert_eq!(
            hrefs,
            [("self", href), ("bookmark", href), ("alternate", href)]
        );
        for (id, href) in [
            (
                "70a599e0-31e7-49b7-b260-868f441e862b",
                "images/70a599e0-31e7-49b7-b260-868f441e862b",
            ),
            ("..", ""),
            ("a/b?c", "images/a%2Fb%3Fc"),
        ] {
            let image = view(json!({"id": id}));
            assert_eq!(
                image.links[0].href,
                format!("http://127.0.0.1:9292/v2/{href}")
            );
        }
        assert_eq!(
            image.links[2].media_type.as_deref(),
            Some("application/vnd.openstack.image")
        );
    }

    #[test]
    fn status_and_progress_follow_novas_table() {
        for (glance, status, progress) in [
            ("active", "ACTIVE", 100),
            ("queued", "SAVING", 25),
            ("saving", "SAVING", 50),
            ("deleted", "DELETED", 0),
            ("pending_delete", "DELETED", 0),
            ("killed", "ERROR", 0),
            ("deactivated", "UNKNOWN", 0),
            ("uploading", "UNKNOWN", 0),
            ("importing", "UNKNOWN", 0),
        ] {
            let image = view(json!({"id": "a", "status": glance}));
            assert_eq!(
                (image.status.as_str(), image.progress),
                (status, progress),
                "{glance}"
            );
        }
    }

    #[test]
    fn metadata_is_every_non_base_property_with_json_decoded() {
        let image = view(json!({
            "id": "a", "status": "active", "owner": "p", "visibility": "public", "tags": ["t"],
            "os_hidden": false, "stores": "fs", "direct_url": "file:///x", "locations": [],
            "checksum": null, "os_hash_algo": null, "os_hash_value": null, "protected": true,
            "virtual_size": 1, "container_format": "bare", "disk_format": "raw",
            "self": "/v2/images/a", "file": "/v2/images/a/file", "schema": "/v2/schemas/image",
            "kernel_id": null, "ramdisk_id": "r", "image_type": "snapshot",
            "block_device_mapping": "[{\"boot_index\": 0}]", "mappings": "not json",
            "bdm_v2": "True"
        }));
        assert_eq!(
            image.metadata,
            json!({
                "kernel_id": null, "ramdisk_id": "r", "image_type": "snapshot",
                "block_device_mapping": [{"boot_index": 0}], "mappings": "not json",
                "bdm_v2": "True"
            })
        );
    }

    #[test]
    fn sizes_minimums_and_absent_fields() {
        let image = view(json!({"id": "a", "size": null, "min_ram": null}));
        assert_eq!((image.size, image.min_ram, image.min_disk), (Some(0), 0, 0));
        assert_eq!(image.name, None);
        assert_eq!(
            (image.created.as_deref(), image.updated.as_deref()),
            (None, None)
        );
        let image = view(json!({"id": "a", "size": 25165824, "min_ram": 512, "min_disk": 10}));
        assert_eq!(
            (image.size, image.min_ram, image.min_disk),
            (Some(25165824), 512, 10)
        );
        assert_eq!(view(json!({"id": "a"})).size, None);
        for bad in [json!({}), json!({"id": null}), json!({"id": ["a"]})] {
            assert!(nova_view(serde_json::from_value(bad).unwrap(), &base()).is_err());
        }
    }

    #[test]
    fn timestamps_are_printed_as_nova_prints_them() {
        for (glance, nova) in [
            ("2026-11-27T13:40:06Z", "2026-11-27T13:40:06Z"),
            ("2026-11-27T13:40:06.123456Z", "2026-11-27T13:40:06Z"),
            ("2026-11-27T13:40:06", "2026-11-27T13:40:06Z"),
            ("2026-11-27T13:40:06.5+01:00", "2026-11-27T13:40:06+01:00"),
            ("not a time", "not a time"),
            ("2026-13-45T25:61:61Z", "2026-13-45T25:61:61Z"),
            ("2026-11-27t13:40:06z", "2026-11-27T13:40:06Z"),
        ] {
            let image = view(json!({"id": "a", "created_at": glance, "updated_at": glance}));
            assert_eq!(image.created.as_deref(), Some(nova), "{glance}");
            assert_eq!(image.updated.as_deref(), Some(nova), "{glance}");
        }
    }

    #[test]
    fn server_and_disk_config_as_novas_view_adds_them() {
        let image = view(json!({
            "id": "a", "status": "active",
            "instance_uuid": "5e2f0c1a-7b3d-4c8e-9f10-000000000004", "auto_disk_config": "True"
        }));
        assert_eq!(
            image.server,
            Some(
                json!({"id": "5e2f0c1a-7b3d-4c8e-9f10-000000000004", "links": [
                    {"rel": "self", "href": "http://127.0.0.1:8774/v2.1/servers/5e2f0c1a-7b3d-4c8e-9f10-000000000004"},
                    {"rel": "bookmark", "href": "http://127.0.0.1:8774/servers/5e2f0c1a-7b3d-4c8e-9f10-000000000004"}
                ]})
            )
        );
        assert_eq!(image.disk_config.as_deref(), Some("AUTO"));
        for (given, shown) in [
            (json!("False"), Some("MANUAL")),
            (json!("yes"), Some("AUTO")),
            (json!(" On "), Some("AUTO")),
            (json!("nonsense"), Some("MANUAL")),
            (json!(true), Some("AUTO")),
            (json!(1), Some("AUTO")),
            (json!(null), None),
        ] {
            let image = view(json!({"id": "a", "auto_disk_config": given}));
            assert_eq!(image.disk_config.as_deref(), shown, "{given}");
        }
        let no_compute = LinkBase {
            compute: None,
            ..base()
        };
        let image = nova_view(
            serde_json::from_value(json!({"id": "a", "instance_uuid": "s"})).unwrap(),
            &no_compute,
        )
        .unwrap();
        assert_eq!(image.server, Some(json!({"id": "s", "links": []})));
        assert_eq!(view(json!({"id": "a", "instance_uuid": null})).server, None);
    }

    #[test]
    fn bookmarks_leave_the_version_out() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            unversioned(&url("http://h:8774/v2.1/p1/")).as_str(),
            "http://h:8774/p1/"
        );
        assert_eq!(
            unversioned(&url("http://h/compute/v2/")).as_str(),
            "http://h/compute/"
        );
        assert!(is_version("v2") && is_version("v2.1") && !is_version("v2.") && !is_version("vx"));
    }
}
