//! [`Images`]: one handle over the two images APIs, so that whoever works on images does
//! not care which one answers. Both give the same [`Image`]s and the same answers (see
//! [`GlanceClient`]); only the requests differ.

use std::collections::BTreeMap;

use url::Url;

use super::{Api, ComputeClient, GlanceClient};
use crate::error::Result;
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
        /// The compute endpoint's client.
        compute: ComputeClient,
    },
}

impl<'a> From<&'a Images> for Api<'a> {
    fn from(images: &'a Images) -> Self {
        match images {
            Images::Nova(nova) => Api::Nova(nova),
            Images::Glance { glance, .. } => Api::Glance(glance),
        }
    }
}

impl Images {
    /// The endpoint the images are read from (compute's, or the image service's).
    pub fn endpoint(&self) -> &Url {
        match self {
            Images::Nova(nova) => nova.endpoint(),
            Images::Glance { glance, .. } => glance.endpoint(),
        }
    }

    /// The compute endpoint's client (the servers are Nova's whichever API serves images).
    pub fn compute(&self) -> &ComputeClient {
        match self {
            Images::Nova(nova) => nova,
            Images::Glance { compute, .. } => compute,
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
                compute: compute.with_http(http),
            },
        }
    }

    /// `glance` for the Glance path, `nova` for Nova's.
    pub fn api_name(&self) -> &'static str {
        match self {
            Images::Nova(_) => "nova",
            Images::Glance { .. } => "glance",
        }
    }

    /// One image, as Nova shows it.
    pub async fn get(&self, id: &str) -> Result<Image> {
        match self {
            Images::Nova(nova) => nova.get(id).await,
            Images::Glance { glance, .. } => glance.get(id).await,
        }
    }

    /// Deletes an image (a 404 after a retry counts as deleted).
    pub async fn delete(&self, id: &str) -> Result<()> {
        match self {
            Images::Nova(nova) => nova.delete(id).await,
            Images::Glance { glance, .. } => glance.delete(id).await,
        }
    }

    /// Every image named exactly `name`.
    pub async fn images_named(&self, name: &str) -> Result<Vec<Image>> {
        match self {
            Images::Nova(nova) => nova.images_named(name).await,
            Images::Glance { glance, .. } => glance.images_named(name).await,
        }
    }

    /// The ID of the one image named exactly `name`.
    pub async fn id_from_name(&self, name: &str) -> Result<String> {
        match self {
            Images::Nova(nova) => nova.id_from_name(name).await,
            Images::Glance { glance, .. } => glance.id_from_name(name).await,
        }
    }

    /// The servers booted from image `id` (always asked of Nova).
    pub async fn servers_booted_from(
        &self,
        id: &str,
        all_projects: bool,
    ) -> Result<Vec<ServerRef>> {
        self.compute().servers_booted_from(id, all_projects).await
    }

    /// Every metadata item of an image.
    pub async fn metadata(&self, id: &str) -> Result<Metadata> {
        match self {
            Images::Nova(nova) => nova.metadata(id).await,
            Images::Glance { glance, .. } => glance.metadata(id).await,
        }
    }

    /// One metadata item's value.
    pub async fn metadata_get(&self, id: &str, key: &str) -> Result<serde_json::Value> {
        match self {
            Images::Nova(nova) => nova.metadata_get(id, key).await,
            Images::Glance { glance, .. } => glance.metadata_get(id, key).await,
        }
    }

    /// Sets items, keeping the others (Nova's `POST /images/{id}/metadata`).
    pub async fn metadata_set(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        match self {
            Images::Nova(nova) => nova.metadata_set(id, metadata).await,
            Images::Glance { glance, .. } => glance.metadata_set(id, metadata).await,
        }
    }

    /// Replaces every item (Nova's `PUT /images/{id}/metadata`).
    pub async fn metadata_replace(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        match self {
            Images::Nova(nova) => nova.metadata_replace(id, metadata).await,
            Images::Glance { glance, .. } => glance.metadata_replace(id, metadata).await,
        }
    }

    /// Removes one item.
    pub async fn metadata_delete(&self, id: &str, key: &str) -> Result<()> {
        match self {
            Images::Nova(nova) => nova.metadata_delete(id, key).await,
            Images::Glance { glance, .. } => glance.metadata_delete(id, key).await,
        }
    }
}
