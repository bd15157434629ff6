//! The checks themselves: one function each, and those of a region (its endpoints,
//! the compute API's versions, one page of each images API, `--api auto`'s choice).

use std::time::Instant;

use serde_json::{Value, json};

use super::Report;
use crate::app::failure::Failure;
use crate::app::report;
use crate::cache::TokenCache;
use crate::client::api_choice::{self, Api, NovaProbe};
use crate::client::{ComputeClient, Connected, ListOpts};
use crate::config::CloudConfig;
use crate::diag::mask_userinfo;
use crate::http::Http;
use crate::model::Place;

/// Beyond this many seconds between our clock and the servers', the check fails: Keystone's
/// expiry times (and the token cache, which trusts them) would be off by as much.
const CLOCK_SLACK_SECS: i64 = 60;

/// Within this many seconds the clocks agree as far as `Date` (whole seconds, stamped
/// before the answer travels) can tell.
const CLOCK_IN_STEP_SECS: i64 = 2;

/// One check's outcome.
pub(super) struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
    /// What to do about a failure, when there is something to say.
    pub hint: Option<String>,
    /// How long its request took, when it is about one.
    pub ms: Option<u128>,
}

/// What checking one region takes.
pub(super) struct Region<'a> {
    pub cloud: &'a CloudConfig,
    pub connected: &'a Connected,
    pub http: &'a Http,
    pub cache: &'a TokenCache,
    pub name: Option<&'a str>,
    pub compute_url: &'a str,
}

