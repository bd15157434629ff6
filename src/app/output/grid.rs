//! Rows whose columns are known only at run time (`presence`: one per target), in every
//! list format: a table, CSV and value show the cells, JSON, YAML and JSON Lines each row's
//! own document (which may nest what the cells flatten).

use serde_json::Value;

use super::rows::{Cell, Doc, Heading, Row};
use super::{OutputOpts, Terminal, list};
use crate::app::failure::Result;

/// One row of a grid.
pub struct GridRow {
    /// A value per heading: what a table, CSV and value show.
    pub cells: Vec<GridCell>,
    /// What JSON, YAML and JSON Lines show.
    pub doc: Value,
}

/// One cell of a grid.
pub struct GridCell {
    pub value: Value,
    /// A table colours it as an image status (ACTIVE green, ...).
    pub status: bool,
}

impl GridCell {
    pub fn new(value: impl Into<Value>) -> Self {
        GridCell {
            value: value.into(),
            status: false,
        }
    }

    pub fn status(value: impl Into<Value>) -> Self {
        GridCell {
            status: true,
            ..GridCell::new(value)
        }
    }
}

/// Renders `rows` under `headings` in the format of `opts`.
pub fn render_grid(
    headings: &[String],
    rows: Vec<GridRow>,
    opts: &OutputOpts,
    term: &Terminal,
) -> Result<String> {
    let headings: Vec<Heading> = headings.iter().map(|h| Heading::new(h)).collect();
    let rows = rows.into_iter().map(|row| Row {
        cells: (row.cells.into_iter())
            .map(|c| Cell {
                status: c.status,
                ..Cell::new(c.value)
            })
            .collect(),
        doc: Doc::Value(row.doc),
    });
    list(opts.format.renderer(opts, term), &headings, rows)
}
