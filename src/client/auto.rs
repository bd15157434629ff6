//! `--api auto`: Nova's images API first, and Glance's where Nova's is not there, decided
//! by the answer to the first images request, so that the normal case costs no request of
//! its own. A failure that may mean Nova's images API is gone (a 404 Nova would not give for
//! a missing image or key, a 410, a 5xx after the retries) is checked with the requests
//! [`api_choice::choose`] needs, once per target; the rule is the one `doctor` reports.
//!
//! The decision is made once, shared by every copy of the target's [`Auto`] (a fan-out's
//! lister on connections of its own, prune's deletes), and never changes: a listing whose
//! first page came from Nova stays on Nova. Choosing Glance is said on stderr (once per
//! target) and kept with the token (see [`crate::auth::TokenStore::api_choice`]), so later
//! runs go to Glance straight away.

use std::sync::Arc;

use tokio::sync::OnceCell;
use url::Url;

use super::api_choice::{self, NovaProbe};
use super::list::{Fetched, ListOpts};
use super::{ComputeClient, GlanceClient, discover_image_api};
use crate::auth::{ApiChoice, Reauth};
use crate::error::{Error, Result, Route};
use crate::model::Secret;

/// Nova's 404 for an image that does not exist (`nova/api/openstack/compute/images.py`,
/// `image_metadata.py`): an answer of the API, which is therefore there.
const NO_SUCH_IMAGE: &str = "Image not found.";

/// One target's images under `--api auto`: Nova's images API until it proves missing.
#[derive(Debug, Clone)]
pub struct Auto {
    nova: ComputeClient,
    way: GlanceWay,
    shared: Arc<Shared>,
    /// This copy's Glance client, once Glance is chosen (on this copy's connections).
    glance: OnceCell<GlanceClient>,
}

/// How to reach the target's image service, should Nova's images API be missing.
#[derive(Debug, Clone)]
pub(crate) struct GlanceWay {
    /// The image endpoint (configured or from the catalog), or why there is none.
    pub endpoint: std::result::Result<String, String>,
    /// `image_api_version`.
    pub api_version: String,
    pub token: Option<Secret>,
    pub reauth: Arc<Reauth>,
    /// Names the target in what is said: `cloud 'x'`, or `cloud 'x' region 'y'`.
    pub label: String,
    /// What the choice is kept under with the token: the compute endpoint, microversion,
    /// image endpoint and `image_api_version` it is made with.
    pub key: String,
}

/// What every copy of a target's [`Auto`] shares: the decision.
#[derive(Debug, Default)]
struct Shared {
    decided: OnceCell<Decided>,
}

#[derive(Debug, Clone)]
enum Decided {
    Nova,
    /// Glance, at this v2 endpoint.
    Glance(Url),
}

impl Auto {
    pub(crate) fn new(nova: ComputeClient, way: GlanceWay) -> Self {
        Auto {
            nova,
            way,
            shared: Arc::default(),
            glance: OnceCell::new(),
        }
    }

    /// The same target on `http`'s connections, sharing the decision.
    pub(crate) fn with_http(&self, http: crate::http::Http) -> Self {
        Auto {
            nova: self.nova.clone().with_http(http),
            way: self.way.clone(),
            shared: self.shared.clone(),
            glance: OnceCell::new(),
        }
    }

    /// Nova's client (the compute endpoint's, whichever API serves the images).
    pub fn nova(&self) -> &ComputeClient {
        &self.nova
    }

    /// The endpoint the images come from: Glance's once chosen, else the compute endpoint.
    pub(crate) fn endpoint(&self) -> &Url {
        match self.shared.decided.get() {
            Some(Decided::Glance(v2)) => v2,
            _ => self.nova.endpoint(),
        }
    }

