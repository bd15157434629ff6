//! Progress of long work on stderr: an indicatif bar or spinner when stderr is a terminal,
//! plain lines (through [`Diag`]) when it is not and the command wants them, nothing with
//! `-q`. Never on stdout.
//!
//! Apart from [`crate::app::output::Printer`] and [`Diag`] this is the only code that draws on
//! stderr, and only on a terminal: indicatif draws nowhere else.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::app::output::Printer;
use crate::diag::{Diag, Level};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// An indicatif bar or spinner.
    Bar,
    /// One line per change.
    Lines,
    /// Nothing.
    Hidden,
}

impl Mode {
    /// The rules, as a pure function of the facts: a bar on a terminal (but not with
    /// `--debug`, whose lines would tear it), else lines when the command wants them, and
    /// nothing with `-q`.
    pub(crate) fn choose(stderr_tty: bool, level: Level, lines: bool) -> Mode {
        match level {
            Level::Quiet => Mode::Hidden,
            Level::Normal | Level::Verbose if stderr_tty => Mode::Bar,
            _ if lines => Mode::Lines,
            _ => Mode::Hidden,
        }
    }
}

/// A progress display; dropping it clears the bar, so that an error or the output starts on
/// a clean line.
pub(crate) struct Progress {
    mode: Mode,
    /// The bar's length (100 for percentages); `None` for a spinner.
    length: Option<u64>,
    /// indicatif template of the bar.
    template: &'static str,
    bar: Option<ProgressBar>,
    diag: Diag,
    /// The last line written.
    last: Option<String>,
}

impl Progress {
    /// A spinner with a message (`fetched N images, M pages`), on a terminal only.
    pub(crate) fn spinner(printer: &Printer) -> Self {
        Self::new(printer, false, None, "{spinner} {wide_msg}")
    }

    /// A 0-100 % bar on a terminal, else one line per change.
    pub(crate) fn percent(printer: &Printer) -> Self {
        Self::new(
            printer,
            true,
            Some(100),
            "{spinner} [{bar:20}] {pos:>3}% {wide_msg}",
        )
    }

    /// A bar counting `total` items (with their rate), on a terminal only.
    pub(crate) fn counter(printer: &Printer, total: u64) -> Self {
        Self::new(
            printer,
            false,
            Some(total),
            "{spinner} [{bar:20}] {pos}/{len} {per_sec} {wide_msg}",
        )
    }

    fn new(printer: &Printer, lines: bool, length: Option<u64>, template: &'static str) -> Self {
        Progress {
            mode: Mode::choose(printer.stderr_tty, printer.diag().level(), lines),
            length,
            template,
            bar: None,
            diag: printer.diag().clone(),
            last: None,
        }
    }

    /// The bar, made with the first news so that no empty bar is ever drawn.
    fn draw(&mut self, text: &str, percent: Option<u64>) {
        if let Some(bar) = &self.bar {
            bar.set_message(text.to_owned());
            if let Some(p) = percent {
                bar.set_position(p);
            }
            return;
        }
        let bar = match self.length {
            Some(len) => ProgressBar::new(len),
            None => ProgressBar::new_spinner(),
        };
        let style = ProgressStyle::with_template(self.template)
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = bar
            .with_style(style)
            .with_position(percent.unwrap_or(0))
            .with_message(text.to_owned());
        bar.enable_steady_tick(Duration::from_millis(100));
        self.bar = Some(bar);
    }

    /// Shows `text` (and `percent`, when there is one); as lines, only when it changed.
    pub(crate) fn update(&mut self, text: &str, percent: Option<u64>) {
        // Statuses come from the server: a bar draws them raw, so escape them here.
        let text = &crate::diag::escape_for_terminal(text, false);
        match self.mode {
            Mode::Bar => self.draw(text, percent),
            Mode::Lines => {
                let line = match percent {
                    Some(p) => format!("{text} {p}%"),
                    None => text.to_owned(),
                };
                if self.last.as_deref() != Some(line.as_str()) {
                    self.diag.line(&line);
                    self.last = Some(line);
                }
            }
            Mode::Hidden => {}
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_on_terminals_lines_when_wanted_nothing_when_quiet() {
        use Level::*;
        let cases = [
            (true, Normal, true, Mode::Bar),
            (true, Verbose, false, Mode::Bar),
            (true, Quiet, true, Mode::Hidden),
            (true, Debug, true, Mode::Lines),
            (true, Debug, false, Mode::Hidden),
            (false, Normal, true, Mode::Lines),
            (false, Normal, false, Mode::Hidden),
            (false, Quiet, true, Mode::Hidden),
        ];
        for (tty, level, lines, want) in cases {
            assert_eq!(
                Mode::choose(tty, level, lines),
                want,
                "{tty} {level:?} {lines}"
            );
        }
    }

    #[test]
    fn lines_are_written_once_per_change() {
        #[derive(Clone, Default)]
        struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl std::io::Write for Shared {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let err = Shared::default();
        let printer = Printer::new(Box::new(std::io::sink()), Box::new(err.clone()));
        let mut progress = Progress::percent(&printer);
        progress.update("image x: SAVING", Some(25));
        progress.update("image x: SAVING", Some(25));
        progress.update("image x: ACTIVE", Some(100));
        drop(progress);
        let mut spinner = Progress::spinner(&printer);
        spinner.update("fetched 2 images, 1 pages", None);
        assert_eq!(
            String::from_utf8(err.0.lock().unwrap().clone()).unwrap(),
            "image x: SAVING 25%\nimage x: ACTIVE 100%\n"
        );
    }
}
