//! Reading the user's local files safely: only regular files (after following links), never
//! more than a few MiB, so that a clouds.yaml linked to `/dev/zero` or a FIFO fails at once
//! with a message instead of eating memory or blocking.

use std::io::{self, Read};
use std::path::Path;

/// The largest local file read (clouds.yaml, secure.yaml, certificates, token files).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Deepest nesting accepted in a YAML file: openstacksdk's configs need a handful of levels;
/// a bound keeps a hostile file from making the parser quadratic.
pub const MAX_YAML_DEPTH: usize = 64;

/// The bytes of `path`, a regular file of at most [`MAX_FILE_BYTES`]. The error says which
/// rule failed (`not a regular file`, `larger than 4 MiB`) or is the OS error.
pub fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    // Checked before opening: opening a FIFO would block until a writer comes.
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)),
        ));
    }
    Ok(bytes)
}

/// Is `text` nested deeper than [`MAX_YAML_DEPTH`]? Counts flow brackets (`[`, `{`) outside
/// quotes, and block nesting by the width of each line's indentation and `- ` markers (two
/// columns a level at the least). A cheap over-estimate is fine: real configs are shallow.
pub fn yaml_too_deep(text: &str) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for line in text.lines() {
        let indent = line
            .chars()
            .take_while(|c| matches!(c, ' ' | '-' | '\t'))
            .count();
        if indent / 2 > MAX_YAML_DEPTH {
            return true;
        }
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_YAML_DEPTH {
                        return true;
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        // Quoted scalars of block style end with their line; flow ones may not, but an
        // unterminated quote only makes the count smaller.
        if quote == Some('\'') {
            quote = None;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small");
        std::fs::write(&small, "clouds: {}\n").unwrap();
        assert_eq!(read_bounded(&small).unwrap(), b"clouds: {}\n");
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'a'; MAX_FILE_BYTES as usize + 1]).unwrap();
        assert_eq!(
            read_bounded(&big).unwrap_err().to_string(),
            "larger than 4 MiB"
        );
        assert_eq!(
            read_bounded(dir.path()).unwrap_err().to_string(),
            "not a regular file"
        );
        #[cfg(unix)]
        {
            let zero = dir.path().join("zero");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            assert_eq!(
                read_bounded(&zero).unwrap_err().to_string(),
                "not a regular file"
            );
        }
    }

    #[test]
    fn deep_yaml_is_caught_cheaply() {
        assert!(!yaml_too_deep(
            "clouds:\n  a:\n    auth: {x: [1, 2, {y: z}]}\n"
        ));
        assert!(!yaml_too_deep("k: '[[[[' # [[[[[\n"));
        assert!(yaml_too_deep(&format!("k: {}", "[".repeat(40_000))));
        assert!(yaml_too_deep(&format!("k:\n{}x\n", "- ".repeat(200))));
        let nested: String = (0..100)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        assert!(yaml_too_deep(&nested));
    }
}
