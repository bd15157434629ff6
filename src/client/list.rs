//! Listing: gophercloud's `ListOpts`, one [`Page`], and the [`Pager`] that walks the
//! `images_links` chain with the next request already in flight.

use std::collections::HashSet;
use std::sync::OnceLock;

use url::Url;

use bytes::Bytes;

use super::auto::Auto;
use super::glance::page;
use super::{ComputeClient, GlanceClient};
use crate::error::{Error, Result, Route};
use crate::http::{Answer, decode_body};
use crate::model::{Image, ImagesPage, PageLinks, PageLinksOnly, opens_with_images, tail_object};

/// The images API a listing reads: Nova's images proxy, or Glance's v2 images API with
/// each image shown as Nova would show it (see [`GlanceClient::list`]). Either gives
/// [`RawPage`]s whose images read the same, so a [`super::Selection`] and whatever handles
/// its pages serve both.
#[derive(Debug, Clone, Copy)]
pub enum Api<'a> {
    /// `GET /images/detail` of the compute endpoint.
    Nova(&'a ComputeClient),
    /// `GET /v2/images` of the image endpoint.
    Glance(&'a GlanceClient),
    /// Nova's, or Glance's where Nova's images API is not there, decided by the first
    /// answer (see [`super::Images::Auto`]).
    Auto(&'a Auto),
}

impl Api<'_> {
    /// Every image whose name is exactly `name`, across all pages, kept page by page: a
    /// server that ignores the filter costs time, not memory.
    pub(super) async fn images_named(self, name: &str) -> Result<Vec<Image>> {
        let selection = super::Selection::new(ListOpts {
            name: Some(name.to_owned()),
            ..Default::default()
        });
        let mut listing = selection.listing(self);
        let mut named = Vec::new();
        while let Some(page) = listing.next_page().await? {
            named.extend(page);
        }
        Ok(named)
    }

    /// The ID of the one image named exactly `name`: [`Error::NameNotFound`] for none,
    /// [`Error::Ambiguous`] for several.
    pub(super) async fn id_from_name(self, name: &str) -> Result<String> {
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

impl<'a> From<&'a ComputeClient> for Api<'a> {
    fn from(nova: &'a ComputeClient) -> Self {
        Api::Nova(nova)
    }
}

impl<'a> From<&'a GlanceClient> for Api<'a> {
    fn from(glance: &'a GlanceClient) -> Self {
        Api::Glance(glance)
    }
}

impl<'a> Api<'a> {
    /// A listing with `opts`, from its first page.
    pub fn list(self, opts: &ListOpts) -> Pager<'a> {
        match self {
            Api::Nova(nova) => nova.list_detail(opts),
            Api::Glance(glance) => glance.list(opts),
            // Asked of Nova first: the first answer decides.
            Api::Auto(auto) => Pager::new(self, auto.nova().list_url(opts)),
        }
    }

    /// Where next links must stay.
    fn origin(&self) -> url::Origin {
        match self {
            Api::Nova(nova) => nova.endpoint().origin(),
            Api::Glance(glance) => glance.endpoint().origin(),
            Api::Auto(auto) => auto.endpoint().origin(),
        }
    }

    /// An owned copy, for a request sent in the background.
    fn fetcher(&self) -> Fetcher {
        match *self {
            Api::Nova(nova) => Fetcher::Nova(nova.clone()),
            Api::Glance(glance) => Fetcher::Glance(glance.clone()),
            Api::Auto(auto) => Fetcher::Auto(Box::new(auto.clone())),
        }
    }
}

/// The client that fetches one page.
pub(super) enum Fetcher {
    Nova(ComputeClient),
    Glance(GlanceClient),
    Auto(Box<Auto>),
}

impl Fetcher {
    /// One page, as it came, with the URL it came from (under `auto`, the first page asked
    /// of Nova may come from Glance).
    pub(super) async fn page(&self, url: &str) -> Result<Fetched> {
        match self {
            Fetcher::Nova(nova) => {
                let answer = nova.send(reqwest::Method::GET, url, Route::ListImages);
                Ok(Fetched::nova(url.to_owned(), answer.await?))
            }
            Fetcher::Glance(glance) => Fetched::glance(glance, url.to_owned()).await,
            Fetcher::Auto(auto) => auto.page(url).await,
        }
    }
}

/// A page fetched, and from where.
#[derive(Debug)]
pub(super) struct Fetched {
    url: String,
    answer: Answer,
    /// A page of Glance's: the image endpoint (its next link is relative to it) and what
    /// its images are read with. `None`: Nova's.
    glance: Option<(Url, page::Frame)>,
}

impl Fetched {
    /// `url`'s page from Nova, `answer`.
    pub(super) fn nova(url: String, answer: Answer) -> Self {
        Fetched {
            url,
            answer,
            glance: None,
        }
    }

