//! `-f yaml`: a sequence of mappings for lists, a mapping for records. Each row is written as
//! it comes, as serde_yaml writes a sequence.

use super::rows::{Heading, Record, Render, Row};
use crate::app::failure::{Failure, Result};

/// The YAML renderer.
#[derive(Default)]
pub(super) struct YamlRender {
    rows: usize,
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_yaml::to_string(value)
        .map_err(|e| Failure::io("cannot encode output", std::io::Error::other(e.to_string())))
}

impl Render for YamlRender {
    fn begin(&mut self, _headings: &[Heading], _out: &mut String) -> Result<()> {
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>, out: &mut String) -> Result<()> {
        // The entries of a block sequence are written one by one, each as it would be the
        // only one.
        out.push_str(&encode(&[&row.doc])?);
        self.rows += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut String) -> Result<()> {
        if self.rows == 0 {
            out.push_str("[]\n");
        }
        Ok(())
    }

    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        out.push_str(&encode(&record.doc)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::output::rows::Doc;
    use serde_json::json;

    #[test]
    fn rows_one_by_one_are_the_sequence_serde_yaml_writes() {
        let docs = [
            json!({"a": [1, {"b": []}], "c": {}, "d": [[1, 2], []]}),
            json!({"text": "two\n\nlines\n", "indented": "  x\ny", "e": "", "f": "a\u{2028} b"}),
            json!({"k": {"nested": {"deeper": "a\nb"}}}),
        ];
        for n in 0..=docs.len() {
            let mut render = YamlRender::default();
            let mut out = String::new();
            for doc in &docs[..n] {
                let row = Row {
                    cells: Vec::new(),
                    doc: Doc::Value(doc.clone()),
                };
                render.row(&row, &mut out).unwrap();
            }
            render.finish(&mut out).unwrap();
            let sequence = serde_json::Value::from(docs[..n].to_vec());
            assert_eq!(out, serde_yaml::to_string(&sequence).unwrap());
        }
    }
}
