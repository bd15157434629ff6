//! [`Images`]: one handle over the two images APIs, so that whoever works on images does
//! not care which one answers. Both give the same [`Image`]s and the same answers (see
//! [`GlanceClient`]); only the requests differ.

use std::collections::BTreeMap;

use url::Url;

use super::auto::Auto;
use super::{Api, ComputeClient, GlanceClient};
use crate::error::{Error, Result};
use crate::http::Http;
use crate::model::{Image, Metadata, ServerRef};

/// The images of one cloud region, through Nova's images API or through Glance's.
///
/// ```no_run
/// # async fn demo(nova: nova_images::client::ComputeClient) -> nova_images::Result<()> {
/// use nova_images::client::{Images, ListOpts, Selection};
/// let images = Images::Nova(nova);
/// let image = images.get("70a599e0-31e7-49b7-b260-868f441e862b").await?;
/// let all = Selection::new(ListOpts::default()).pager(&images).all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub enum Images {
    /// Nova's images API (`/images` of the compute endpoint).
    Nova(ComputeClient),
    /// Glance's v2 images API, each image shown as Nova shows it; `compute`, the compute
    /// endpoint of the same region, answers what only Nova knows (the servers).
    Glance {
        /// The image endpoint's client (boxed: it is the larger one).
        glance: Box<GlanceClient>,
        /// The compute endpoint's client; `None` where the catalog has no compute endpoint.
        compute: Option<ComputeClient>,
    },
    /// Nova's images API, or Glance's where Nova's is not there (`--api auto`): the first
    /// images request's answer decides, once, and later requests go where it said.
    Auto(Box<Auto>),
}

impl<'a> From<&'a Images> for Api<'a> {
    fn from(images: &'a Images) -> Self {
        match images {
            Images::Nova(nova) => Api::Nova(nova),
            Images::Glance { glance, .. } => Api::Glance(glance),
            Images::Auto(auto) => Api::Auto(auto),
        }
    }
}

/// `$call` (an expression of `$client`) on the client that serves `$images`: under `auto`,
/// Nova's until its answer says its images API is not there, then Glance's (`$call` asked
/// again there). A macro, not a function taking a closure: the request futures stay `Send`.
macro_rules! on_serving {
    ($images:expr, |$client:ident| $call:expr) => {
        match $images {
            Images::Nova($client) => $call.await,
            Images::Glance {
                glance: $client, ..
            } => $call.await,
            Images::Auto(auto) => match auto.chosen_glance().await? {
                Some($client) => $call.await,
                None => {
                    let $client = auto.nova();
                    match $call.await {
                        Ok(done) => {
                            auto.nova_answered();
                            Ok(done)
                        }
                        Err(error) => {
                            let $client = auto.fall_back(error).await?;
                            $call.await
                        }
                    }
                }
            },
        }
    };
}

impl Images {
    /// The endpoint the images are read from (compute's, or the image service's; under
    /// `auto`, compute's until Glance is chosen).
    pub fn endpoint(&self) -> &Url {
        match self {
            Images::Nova(nova) => nova.endpoint(),
            Images::Glance { glance, .. } => glance.endpoint(),
            Images::Auto(auto) => auto.endpoint(),
        }
    }

    /// The compute endpoint's client (the servers are Nova's whichever API serves images).
    pub fn compute(&self) -> Result<&ComputeClient> {
        match self {
            Images::Nova(nova) => Ok(nova),
            Images::Glance { compute, .. } => compute.as_ref().ok_or_else(|| Error::Config {
                message: "the catalog has no compute endpoint to ask which servers use an image \
                          (only Nova knows)"
                    .into(),
                hint: None,
                fix: Some(crate::error::Fix::ComputeEndpoint),
            }),
            Images::Auto(auto) => Ok(auto.nova()),
        }
    }

    /// The same images on `http`'s connections (both clients' for Glance's path): they
    /// close when this handle and its clones are gone, as a fan-out's target wants once its
    /// turn is over.
    pub fn with_http(self, http: Http) -> Self {
        match self {
            Images::Nova(nova) => Images::Nova(nova.with_http(http)),
            Images::Glance { glance, compute } => Images::Glance {
                glance: Box::new(glance.with_http(http.clone())),
                compute: compute.map(|c| c.with_http(http)),
            },
            Images::Auto(auto) => Images::Auto(Box::new(auto.with_http(http))),
        }
    }

    /// One image, as Nova shows it.
    pub async fn get(&self, id: &str) -> Result<Image> {
        on_serving!(self, |client| client.get(id))
    }

    /// Deletes an image (a 404 after a retry counts as deleted).
    pub async fn delete(&self, id: &str) -> Result<()> {
        on_serving!(self, |client| client.delete(id))
    }

    /// Every image named exactly `name`.
    pub async fn images_named(&self, name: &str) -> Result<Vec<Image>> {
        // A listing: under `auto`, its first page decides.
        Api::from(self).images_named(name).await
    }

    /// The ID of the one image named exactly `name`.
    pub async fn id_from_name(&self, name: &str) -> Result<String> {
        // A listing: under `auto`, its first page decides.
        Api::from(self).id_from_name(name).await
    }

    /// The servers booted from image `id` (always asked of Nova).
    pub async fn servers_booted_from(
        &self,
        id: &str,
        all_projects: bool,
    ) -> Result<Vec<ServerRef>> {
        self.compute()?.servers_booted_from(id, all_projects).await
    }

    /// Every metadata item of an image.
    pub async fn metadata(&self, id: &str) -> Result<Metadata> {
        on_serving!(self, |client| client.metadata(id))
    }

    /// One metadata item's value.
    pub async fn metadata_get(&self, id: &str, key: &str) -> Result<serde_json::Value> {
        on_serving!(self, |client| client.metadata_get(id, key))
    }

    /// Sets items, keeping the others (Nova's `POST /images/{id}/metadata`).
    pub async fn metadata_set(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        on_serving!(self, |client| client.metadata_set(id, metadata))
    }

    /// Replaces every item (Nova's `PUT /images/{id}/metadata`).
    pub async fn metadata_replace(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        on_serving!(self, |client| client.metadata_replace(id, metadata))
    }

    /// Removes one item.
    pub async fn metadata_delete(&self, id: &str, key: &str) -> Result<()> {
        on_serving!(self, |client| client.metadata_delete(id, key))
    }
}
