//! The one error type of the crate: typed kinds that say what failed (operation, image or
//! key, status, the server's message, request id).
//!
//! Every variant renders as a single line that names the thing that failed (cloud, file,
//! image, URL). The library never chooses exit codes or words hints about command-line
//! options: a front end does that from the kinds (the CLI's `app::report`). Where the fix is
//! a setting the user gives, [`Fix`] says which, so that a front end can name its own option.

use std::fmt;

use crate::model::Image;

/// What the user can change to fix a configuration problem; a front end words it with its
/// own option names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Give this setting (a clouds.yaml key: `auth_url`, `username`, `token`, `endpoint`,
    /// `application_credential_secret`), or set it for the cloud in `file`.
    Missing {
        /// The clouds.yaml key.
        key: &'static str,
        /// The clouds.yaml that defines the cloud (or `clouds.yaml`).
        file: String,
    },
    /// Give an application credential ID, or its name with the user.
    ApplicationCredential,
    /// Give the user's domain.
    UserDomain,
    /// Give the project's domain.
    ProjectDomain,
    /// Choose one of several clouds.
    ChooseCloud,
    /// Give the client certificate and its key.
    ClientKeyPair,
    /// Check the region and interface, or give the compute endpoint directly.
    ComputeEndpoint,
    /// Point `auth_url` at Keystone (its root or its `/v3`), or set it for the cloud in
    /// `file`: the one it names is not Keystone.
    AuthUrl {
        /// The clouds.yaml that defines the cloud (or `clouds.yaml`).
        file: String,
    },
}

/// Which Nova or Keystone operation a request was: the kind that hints are chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Keystone's version discovery (`GET auth_url`).
    Identity,
    /// Keystone's tokens: `POST` (issue) or `DELETE` (revoke) `{identity}/auth/tokens`.
    Token,
    /// `GET /images/detail`.
    ListImages,
    /// `GET` or `DELETE /images/{id}`.
    Image,
    /// `/images/{id}/metadata`.
    Metadata,
    /// `/images/{id}/metadata/{key}`.
    MetadataKey,
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
    /// The operation.
    pub route: Route,
    /// The compute microversion the request sent, for Nova requests.
    pub microversion: Option<String>,
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
        /// How to fix it, in terms of the files and variables.
        hint: Option<String>,
        /// The setting that fixes it, when it is one the user gives.
        fix: Option<Fix>,
    },

    /// A command-line value that clap could not check (e.g. an unknown column name).
    #[error("{message}")]
    Usage {
        /// What is wrong with the arguments.
        message: String,
        /// The valid choices, or how to fix it.
        hint: Option<String>,
    },

    /// Keystone refused the credentials, the identity URL is not a Keystone v3 token
    /// endpoint, or the catalog has no usable compute endpoint.
    #[error("{message}")]
    Auth {
        /// What failed, naming the cloud and Keystone's own message.
        message: String,
        /// How to fix it, in terms of the files.
        hint: Option<String>,
        /// The setting that fixes it, when it is one the user gives.
        fix: Option<Fix>,
    },

    /// An OpenStack service answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),

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
        source: Box<Error>,
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
        causes: Vec<Error>,
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
        causes: Vec<Error>,
    },

    /// An image ID or metadata key that no URL can carry as one path segment (`.`, `..`,
    /// empty): sent, it would name the collection instead.
    #[error("{value:?} cannot name an image or key in a URL (it would address the collection)")]
    Unaddressable {
        /// The ID or key as given.
        value: String,
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
        /// The failures (already reported one by one), so that e.g. "all not found" can
        /// still be told apart.
        causes: Vec<Error>,
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
            fix: None,
        }
    }

    /// An authentication error with an optional hint.
    pub fn auth(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::Auth {
            message: message.into(),
            hint,
            fix: None,
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

    /// True when stdout was closed by the reader (`nova-images list | head -1`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Convenience alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
