//! The Nova images client: the only code that knows the images routes, headers and the
//! microversion. It mirrors gophercloud's `openstack/compute/v2/images` package
//! ([`ListOpts`], [`ComputeClient::list_detail`], [`ComputeClient::get`],
//! [`ComputeClient::delete`], [`ComputeClient::id_from_name`]), plus Nova's image-metadata
//! API, which gophercloud never had ([`ComputeClient::metadata`] and the `metadata_*`
//! methods).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use url::Url;

use crate::auth::Reauth;
use crate::error::{Error, Result, Route};
use crate::http::{Answer, Http, Request};
use crate::model::{
    Image, ImageBody, MetaBody, Metadata, MetadataBody, Secret, ServerRef, ServersPage,
};

pub use crate::model::MICROVERSION;
pub use criteria::{BadPattern, BadProperty, Criteria, NamePattern, Property};
pub use glance::{GlanceClient, discover_image_api};
pub use images::Images;
pub use list::{Api, ListOpts, Page, Pager, RawPage};
pub use open::{Connected, connect, connect_apart};
pub use select::{Listing, Selection, Tally};
pub use version::ComputeVersion;

/// How many servers [`ComputeClient::servers_booted_from`] asks for about one image.
pub const SERVERS_ASKED: usize = 5;

pub(crate) mod api_choice;
mod auto;
mod criteria;
mod glance;
mod images;
mod list;
mod open;
mod select;
mod version;

/// What a path segment escapes: the WHATWG path-segment set, `%` (so that a literal `%41`
/// stays itself), `\\` (a slash in http URLs) and every control character (which URL
/// parsers would otherwise drop).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'\\')
    .add(b'|')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// One escaped path segment. `.` and `..` cannot be sent: every URL parser on the way
