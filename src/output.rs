//! Everything the user sees: the [`Printer`] (the only way the library writes) and the
//! renderers for tables, JSON and YAML. Knows nothing about HTTP or clap parsing.

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table};
use serde_json::{Map, Value};

use crate::cli::Format;
use crate::diag::{Diag, Level};
use crate::error::{Error, Result};
use crate::model::Image;

/// Where output goes: stdout for data, stderr for everything else.
pub struct Printer {
    out: Box<dyn Write>,
    diag: Diag,
    /// stdout is a terminal (tables fit its width).
    pub stdout_tty: bool,
    /// stderr is a terminal (progress may be drawn).
    pub stderr_tty: bool,
}

impl Printer {
    /// The process's stdout and stderr.
    pub fn stdio() -> Self {
        Printer {
            stdout_tty: io::stdout().is_terminal(),
            stderr_tty: io::stderr().is_terminal(),
            out: Box::new(io::BufWriter::new(io::stdout())),
            diag: Diag::new(Box::new(io::stderr()), Level::Normal),
        }
    }

    /// Any pair of writers (tests capture output this way).
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write + Send>) -> Self {
        Printer {
            out,
            diag: Diag::new(err, Level::Normal),
            stdout_tty: false,
            stderr_tty: false,
        }
    }

    /// Writes data to stdout.
    pub fn data(&mut self, bytes: &[u8]) -> Result<()> {
        self.out
            .write_all(bytes)
            .and_then(|()| self.out.flush())
            .map_err(|e| Error::io("cannot write to stdout", e))
    }

    /// Replaces the stderr side (e.g. with the run's `-q`/`-v`/`--debug` level).
    pub fn set_diag(&mut self, diag: Diag) {
        self.diag = diag;
    }

    /// The stderr side: warnings, notices, debug lines, timings.
    pub fn diag(&self) -> &Diag {
        &self.diag
    }

    /// Writes one line to stderr whatever the level (error reports).
    pub fn note(&mut self, line: &str) {
        self.diag.line(line);
    }

    /// `nova-images: warning: ...` on stderr, unless `-q`.
    pub fn warn(&mut self, message: &str) {
        self.diag.warn(message);
    }
}

/// The `--timing` report: every HTTP call, the configuration load and the total, as a table
/// (or JSON when the command's output is JSON).
pub fn timing_report(diag: &Diag, json: bool) -> String {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let calls = diag.timings();
    let phases = diag.phases();
    let total = diag.elapsed();
    if json {
        let value = serde_json::json!({
            "calls": calls.iter().map(|t| serde_json::json!({
                "method": t.method, "url": t.url, "status": t.status,
                "ms": (ms(t.elapsed) * 10.0).round() / 10.0,
            })).collect::<Vec<_>>(),
            "phases": phases.iter().map(|(name, d)| serde_json::json!({
                "name": name, "ms": (ms(*d) * 10.0).round() / 10.0,
            })).collect::<Vec<_>>(),
            "total_ms": (ms(total) * 10.0).round() / 10.0,
        });
        return value.to_string();
    }
    let mut table = new_table(false);
    table.set_header(["Method", "URL", "Status", "ms"]);
    for t in &calls {
        table.add_row([
            t.method.clone(),
            t.url.clone(),
            t.status.map_or_else(|| "-".into(), |s| s.to_string()),
            format!("{:.1}", ms(t.elapsed)),
        ]);
    }
    for (name, d) in &phases {
        table.add_row([
            String::new(),
            name.clone(),
            String::new(),
            format!("{:.1}", ms(*d)),
        ]);
    }
    table.add_row([
        String::new(),
        "total".into(),
        String::new(),
        format!("{:.1}", ms(total)),
    ]);
    table.to_string()
}

