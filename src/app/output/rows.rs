//! The one row model every format renders, and [`Render`], the trait each format implements.
//!
//! List-shaped output (many rows under one heading) and record-shaped output (one object's
//! fields, or a map's entries) are built once from images, metadata or records; each format
//! then turns them into text, so adding a format is adding one renderer.

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::escape::cell_line;
use super::spool::Spool;
use crate::app::failure::Result;
use crate::model::{Image, Place, Placed};

/// One output format. List-shaped data is [`begin`](Render::begin), [`row`](Render::row) for
/// each row in output order, then [`finish`](Render::finish); record-shaped data is one
/// [`record`](Render::record) call. Each call appends to `out` what it can already write (a
/// table, which must see every row to size its columns, writes everything at `finish`), so a
/// caller may write `out` away between rows.
pub(super) trait Render {
    /// Before the first row: the columns.
    fn begin(&mut self, headings: &[Heading], out: &mut String) -> Result<()>;
    /// One row, a cell per heading.
    fn row(&mut self, row: &Row<'_>, out: &mut String) -> Result<()>;
    /// After the last row.
    fn finish(&mut self, out: &mut String) -> Result<()>;
    /// After the last row, into a spool: the same as `finish`, for renderers that write a
    /// long ending piece by piece (a streamed table).
    fn finish_into(&mut self, spool: &mut Spool) -> Result<()> {
        let mut out = String::new();
        self.finish(&mut out)?;
        spool.push(&out)
    }
    /// A whole record.
    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()>;
}

/// A column of list-shaped output.
pub(super) struct Heading {
    /// What the header row says.
    pub name: String,
    /// Never wrapped when a table must shrink (IDs are copied and pasted whole).
    pub whole: bool,
}

impl Heading {
    pub fn new(name: &str) -> Self {
        Heading {
            name: name.to_owned(),
            whole: false,
        }
    }
}

/// One value as every format may show it.
pub(super) struct Cell {
    /// The raw value: what value, CSV and shell print (see [`text`]).
    pub value: Value,
    /// The lines a table shows, when that is not the text of `value`; the table escapes and
    /// caps each one, so a line break in server text never starts a line of its own.
    pub shown: Option<Vec<String>>,
    /// The value is an image status, which a table colours.
    pub status: bool,
}

impl Cell {
    /// A cell that every format shows as the text of `value`.
    pub fn new(value: Value) -> Self {
        Cell {
            value,
            shown: None,
            status: false,
        }
    }

    /// A cell that a table shows as these lines.
    pub fn lines(value: Value, lines: Vec<String>) -> Self {
        Cell {
            shown: Some(lines),
            ..Cell::new(value)
        }
    }

    /// What a table shows: each line escaped and capped ([`cell_line`]), then joined by the
    /// line breaks that are the table's own.
    pub fn table_text(&self) -> String {
        match (&self.shown, &self.value) {
            (Some(lines), _) => (lines.iter().map(|l| cell_line(l)))
                .collect::<Vec<_>>()
                .join("\n"),
            // No copy of a long string just to cut it.
            (None, Value::String(s)) => cell_line(s),
            (None, value) => cell_line(&text(value)),
        }
    }
}

/// One row of list-shaped output.
pub(super) struct Row<'a> {
    /// A cell per heading.
    pub cells: Vec<Cell>,
    /// The row as JSON and YAML show it.
    pub doc: Doc<'a>,
}

/// What kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RecordKind {
    /// One object's fields: a table labels them `Field`, CSV is a header row and a row of
    /// values.
    Fields,
    /// A map's entries: a table labels them `Key`, CSV is one `Key,Value` row per entry.
    Entries,
}

/// One field of a record.
pub(super) struct Field {
    /// What a table calls it (`Min Disk`).
    pub name: String,
    /// Its key (`minDisk`): what CSV and shell name it by.
    pub key: String,
    pub cell: Cell,
}

/// Record-shaped output.
pub(super) struct Record<'a> {
    pub kind: RecordKind,
    pub fields: Vec<Field>,
    /// The record as JSON and YAML show it.
    pub doc: Doc<'a>,
}

/// What JSON and YAML serialise.
pub(super) enum Doc<'a> {
    /// A whole image, serialised straight from the model: no JSON tree in between, which
    /// keeps a 10,000-image listing fast and small.
    Image(&'a Image),
    /// An image listed across clouds or regions: its fields, then `cloud` and `region`.
    Placed(Placed<'a>),
    /// Only these keys of an image (maybe placed), in this order (`-c`).
    Selected(&'a Image, Option<&'a Place>, &'a [&'a str]),
    /// Named text fields in this order, null where `None` (prune's plan): an object
    /// written straight from borrowed text, no JSON tree in between.
    Fields(&'a [(&'a str, Option<&'a str>)]),
    /// Anything else.
    Value(Value),
}

impl<'a> Doc<'a> {
    /// The whole image (with where it was found, if it was listed across clouds or
    /// regions), or with `-c` only the selected keys.
    pub fn of_image(
        image: &'a Image,
        place: Option<&'a Place>,
        selected: Option<&'a [&'a str]>,
    ) -> Self {
        match (selected, place) {
            (Some(keys), place) => Doc::Selected(image, place, keys),
            (None, Some(place)) => Doc::Placed(Placed { image, place }),
            (None, None) => Doc::Image(image),
        }
    }
}

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Doc::Image(image) => image.serialize(serializer),
            Doc::Placed(placed) => placed.serialize(serializer),
            Doc::Selected(image, place, keys) => selected(image, *place, keys)
                .map_err(serde::ser::Error::custom)?
                .serialize(serializer),
            Doc::Fields(fields) => serializer.collect_map(fields.iter().copied()),
            Doc::Value(value) => value.serialize(serializer),
        }
    }
}

/// The image as a JSON object with only `keys`, in that order (null where it has none).
pub(super) fn selected(
    image: &Image,
    place: Option<&Place>,
    keys: &[&str],
) -> serde_json::Result<Value> {
    let whole = match place {
        Some(place) => serde_json::to_value(Placed { image, place })?,
        None => serde_json::to_value(image)?,
    };
    Ok(match whole {
        Value::Object(mut map) => Value::Object(
            keys.iter()
                .map(|k| ((*k).to_owned(), map.remove(*k).unwrap_or(Value::Null)))
                .collect(),
        ),
        other => other,
    })
}

/// A raw value as value, CSV and shell output print it: null is empty, strings are
/// themselves, and objects (metadata) and arrays (links) are compact JSON with sorted keys.
pub(super) fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(map) => {
            let mut sorted = map.clone();
            sorted.sort_keys();
            Value::Object(sorted).to_string()
        }
        Value::Array(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_values() {
        assert_eq!(text(&Value::Null), "");
        assert_eq!(text(&serde_json::json!("a b")), "a b");
        assert_eq!(text(&serde_json::json!(12)), "12");
        assert_eq!(
            text(&serde_json::json!({"z": 1, "a": null, "m": "x,\"y\""})),
            r#"{"a":null,"m":"x,\"y\"","z":1}"#
        );
    }
}
