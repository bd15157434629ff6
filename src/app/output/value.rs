//! `-f value`: the fields alone, no header: a row's separated by a space on one line, a
//! record's one per line.

use super::rows::{Heading, Record, Render, Row, text};
use crate::app::failure::Result;

/// The value renderer.
pub(super) struct ValueRender;

impl Render for ValueRender {
    fn begin(&mut self, _headings: &[Heading], _out: &mut String) -> Result<()> {
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, out: &mut String) -> Result<()> {
        let fields: Vec<String> = row.cells.iter().map(|c| text(&c.value)).collect();
        out.push_str(&fields.join(" "));
        out.push('\n');
        Ok(())
    }

    fn finish(&mut self, _out: &mut String) -> Result<()> {
        Ok(())
    }

    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        for field in &record.fields {
            out.push_str(&text(&field.cell.value));
            out.push('\n');
        }
        Ok(())
    }
}
