//! Keystone v3: version discovery, password authentication and the compute endpoint.

use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::CloudConfig;
use crate::error::{ApiError, Error, Fix, Result, Route};
use crate::http::{Http, Request};
use crate::model::{Secret, Service};

pub use catalog::{compute_endpoint, compute_regions, image_endpoint, image_regions};
pub use reauth::Reauth;

use catalog::summarise;

mod catalog;
mod reauth;

/// A token kept between runs: the token, its expiry and the catalog it came with.
#[derive(Debug, Clone)]
pub struct StoredToken {
    /// The token.
    pub token: Secret,
    /// Keystone's `expires_at`.
    pub expires_at: String,
    /// The token's catalog.
    pub catalog: Vec<Service>,
}

/// Where tokens are kept between runs (the on-disk [`crate::cache::TokenCache`], or
/// [`NoStore`]). A store only answers with tokens that are still fresh.
pub trait TokenStore: std::fmt::Debug + Send + Sync {
    /// The fresh token of this cloud's identity, if one is kept.
    fn load(&self, cloud: &CloudConfig) -> Option<StoredToken>;
    /// Keeps a token just issued for this cloud's identity.
    fn store(&self, cloud: &CloudConfig, token: &StoredToken);
    /// Drops this identity's token (after Keystone or Nova refused it).
    fn forget(&self, cloud: &CloudConfig);
    /// What `--api auto` chose for `key` (a compute endpoint at a microversion, and the image
    /// settings) with this identity's token, if it chose Glance and the token is still the
    /// one kept: a choice lives and dies with its token, so later runs skip the failed
    /// request that made it.
    fn api_choice(&self, _cloud: &CloudConfig, _key: &str) -> Option<ApiChoice> {
        None
    }
    /// Keeps `--api auto`'s choice of Glance for `key` beside this identity's token.
    fn keep_api_choice(&self, _cloud: &CloudConfig, _key: &str, _choice: &ApiChoice) {}
}

/// `--api auto`'s choice of Glance for one compute endpoint, as a [`TokenStore`] keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApiChoice {
    /// Why: what Nova's images API answered, and that Glance answered.
    pub why: String,
    /// Glance's v2 endpoint, as discovered.
    pub glance: String,
}

/// A [`TokenStore`] that keeps nothing: every run authenticates.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoStore;

impl TokenStore for NoStore {
    fn load(&self, _: &CloudConfig) -> Option<StoredToken> {
        None
    }
    fn store(&self, _: &CloudConfig, _: &StoredToken) {}
    fn forget(&self, _: &CloudConfig) {}
}

/// What authentication yields: a token and where Nova lives.
#[derive(Debug, Clone)]
pub struct Session {
    /// The token to send as `X-Auth-Token` (`None` for auth type `none`).
    pub token: Option<Secret>,
    /// Token expiry as Keystone wrote it (`expires_at`).
    pub expires_at: Option<String>,
    /// The compute endpoint chosen from the catalog; empty when there is none and Glance
    /// serves the images alone (an images API other than Nova's, and an image endpoint).
    pub compute_url: String,
    /// The token's service catalog (empty without Keystone).
    pub catalog: Vec<Service>,
}

#[derive(Debug, Deserialize)]
struct TokenBody {
    token: Token,
}

#[derive(Debug, Deserialize)]
struct Token {
    expires_at: Option<String>,
    #[serde(default)]
    catalog: Vec<Service>,
}