    /// `url`'s page from `glance`.
    pub(super) async fn glance(glance: &GlanceClient, url: String) -> Result<Self> {
        Ok(Fetched {
            answer: glance.page(&url).await?,
            url,
            glance: Some((glance.endpoint().clone(), glance.frame())),
        })
    }
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

impl ListOpts {
    /// The options of a query [`ListOpts::to_query`] wrote (keys it does not write are
    /// ignored): how a first page asked of Nova is asked of Glance instead.
    pub(super) fn from_query(query: &str) -> Self {
        let mut opts = ListOpts::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let value = value.into_owned();
            match &*key {
                "changes-since" => opts.changes_since = Some(value),
                "limit" => opts.limit = value.parse().ok(),
                "marker" => opts.marker = Some(value),
                "name" => opts.name = Some(value),
                "server" => opts.server = Some(value),
                "status" => opts.status = Some(value),
                "type" => opts.image_type = Some(value),
                "minRam" => opts.min_ram = value.parse().ok(),
                "minDisk" => opts.min_disk = value.parse().ok(),
                _ => {}
            }
        }
        opts
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

/// One page as it came off the wire, its `next` link already known and its images not yet
/// decoded: a listing decodes each page once, where it is handled ([`RawPage::images`]),
/// into the same [`Image`]s whichever [`Api`] it came from (a page of Glance's straight
/// into Nova's view of its images).
#[derive(Debug, Clone)]
pub struct RawPage {
    url: String,
    /// The body as it came.
    body: Bytes,
    /// The `next` link, if the server sent one.
    pub next: Option<String>,
    /// Of the images, keep only the first so many (the pager's `max_images`).
    keep: Option<usize>,
    /// A page of Glance's: what its images are read with. `None`: Nova's.
    glance: Option<page::Frame>,
    /// A page of Glance's as bytes (its body behind its frame), made when first asked for.
    framed: OnceLock<Bytes>,
}

impl RawPage {
    /// The page as bytes, e.g. to keep it somewhere until it is handled
    /// ([`RawPage::kept`] reads them back): Nova's body as it came; Glance's behind a short
    /// frame (a first line that no JSON body can start with, then where the images' links
    /// point), as its images are read only when handled.
    pub fn body(&self) -> &[u8] {
        match &self.glance {
            Some(frame) => self
                .framed
                .get_or_init(|| page::frame(&frame.links, &self.body)),
            None => &self.body,
        }
    }

    /// A page kept earlier: the URL it came from, its next link and its bytes, as
    /// [`RawPage::url`], [`RawPage::next`] and [`RawPage::body`] gave them.
    pub fn kept(url: String, next: Option<String>, body: Bytes) -> Self {
        let (glance, body, framed) = match page::unframe(&body) {
            Some((frame, glances)) => (Some(frame), glances, OnceLock::from(body)),
            None => (None, body, OnceLock::new()),
        };
        RawPage {
            url,
            body,
            next,
            keep: None,
            glance,
            framed,
        }
    }

    /// The URL this page came from.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The page's images, decoded (once: this is the only decoding of the images).
    pub fn images(&self) -> Result<Vec<Image>> {
        if let Some(frame) = &self.glance {
            return page::images(&self.url, &self.body, &frame.links, self.keep);
        }
        let page: ImagesPage = decode_body("GET", &self.url, &self.body)?;
        let mut images = page.images;
        if let Some(keep) = self.keep {
            images.truncate(keep);
        }
        Ok(images)
    }
}

/// What the pager needs of a page before its images are decoded.
struct PageFacts {
    /// The page holds no image: the listing ends there.
    empty: bool,
    /// How many images it holds, when that was counted.
    count: Option<usize>,
    next: Option<String>,
}

impl PageFacts {
    /// Nova writes `{"images": [...], "images_links": [...]}` in that order, so the next link
    /// is read from the end of the body and the images are not touched; any other layout is
    /// skimmed whole (its images skipped unread, not decoded).
    fn of(url: &str, body: &[u8]) -> Result<Self> {
        if let Some(facts) = Self::fast(body) {
            return Ok(facts);
        }
        let links: PageLinks = decode_body("GET", url, body)?;
        Ok(PageFacts {
            empty: links.images.0 == 0,
            count: Some(links.images.0),
            next: links.next(),
        })
    }

