//! The one way to get ready compute clients for a resolved cloud: authenticate (through
//! the token store), then a client per region with the cloud's microversion and a shared
//! re-authentication on 401.

use std::sync::Arc;

use super::auto::{Auto, GlanceWay};
use super::{ComputeClient, GlanceClient, Images, discover_image_api};
use crate::auth::{self, Reauth, Session, TokenStore};
use crate::config::{CloudConfig, ImageApi};
use crate::error::{Error, Result};
use crate::http::Http;

/// A cloud, authenticated: its session and what its clients share.
#[derive(Debug)]
pub struct Connected {
    /// The token, its catalog and the compute endpoint chosen for the cloud's region.
    pub session: Session,
    http: Http,
    microversion: String,
    reauth: Arc<Reauth>,
    /// Which images API to use.
    api: ImageApi,
    /// What choosing the image endpoint takes: the cloud's name, interface, region,
    /// `image_endpoint_override` and `image_api_version`.
    image: ImageSettings,
}

#[derive(Debug)]
struct ImageSettings {
    cloud: String,
    interface: String,
    region: Option<String>,
    endpoint_override: Option<String>,
    api_version: String,
}

/// Authenticates to `cloud` (a fresh token from `store` if it has one).
///
/// ```no_run
/// # async fn demo(cloud: nova_images::config::CloudConfig) -> nova_images::Result<()> {
/// use std::sync::Arc;
/// use nova_images::{auth::NoStore, client, http::Http};
/// let http = Http::new(&cloud.http_options())?;
/// let nova = client::connect(http, &cloud, Arc::new(NoStore)).await?.client()?;
/// # Ok(()) }
/// ```
pub async fn connect(
    http: Http,
    cloud: &CloudConfig,
    store: Arc<dyn TokenStore>,
) -> Result<Connected> {
    let session = auth::authenticate(&http, cloud, store.as_ref()).await?;
    Ok(Connected::new(session, http, cloud, store))
}

/// [`connect`], authenticating on connections of their own: `auth`'s, which close once the
/// token is there (when nothing else holds `auth`); the clients and their re-authentication
/// then go by `http`'s. Work over many clouds uses this, so that no cloud keeps a connection
/// to its Keystone open while the others are worked on.
pub async fn connect_apart(
    auth: Http,
    http: Http,
    cloud: &CloudConfig,
    store: Arc<dyn TokenStore>,
) -> Result<Connected> {
    let session = auth::authenticate(&auth, cloud, store.as_ref()).await?;
    drop(auth);
    Ok(Connected::new(session, http, cloud, store))
}

impl Connected {
    /// The cloud's session, its clients to go by `http`.
    fn new(session: Session, http: Http, cloud: &CloudConfig, store: Arc<dyn TokenStore>) -> Self {
        let reauth = Arc::new(Reauth::new(http.clone(), cloud.clone(), store));
        Connected {
            session,
            http,
            microversion: cloud.compute_api_version.clone(),
            reauth,
            api: cloud.api,
            image: ImageSettings {
                cloud: cloud.name.clone(),
                interface: cloud.interface.clone(),
                region: cloud.region_name.clone(),
                endpoint_override: cloud.image_endpoint_override.clone(),
                api_version: cloud.image_api_version.clone(),
            },
        }
    }

    /// The client of the cloud's compute endpoint (its configured region).
    pub fn client(&self) -> Result<ComputeClient> {
        self.client_at(&self.session.compute_url)
    }

    /// A client of another compute endpoint of the same cloud (another region), sharing
    /// the token and its renewal.
    pub fn client_at(&self, compute_url: &str) -> Result<ComputeClient> {
        Ok(
            ComputeClient::new(self.http.clone(), compute_url, self.session.token.clone())?
                .with_microversion(&self.microversion)?
                .with_shared_reauth(self.reauth.clone()),
        )
    }

    /// The images of the cloud's region, through the images API the cloud's settings choose
    /// (see [`Connected::images_at`]).
    pub async fn images(&self) -> Result<Images> {
        let region = self.image.region.clone();
        let compute_url = self.session.compute_url.clone();
        self.images_at(region.as_deref(), &compute_url).await
    }

    /// The images of `region`, whose compute endpoint is `compute_url` (empty for none):
    /// Nova's images API for [`ImageApi::Nova`], Glance's for [`ImageApi::Glance`], and for
    /// [`ImageApi::Auto`] Nova's until its first answer says it is not there (see
    /// [`Images::Auto`]); Glance's at once where there is no compute endpoint, or where this
    /// token's earlier run chose it.
    pub async fn images_at(&self, region: Option<&str>, compute_url: &str) -> Result<Images> {
        match self.api {
            ImageApi::Nova => Ok(Images::Nova(self.client_at(compute_url)?)),
            ImageApi::Glance => self.glance_images(region, compute_url).await,
            ImageApi::Auto => self.auto_images(region, compute_url).await,
        }
    }