/// Authenticates as the cloud's auth type says and finds the compute endpoint.
///
/// `admin_token` and `none` skip Keystone: their endpoint is the compute endpoint. The
/// Keystone types post to `/v3/auth/tokens`; `compute_endpoint_override` (`--os-endpoint`)
/// then beats the catalog.
pub async fn authenticate(
    client: &Http,
    cloud: &CloudConfig,
    store: &dyn TokenStore,
) -> Result<Session> {
    let endpoint = cloud
        .compute_endpoint_override
        .clone()
        .or_else(|| cloud.auth_value("endpoint").map(str::to_owned));
    if !cloud.auth_type.uses_keystone() {
        return Ok(Session {
            token: cloud.auth_value("token").map(Secret::new),
            expires_at: None,
            compute_url: endpoint.unwrap_or_default(),
            catalog: Vec::new(),
        });
    }
    let (token, expires_at, catalog) = match store.load(cloud) {
        Some(kept) => {
            client.diag().add_secret(kept.token.expose());
            (kept.token, Some(kept.expires_at), kept.catalog)
        }
        None => {
            let (token, issued) = issue(client, cloud).await?;
            if let Some(expires_at) = &issued.expires_at {
                store.store(
                    cloud,
                    &StoredToken {
                        token: token.clone(),
                        expires_at: expires_at.clone(),
                        catalog: issued.catalog.clone(),
                    },
                );
            }
            (token, issued.expires_at, issued.catalog)
        }
    };
    let compute_url = match endpoint {
        Some(url) => url,
        None => compute_endpoint(&catalog, &cloud.interface, cloud.region_name.as_deref())
            .or_else(|message| match glance_serves_alone(cloud, &catalog) {
                true => Ok(String::new()),
                false => Err(message),
            })
            .map_err(|message| Error::Auth {
                message: format!("cloud '{}': {message}", cloud.name),
                hint: None,
                fix: Some(Fix::ComputeEndpoint),
            })?,
    };
    Ok(Session {
        token: Some(token),
        expires_at,
        compute_url,
        catalog,
    })
}

/// Without a compute endpoint, may the images still be served? Only by Glance: when the
/// images API is not pinned to Nova's and there is an image endpoint (configured, or in the
/// catalog for the cloud's region and interface). The session's compute URL is then empty.
fn glance_serves_alone(cloud: &CloudConfig, catalog: &[Service]) -> bool {
    cloud.api != crate::config::ImageApi::Nova
        && (cloud.image_endpoint_override.is_some()
            || image_endpoint(catalog, &cloud.interface, cloud.region_name.as_deref()).is_ok())
}

/// The Keystone token URL of the cloud (`.../v3/auth/tokens`).
async fn tokens_url(client: &Http, cloud: &CloudConfig) -> Result<String> {
    let auth_url = cloud.auth_value("auth_url").unwrap_or_default();
    let identity = discover(client, auth_url).await?;
    Ok(format!("{}/auth/tokens", identity.trim_end_matches('/')))
}

/// `POST /v3/auth/tokens`: a new token and its body.
async fn issue(client: &Http, cloud: &CloudConfig) -> Result<(Secret, Token)> {
    let url = tokens_url(client, cloud).await?;
    let body = request_body(cloud);
    let headers = json_headers();
    let answer = client
        .send(Request {
            method: reqwest::Method::POST,
            url: &url,
            headers: &headers,
            json: Some(&body),
        })
        .await?;
    if !answer.status.is_success() {
        let api = answer.api_error("POST", &url, Route::Token);
        return Err(refused(cloud, api));
    }
    let token = answer
        .headers
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .map(Secret::new)
        .inspect(|token| client.diag().add_secret(token.expose()))
        .ok_or_else(|| Error::Decode {
            method: "POST".into(),
            url: url.clone(),
            message: "no X-Subject-Token header in Keystone's answer".into(),
        })?;
    let body: TokenBody = answer.decode("POST", &url)?;
    if client.diag().debugging() {
        client.diag().debug(&summarise(&body.token.catalog));
    }
    Ok((token, body.token))
}