/// (escaped or not) turns them into "this" or "the parent", so the request would name the
/// collection instead of the image or key.
fn segment_of(value: &str) -> Result<String> {
    if matches!(value, "." | "..") || value.is_empty() {
        return Err(Error::Unaddressable {
            value: value.to_owned(),
        });
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// A client for one compute endpoint with one token.
///
/// ```no_run
/// # async fn demo() -> nova_images::Result<()> {
/// use nova_images::{model::Secret, client::{ComputeClient, ListOpts}, http::Http};
/// let http = Http::new(&Default::default())?;
/// let nova = ComputeClient::new(http, "https://nova.example.com/v2.1", Some(Secret::new("gAAAA")))?;
/// let images = nova.list_detail(&ListOpts::default()).all().await?;
/// println!("{} images", images.len());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ComputeClient {
    http: Http,
    endpoint: Url,
    /// Shared so that a token renewed after a 401 serves every later request.
    headers: Arc<Mutex<HeaderMap>>,
    reauth: Option<Arc<Reauth>>,
    /// The microversion pinned, for error hints.
    microversion: String,
}

/// A service's endpoint as a base URL: http or https, ending in `/` so that relative paths
/// join under it; anything else is a configuration error naming the `service` and the URL.
pub(crate) fn endpoint_url(service: &str, endpoint: &str) -> Result<Url> {
    let bad_endpoint = |why: String| {
        Error::config(
            format!("{service} endpoint {endpoint:?} is not a usable URL: {why}"),
            None,
        )
    };
    let mut url = Url::parse(endpoint).map_err(|e| bad_endpoint(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad_endpoint("not http or https".into()));
    }
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    Ok(url)
}

impl ComputeClient {
    /// A client for `endpoint` (the catalog's compute URL) authenticated with `token`
    /// (`None` sends no `X-Auth-Token`, for clouds without auth), at [`MICROVERSION`].
    pub fn new(http: Http, endpoint: &str, token: Option<Secret>) -> Result<Self> {
        let endpoint = endpoint_url("compute", endpoint)?;
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let client = ComputeClient {
            http,
            endpoint,
            headers: Arc::new(Mutex::new(headers)),
            reauth: None,
            microversion: MICROVERSION.to_owned(),
        };
        client.set_token(token)?;
        client.with_microversion(MICROVERSION)
    }

    fn set_token(&self, token: Option<Secret>) -> Result<()> {
        set_token(&self.headers, token)
    }

    /// On a 401 from Nova, get a new token from `reauth` and repeat the request once. Clones
    /// of this client share `reauth`: concurrent 401s cost one re-authentication, and none
    /// after Keystone refused the credentials (see [`Reauth`]).
    pub fn with_reauth(self, reauth: Reauth) -> Self {
        self.with_shared_reauth(Arc::new(reauth))
    }

    /// [`ComputeClient::with_reauth`] with a re-authenticator that clients of several
    /// regions of one cloud share, with the same guarantees across them.
    pub fn with_shared_reauth(mut self, reauth: Arc<Reauth>) -> Self {
        self.reauth = Some(reauth);
        self
    }

    /// The same client (token, its renewal, microversion) on `http`'s connections: they
    /// close when this client and its clones are gone.
    pub fn with_http(mut self, http: Http) -> Self {
        self.http = http;
        self
    }

    /// Pins another compute microversion (2.1 to 2.35; see [`MICROVERSION`]). Both the
    /// legacy and the new header are sent, as Nova accepts either.
    pub fn with_microversion(mut self, version: &str) -> Result<Self> {
        let bad = || Error::config(format!("{version:?} is not a compute microversion"), None);
        let legacy = HeaderValue::from_str(version).map_err(|_| bad())?;
        let new = HeaderValue::from_str(&format!("compute {version}")).map_err(|_| bad())?;
        {
            let mut headers = self.headers.lock().map_err(|_| poisoned())?;
            headers.insert("x-openstack-nova-api-version", legacy);
            headers.insert("openstack-api-version", new);
        }
        self.microversion = version.to_owned();
        Ok(self)
    }

    /// The compute endpoint, with a trailing `/`.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    fn url(&self, path: &str) -> String {
        // Joining a relative path keeps any `/v2.1/{project_id}/` prefix of the endpoint.
        self.endpoint
            .join(path)
            .map_or_else(|_| format!("{}{path}", self.endpoint), String::from)
    }

    fn image_url(&self, id: &str) -> Result<String> {
        self.path(&["images", id])
    }

    /// `/images/{id}/metadata`, or `/images/{id}/metadata/{key}`, each part escaped.
    fn metadata_url(&self, id: &str, key: Option<&str>) -> Result<String> {
        match key {
            Some(key) => self.path(&["images", id, "metadata", key]),
            None => self.path(&["images", id, "metadata"]),
        }
    }

    /// The endpoint joined with `segments`, each exactly one path segment.
    fn path(&self, segments: &[&str]) -> Result<String> {
        let mut path = self.endpoint.path().to_owned();
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 {
                path.push('/');
            }
            path.push_str(&segment_of(segment)?);
        }
        let mut url = self.endpoint.clone();
        url.set_path(&path);
        Ok(url.into())
    }

    /// Sends one request without a body (see [`ComputeClient::send_json`]).
    async fn send(&self, method: reqwest::Method, url: &str, route: Route) -> Result<Answer> {
        self.send_json(method, url, None, route).await
    }

    /// Sends one request ([`send_with`]); a refusal names the microversion pinned.
    async fn send_json(
        &self,
        method: reqwest::Method,
        url: &str,
        json: Option<&serde_json::Value>,
        route: Route,
    ) -> Result<Answer> {
        let sent = Sending {
            http: &self.http,
            headers: &self.headers,
            reauth: self.reauth.as_deref(),
            content_type: None,
        };
        sent.send(method, url, json, route)
            .await
            .map_err(|e| match e {
                Error::Api(mut api) => {
                    api.microversion = Some(self.microversion.clone());
                    Error::Api(api)
                }
                other => other,
            })
    }

    /// `GET /images/detail` with `opts`, as a pager over the `images_links` chain.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// use nova_images::client::ListOpts;
    /// let opts = ListOpts { status: Some("ACTIVE".into()), limit: Some(100), ..Default::default() };
    /// let mut pages = nova.list_detail(&opts);
    /// while let Some(page) = pages.next_page().await? {
    ///     for image in page.images {
    ///         println!("{} {}", image.id, image.status);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_detail(&self, opts: &ListOpts) -> Pager<'_> {
        Pager::new(self, self.list_url(opts))
    }

    /// The URL of the first page of `GET /images/detail` with `opts`.
    fn list_url(&self, opts: &ListOpts) -> String {
        let query = opts.to_query();
        let mut first = self.url("images/detail");
        if !query.is_empty() {
            first.push('?');
            first.push_str(&query);
        }
        first
    }

    /// `GET /images/{id}`.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let image = nova.get("70a599e0-31e7-49b7-b260-868f441e862b").await?;
    /// assert_eq!(image.id, "70a599e0-31e7-49b7-b260-868f441e862b");
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &str) -> Result<Image> {
        let url = self.image_url(id)?;
        let body: ImageBody = self
            .send(reqwest::Method::GET, &url, Route::Image)
            .await?
            .decode("GET", &url)?;
        Ok(body.image)
    }

    /// `DELETE /images/{id}`: 204 (or 202) is success.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// nova.delete("70a599e0-31e7-49b7-b260-868f441e862b").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, id: &str) -> Result<()> {
        match self
            .send(reqwest::Method::DELETE, &self.image_url(id)?, Route::Image)
            .await
        {
            Ok(_) => Ok(()),
            // A DELETE that was retried may have succeeded on an attempt whose answer was
            // lost: a 404 then means it is gone.
            Err(Error::Api(api)) if api.status == 404 && api.retried => {
                self.http.diag().debug(&format!(
                    "DELETE {} answered 404 after a retry: counted as deleted",
                    api.url
                ));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Servers booted from image `id` (`GET /servers/detail?image=<id>`), at most
    /// [`SERVERS_ASKED`] of them (one request, never paged: enough to tell that the image
    /// is in use and to name the servers); with `all_projects` every project's
    /// (`all_tenants=1`, which Nova's default policy allows admins only: a 403 otherwise),
    /// else the token's project's. Servers booted from a volume made of the image do not
    /// name it, so they are not among them.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let servers = nova.servers_booted_from("70a599e0-31e7-49b7-b260-868f441e862b", false).await?;
    /// for server in &servers {
    ///     println!("{} {}", server.id, server.name.as_deref().unwrap_or(""));
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn servers_booted_from(
        &self,
        id: &str,
        all_projects: bool,
    ) -> Result<Vec<ServerRef>> {
        // The ID travels as a query value, escaped; one that no path could carry is refused
        // all the same, as everywhere else an image ID is sent.
        segment_of(id)?;
        let mut url = self.endpoint.join("servers/detail").map_err(|e| {
            Error::config(
                format!(
                    "compute endpoint {} cannot name servers: {e}",
                    self.endpoint
                ),
                None,
            )
        })?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("image", id);
            query.append_pair("limit", &SERVERS_ASKED.to_string());
            if all_projects {
                query.append_pair("all_tenants", "1");
            }
        }
        let url = String::from(url);
        let page: ServersPage = self
            .send(reqwest::Method::GET, &url, Route::Servers)
            .await?
            .decode("GET", &url)?;
        let mut servers = page.servers;
        // A server that ignores the limit costs no more than it asked for.
        servers.truncate(SERVERS_ASKED);
        Ok(servers)
    }

    /// Every image whose name is exactly `name` (server-side `name` filter, then an exact,
    /// case-sensitive match on the client), across all pages.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let named = nova.images_named("ubuntu-24.04").await?;
    /// # Ok(()) }
    /// ```
    pub async fn images_named(&self, name: &str) -> Result<Vec<Image>> {
        Api::from(self).images_named(name).await
    }

    /// The ID of the one image named exactly `name` (gophercloud's `IDFromName`):
    /// [`Error::NameNotFound`] for none, [`Error::Ambiguous`] for several.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// match nova.id_from_name("cirros").await {
    ///     Ok(id) => println!("{id}"),
    ///     Err(nova_images::Error::Ambiguous { candidates, .. }) => {
    ///         println!("{} images are called cirros", candidates.len())
    ///     }
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn id_from_name(&self, name: &str) -> Result<String> {
        Api::from(self).id_from_name(name).await
    }
}

