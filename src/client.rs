//! The Nova images client: the only code that knows the images routes, headers and the
//! microversion. It mirrors gophercloud's `openstack/compute/v2/images` package
//! ([`ListOpts`], [`ComputeClient::list_detail`], [`ComputeClient::get`],
//! [`ComputeClient::delete`], [`ComputeClient::id_from_name`]), plus Nova's image-metadata
//! API, which gophercloud never had ([`ComputeClient::metadata`] and the `metadata_*`
//! methods).

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use url::Url;

use crate::auth::Reauth;
use crate::error::{Error, Result, Route};
use crate::http::{Answer, Http, Request};
use crate::model::{
    Image, ImageBody, ImagesPage, MetaBody, Metadata, MetadataBody, PageLinks, Secret,
};

pub use crate::model::MICROVERSION;

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

/// Hard cap on pages in one listing: a server that keeps sending `next` links is broken.
const MAX_PAGES: usize = 100_000;

/// Filters and paging of `GET /images/detail`, as gophercloud's `ListOpts`.
///
/// ```
/// use nova_images::client::ListOpts;
/// let opts = ListOpts { status: Some("ACTIVE".into()), limit: Some(2), ..Default::default() };
/// assert_eq!(opts.to_query(), "limit=2&status=ACTIVE");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOpts {
    /// `changes-since`: images updated at or after this ISO 8601 time.
    pub changes_since: Option<String>,
    /// `limit`: images per page.
    pub limit: Option<u32>,
    /// `marker`: the ID of the last image of the previous page.
    pub marker: Option<String>,
    /// `name`: exact name.
    pub name: Option<String>,
    /// `server`: server ID or URL (snapshots of that server).
    pub server: Option<String>,
    /// `status`: a Glance status, e.g. `ACTIVE` (Nova lower-cases it for Glance, so `SAVING`
    /// or `ERROR` match nothing: their Glance names are queued/saving and killed).
    pub status: Option<String>,
    /// `type`: Glance `image_type` property, e.g. `snapshot`.
    pub image_type: Option<String>,
    /// `minRam`: minimum RAM in MiB (exact match with a Glance v2 backend).
    pub min_ram: Option<u64>,
    /// `minDisk`: minimum disk in GiB (exact match with a Glance v2 backend).
    pub min_disk: Option<u64>,
}

impl ListOpts {
    /// The query string, as gophercloud's `ToImageListQuery`: unset values omitted, keys
    /// sorted, URL-encoded, no leading `?`.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut add = |k, v: &Option<String>| {
            if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                pairs.push((k, v.clone()));
            }
        };
        add("changes-since", &self.changes_since);
        add("marker", &self.marker);
        add("name", &self.name);
        add("server", &self.server);
        add("status", &self.status);
        add("type", &self.image_type);
        // gophercloud leaves a zero limit out: 0 means "the server's default".
        add(
            "limit",
            &self.limit.filter(|&n| n > 0).map(|n| n.to_string()),
        );
        add("minRam", &self.min_ram.map(|n| n.to_string()));
        add("minDisk", &self.min_disk.map(|n| n.to_string()));
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }
}

/// One page of `GET /images/detail`.
#[derive(Debug, Clone)]
pub struct Page {
    /// The images of this page.
    pub images: Vec<Image>,
    /// The `next` link, if the server sent one.
    pub next: Option<String>,
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

impl ComputeClient {
    /// A client for `endpoint` (the catalog's compute URL) authenticated with `token`
    /// (`None` sends no `X-Auth-Token`, for clouds without auth), at [`MICROVERSION`].
    pub fn new(http: Http, endpoint: &str, token: Option<Secret>) -> Result<Self> {
        let bad_endpoint = |why: String| {
            Error::config(
                format!("compute endpoint {endpoint:?} is not a usable URL: {why}"),
                None,
            )
        };
        let mut endpoint = Url::parse(endpoint).map_err(|e| bad_endpoint(e.to_string()))?;
        if !matches!(endpoint.scheme(), "http" | "https") {
            return Err(bad_endpoint("not http or https".into()));
        }
        if !endpoint.path().ends_with('/') {
            endpoint.set_path(&format!("{}/", endpoint.path()));
        }
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
        let value = match token {
            None => None,
            Some(token) => {
                let mut value = HeaderValue::from_str(token.expose())
                    .map_err(|_| Error::auth("the token is not a valid HTTP header value", None))?;
                value.set_sensitive(true);
                Some(value)
            }
        };
        let mut headers = self.headers.lock().map_err(|_| poisoned())?;
        match value {
            Some(v) => headers.insert("x-auth-token", v),
            None => headers.remove("x-auth-token"),
        };
        Ok(())
    }

