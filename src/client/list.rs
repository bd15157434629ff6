//! Listing: gophercloud's `ListOpts`, one [`Page`], and the [`Pager`] that walks the
//! `images_links` chain with the next request already in flight.

use std::collections::HashSet;

use url::Url;

use super::ComputeClient;
use crate::error::{Error, Result, Route};
use crate::http::Answer;
use crate::model::{Image, ImagesPage, PageLinks};

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

impl<'a> Pager<'a> {
    /// A pager from `first`, the URL of the first page.
    pub(super) fn new(client: &'a ComputeClient, first: String) -> Self {
        Pager {
            client,
            next: Some(first),
            seen: HashSet::new(),
            remaining: None,
            inflight: None,
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
