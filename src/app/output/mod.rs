//! Everything the user sees: the [`Printer`] (the only way the library writes) and the
//! renderers for table, JSON, YAML, value, CSV and shell output. Knows nothing about HTTP or
//! the command line's structs beyond the format enums, which `cli` defines.
//!
//! Images, metadata and configuration records are first built into one row model
//! ([`rows`]): list-shaped rows under headings, or a record of fields. Each format is one
//! renderer of that model (the [`rows::Render`] trait), in a file of its own: [`table`],
//! [`json`], [`yaml`], [`value`], [`csv`] and [`shell`]. The image columns and their default
//! sets are in [`columns`], `--sort-column` in [`sort`], the escaping of server text for the
//! terminal in [`escape`].

use serde_json::{Map, Value};

use std::sync::Arc;

use crate::app::failure::Result;
use crate::model::{Image, Metadata, Place};

mod columns;
mod csv;
mod escape;
mod grid;
pub mod jq;
mod json;
mod jsonl;
mod printer;
mod rows;
mod shell;
mod sort;
mod spool;
mod stream_table;
mod table;
#[cfg(test)]
mod tests;
mod timing;
mod value;
mod yaml;

// The formats are named on the command line, so they are defined with the clap structs.
pub use crate::cli::{Format, Quote, RecordFormat};
pub use grid::{GridCell, GridRow, render_grid};
pub use printer::{Printer, Terminal};
pub(crate) use spool::Spool;
pub use timing::timing_report;

use columns::{ColumnSet, select};
use rows::{Cell, Doc, Field, Heading, Record, RecordKind, Render, Row};

/// What to render and how; the command line's options convert into it (`app::options`).
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
    /// Several clouds or regions: the Cloud and Region columns come first (list only).
    pub targets: bool,
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
            targets: false,
        }
    }

    /// Checks every `-c` and `--sort-column` name, before any request is made.
    pub fn check_columns(&self) -> Result<()> {
        select(&self.columns, None)?;
        select(&self.sort_columns, None)?;
        Ok(())
    }
}

impl Format {
    /// This format's renderer, as `opts` and the terminal ask.
    fn renderer(self, opts: &OutputOpts, term: &Terminal) -> Box<dyn Render> {
        match self {
            Format::Table => {
                let style = table::Style::for_terminal(
                    term,
                    opts.max_width,
                    opts.fit_width,
                    opts.print_empty,
                );
                // Only a table that must shrink to a width, or is styled, needs comfy-table
                // and every row in memory; the others stream.
                if style.width.is_none() && !style.colour {
                    Box::new(stream_table::StreamTable::new(opts.print_empty))
                } else {
                    Box::new(table::TableRender::new(style))
                }
            }
            Format::Json => Box::new(json::JsonRender::new(!opts.noindent)),
            Format::Yaml => Box::new(yaml::YamlRender::default()),
            Format::Value => Box::new(value::ValueRender),
            Format::Csv => Box::new(csv::CsvRender::new(opts.quote)),
            Format::Shell => Box::new(shell::ShellRender::new(&opts.prefix)),
            Format::Jsonl => Box::new(jsonl::JsonlRender),
        }
    }
}

impl RecordFormat {
    /// This format's renderer: tables plain, JSON indented.
    fn renderer(self) -> Box<dyn Render> {
        match self {
            RecordFormat::Table => Box::new(table::TableRender::new(table::Style::PLAIN)),
            RecordFormat::Json => Box::new(json::JsonRender::new(true)),
            RecordFormat::Yaml => Box::new(yaml::YamlRender::default()),
        }
    }
}

/// List-shaped output: the headings, then each row as it comes.
fn list<'a>(
    mut render: Box<dyn Render>,
    headings: &[Heading],
    rows: impl Iterator<Item = Row<'a>>,
) -> Result<String> {
    let mut out = String::new();
    render.begin(headings, &mut out)?;
    for row in rows {
        render.row(&row, &mut out)?;
    }
    render.finish(&mut out)?;
    Ok(out)
}

/// Record-shaped output.
fn record(mut render: Box<dyn Render>, record: &Record<'_>) -> Result<String> {
    let mut out = String::new();
    render.record(record, &mut out)?;
    Ok(out)
}

/// The columns of a listing and how its rows are made.
struct ListShape {
    columns: Vec<&'static columns::Column>,
    selected: Vec<&'static str>,
    with_columns: bool,
    /// Cloud and Region come first.
    targets: bool,
    tty: bool,
}

impl ListShape {
    fn new(opts: &OutputOpts, term: &Terminal) -> Result<Self> {
        let set = if opts.long {
            ColumnSet::Long
        } else {
            ColumnSet::List
        };
        let columns = select(&opts.columns, Some(set))?;
        let targets = columns::TARGET_HEADINGS.iter().filter(|_| opts.targets);
        let selected = (targets.clone().map(|(_, key)| *key))
            .chain(columns.iter().map(|c| c.key))
            .collect();
        Ok(ListShape {
            columns,
            selected,
            with_columns: !opts.columns.is_empty(),
            targets: opts.targets,
            tty: term.tty,
        })
    }

