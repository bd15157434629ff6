//! Where the image API's v2 lives: version discovery of the image endpoint, as
//! openstacksdk (keystoneauth) does it for `image_api_version: 2`.

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use serde::Deserialize;
use url::Url;

use super::view::is_version;
use crate::error::{Error, Result};
use crate::http::{Http, Request};

/// The v2 URL of the image API at `endpoint` (the catalog's `image` URL or
/// `image_endpoint_override`), for `api_version` (clouds.yaml's `image_api_version`: `2` or
/// `2.N`; nova-images speaks v2 only). An endpoint that already ends in a v2 version
/// (`.../v2`) is used as it is; otherwise its root is asked for its versions (Glance answers
/// 300 with `{"versions": [...]}`) and the newest v2 that is not experimental is taken, as
/// keystoneauth picks one. A root that gives no usable answer, or a version link to another
/// host, leaves `<endpoint>/v2/`, where every Glance serves v2.
///
/// ```no_run
/// # async fn demo(http: nova_images::http::Http) -> nova_images::Result<()> {
/// let v2 = nova_images::client::discover_image_api(&http, "http://glance:9292", "2").await?;
/// assert_eq!(v2, "http://glance:9292/v2/");
/// # Ok(()) }
/// ```
pub async fn discover_image_api(http: &Http, endpoint: &str, api_version: &str) -> Result<String> {
    check_version(api_version)?;
    let mut root = Url::parse(endpoint)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| {
            Error::config(
                format!("image endpoint {endpoint:?} is not a usable http or https URL"),
                None,
            )
        })?;
    let mut segments: Vec<String> = root
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(last) = segments.last().filter(|s| is_version(s)) {
        if last == "v2" || last.starts_with("v2.") {
            return Ok(with_slash(root).into());
        }
        segments.pop();
    }
    root.set_path(&format!("/{}", segments.join("/")));
    let root = with_slash(root);
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    let answer = http
        .send(Request {
            method: reqwest::Method::GET,
            url: root.as_str(),
            headers: &headers,
            json: None,
        })
        .await?;
    let listed = (answer.status.is_success() || answer.status.as_u16() == 300)
        .then(|| pick_v2(&root, &answer.body))
        .flatten();
    Ok(match listed {
        Some(url) => url.into(),
        None => {
            http.diag()
                .debug(&format!("{root} lists no image API v2: using {root}v2/"));
            fallback(&root).into()
        }
    })
}

/// `image_api_version`: 2, or 2.N.
fn check_version(api_version: &str) -> Result<()> {
    let major = api_version
        .trim()
        .trim_start_matches(['v', 'V'])
        .split('.')
        .next()
        .unwrap_or_default();
    if major == "2" {
        return Ok(());
    }
    Err(Error::config(
        format!(
            "image API version {api_version:?} is not supported: nova-images speaks the image API v2"
        ),
        Some("set image_api_version to 2 in clouds.yaml, or leave it unset".into()),
    ))
}

fn with_slash(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    url
}

/// `<root>/v2/`.
fn fallback(root: &Url) -> Url {
    root.join("v2/").unwrap_or_else(|_| root.clone())
}

#[derive(Debug, Deserialize)]
struct Versions {
    versions: VersionList,
}

/// Glance lists its versions as an array; Keystone-style documents as `{"values": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum VersionList {
    Plain(Vec<Version>),
    Values { values: Vec<Version> },
}

#[derive(Debug, Deserialize)]
struct Version {
    id: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    links: Vec<crate::model::Link>,
}

