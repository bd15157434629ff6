//! The image columns: each one's table header, JSON key and value, and the default column
//! sets (`list`, `list --long`, `show`) it belongs to; `-c` and `--sort-column` name them.

use serde_json::Value;

use super::rows::{Cell, Heading};
use crate::app::failure::{Failure, Result};
use crate::model::{Image, Place};

/// A default column set: the columns shown when `-c` is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ColumnSet {
    /// `list`.
    List,
    /// `list --long`.
    Long,
    /// `show`.
    Show,
}

use ColumnSet::{List, Long, Show};

/// A column: its table header, the key it selects in JSON/YAML, and its value.
pub(super) struct Column {
    pub header: &'static str,
    pub key: &'static str,
    /// The raw value: what value, CSV and shell print (see [`text`](super::rows::text)) and what sorting compares.
    pub field: fn(&Image) -> Value,
    /// The lines a table shows, when that is not just the text of `field` (the table escapes
    /// and caps each); the flag says stdout is a terminal, where people get niceties.
    table: Option<fn(&Image, bool) -> Vec<String>>,
    /// The default sets it is in.
    sets: &'static [ColumnSet],
    /// Without `-c`, `show` has this row only when the image has a value for it.
    pub only_when_set: bool,
}

fn string(v: &Option<String>) -> Value {
    v.clone().map_or(Value::Null, Value::String)
}

/// Cloud and Region: first, and only, when a listing spans several clouds or regions.
pub(super) const TARGET_HEADINGS: [(&str, &str); 2] = [("Cloud", "cloud"), ("Region", "region")];

/// The Cloud and Region cells of an image found at `place`.
pub(super) fn place_cells(place: Option<&Place>) -> [Cell; 2] {
    let cloud = place.map_or(Value::Null, |p| Value::String(p.cloud.clone()));
    let region = place
        .and_then(|p| p.region.clone())
        .map_or(Value::Null, Value::String);
    [Cell::new(cloud), Cell::new(region)]
}

/// Every column, in the order default sets show them and `valid columns:` lists them.
pub(super) const COLUMNS: &[Column] = &[
    Column {
        header: "ID",
        key: "id",
        field: |i| Value::String(i.id.clone()),
        table: None,
        sets: &[List, Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Name",
        key: "name",
        field: |i| string(&i.name),
        table: None,
        sets: &[List, Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Status",
        key: "status",
        field: |i| Value::String(i.status.clone()),
        table: None,
        sets: &[List, Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Progress",
        key: "progress",
        field: |i| Value::from(i.progress),
        table: None,
        sets: &[Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Min Disk",
        key: "minDisk",
        field: |i| Value::from(i.min_disk),
        table: None,
        sets: &[Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Min RAM",
        key: "minRam",
        field: |i| Value::from(i.min_ram),
        table: None,
        sets: &[Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Size",
        key: "OS-EXT-IMG-SIZE:size",
        field: |i| i.size.map_or(Value::Null, Value::from),
        table: Some(|i, human| {
            vec![match i.size {
                Some(bytes) if human => human_size(bytes),
                Some(bytes) => bytes.to_string(),
                None => String::new(),
            }]
        }),
        sets: &[Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Created",
        key: "created",
        field: |i| string(&i.created),
        table: None,
        sets: &[Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Updated",
        key: "updated",
        field: |i| string(&i.updated),
        table: None,
        sets: &[Long, Show],
        only_when_set: false,
    },
    Column {
        header: "Metadata",
        key: "metadata",
        field: |i| i.metadata.clone(),
        table: Some(|i, _| metadata_lines(&i.metadata)),
        sets: &[Show],
        only_when_set: false,
    },
    Column {
        header: "Server",
        key: "server",
        field: |i| i.server_id().map_or(Value::Null, Value::from),
        table: None,
        sets: &[Show],
        only_when_set: true,
    },
    Column {
        header: "Disk Config",
        key: "OS-DCF:diskConfig",
        field: |i| string(&i.disk_config),
        table: None,
        sets: &[Show],
        only_when_set: true,
    },
    Column {
        header: "Links",
        key: "links",
        field: |i| serde_json::to_value(&i.links).unwrap_or(Value::Null),
        table: Some(|i, _| {
            (i.links.iter())
                .map(|l| format!("{}: {}", l.rel, l.href))
                .collect()
        }),
        sets: &[],
        only_when_set: false,
    },
];

impl Column {
    /// The image's cell in this column; `human` (stdout is a terminal) asks for niceties.
    pub fn cell(&self, image: &Image, human: bool) -> Cell {
        Cell {
            value: (self.field)(image),
            shown: self.table.map(|render| render(image, human)),
            status: self.key == "status",
        }
    }

    /// Its heading in a list. IDs are copied and pasted whole: when a table must shrink,
    /// other columns wrap.
    pub fn heading(&self) -> Heading {
        Heading {
            name: self.header.to_owned(),
            whole: self.key == "id",
        }
    }
}

/// Resolves `-c` names to columns; an unknown name is a usage error listing the valid ones.
/// Without names, the columns of the `default` set (none without one).
pub(super) fn select(names: &[String], default: Option<ColumnSet>) -> Result<Vec<&'static Column>> {
    if names.is_empty() {
        return Ok(COLUMNS
            .iter()
            .filter(|c| default.is_some_and(|set| c.sets.contains(&set)))
            .collect());
    }
    names.iter().map(|name| find(name)).collect()
}

fn find(name: &str) -> Result<&'static Column> {
    let wanted = normalise(name);
    COLUMNS
        .iter()
        .find(|c| normalise(c.header) == wanted || normalise(c.key) == wanted)
        .ok_or_else(|| {
            let valid: Vec<&str> = COLUMNS.iter().map(|c| c.header).collect();
            Failure::usage(
                format!("unknown column {name:?}"),
                Some(format!("valid columns: {}", valid.join(", "))),
            )
        })
}

/// `min_disk`, `Min Disk` and `minDisk` all name the same column.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `1.2 GiB`: binary units with one decimal, for people only.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// `key=value` lines, sorted by key; non-string values as JSON. A line break in a key or
/// value stays inside its line: the table escapes it.
fn metadata_lines(metadata: &Value) -> Vec<String> {
    let Value::Object(map) = metadata else {
        return match metadata {
            Value::Null => Vec::new(),
            other => vec![other.to_string()],
        };
    };
    let mut lines: Vec<String> = map
        .iter()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect();
    lines.sort();
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_sets_are_the_documented_columns() {
        let headers = |set| -> Vec<&str> {
            let columns = select(&[], Some(set)).unwrap();
            columns.iter().map(|c| c.header).collect()
        };
        assert_eq!(headers(List), ["ID", "Name", "Status"]);
        assert_eq!(
            headers(Long),
            [
                "ID", "Name", "Status", "Progress", "Min Disk", "Min RAM", "Size", "Created",
                "Updated"
            ]
        );
        assert_eq!(headers(Show).len(), 12);
        assert_eq!(headers(Show)[11], "Disk Config");
        assert!(select(&[], None).unwrap().is_empty());
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KiB");
        assert_eq!(human_size(12_716_032), "12.1 MiB");
        assert_eq!(human_size(1_288_490_189), "1.2 GiB");
    }
}
