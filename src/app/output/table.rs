//! `-f table` (and the configuration commands' tables): ASCII tables in cliff's style.
//! Styling and width follow [`Terminal`] alone (never comfy-table's own detection), so piped
//! output is byte-for-byte stable.

use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table};

use super::escape::cell_line;
use super::printer::Terminal;
use super::rows::{self, Heading, Record, RecordKind, Render, Row, text};
use crate::app::failure::Result;

/// How a table looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Style {
    /// Bold headers and coloured statuses.
    pub colour: bool,
    /// The width to fit, if any.
    pub width: Option<u16>,
    /// A list without rows still prints its header (else nothing).
    pub print_empty: bool,
}

impl Style {
    /// Never wrapped, never styled, a header even without rows.
    pub const PLAIN: Style = Style {
        colour: false,
        width: None,
        print_empty: true,
    };

    /// What `term` and `--max-width`, `--fit-width` and `--print-empty` ask for.
    pub fn for_terminal(
        term: &Terminal,
        max_width: i64,
        fit_width: bool,
        print_empty: bool,
    ) -> Self {
        Style {
            colour: term.colour,
            width: table_width(term, max_width, fit_width),
            print_empty,
        }
    }
}

/// The table renderer: rows are kept until `finish`, which sizes the columns.
pub(super) struct TableRender {
    style: Style,
    table: Table,
    rows: usize,
    /// Columns never to wrap.
    whole: Vec<usize>,
}

impl TableRender {
    pub fn new(style: Style) -> Self {
        TableRender {
            table: new_table(&style),
            style,
            rows: 0,
            whole: Vec::new(),
        }
    }

    fn header(&self, name: &str) -> Cell {
        let cell = Cell::new(cell_line(name));
        if self.style.colour {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }

    /// A cell's text, escaped and capped, coloured when it is a status and colour is wanted.
    fn cell(&self, cell: &rows::Cell) -> Cell {
        let shown = Cell::new(cell.table_text());
        if cell.status && self.style.colour {
            status_colour(shown, &text(&cell.value))
        } else {
            shown
        }
    }
}

impl Render for TableRender {
    fn begin(&mut self, headings: &[Heading], _out: &mut String) -> Result<()> {
        let header: Vec<Cell> = headings.iter().map(|h| self.header(&h.name)).collect();
        self.table.set_header(header);
        self.whole = (headings.iter().enumerate())
            .filter_map(|(index, h)| h.whole.then_some(index))
            .collect();
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, _out: &mut String) -> Result<()> {
        let cells: Vec<Cell> = row.cells.iter().map(|c| self.cell(c)).collect();
        self.table.add_row(cells);
        self.rows += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut String) -> Result<()> {
        if self.rows == 0 && !self.style.print_empty {
            return Ok(());
        }
        for &index in &self.whole {
            if let Some(column) = self.table.column_mut(index) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        out.push_str(&format!("{}\n", self.table));
        Ok(())
    }

    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        let label = match record.kind {
            RecordKind::Fields => "Field",
            RecordKind::Entries => "Key",
        };
        self.table
            .set_header([self.header(label), self.header("Value")]);
        for field in &record.fields {
            // A field's name may be a metadata key: server text like any cell.
            let row = [Cell::new(cell_line(&field.name)), self.cell(&field.cell)];
            self.table.add_row(row);
        }
        out.push_str(&format!("{}\n", self.table));
        Ok(())
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

/// An ASCII table in cliff's style that never wraps and is never styled.
pub(super) fn plain_table() -> Table {
    let mut table = Table::new();
    table.load_preset("||--+-++|    ++++++");
    table.force_no_tty();
    table.set_content_arrangement(ContentArrangement::Disabled);
    table
}

fn new_table(style: &Style) -> Table {
    let mut table = plain_table();
    if style.colour {
        table.enforce_styling().style_text_only();
    }
    match style.width {
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

/// ACTIVE green, SAVING yellow, ERROR red.
fn status_colour(cell: Cell, status: &str) -> Cell {
    match status {
        "ACTIVE" => cell.fg(Color::Green),
        "SAVING" => cell.fg(Color::Yellow),
        "ERROR" => cell.fg(Color::Red),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
