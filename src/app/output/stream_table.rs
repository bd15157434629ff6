//! Tables of any length in bounded memory. A table that is neither wrapped nor styled (piped
//! output: the case of big listings) keeps only its column widths; its rows wait in a
//! [`Spool`] and `finish` writes them with the borders, byte for byte what comfy-table
//! writes for the same cells (a test holds it to that).

use std::io::BufRead;

use unicode_width::UnicodeWidthStr;

use super::escape::cell_line;
use super::rows::{Heading, Record, Render, Row};
use super::spool::Spool;
use super::table::{Style, TableRender};
use crate::app::failure::{Failure, Result};

/// Between the cells of a spooled row, and after each row: control characters, which
/// escaped cell text never holds.
const CELL: char = '\u{1f}';
const ROW: u8 = 0x1e;

/// The streaming table renderer.
pub(super) struct StreamTable {
    header: Vec<String>,
    widths: Vec<usize>,
    rows: Spool,
    count: usize,
    print_empty: bool,
}

impl StreamTable {
    pub fn new(print_empty: bool) -> Self {
        StreamTable {
            header: Vec::new(),
            widths: Vec::new(),
            rows: Spool::default(),
            count: 0,
            print_empty,
        }
    }

    /// Widens the columns for these cells (every line counts; at least 1, as comfy-table).
    fn measure(&mut self, cells: &[String]) {
        for (index, cell) in cells.iter().enumerate() {
            let width = cell
                .split('\n')
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            match self.widths.get_mut(index) {
                Some(w) => *w = (*w).max(width.max(1)),
                None => self.widths.push(width.max(1)),
            }
        }
    }

    fn border(&self) -> String {
        let mut line = String::from("+");
        for w in &self.widths {
            line.push_str(&"-".repeat(w + 2));
            line.push('+');
        }
        line.push('\n');
        line
    }

    /// The lines of one row of cells, each padded to its column.
    fn lines(&self, cells: &[&str], out: &mut String) {
        let split: Vec<Vec<&str>> = cells.iter().map(|c| c.split('\n').collect()).collect();
        let height = split.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            out.push('|');
            for (column, width) in self.widths.iter().enumerate() {
                let text = split
                    .get(column)
                    .and_then(|l| l.get(i))
                    .copied()
                    .unwrap_or("");
                out.push(' ');
                out.push_str(text);
                out.push_str(&" ".repeat(width.saturating_sub(text.width()) + 1));
                out.push('|');
            }
            out.push('\n');
        }
    }
}

impl Render for StreamTable {
    fn begin(&mut self, headings: &[Heading], _out: &mut String) -> Result<()> {
        self.header = headings.iter().map(|h| cell_line(&h.name)).collect();
        let header = self.header.clone();
        self.measure(&header);
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, _out: &mut String) -> Result<()> {
        let cells: Vec<String> = row.cells.iter().map(|c| c.table_text()).collect();
        self.measure(&cells);
        let mut record = cells.join(&CELL.to_string());
        record.push(ROW as char);
        self.rows.push(&record)?;
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut String) -> Result<()> {
        let mut spool = Spool::default();
        self.finish_into(&mut spool)?;
        let mut text = String::new();
        spool
            .into_reader()?
            .read_to_string(&mut text)
            .map_err(|e| Failure::io("cannot read the table back", e))?;
        out.push_str(&text);
        Ok(())
    }

    fn finish_into(&mut self, spool: &mut Spool) -> Result<()> {
        if self.count == 0 && !self.print_empty {
            return Ok(());
        }
        let border = self.border();
        let mut out = border.clone();
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        self.lines(&header, &mut out);
        out.push_str(&border);
        let rows = std::mem::take(&mut self.rows).into_reader()?;
        for record in std::io::BufReader::new(rows).split(ROW) {
            let record = record.map_err(|e| Failure::io("cannot read the table back", e))?;
            let record = String::from_utf8_lossy(&record);
            let cells: Vec<&str> = record.split(CELL).collect();
            self.lines(&cells, &mut out);
            if out.len() > 64 * 1024 {
                spool.push(&out)?;
                out.clear();
            }
        }
        out.push_str(&border);
        spool.push(&out)
    }

    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        TableRender::new(Style::PLAIN).record(record, out)
    }
}

