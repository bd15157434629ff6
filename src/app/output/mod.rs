//! Everything the user sees: the [`Printer`] (the only way the library writes) and the
//! renderers for table, JSON, YAML, value, CSV and shell output. Knows nothing about HTTP or
//! the command line's structs (the formats derive clap's `ValueEnum` to name themselves).

use std::io;

use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Image, Metadata};

mod columns;
mod escape;
mod printer;
mod sort;
mod timing;

use columns::{Column, ColumnSet, select, text};
use escape::sanitise;
use sort::sorted;

pub use printer::{Printer, Terminal};
pub use timing::timing_report;

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
        select(&self.columns, None)?;
        select(&self.sort_columns, None)?;
        Ok(())
    }
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

/// Renders a list of images.
pub fn render_list(images: &[Image], opts: &OutputOpts, term: &Terminal) -> Result<String> {
    let set = if opts.long {
        ColumnSet::Long
    } else {
        ColumnSet::List
    };
    let columns = select(&opts.columns, Some(set))?;
    let keys = select(&opts.sort_columns, None)?;
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
    let columns = select(&opts.columns, Some(ColumnSet::Show))?;
    // Without -c, Server and Disk Config appear only when the image has them.
    let rows: Vec<&Column> = columns
        .into_iter()
        .filter(|c| !(opts.columns.is_empty() && c.only_when_set && (c.field)(image).is_null()))
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
    use super::columns::COLUMNS;
    use super::*;

    pub(super) fn image(id: &str, name: Option<&str>) -> Image {
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
}