    /// Glance's images of `region`; the compute client beside them, if there is an endpoint.
    async fn glance_images(&self, region: Option<&str>, compute_url: &str) -> Result<Images> {
        let compute = match compute_url {
            "" => None,
            url => Some(self.client_at(url)?),
        };
        Ok(Images::Glance {
            glance: Box::new(self.glance_in(region, Some(compute_url)).await?),
            compute,
        })
    }

    /// `--api auto`'s images of `region`; see [`Connected::images_at`].
    async fn auto_images(&self, region: Option<&str>, compute_url: &str) -> Result<Images> {
        let label = match region {
            Some(region) => format!("cloud '{}' region '{region}'", self.image.cloud),
            None => format!("cloud '{}'", self.image.cloud),
        };
        let diag = self.http.diag();
        if compute_url.is_empty() {
            let images = self.glance_images(region, compute_url).await?;
            diag.warn(&format!(
                "{label}: the catalog has no compute endpoint: using Glance's images API \
                 (--api auto)"
            ));
            return Ok(images);
        }
        let nova = self.client_at(compute_url)?;
        let settings = &self.image;
        let endpoint = self.image_endpoint(region);
        // What the choice was made with: another endpoint or setting asks afresh.
        let key = format!(
            "{compute_url} {} {} {}",
            self.microversion,
            endpoint.as_deref().unwrap_or_default(),
            settings.api_version
        );
        if let Some(kept) = self.reauth.api_choice(&key) {
            let glance = GlanceClient::new(self.http.clone(), &kept.glance, self.token())?
                .with_shared_reauth(self.reauth.clone())
                .with_compute_endpoint(compute_url);
            diag.warn(&format!(
                "{label}: {} (found earlier with this token): using Glance's images API \
                 (--api auto)",
                kept.why
            ));
            return Ok(Images::Glance {
                glance: Box::new(glance),
                compute: Some(nova),
            });
        }
        let way = GlanceWay {
            endpoint,
            api_version: settings.api_version.clone(),
            token: self.token(),
            reauth: self.reauth.clone(),
            label,
            key,
        };
        Ok(Images::Auto(Box::new(Auto::new(nova, way))))
    }

    /// The image endpoint of `region`: `image_endpoint_override`, else the catalog's
    /// `image` service by the rules of the compute endpoint (interface, region); or why
    /// there is none.
    fn image_endpoint(&self, region: Option<&str>) -> std::result::Result<String, String> {
        match &self.image.endpoint_override {
            Some(url) => Ok(url.clone()),
            None => auth::image_endpoint(&self.session.catalog, &self.image.interface, region),
        }
    }

    /// The session's token.
    fn token(&self) -> Option<crate::model::Secret> {
        self.session.token.clone()
    }

    /// Every region's compute endpoint in the catalog, for `interface`, in catalog order.
    /// A catalog without compute endpoints gives its image service's regions, each with an
    /// empty compute endpoint, unless the images API is pinned to Nova's: Glance serves
    /// them alone (see [`Connected::images_at`]).
    pub fn regions(&self, interface: &str) -> Vec<(String, String)> {
        let catalog = &self.session.catalog;
        match auth::compute_regions(catalog, interface) {
            none if none.is_empty() && self.api != ImageApi::Nova => {
                (auth::image_regions(catalog, interface).into_iter())
                    .map(|(region, _)| (region, String::new()))
                    .collect()
            }
            found => found,
        }
    }

    /// The Glance v2 client of the cloud's region, sharing the token and its renewal with
    /// the compute clients (see [`Connected::glance_in`]).
    pub async fn glance(&self) -> Result<GlanceClient> {
        let region = self.image.region.clone();
        self.glance_in(region.as_deref(), Some(&self.session.compute_url))
            .await
    }

    /// The Glance v2 client of `region` (any for `None`): `image_endpoint_override`, else
    /// the catalog's `image` service by the rules of the compute endpoint (interface,
    /// region), its v2 found by [`discover_image_api`]. `compute_url`, the compute endpoint
    /// of the same region if there is one, is where `server` links of snapshots point.
    pub async fn glance_in(
        &self,
        region: Option<&str>,
        compute_url: Option<&str>,
    ) -> Result<GlanceClient> {
        let settings = &self.image;
        let endpoint = self.image_endpoint(region).map_err(|message| Error::Auth {
            message: format!("cloud '{}': {message}", settings.cloud),
            hint: Some("set image_endpoint_override in clouds.yaml".into()),
            fix: None,
        })?;
        let v2 = discover_image_api(&self.http, &endpoint, &settings.api_version).await?;
        let glance = GlanceClient::new(self.http.clone(), &v2, self.session.token.clone())?
            .with_shared_reauth(self.reauth.clone());
        Ok(match compute_url.filter(|u| !u.is_empty()) {
            Some(url) => glance.with_compute_endpoint(url),
            None => glance,
        })
    }
}
