//! Where a listing's text waits until its last page has arrived, so that a page that fails
//! leaves stdout empty: in memory up to [`MEMORY_LIMIT`], then in an unnamed temporary file
//! (in `$TMPDIR`; the system removes it however the run ends, as it never has a name).

use std::io::{Read, Seek, Write};

use crate::app::failure::{Failure, Result};

/// Text kept in memory before the spool moves to a temporary file.
pub(crate) const MEMORY_LIMIT: usize = 4 * 1024 * 1024;

/// Rendered text on its way to stdout.
#[derive(Debug)]
pub(crate) struct Spool {
    memory: Vec<u8>,
    file: Option<std::fs::File>,
    limit: usize,
}

impl Default for Spool {
    fn default() -> Self {
        Spool::with_limit(MEMORY_LIMIT)
    }
}

impl Spool {
    /// A spool that keeps at most `limit` bytes in memory.
    pub fn with_limit(limit: usize) -> Self {
        Spool {
            memory: Vec::new(),
            file: None,
            limit,
        }
    }

    /// Appends `text`.
    pub fn push(&mut self, text: &str) -> Result<()> {
        self.push_bytes(text.as_bytes())
    }

    /// Appends `bytes`.
    pub fn push_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        if self.file.is_none() && self.memory.len() + bytes.len() > self.limit {
            let mut file = tempfile::tempfile().map_err(spool_error)?;
            file.write_all(&self.memory).map_err(spool_error)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => file.write_all(bytes).map_err(spool_error),
            None => {
                // The whole budget at once: no copy as it grows (pages never touched take
                // no memory).
                if self.memory.capacity() == 0 {
                    self.memory.reserve_exact(self.limit);
                }
                self.memory.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    /// Everything pushed, from the start.
    pub fn into_reader(self) -> Result<Box<dyn Read>> {
        match self.file {
            None => Ok(Box::new(std::io::Cursor::new(self.memory))),
            Some(mut file) => {
                file.rewind().map_err(spool_error)?;
                Ok(Box::new(std::io::BufReader::new(file)))
            }
        }
    }
}

/// The failure of the temporary file, naming the directory it is made in (`$TMPDIR`, else
/// the system's).
fn spool_error(e: std::io::Error) -> Failure {
    let dir = std::env::temp_dir();
    Failure::io(
        format!(
            "cannot keep the listing in a temporary file in {}",
            dir.display()
        ),
        e,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(spool: Spool) -> String {
        let mut text = String::new();
        spool
            .into_reader()
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn small_text_stays_in_memory_large_text_moves_to_a_file() {
        let mut spool = Spool::default();
        spool.push("a\n").unwrap();
        assert!(spool.file.is_none());
        assert_eq!(read_all(spool), "a\n");

        let mut spool = Spool::default();
        let line = "x".repeat(1024) + "\n";
        for _ in 0..(MEMORY_LIMIT / line.len() + 10) {
            spool.push(&line).unwrap();
        }
        assert!(spool.file.is_some() && spool.memory.is_empty());
        let text = read_all(spool);
        assert_eq!(text.len(), line.len() * (MEMORY_LIMIT / line.len() + 10));
        assert!(text.lines().all(|l| l.len() == 1024));
    }
}
