//! Diagnostics on stderr: warnings, `-v` notices, `--debug` lines and the `--timing` record.
//!
//! One [`Diag`] is made per run (from stderr, or any writer in tests) and shared by the
//! HTTP layer and the commands, so that nothing below `main` writes to stderr by itself.
//! It is library code because the library's HTTP, auth and cache layers report through it;
//! they write only to the sink their caller gives (none: [`Diag::default`] discards).
//! Callers redact what they know is secret (see [`token_digest`]); as a last line of defence
//! every line written is also masked here: each secret the run knows ([`Diag::add_secret`]:
//! the password, the application credential secret, every token) and the userinfo of every
//! URL ([`mask_userinfo`]), whatever a server echoed.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// How much goes to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// `-q`: errors only.
    Quiet,
    /// Warnings and errors.
    Normal,
    /// `-v`: also notices (retries, re-authentication, cache use).
    Verbose,
    /// `--debug`: also every request and response.
    Debug,
}

/// One HTTP exchange, for `--timing`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// HTTP method.
    pub method: String,
    /// URL (never carries credentials).
    pub url: String,
    /// Status code, or `None` when no answer came.
    pub status: Option<u16>,
    /// Wall time of the exchange.
    pub elapsed: Duration,
}

struct Inner {
    sink: Mutex<Box<dyn Write + Send>>,
    level: Level,
    started: Instant,
    timings: Mutex<Vec<Timing>>,
    phases: Mutex<Vec<(String, Duration)>>,
    secrets: Mutex<Vec<String>>,
}

/// The shared stderr handle of a run.
#[derive(Clone)]
pub struct Diag {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Diag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diag")
            .field("level", &self.inner.level)
            .finish()
    }
}

impl Default for Diag {
    /// Discards everything: for library users who want no diagnostics.
    fn default() -> Self {
        Diag::new(Box::new(std::io::sink()), Level::Quiet)
    }
}

impl Diag {
    /// Diagnostics written to `sink` at `level`.
    pub fn new(sink: Box<dyn Write + Send>, level: Level) -> Self {
        Diag {
            inner: Arc::new(Inner {
                sink: Mutex::new(sink),
                level,
                started: Instant::now(),
                timings: Mutex::new(Vec::new()),
                phases: Mutex::new(Vec::new()),
                secrets: Mutex::new(Vec::new()),
            }),
        }
    }

    /// The level in force.
    pub fn level(&self) -> Level {
        self.inner.level
    }

    /// Writes one line whatever the level (errors); a failing stderr is ignored.
    pub fn line(&self, line: &str) {
        let line = escape_for_terminal(&self.mask(line), true);
        if let Ok(mut sink) = self.inner.sink.lock() {
            let _ = writeln!(sink, "{line}");
        }
    }