    fn headings(&self) -> Vec<Heading> {
        let targets = columns::TARGET_HEADINGS.iter().filter(|_| self.targets);
        (targets.map(|(name, _)| Heading::new(name)))
            .chain(self.columns.iter().map(|c| c.heading()))
            .collect()
    }

    fn row<'a>(&'a self, place: Option<&'a Place>, image: &'a Image) -> Row<'a> {
        let targets = columns::place_cells(place)
            .into_iter()
            .filter(|_| self.targets);
        Row {
            cells: targets
                .chain(self.columns.iter().map(|c| c.cell(image, self.tty)))
                .collect(),
            doc: Doc::of_image(
                image,
                place.filter(|_| self.targets),
                self.with_columns.then_some(&self.selected),
            ),
        }
    }
}

/// Renders a whole listing at once, sorted by `--sort-column` (which needs every image
/// before the first row); each image with where it was found when the listing spans
/// several clouds or regions.
pub fn render_sorted(
    images: &[(Option<Arc<Place>>, Image)],
    opts: &OutputOpts,
    term: &Terminal,
) -> Result<String> {
    let shape = ListShape::new(opts, term)?;
    let keys = select(&opts.sort_columns, None)?;
    let images = sort::sorted(images, |(_, image)| image, &keys, opts.descending);
    let rows = (images.into_iter()).map(|(place, image)| shape.row(place.as_deref(), image));
    list(opts.format.renderer(opts, term), &shape.headings(), rows)
}

/// A listing rendered page by page in bounded memory: each page's rows go to the format's
/// renderer as they arrive ([`ListRender::page`]) and wait, rendered, in a spool (memory,
/// then an unnamed temporary file) until the last page has arrived ([`ListRender::finish`]),
/// so that a failed page still leaves stdout empty. `-f jsonl` is the exception: each page's
/// lines are for stdout at once. `--sort-column` needs every image first: see
/// [`render_sorted`].
pub struct ListRender {
    render: Box<dyn Render>,
    shape: ListShape,
    spool: spool::Spool,
    streams: bool,
}

impl ListRender {
    /// A listing in the format and columns of `opts` (sorting not included).
    pub fn new(opts: &OutputOpts, term: &Terminal) -> Result<Self> {
        let shape = ListShape::new(opts, term)?;
        let mut render = opts.format.renderer(opts, term);
        let mut spool = spool::Spool::default();
        let mut out = String::new();
        render.begin(&shape.headings(), &mut out)?;
        spool.push(&out)?;
        Ok(ListRender {
            render,
            shape,
            spool,
            streams: opts.format == Format::Jsonl,
        })
    }

    /// Renders one page, found at `place` when the listing spans several clouds or
    /// regions. Returns what is to be written now: the page's lines with `-f jsonl`, else
    /// nothing (the text waits for [`ListRender::finish`]).
    pub fn page(&mut self, place: Option<&Place>, images: &[Image]) -> Result<String> {
        let mut out = String::new();
        for image in images {
            self.render.row(&self.shape.row(place, image), &mut out)?;
        }
        if self.streams {
            return Ok(out);
        }
        self.spool.push(&out)?;
        Ok(String::new())
    }

    /// After the last page: everything that waited, from the start.
    pub fn finish(mut self) -> Result<Box<dyn std::io::Read>> {
        self.render.finish_into(&mut self.spool)?;
        self.spool.into_reader()
    }
}

/// Renders one image.
pub fn render_show(image: &Image, opts: &OutputOpts, term: &Terminal) -> Result<String> {
    let columns = select(&opts.columns, Some(ColumnSet::Show))?;
    // Without -c, Server and Disk Config appear only when the image has them.
    let columns: Vec<_> = columns
        .into_iter()
        .filter(|c| !(opts.columns.is_empty() && c.only_when_set && (c.field)(image).is_null()))
        .collect();
    let selected: Vec<&str> = columns.iter().map(|c| c.key).collect();
    let fields = columns.iter().map(|c| Field {
        name: c.header.to_owned(),
        key: c.key.to_owned(),
        cell: c.cell(image, term.tty),
    });
    let show = Record {
        kind: RecordKind::Fields,
        fields: fields.collect(),
        doc: Doc::of_image(image, None, (!opts.columns.is_empty()).then_some(&selected)),
    };
    record(opts.format.renderer(opts, term), &show)
}

