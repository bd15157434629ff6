//! The library's one error type: typed kinds that say what failed (configuration,
//! authentication, the operation and its status, the server's message, request id, a file).
//!
//! Every variant renders as a single line that names the thing that failed (cloud, file,
//! image, URL). These are the library's failures only: it never chooses exit codes, words
//! hints about command-line options or knows a front end's own outcomes (the CLI's usage
//! errors, waits, fan-outs and Ctrl-C are its `app::failure`); a front end decides those from
//! the kinds (the CLI's `app::report`). Where the fix is a setting the user gives, [`Fix`]
//! says which, so that a front end can name its own option.

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
    /// `GET /servers/detail`: which servers were booted from an image.
    Servers,
    /// `GET` the compute endpoint's version document (`/v2.1/`).
    Versions,
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

/// What names Glance's "image in use" refusal in the 500 that Nova answers for it.
const IMAGE_DELETE_CONFLICT: &str = "ImageDeleteConflict";

/// Whether a fault message is Nova's 500 for an image Glance refuses to delete because it is
/// in use: Nova's images API does not catch `nova.exception.ImageDeleteConflict`, so its
/// "Unexpected API Error" names the class.
pub(crate) fn names_delete_conflict(message: Option<&str>) -> bool {
    message.is_some_and(|m| m.contains(IMAGE_DELETE_CONFLICT))
}

impl ApiError {
    /// The image service refused to delete an image that is still in use (RBD clones behind
    /// volumes or servers, say): Nova's 500 naming `ImageDeleteConflict`, or Glance's 409.
    /// A refusal that every repeat gets again, not the cloud failing.
    pub fn is_in_use(&self) -> bool {
        self.method == "DELETE"
            && self.route == Route::Image
            && match self.status {
                500 => names_delete_conflict(self.message.as_deref()),
                409 => true,
                _ => false,
            }
    }

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

/// Everything that can go wrong in the library.
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

    /// Reading a file or writing output failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being read or written.
        context: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
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