/// The error for a token request that Keystone answered with `api` (not 2xx).
fn refused(cloud: &CloudConfig, api: ApiError) -> Error {
    let file = || cloud.clouds_file.as_ref().map(|p| p.display().to_string());
    match api.status {
        401 | 403 => Error::auth(
            format!("authentication failed for cloud '{}': {api}", cloud.name),
            Some(format!(
                "check the credentials, project and domains of cloud '{}'{}",
                cloud.name,
                file().map(|f| format!(" in {f}")).unwrap_or_default()
            )),
        ),
        // The URL answers, but not as Keystone's tokens: auth_url names something else.
        404 => Error::Auth {
            message: format!(
                "cloud '{}': {} is not a Keystone v3 token endpoint: {api}",
                cloud.name,
                api.url.trim_end_matches("/auth/tokens")
            ),
            hint: None,
            fix: Some(Fix::AuthUrl {
                file: file().unwrap_or_else(|| "clouds.yaml".into()),
            }),
        },
        _ => Error::Api(Box::new(api)),
    }
}

/// Revokes the cloud's cached token at Keystone and forgets it; `false` when none was cached.
pub async fn revoke(client: &Http, cloud: &CloudConfig, store: &dyn TokenStore) -> Result<bool> {
    let Some(cached) = store.load(cloud) else {
        return Ok(false);
    };
    let url = tokens_url(client, cloud).await?;
    let mut headers = json_headers();
    for name in ["x-auth-token", "x-subject-token"] {
        let mut value = reqwest::header::HeaderValue::from_str(cached.token.expose())
            .map_err(|_| Error::auth("the cached token is not a valid HTTP header value", None))?;
        value.set_sensitive(true);
        headers.insert(name, value);
    }
    let answer = client
        .send(Request {
            method: reqwest::Method::DELETE,
            url: &url,
            headers: &headers,
            json: None,
        })
        .await?;
    store.forget(cloud);
    // 404: Keystone no longer knows the token, which is what revoking wants.
    if answer.status.is_success() || answer.status == StatusCode::NOT_FOUND {
        Ok(true)
    } else {
        Err(Error::Api(Box::new(answer.api_error(
            "DELETE",
            &url,
            Route::Token,
        ))))
    }
}

/// The Keystone v3 base URL for `auth_url`: used as is when it ends in `/v3`, otherwise
/// found through version discovery (GET on the URL, 200 or 300 with a `versions` list).
pub async fn discover(client: &Http, auth_url: &str) -> Result<String> {
    let trimmed = auth_url.trim_end_matches('/');
    if trimmed.ends_with("/v3") {
        return Ok(trimmed.to_owned());
    }
    let answer = client
        .send(Request {
            method: reqwest::Method::GET,
            url: auth_url,
            headers: &json_headers(),
            json: None,
        })
        .await?;
    let status = answer.status;
    if !(status.is_success() || status == StatusCode::MULTIPLE_CHOICES) {
        return Err(Error::Api(Box::new(answer.api_error(
            "GET",
            auth_url,
            Route::Identity,
        ))));
    }
    let body: Value = answer.decode("GET", auth_url)?;
    choose_v3(&body).ok_or_else(|| {
        Error::config(
            format!("no supported identity version (v3) available from endpoint {auth_url}"),
            Some("point auth_url at the Keystone v3 endpoint, e.g. https://host:5000/v3".into()),
        )
    })
}

fn json_headers() -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    headers
}

/// Picks the v3 `self` link from a version document (`{"versions": {"values": [...]}}` or
/// `{"version": {...}}`).
fn choose_v3(body: &Value) -> Option<String> {
    let values: Vec<&Value> = match (body.get("versions"), body.get("version")) {
        (Some(versions), _) => versions
            .get("values")
            .unwrap_or(versions)
            .as_array()?
            .iter()
            .collect(),
        (None, Some(version)) => vec![version],
        _ => return None,
    };
    values.into_iter().find_map(|v| {
        let id = v.get("id")?.as_str()?;
        let status = v.get("status")?.as_str()?.to_ascii_lowercase();
        if !id.starts_with("v3") || !["current", "supported", "stable"].contains(&status.as_str()) {
            return None;
        }
        v.get("links")?
            .as_array()?
            .iter()
            .find(|l| l.get("rel").and_then(Value::as_str) == Some("self"))?
            .get("href")?
            .as_str()
            .map(str::to_owned)
    })
}