    /// The facts of a body in Nova's layout, or `None` for any other.
    fn fast(body: &[u8]) -> Option<Self> {
        let empty = opens_with_images(body)?;
        let links: PageLinksOnly = tail_object(body, b"\"images_links\"")?;
        Some(PageFacts {
            empty,
            count: None,
            next: crate::model::next_link(&links.images_links),
        })
    }
}

/// A page of Glance's facts ([`page::facts`]).
impl From<page::Facts> for PageFacts {
    fn from(facts: page::Facts) -> Self {
        PageFacts {
            empty: facts.empty,
            count: facts.count,
            next: facts.next,
        }
    }
}

/// Iterates the pages of a listing, following the last `next` link verbatim. The request
/// for page N+1 is sent as soon as page N has arrived (its `next` link is read without
/// decoding the images), so it is on the wire while the caller decodes and handles page N.
#[derive(Debug)]
pub struct Pager<'a> {
    api: Api<'a>,
    next: Option<String>,
    seen: HashSet<String>,
    remaining: Option<usize>,
    /// The request for the next page, already sent.
    inflight: Option<tokio::task::JoinHandle<Result<Fetched>>>,
    /// Send the next page's request as soon as a page arrives; else only when asked
    /// ([`Pager::send_next`]).
    eager: bool,
}

impl Drop for Pager<'_> {
    fn drop(&mut self) {
        if let Some(task) = self.inflight.take() {
            task.abort();
        }
    }
}

impl<'a> Pager<'a> {
    /// A pager from `first`, the URL of the first page.
    pub(super) fn new(api: impl Into<Api<'a>>, first: String) -> Self {
        Pager {
            api: api.into(),
            next: Some(first),
            seen: HashSet::new(),
            remaining: None,
            inflight: None,
            eager: true,
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

    /// Sends the next page's request only when [`Pager::send_next`] says so: for a listing
    /// that learns whether it needs another page only once it has looked at this one (a
    /// limit counted here), so that no page is asked for that is not needed.
    pub(super) fn lazily(mut self) -> Self {
        self.eager = false;
        self
    }

    /// Sends the request for the next page now, if there is one and it is not sent yet.
    pub(super) fn send_next(&mut self) -> Result<()> {
        match self.inflight {
            Some(_) => Ok(()),
            None => self.prefetch(),
        }
    }

    /// The next page, decoded, or `None` when the listing is complete. An empty page ends it.
    pub async fn next_page(&mut self) -> Result<Option<Page>> {
        let Some(raw) = self.next_raw().await? else {
            return Ok(None);
        };
        let images = raw.images()?;
        Ok(Some(Page {
            images,
            next: raw.next,
        }))
    }

    /// The next page as it came, its images not decoded yet, or `None` when the listing is
    /// complete. The request for the page after it is already sent (unless
    /// the pager is lazy: `Pager::lazily`).
    pub async fn next_raw(&mut self) -> Result<Option<RawPage>> {
        let Fetched {
            url,
            answer,
            glance,
        } = match self.inflight.take() {
            Some(task) => task.await.map_err(|e| {
                Error::io(
                    "a page request failed",
                    std::io::Error::other(e.to_string()),
                )
            })??,
            None => match self.next_url()? {
                Some(url) => self.api.fetcher().page(&url).await?,
                None => return Ok(None),
            },
        };
        if answer.truncated {
            // Decoding says so, naming the limit.
            answer.decode::<PageLinks>("GET", &url)?;
        }
        // With a cap on the images the page's count is needed: skim it.
        let counted = self.remaining.is_some();
        let (facts, glance) = match glance {
            Some((endpoint, frame)) => {
                let facts = page::facts(&url, &answer.body, &endpoint, counted)?;
                (facts.into(), Some(frame))
            }
            None if counted => {
                let links: PageLinks = answer.decode("GET", &url)?;
                let facts = PageFacts {
                    empty: links.images.0 == 0,
                    count: Some(links.images.0),
                    next: links.next(),
                };
                (facts, None)
            }
            None => (PageFacts::of(&url, &answer.body)?, None),
        };
        if facts.empty {
            self.next = None;
            return Ok(None);
        }
        let keep = match (&mut self.remaining, facts.count) {
            (Some(remaining), Some(count)) => {
                let shown = count.min(*remaining);
                *remaining -= shown;
                Some(shown)
            }
            _ => None,
        };
        self.next = facts.next.clone();
        if self.eager {
            self.prefetch()?;
        }
        Ok(Some(RawPage {
            url,
            body: answer.body,
            next: facts.next,
            keep,
            glance,
            framed: OnceLock::new(),
        }))
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
        let fetcher = self.api.fetcher();
        self.inflight = Some(tokio::spawn(async move { fetcher.page(&url).await }));
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
        if parsed.origin() != self.api.origin() {
            let endpoint = match self.api {
                Api::Nova(_) => "the compute endpoint",
                Api::Glance(_) => "the image endpoint",
                Api::Auto(auto) => auto.endpoint_kind(),
            };
            return Err(broken(&format!(
                "the next link points outside {endpoint} (another scheme, host or port)"
            )));
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
        assert_eq!(ListOpts::from_query(&opts.to_query()), opts);
        assert_eq!(ListOpts::default().to_query(), "");
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
