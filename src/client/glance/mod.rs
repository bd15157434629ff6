//! The Glance v2 images client: the same images, operations and answers as
//! [`ComputeClient`](super::ComputeClient), read from the image service instead of Nova's
//! images proxy, for clouds where that proxy is gone. Nova's proxy is a fixed function of
//! Glance v2 (`nova/image/glance.py`, `nova/api/openstack/compute/images.py`,
//! `image_metadata.py`, `views/images.py`); this client applies the same function here:
//! the filters translated as Nova translates them ([`query`]), each image shown as Nova shows
//! it ([`view`]), the metadata operations done as Nova does them on Glance properties
//! ([`metadata`]). Only `links` differ: they point at Glance.

use std::sync::{Arc, Mutex};

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use serde_json::{Map, Value};
use url::Url;

use super::list::{Api, ListOpts, Pager};
use super::{Sending, endpoint_url, segment_of, set_token};
use crate::auth::Reauth;
use crate::error::{Error, Result, Route};
use crate::http::{Answer, Http};
use crate::model::{Image, Secret};

pub use discover::discover_image_api;

mod discover;
mod metadata;
pub(super) mod page;
mod query;
mod view;

#[cfg(test)]
mod tests;

/// A client for one image endpoint (Glance's v2 API) with one token.
///
/// ```no_run
/// # async fn demo() -> nova_images::Result<()> {
/// use nova_images::{model::Secret, client::{GlanceClient, ListOpts}, http::Http};
/// let http = Http::new(&Default::default())?;
/// let glance = GlanceClient::new(http, "https://glance.example.com/v2", Some(Secret::new("gAAAA")))?;
/// let images = glance.list(&ListOpts::default()).all().await?;
/// println!("{} images", images.len());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct GlanceClient {
    http: Http,
    /// The versioned base (`.../v2/`).
    endpoint: Url,
    /// Shared so that a token renewed after a 401 serves every later request.
    headers: Arc<Mutex<HeaderMap>>,
    reauth: Option<Arc<Reauth>>,
    /// Where the links of the images shown point.
    links: view::LinkBase,
}

impl GlanceClient {
    /// A client for `endpoint`, the image API's v2 URL (as [`discover_image_api`] finds it;
    /// a trailing `/` is added), authenticated with `token` (`None` sends no
    /// `X-Auth-Token`, for clouds without auth).
    pub fn new(http: Http, endpoint: &str, token: Option<Secret>) -> Result<Self> {
        let endpoint = endpoint_url("image", endpoint)?;
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let headers = Arc::new(Mutex::new(headers));
        set_token(&headers, token)?;
        Ok(GlanceClient {
            http,
            links: view::LinkBase {
                images: endpoint.clone(),
                compute: None,
            },
            endpoint,
            headers,
            reauth: None,
        })
    }

    /// On a 401 from Glance, get a new token from `reauth` and repeat the request once (as
    /// [`ComputeClient::with_shared_reauth`](super::ComputeClient::with_shared_reauth); a
    /// Nova and a Glance client of one cloud can share it).
    pub fn with_shared_reauth(mut self, reauth: Arc<Reauth>) -> Self {
        self.reauth = Some(reauth);
        self
    }

    /// The same client (token, its renewal, links) on `http`'s connections: they close when
    /// this client and its clones are gone.
    pub fn with_http(mut self, http: Http) -> Self {
        self.http = http;
        self
    }

    /// The compute endpoint of the same cloud and region, if it has one: the `server` of a
    /// snapshot links to it, as Nova's does. Without it `server.links` is empty.
    pub fn with_compute_endpoint(mut self, compute_url: &str) -> Self {
        self.links.compute = Url::parse(compute_url).ok().map(|mut url| {
            if !url.path().ends_with('/') {
                url.set_path(&format!("{}/", url.path()));
            }
            url
        });
        self
    }

    /// The image endpoint, with a trailing `/`.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// `/images/{id}` under the endpoint, the ID one escaped path segment.
    fn image_url(&self, id: &str) -> Result<String> {
        let mut url = self.endpoint.clone();
        url.set_path(&format!(
            "{}images/{}",
            self.endpoint.path(),
            segment_of(id)?
        ));
        Ok(url.into())
    }

    /// Sends one request (re-authenticating once on a 401); a non-2xx answer is an
    /// [`Error::Api`].
    async fn send_json(
        &self,
        method: reqwest::Method,
        url: &str,
        json: Option<&Value>,
        route: Route,
        content_type: Option<&'static str>,
    ) -> Result<Answer> {
        let sending = Sending {
            http: &self.http,
            headers: &self.headers,
            reauth: self.reauth.as_deref(),
            content_type,
        };
        sending.send(method, url, json, route).await
    }

