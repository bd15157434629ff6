//! Escaping of server text on its way to a terminal: the one place it is done.

/// Control characters (ESC, CR, ...) would let a hostile name drive the terminal: escape them.
pub(super) fn escape_controls(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Escapes control characters but keeps the newlines a cell uses to separate its lines.
pub(super) fn sanitise(cell: &str) -> String {
    cell.split('\n')
        .map(escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_but_cell_lines_kept() {
        assert_eq!(escape_controls("a\u{1b}[2J\r\nb"), "a\\u{1b}[2J\\r\\nb");
        assert_eq!(sanitise("a\u{7}\nb\tc"), "a\\u{7}\nb\\tc");
    }
}
