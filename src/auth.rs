//! Keystone v3: version discovery, password authentication and the compute endpoint.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::CloudConfig;
use crate::error::{ApiError, Error, Fix, Result, Route};
use crate::http::{Http, Request};
use crate::model::{Secret, Service};

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

/// Every region with a compute endpoint of `interface` in `catalog`, with that endpoint, in
/// catalog order (the first endpoint of a region wins, as for one region).
///
/// ```
/// use nova_images::auth::compute_regions;
/// use nova_images::model::Service;
/// let catalog: Vec<Service> = serde_json::from_str(r#"[{"type": "compute", "endpoints": [
///     {"interface": "public", "region_id": "R1", "url": "https://r1/v2.1"},
///     {"interface": "internal", "region_id": "R1", "url": "http://r1-internal/v2.1"},
///     {"interface": "public", "region_id": "R2", "url": "https://r2/v2.1"}]}]"#).unwrap();
/// assert_eq!(
///     compute_regions(&catalog, "public"),
///     [("R1".to_owned(), "https://r1/v2.1".to_owned()), ("R2".to_owned(), "https://r2/v2.1".to_owned())]
/// );
/// ```
pub fn compute_regions(catalog: &[Service], interface: &str) -> Vec<(String, String)> {
    service_regions(catalog, "compute", interface)
}

/// [`compute_regions`] for the image service.
pub fn image_regions(catalog: &[Service], interface: &str) -> Vec<(String, String)> {
    service_regions(catalog, "image", interface)
}

