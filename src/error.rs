//! The one error type of the crate, and the only place that knows exit codes and hints.
//!
//! Every variant renders as a single line that names the thing that failed (cloud, file,
//! image, URL). `main.rs` prints it once as `nova-images: error: <message>` followed by
//! `hint: <hint>` when [`Error::hint`] has one.

use std::fmt;

use crate::model::Image;

/// Exit codes: a documented contract (README "Exit codes", man page EXIT STATUS).
pub mod exit {
    /// Everything worked.
    pub const OK: u8 = 0;
    /// An API error or any other runtime failure.
    pub const FAILURE: u8 = 1;
    /// Bad command-line usage (clap's own code).
    pub const USAGE: u8 = 2;
    /// clouds.yaml or other configuration problem.
    pub const CONFIG: u8 = 3;
    /// Authentication or authorization failed (401/403).
    pub const AUTH: u8 = 4;
    /// The image (or name) was not found.
    pub const NOT_FOUND: u8 = 5;
    /// A name matched more than one image.
    pub const AMBIGUOUS: u8 = 6;
    /// `wait` gave up: the image did not reach the status within `--max-wait`.
    pub const TIMEOUT: u8 = 7;
    /// Interrupted by Ctrl-C (128 + SIGINT).
    pub const INTERRUPTED: u8 = 130;

    /// The exit code of several failures of one command: theirs when they are all alike
    /// (all not found: 5), else [`FAILURE`].
    pub fn common(codes: &[u8]) -> u8 {
        match codes.split_first() {
            Some((&first, rest)) if rest.iter().all(|&c| c == first) => first,
            _ => FAILURE,
        }
    }
}

/// An error answered by an OpenStack service: the HTTP exchange plus what the server said.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP method of the request.
    pub method: String,
    /// URL of the request (never carries credentials).
    pub url: String,
    /// HTTP status code of the answer.
    pub status: u16,
    /// The server's own message, from its JSON fault body, or a short excerpt of the body.
    pub message: Option<String>,
    /// The `x-openstack-request-id` (or `x-compute-request-id`) header, if any.
    pub request_id: Option<String>,
    /// The answer came after one or more retries.
    pub retried: bool,
}

