//! The command line's outcomes: a library failure ([`Failure::Lib`]), or what only the
//! command line makes of its work (a usage error, an image or key it was about, a wait that
//! gave up, some targets or items that failed, Ctrl-C). The library's [`Error`] knows none
//! of these; exit codes and hints for both are chosen in [`report`](super::report).

use crate::error::{ApiError, Error};
use crate::model::Image;

/// Everything that can end a command, or one item of it, unsuccessfully.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The library failed (configuration, authentication, a request, a file).
    #[error(transparent)]
    Lib(#[from] Error),

    /// A command-line value that clap could not check (e.g. an unknown column name).
    #[error("{message}")]
    Usage {
        /// What is wrong with the arguments.
        message: String,
        /// The valid choices, or how to fix it.
        hint: Option<String>,
    },

    /// No image is what the filters checked on the client select (with a name, an ID, or
    /// a name pattern).
    #[error("no image {what}")]
    NoneSelected {
        /// The selection in words: `named "x", with os_distro="ubuntu"`.
        what: String,
    },

    /// More than one image is what the filters checked on the client select.
    #[error("{} images {what}: {}", candidates.len(), describe_named(candidates))]
    SeveralSelected {
        /// The selection in words.
        what: String,
        /// Every image selected (perhaps only their ID, name, status and creation time).
        candidates: Vec<Image>,
    },

    /// A failure about one particular image.
    #[error("image {image}: {source}")]
    Image {
        /// The image ID or name as the user gave it.
        image: String,
        /// What went wrong.
        #[source]
        source: Box<Failure>,
    },

    /// Neither an image with this ID nor one with exactly this name exists: the 404 of the
    /// ID lookup, after the name lookup found nothing either.
    #[error("image {image}: {api}")]
    NoSuchImage {
        /// The image ID or name as the user gave it.
        image: String,
        /// The 404 answer to `GET /images/{image}`.
        api: Box<ApiError>,
    },

    /// The cloud refused to delete an image that is still in use (see
    /// [`ApiError::is_in_use`]): a refusal, not the cloud failing.
    #[error("image {image}: in use ({}); {}", in_use_cause(api), exchange(api))]
    InUse {
        /// The image ID or name as the user gave it.
        image: String,
        /// The refusal.
        api: Box<ApiError>,
    },

    /// The server's answer about one metadata key of an image (wrapped in
    /// [`Failure::Image`]).
    #[error("key {key:?}: {source}")]
    MetadataKey {
        /// The metadata key.
        key: String,
        /// The answer.
        #[source]
        source: Box<Error>,
    },

    /// `wait` saw the image fail (status ERROR) or disappear.
    #[error("image {image}: {what} while waiting for {target}")]
    WaitFailed {
        /// The image ID or name as the user gave it.
        image: String,
        /// The status waited for.
        target: String,
        /// What happened, with the server's message when there is one.
        what: String,
    },

    /// `wait` reached its limit before the image reached the status.
    #[error("image {image}: {last} after {seconds} s waiting for {target}")]
    WaitTimedOut {
        /// The image ID or name as the user gave it.
        image: String,
        /// The status waited for.
        target: String,
        /// The last thing seen: `still SAVING (25%)`, or `no answer`.
        last: String,
        /// The limit that was reached.
        seconds: f64,
    },

    /// One target of a fan-out (a cloud, or one region of it) failed.
    #[error("cloud '{cloud}'{}: {source}", region.as_ref().map(|r| format!(" region '{r}'")).unwrap_or_default())]
    Target {
        /// The cloud.
        cloud: String,
        /// The region, when one was chosen.
        region: Option<String>,
        /// What went wrong.
        #[source]
        source: Box<Failure>,
    },

    /// Some targets of a fan-out failed; each was already reported, the others' results are
    /// complete.
    #[error("{failed} of {total} targets failed; the others are complete")]
    SomeTargets {
        /// How many failed.
        failed: usize,
        /// How many there were.
        total: usize,
        /// The failures.
        causes: Vec<Failure>,
    },

    /// Some metadata keys of an image could not be removed; each was already reported.
    #[error("image {image}: {failed} of {total} metadata keys could not be unset")]
    KeysFailed {
        /// The image ID or name as the user gave it.
        image: String,
        /// How many failed.
        failed: usize,
        /// How many were attempted.
        total: usize,
        /// The failures (already reported one by one).
        causes: Vec<Failure>,
    },

    /// Some items of a multi-item command failed; each failure was already reported.
    #[error("{verb} {} of {total}; {failed} failed{}", total.saturating_sub(failed + in_use), in_use_part(*in_use))]
    Partial {
        /// How many failed.
        failed: usize,
        /// How many were refused as in use and left alone on purpose (`prune`), not among
        /// `failed`.
        in_use: usize,
        /// How many were attempted.
        total: usize,
        /// Past participle of the action ("deleted").
        verb: &'static str,
        /// The failures (already reported one by one), so that e.g. "all not found" can
        /// still be told apart.
        causes: Vec<Failure>,
    },

    /// `presence`: some names are not ACTIVE exactly once (or, by `rule`, otherwise as
    /// asked) in every target; the table was printed and says where.
    #[error("{} of {total} names {rule} in every target: {}", names.len(), listed(names))]
    NotEverywhere {
        /// The names that are not.
        names: Vec<String>,
        /// How many names were checked.
        total: usize,
        /// What each should be, in words: `are not ACTIVE exactly once`.
        rule: &'static str,
    },

    /// The `--jq` filter failed while it ran (e.g. it indexed a string); the lines it wrote
    /// before are whole.
    #[error("--jq: {message}")]
    Jq {
        /// jaq's message.
        message: String,
    },

    /// The user pressed Ctrl-C.
    #[error("interrupted")]
    Interrupted,
}