/// Every region with an endpoint of `service` and `interface`, with that endpoint.
fn service_regions(catalog: &[Service], service: &str, interface: &str) -> Vec<(String, String)> {
    let mut regions: Vec<(String, String)> = Vec::new();
    let endpoints = catalog
        .iter()
        .filter(|s| s.service_type == service)
        .flat_map(|s| &s.endpoints)
        .filter(|e| e.interface == interface);
    for e in endpoints {
        let region = e
            .region_id
            .clone()
            .or_else(|| e.region.clone())
            .unwrap_or_default();
        if !regions.iter().any(|(r, _)| *r == region) {
            regions.push((region, e.url.clone()));
        }
    }
    regions
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

/// One line per catalog service for `--debug`: types, interfaces and regions, no URLs of
/// services nova-images does not use.
fn summarise(catalog: &[Service]) -> String {
    let services: Vec<String> = catalog
        .iter()
        .map(|s| {
            let endpoints: Vec<String> = s
                .endpoints
                .iter()
                .map(|e| {
                    let region = e
                        .region_id
                        .as_deref()
                        .or(e.region.as_deref())
                        .unwrap_or("-");
                    if s.service_type == "compute" {
                        format!("{} {region} {}", e.interface, e.url)
                    } else {
                        format!("{} {region}", e.interface)
                    }
                })
                .collect();
            format!("{} [{}]", s.service_type, endpoints.join(", "))
        })
        .collect();
    format!("catalog: {}", services.join("; "))
}

/// Re-authenticates on demand, for a token that Nova refuses (401) mid-run.
///
/// One `Reauth` serves every client and task of a run that share it (clone the `Arc`):
/// - one re-authentication at a time: a 401 that arrives while one is under way waits for
///   it and gets its outcome (the new token, or its failure) instead of logging in again;
/// - a 401 for a token that was already replaced gets the new token, with no login;
/// - once Keystone refuses the credentials (or the identity endpoint is unusable), there is
///   no further attempt: every later 401 fails at once with that same error, so that a
///   revoked token with a changed password costs one failed login, not one per request
///   (Keystone locks accounts after `lockout_failure_attempts`).
#[derive(Debug)]
pub struct Reauth {
    http: Http,
    cloud: CloudConfig,
    store: Arc<dyn TokenStore>,
    gate: Gate,
}

impl Reauth {
    /// Remembers how to authenticate again.
    pub fn new(http: Http, cloud: CloudConfig, store: Arc<dyn TokenStore>) -> Self {
        Reauth {
            http,
            cloud,
            store,
            gate: Gate::default(),
        }
    }

    /// The token to repeat a request with, after Nova refused `refused` (the token that
    /// request sent; `None` when it sent none). See [`Reauth`] for when this logs in.
    pub async fn renew(&self, refused: Option<&str>) -> Result<Option<Secret>> {
        self.gate
            .renew(refused, || async {
                self.http
                    .diag()
                    .notice("Nova refused the token (401); authenticating again");
                // The refused token must not come back from the cache.
                self.store.forget(&self.cloud);
                authenticate(&self.http, &self.cloud, self.store.as_ref())
                    .await
                    .map(|s| s.token)
            })
            .await
    }

    /// What `--api auto` chose for `key` with this cloud's kept token (see
    /// [`TokenStore::api_choice`]): the identity and its store are here.
    pub fn api_choice(&self, key: &str) -> Option<ApiChoice> {
        self.store.api_choice(&self.cloud, key)
    }

    /// Keeps `--api auto`'s choice of Glance for `key` with this cloud's token.
    pub fn keep_api_choice(&self, key: &str, choice: &ApiChoice) {
        self.store.keep_api_choice(&self.cloud, key, choice);
    }
}

/// The bookkeeping of [`Reauth`], apart from Keystone so that it can be tested alone.
#[derive(Debug, Default)]
struct Gate {
    /// Held for the whole of an attempt: the 401s that arrive meanwhile queue here.
    state: tokio::sync::Mutex<Renewal>,
    /// Attempts finished so far. Read before queueing, it tells a task whether an attempt
    /// ended while it waited (then that attempt was its own) or not (then it may try).
    finished: AtomicU64,
}

#[derive(Debug, Default)]
struct Renewal {
    /// The token of the last successful attempt.
    token: Option<Secret>,
    /// Why the credentials will not work this run: every later 401 fails with it.
    refused: Option<Error>,
    /// How the last attempt ended, for the tasks that waited for it.
    last: Option<Outcome>,
}

#[derive(Debug)]
enum Outcome {
    /// It got [`Renewal::token`].
    Renewed,
    /// It failed in a way that may pass (Keystone unreachable or failing); the error again,
    /// when it can be copied.
    Failed(Option<Error>),
}

impl Gate {
    /// The token after a 401 for `refused`: the outcome of the attempt this task waited for,
    /// the one already renewed, or `attempt`'s. `attempt` runs at most once at a time.
    async fn renew<F, Fut>(&self, refused: Option<&str>, attempt: F) -> Result<Option<Secret>>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Secret>>>,
    {
        let seen = self.finished.load(Ordering::SeqCst);
        let mut state = self.state.lock().await;
        if let Some(error) = state.refused.as_ref().and_then(replay) {
            return Err(error);
        }
        if self.finished.load(Ordering::SeqCst) != seen {
            match &state.last {
                Some(Outcome::Renewed) => return Ok(state.token.clone()),
                Some(Outcome::Failed(failure)) => {
                    if let Some(error) = failure.as_ref().and_then(replay) {
                        return Err(error);
                    }
                }
                None => {}
            }
        }
        if let Some(token) = &state.token
            && Some(token.expose()) != refused
        {
            return Ok(Some(token.clone()));
        }
        let outcome = attempt().await;
        self.finished.fetch_add(1, Ordering::SeqCst);
        state.last = Some(match &outcome {
            Ok(token) => {
                state.token = token.clone();
                Outcome::Renewed
            }
            Err(error) if is_final(error) => {
                state.refused = replay(error);
                Outcome::Failed(replay(error))
            }
            Err(error) => Outcome::Failed(replay(error)),
        });
        outcome
    }
}

/// A failure that another attempt in the same run would only repeat: Keystone refused the
/// credentials, or the identity endpoint or catalog is unusable.
fn is_final(error: &Error) -> bool {
    matches!(error, Error::Auth { .. } | Error::Config { .. })
}

/// The same error again, for the tasks that share one attempt's outcome; `None` for the
/// kinds that cannot be copied (a transport or I/O error), whose tasks then try themselves.
fn replay(error: &Error) -> Option<Error> {
    Some(match error {
        Error::Auth { message, hint, fix } => Error::Auth {
            message: message.clone(),
            hint: hint.clone(),
            fix: fix.clone(),
        },
        Error::Config { message, hint, fix } => Error::Config {
            message: message.clone(),
            hint: hint.clone(),
            fix: fix.clone(),
        },
        Error::Api(api) => Error::Api(api.clone()),
        Error::Timeout {
            method,
            url,
            seconds,
        } => Error::Timeout {
            method: method.clone(),
            url: url.clone(),
            seconds: *seconds,
        },
        Error::Decode {
            method,
            url,
            message,
        } => Error::Decode {
            method: method.clone(),
            url: url.clone(),
            message: message.clone(),
        },
        _ => return None,
    })
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

/// The compute endpoint: service type exactly `compute`, the interface, and the region
/// matched on `region_id` or `region`; first match wins (as gophercloud and keystoneauth).
pub fn compute_endpoint(
    catalog: &[Service],
    interface: &str,
    region: Option<&str>,
) -> std::result::Result<String, String> {
    service_endpoint(catalog, "compute", interface, region)
}

/// The image endpoint (Glance), by the same rules as [`compute_endpoint`]: service type
/// exactly `image`, the interface, the region.
pub fn image_endpoint(
    catalog: &[Service],
    interface: &str,
    region: Option<&str>,
) -> std::result::Result<String, String> {
    service_endpoint(catalog, "image", interface, region)
}

/// The endpoint of `service` for `interface` in `region` (any region for `None`); else
/// what the catalog offers instead.
fn service_endpoint(
    catalog: &[Service],
    service: &str,
    interface: &str,
    region: Option<&str>,
) -> std::result::Result<String, String> {
    let services: Vec<&Service> = catalog
        .iter()
        .filter(|s| s.service_type == service)
        .collect();
    let found = services
        .iter()
        .flat_map(|s| &s.endpoints)
        .find(|e| {
            e.interface == interface
                && region.is_none_or(|r| {
                    e.region_id.as_deref() == Some(r) || e.region.as_deref() == Some(r)
                })
        })
        .map(|e| e.url.clone());
    found.ok_or_else(|| {
        let offered: Vec<String> = services
            .iter()
            .flat_map(|s| &s.endpoints)
            .map(|e| {
                format!(
                    "{} in {}",
                    e.interface,
                    e.region_id
                        .as_deref()
                        .or(e.region.as_deref())
                        .unwrap_or("no region")
                )
            })
            .collect();
        let wanted = match region {
            Some(r) => format!("{interface} {service} endpoint in region {r}"),
            None => format!("{interface} {service} endpoint"),
        };
        if offered.is_empty() {
            format!("no {wanted} in the service catalog: the catalog has no {service} service")
        } else {
            format!(
                "no {wanted} in the service catalog; {service} offers: {}",
                offered.join(", ")
            )
        }
    })
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

    fn catalog() -> Vec<Service> {
        serde_json::from_value(json!([
            {"type": "identity", "endpoints": [{"interface": "public", "url": "http://k"}]},
            {"type": "compute", "endpoints": [
                {"interface": "internal", "region_id": "R1", "url": "http://internal"},
                {"interface": "public", "region": "R1", "region_id": "R1", "url": "http://r1"},
                {"interface": "public", "region_id": "R2", "url": "http://r2"}
            ]}
        ]))
        .unwrap()
    }

    #[test]
    fn endpoint_matches_interface_and_region() {
        let c = catalog();
        assert_eq!(compute_endpoint(&c, "public", None).unwrap(), "http://r1");
        assert_eq!(
            compute_endpoint(&c, "public", Some("R2")).unwrap(),
            "http://r2"
        );
        assert_eq!(
            compute_endpoint(&c, "internal", Some("R1")).unwrap(),
            "http://internal"
        );
        let err = compute_endpoint(&c, "admin", Some("R1")).unwrap_err();
        assert_eq!(
            err,
            "no admin compute endpoint in region R1 in the service catalog; compute offers: \
             internal in R1, public in R1, public in R2"
        );
    }

    #[test]
    fn the_image_endpoint_follows_the_same_rules() {
        let c: Vec<Service> = serde_json::from_value(serde_json::json!([
            {"type": "compute", "endpoints": [{"interface": "public", "region_id": "R1", "url": "http://nova"}]},
            {"type": "image", "endpoints": [
                {"interface": "internal", "region_id": "R1", "url": "http://glance-internal"},
                {"interface": "public", "region": "R1", "url": "http://glance-r1"},
                {"interface": "public", "region_id": "R2", "url": "http://glance-r2"}
            ]}
        ]))
        .unwrap();
        assert_eq!(
            image_endpoint(&c, "public", None).unwrap(),
            "http://glance-r1"
        );
        assert_eq!(
            image_endpoint(&c, "public", Some("R2")).unwrap(),
            "http://glance-r2"
        );
        assert_eq!(
            image_endpoint(&c, "internal", Some("R1")).unwrap(),
            "http://glance-internal"
        );
        assert_eq!(
            image_endpoint(&c, "admin", None).unwrap_err(),
            "no admin image endpoint in the service catalog; image offers: \
             internal in R1, public in R1, public in R2"
        );
        assert_eq!(
            image_endpoint(&c[..1], "public", None).unwrap_err(),
            "no public image endpoint in the service catalog: the catalog has no image service"
        );
    }

    /// An attempt that counts itself, takes a while (so that others queue meanwhile) and
    /// ends with `outcome`.
    async fn counted(
        attempts: &std::sync::atomic::AtomicUsize,
        outcome: Result<Option<Secret>>,
    ) -> Result<Option<Secret>> {
        attempts.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        outcome
    }

    /// `tasks` concurrent 401s for `refused` on one gate; each attempt ends with `outcome()`.
    /// The attempts made, and each task's answer.
    async fn concurrent(
        gate: &Arc<Gate>,
        tasks: usize,
        refused: &'static str,
        outcome: fn() -> Result<Option<Secret>>,
    ) -> (usize, Vec<Result<Option<Secret>>>) {
        let attempts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..tasks {
            let (gate, attempts) = (gate.clone(), attempts.clone());
            set.spawn(async move {
                gate.renew(Some(refused), || counted(&attempts, outcome()))
                    .await
            });
        }
        let answers = set.join_all().await;
        (attempts.load(Ordering::SeqCst), answers)
    }

    fn new_token() -> Result<Option<Secret>> {
        Ok(Some(Secret::new("T1")))
    }

    fn refusal() -> Result<Option<Secret>> {
        Err(Error::auth(
            "authentication failed for cloud 'c': 401",
            None,
        ))
    }

    fn keystone_down() -> Result<Option<Secret>> {
        Err(Error::Timeout {
            method: "POST".into(),
            url: "http://k/v3/auth/tokens".into(),
            seconds: 1.0,
        })
    }

    fn expose(answer: &Result<Option<Secret>>) -> Option<&str> {
        answer.as_ref().ok()?.as_ref().map(Secret::expose)
    }

    #[tokio::test]
    async fn concurrent_401s_share_one_attempt_and_its_token() {
        let gate = Arc::new(Gate::default());
        let (attempts, answers) = concurrent(&gate, 8, "T0", new_token).await;
        assert_eq!(attempts, 1);
        assert!(answers.iter().all(|a| expose(a) == Some("T1")));
        // A late 401 for the old token gets the new one without logging in.
        let (attempts, answers) = concurrent(&gate, 3, "T0", refusal).await;
        assert_eq!(attempts, 0);
        assert!(answers.iter().all(|a| expose(a) == Some("T1")));
        // The new token refused too: one more attempt.
        let (attempts, _) = concurrent(&gate, 3, "T1", new_token).await;
        assert_eq!(attempts, 1);
    }

    #[tokio::test]
    async fn a_refusal_ends_every_later_attempt_with_the_same_error() {
        let gate = Arc::new(Gate::default());
        let (attempts, answers) = concurrent(&gate, 8, "T0", refusal).await;
        assert_eq!(attempts, 1);
        let (attempts, later) = concurrent(&gate, 8, "T0", new_token).await;
        assert_eq!(
            attempts, 0,
            "no login after Keystone refused the credentials"
        );
        for answer in answers.iter().chain(&later) {
            assert!(
                matches!(answer, Err(Error::Auth { message, .. })
                    if message == "authentication failed for cloud 'c': 401"),
                "{answer:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_failure_that_may_pass_is_shared_by_its_waiters_only() {
        let gate = Arc::new(Gate::default());
        let (attempts, answers) = concurrent(&gate, 8, "T0", keystone_down).await;
        assert_eq!(attempts, 1);
        assert!(
            answers
                .iter()
                .all(|a| matches!(a, Err(Error::Timeout { .. })))
        );
        // A 401 after that attempt ended may try again, and then succeeds.
        let (attempts, answers) = concurrent(&gate, 4, "T0", new_token).await;
        assert_eq!(attempts, 1);
        assert!(answers.iter().all(|a| expose(a) == Some("T1")));
    }

    #[test]
    fn the_gate_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Reauth>();
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
