//! An [`Image`] decoded in one pass, field by field.
//!
//! Deriving `Deserialize` with `#[serde(flatten)]` (for the unknown fields kept in
//! [`Image::extra`]) makes serde buffer each image whole into an intermediate tree and
//! decode it a second time from there: most of a listing's CPU time went to that. Here each
//! known field is read straight into its place, and only unknown ones become JSON values.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::{Image, Link, lenient_size};

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ImageVisitor)
    }
}

struct ImageVisitor;

impl<'de> Visitor<'de> for ImageVisitor {
    type Value = Image;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an image object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Image, A::Error> {
        let mut id = None;
        let mut image = Image {
            id: String::new(),
            name: None,
            status: String::new(),
            progress: 0,
            min_disk: 0,
            min_ram: 0,
            size: None,
            created: None,
            updated: None,
            metadata: Value::Null,
            server: None,
            disk_config: None,
            links: Vec::new(),
            extra: Map::new(),
        };
        let mut seen = Seen::default();
        while let Some(key) = map.next_key::<Key>()? {
            seen.first(&key)?;
            match key {
                Key::Id => id = Some(map.next_value::<Id>()?.0),
                Key::Name => image.name = map.next_value()?,
                Key::Status => image.status = map.next_value()?,
                Key::Progress => image.progress = map.next_value()?,
                Key::MinDisk => image.min_disk = map.next_value()?,
                Key::MinRam => image.min_ram = map.next_value()?,
                Key::Size => image.size = map.next_value::<Size>()?.0,
                Key::Created => image.created = map.next_value()?,
                Key::Updated => image.updated = map.next_value()?,
                Key::Metadata => image.metadata = map.next_value()?,
                Key::Server => image.server = map.next_value()?,
                Key::DiskConfig => image.disk_config = map.next_value()?,
                Key::Links => image.links = map.next_value::<Links>()?.0,
                Key::Other(name) => {
                    let value = map.next_value()?;
                    image.extra.insert(name, value);
                }
            }
        }
        image.id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        Ok(image)
    }
}

/// The known fields, as the server names them; any other is kept by its name.
enum Key {
    Id,
    Name,
    Status,
    Progress,
    MinDisk,
    MinRam,
    Size,
    Created,
    Updated,
    Metadata,
    Server,
    DiskConfig,
    Links,
    Other(String),
}

impl Key {
    const NAMES: [&'static str; 13] = [
        "id",
        "name",
        "status",
        "progress",
        "minDisk",
        "minRam",
        "OS-EXT-IMG-SIZE:size",
        "created",
        "updated",
        "metadata",
        "server",
        "OS-DCF:diskConfig",
        "links",
    ];

    fn index(&self) -> Option<usize> {
        let index = match self {
            Key::Id => 0,
            Key::Name => 1,
            Key::Status => 2,
            Key::Progress => 3,
            Key::MinDisk => 4,
            Key::MinRam => 5,
            Key::Size => 6,
            Key::Created => 7,
            Key::Updated => 8,
            Key::Metadata => 9,
            Key::Server => 10,
            Key::DiskConfig => 11,
            Key::Links => 12,
            Key::Other(_) => return None,
        };
        Some(index)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(match name {
            "id" => Key::Id,
            "name" => Key::Name,
            "status" => Key::Status,
            "progress" => Key::Progress,
            "minDisk" => Key::MinDisk,
            "minRam" => Key::MinRam,
            "OS-EXT-IMG-SIZE:size" => Key::Size,
            "created" => Key::Created,
            "updated" => Key::Updated,
            "metadata" => Key::Metadata,
            "server" => Key::Server,
            "OS-DCF:diskConfig" => Key::DiskConfig,
            "links" => Key::Links,
            other => Key::Other(other.to_owned()),
        })
    }
}

/// A known field twice is refused, as a derived decoder refuses it: which of the two
/// would be the image's is anyone's guess.
#[derive(Default)]
struct Seen(u16);

impl Seen {
    fn first<E: de::Error>(&mut self, key: &Key) -> Result<(), E> {
        let Some(index) = key.index() else {
            return Ok(());
        };
        if self.0 & (1 << index) != 0 {
            return Err(E::duplicate_field(Key::NAMES[index]));
        }
        self.0 |= 1 << index;
        Ok(())
    }
}

/// A string, or an integer as early clouds sent (shown as its decimal string).
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdVisitor)
    }
}

struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = Id;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or an integer")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
        Ok(Id(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Id, E> {
        Ok(Id(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
        Ok(Id(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
        Ok(Id(v.to_string()))
    }
}

/// `OS-EXT-IMG-SIZE:size`, read by [`lenient_size`].
struct Size(Option<u64>);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient_size(d).map(Size)
    }
}

/// An array of links; anything else (`{}` from some proxies, `null`) is no links.
pub(super) struct Links(pub(super) Vec<Link>);

impl<'de> Deserialize<'de> for Links {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LinksVisitor)
    }
}

struct LinksVisitor;

impl<'de> Visitor<'de> for LinksVisitor {
    type Value = Links;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of links")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Links, A::Error> {
        let mut links = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(8));
        while let Some(link) = seq.next_element()? {
            links.push(link);
        }
        Ok(Links(links))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Links, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Links(Vec::new()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Links, E> {
        Ok(Links(Vec::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Links, E> {
        Ok(Links(Vec::new()))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Links, E> {
        Ok(Links(Vec::new()))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Links, E> {
        Ok(Links(Vec::new()))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Links, E> {
        Ok(Links(Vec::new()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Links, E> {
        Ok(Links(Vec::new()))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Links, E> {
        Ok(Links(Vec::new()))
    }
}
