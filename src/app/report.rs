//! Exit codes and hints: the one place that turns the command line's outcomes
//! ([`Failure`]) and the library's error kinds inside them into what the command line
//! promises (README "Exit codes", man page EXIT STATUS) and suggests.

use crate::app::failure::Failure;
use crate::error::{ApiError, Error, Fix, Route, chain};

/// Exit codes: a documented contract.
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
    /// The image (or name) was not found; `presence`: a name is not ACTIVE exactly once in
    /// every target.
    pub const NOT_FOUND: u8 = 5;
    /// A name matched more than one image.
    pub const AMBIGUOUS: u8 = 6;
    /// `wait` (or `delete --wait`) gave up: the image did not reach the status within
    /// `--timeout` (`--max-wait`), the limit of the whole wait.
    pub const TIMEOUT: u8 = 7;
    /// A fan-out over clouds or regions: some targets failed (each reported), the others
    /// are complete.
    pub const SOME_TARGETS: u8 = 8;
    /// Interrupted by Ctrl-C or SIGTERM (128 + SIGINT, for both).
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

/// The exit code for this failure (see [`exit`]).
pub fn exit_code(failure: &Failure) -> u8 {
    match failure {
        Failure::Lib(e) => lib_exit_code(e),
        Failure::Usage { .. } => exit::USAGE,
        // A 404 means "no such image" only for a request about one image; on the list
        // route it means a wrong endpoint.
        Failure::Image { source, .. } => match &**source {
            Failure::Lib(e) => about_one(e),
            other => exit_code(other),
        },
        Failure::MetadataKey { source, .. } => about_one(source),
        // A failure like any other: `delete` of images all in use exits 1.
        Failure::InUse { .. } => exit::FAILURE,
        Failure::NoSuchImage { .. }
        | Failure::NoneSelected { .. }
        | Failure::NotEverywhere { .. } => exit::NOT_FOUND,
        Failure::SeveralSelected { .. } => exit::AMBIGUOUS,
        Failure::WaitFailed { .. } | Failure::Jq { .. } => exit::FAILURE,
        Failure::WaitTimedOut { .. } => exit::TIMEOUT,
        Failure::KeysFailed { causes, .. } | Failure::Partial { causes, .. } => common(causes),
        Failure::Target { source, .. } => exit_code(source),
        Failure::SomeTargets {
            failed,
            total,
            causes,
        } => match failed < total {
            true => exit::SOME_TARGETS,
            false => common(causes),
        },
        Failure::Interrupted => exit::INTERRUPTED,
    }
}

/// The exit code of several failures (see [`exit::common`]).
fn common(causes: &[Failure]) -> u8 {
    exit::common(&causes.iter().map(exit_code).collect::<Vec<_>>())
}

/// The exit code of a library error about one image or key: its 404 is "not found".
fn about_one(error: &Error) -> u8 {
    match error {
        Error::Api(api) if api.status == 404 => exit::NOT_FOUND,
        other => lib_exit_code(other),
    }
}

/// The exit code for a library error.
fn lib_exit_code(error: &Error) -> u8 {
    match error {
        Error::Config { .. } => exit::CONFIG,
        Error::Unaddressable { .. } => exit::USAGE,
        Error::Auth { .. } => exit::AUTH,
        Error::Api(api) if api.is_metadata_quota() => exit::FAILURE,
        Error::Api(api) if matches!(api.status, 401 | 403) => exit::AUTH,
        Error::Api(_) => exit::FAILURE,
        Error::NameNotFound { .. } => exit::NOT_FOUND,
        Error::Ambiguous { .. } => exit::AMBIGUOUS,
        _ => exit::FAILURE,
    }
}

/// How an error is told on stderr: `nova-images: error: ...`, then `hint: ...` when there is
/// something to do; the fatal error of a run and each failure of a multi-item command alike.
pub fn lines(error: &Failure) -> Vec<String> {
    let mut lines = vec![format!("nova-images: error: {error}")];
    lines.extend(hint(error).map(|hint| format!("hint: {hint}")));
    lines
}

