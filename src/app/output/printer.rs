//! Where output goes: the [`Printer`] (the only way the library writes) and the
//! [`Terminal`] facts the renderers follow.

use std::io::{self, IsTerminal, Write};

use super::jq;
use crate::app::failure::{Failure, Result};
use crate::diag::{Diag, Level};

/// Test seam: `NOVA_IMAGES_TERM_WIDTH=N` makes stdout count as a terminal N columns wide, so
/// end-to-end tests can see what a person sees (as xh's `XH_TEST_MODE_TERM`).
pub const TERM_WIDTH_VAR: &str = "NOVA_IMAGES_TERM_WIDTH";

/// What the renderers know about where stdout goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// stdout is a terminal (or the test seam says so).
    pub tty: bool,
    /// Columns of stdout's terminal, when known.
    pub width: Option<u16>,
    /// Columns of stderr's terminal: what `--fit-width` fits when stdout is piped.
    pub stderr_width: Option<u16>,
    /// Colour is wanted: stdout is a terminal and `NO_COLOR` is unset or empty.
    pub colour: bool,
}

impl Terminal {
    /// The rules, as a pure function of the facts: `test_width` is the test seam's value,
    /// `no_color` whether `NO_COLOR` is set to something non-empty.
    pub fn from_facts(
        stdout_tty: bool,
        stdout_width: Option<u16>,
        stderr_width: Option<u16>,
        no_color: bool,
        test_width: Option<&str>,
    ) -> Self {
        let pretend = test_width
            .and_then(|w| w.trim().parse::<u16>().ok())
            .filter(|w| *w > 0);
        let tty = stdout_tty || pretend.is_some();
        Terminal {
            tty,
            width: pretend.or(stdout_width.filter(|w| *w > 0)),
            stderr_width: stderr_width.filter(|w| *w > 0),
            colour: tty && !no_color,
        }
    }

    /// The process's stdout, stderr and environment.
    pub fn detect() -> Self {
        let width =
            |size: Option<(terminal_size::Width, terminal_size::Height)>| size.map(|(w, _)| w.0);
        Terminal::from_facts(
            io::stdout().is_terminal(),
            width(terminal_size::terminal_size_of(io::stdout())),
            width(terminal_size::terminal_size_of(io::stderr())),
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            std::env::var(TERM_WIDTH_VAR).ok().as_deref(),
        )
    }
}

/// Where output goes: stdout for data, stderr for everything else. With a `--jq` filter
/// ([`Printer::filter_with`]) every piece of data, one JSON document or whole JSON lines,
/// goes through it on its way.
pub struct Printer {
    out: Box<dyn Write>,
    jq: Option<jq::Filter>,
    diag: Diag,
    /// stderr is a terminal (progress may be drawn).
    pub stderr_tty: bool,
    /// Width and colour facts for the renderers.
    pub terminal: Terminal,
}

impl Printer {
    /// The process's stdout and stderr.
    pub fn stdio() -> Self {
        let terminal = Terminal::detect();
        Printer {
            stderr_tty: io::stderr().is_terminal(),
            terminal,
            out: Box::new(io::BufWriter::new(io::stdout())),
            jq: None,
            diag: Diag::new(Box::new(io::stderr()), Level::Normal),
        }
    }

    /// Any pair of writers (tests capture output this way).
    #[cfg(test)]
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write + Send>) -> Self {
        Printer {
            out,
            jq: None,
            diag: Diag::new(err, Level::Normal),
            stderr_tty: false,
            terminal: Terminal::default(),
        }
    }

    /// From now on, data goes to stdout through `filter` (`--jq`): each call of
    /// [`Printer::data`] or [`Printer::data_from`] must then be whole JSON (a document, or
    /// whole lines of `-f jsonl`).
    pub fn filter_with(&mut self, filter: jq::Filter) {
        self.jq = Some(filter);
    }

    /// Writes data to stdout.
    pub fn data(&mut self, bytes: &[u8]) -> Result<()> {
        let written = match &self.jq {
            Some(filter) => filter.run(bytes, &mut self.out),
            None => self.out.write_all(bytes).map_err(stdout_error),
        };
        self.flushed(written)
    }

    /// Copies everything `reader` holds to stdout (a spooled listing).
    pub fn data_from(&mut self, mut reader: Box<dyn std::io::Read>) -> Result<()> {
        let written = match &self.jq {
            Some(filter) => filter.run_reader(io::BufReader::new(reader), &mut self.out),
            None => (io::copy(&mut reader, &mut self.out).map(|_| ())).map_err(stdout_error),
        };
        self.flushed(written)
    }

    /// Flushes stdout after `written`, whatever it was: a filter's error still leaves the
    /// whole lines before it on stdout.
    fn flushed(&mut self, written: Result<()>) -> Result<()> {
        let flushed = self.out.flush().map_err(stdout_error);
        written.and(flushed)
    }

    /// Replaces the stderr side (e.g. with the run's `-q`/`-v`/`--debug` level).
    pub fn set_diag(&mut self, diag: Diag) {
        self.diag = diag;
    }

    /// The stderr side: warnings, notices, debug lines, timings.
    pub fn diag(&self) -> &Diag {
        &self.diag
    }

    /// Writes one line to stderr whatever the level (error reports).
    pub fn note(&mut self, line: &str) {
        self.diag.line(line);
    }

    /// `nova-images: error: ...` and its `hint: ...` on stderr: how every error is reported,
    /// the fatal one (by `main`) and each failure of a multi-item command.
    pub fn error(&mut self, error: &Failure) {
        for line in crate::app::report::lines(error) {
            self.diag.line(&line);
        }
    }

    /// `nova-images: warning: ...` on stderr, unless `-q`.
    pub fn warn(&mut self, message: &str) {
        self.diag.warn(message);
    }
}

fn stdout_error(e: io::Error) -> Failure {
    Failure::io("cannot write to stdout", e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_facts() {
        let seam = Terminal::from_facts(false, None, None, false, Some("100"));
        assert_eq!((seam.tty, seam.width, seam.colour), (true, Some(100), true));
        let no_color = Terminal::from_facts(true, Some(80), None, true, None);
        assert!(no_color.tty && !no_color.colour);
        let junk = Terminal::from_facts(false, None, None, false, Some("wide"));
        assert_eq!(junk, Terminal::default());
    }
}
