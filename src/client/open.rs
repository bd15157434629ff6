//! The one way to get ready compute clients for a resolved cloud: authenticate (through
//! the token store), then a client per region with the cloud's microversion and a shared
//! re-authentication on 401, on the cloud's connections or on connections of its own.

use std::sync::Arc;

use super::ComputeClient;
use crate::auth::{self, Reauth, Session, TokenStore};
use crate::config::CloudConfig;
use crate::error::Result;
use crate::http::Http;

/// A cloud, authenticated: its session and what its clients share.
#[derive(Debug)]
pub struct Connected {
    /// The token, its catalog and the compute endpoint chosen for the cloud's region.
    pub session: Session,
    http: Http,
    microversion: String,
    reauth: Arc<Reauth>,
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
    let reauth = Arc::new(Reauth::new(http.clone(), cloud.clone(), store));
    Ok(Connected {
        session,
        http,
        microversion: cloud.compute_api_version.clone(),
        reauth,
    })
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
    let reauth = Arc::new(Reauth::new(http.clone(), cloud.clone(), store));
    Ok(Connected {
        session,
        http,
        microversion: cloud.compute_api_version.clone(),
        reauth,
    })
}

impl Connected {
    /// The client of the cloud's compute endpoint (its configured region).
    pub fn client(&self) -> Result<ComputeClient> {
        self.client_at(&self.session.compute_url)
    }

    /// A client of another compute endpoint of the same cloud (another region), sharing
    /// the token and its renewal.
    pub fn client_at(&self, compute_url: &str) -> Result<ComputeClient> {
        self.client_on(self.http.clone(), compute_url)
    }

    /// [`Connected::client_at`] on `http`'s connections instead of the cloud's: they close
    /// when the client and its clones are gone (one region listed among hundreds keeps no
    /// connection open after its turn). Re-authentication stays the cloud's, shared.
    pub fn client_on(&self, http: Http, compute_url: &str) -> Result<ComputeClient> {
        Ok(
            ComputeClient::new(http, compute_url, self.session.token.clone())?
                .with_microversion(&self.microversion)?
                .with_shared_reauth(self.reauth.clone()),
        )
    }

    /// Every region's compute endpoint in the catalog, for `interface`, in catalog order.
    pub fn regions(&self, interface: &str) -> Vec<(String, String)> {
        auth::compute_regions(&self.session.catalog, interface)
    }
}