/// Renders an image's metadata, a key/value map, in key order: `table` is Key/Value rows,
/// `json`/`yaml` the object, `value` the values alone (one per line), `csv` the Key/Value
/// rows and `shell` one `KEY='value'` line per key.
pub fn render_map(map: &Metadata, opts: &OutputOpts, term: &Terminal) -> Result<String> {
    let fields = map.iter().map(|(key, value)| {
        let shown = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Field {
            name: key.clone(),
            key: key.clone(),
            cell: Cell::lines(value.clone(), vec![shown]),
        }
    });
    let object: Map<String, Value> = map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let entries = Record {
        kind: RecordKind::Entries,
        fields: fields.collect(),
        doc: Doc::Value(Value::Object(object)),
    };
    record(opts.format.renderer(opts, term), &entries)
}

/// Renders named fields (`config show`, `config clouds`) as a Field/Value table, a JSON
/// object or a YAML mapping. In tables, objects become sorted `key=value` lines and null an
/// empty cell.
pub fn render_record(fields: &Map<String, Value>, format: RecordFormat) -> Result<String> {
    let named = fields.iter().map(|(k, v)| Field {
        name: k.clone(),
        key: k.clone(),
        cell: record_cell(v),
    });
    let config = Record {
        kind: RecordKind::Fields,
        fields: named.collect(),
        doc: Doc::Value(Value::Object(fields.clone())),
    };
    record(format.renderer(), &config)
}

/// Renders rows of named fields as a table with those headers, a JSON array or a YAML
/// sequence.
pub fn render_rows(
    headers: &[&str],
    rows: &[Map<String, Value>],
    format: RecordFormat,
) -> Result<String> {
    let headings: Vec<Heading> = headers.iter().map(|h| Heading::new(h)).collect();
    let rows = rows.iter().map(|row| Row {
        cells: row.values().map(record_cell).collect(),
        doc: Doc::Value(Value::Object(row.clone())),
    });
    list(format.renderer(), &headings, rows)
}

/// Rows of named text fields (prune's plan and its results) in bounded memory, the same
/// bytes as [`render_rows`] writes for them: each row goes to the format's renderer as it
/// comes and waits, rendered, in a spool (memory, then an unnamed temporary file) until
/// [`FieldRows::finish`]. A table is the streaming one (only its column widths in memory),
/// JSON and YAML are written from the borrowed text (no JSON tree per row).
pub struct FieldRows {
    render: Box<dyn Render>,
    spool: spool::Spool,
    /// Only a table shows cells; JSON and YAML write the fields themselves.
    cells: bool,
}

impl FieldRows {
    /// Rows under these headers (a table's), in `format`.
    pub fn new(headers: &[&str], format: RecordFormat) -> Result<Self> {
        let mut render: Box<dyn Render> = match format {
            // PLAIN's table: never wrapped, never styled, a header even without rows.
            RecordFormat::Table => Box::new(stream_table::StreamTable::new(true)),
            other => other.renderer(),
        };
        let headings: Vec<Heading> = headers.iter().map(|h| Heading::new(h)).collect();
        let mut out = String::new();
        render.begin(&headings, &mut out)?;
        let mut spool = spool::Spool::default();
        spool.push(&out)?;
        Ok(FieldRows {
            render,
            spool,
            cells: format == RecordFormat::Table,
        })
    }

    /// One row: its fields in order (a table's cells in that order, JSON and YAML keys),
    /// `None` for null (an empty cell).
    pub fn row(&mut self, fields: &[(&str, Option<&str>)]) -> Result<()> {
        let cells = (fields.iter().filter(|_| self.cells))
            .map(|(_, value)| Cell::new(value.map_or(Value::Null, Value::from)))
            .collect();
        let row = Row {
            cells,
            doc: Doc::Fields(fields),
        };
        let mut out = String::new();
        self.render.row(&row, &mut out)?;
        self.spool.push(&out)
    }

    /// After the last row: everything, from the start.
    pub fn finish(mut self) -> Result<Box<dyn std::io::Read>> {
        self.render.finish_into(&mut self.spool)?;
        self.spool.into_reader()
    }
}

/// A configuration value; a table shows objects as sorted `key=value` lines and null empty.
fn record_cell(value: &Value) -> Cell {
    Cell::lines(value.clone(), record_lines(value))
}

/// The table lines of a configuration value: an object's entries sorted, a nested object's
/// further lines after its first. Strings stay one line each, whatever they hold: the table
/// escapes their line breaks.
fn record_lines(value: &Value) -> Vec<String> {
    match value {
        Value::Null => vec![String::new()],
        Value::String(s) => vec![s.clone()],
        Value::Object(map) => {
            let mut entries: Vec<Vec<String>> = map.iter().map(|(k, v)| entry(k, v)).collect();
            entries.sort();
            entries.concat()
        }
        other => vec![other.to_string()],
    }
}

/// One `key=value` entry of an object, as lines.
fn entry(key: &str, value: &Value) -> Vec<String> {
    let mut lines = record_lines(value);
    if let Some(first) = lines.first_mut() {
        *first = format!("{key}={first}");
    }
    lines
}