    /// What [`Auto::endpoint`] is, in words.
    pub(super) fn endpoint_kind(&self) -> &'static str {
        match self.shared.decided.get() {
            Some(Decided::Glance(_)) => "the image endpoint",
            _ => "the compute endpoint",
        }
    }

    /// Glance's client when Glance was chosen; `None` while Nova's API serves or nothing
    /// is decided yet.
    pub(crate) async fn chosen_glance(&self) -> Result<Option<&GlanceClient>> {
        match self.shared.decided.get() {
            Some(Decided::Glance(v2)) => {
                let v2 = v2.clone();
                Ok(Some(
                    self.glance
                        .get_or_try_init(|| async { self.glance_client(v2.as_str()) })
                        .await?,
                ))
            }
            _ => Ok(None),
        }
    }

    /// Nova's images API answered: it serves this target from now on.
    pub(crate) fn nova_answered(&self) {
        let _ = self.shared.decided.set(Decided::Nova);
    }

    /// After Nova's images API failed with `error`: Glance's client when the failure means
    /// Nova's images API is not there and Glance answers (decided once for the target),
    /// else `error` itself.
    pub(crate) async fn fall_back(&self, error: Error) -> Result<&GlanceClient> {
        if !may_mean_gone(&error) {
            return Err(error);
        }
        let decided = self.shared.decided.get_or_init(|| self.decide(&error));
        match decided.await {
            Decided::Glance(_) => match self.chosen_glance().await? {
                Some(glance) => Ok(glance),
                None => Err(error),
            },
            Decided::Nova => Err(error),
        }
    }

    /// One page of a listing that began on Nova: asked of whichever API serves, the first
    /// page asked again of Glance (its filters translated) when Nova's API proves missing.
    pub(super) async fn page(&self, url: &str) -> Result<Fetched> {
        if let Some(glance) = self.chosen_glance().await? {
            return self.glance_page(glance, url).await;
        }
        match self
            .nova
            .send(reqwest::Method::GET, url, Route::ListImages)
            .await
        {
            Ok(answer) => {
                self.nova_answered();
                Ok(Fetched::nova(url.to_owned(), answer))
            }
            Err(error) => {
                let glance = self.fall_back(error).await?;
                self.glance_page(glance, url).await
            }
        }
    }

    /// `url`'s page from Glance: a URL of Nova's first page becomes Glance's.
    async fn glance_page(&self, glance: &GlanceClient, url: &str) -> Result<Fetched> {
        let nova_list = self.nova.list_url(&ListOpts::default());
        let url = match url.split_once('?') {
            Some((path, query)) if path == nova_list => {
                glance.list_url(&ListOpts::from_query(query))
            }
            None if url == nova_list => glance.list_url(&ListOpts::default()),
            _ => url.to_owned(),
        };
        Fetched::glance(glance, url).await
    }

    /// Asks what [`api_choice::choose`] needs, and says what it chose.
    async fn decide(&self, error: &Error) -> Decided {
        let nova = self.nova_probe(error).await;
        // Glance is asked only where the rule could choose it.
        let glance = match nova {
            NovaProbe::Answers
            | NovaProbe::Failed
            | NovaProbe::NotFound {
                compute_answers: false,
            } => None,
            _ => self.glance_answers().await,
        };
        let choice = api_choice::choose(nova, glance.is_some(), &self.nova.microversion);
        let diag = self.nova.http.diag();
        match (choice.api, glance) {
            (Some(api_choice::Api::Glance), Some(v2)) => {
                diag.warn(&format!(
                    "{}: {}: using Glance's images API (--api auto)",
                    self.way.label, choice.why
                ));
                self.way.reauth.keep_api_choice(
                    &self.way.key,
                    &ApiChoice {
                        why: choice.why,
                        glance: v2.to_string(),
                    },
                );
                Decided::Glance(v2)
            }
            _ => {
                if nova != NovaProbe::Answers {
                    diag.notice(&format!("{}: --api auto: {}", self.way.label, choice.why));
                }
                Decided::Nova
            }
        }
    }

    /// What Nova's images API is, given that a request of it failed with `error`: a
    /// listing's failure says it; a failure about one image is asked again of the listing
    /// (an image or key can be missing where the API is not).
    async fn nova_probe(&self, error: &Error) -> NovaProbe {
        let listing_error;
        let error = match error {
            Error::Api(api) if api.route == Route::ListImages => error,
            _ => {
                let one = self.nova.list_url(&one_image());
                match self
                    .nova
                    .send(reqwest::Method::GET, &one, Route::ListImages)
                    .await
                {
                    Ok(_) => return NovaProbe::Answers,
                    Err(e) => {
                        listing_error = e;
                        &listing_error
                    }
                }
            }
        };
        let compute_answers = match error {
            Error::Api(api) if api.status == 404 => self.nova.api_version().await.is_ok(),
            _ => false,
        };
        NovaProbe::of(error, compute_answers)
    }

    /// Glance's v2 endpoint if Glance answers a listing of one image (its client kept).
    async fn glance_answers(&self) -> Option<Url> {
        let diag = self.nova.http.diag();
        let endpoint = match &self.way.endpoint {
            Ok(endpoint) => endpoint,
            Err(why) => {
                diag.notice(&format!("{}: no image endpoint: {why}", self.way.label));
                return None;
            }
        };
        let found = async {
            let v2 = discover_image_api(&self.nova.http, endpoint, &self.way.api_version).await?;
            let glance = self.glance_client(&v2)?;
            glance.page(&glance.list_url(&one_image())).await?;
            Ok::<_, Error>(glance)
        };
        match found.await {
            Ok(glance) => {
                let v2 = glance.endpoint().clone();
                let _ = self.glance.set(glance);
                Some(v2)
            }
            Err(e) => {
                diag.notice(&format!("{}: Glance does not answer: {e}", self.way.label));
                None
            }
        }
    }

    /// A Glance client of `v2` on this copy's connections, with the target's token.
    fn glance_client(&self, v2: &str) -> Result<GlanceClient> {
        Ok(
            GlanceClient::new(self.nova.http.clone(), v2, self.way.token.clone())?
                .with_shared_reauth(self.way.reauth.clone())
                .with_compute_endpoint(self.nova.endpoint().as_str()),
        )
    }
}