    /// `GET /v2/images` with `opts` translated as Nova translates them (see
    /// [`ListOpts`]; pages of 1,000 unless `opts.limit` says otherwise), as a pager over
    /// Glance's `next` links whose pages give the images as Nova shows them.
    ///
    /// ```no_run
    /// # async fn demo(glance: nova_images::client::GlanceClient) -> nova_images::Result<()> {
    /// use nova_images::client::ListOpts;
    /// let opts = ListOpts { status: Some("ACTIVE".into()), ..Default::default() };
    /// let mut pages = glance.list(&opts);
    /// while let Some(page) = pages.next_page().await? {
    ///     for image in page.images {
    ///         println!("{} {}", image.id, image.status);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self, opts: &ListOpts) -> Pager<'_> {
        Pager::new(self, self.list_url(opts))
    }

    /// The URL of the first page of `GET /v2/images` with `opts`, translated.
    pub(in crate::client) fn list_url(&self, opts: &ListOpts) -> String {
        let mut first = self.endpoint.clone();
        first.set_path(&format!("{}images", self.endpoint.path()));
        first.set_query(Some(&query::glance_query(opts)));
        first.into()
    }

    /// One page of `GET /v2/images`, as it came: its images are read when the page is
    /// handled ([`super::RawPage::images`]), once, straight into Nova's view.
    pub(super) async fn page(&self, url: &str) -> Result<Answer> {
        self.send_json(reqwest::Method::GET, url, None, Route::ListImages, None)
            .await
    }

    /// What this client's pages are read with.
    pub(super) fn frame(&self) -> page::Frame {
        page::Frame {
            links: Arc::new(self.links.clone()),
        }
    }

    /// An image as Nova shows it, or a decode error naming `url`.
    fn show(&self, image: view::Glance, method: &str, url: &str) -> Result<Image> {
        view::nova_view(image, &self.links).map_err(|why| Error::Decode {
            method: method.to_owned(),
            url: url.to_owned(),
            message: why,
        })
    }

    /// `GET /v2/images/{id}`, as it came.
    async fn glance_image(&self, id: &str, route: Route) -> Result<(String, Map<String, Value>)> {
        let url = self.image_url(id)?;
        let image = self
            .send_json(reqwest::Method::GET, &url, None, route, None)
            .await
            .map_err(|e| as_nova_says(e, id))?
            .decode("GET", &url)?;
        Ok((url, image))
    }

    /// `GET /v2/images/{id}`, the image as Nova's `GET /images/{id}` shows it.
    ///
    /// ```no_run
    /// # async fn demo(glance: nova_images::client::GlanceClient) -> nova_images::Result<()> {
    /// let image = glance.get("70a599e0-31e7-49b7-b260-868f441e862b").await?;
    /// assert_eq!(image.id, "70a599e0-31e7-49b7-b260-868f441e862b");
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &str) -> Result<Image> {
        let (url, image) = self.glance_image(id, Route::Image).await?;
        self.show(image.into(), "GET", &url)
    }

    /// `DELETE /v2/images/{id}`: 204 is success; a 404 after a retry counts as deleted (as
    /// [`ComputeClient::delete`](super::ComputeClient::delete)).
    pub async fn delete(&self, id: &str) -> Result<()> {
        let url = self.image_url(id)?;
        match self
            .send_json(reqwest::Method::DELETE, &url, None, Route::Image, None)
            .await
        {
            Ok(_) => Ok(()),
            Err(Error::Api(api)) if api.status == 404 && api.retried => {
                self.http.diag().debug(&format!(
                    "DELETE {} answered 404 after a retry: counted as deleted",
                    api.url
                ));
                Ok(())
            }
            Err(e) => Err(as_nova_says(e, id)),
        }
    }

    /// Every image whose name is exactly `name`, across all pages (as
    /// [`ComputeClient::images_named`](super::ComputeClient::images_named)).
    pub async fn images_named(&self, name: &str) -> Result<Vec<Image>> {
        Api::from(self).images_named(name).await
    }

    /// The ID of the one image named exactly `name`: [`Error::NameNotFound`] for none,
    /// [`Error::Ambiguous`] for several (as
    /// [`ComputeClient::id_from_name`](super::ComputeClient::id_from_name)).
    pub async fn id_from_name(&self, name: &str) -> Result<String> {
        Api::from(self).id_from_name(name).await
    }
}

/// Glance's refusal of an image operation worded as Nova words it (so whoever handles the
/// Nova path's answers handles these alike; the URL still names Glance): a 404 is "Image not
/// found." (`images.py` `show`, `delete`; `image_metadata.py` `_get_image`), a 403 of a delete
/// "You are not allowed to delete the image." (`images.py` `delete`), of a metadata change
/// "Not authorized for image <id>." (`ImageNotAuthorized`).
fn as_nova_says(error: Error, id: &str) -> Error {
    let Error::Api(mut api) = error else {
        return error;
    };
    let message = match (api.status, api.route, api.method.as_str()) {
        (404, Route::Image | Route::Metadata | Route::MetadataKey, _) => "Image not found.".into(),
        (403, Route::Image, "DELETE") => "You are not allowed to delete the image.".into(),
        (403, Route::Metadata | Route::MetadataKey, _) => format!("Not authorized for image {id}."),
        _ => return Error::Api(api),
    };
    api.message = Some(message);
    Error::Api(api)
}
