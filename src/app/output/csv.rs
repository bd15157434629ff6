//! `-f csv`: RFC 4180 with a header row, quoted as `--quote` says.

use serde_json::Value;

use super::Quote;
use super::rows::{Heading, Record, RecordKind, Render, Row, text};
use crate::app::failure::Result;

/// The CSV renderer.
pub(super) struct CsvRender {
    quote: Quote,
}

impl CsvRender {
    pub fn new(quote: Quote) -> Self {
        CsvRender { quote }
    }

    fn write(&self, cells: impl Iterator<Item = (String, bool)>, out: &mut String) {
        out.push_str(&csv_row(cells, self.quote));
    }
}

/// Names are never numbers.
fn name(name: &str) -> (String, bool) {
    (name.to_owned(), false)
}

impl Render for CsvRender {
    fn begin(&mut self, headings: &[Heading], out: &mut String) -> Result<()> {
        self.write(headings.iter().map(|h| name(&h.name)), out);
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, out: &mut String) -> Result<()> {
        self.write(row.cells.iter().map(|c| csv_cell(&c.value)), out);
        Ok(())
    }

    fn finish(&mut self, _out: &mut String) -> Result<()> {
        Ok(())
    }

    /// An object's fields as a header row and one row of values; a map's entries as
    /// `Key,Value` rows.
    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        let fields = &record.fields;
        match record.kind {
            RecordKind::Fields => {
                self.write(fields.iter().map(|f| name(&f.name)), out);
                self.write(fields.iter().map(|f| csv_cell(&f.cell.value)), out);
            }
            RecordKind::Entries => {
                self.write([name("Key"), name("Value")].into_iter(), out);
                for field in fields {
                    let cells = [name(&field.key), csv_cell(&field.cell.value)];
                    self.write(cells.into_iter(), out);
                }
            }
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