    /// Remembers a secret of the run, so that no line ever shows it, as written or as JSON
    /// escapes it. Secrets shorter than [`MIN_SECRET_LEN`] are not masked: masking them would
    /// garble ordinary words.
    pub fn add_secret(&self, secret: &str) {
        if secret.chars().count() < MIN_SECRET_LEN {
            return;
        }
        if let Ok(mut secrets) = self.inner.secrets.lock() {
            let escaped = serde_json::to_string(secret).unwrap_or_default();
            let escaped = escaped.trim_matches('"');
            for s in [secret, escaped] {
                if !secrets.iter().any(|k| k == s) {
                    secrets.push(s.to_owned());
                }
            }
            // Longest first, so that a secret containing another is masked whole.
            secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// `text` with every known secret as `***` and every URL's userinfo as `***`.
    pub fn mask(&self, text: &str) -> String {
        let mut text = mask_userinfo(text);
        if let Ok(secrets) = self.inner.secrets.lock() {
            for secret in secrets.iter() {
                if text.contains(secret.as_str()) {
                    text = text.replace(secret.as_str(), "***");
                }
            }
        }
        text
    }

    /// `nova-images: warning: ...` unless `-q`.
    pub fn warn(&self, message: &str) {
        if self.level() >= Level::Normal {
            self.line(&format!("nova-images: warning: {message}"));
        }
    }

    /// `nova-images: ...` unless `-q`: outcomes a person wants to see (summaries).
    pub fn info(&self, message: &str) {
        if self.level() >= Level::Normal {
            self.line(&format!("nova-images: {message}"));
        }
    }

    /// `nova-images: ...` with `-v` (or `--debug`).
    pub fn notice(&self, message: &str) {
        if self.level() >= Level::Verbose {
            self.line(&format!("nova-images: {message}"));
        }
    }

    /// Is `--debug` on? Lets callers skip building debug text.
    pub fn debugging(&self) -> bool {
        self.level() >= Level::Debug
    }

    /// `nova-images: debug: ...` with `--debug`.
    pub fn debug(&self, message: &str) {
        if self.debugging() {
            self.line(&format!("nova-images: debug: {message}"));
        }
    }

    /// Records an HTTP exchange for `--timing`.
    pub fn record(&self, timing: Timing) {
        if let Ok(mut t) = self.inner.timings.lock() {
            t.push(timing);
        }
    }

    /// Records a phase (e.g. "config load") for `--timing`.
    pub fn phase(&self, name: &str, elapsed: Duration) {
        if let Ok(mut p) = self.inner.phases.lock() {
            p.push((name.to_owned(), elapsed));
        }
    }

    /// Every exchange recorded so far.
    pub fn timings(&self) -> Vec<Timing> {
        self.inner
            .timings
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default()
    }

    /// Every phase recorded so far.
    pub fn phases(&self) -> Vec<(String, Duration)> {
        self.inner
            .phases
            .lock()
            .map(|p| p.clone())
            .unwrap_or_default()
    }

    /// Time since the run started.
    pub fn elapsed(&self) -> Duration {
        self.inner.started.elapsed()
    }
}

/// `text` made inert for a terminal: control characters (but, with `keep_newlines`, the
/// newlines that separate lines) and the bidirectional overrides (U+202A-U+202E,
/// U+2066-U+2069, which reorder what follows) as Rust escapes (`\u{1b}`, `\r`,
/// `\u{202e}`). Server text (names, statuses, messages) can hold anything.
///
/// ```
/// use nova_images::diag::escape_for_terminal;
/// assert_eq!(escape_for_terminal("a\u{1b}]52;c;x\u{7}\u{202e}b\nc", true), "a\\u{1b}]52;c;x\\u{7}\\u{202e}b\nc");
/// ```
pub fn escape_for_terminal(text: &str, keep_newlines: bool) -> String {
    let inert = |c: char| {
        (c.is_control() && !(keep_newlines && c == '\n'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(inert) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if inert(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Secrets shorter than this are not masked in lines (see [`Diag::add_secret`]).
pub const MIN_SECRET_LEN: usize = 6;

/// Every `scheme://user:password@host` in `text` as `scheme://***@host`.
///
/// ```
/// use nova_images::diag::mask_userinfo;
/// assert_eq!(
///     mask_userinfo("GET http://demo:Hunter2@h:5000/v3 failed"),
///     "GET http://***@h:5000/v3 failed"
/// );
/// assert_eq!(mask_userinfo("no url, a@b"), "no url, a@b");
/// ```
pub fn mask_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        // The authority ends at the first '/', '?', '#' or whitespace.
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(at) => {
                out.push_str("***");
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// A token as keystoneauth logs it: `{SHA256}<hex>`, never the token itself.
pub fn token_digest(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{{SHA256}}{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn levels_filter_lines() {
        for (level, want) in [
            (Level::Quiet, "E\n"),
            (Level::Normal, "E\nnova-images: warning: W\n"),
            (
                Level::Debug,
                "E\nnova-images: warning: W\nnova-images: N\nnova-images: debug: D\n",
            ),
        ] {
            let out = Shared::default();
            let diag = Diag::new(Box::new(out.clone()), level);
            diag.line("E");
            diag.warn("W");
            diag.notice("N");
            diag.debug("D");
            assert_eq!(
                String::from_utf8(out.0.lock().unwrap().clone()).unwrap(),
                want
            );
        }
    }

    #[test]
    fn lines_never_show_known_secrets_or_userinfo() {
        let out = Shared::default();
        let diag = Diag::new(Box::new(out.clone()), Level::Normal);
        diag.add_secret("gAAAAtoken123");
        diag.add_secret("pa\"ss-word");
        diag.add_secret("short");
        diag.line(
            r#"error: {"password": "pa\"ss-word"} token gAAAAtoken123, short, http://u:p@h/x"#,
        );
        assert_eq!(
            String::from_utf8(out.0.lock().unwrap().clone()).unwrap(),
            "error: {\"password\": \"***\"} token ***, short, http://***@h/x\n"
        );
    }

    #[test]
    fn digests_hide_tokens() {
        assert_eq!(
            token_digest("abc"),
            "{SHA256}ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
