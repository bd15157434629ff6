//! Escaping of server text on its way to a terminal: the one place it is done.

//! The escaping itself is the library's (`diag::escape_for_terminal`), the one every line
//! on stderr goes through too.

use crate::diag::escape_for_terminal;

/// Control characters (ESC, CR, ...) and bidirectional overrides would let a hostile name
/// drive or disguise the terminal: escape them.
pub(super) fn escape_controls(s: &str) -> String {
    escape_for_terminal(s, false)
}

/// Escapes control characters but keeps the newlines a cell uses to separate its lines.
pub(super) fn sanitise(cell: &str) -> String {
    escape_for_terminal(cell, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_but_cell_lines_kept() {
        assert_eq!(escape_controls("a\u{1b}[2J\r\nb"), "a\\u{1b}[2J\\r\\nb");
        assert_eq!(sanitise("a\u{7}\nb\tc"), "a\\u{7}\nb\\tc");
        assert_eq!(
            sanitise("\u{202e}gpj.exe\u{2066}"),
            "\\u{202e}gpj.exe\\u{2066}"
        );
    }
}
