//! Everything the user sees: the [`Printer`] (the only way the library writes) and the
//! renderers for table, JSON, YAML, value, CSV and shell output. Knows nothing about HTTP or
//! the command line's structs (the formats derive clap's `ValueEnum` to name themselves).

use std::cmp::Ordering;
use std::io;

use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Image, Metadata};

mod printer;
mod timing;

pub use printer::{Printer, Terminal};
pub use timing::timing_report;

/// A column: its table header, the key it selects in JSON/YAML, and its value.
struct Column {
    header: &'static str,
    key: &'static str,
    /// The raw value: what value, CSV and shell print (see [`text`]) and what sorting compares.
    field: fn(&Image) -> Value,
    /// How a table shows it, when that is not just the text of `field`; the flag says stdout
    /// is a terminal, where people get niceties.
    table: Option<fn(&Image, bool) -> String>,
}

fn string(v: &Option<String>) -> Value {
    v.clone().map_or(Value::Null, Value::String)
}

const COLUMNS: &[Column] = &[
    Column {
        header: "ID",
        key: "id",
        field: |i| Value::String(i.id.clone()),
        table: None,
    },
    Column {
        header: "Name",
        key: "name",
        field: |i| string(&i.name),
        table: None,
    },
    Column {
        header: "Status",
        key: "status",
        field: |i| Value::String(i.status.clone()),
        table: None,
    },
    Column {
        header: "Progress",
        key: "progress",
        field: |i| Value::from(i.progress),
        table: None,
    },
    Column {
        header: "Min Disk",
        key: "minDisk",
        field: |i| Value::from(i.min_disk),
        table: None,
    },
    Column {
        header: "Min RAM",
        key: "minRam",
        field: |i| Value::from(i.min_ram),
        table: None,
    },
    Column {
        header: "Size",
        key: "OS-EXT-IMG-SIZE:size",
        field: |i| i.size.map_or(Value::Null, Value::from),
        table: Some(|i, human| match i.size {
            Some(bytes) if human => human_size(bytes),
            Some(bytes) => bytes.to_string(),
            None => String::new(),
        }),
    },
    Column {
        header: "Created",
        key: "created",
        field: |i| string(&i.created),
        table: None,
    },
    Column {
        header: "Updated",
        key: "updated",
        field: |i| string(&i.updated),
        table: None,
    },
    Column {
        header: "Metadata",
        key: "metadata",
        field: |i| i.metadata.clone(),
        table: Some(|i, _| metadata_lines(&i.metadata)),
    },
    Column {
        header: "Server",
        key: "server",
        field: |i| i.server_id().map_or(Value::Null, Value::from),
        table: None,
    },
    Column {
        header: "Disk Config",
        key: "OS-DCF:diskConfig",
        field: |i| string(&i.disk_config),
        table: None,
    },
    Column {
        header: "Links",
        key: "links",
        field: |i| serde_json::to_value(&i.links).unwrap_or(Value::Null),
        table: Some(|i, _| {
            i.links
                .iter()
                .map(|l| format!("{}: {}", l.rel, l.href))
                .collect::<Vec<_>>()
                .join("\n")
        }),
    },
];

/// Default list columns, and those `--long` adds.
const LIST_COLUMNS: usize = 3;
const LONG_COLUMNS: usize = 9;
/// `show` rows: everything but the links; Server and Disk Config only when set.
const SHOW_COLUMNS: usize = 12;

impl Column {
    /// The cell a table shows, control characters escaped.
    fn table_cell(&self, image: &Image, human: bool) -> String {
        let raw = match self.table {
            Some(render) => render(image, human),
            None => text(&(self.field)(image)),
        };
        sanitise(&raw)
    }

    /// Server and Disk Config rows of `show` appear only when the image has them.
    fn optional(&self) -> bool {
        matches!(self.key, "server" | "OS-DCF:diskConfig")
    }
}

/// A raw value as value, CSV and shell output print it: null is empty, strings are
/// themselves, and objects (metadata) and arrays (links) are compact JSON with sorted keys.
fn text(value: &Value) -> String {
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

/// `min_disk`, `Min Disk` and `minDisk` all name the same column.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people
    Table,
    /// JSON: an array for list, an object for show
    Json,
    /// YAML: a sequence for list, a mapping for show
    Yaml,
    /// The fields separated by a space, one image per line (show: one field per line), no header
    Value,
    /// CSV (RFC 4180) with a header row; see --quote
    Csv,
    /// NAME='value' lines for the shell's eval (show only); see --prefix
    Shell,
}

