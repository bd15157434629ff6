//! `{placeholders}` in settings, filled as Python's `str.format(**config)` does.

use serde_json::Value;

use super::values::{Dict, scalar_string};
use crate::error::{Error, Result};

/// `str.format(**config)` on every top-level string value except `password`.
pub(super) fn format_placeholders(config: &mut Dict) -> Result<()> {
    let snapshot = config.clone();
    for (key, value) in config.iter_mut() {
        if let Value::String(s) = value
            && key != "password"
            && s.contains(['{', '}'])
        {
            *s = format_string(s, &snapshot).map_err(|missing| {
                Error::config(
                    format!("{key} {s:?} refers to an unknown setting {{{missing}}}"),
                    Some("write a literal brace as {{ or }}".into()),
                )
            })?;
        }
    }
    Ok(())
}

/// Python's `str.format` with named fields only; `Err` names the unknown (or broken) field.
pub(super) fn format_string(template: &str, values: &Dict) -> std::result::Result<String, String> {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let field: String = chars.by_ref().take_while(|&c| c != '}').collect();
                match values.get(&field).filter(|v| !v.is_object()) {
                    Some(v) => out.push_str(&scalar_string(v)),
                    None => return Err(field),
                }
            }
            '}' => return Err("}".into()),
            c => out.push(c),
        }
    }
    Ok(out)
}