impl Region<'_> {
    /// The region's checks after `checks` (the cloud's).
    pub(super) async fn check(&self, place: Place, mut checks: Vec<Check>) -> Report {
        checks.push(self.endpoints());
        let (probe, nova_failure) = match self.connected.client_at(self.compute_url) {
            _ if self.compute_url.is_empty() => {
                let failure = Failure::config(
                    format!(
                        "cloud '{}': the catalog has no compute endpoint (interface {})",
                        self.cloud.name, self.cloud.interface
                    ),
                    Some("Glance's images API can serve alone (--api auto or glance)".into()),
                );
                checks.push(failed("compute API", &failure, None));
                (NovaProbe::NoEndpoint, Some(failure))
            }
            Ok(nova) => {
                let (version, answers) = self.compute_version(&nova).await;
                checks.push(version);
                self.nova_images(&nova, answers, &mut checks).await
            }
            Err(e) => {
                let failure = Failure::from(e);
                checks.push(failed("compute API", &failure, None));
                (NovaProbe::Failed, Some(failure))
            }
        };
        let (glance, glance_failure) = self.glance_images().await;
        let glance_ok = glance.ok;
        checks.push(glance);
        let choice = api_choice::choose(probe, glance_ok, &self.cloud.compute_api_version);
        checks.push(Check {
            name: "images API",
            ok: choice.api.is_some(),
            detail: match choice.api {
                Some(Api::Nova) => format!("nova: {}", choice.why),
                Some(Api::Glance) => format!("glance: {}", choice.why),
                None => format!("none: {}", choice.why),
            },
            hint: None,
            ms: None,
        });
        checks.push(token_cache(self.cloud, self.cache));
        checks.push(clock(self.http));
        let failure = match choice.api {
            Some(_) => None,
            None => nova_failure.or(glance_failure),
        };
        Report {
            place,
            checks,
            failure,
        }
    }

    /// The catalog's (or the configuration's) compute and image endpoints.
    fn endpoints(&self) -> Check {
        let image = match &self.cloud.image_endpoint_override {
            Some(url) => mask_userinfo(url),
            None => crate::auth::image_endpoint(
                &self.connected.session.catalog,
                &self.cloud.interface,
                self.name,
            )
            .map_or_else(|why| format!("none ({why})"), |url| mask_userinfo(&url)),
        };
        Check {
            name: "endpoints",
            ok: true,
            detail: format!(
                "compute {}, image {image} (interface {})",
                match self.compute_url {
                    "" => "none".to_owned(),
                    url => mask_userinfo(url),
                },
                self.cloud.interface
            ),
            hint: None,
            ms: None,
        }
    }

    /// The compute API's version document: does the pinned microversion fall in its
    /// range? Also whether the endpoint answered at all.
    async fn compute_version(&self, nova: &ComputeClient) -> (Check, bool) {
        let pinned = &self.cloud.compute_api_version;
        let started = Instant::now();
        let found = nova.api_version().await;
        let ms = Some(started.elapsed().as_millis());
        match found {
            Ok(v) => {
                let check = Check {
                    name: "compute API",
                    ok: in_range(pinned, &v.min_version, &v.version),
                    detail: format!(
                        "{}: microversions {} to {}, pinned {pinned}",
                        v.id, v.min_version, v.version
                    ),
                    hint: None,
                    ms,
                };
                (check, true)
            }
            Err(e) => (failed("compute API", &e.into(), ms), false),
        }
    }

    /// One page of Nova's images API, timed; what it says about the API's presence.
    async fn nova_images(
        &self,
        nova: &ComputeClient,
        compute_answers: bool,
        checks: &mut Vec<Check>,
    ) -> (NovaProbe, Option<Failure>) {
        let started = Instant::now();
        let page = nova.list_detail(&one_image()).next_page().await;
        let ms = started.elapsed().as_millis();
        let pinned = &self.cloud.compute_api_version;
        match page {
            Ok(_) => {
                checks.push(Check {
                    name: "Nova images",
                    ok: true,
                    detail: format!("GET /images/detail?limit=1 at microversion {pinned}: {ms} ms"),
                    hint: None,
                    ms: Some(ms),
                });
                (NovaProbe::Answers, None)
            }
            Err(e) => {
                let probe = NovaProbe::of(&e, compute_answers);
                let failure = Failure::from(e);
                checks.push(failed("Nova images", &failure, Some(ms)));
                (probe, Some(failure))
            }
        }
    }

    /// One page of Glance's images API, timed (its version discovery not counted).
    async fn glance_images(&self) -> (Check, Option<Failure>) {
        let glance = self.connected.glance_in(self.name, Some(self.compute_url));
        let glance = match glance.await {
            Ok(glance) => glance,
            Err(e) => {
                let failure = Failure::from(e);
                return (failed("Glance images", &failure, None), Some(failure));
            }
        };
        let started = Instant::now();
        let page = glance.list(&one_image()).next_page().await;
        let ms = started.elapsed().as_millis();
        match page {
            Ok(_) => {
                let check = Check {
                    name: "Glance images",
                    ok: true,
                    detail: format!(
                        "GET {}images?limit=1: {ms} ms",
                        mask_userinfo(glance.endpoint().as_str())
                    ),
                    hint: None,
                    ms: Some(ms),
                };
                (check, None)
            }
            Err(e) => {
                let failure = Failure::from(e);
                (failed("Glance images", &failure, Some(ms)), Some(failure))
            }
        }
    }
}

/// A listing of one image: the cheapest request that proves an images API serves.
fn one_image() -> ListOpts {
    ListOpts {
        limit: Some(1),
        ..ListOpts::default()
    }
}

/// What Nova's images API failing with `error` says about it (see [`NovaProbe`]).
/// Is microversion `pinned` within `min..=max` (each `major.minor`)? A version document
/// without microversions, or one that does not parse, is not held against it.
fn in_range(pinned: &str, min: &str, max: &str) -> bool {
    let parse = |v: &str| -> Option<(u32, u32)> {
        let (major, minor) = v.split_once('.')?;
        Some((major.parse().ok()?, minor.parse().ok()?))
    };
    match (parse(pinned), parse(min), parse(max)) {
        (Some(p), Some(lo), Some(hi)) => lo <= p && p <= hi,
        _ => true,
    }
}