/// One line telling the user what to do about it, when there is something to say.
pub fn hint(failure: &Failure) -> Option<String> {
    match failure {
        Failure::Lib(e) => lib_hint(e),
        Failure::Usage { hint, .. } => hint.clone(),
        Failure::Image { source, .. } | Failure::Target { source, .. } => self::hint(source),
        Failure::MetadataKey { source, .. } if matches!(**source, Error::Unaddressable { .. }) => {
            Some(
                "a metadata key named . or .. cannot be read or unset alone; `nova-images \
                 metadata replace` rewrites the whole set"
                    .into(),
            )
        }
        Failure::MetadataKey { source, .. } => lib_hint(source),
        Failure::NoSuchImage { image, .. } => Some(format!(
            "no image has this ID, and none is named exactly {image:?} (names are \
             case-sensitive); see `nova-images list`"
        )),
        Failure::InUse { .. } => Some(
            "something still uses the image: servers booted from it, or volumes created from \
             it (and their snapshots); delete those first, or leave the images that servers \
             were booted from alone with --skip-in-use"
                .into(),
        ),
        Failure::NoneSelected { .. } => Some(
            "`nova-images list` with the same filters shows what they select (-v: how many an \
             age left out)"
                .into(),
        ),
        Failure::SeveralSelected { .. } => Some(
            "pick one with --newest or --oldest, narrow the filters, or use one of the IDs".into(),
        ),
        Failure::WaitFailed { image, .. } => Some(format!(
            "see `nova-images show {image}` for the image's state"
        )),
        Failure::WaitTimedOut { .. } => {
            Some("wait longer with --timeout SECONDS (on wait, the limit of the whole wait)".into())
        }
        Failure::NotEverywhere { .. } => {
            Some("the table (or -f json) says, target by target, what is there instead".into())
        }
        Failure::SomeTargets { .. }
        | Failure::KeysFailed { .. }
        | Failure::Partial { .. }
        | Failure::Jq { .. }
        | Failure::Interrupted => None,
    }
}