/// The app's results.
pub type Result<T, E = Failure> = std::result::Result<T, E>;

impl Failure {
    /// A usage error with an optional hint.
    pub(crate) fn usage(message: impl Into<String>, hint: Option<String>) -> Self {
        Failure::Usage {
            message: message.into(),
            hint,
        }
    }

    /// A configuration error with an optional hint (the library's kind).
    pub(crate) fn config(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::config(message, hint).into()
    }

    /// An I/O error with what was being done (the library's kind).
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::io(context, source).into()
    }

    /// The cloud refused to delete the image because it is in use.
    pub(crate) fn is_in_use(&self) -> bool {
        matches!(self, Failure::InUse { .. })
    }

    /// True when stdout was closed by the reader (`nova-images list | head -1`): not an error.
    pub(crate) fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Lib(e) if e.is_broken_pipe())
    }
}

/// Wrapping a failure as one about an image: for the app's failures and the library's
/// errors alike, so that `.map_err(|e| e.for_image(id))` reads the same on both.
pub trait ForImage {
    /// This failure as one about `image`.
    fn for_image(self, image: &str) -> Failure;
}

impl<E: Into<Failure>> ForImage for E {
    fn for_image(self, image: &str) -> Failure {
        match self.into() {
            Failure::Lib(Error::Api(api)) if api.is_in_use() => Failure::InUse {
                image: image.to_owned(),
                api,
            },
            source => Failure::Image {
                image: image.to_owned(),
                source: Box::new(source),
            },
        }
    }
}

/// Who refused, and how: Nova's 500 says only the exception's name (its message asks for a
/// bug report, which would mislead); Glance's 409 says it in words.
fn in_use_cause(api: &ApiError) -> String {
    match (api.status, &api.message) {
        (500, _) => "Nova: ImageDeleteConflict".into(),
        (_, Some(message)) => format!("{} {}: {message}", api.status, reason(api.status)),
        (_, None) => format!("{} {}", api.status, reason(api.status)),
    }
}

/// `DELETE <url> returned 500 (request id ...)`: the exchange, without the server's words.
fn exchange(api: &ApiError) -> String {
    let mut text = format!("{} {} returned {}", api.method, api.url, api.status);
    if let Some(id) = &api.request_id {
        text.push_str(&format!(" (request id {id})"));
    }
    text
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or_default()
}

/// `, N in use` when N is not zero.
fn in_use_part(in_use: usize) -> String {
    match in_use {
        0 => String::new(),
        n => format!(", {n} in use"),
    }
}

fn describe_named(candidates: &[Image]) -> String {
    candidates
        .iter()
        .map(|i| {
            let name = i
                .name
                .as_deref()
                .map(|n| format!(" {n:?}"))
                .unwrap_or_default();
            format!(
                "{}{name} ({}, created {})",
                i.id,
                i.status,
                i.created.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names for one line: the first few, quoted, and how many more.
fn listed(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = (names.iter().take(SHOWN))
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}