/// A column of the list table, and the key it selects in JSON/YAML.
struct Column {
    header: &'static str,
    key: &'static str,
    cell: fn(&Image) -> String,
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

const COLUMNS: &[Column] = &[
    Column {
        header: "ID",
        key: "id",
        cell: |i| i.id.clone(),
    },
    Column {
        header: "Name",
        key: "name",
        cell: |i| opt(&i.name),
    },
    Column {
        header: "Status",
        key: "status",
        cell: |i| i.status.clone(),
    },
    Column {
        header: "Progress",
        key: "progress",
        cell: |i| i.progress.to_string(),
    },
    Column {
        header: "Min Disk",
        key: "minDisk",
        cell: |i| i.min_disk.to_string(),
    },
    Column {
        header: "Min RAM",
        key: "minRam",
        cell: |i| i.min_ram.to_string(),
    },
    Column {
        header: "Size",
        key: "OS-EXT-IMG-SIZE:size",
        cell: |i| i.size.map(|s| s.to_string()).unwrap_or_default(),
    },
    Column {
        header: "Created",
        key: "created",
        cell: |i| opt(&i.created),
    },
    Column {
        header: "Updated",
        key: "updated",
        cell: |i| opt(&i.updated),
    },
    Column {
        header: "Metadata",
        key: "metadata",
        cell: |i| metadata_lines(&i.metadata),
    },
    Column {
        header: "Server",
        key: "server",
        cell: |i| i.server_id().unwrap_or_default().to_owned(),
    },
    Column {
        header: "Disk Config",
        key: "OS-DCF:diskConfig",
        cell: |i| opt(&i.disk_config),
    },
    Column {
        header: "Links",
        key: "links",
        cell: |i| {
            i.links
                .iter()
                .map(|l| format!("{}: {}", l.rel, l.href))
                .collect::<Vec<_>>()
                .join("\n")
        },
    },
];

/// Default list columns, and those `--long` adds.
const LIST_COLUMNS: usize = 3;
const LONG_COLUMNS: usize = 9;
/// `show` table rows: everything but the links; Server and Disk Config only when set.
const SHOW_COLUMNS: usize = 12;

/// `min_disk`, `Min Disk` and `minDisk` all name the same column.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What to render and how.
#[derive(Debug, Clone)]
pub struct OutputOpts {
    /// Output format.
    pub format: Format,
    /// `-c` selections, as typed.
    pub columns: Vec<String>,
    /// `--long` (list only).
    pub long: bool,
}

/// Resolves `-c` names to columns; an unknown name is a usage error listing the valid ones.
fn select(names: &[String], default: &[Column]) -> Result<Vec<&'static Column>> {
    if names.is_empty() {
        return Ok(COLUMNS
            .iter()
            .filter(|c| default.iter().any(|d| d.key == c.key))
            .collect());
    }
    names
        .iter()
        .map(|name| {
            let wanted = normalise(name);
            COLUMNS
                .iter()
                .find(|c| normalise(c.header) == wanted || normalise(c.key) == wanted)
                .ok_or_else(|| {
                    Error::usage(
                        format!("unknown column {name:?}"),
                        Some(format!(
                            "valid columns: {}",
                            COLUMNS
                                .iter()
                                .map(|c| c.header)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    )
                })
        })
        .collect()
}

/// Checks `-c` names before any request is made.
pub fn check_columns(names: &[String]) -> Result<()> {
    select(names, &COLUMNS[..LIST_COLUMNS]).map(drop)
}

/// The image as a JSON object; with `-c`, only the selected keys, in `-c` order.
fn image_value(image: &Image, columns: Option<&[&Column]>) -> Result<Value> {
    let full = serde_json::to_value(image)
        .map_err(|e| Error::io("cannot encode image as JSON", io::Error::other(e)))?;
    Ok(match (columns, full) {
        (Some(columns), Value::Object(mut map)) => Value::Object(
            columns
                .iter()
                .map(|c| (c.key.to_owned(), map.remove(c.key).unwrap_or(Value::Null)))
                .collect::<Map<_, _>>(),
        ),
        (_, full) => full,
    })
}

fn serialise(value: &Value, format: Format) -> Result<String> {
    let encode_err = |e: String| Error::io("cannot encode output", io::Error::other(e));
    match format {
        Format::Json => serde_json::to_string_pretty(value)
            .map(|s| s + "\n")
            .map_err(|e| encode_err(e.to_string())),
        Format::Yaml => serde_yaml::to_string(value).map_err(|e| encode_err(e.to_string())),
        Format::Table => Ok(String::new()),
    }
}

/// Renders a list of images.
pub fn render_list(images: &[Image], opts: &OutputOpts, tty: bool) -> Result<String> {
    let defaults = if opts.long {
        &COLUMNS[..LONG_COLUMNS]
    } else {
        &COLUMNS[..LIST_COLUMNS]
    };
    let columns = select(&opts.columns, defaults)?;
    match opts.format {
        Format::Table => {
            if images.is_empty() {
                return Ok(String::new());
            }
            let mut table = new_table(tty);
            table.set_header(columns.iter().map(|c| c.header));
            for image in images {
                table.add_row(columns.iter().map(|c| sanitise(&(c.cell)(image))));
            }
            Ok(format!("{table}\n"))
        }
        format => {
            let selection = (!opts.columns.is_empty()).then_some(columns.as_slice());
            let values = images
                .iter()
                .map(|i| image_value(i, selection))
                .collect::<Result<Vec<_>>>()?;
            serialise(&Value::Array(values), format)
        }
    }
}

/// Renders one image.
pub fn render_show(image: &Image, opts: &OutputOpts, tty: bool) -> Result<String> {
    let columns = select(&opts.columns, &COLUMNS[..SHOW_COLUMNS])?;
    match opts.format {
        Format::Table => {
            let mut table = new_table(tty);
            table.set_header(["Field", "Value"]);
            for c in columns {
                let optional = matches!(c.key, "server" | "OS-DCF:diskConfig");
                let value = (c.cell)(image);
                if optional && opts.columns.is_empty() && value.is_empty() {
                    continue;
                }
                table.add_row([c.header.to_owned(), sanitise(&value)]);
            }
            Ok(format!("{table}\n"))
        }
        format => {
            let selection = (!opts.columns.is_empty()).then_some(columns.as_slice());
            serialise(&image_value(image, selection)?, format)
        }
    }
}

/// An ASCII table in cliff's style; piped output never wraps, so it is byte-for-byte stable.
fn new_table(tty: bool) -> Table {
    let mut table = Table::new();
    table.load_preset("||--+-++|    ++++++");
    table.set_content_arrangement(if tty {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    table
}

/// `key=value` lines, sorted by key; non-string values as JSON.
fn metadata_lines(metadata: &Value) -> String {
    let Value::Object(map) = metadata else {
        return match metadata {
            Value::Null => String::new(),
            other => other.to_string(),
        };
    };
    let mut lines: Vec<String> = map
        .iter()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={}", escape_controls(s)),
            other => format!("{k}={other}"),
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// Control characters (ESC, CR, ...) would let a hostile name drive the terminal: escape them.
fn escape_controls(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Escapes control characters but keeps the newlines a cell uses to separate its lines.
fn sanitise(cell: &str) -> String {
    cell.split('\n')
        .map(escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, name: Option<&str>) -> Image {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "status": "ACTIVE", "progress": 100, "minDisk": 1,
            "minRam": 64, "OS-EXT-IMG-SIZE:size": 1024, "created": "2024-01-01T00:00:00Z",
            "updated": null, "metadata": {"b": "2", "a": null}, "links": []
        }))
        .unwrap()
    }

    fn opts(format: Format, columns: &[&str]) -> OutputOpts {
        OutputOpts {
            format,
            columns: columns.iter().map(|s| s.to_string()).collect(),
            long: false,
        }
    }

    #[test]
    fn list_table_is_cliff_style() {
        let out = render_list(
            &[image("1", Some("cirros")), image("2", None)],
            &opts(Format::Table, &[]),
            false,
        )
        .unwrap();
        assert_eq!(
            out,
            "+----+--------+--------+\n\
             | ID | Name   | Status |\n\
             +----+--------+--------+\n\
             | 1  | cirros | ACTIVE |\n\
             | 2  |        | ACTIVE |\n\
             +----+--------+--------+\n"
        );
    }

    #[test]
    fn columns_match_loosely_and_select_json_keys() {
        let out = render_list(
            &[image("1", Some("x"))],
            &opts(Format::Json, &["ID", "min_disk", "Min RAM", "size"]),
            false,
        )
        .unwrap();
        assert_eq!(
            out,
            "[\n  {\n    \"id\": \"1\",\n    \"minDisk\": 1,\n    \"minRam\": 64,\n    \"OS-EXT-IMG-SIZE:size\": 1024\n  }\n]\n"
        );
        let err = render_list(&[], &opts(Format::Json, &["nope"]), false).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.hint()
                .unwrap()
                .starts_with("valid columns: ID, Name, Status")
        );
    }

    #[test]
    fn empty_list_is_an_empty_array_or_nothing() {
        assert_eq!(
            render_list(&[], &opts(Format::Json, &[]), false).unwrap(),
            "[]\n"
        );
        assert_eq!(
            render_list(&[], &opts(Format::Yaml, &[]), false).unwrap(),
            "[]\n"
        );
        assert_eq!(
            render_list(&[], &opts(Format::Table, &[]), false).unwrap(),
            ""
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let out = render_list(
            &[image("1", Some("evil\u{1b}[2J\r\nname"))],
            &opts(Format::Table, &["name"]),
            false,
        )
        .unwrap();
        assert!(out.contains("evil\\u{1b}[2J\\r"), "{out}");
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn show_table_lists_metadata_sorted() {
        let out = render_show(
            &image("1", Some("x")),
            &opts(Format::Table, &["id", "metadata"]),
            false,
        )
        .unwrap();
        assert_eq!(
            out,
            "+----------+--------+\n\
             | Field    | Value  |\n\
             +----------+--------+\n\
             | ID       | 1      |\n\
             | Metadata | a=null |\n\
             |          | b=2    |\n\
             +----------+--------+\n"
        );
    }
}