/// The hint for a library error.
fn lib_hint(error: &Error) -> Option<String> {
    match error {
        Error::Config { hint, fix, .. } | Error::Auth { hint, fix, .. } => {
            fix.as_ref().map(fix_hint).or_else(|| hint.clone())
        }
        Error::Api(api) => api_hint(api),
        // A key's comes wrapped in Failure::MetadataKey; alone, it is an image's ID.
        Error::Unaddressable { .. } => Some(
            "an image whose ID is . or .. cannot be shown, changed or deleted through Nova's \
             API (the URL would name every image); `nova-images list` still lists it"
                .into(),
        ),
        Error::NameNotFound { .. } => {
            Some("names are exact and case-sensitive; see `nova-images list`".into())
        }
        Error::Ambiguous { .. } => Some(
            "use one of the IDs instead of the name, or pick one with --newest or --oldest".into(),
        ),
        Error::Transport { source, .. } if chain(source).to_lowercase().contains("certificate") => {
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

/// The hint of an error answer, chosen by the operation and status.
fn api_hint(api: &ApiError) -> Option<String> {
    if api.is_metadata_quota() {
        return Some(
            "Nova allows at most [quota] metadata_items keys per image (128 by default); \
             unset some keys first, or replace the metadata with fewer"
                .into(),
        );
    }
    match (api.status, api.route) {
        (404, Route::MetadataKey) => {
            Some("the image has no such key; `nova-images metadata list IMAGE` shows them".into())
        }
        (401, _) => Some("the token was refused; check the cloud's credentials".into()),
        (403, Route::Servers) if api.url.contains("all_tenants=") => Some(
            "--all-projects lists every project's servers, which Nova's policy \
             (os_compute_api:servers:index:get_all_tenants) allows admins only; without it, \
             only your project's servers are checked"
                .into(),
        ),
        (403, _) => Some("your project may not own this image, or the image is protected".into()),
        (404, Route::Identity | Route::Token) => {
            Some(format!("this is not Keystone; {}", auth_url_hint()))
        }
        (404, Route::ListImages) => Some(format!(
            "this compute endpoint has no images API; Nova removed it at microversion 2.36 \
             (nova-images sends {}), so check the endpoint, or read the images from Glance \
             with --api glance",
            api.microversion
                .as_deref()
                .unwrap_or(crate::model::MICROVERSION)
        )),
        _ => None,
    }
}

/// The command line's wording of a configuration fix.
fn fix_hint(fix: &Fix) -> String {
    match fix {
        Fix::Missing { key, file } => {
            let how = match *key {
                "endpoint" => "set one with --os-endpoint or OS_ENDPOINT",
                "token" => "set one with --os-token or OS_TOKEN",
                "auth_url" => "set one with --os-auth-url or OS_AUTH_URL",
                "username" => {
                    "set a username with --os-username or OS_USERNAME, or a user ID with \
                     --os-user-id or OS_USER_ID"
                }
                "application_credential_secret" => {
                    "set one with --os-application-credential-secret or \
                     OS_APPLICATION_CREDENTIAL_SECRET"
                }
                _ => "set it",
            };
            format!("{how}, or set it for this cloud in {file}")
        }
        Fix::ApplicationCredential => "set --os-application-credential-id, or \
                                       --os-application-credential-name with --os-username"
            .into(),
        Fix::UserDomain => {
            "set --os-user-domain-name (e.g. Default) or user_domain_name in clouds.yaml".into()
        }
        Fix::ProjectDomain => {
            "set --os-project-domain-name (e.g. Default) or project_domain_name".into()
        }
        Fix::ChooseCloud => "choose one with --os-cloud or OS_CLOUD".into(),
        Fix::ClientKeyPair => {
            "give the certificate with --os-cert and its key with --os-key".into()
        }
        Fix::ComputeEndpoint => "check region_name and interface of the cloud, or set the compute \
                                 endpoint with --os-endpoint"
            .into(),
        Fix::AuthUrl { file } => format!(
            "{}; set it with --os-auth-url or OS_AUTH_URL, or for this cloud in {file}",
            auth_url_hint()
        ),
    }
}

/// What `auth_url` should name.
fn auth_url_hint() -> &'static str {
    "check auth_url: it should be Keystone's root (e.g. https://keystone.example.com:5000) or \
     its /v3"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::failure::ForImage;
    use crate::error::ApiError;

    fn api(status: u16, url: &str) -> Error {
        let route = if url.contains("/metadata/") {
            Route::MetadataKey
        } else if url.contains("/images/detail") {
            Route::ListImages
        } else {
            Route::Image
        };
        Error::Api(Box::new(ApiError {
            method: "GET".into(),
            url: url.into(),
            status,
            message: Some("Image not found.".into()),
            request_id: Some("req-1".into()),
            retried: false,
            route,
            microversion: Some("2.1".into()),
        }))
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
        let code = |e: Error| exit_code(&e.into());
        assert_eq!(code(api(404, "http://x/images/detail")), 1);
        assert_eq!(code(api(401, "http://x/images/a")), 4);
        assert_eq!(code(api(403, "http://x/images/a")), 4);
        assert_eq!(code(api(500, "http://x/images/a")), 1);
        assert_eq!(exit_code(&api(404, "http://x/images/a").for_image("a")), 5);
        assert_eq!(code(Error::config("x", None)), 3);
        assert_eq!(exit_code(&Failure::Interrupted), 130);
    }

    #[test]
    fn new_errors_keep_the_contract() {
        let quota = Error::Api(Box::new(ApiError {
            method: "POST".into(),
            url: "http://x/images/a/metadata".into(),
            status: 403,
            message: Some("Image metadata limit exceeded".into()),
            request_id: None,
            retried: false,
            route: Route::Metadata,
            microversion: Some("2.1".into()),
        }));
        let quota = Failure::from(quota);
        assert_eq!(exit_code(&quota), exit::FAILURE);
        assert!(hint(&quota).unwrap().contains("128 by default"));
        assert_eq!(exit_code(&quota.for_image("a")), exit::FAILURE);
        let key = Failure::MetadataKey {
            key: "k".into(),
            source: Box::new(api(404, "http://x/images/a/metadata/k")),
        };
        assert_eq!(
            key.to_string(),
            "key \"k\": GET http://x/images/a/metadata/k returned 404 Not Found: Image not found. (request id req-1)"
        );
        assert_eq!(exit_code(&key.for_image("a")), exit::NOT_FOUND);
        let Error::Api(missing) = api(404, "http://x/images/nope") else {
            unreachable!()
        };
        let none = Failure::NoSuchImage {
            image: "nope".into(),
            api: missing,
        };
        assert_eq!(exit_code(&none), exit::NOT_FOUND);
        assert!(
            hint(&none)
                .unwrap()
                .contains("none is named exactly \"nope\"")
        );
        let late = Failure::WaitTimedOut {
            image: "a".into(),
            target: "ACTIVE".into(),
            last: "still SAVING (25%)".into(),
            seconds: 0.5,
        };
        assert_eq!(exit_code(&late), 7);
        assert_eq!(
            late.to_string(),
            "image a: still SAVING (25%) after 0.5 s waiting for ACTIVE"
        );
    }

    #[test]
    fn an_image_in_use_is_a_failure_of_its_own_words_and_exit_1() {
        let refused = |status: u16, message: &str| {
            Error::Api(Box::new(ApiError {
                method: "DELETE".into(),
                url: "http://x/images/a".into(),
                status,
                message: Some(message.into()),
                request_id: Some("req-1".into()),
                retried: false,
                route: Route::Image,
                microversion: Some("2.1".into()),
            }))
            .for_image("a")
        };
        let nova = refused(
            500,
            "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and \
             attach the Nova API log if possible. <class 'nova.exception.ImageDeleteConflict'>",
        );
        assert!(nova.is_in_use());
        assert_eq!(
            nova.to_string(),
            "image a: in use (Nova: ImageDeleteConflict); DELETE http://x/images/a returned 500 \
             (request id req-1)"
        );
        assert_eq!(exit_code(&nova), exit::FAILURE);
        assert!(hint(&nova).is_some_and(|h| h.contains("--skip-in-use")));
        let glance = refused(409, "Image a is in use");
        assert_eq!(
            glance.to_string(),
            "image a: in use (409 Conflict: Image a is in use); DELETE http://x/images/a \
             returned 409 (request id req-1)"
        );
        // Any other 500 stays the answered failure it was.
        let fault = refused(500, "Unexpected API Error.");
        assert!(!fault.is_in_use());
        assert!(
            fault
                .to_string()
                .contains("returned 500 Internal Server Error: Unexpected")
        );
        let all = Failure::Partial {
            failed: 2,
            in_use: 0,
            total: 3,
            verb: "deleted",
            causes: vec![nova, glance],
        };
        assert_eq!(all.to_string(), "deleted 1 of 3; 2 failed");
        assert_eq!(exit_code(&all), exit::FAILURE);
        let kept = Failure::Partial {
            failed: 1,
            in_use: 2,
            total: 5,
            verb: "deleted",
            causes: vec![fault],
        };
        assert_eq!(kept.to_string(), "deleted 2 of 5; 1 failed, 2 in use");
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
    fn keystone_404s_hint_at_auth_url_never_at_nova() {
        let discovery = Failure::from(Error::Api(Box::new(ApiError {
            route: Route::Identity,
            microversion: None,
            ..match api(404, "http://k/identity") {
                Error::Api(api) => *api,
                _ => unreachable!(),
            }
        })));
        assert_eq!(
            hint(&discovery).as_deref(),
            Some(
                "this is not Keystone; check auth_url: it should be Keystone's root (e.g. \
                 https://keystone.example.com:5000) or its /v3"
            )
        );
        let token = Failure::from(Error::Auth {
            message: "cloud 'c': http://k/v3 is not a Keystone v3 token endpoint".into(),
            hint: None,
            fix: Some(Fix::AuthUrl {
                file: "clouds.yaml".into(),
            }),
        });
        assert_eq!(exit_code(&token), exit::AUTH);
        assert_eq!(
            hint(&token).as_deref(),
            Some(
                "check auth_url: it should be Keystone's root (e.g. \
                 https://keystone.example.com:5000) or its /v3; set it with --os-auth-url or \
                 OS_AUTH_URL, or for this cloud in clouds.yaml"
            )
        );
    }

    #[test]
    fn a_configuration_fix_is_worded_with_the_command_lines_options() {
        let config = |fix: Fix| {
            let failure = Failure::from(Error::Config {
                message: "m".into(),
                hint: Some("the library's own words".into()),
                fix: Some(fix),
            });
            assert_eq!(exit_code(&failure), exit::CONFIG);
            hint(&failure).unwrap_or_default()
        };
        assert_eq!(
            config(Fix::ChooseCloud),
            "choose one with --os-cloud or OS_CLOUD"
        );
        assert_eq!(
            config(Fix::Missing {
                key: "token",
                file: "/etc/openstack/clouds.yaml".into()
            }),
            "set one with --os-token or OS_TOKEN, or set it for this cloud in \
             /etc/openstack/clouds.yaml"
        );
        assert_eq!(
            config(Fix::UserDomain),
            "set --os-user-domain-name (e.g. Default) or user_domain_name in clouds.yaml"
        );
        // Without a fix, the library's hint is the hint.
        let plain = Failure::from(Error::config("m", Some("known clouds: dev".into())));
        assert_eq!(hint(&plain).as_deref(), Some("known clouds: dev"));
    }

    #[test]
    fn a_404_on_the_list_route_hints_at_the_microversion() {
        let list = hint(&api(404, "http://x/v2.1/images/detail?limit=1").into());
        assert!(list.is_some_and(|h| h.contains("2.36") && h.contains("sends 2.1")));
        assert!(hint(&api(404, "http://x/v2.1/images/abc").into()).is_none());
    }
}