use std::io::Read as _;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::output::rows::{Cell, Doc};
    use serde_json::{Value, json};

    fn both(headings: &[&str], rows: &[Vec<&str>], print_empty: bool) -> (String, String) {
        let rows = rows
            .iter()
            .map(|cells| cells.iter().map(|c| Cell::new(Value::from(*c))).collect())
            .collect();
        both_cells(headings, rows, print_empty)
    }

    fn both_cells(headings: &[&str], rows: Vec<Vec<Cell>>, print_empty: bool) -> (String, String) {
        let headings: Vec<Heading> = headings.iter().map(|h| Heading::new(h)).collect();
        let rows: Vec<Row> = (rows.into_iter())
            .map(|cells| Row {
                cells,
                doc: Doc::Value(json!(null)),
            })
            .collect();
        let mut outs = Vec::new();
        let mut comfy = TableRender::new(Style {
            print_empty,
            ..Style::PLAIN
        });
        let mut stream = StreamTable::new(print_empty);
        for render in [&mut comfy as &mut dyn Render, &mut stream] {
            let mut out = String::new();
            render.begin(&headings, &mut out).unwrap();
            for row in &rows {
                render.row(row, &mut out).unwrap();
            }
            render.finish(&mut out).unwrap();
            outs.push(out);
        }
        (outs.remove(0), outs.remove(0))
    }

    #[test]
    fn the_same_bytes_as_comfy_table() {
        // Over the cap: cut to 255 columns and an ellipsis, ASCII and wide.
        let (long, wide) = ("x".repeat(300), "日本".repeat(100));
        let cases: Vec<(Vec<&str>, Vec<Vec<&str>>)> = vec![
            (
                vec!["ID", "Name", "Status"],
                vec![vec!["a", "cirros", "ACTIVE"]],
            ),
            (
                vec!["ID", "Name"],
                vec![vec!["", ""], vec!["long-id-here", "x"]],
            ),
            (
                vec!["ID", "Name"],
                vec![vec!["日本語", "wide ✓"], vec!["e\u{301}", "zero\u{200b}w"]],
            ),
            (
                vec!["ID", "Properties"],
                vec![vec!["a", "k=v\nk2=v2\n"], vec!["b", "\n"]],
            ),
            (vec!["ID", "Name"], vec![vec!["esc\u{1b}[2J", "tab\tin"]]),
            (vec!["ID", "Name"], vec![vec!["a", "ok\n| fake | row |\r"]]),
            (
                vec!["ID", "Name"],
                vec![vec![&long, &wide], vec!["b", "short"]],
            ),
            (vec!["ID", "Name"], vec![]),
        ];
        for (headings, rows) in &cases {
            for print_empty in [false, true] {
                let (comfy, stream) = both(headings, rows, print_empty);
                assert_eq!(stream, comfy, "{headings:?} {rows:?} {print_empty}");
            }
        }
    }

    #[test]
    fn many_rows_go_through_the_spool() {
        let rows: Vec<Vec<&str>> = (0..40_000)
            .map(|_| vec!["9a437e92-e1c0-405e-bd0b", "n"])
            .collect();
        let (comfy, stream) = both(&["ID", "Name"], &rows, false);
        assert_eq!(stream, comfy);
    }

    #[test]
    fn capped_and_multi_line_cells_are_the_same_bytes_as_comfy_table() {
        let lines = |lines: &[&str]| {
            let lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            Cell::lines(Value::Null, lines)
        };
        let huge = "y".repeat(1 << 16);
        let rows = vec![
            vec![lines(&["k=v", "k2=a\nb"]), lines(&[&huge, "short", ""])],
            vec![lines(&[]), Cell::new(Value::from(huge.as_str()))],
        ];
        let (comfy, stream) = both_cells(&["Key\nforged", "Value"], rows, false);
        assert_eq!(stream, comfy);
        let capped = format!("{}…", "y".repeat(255));
        assert_eq!(
            stream.lines().nth(3),
            Some(format!("| k=v         | {capped} |").as_str())
        );
        assert_eq!(
            stream.lines().nth(4),
            Some(format!("| k2=a\\nb     | short{} |", " ".repeat(251)).as_str())
        );
        assert_eq!(
            stream.lines().nth(1).map(|l| &l[..15]),
            Some("| Key\\nforged |")
        );
    }
}