/// The `POST /v3/auth/tokens` body for the cloud's auth type (keystoneauth's shapes). One
/// function on purpose: identity and scope read best side by side, as in keystoneauth.
fn request_body(cloud: &CloudConfig) -> Value {
    let v = |k: &str| cloud.auth_value(k);
    let domain = |id: &str, name: &str| match (v(id), v(name)) {
        (Some(id), _) => Some(json!({ "id": id })),
        (None, Some(name)) => Some(json!({ "name": name })),
        // The generic plugins fall back to the default domain options.
        (None, None) => match (v("default_domain_id"), v("default_domain_name")) {
            (Some(id), _) => Some(json!({ "id": id })),
            (None, Some(name)) => Some(json!({ "name": name })),
            (None, None) => None,
        },
    };
    let user = || match v("user_id") {
        Some(id) => json!({ "id": id }),
        None => {
            let mut user = json!({ "name": v("username").unwrap_or_default() });
            if let Some(d) = domain("user_domain_id", "user_domain_name") {
                user["domain"] = d;
            }
            user
        }
    };
    let identity = match cloud.auth_type.as_str() {
        "token" | "v3token" => json!({
            "methods": ["token"],
            "token": { "id": v("token").unwrap_or_default() },
        }),
        "v3applicationcredential" => {
            let secret = v("application_credential_secret").unwrap_or_default();
            let credential = match v("application_credential_id") {
                Some(id) => json!({ "id": id, "secret": secret }),
                None => json!({
                    "name": v("application_credential_name").unwrap_or_default(),
                    "secret": secret,
                    "user": user(),
                }),
            };
            // The credential carries its own scope: Keystone refuses an explicit one.
            return json!({ "auth": { "identity": {
                "methods": ["application_credential"],
                "application_credential": credential,
            }}});
        }
        _ => {
            let mut user = user();
            user["password"] = json!(v("password").unwrap_or_default());
            json!({ "methods": ["password"], "password": { "user": user } })
        }
    };
    // keystoneauth's order: domain, then project (id before name), then trust, then system.
    let scope = if let Some(d) = domain_scope(cloud) {
        Some(json!({ "domain": d }))
    } else if let Some(id) = v("project_id") {
        Some(json!({ "project": { "id": id } }))
    } else if let Some(name) = v("project_name") {
        let mut project = json!({ "name": name });
        if let Some(d) = domain("project_domain_id", "project_domain_name") {
            project["domain"] = d;
        }
        Some(json!({ "project": project }))
    } else if let Some(trust) = v("trust_id") {
        Some(json!({ "OS-TRUST:trust": { "id": trust } }))
    } else {
        v("system_scope").map(|s| json!({ "system": { s: true } }))
    };
    let mut auth = json!({ "identity": identity });
    if let Some(scope) = scope {
        auth["scope"] = scope;
    }
    json!({ "auth": auth })
}

