//! `-f json`: an array of objects for lists, an object for records; indented unless
//! `--noindent`. Each row is written as it comes, as serde_json writes an array.

use super::rows::{Heading, Record, Render, Row};
use crate::app::failure::{Failure, Result};

/// The JSON renderer.
pub(super) struct JsonRender {
    pretty: bool,
    rows: usize,
}

impl JsonRender {
    /// Indented (`pretty`) or on one line.
    pub fn new(pretty: bool) -> Self {
        JsonRender { pretty, rows: 0 }
    }

    fn encode<T: serde::Serialize>(&self, value: &T) -> Result<String> {
        let encoded = if self.pretty {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        };
        encoded
            .map_err(|e| Failure::io("cannot encode output", std::io::Error::other(e.to_string())))
    }
}

impl Render for JsonRender {
    fn begin(&mut self, _headings: &[Heading], _out: &mut String) -> Result<()> {
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, out: &mut String) -> Result<()> {
        // The row as the only element of an array is written just as it is among others:
        // keep what is between the brackets (with `--noindent`, the element; else a line
        // break and the element indented one level).
        let array = self.encode(&[&row.doc])?;
        let element = &array[1..array.len() - if self.pretty { 2 } else { 1 }];
        out.push(if self.rows == 0 { '[' } else { ',' });
        out.push_str(element);
        self.rows += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut String) -> Result<()> {
        out.push_str(match (self.rows, self.pretty) {
            (0, _) => "[]\n",
            (_, true) => "\n]\n",
            (_, false) => "]\n",
        });
        Ok(())
    }

    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        out.push_str(&self.encode(&record.doc)?);
        out.push('\n');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::output::rows::Doc;
    use serde_json::json;

    fn rows(pretty: bool, docs: &[serde_json::Value]) -> String {
        let mut render = JsonRender::new(pretty);
        let mut out = String::new();
        render.begin(&[], &mut out).unwrap();
        for doc in docs {
            let row = Row {
                cells: Vec::new(),
                doc: Doc::Value(doc.clone()),
            };
            render.row(&row, &mut out).unwrap();
        }
        render.finish(&mut out).unwrap();
        out
    }

    #[test]
    fn rows_one_by_one_are_the_array_serde_json_writes() {
        let docs = [
            json!({"a": [1, {"b": []}], "c": {}}),
            json!({}),
            json!({"d": "x\ny"}),
        ];
        for n in 0..=docs.len() {
            let array = serde_json::Value::from(docs[..n].to_vec());
            let pretty = serde_json::to_string_pretty(&array).unwrap() + "\n";
            assert_eq!(rows(true, &docs[..n]), pretty);
            assert_eq!(rows(false, &docs[..n]), array.to_string() + "\n");
        }
    }
}