    /// On a 401 from Nova, authenticate again once and repeat the request.
    pub fn with_reauth(self, reauth: Reauth) -> Self {
        self.with_shared_reauth(Arc::new(reauth))
    }

    /// [`ComputeClient::with_reauth`] with a re-authenticator that clients of several
    /// regions of one cloud share.
    pub fn with_shared_reauth(mut self, reauth: Arc<Reauth>) -> Self {
        self.reauth = Some(reauth);
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

    /// Sends one request; a 401 triggers one re-authentication. Any non-2xx status is an
    /// [`Error::Api`].
    async fn send_json(
        &self,
        method: reqwest::Method,
        url: &str,
        json: Option<&serde_json::Value>,
        route: Route,
    ) -> Result<Answer> {
        let mut reauthenticated = false;
        loop {
            let headers = self.headers.lock().map_err(|_| poisoned())?.clone();
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
                && !reauthenticated
                && let Some(reauth) = &self.reauth
            {
                self.http
                    .diag()
                    .notice("Nova refused the token (401); authenticating again");
                self.set_token(reauth.token().await?)?;
                reauthenticated = true;
                continue;
            }
            let mut api = answer.api_error(method.as_str(), url, route);
            api.microversion = Some(self.microversion.clone());
            return Err(Error::Api(Box::new(api)));
        }
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
        let query = opts.to_query();
        let mut first = self.url("images/detail");
        if !query.is_empty() {
            first.push('?');
            first.push_str(&query);
        }
        Pager {
            client: self,
            next: Some(first),
            seen: HashSet::new(),
            remaining: None,
            inflight: None,
        }
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

    /// Every image whose name is exactly `name` (server-side `name` filter, then an exact,
    /// case-sensitive match on the client), across all pages.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let named = nova.images_named("ubuntu-24.04").await?;
    /// # Ok(()) }
    /// ```
    pub async fn images_named(&self, name: &str) -> Result<Vec<Image>> {
        let opts = ListOpts {
            name: Some(name.to_owned()),
            ..Default::default()
        };
        // Kept page by page: a server that ignores the filter costs time, not memory.
        let mut pager = self.list_detail(&opts);
        let mut named = Vec::new();
        while let Some(page) = pager.next_page().await? {
            named.extend(
                page.images
                    .into_iter()
                    .filter(|i| i.name.as_deref() == Some(name)),
            );
        }
        Ok(named)
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
        let mut images = self.images_named(name).await?;
        match images.len() {
            0 => Err(Error::NameNotFound {
                name: name.to_owned(),
            }),
            1 => Ok(images.remove(0).id),
            _ => Err(Error::Ambiguous {
                name: name.to_owned(),
                candidates: images,
            }),
        }
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

/// Iterates the pages of a listing, following the last `next` link verbatim. The request
/// for page N+1 is sent as soon as page N's `next` link is known (found without decoding
/// the images), so it is in flight while the caller handles page N.
#[derive(Debug)]
pub struct Pager<'a> {
    client: &'a ComputeClient,
    next: Option<String>,
    seen: HashSet<String>,
    remaining: Option<usize>,
    /// The request for the next page, already sent.
    inflight: Option<tokio::task::JoinHandle<Result<(String, Answer)>>>,
}

impl Drop for Pager<'_> {
    fn drop(&mut self) {
        if let Some(task) = self.inflight.take() {
            task.abort();
        }
    }
}

impl Pager<'_> {
    /// Stops after `n` images in total, never asking a page for more than are still needed.
    ///
    /// ```no_run
    /// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
    /// let first_five = nova.list_detail(&Default::default()).max_images(5).all().await?;
    /// assert!(first_five.len() <= 5);
    /// # Ok(()) }
    /// ```
    pub fn max_images(mut self, n: usize) -> Self {
        self.remaining = Some(n);
        self
    }

    /// The next page, or `None` when the listing is complete. An empty page ends it.
    pub async fn next_page(&mut self) -> Result<Option<Page>> {
        let (url, answer) = match self.inflight.take() {
            Some(task) => task.await.map_err(|e| {
                Error::io(
                    "a page request failed",
                    std::io::Error::other(e.to_string()),
                )
            })??,
            None => match self.next_url()? {
                Some(url) => {
                    let answer = self
                        .client
                        .send(reqwest::Method::GET, &url, Route::ListImages)
                        .await?;
                    (url, answer)
                }
                None => return Ok(None),
            },
        };
        let links: PageLinks = answer.decode("GET", &url)?;
        if links.images.0 == 0 {
            self.next = None;
            return Ok(None);
        }
        let shown = self
            .remaining
            .map_or(links.images.0, |r| r.min(links.images.0));
        if let Some(remaining) = &mut self.remaining {
            *remaining -= shown;
        }
        let next = links.next();
        self.next = next.clone();
        self.prefetch()?;
        let page: ImagesPage = answer.decode("GET", &url)?;
        let mut images = page.images;
        images.truncate(shown);
        Ok(Some(Page { images, next }))
    }

    /// The URL of the next page to ask for, checked; `None` when there is none.
    fn next_url(&mut self) -> Result<Option<String>> {
        if self.remaining == Some(0) {
            return Ok(None);
        }
        let Some(mut url) = self.next.take() else {
            return Ok(None);
        };
        if let Some(remaining) = self.remaining {
            url = cap_limit(&url, remaining);
        }
        self.check_next(&url)?;
        Ok(Some(url))
    }

    /// Sends the request for the next page in the background.
    fn prefetch(&mut self) -> Result<()> {
        let Some(url) = self.next_url()? else {
            return Ok(());
        };
        let client = self.client.clone();
        self.inflight = Some(tokio::spawn(async move {
            let answer = client
                .send(reqwest::Method::GET, &url, Route::ListImages)
                .await?;
            Ok((url, answer))
        }));
        Ok(())
    }

    /// Refuses a next link that repeats, leaves the endpoint's origin, or never ends.
    fn check_next(&mut self, url: &str) -> Result<()> {
        let broken = |why: &str| Error::Decode {
            method: "GET".into(),
            url: url.to_owned(),
            message: format!("pagination stopped: {why}"),
        };
        if self.seen.len() >= MAX_PAGES {
            return Err(broken("more than 100000 pages"));
        }
        let parsed = Url::parse(url).map_err(|_| broken("the next link is not a URL"))?;
        if parsed.origin() != self.client.endpoint.origin() {
            return Err(broken(
                "the next link points outside the compute endpoint (another scheme, host or port)",
            ));
        }
        if !self.seen.insert(url.to_owned()) {
            return Err(broken("the next link repeats an earlier page"));
        }
        Ok(())
    }

    /// Every remaining image, in order. Nothing is returned unless every page arrived.
    pub async fn all(mut self) -> Result<Vec<Image>> {
        let mut images = Vec::new();
        while let Some(page) = self.next_page().await? {
            images.extend(page.images);
        }
        Ok(images)
    }
}

fn poisoned() -> Error {
    Error::io(
        "internal state",
        std::io::Error::other("a lock was poisoned by an earlier failure"),
    )
}

/// Lowers the `limit` query parameter of `url` to `remaining` when it asks for more.
fn cap_limit(url: &str, remaining: usize) -> String {
    let Ok(mut parsed) = Url::parse(url) else {
        return url.to_owned();
    };
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let asks_more = pairs
        .iter()
        .any(|(k, v)| k == "limit" && v.parse::<usize>().is_ok_and(|n| n > remaining));
    if !asks_more {
        return url.to_owned();
    }
    parsed
        .query_pairs_mut()
        .clear()
        .extend_pairs(pairs.iter().map(|(k, v)| {
            if k == "limit" {
                (k.clone(), remaining.to_string())
            } else {
                (k.clone(), v.clone())
            }
        }));
    parsed.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_limit_is_left_out() {
        let opts = ListOpts {
            limit: Some(0),
            name: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(opts.to_query(), "name=x");
    }

    #[test]
    fn query_is_sorted_encoded_and_skips_unset_values() {
        let opts = ListOpts {
            changes_since: Some("2024-01-01T00:00:00Z".into()),
            limit: Some(2),
            marker: Some("m".into()),
            name: Some("a b&c".into()),
            server: Some("s".into()),
            status: Some("ACTIVE".into()),
            image_type: Some("snapshot".into()),
            min_ram: Some(64),
            min_disk: Some(1),
        };
        assert_eq!(
            opts.to_query(),
            "changes-since=2024-01-01T00%3A00%3A00Z&limit=2&marker=m&minDisk=1&minRam=64&\
             name=a+b%26c&server=s&status=ACTIVE&type=snapshot"
        );
        assert_eq!(ListOpts::default().to_query(), "");
    }

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

    #[test]
    fn cap_limit_only_lowers() {
        assert_eq!(
            cap_limit("http://h/images/detail?limit=1000&marker=x", 5),
            "http://h/images/detail?limit=5&marker=x"
        );
        assert_eq!(
            cap_limit("http://h/images/detail?limit=2&marker=x", 5),
            "http://h/images/detail?limit=2&marker=x"
        );
    }
}