/// A listing of one image: the cheapest request that proves an images API serves.
fn one_image() -> ListOpts {
    ListOpts {
        limit: Some(1),
        ..ListOpts::default()
    }
}

/// Whether a failure of Nova's images API may mean the API is gone: a 404 other than
/// Nova's "Image not found.", a 410, or a 5xx after the retries that is not an image in use.
fn may_mean_gone(error: &Error) -> bool {
    let Error::Api(api) = error else {
        return false;
    };
    let images_route = matches!(
        api.route,
        Route::ListImages | Route::Image | Route::Metadata | Route::MetadataKey
    );
    let gone = match api.status {
        404 => api.message.as_deref() != Some(NO_SUCH_IMAGE),
        410 => true,
        500..=599 => !api.is_in_use(),
        _ => false,
    };
    images_route && gone
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    fn api(route: Route, status: u16, message: &str) -> Error {
        Error::Api(Box::new(ApiError {
            method: "GET".into(),
            url: "http://nova/v2.1/images/detail".into(),
            status,
            message: Some(message.into()),
            request_id: None,
            retried: false,
            route,
            microversion: None,
        }))
    }

    #[test]
    fn only_what_nova_would_not_answer_for_a_missing_image_may_mean_the_api_is_gone() {
        let gone = "The resource could not be found.";
        assert!(may_mean_gone(&api(Route::ListImages, 404, gone)));
        assert!(may_mean_gone(&api(Route::Image, 404, gone)));
        assert!(may_mean_gone(&api(Route::Image, 410, "Gone")));
        assert!(may_mean_gone(&api(
            Route::ListImages,
            504,
            "Gateway Timeout"
        )));
        assert!(!may_mean_gone(&api(Route::Image, 404, NO_SUCH_IMAGE)));
        assert!(!may_mean_gone(&api(Route::Servers, 404, gone)));
        assert!(!may_mean_gone(&api(Route::ListImages, 403, "Forbidden")));
        let in_use = "Unexpected API Error. <class 'nova.exception.ImageDeleteConflict'>";
        let Error::Api(mut delete) = api(Route::Image, 500, in_use) else {
            unreachable!()
        };
        delete.method = "DELETE".into();
        assert!(!may_mean_gone(&Error::Api(delete)));
    }
}
