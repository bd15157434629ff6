//! Server text on its way into a table cell: escaped and capped, in the one place it is done.
//!
//! The escaping itself is the library's (`diag::escape_for_terminal`), the one every line
//! on stderr goes through too. Every line of every table cell goes through [`cell_line`]
//! before a table (comfy-table or the streaming one) sees it.

use unicode_width::UnicodeWidthStr;

use crate::diag::escape_for_terminal;

/// The widest one line of a table cell gets, in terminal columns, before its `…`: a hostile
/// name can neither pad every row of a piped table to its width nor make laying out a table
/// at a terminal's width (quadratic in a cell's length) take minutes.
pub(super) const MAX_CELL_WIDTH: usize = 255;

/// The most characters one line of a cell keeps, however narrow: zero-width characters
/// would otherwise slip a line of any length past [`MAX_CELL_WIDTH`].
pub(super) const MAX_CELL_CHARS: usize = 4 * MAX_CELL_WIDTH;

/// What a table shows of one line of server text: control characters (LF and CR included,
/// so a name can never start a row of its own) and bidirectional overrides escaped, then
/// at most [`MAX_CELL_WIDTH`] columns and [`MAX_CELL_CHARS`] characters, with `…` after a
/// line that was cut. The work is bounded by the cap, not by the text's length.
pub(super) fn cell_line(text: &str) -> String {
    // One character more than a line keeps: enough to know it must be cut.
    let head = first_chars(text, MAX_CELL_CHARS + 1);
    cap(&escape_for_terminal(head, false))
}

/// The first `n` characters of `text` (all of it when shorter).
fn first_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// `line` when it fits the cap, else its longest prefix that does, then `…`.
fn cap(line: &str) -> String {
    // No character is wider than its UTF-8 bytes: a short line fits as it is.
    if line.len() <= MAX_CELL_WIDTH {
        return line.to_owned();
    }
    let fits = |end: usize| line.get(..end).is_some_and(|s| s.width() <= MAX_CELL_WIDTH);
    // The byte end of each prefix of 1, 2, ... characters; one more than a line keeps
    // tells that it is longer.
    let ends: Vec<usize> = (line.char_indices().map(|(i, _)| i).skip(1))
        .chain([line.len()])
        .take(MAX_CELL_CHARS + 1)
        .collect();
    if ends.len() <= MAX_CELL_CHARS && fits(line.len()) {
        return line.to_owned();
    }
    // Binary search on the prefix's own width (which knows emoji sequences and the like, as
    // the tables measure), so a cut costs O(cap log cap) whatever the line holds.
    let kept = ends
        .get(..MAX_CELL_CHARS)
        .unwrap_or(&ends)
        .partition_point(|&end| fits(end));
    let end = kept.checked_sub(1).and_then(|k| ends.get(k)).copied();
    let head = end.and_then(|end| line.get(..end)).unwrap_or("");
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_line_breaks_are_escaped() {
        assert_eq!(cell_line("a\u{1b}[2J\r\nb"), "a\\u{1b}[2J\\r\\nb");
        assert_eq!(cell_line("a\u{7}\nb\tc"), "a\\u{7}\\nb\\tc");
        assert_eq!(cell_line("ok\n| fake | row |"), "ok\\n| fake | row |");
        assert_eq!(
            cell_line("\u{202e}gpj.exe\u{2066}"),
            "\\u{202e}gpj.exe\\u{2066}"
        );
        assert_eq!(cell_line(""), "");
    }

    #[test]
    fn a_line_that_fits_is_whole() {
        let fits = "x".repeat(MAX_CELL_WIDTH);
        assert_eq!(cell_line(&fits), fits);
        let wide = "日".repeat(MAX_CELL_WIDTH / 2);
        assert_eq!(cell_line(&wide), wide);
    }

    #[test]
    fn a_longer_line_is_cut_at_the_width_with_an_ellipsis() {
        let cut = format!("{}…", "x".repeat(MAX_CELL_WIDTH));
        assert_eq!(cell_line(&"x".repeat(MAX_CELL_WIDTH + 1)), cut);
        assert_eq!(cell_line(&"x".repeat(1 << 20)), cut);
        // A wide character that would cross the cap is left out whole.
        let wide = cell_line(&"日".repeat(MAX_CELL_WIDTH));
        assert_eq!(wide, format!("{}…", "日".repeat(MAX_CELL_WIDTH / 2)));
        assert_eq!(wide.width(), MAX_CELL_WIDTH);
    }

    #[test]
    fn escapes_count_towards_the_cap() {
        // Each ESC shows as six columns: `\u{1b}`.
        let line = cell_line(&"\u{1b}".repeat(MAX_CELL_WIDTH));
        assert_eq!(line, format!("{}\\u{{…", "\\u{1b}".repeat(42)));
        assert_eq!(line.width(), MAX_CELL_WIDTH + 1);
    }

    #[test]
    fn zero_width_characters_are_capped_by_count() {
        let line = cell_line(&format!("a{}", "\u{200b}".repeat(1 << 16)));
        assert_eq!(line.chars().count(), MAX_CELL_CHARS + 1);
        assert!(line.ends_with('…'));
        let fits = format!("a{}", "\u{200b}".repeat(MAX_CELL_CHARS - 1));
        assert_eq!(cell_line(&fits), fits);
    }
}