impl ApiError {
    /// Nova's image-metadata quota (`[quota] metadata_items`, 128 by default) refused the
    /// change: a 403 that is not about permissions.
    pub fn is_metadata_quota(&self) -> bool {
        self.status == 403
            && self
                .message
                .as_deref()
                .is_some_and(|m| m.contains("metadata limit exceeded"))
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} returned {}", self.method, self.url, self.status)?;
        if let Some(reason) = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            write!(f, " {reason}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in nova-images.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration problem: clouds.yaml missing or invalid, unknown cloud, missing option.
    #[error("{message}")]
    Config {
        /// What is wrong, naming the file, cloud or key.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },

    /// A command-line value that clap could not check (e.g. an unknown column name).
    #[error("{message}")]
    Usage {
        /// What is wrong with the arguments.
        message: String,
        /// The valid choices, or how to fix it.
        hint: Option<String>,
    },

    /// Keystone refused the credentials, or the catalog has no usable compute endpoint.
    #[error("{message}")]
    Auth {
        /// What failed, naming the cloud and Keystone's own message.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },

    /// An OpenStack service answered with an error status.
    #[error("{0}")]
    Api(ApiError),

    /// An error about one particular image.
    #[error("image {image}: {source}")]
    Image {
        /// The image ID or name as the user gave it.
        image: String,
        /// What went wrong.
        #[source]
        source: Box<Error>,
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

    /// An error about one metadata key of an image (wrapped in [`Error::Image`]).
    #[error("key {key:?}: {source}")]
    MetadataKey {
        /// The metadata key.
        key: String,
        /// What went wrong.
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

    /// `wait` reached `--max-wait` before the image reached the status.
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

    /// Some metadata keys of an image could not be removed; each was already reported.
    #[error("image {image}: {failed} of {total} metadata keys could not be unset")]
    KeysFailed {
        /// The image ID or name as the user gave it.
        image: String,
        /// How many failed.
        failed: usize,
        /// How many were attempted.
        total: usize,
        /// The exit code of the failures when they are all of one kind, else 1.
        code: u8,
    },

    /// No image has the given name.
    #[error("no image named {name:?}")]
    NameNotFound {
        /// The name looked up.
        name: String,
    },

    /// More than one image has the given name.
    #[error("{} images named {name:?}: {}", candidates.len(), describe(candidates))]
    Ambiguous {
        /// The name looked up.
        name: String,
        /// Every image carrying it.
        candidates: Vec<Image>,
    },

    /// The request never got an HTTP answer (DNS, connection refused, TLS, timeout).
    #[error("{method} {url} failed: {}", chain(source))]
    Transport {
        /// HTTP method of the request.
        method: String,
        /// URL of the request.
        url: String,
        /// The underlying client error.
        #[source]
        source: reqwest::Error,
    },

    /// No answer within the timeout.
    #[error("{method} {url} timed out after {seconds} s")]
    Timeout {
        /// HTTP method of the request.
        method: String,
        /// URL of the request.
        url: String,
        /// The limit that was reached.
        seconds: f64,
    },

    /// A service answered 2xx with a body that is not what the API documents.
    #[error("{method} {url}: unexpected response body: {message}")]
    Decode {
        /// HTTP method of the request.
        method: String,
        /// URL of the request.
        url: String,
        /// What did not parse.
        message: String,
    },

    /// Some items of a multi-item command failed; each failure was already reported.
    #[error("{verb} {} of {total}; {failed} failed", total - failed)]
    Partial {
        /// How many failed.
        failed: usize,
        /// How many were attempted.
        total: usize,
        /// Past participle of the action ("deleted").
        verb: &'static str,
        /// Exit code of the first failure, so that e.g. "all not found" still exits 5.
        code: u8,
    },

    /// Reading a file or writing output failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being read or written.
        context: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },

    /// The user pressed Ctrl-C.
    #[error("interrupted")]
    Interrupted,
}

fn describe(candidates: &[Image]) -> String {
    candidates
        .iter()
        .map(|i| {
            format!(
                "{} ({}, created {})",
                i.id,
                i.status,
                i.created.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// reqwest hides the useful part ("connection refused", "certificate unknown") in its sources.
pub(crate) fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut cur = err.source();
    while let Some(e) = cur {
        let s = e.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = e.source();
    }
    parts.join(": ")
}

impl Error {
    /// A configuration error with an optional hint.
    pub fn config(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::Config {
            message: message.into(),
            hint,
        }
    }

    /// A usage error with an optional hint.
    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint,
        }
    }

    /// Wraps this error as one about `image`.
    pub fn for_image(self, image: &str) -> Self {
        Error::Image {
            image: image.to_owned(),
            source: Box::new(self),
        }
    }

    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// The exit code for this error (see [`exit`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Config { .. } => exit::CONFIG,
            Error::Usage { .. } => exit::USAGE,
            Error::Auth { .. } => exit::AUTH,
            Error::Api(api) if api.is_metadata_quota() => exit::FAILURE,
            Error::Api(api) if matches!(api.status, 401 | 403) => exit::AUTH,
            // A 404 means "no such image" only for a request about one image; on the list
            // route it means a wrong endpoint.
            Error::Image { source, .. } => match &**source {
                Error::Api(api) if api.status == 404 => exit::NOT_FOUND,
                other => other.exit_code(),
            },
            Error::MetadataKey { source, .. } => match &**source {
                Error::Api(api) if api.status == 404 => exit::NOT_FOUND,
                other => other.exit_code(),
            },
            Error::Api(_) => exit::FAILURE,
            Error::NoSuchImage { .. } | Error::NameNotFound { .. } => exit::NOT_FOUND,
            Error::WaitFailed { .. } => exit::FAILURE,
            Error::WaitTimedOut { .. } => exit::TIMEOUT,
            Error::KeysFailed { code, .. } => *code,
            Error::Ambiguous { .. } => exit::AMBIGUOUS,
            Error::Partial { code, .. } => *code,
            Error::Interrupted => exit::INTERRUPTED,
            Error::Transport { .. }
            | Error::Timeout { .. }
            | Error::Decode { .. }
            | Error::Io { .. } => exit::FAILURE,
        }
    }

    /// True when stdout was closed by the reader (`nova-images list | head -1`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// One line telling the user what to do about it, when there is something to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Config { hint, .. } | Error::Usage { hint, .. } | Error::Auth { hint, .. } => {
                hint.clone()
            }
            Error::Image { source, .. } | Error::MetadataKey { source, .. } => source.hint(),
            Error::Api(api) if api.is_metadata_quota() => Some(
                "Nova allows at most [quota] metadata_items keys per image (128 by default); \
                 unset some keys first, or replace the metadata with fewer"
                    .into(),
            ),
            Error::Api(api) if api.status == 404 && api.url.contains("/metadata/") => {
                Some("the image has no such key; `nova-images metadata list IMAGE` shows them".into())
            }
            Error::Api(api) => match api.status {
                401 => Some("the token was refused; check the cloud's credentials".into()),
                403 => {
                    Some("your project may not own this image, or the image is protected".into())
                }
                404 if !api.url.contains("/images/") || api.url.contains("/images/detail") => Some(
                    "this compute endpoint has no images API; Nova removed it at \
                         microversion 2.36 (nova-images sends 2.1), so check the endpoint"
                        .into(),
                ),
                _ => None,
            },
            Error::NameNotFound { .. } => {
                Some("names are exact and case-sensitive; see `nova-images list`".into())
            }
            Error::NoSuchImage { image, .. } => Some(format!(
                "no image has this ID, and none is named exactly {image:?} (names are \
                 case-sensitive); see `nova-images list`"
            )),
            Error::Ambiguous { .. } => Some(
                "use one of the IDs instead of the name, or pick one with --newest or --oldest"
                    .into(),
            ),
            Error::WaitFailed { image, .. } => {
                Some(format!("see `nova-images show {image}` for the image's state"))
            }
            Error::WaitTimedOut { .. } => Some(
                "wait longer with --max-wait SECONDS (the whole wait), not --timeout (each request)"
                    .into(),
            ),
            Error::Transport { source, .. }
                if chain(source).to_lowercase().contains("certificate") =>
            {
                Some(
                    "the server's certificate is not trusted: set cacert for the cloud or \
                     --os-cacert / OS_CACERT (--insecure skips verification)"
                        .into(),
                )
            }
            Error::Timeout { .. } => {
                Some("the cloud did not answer in time; try again or raise --timeout".into())
            }
            Error::Transport { source, .. } if source.is_connect() => {
                Some("check that the URL is right and the cloud is reachable".into())
            }
            _ => None,
        }
    }
}