impl ComputeClient {
    /// `GET /images/{id}/metadata`: every metadata key of the image (its Glance properties),
    /// sorted by key.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let metadata = nova.metadata("70a599e0-31e7-49b7-b260-868f441e862b").await?;
    /// for (key, value) in &metadata {
    ///     println!("{key}={value}");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn metadata(&self, id: &str) -> Result<Metadata> {
        let url = self.metadata_url(id, None)?;
        let body: MetadataBody = self
            .send(reqwest::Method::GET, &url, Route::Metadata)
            .await?
            .decode("GET", &url)?;
        Ok(body.metadata)
    }

    /// `GET /images/{id}/metadata/{key}`: the value of one key. A key the image does not
    /// have is a 404 ("The resource could not be found.").
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let distro = nova.metadata_get("70a599e0-31e7-49b7-b260-868f441e862b", "os_distro").await?;
    /// assert_eq!(distro, "alpine");
    /// # Ok(()) }
    /// ```
    pub async fn metadata_get(&self, id: &str, key: &str) -> Result<serde_json::Value> {
        let url = self.metadata_url(id, Some(key))?;
        let mut body: MetaBody = self
            .send(reqwest::Method::GET, &url, Route::MetadataKey)
            .await?
            .decode("GET", &url)?;
        body.meta.remove(key).ok_or_else(|| Error::Decode {
            method: "GET".into(),
            url: url.clone(),
            message: format!("the answer has no value for {key:?}"),
        })
    }

    /// `POST /images/{id}/metadata`: merges `metadata` into the image's (keys not given are
    /// kept) and returns the whole metadata afterwards. Nova refuses more than its
    /// `[quota] metadata_items` keys (128 by default) with a 403 (see
    /// [`crate::error::ApiError::is_metadata_quota`]).
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let pairs = [("os_distro".to_owned(), "alpine".to_owned())].into();
    /// let all = nova.metadata_set("70a599e0-31e7-49b7-b260-868f441e862b", &pairs).await?;
    /// assert_eq!(all["os_distro"], "alpine");
    /// # Ok(()) }
    /// ```
    pub async fn metadata_set(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        self.write_metadata(reqwest::Method::POST, id, metadata)
            .await
    }

    /// `PUT /images/{id}/metadata`: replaces all of the image's metadata with `metadata`
    /// (keys not given are removed) and returns the new metadata.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let only = [("os_distro".to_owned(), "alpine".to_owned())].into();
    /// let all = nova.metadata_replace("70a599e0-31e7-49b7-b260-868f441e862b", &only).await?;
    /// assert_eq!(all.len(), 1);
    /// # Ok(()) }
    /// ```
    pub async fn metadata_replace(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        self.write_metadata(reqwest::Method::PUT, id, metadata)
            .await
    }

    async fn write_metadata(
        &self,
        method: reqwest::Method,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        let url = self.metadata_url(id, None)?;
        let json = serde_json::json!({ "metadata": metadata });
        let body: MetadataBody = self
            .send_json(method.clone(), &url, Some(&json), Route::Metadata)
            .await?
            .decode(method.as_str(), &url)?;
        Ok(body.metadata)
    }

    /// `DELETE /images/{id}/metadata/{key}`: 204 is success; a key the image does not have
    /// is a 404 ("Invalid metadata key").
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// nova.metadata_delete("70a599e0-31e7-49b7-b260-868f441e862b", "os_distro").await?;
    /// # Ok(()) }
    /// ```
    pub async fn metadata_delete(&self, id: &str, key: &str) -> Result<()> {
        let url = self.metadata_url(id, Some(key))?;
        match self
            .send(reqwest::Method::DELETE, &url, Route::MetadataKey)
            .await
        {
            Ok(_) => Ok(()),
            // As for images: a retried DELETE may have worked on an attempt whose answer was
            // lost, so a 404 then means the key is gone.
            Err(Error::Api(api)) if api.status == 404 && api.retried => {
                self.http.diag().debug(&format!(
                    "DELETE {} answered 404 after a retry: counted as removed",
                    api.url
                ));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// Sets (or, for `None`, removes) the `X-Auth-Token` of `headers`, marked sensitive.
fn set_token(headers: &Mutex<HeaderMap>, token: Option<Secret>) -> Result<()> {
    let value = match token {
        None => None,
        Some(token) => {
            let mut value = HeaderValue::from_str(token.expose())
                .map_err(|_| Error::auth("the token is not a valid HTTP header value", None))?;
            value.set_sensitive(true);
            Some(value)
        }
    };
    let mut headers = headers.lock().map_err(|_| poisoned())?;
    match value {
        Some(v) => headers.insert("x-auth-token", v),
        None => headers.remove("x-auth-token"),
    };
    Ok(())
}

/// What sending a request of a client takes: the HTTP client, the headers every request
/// carries (the token among them, shared by the clones of a client) and the
/// re-authentication. The Nova and the Glance client send through it alike.
struct Sending<'a> {
    http: &'a Http,
    headers: &'a Mutex<HeaderMap>,
    reauth: Option<&'a Reauth>,
    /// The body's media type, when it is not `application/json`.
    content_type: Option<&'static str>,
}

impl Sending<'_> {
    /// Sends one request; after a 401 it is sent once more with the token [`Reauth::renew`]
    /// gives (shared with every request that was refused meanwhile). Any non-2xx status is
    /// an [`Error::Api`].
    async fn send(
        &self,
        method: reqwest::Method,
        url: &str,
        json: Option<&serde_json::Value>,
        route: Route,
    ) -> Result<Answer> {
        let mut renewed = false;
        loop {
            let mut headers = self.headers.lock().map_err(|_| poisoned())?.clone();
            if let Some(media_type) = self.content_type {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
            }
            let answer = self
                .http
                .send(Request {
                    method: method.clone(),
                    url,
                    headers: &headers,
                    json,
                })
                .await?;
            let status = answer.status;
            if status.is_success() {
                return Ok(answer);
            }
            if status == reqwest::StatusCode::UNAUTHORIZED
                && !renewed
                && let Some(reauth) = self.reauth
            {
                let sent = headers.get("x-auth-token").and_then(|v| v.to_str().ok());
                set_token(self.headers, reauth.renew(sent).await?)?;
                renewed = true;
                continue;
            }
            let api = answer.api_error(method.as_str(), url, route);
            return Err(Error::Api(Box::new(api)));
        }
    }
}

fn poisoned() -> Error {
    Error::io(
        "internal state",
        std::io::Error::other("a lock was poisoned by an earlier failure"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_urls_keep_the_project_prefix_and_escape_ids() {
        let c = ComputeClient::new(
            Http::new(&Default::default()).unwrap(),
            "http://h:8774/v2.1/proj",
            Some(Secret::new("t")),
        )
        .unwrap();
        assert_eq!(
            c.image_url("a/b c").unwrap(),
            "http://h:8774/v2.1/proj/images/a%2Fb%20c"
        );
        assert_eq!(
            c.image_url("a\r\nb%41\\").unwrap(),
            "http://h:8774/v2.1/proj/images/a%0D%0Ab%2541%5C"
        );
        for bad in [".", "..", ""] {
            assert!(matches!(c.image_url(bad), Err(Error::Unaddressable { .. })));
            assert!(c.metadata_url("a", Some(bad)).is_err());
        }
        assert_eq!(
            c.metadata_url("...", Some(".x")).unwrap(),
            "http://h:8774/v2.1/proj/images/.../metadata/.x"
        );
        assert_eq!(
            c.url("images/detail"),
            "http://h:8774/v2.1/proj/images/detail"
        );
        assert_eq!(
            c.metadata_url("a", Some("hw:cpu policy/x")).unwrap(),
            "http://h:8774/v2.1/proj/images/a/metadata/hw:cpu%20policy%2Fx"
        );
        assert_eq!(
            c.metadata_url("a", None).unwrap(),
            "http://h:8774/v2.1/proj/images/a/metadata"
        );
    }
}
