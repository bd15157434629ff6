//! The compute API's version document (`GET /v2.1/`): the microversions Nova serves.

use serde::Deserialize;

use super::ComputeClient;
use crate::error::{Result, Route};

/// What the compute endpoint's version document says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ComputeVersion {
    /// The API version, `v2.1`.
    pub id: String,
    /// The oldest microversion served (`""` before microversions).
    #[serde(default)]
    pub min_version: String,
    /// The newest microversion served (`""` before microversions).
    #[serde(default)]
    pub version: String,
}

#[derive(Deserialize)]
struct VersionBody {
    version: ComputeVersion,
}

impl ComputeClient {
    /// The version document of the compute API: `GET` the endpoint cut after its
    /// `v2.1` (or `v2`) segment, since a catalog URL often ends with the project ID.
    pub async fn api_version(&self) -> Result<ComputeVersion> {
        let url = version_url(&self.endpoint);
        let body: VersionBody = self
            .send(reqwest::Method::GET, &url, Route::Versions)
            .await?
            .decode("GET", &url)?;
        Ok(body.version)
    }
}

/// `endpoint` up to and including its last `v2`/`v2.1` path segment, with a trailing
/// slash; the endpoint itself when it has none.
fn version_url(endpoint: &url::Url) -> String {
    let segments: Vec<&str> = endpoint.path().split('/').collect();
    let Some(last) = segments.iter().rposition(|s| *s == "v2.1" || *s == "v2") else {
        return endpoint.to_string();
    };
    let mut url = endpoint.clone();
    url.set_path(&format!("{}/", segments[..=last].join("/")));
    url.set_query(None);
    url.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_document_is_at_the_versioned_root_without_the_project() {
        let at = |u: &str| version_url(&url::Url::parse(u).unwrap());
        assert_eq!(at("https://c/compute/v2.1/"), "https://c/compute/v2.1/");
        assert_eq!(
            at("https://c:8774/v2.1/0123456789abcdef0123456789abcdef/"),
            "https://c:8774/v2.1/"
        );
        assert_eq!(at("https://c/v2/p/"), "https://c/v2/");
        assert_eq!(at("https://c/nova/"), "https://c/nova/");
    }
}