/// Formats of the configuration commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    /// A table for people
    Table,
    /// JSON
    Json,
    /// YAML
    Yaml,
}

/// When CSV fields are quoted (Python's csv quoting modes, as in cliff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Quote {
    /// Every field
    All,
    /// Only fields holding a comma, a double quote or a line break
    Minimal,
    /// Every field that is not a number
    Nonnumeric,
    /// No field; commas, quotes, backslashes and line breaks get a backslash before them
    None,
}

/// What to render and how; the command line's options convert into it (`cli::convert`).
#[derive(Debug, Clone)]
pub struct OutputOpts {
    /// Output format.
    pub format: Format,
    /// `-c` selections, as typed.
    pub columns: Vec<String>,
    /// `--long` (list only).
    pub long: bool,
    /// `--sort-column` names, as typed; the first is the primary key (list only).
    pub sort_columns: Vec<String>,
    /// `--sort-descending` (list only).
    pub descending: bool,
    /// `--noindent`: JSON on one line.
    pub noindent: bool,
    /// `--quote`: when CSV fields are quoted.
    pub quote: Quote,
    /// `--prefix` for shell variable names (show only).
    pub prefix: String,
    /// `--max-width`: table width; below 1 means none.
    pub max_width: i64,
    /// `--fit-width`: fit tables to the terminal even when stdout is piped.
    pub fit_width: bool,
    /// `--print-empty`: an empty list still prints the table header.
    pub print_empty: bool,
}

impl OutputOpts {
    /// Defaults for `format`: default columns, no sorting, tables as wide as their content.
    pub fn new(format: Format) -> Self {
        OutputOpts {
            format,
            columns: Vec::new(),
            long: false,
            sort_columns: Vec::new(),
            descending: false,
            noindent: false,
            quote: Quote::Nonnumeric,
            prefix: String::new(),
            max_width: 0,
            fit_width: false,
            print_empty: false,
        }
    }

    /// Checks every `-c` and `--sort-column` name, before any request is made.
    pub fn check_columns(&self) -> Result<()> {
        select(&self.columns, &[])?;
        select(&self.sort_columns, &[])?;
        Ok(())
    }
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

fn serialise<T: serde::Serialize + ?Sized>(value: &T, opts: &OutputOpts) -> Result<String> {
    let encode_err = |e: String| Error::io("cannot encode output", io::Error::other(e));
    match opts.format {
        Format::Json if opts.noindent => serde_json::to_string(value)
            .map(|s| s + "\n")
            .map_err(|e| encode_err(e.to_string())),
        Format::Json => serde_json::to_string_pretty(value)
            .map(|s| s + "\n")
            .map_err(|e| encode_err(e.to_string())),
        _ => serde_yaml::to_string(value).map_err(|e| encode_err(e.to_string())),
    }
}

/// Sorts by the `--sort-column` keys in turn; ties keep the server's order.
fn sorted<'a>(images: &'a [Image], keys: &[&Column], descending: bool) -> Vec<&'a Image> {
    // Each key is computed once, not once per comparison.
    let mut rows: Vec<(Vec<Value>, &Image)> = images
        .iter()
        .map(|i| (keys.iter().map(|c| (c.field)(i)).collect(), i))
        .collect();
    rows.sort_by(|(a, _), (b, _)| {
        a.iter()
            .zip(b)
            .map(|(a, b)| compare_for_sort(a, b, descending))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    rows.into_iter().map(|(_, i)| i).collect()
}

/// Null (an absent value) sorts last in either direction; the direction orders the rest.
fn compare_for_sort(a: &Value, b: &Value, descending: bool) -> Ordering {
    match (a.is_null(), b.is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) if descending => compare_values(a, b).reverse(),
        (false, false) => compare_values(a, b),
    }
}