/// Convenience alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, url: &str) -> Error {
        Error::Api(ApiError {
            method: "GET".into(),
            url: url.into(),
            status,
            message: Some("Image not found.".into()),
            request_id: Some("req-1".into()),
            retried: false,
        })
    }

    #[test]
    fn several_failures_keep_their_code_only_when_alike() {
        assert_eq!(exit::common(&[5, 5]), 5);
        assert_eq!(exit::common(&[4]), 4);
        assert_eq!(exit::common(&[5, 4]), 1);
        assert_eq!(exit::common(&[]), 1);
    }

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(api(404, "http://x/images/detail").exit_code(), 1);
        assert_eq!(api(401, "http://x/images/a").exit_code(), 4);
        assert_eq!(api(403, "http://x/images/a").exit_code(), 4);
        assert_eq!(api(500, "http://x/images/a").exit_code(), 1);
        assert_eq!(api(404, "http://x/images/a").for_image("a").exit_code(), 5);
        assert_eq!(Error::config("x", None).exit_code(), 3);
        assert_eq!(Error::Interrupted.exit_code(), 130);
    }

    #[test]
    fn new_errors_keep_the_contract() {
        let quota = Error::Api(ApiError {
            method: "POST".into(),
            url: "http://x/images/a/metadata".into(),
            status: 403,
            message: Some("Image metadata limit exceeded".into()),
            request_id: None,
            retried: false,
        });
        assert_eq!(quota.exit_code(), exit::FAILURE);
        assert!(quota.hint().unwrap().contains("128 by default"));
        assert_eq!(quota.for_image("a").exit_code(), exit::FAILURE);
        let key = Error::MetadataKey {
            key: "k".into(),
            source: Box::new(api(404, "http://x/images/a/metadata/k")),
        };
        assert_eq!(
            key.to_string(),
            "key \"k\": GET http://x/images/a/metadata/k returned 404 Not Found: Image not found. (request id req-1)"
        );
        assert_eq!(key.for_image("a").exit_code(), exit::NOT_FOUND);
        let Error::Api(missing) = api(404, "http://x/images/nope") else {
            unreachable!()
        };
        let none = Error::NoSuchImage {
            image: "nope".into(),
            api: Box::new(missing),
        };
        assert_eq!(none.exit_code(), exit::NOT_FOUND);
        assert!(
            none.hint()
                .unwrap()
                .contains("none is named exactly \"nope\"")
        );
        let late = Error::WaitTimedOut {
            image: "a".into(),
            target: "ACTIVE".into(),
            last: "still SAVING (25%)".into(),
            seconds: 0.5,
        };
        assert_eq!(late.exit_code(), 7);
        assert_eq!(
            late.to_string(),
            "image a: still SAVING (25%) after 0.5 s waiting for ACTIVE"
        );
    }

    #[test]
    fn api_error_is_one_line_with_message_and_request_id() {
        assert_eq!(
            api(404, "http://x/images/a").for_image("a").to_string(),
            "image a: GET http://x/images/a returned 404 Not Found: Image not found. \
             (request id req-1)"
        );
    }

    #[test]
    fn a_404_on_the_list_route_hints_at_the_microversion() {
        let hint = api(404, "http://x/v2.1/images/detail?limit=1").hint();
        assert!(hint.is_some_and(|h| h.contains("2.36")));
        assert!(api(404, "http://x/v2.1/images/abc").hint().is_none());
    }
}
