//! `-f jsonl` (JSON Lines): one compact JSON object per line, the same keys and values as
//! `-f json`. The one list format that streams: each page is written as it arrives.

use super::rows::{Heading, Record, Render, Row};
use crate::app::failure::{Failure, Result};

/// The JSON Lines renderer.
pub(super) struct JsonlRender;

fn line<T: serde::Serialize>(value: &T, out: &mut String) -> Result<()> {
    let encoded = serde_json::to_string(value)
        .map_err(|e| Failure::io("cannot encode output", std::io::Error::other(e.to_string())))?;
    out.push_str(&encoded);
    out.push('\n');
    Ok(())
}

impl Render for JsonlRender {
    fn begin(&mut self, _headings: &[Heading], _out: &mut String) -> Result<()> {
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, out: &mut String) -> Result<()> {
        line(&row.doc, out)
    }

    fn finish(&mut self, _out: &mut String) -> Result<()> {
        Ok(())
    }

    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        line(&record.doc, out)
    }
}