/// Of a version document, the newest v2.N that is not experimental, by its `self` link; a
/// link to another origin than `root`'s (a Glance that advertises an internal address) gives
/// `<root>/v2/` instead, so the token goes nowhere the catalog did not name.
fn pick_v2(root: &Url, body: &[u8]) -> Option<Url> {
    let doc: Versions = serde_json::from_slice(body).ok()?;
    let versions = match doc.versions {
        VersionList::Plain(v) | VersionList::Values { values: v } => v,
    };
    let number = |id: &str| -> Option<(u32, u32)> {
        let rest = id.strip_prefix('v')?;
        let (major, minor) = rest.split_once('.').unwrap_or((rest, "0"));
        Some((major.parse().ok()?, minor.parse().ok()?))
    };
    let best = versions
        .iter()
        .filter(|v| !v.status.eq_ignore_ascii_case("experimental"))
        .filter_map(|v| number(&v.id).filter(|n| n.0 == 2).map(|n| (n, v)))
        .max_by_key(|(n, _)| *n)?
        .1;
    let href = best.links.iter().find(|l| l.rel == "self")?.href.as_str();
    let url = root.join(href).ok()?;
    Some(if url.origin() == root.origin() {
        with_slash(url)
    } else {
        fallback(root)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> Url {
        Url::parse("http://127.0.0.1:9292/").unwrap()
    }

    #[test]
    fn the_newest_v2_that_is_not_experimental_is_picked() {
        let body = br#"{"versions": [
            {"id": "v2.17", "status": "EXPERIMENTAL", "links": [{"rel": "self", "href": "http://127.0.0.1:9292/v2.17/"}]},
            {"id": "v2.16", "status": "CURRENT", "links": [{"rel": "self", "href": "http://127.0.0.1:9292/v2/"}]},
            {"id": "v2.9", "status": "SUPPORTED", "links": [{"rel": "self", "href": "http://127.0.0.1:9292/v2/"}]},
            {"id": "v1.1", "status": "DEPRECATED", "links": [{"rel": "self", "href": "http://127.0.0.1:9292/v1/"}]}
        ]}"#;
        assert_eq!(
            pick_v2(&root(), body).unwrap().as_str(),
            "http://127.0.0.1:9292/v2/"
        );
        let keystone_style = br#"{"versions": {"values": [
            {"id": "v2.3", "status": "stable", "links": [{"rel": "self", "href": "/image/v2"}]}]}}"#;
        assert_eq!(
            pick_v2(&root(), keystone_style).unwrap().as_str(),
            "http://127.0.0.1:9292/image/v2/"
        );
    }

    #[test]
    fn no_v2_or_another_origin_leaves_the_root_plus_v2() {
        assert!(pick_v2(&root(), br#"{"versions": [{"id": "v1.0", "links": []}]}"#).is_none());
        assert!(pick_v2(&root(), b"<html>").is_none());
        let elsewhere = br#"{"versions": [{"id": "v2.16", "status": "CURRENT",
            "links": [{"rel": "self", "href": "http://10.0.0.5:9292/v2/"}]}]}"#;
        assert_eq!(
            pick_v2(&root(), elsewhere).unwrap().as_str(),
            "http://127.0.0.1:9292/v2/"
        );
    }

    #[test]
    fn only_version_2_is_spoken() {
        for ok in ["2", "2.5", "v2", " 2 "] {
            assert!(check_version(ok).is_ok(), "{ok}");
        }
        for bad in ["1", "3", "", "two"] {
            let Err(Error::Config { message, .. }) = check_version(bad) else {
                panic!("{bad} was accepted");
            };
            assert!(message.contains("image API v2"), "{message}");
        }
    }

    #[tokio::test]
    async fn a_versioned_endpoint_needs_no_discovery() {
        // Nothing listens on port 9: only an endpoint that needs no request can pass.
        let http = Http::new(&Default::default()).unwrap();
        for (given, found) in [
            (
                "http://127.0.0.1:9/image/v2",
                "http://127.0.0.1:9/image/v2/",
            ),
            ("http://127.0.0.1:9/v2.16/", "http://127.0.0.1:9/v2.16/"),
        ] {
            assert_eq!(discover_image_api(&http, given, "2").await.unwrap(), found);
        }
        assert!(discover_image_api(&http, "ftp://h/", "2").await.is_err());
    }
}