/// The configuration check: which files, which cloud, which profile and region.
pub(super) fn configuration(cloud: &CloudConfig) -> Check {
    let mut detail = format!("cloud '{}'", cloud.name);
    let path = |p: &std::path::PathBuf| p.display().to_string();
    match &cloud.clouds_file {
        Some(file) => detail.push_str(&format!(" from {}", path(file))),
        None => detail.push_str(" from OS_* variables"),
    }
    if let Some(file) = &cloud.secure_file {
        detail.push_str(&format!(", secrets from {}", path(file)));
    }
    if let Some(profile) = &cloud.profile {
        detail.push_str(&format!(", profile '{profile}'"));
    }
    if let Some(region) = &cloud.region_name {
        detail.push_str(&format!(", region '{region}'"));
    }
    Check {
        name: "configuration",
        ok: true,
        detail,
        hint: None,
        ms: None,
    }
}

/// The authentication check: a token issued (how long it took), or the cached one.
pub(super) fn keystone(cloud: &CloudConfig, cached: bool, ms: u128) -> Check {
    let auth_type = cloud.auth_type.as_str();
    let (detail, ms) = match (cloud.auth_type.uses_keystone(), cached) {
        (false, _) => (format!("no Keystone (auth type {auth_type})"), None),
        (true, true) => (format!("the cached token (auth type {auth_type})"), None),
        (true, false) => (
            format!("token issued in {ms} ms (auth type {auth_type})"),
            Some(ms),
        ),
    };
    Check {
        name: "Keystone",
        ok: true,
        detail,
        hint: None,
        ms,
    }
}

/// Where the token cache keeps this cloud's token, and until when it is valid.
fn token_cache(cloud: &CloudConfig, cache: &TokenCache) -> Check {
    let detail = match cache.location(cloud) {
        None => "disabled".to_owned(),
        Some(path) => match cache.fresh_until(cloud) {
            Some(until) => format!("{}, valid until {until}", path.display()),
            None => format!("{}: no token kept", path.display()),
        },
    };
    Check {
        name: "token cache",
        ok: true,
        detail,
        hint: None,
        ms: None,
    }
}

/// This machine's clock against the servers' `Date` headers.
fn clock(http: &Http) -> Check {
    let (ok, detail) = match http.clock_offset() {
        None => (true, "no server sent a Date header".to_owned()),
        Some(s) if s.abs() <= CLOCK_IN_STEP_SECS => (
            true,
            format!("in step with the servers' Date headers (within {CLOCK_IN_STEP_SECS} s)"),
        ),
        Some(s) => (
            s.abs() <= CLOCK_SLACK_SECS,
            format!(
                "the servers' Date headers are {} s {} this machine's clock",
                s.abs(),
                if s > 0 { "ahead of" } else { "behind" }
            ),
        ),
    };
    Check {
        name: "clock",
        ok,
        detail,
        hint: None,
        ms: None,
    }
}

/// A failed check: the failure's one line, and its hint.
pub(super) fn failed(name: &'static str, failure: &Failure, ms: Option<u128>) -> Check {
    Check {
        name,
        ok: false,
        detail: failure.to_string(),
        hint: report::hint(failure),
        ms,
    }
}

impl Check {
    /// The same outcome again, for another region of the cloud.
    pub(super) fn copy(&self) -> Check {
        Check {
            name: self.name,
            ok: self.ok,
            detail: self.detail.clone(),
            hint: self.hint.clone(),
            ms: self.ms,
        }
    }

    pub(super) fn doc(&self) -> Value {
        json!({
            "name": self.name,
            "ok": self.ok,
            "detail": self.detail,
            "hint": self.hint,
            "ms": self.ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_microversion_must_fall_in_the_servers_range() {
        assert!(in_range("2.1", "2.1", "2.96"));
        assert!(in_range("2.35", "2.1", "2.96"));
        assert!(!in_range("2.35", "2.1", "2.30"));
        assert!(!in_range("2.1", "2.5", "2.96"));
        // Nova before microversions: nothing to compare.
        assert!(in_range("2.1", "", ""));
    }
}