/// Numbers numerically, strings by code point; values of different kinds by kind.
fn compare_values(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            Value::Array(_) | Value::Object(_) => 4,
        }
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_u64(), y.as_u64()) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => {
                let f = |n: &serde_json::Number| n.as_f64().unwrap_or(0.0);
                f(x).total_cmp(&f(y))
            }
        },
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ if rank(a) == rank(b) => text(a).cmp(&text(b)),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Renders a list of images.
pub fn render_list(images: &[Image], opts: &OutputOpts, term: &Terminal) -> Result<String> {
    let defaults = if opts.long {
        &COLUMNS[..LONG_COLUMNS]
    } else {
        &COLUMNS[..LIST_COLUMNS]
    };
    let columns = select(&opts.columns, defaults)?;
    let keys = select(&opts.sort_columns, &[])?;
    let images = sorted(images, &keys, opts.descending);
    match opts.format {
        Format::Table => {
            if images.is_empty() && !opts.print_empty {
                return Ok(String::new());
            }
            let mut table = new_table(opts, term);
            table.set_header(columns.iter().map(|c| header_cell(c.header, term)));
            for image in images {
                table.add_row(columns.iter().map(|c| {
                    let cell = Cell::new(c.table_cell(image, term.tty));
                    match c.key {
                        "status" => status_colour(cell, &image.status, term),
                        _ => cell,
                    }
                }));
            }
            // IDs are copied and pasted whole: when the table must shrink, other columns wrap.
            for (index, column) in columns.iter().enumerate() {
                if let (true, Some(id)) = (column.key == "id", table.column_mut(index)) {
                    id.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
            Ok(format!("{table}\n"))
        }
        // Whole images are serialised straight from the model: no JSON tree in between,
        // which keeps a 10,000-image listing fast and small.
        Format::Json | Format::Yaml if opts.columns.is_empty() => serialise(&images, opts),
        Format::Json | Format::Yaml => {
            let values = images
                .iter()
                .map(|i| image_value(i, Some(&columns)))
                .collect::<Result<Vec<_>>>()?;
            serialise(&values, opts)
        }
        Format::Value => Ok(images
            .iter()
            .map(|i| {
                let fields: Vec<String> = columns.iter().map(|c| text(&(c.field)(i))).collect();
                fields.join(" ") + "\n"
            })
            .collect()),
        Format::Csv => {
            let mut out = csv_row(
                columns.iter().map(|c| (c.header.to_owned(), false)),
                opts.quote,
            );
            for image in images {
                out += &csv_row(
                    columns.iter().map(|c| csv_cell(&(c.field)(image))),
                    opts.quote,
                );
            }
            Ok(out)
        }
        Format::Shell => Err(Error::usage(
            "-f shell describes one image: use it with show",
            Some("for lists use -f value, -f csv or -f json".into()),
        )),
    }
}

/// Renders one image.
pub fn render_show(image: &Image, opts: &OutputOpts, term: &Terminal) -> Result<String> {
    let columns = select(&opts.columns, &COLUMNS[..SHOW_COLUMNS])?;
    // Without -c, Server and Disk Config appear only when the image has them.
    let rows: Vec<&Column> = columns
        .into_iter()
        .filter(|c| !(opts.columns.is_empty() && c.optional() && (c.field)(image).is_null()))
        .collect();
    match opts.format {
        Format::Table => {
            let mut table = new_table(opts, term);
            table.set_header([header_cell("Field", term), header_cell("Value", term)]);
            for c in rows {
                let cell = Cell::new(c.table_cell(image, term.tty));
                let cell = match c.key {
                    "status" => status_colour(cell, &image.status, term),
                    _ => cell,
                };
                table.add_row([Cell::new(c.header), cell]);
            }
            Ok(format!("{table}\n"))
        }
        Format::Json | Format::Yaml => {
            let selection = (!opts.columns.is_empty()).then_some(rows.as_slice());
            serialise(&image_value(image, selection)?, opts)
        }
        Format::Value => Ok(rows
            .iter()
            .map(|c| text(&(c.field)(image)) + "\n")
            .collect()),
        Format::Csv => {
            Ok(csv_row(
                rows.iter().map(|c| (c.header.to_owned(), false)),
                opts.quote,
            ) + &csv_row(rows.iter().map(|c| csv_cell(&(c.field)(image))), opts.quote))
        }
        Format::Shell => Ok(rows
            .iter()
            .map(|c| {
                format!(
                    "{}{}={}\n",
                    opts.prefix,
                    shell_name(c.key),
                    shell_quote(&text(&(c.field)(image)))
                )
            })
            .collect()),
    }
}

/// Renders an image's metadata, a key/value map, in key order. Apart from the image
/// renderers: `table` is Key/Value rows, `json`/`yaml` the object, `value` the values alone
/// (one per line), `csv` the Key/Value rows and `shell` one `KEY='value'` line per key.
pub fn render_map(map: &Metadata, opts: &OutputOpts, term: &Terminal) -> Result<String> {
    match opts.format {
        Format::Table => {
            let mut table = new_table(opts, term);
            table.set_header([header_cell("Key", term), header_cell("Value", term)]);
            for (key, value) in map {
                let shown = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                table.add_row([sanitise(key), sanitise(&shown)]);
            }
            Ok(format!("{table}\n"))
        }
        Format::Json | Format::Yaml => {
            let object: Map<String, Value> =
                map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            serialise(&Value::Object(object), opts)
        }
        Format::Value => Ok(map.values().map(|v| text(v) + "\n").collect()),
        Format::Csv => {
            let mut out = csv_row(
                [("Key".to_owned(), false), ("Value".to_owned(), false)].into_iter(),
                opts.quote,
            );
            for (key, value) in map {
                out += &csv_row(
                    [(key.clone(), false), csv_cell(value)].into_iter(),
                    opts.quote,
                );
            }
            Ok(out)
        }
        Format::Shell => Ok(map
            .iter()
            .map(|(key, value)| {
                let name = shell_name(key);
                let name = if name.is_empty() { "_".into() } else { name };
                format!("{}{name}={}\n", opts.prefix, shell_quote(&text(value)))
            })
            .collect()),
    }
}

/// The width a table must fit, if any: `--max-width` first, then the terminal's; piped
/// output is never wrapped unless `--fit-width` asks for the (stderr) terminal's width.
fn table_width(term: &Terminal, max_width: i64, fit_width: bool) -> Option<u16> {
    if max_width > 0 {
        return Some(u16::try_from(max_width).unwrap_or(u16::MAX));
    }
    if term.tty {
        return term.width;
    }
    if fit_width { term.stderr_width } else { None }
}

/// An ASCII table in cliff's style. Styling and width follow [`Terminal`] alone (never
/// comfy-table's own detection), so piped output is byte-for-byte stable.
/// An ASCII table in cliff's style that never wraps and is never styled.
fn plain_table() -> Table {
    let mut table = Table::new();
    table.load_preset("||--+-++|    ++++++");
    table.force_no_tty();
    table.set_content_arrangement(ContentArrangement::Disabled);
    table
}

fn new_table(opts: &OutputOpts, term: &Terminal) -> Table {
    let mut table = plain_table();
    if term.colour {
        table.enforce_styling().style_text_only();
    }
    match table_width(term, opts.max_width, opts.fit_width) {
        Some(width) => {
            table
                .set_width(width)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

fn header_cell(text: &str, term: &Terminal) -> Cell {
    let cell = Cell::new(text);
    if term.colour {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// ACTIVE green, SAVING yellow, ERROR red; only where colour is wanted.
fn status_colour(cell: Cell, status: &str, term: &Terminal) -> Cell {
    if !term.colour {
        return cell;
    }
    match status {
        "ACTIVE" => cell.fg(Color::Green),
        "SAVING" => cell.fg(Color::Yellow),
        "ERROR" => cell.fg(Color::Red),
        _ => cell,
    }
}

/// A CSV cell: its text and whether it is a number (left unquoted by `--quote nonnumeric`).
fn csv_cell(value: &Value) -> (String, bool) {
    (text(value), value.is_number())
}

/// One CSV record (RFC 4180, `\n`-terminated as cliff on Unix), quoted as Python's csv
/// module does for each `--quote` mode.
fn csv_row(cells: impl Iterator<Item = (String, bool)>, quote: Quote) -> String {
    let cells: Vec<(String, bool)> = cells.collect();
    // Python quotes a lone empty field so the record is not mistaken for a blank line.
    let lone_empty = cells.len() == 1 && cells[0].0.is_empty();
    let fields: Vec<String> = cells
        .iter()
        .map(|(cell, numeric)| {
            let needs_quotes = cell.contains([',', '"', '\r', '\n']);
            match quote {
                Quote::All => csv_quote(cell),
                Quote::Nonnumeric if !numeric => csv_quote(cell),
                Quote::Minimal if needs_quotes || lone_empty => csv_quote(cell),
                Quote::None => csv_escape(cell),
                _ => cell.clone(),
            }
        })
        .collect();
    fields.join(",") + "\n"
}

/// `"..."` with inner quotes doubled (RFC 4180).
fn csv_quote(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

/// `--quote none`: nothing is quoted, so the delimiter, quotes, backslashes and line breaks
/// are preceded by a backslash (Python's csv with cliff's `escapechar='\\'`).
fn csv_escape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        if matches!(c, ',' | '"' | '\\' | '\r' | '\n') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A column key as a shell variable name: camelCase split with `_`, lower case, every run
/// of other characters one `_` (`minDisk` → `min_disk`, `OS-EXT-IMG-SIZE:size` →
/// `os_ext_img_size_size`).
fn shell_name(key: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in key.chars() {
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
        if (boundary || !c.is_ascii_alphanumeric()) && !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        prev = Some(c);
    }
    let trimmed = out.trim_end_matches('_');
    if trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{trimmed}")
    } else {
        trimmed.to_owned()
    }
}

/// POSIX single quotes: nothing inside is special to the shell, and a `'` becomes `'\''`
/// (close, escaped quote, reopen), so `eval` of the result only ever assigns.
fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
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
            Value::String(s) => format!("{}={}", escape_controls(k), escape_controls(s)),
            other => format!("{}={other}", escape_controls(k)),
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

/// Renders named fields (`config show`, `config clouds`) as a Field/Value table, a JSON
/// object or a YAML mapping. In tables, objects become sorted `key=value` lines and null an
/// empty cell.
pub fn render_record(fields: &Map<String, Value>, format: RecordFormat) -> Result<String> {
    render_value(&Value::Object(fields.clone()), format, || {
        let mut table = plain_table();
        table.set_header(["Field", "Value"]);
        for (k, v) in fields {
            table.add_row([k.clone(), sanitise(&record_cell(v))]);
        }
        table
    })
}

/// Renders rows of named fields as a table with those headers, a JSON array or a YAML
/// sequence.
pub fn render_rows(
    headers: &[&str],
    rows: &[Map<String, Value>],
    format: RecordFormat,
) -> Result<String> {
    let array = Value::Array(rows.iter().cloned().map(Value::Object).collect());
    render_value(&array, format, || {
        let mut table = plain_table();
        table.set_header(headers.iter().copied());
        for row in rows {
            table.add_row(row.values().map(|v| sanitise(&record_cell(v))));
        }
        table
    })
}

fn render_value(
    value: &Value,
    format: RecordFormat,
    table: impl FnOnce() -> Table,
) -> Result<String> {
    let encode_err = |e: String| Error::io("cannot encode output", io::Error::other(e));
    match format {
        RecordFormat::Table => Ok(format!("{}\n", table())),
        RecordFormat::Json => serde_json::to_string_pretty(value)
            .map(|s| s + "\n")
            .map_err(|e| encode_err(e.to_string())),
        RecordFormat::Yaml => serde_yaml::to_string(value).map_err(|e| encode_err(e.to_string())),
    }
}

fn record_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Object(map) => {
            let mut lines: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}={}", record_cell(v)))
                .collect();
            lines.sort();
            lines.join("\n")
        }
        other => other.to_string(),
    }
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
            columns: columns.iter().map(|s| s.to_string()).collect(),
            ..OutputOpts::new(format)
        }
    }

    const PIPE: Terminal = Terminal {
        tty: false,
        width: None,
        stderr_width: None,
        colour: false,
    };

    #[test]
    fn list_table_is_cliff_style() {
        let out = render_list(
            &[image("1", Some("cirros")), image("2", None)],
            &opts(Format::Table, &[]),
            &PIPE,
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
            &PIPE,
        )
        .unwrap();
        assert_eq!(
            out,
            "[\n  {\n    \"id\": \"1\",\n    \"minDisk\": 1,\n    \"minRam\": 64,\n    \"OS-EXT-IMG-SIZE:size\": 1024\n  }\n]\n"
        );
        let err = render_list(&[], &opts(Format::Json, &["nope"]), &PIPE).unwrap_err();
        assert_eq!(crate::app::report::exit_code(&err), 2);
        assert!(
            crate::app::report::hint(&err)
                .unwrap()
                .starts_with("valid columns: ID, Name, Status")
        );
    }

    #[test]
    fn empty_list_is_an_empty_array_or_nothing() {
        for (format, want) in [
            (Format::Json, "[]\n"),
            (Format::Yaml, "[]\n"),
            (Format::Table, ""),
            (Format::Value, ""),
            (Format::Csv, "\"ID\",\"Name\",\"Status\"\n"),
        ] {
            assert_eq!(render_list(&[], &opts(format, &[]), &PIPE).unwrap(), want);
        }
        let empty = OutputOpts {
            print_empty: true,
            ..opts(Format::Table, &[])
        };
        assert_eq!(
            render_list(&[], &empty, &PIPE).unwrap(),
            "+----+------+--------+\n\
             | ID | Name | Status |\n\
             +----+------+--------+\n\
             +----+------+--------+\n"
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let out = render_list(
            &[image("1", Some("evil\u{1b}[2J\r\nname"))],
            &opts(Format::Table, &["name"]),
            &PIPE,
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
            &PIPE,
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

    #[test]
    fn a_map_renders_as_shell_variables() {
        let map = [("os_distro".to_owned(), "alpine".into())].into();
        let opts = OutputOpts::new(Format::Shell);
        assert_eq!(
            render_map(&map, &opts, &Terminal::default()).unwrap(),
            "os_distro='alpine'\n"
        );
    }

    #[test]
    fn maps_render_in_key_order_in_every_format() {
        let map: Metadata = [
            ("os_distro".to_owned(), Value::from("alpine")),
            ("a key".to_owned(), Value::from("x, \"y\"")),
            ("hw:cpu_policy".to_owned(), Value::from("it's")),
            ("kernel_id".to_owned(), Value::Null),
        ]
        .into();
        let render = |format| render_map(&map, &opts(format, &[]), &PIPE).unwrap();
        assert_eq!(
            render(Format::Table),
            "+---------------+--------+\n\
             | Key           | Value  |\n\
             +---------------+--------+\n\
             | a key         | x, \"y\" |\n\
             | hw:cpu_policy | it's   |\n\
             | kernel_id     | null   |\n\
             | os_distro     | alpine |\n\
             +---------------+--------+\n"
        );
        assert_eq!(
            render(Format::Json),
            "{\n  \"a key\": \"x, \\\"y\\\"\",\n  \"hw:cpu_policy\": \"it's\",\n  \
             \"kernel_id\": null,\n  \"os_distro\": \"alpine\"\n}\n"
        );
        assert_eq!(
            render(Format::Yaml),
            "a key: x, \"y\"\nhw:cpu_policy: it's\nkernel_id: null\nos_distro: alpine\n"
        );
        assert_eq!(render(Format::Value), "x, \"y\"\nit's\n\nalpine\n");
        assert_eq!(
            render(Format::Csv),
            "\"Key\",\"Value\"\n\"a key\",\"x, \"\"y\"\"\"\n\"hw:cpu_policy\",\"it's\"\n\
             \"kernel_id\",\"\"\n\"os_distro\",\"alpine\"\n"
        );
        assert_eq!(
            render(Format::Shell),
            "a_key='x, \"y\"'\nhw_cpu_policy='it'\\''s'\nkernel_id=''\nos_distro='alpine'\n"
        );
        let empty = Metadata::new();
        assert_eq!(
            render_map(&empty, &opts(Format::Json, &[]), &PIPE).unwrap(),
            "{}\n"
        );
        assert_eq!(
            render_map(&empty, &opts(Format::Table, &[]), &PIPE).unwrap(),
            "+-----+-------+\n| Key | Value |\n+-----+-------+\n+-----+-------+\n"
        );
    }

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

    #[test]
    fn csv_quote_modes_follow_python() {
        let row = || {
            vec![
                ("plain".to_owned(), false),
                ("12".to_owned(), true),
                ("a,b".to_owned(), false),
                ("say \"hi\"".to_owned(), false),
                ("two\nlines".to_owned(), false),
                ("back\\slash".to_owned(), false),
                (String::new(), false),
            ]
            .into_iter()
        };
        assert_eq!(
            csv_row(row(), Quote::All),
            "\"plain\",\"12\",\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"back\\slash\",\"\"\n"
        );
        assert_eq!(
            csv_row(row(), Quote::Nonnumeric),
            "\"plain\",12,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"back\\slash\",\"\"\n"
        );
        assert_eq!(
            csv_row(row(), Quote::Minimal),
            "plain,12,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",back\\slash,\n"
        );
        assert_eq!(
            csv_row(row(), Quote::None),
            "plain,12,a\\,b,say \\\"hi\\\",two\\\nlines,back\\\\slash,\n"
        );
        // A lone empty field is quoted so the record is not a blank line.
        assert_eq!(
            csv_row([(String::new(), false)].into_iter(), Quote::Minimal),
            "\"\"\n"
        );
    }

    #[test]
    fn shell_quoting_is_single_quotes() {
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
        assert_eq!(shell_quote("a\nb`c`\"d\\"), "'a\nb`c`\"d\\'");
    }

    #[test]
    fn shell_names_are_identifiers() {
        let names: Vec<String> = COLUMNS.iter().map(|c| shell_name(c.key)).collect();
        assert_eq!(
            names,
            [
                "id",
                "name",
                "status",
                "progress",
                "min_disk",
                "min_ram",
                "os_ext_img_size_size",
                "created",
                "updated",
                "metadata",
                "server",
                "os_dcf_disk_config",
                "links"
            ]
        );
        assert_eq!(shell_name("9lives--x"), "_9lives_x");
    }

    fn sized(id: &str, name: Option<&str>, size: Option<u64>) -> Image {
        let mut i = image(id, name);
        i.size = size;
        i
    }

    fn ids(images: &[&Image]) -> Vec<String> {
        images.iter().map(|i| i.id.clone()).collect()
    }

    #[test]
    fn sorting_is_numeric_with_nulls_last_both_ways() {
        let images = [
            sized("a", Some("b"), Some(10)),
            sized("b", None, Some(9)),
            sized("c", Some("a"), None),
            sized("d", Some("b"), Some(100)),
        ];
        let size = select(&["size".into()], &[]).unwrap();
        assert_eq!(ids(&sorted(&images, &size, false)), ["b", "a", "d", "c"]);
        assert_eq!(ids(&sorted(&images, &size, true)), ["d", "a", "b", "c"]);
        let name_then_size = select(&["name".into(), "size".into()], &[]).unwrap();
        assert_eq!(
            ids(&sorted(&images, &name_then_size, false)),
            ["c", "a", "d", "b"]
        );
        assert_eq!(
            ids(&sorted(&images, &name_then_size, true)),
            ["d", "a", "c", "b"]
        );
        // Without keys the server's order stays.
        assert_eq!(ids(&sorted(&images, &[], true)), ["a", "b", "c", "d"]);
    }

    #[test]
    fn values_of_different_kinds_compare_by_kind() {
        use serde_json::json;
        assert_eq!(compare_values(&json!(2), &json!("1")), Ordering::Less);
        assert_eq!(compare_values(&json!(-1), &json!(1.5)), Ordering::Less);
        assert_eq!(compare_values(&json!("B"), &json!("a")), Ordering::Less);
    }

    #[test]
    fn table_width_rules() {
        let tty = Terminal::from_facts(true, Some(80), Some(80), false, None);
        let piped = Terminal::from_facts(false, None, Some(100), false, None);
        assert_eq!(table_width(&tty, 0, false), Some(80));
        assert_eq!(table_width(&tty, 50, false), Some(50));
        assert_eq!(table_width(&piped, 0, false), None);
        assert_eq!(table_width(&piped, -1, false), None);
        assert_eq!(table_width(&piped, 0, true), Some(100));
        assert_eq!(table_width(&piped, 70, true), Some(70));
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