fn domain_scope(cloud: &CloudConfig) -> Option<Value> {
    match (
        cloud.auth_value("domain_id"),
        cloud.auth_value("domain_name"),
    ) {
        (Some(id), _) => Some(json!({ "id": id })),
        (None, Some(name)) => Some(json!({ "name": name })),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AuthType;
    use std::collections::BTreeMap;

    fn cloud(auth: &[(&str, &str)]) -> CloudConfig {
        typed("password", auth)
    }

    fn typed(auth_type: &str, auth: &[(&str, &str)]) -> CloudConfig {
        CloudConfig {
            name: "c".into(),
            clouds_file: None,
            secure_file: None,
            profile: None,
            profile_source: None,
            auth_type: AuthType::from_name(auth_type).unwrap(),
            auth: auth
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            region_name: None,
            interface: "public".into(),
            verify: true,
            cacert: None,
            cert: None,
            key: None,
            compute_endpoint_override: None,
            compute_api_version: "2.1".into(),
            image_endpoint_override: None,
            image_api_version: "2".into(),
            api: Default::default(),
            api_timeout: None,
            token_cache: true,
            warnings: vec![],
        }
    }

    #[test]
    fn password_body_scopes_by_name_and_domain() {
        let body = request_body(&cloud(&[
            ("username", "u"),
            ("password", "p"),
            ("user_domain_id", "default"),
            ("project_name", "demo"),
            ("project_domain_name", "Default"),
        ]));
        assert_eq!(
            body,
            json!({"auth": {
                "identity": {"methods": ["password"], "password": {"user": {
                    "name": "u", "password": "p", "domain": {"id": "default"}}}},
                "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}
            }})
        );
    }

    #[test]
    fn password_body_by_ids() {
        let body = request_body(&cloud(&[
            ("user_id", "uid"),
            ("password", "p"),
            ("project_id", "pid"),
            ("project_name", "ignored"),
        ]));
        assert_eq!(
            body["auth"]["identity"]["password"]["user"],
            json!({"id": "uid", "password": "p"})
        );
        assert_eq!(body["auth"]["scope"], json!({"project": {"id": "pid"}}));
    }

    #[test]
    fn token_body_and_domain_scope() {
        let body = request_body(&typed("v3token", &[("token", "T"), ("domain_name", "D")]));
        assert_eq!(
            body,
            json!({"auth": {"identity": {"methods": ["token"], "token": {"id": "T"}},
                            "scope": {"domain": {"name": "D"}}}})
        );
    }

    #[test]
    fn application_credential_bodies_have_no_scope() {
        let by_id = request_body(&typed(
            "v3applicationcredential",
            &[
                ("application_credential_id", "I"),
                ("application_credential_secret", "S"),
                ("project_id", "P"),
            ],
        ));
        assert_eq!(
            by_id,
            json!({"auth": {"identity": {"methods": ["application_credential"],
                "application_credential": {"id": "I", "secret": "S"}}}})
        );
        let by_name = request_body(&typed(
            "v3applicationcredential",
            &[
                ("application_credential_name", "N"),
                ("application_credential_secret", "S"),
                ("username", "u"),
                ("user_domain_id", "default"),
            ],
        ));
        assert_eq!(
            by_name["auth"]["identity"]["application_credential"],
            json!({"name": "N", "secret": "S", "user": {"name": "u", "domain": {"id": "default"}}})
        );
    }

    #[test]
    fn a_404_on_the_token_request_is_not_a_token_endpoint() {
        let api = ApiError {
            method: "POST".into(),
            url: "http://k/identity/v3/auth/tokens".into(),
            status: 404,
            message: Some("Not Found".into()),
            request_id: None,
            retried: false,
            route: Route::Token,
            microversion: None,
        };
        let error = refused(&cloud(&[]), api.clone());
        assert!(
            matches!(&error, Error::Auth { fix: Some(Fix::AuthUrl { file }), .. } if file == "clouds.yaml")
        );
        assert_eq!(
            error.to_string(),
            "cloud 'c': http://k/identity/v3 is not a Keystone v3 token endpoint: POST \
             http://k/identity/v3/auth/tokens returned 404 Not Found: Not Found"
        );
        let unauthorized = refused(
            &cloud(&[]),
            ApiError {
                status: 401,
                ..api.clone()
            },
        );
        assert!(matches!(unauthorized, Error::Auth { fix: None, .. }));
        let busy = refused(&cloud(&[]), ApiError { status: 503, ..api });
        assert!(matches!(busy, Error::Api(api) if api.route == Route::Token));
    }

    #[test]
    fn discovery_picks_the_current_v3() {
        let doc = json!({"versions": {"values": [
            {"id": "v2.0", "status": "deprecated", "links": [{"rel": "self", "href": "http://k/v2.0/"}]},
            {"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": "http://k/v3/"}]}
        ]}});
        assert_eq!(choose_v3(&doc).as_deref(), Some("http://k/v3/"));
        assert_eq!(choose_v3(&json!({"versions": {"values": []}})), None);
    }
}
