//! `-f shell`: `NAME='value'` lines for the shell's `eval`, one per field of a record;
//! names get the `--prefix`. Lists have no shell form.

use super::rows::{Heading, Record, Render, Row, text};
use crate::app::failure::{Failure, Result};

/// The shell renderer.
pub(super) struct ShellRender {
    prefix: String,
}

impl ShellRender {
    pub fn new(prefix: &str) -> Self {
        ShellRender {
            prefix: prefix.to_owned(),
        }
    }
}

fn no_lists() -> Failure {
    Failure::usage(
        "-f shell describes one image: use it with show",
        Some("for lists use -f value, -f csv or -f json".into()),
    )
}

impl Render for ShellRender {
    fn begin(&mut self, _headings: &[Heading], _out: &mut String) -> Result<()> {
        Err(no_lists())
    }

    fn row(&mut self, _row: &Row<'_>, _out: &mut String) -> Result<()> {
        Err(no_lists())
    }

    fn finish(&mut self, _out: &mut String) -> Result<()> {
        Err(no_lists())
    }

    fn record(&mut self, record: &Record<'_>, out: &mut String) -> Result<()> {
        for field in &record.fields {
            let name = shell_name(&field.key);
            let name = if name.is_empty() { "_".into() } else { name };
            let value = shell_quote(&text(&field.cell.value));
            out.push_str(&format!("{}{name}={value}\n", self.prefix));
        }
        Ok(())
    }
}

/// A key as a shell variable name: camelCase split with `_`, lower case, every run of other
/// characters one `_` (`minDisk` → `min_disk`, `OS-EXT-IMG-SIZE:size` →
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

#[cfg(test)]
mod tests {
    use super::super::columns::COLUMNS;
    use super::*;

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
}
