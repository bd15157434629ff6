//! Which images a listing selects: the [`Selection`] (the query sent, what is checked here
//! on every image the server sends, the [`Criteria`] no server has, the limit) and the
//! [`Listing`] that applies it page by page. Every command that selects images (list,
//! prune, name resolution) goes through it, so a filter is written once and the server is
//! never trusted with what can be checked.

use super::criteria::{Criteria, Verdict, plain_text_is};
use super::list::{Api, ListOpts, Pager, RawPage};
use crate::error::Result;
use crate::model::{Image, nova_status};
use crate::time::{Timestamp, parse_timestamp};

/// The statuses nova-images shows (Nova's view of Glance's statuses).
const SHOWN: [&str; 5] = ["ACTIVE", "SAVING", "DELETED", "ERROR", "UNKNOWN"];

/// A selection of images: the server-side query, and the checks made here on every image
/// the server sends, since a server may ignore a filter or match it loosely (Glance on MySQL
/// compares names case-insensitively and ignoring trailing spaces).
///
/// ```
/// use nova_images::client::{ListOpts, Selection};
/// let filters = ListOpts { status: Some("saving".into()), limit: Some(100), ..Default::default() };
/// let selection = Selection::new(filters);
/// // SAVING stands for two Glance statuses, so it is selected here, not sent.
/// assert_eq!(selection.query().to_query(), "limit=100");
/// ```
#[derive(Debug, Clone)]
pub struct Selection {
    /// What is sent.
    query: ListOpts,
    /// The filters as given, checked on every image.
    filters: ListOpts,
    /// The status every selected image shows.
    status: Option<String>,
    /// At most this many images.
    limit: Option<usize>,
    /// `changes-since`, when it is a full timestamp (Nova also takes `2020` or `2020-01-01`,
    /// which are left to the server).
    since: Option<Timestamp>,
    /// What only this side can select: a name pattern, properties, age bounds.
    criteria: Criteria,
}

impl Selection {
    /// The images `filters` select (its `limit` is the page size, its `marker` where to
    /// start). `status` means the status nova-images shows: Nova hands it to Glance
    /// lower-cased and only ACTIVE is the same in both, so SAVING (Glance's queued or
    /// saving), DELETED, ERROR and UNKNOWN are selected here; any other value is a Glance
    /// status, sent as it is and checked here by how Nova shows it.
    pub fn new(filters: ListOpts) -> Self {
        let mut query = filters.clone();
        let status = filters.status.as_deref().map(|given| {
            let upper = given.to_ascii_uppercase();
            match SHOWN.iter().find(|s| **s == upper) {
                Some(shown) => {
                    query.status = (*shown == "ACTIVE").then(|| "ACTIVE".to_owned());
                    (*shown).to_owned()
                }
                None => nova_status(&given.to_ascii_lowercase()).to_owned(),
            }
        });
        let since = (filters.changes_since.as_deref()).and_then(parse_timestamp);
        Selection {
            query,
            filters,
            status,
            limit: None,
            since,
            criteria: Criteria::default(),
        }
    }

    /// At most `n` images. Selected on the server, the limit also caps the pages; selected
    /// here, a page holds images that do not count, so pages stay full.
    pub fn with_limit(mut self, n: usize) -> Self {
        self.limit = Some(n);
        self.fit_pages();
        self
    }

    /// Only the images `criteria` also select, checked here on every image.
    pub fn with_criteria(mut self, criteria: Criteria) -> Self {
        self.criteria = criteria;
        self.fit_pages();
        self
    }

    /// The checks only this side makes.
    pub fn criteria(&self) -> &Criteria {
        &self.criteria
    }

    /// The page size sent: the one asked for, capped by the limit when the server counts.
    fn fit_pages(&mut self) {
        self.query.limit = self.filters.limit;
        if let Some(n) = self.limit.filter(|_| self.server_counts()) {
            let page = self.filters.limit.map_or(n, |size| (size as usize).min(n));
            self.query.limit = Some(u32::try_from(page).unwrap_or(u32::MAX));
        }
    }

    /// The query sent to the server.
    pub fn query(&self) -> &ListOpts {
        &self.query
    }

    /// The limit, if any.
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// Is the status selected here rather than on the server?
    fn selects_status_here(&self) -> bool {
        self.status.is_some() && self.query.status.is_none()
    }

    /// Can the server stop after `limit` images (nothing it sends is left out here but
    /// what it should not have sent)?
    fn server_counts(&self) -> bool {
        !self.selects_status_here() && self.criteria.is_empty()
    }

    /// Does `image` meet every filter that can be checked here? Name exactly
    /// (case-sensitive), the shown status, type, server, minimum RAM and disk (Nova's
    /// filters are exact with Glance v2), `changes-since` when it is a full timestamp, and
    /// the [`Criteria`].
    pub fn admits(&self, image: &Image) -> bool {
        self.shows_status(image) && self.meets_filters(image) && self.criteria.admits(image)
    }

    /// Does `image` show the status selected (if any)?
    fn shows_status(&self, image: &Image) -> bool {
        (self.status.as_ref()).is_none_or(|s| image.status.eq_ignore_ascii_case(s))
    }

    /// Does `image` meet every filter but the status?
    fn meets_filters(&self, image: &Image) -> bool {
        let f = &self.filters;
        let property_is = |key: &str, want: &str| {
            image
                .metadata
                .get(key)
                .is_some_and(|v| plain_text_is(v, want))
        };
        f.name
            .as_ref()
            .is_none_or(|n| image.name.as_ref() == Some(n))
            && (f.image_type.as_deref()).is_none_or(|t| property_is("image_type", t))
            && (f.server.as_deref()).is_none_or(|s| image.server_id() == Some(server_uuid(s)))
            && f.min_ram.is_none_or(|n| image.min_ram == n)
            && f.min_disk.is_none_or(|n| image.min_disk == n)
            && self.since.is_none_or(|since| {
                (image.updated.as_deref())
                    .and_then(parse_timestamp)
                    .is_some_and(|updated| updated >= since)
            })
    }

    /// The images of one page this selection keeps, counted in `tally`.
    pub fn keep(&self, images: Vec<Image>, tally: &mut Tally) -> Vec<Image> {
        tally.pages += 1;
        tally.fetched += images.len();
        let mut kept = Vec::with_capacity(images.len());
        for image in images {
            if self.limit.is_some_and(|l| tally.kept >= l) {
                break;
            }
            // Only a server that ignored a filter sends these; a status selected here is
            // not the server's doing.
            let sent_wrongly = !self.meets_filters(&image)
                || (!self.selects_status_here() && !self.shows_status(&image));
            if sent_wrongly {
                tally.rejected += 1;
                continue;
            }
            if !self.shows_status(&image) {
                continue;
            }
            match self.criteria.verdict(&image) {
                Verdict::Selected => {}
                Verdict::Unselected => continue,
                Verdict::Undated => {
                    tally.undated += 1;
                    continue;
                }
            }
            tally.kept += 1;
            kept.push(image);
        }
        kept
    }

    /// Has the listing selected all it may?
    pub fn is_done(&self, tally: &Tally) -> bool {
        self.limit.is_some_and(|l| tally.kept >= l)
    }

    /// The pager of this selection on `api` (a [`super::ComputeClient`] or a
    /// [`super::GlanceClient`]).
    pub fn pager<'a>(&self, api: impl Into<Api<'a>>) -> Pager<'a> {
        let api: Api<'a> = api.into();
        let pager = api.list(&self.query);
        match self.limit {
            Some(limit) if self.server_counts() => pager.max_images(limit),
            _ => pager,
        }
    }

    /// A listing of this selection on `api` (a [`super::ComputeClient`] or a
    /// [`super::GlanceClient`]).
    pub fn listing<'a>(&self, api: impl Into<Api<'a>>) -> Listing<'a> {
        let api: Api<'a> = api.into();
        // A limit counted here: whether another page is needed is known only once this one
        // is looked at.
        let pager = match self.limit {
            Some(_) if !self.server_counts() => self.pager(api).lazily(),
            _ => self.pager(api),
        };
        Listing {
            pager,
            selection: self.clone(),
            tally: Tally::default(),
        }
    }
}

/// A server given as an ID or a URL: Nova filters on its last path segment.
fn server_uuid(server: &str) -> &str {
    server.rsplit('/').next().unwrap_or(server)
}

/// What a listing has seen so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Pages received.
    pub pages: usize,
    /// Images the server sent.
    pub fetched: usize,
    /// Images selected.
    pub kept: usize,
    /// Images the server sent although they do not match its filters.
    pub rejected: usize,
    /// Images an age bound left out because their `created` is missing or unreadable
    /// (selected by every other check).
    pub undated: usize,
}

impl Tally {
    /// Both counts together.
    pub fn plus(&self, other: &Tally) -> Tally {
        Tally {
            pages: self.pages + other.pages,
            fetched: self.fetched + other.fetched,
            kept: self.kept + other.kept,
            rejected: self.rejected + other.rejected,
            undated: self.undated + other.undated,
        }
    }
}

/// The pages of a [`Selection`], each holding only the images it selects.
#[derive(Debug)]
pub struct Listing<'a> {
    pager: Pager<'a>,
    selection: Selection,
    tally: Tally,
}

impl Listing<'_> {
    /// The selected images of the next page (maybe none), or `None` at the end.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Image>>> {
        match self.next_raw().await? {
            Some(raw) => self.keep(&raw).map(Some),
            None => Ok(None),
        }
    }

    /// The next page as it came (see [`Pager::next_raw`]), or `None` at the end; hand it
    /// to [`Listing::keep`].
    pub async fn next_raw(&mut self) -> Result<Option<RawPage>> {
        if self.selection.is_done(&self.tally) {
            return Ok(None);
        }
        self.pager.next_raw().await
    }

    /// The images of `raw` this listing selects, decoded.
    pub fn keep(&mut self, raw: &RawPage) -> Result<Vec<Image>> {
        let images = self.selection.keep(raw.images()?, &mut self.tally);
        if !self.selection.is_done(&self.tally) {
            // Before the page is handed on: it is handled while the next one comes.
            self.pager.send_next()?;
        }
        Ok(images)
    }

    /// What the listing has seen so far.
    pub fn tally(&self) -> Tally {
        self.tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::Property;
    use std::time::Duration;

    fn image(json: serde_json::Value) -> Image {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn shown_statuses_are_selected_here_except_active() {
        for (given, sent, shown) in [
            ("ACTIVE", Some("ACTIVE"), "ACTIVE"),
            ("active", Some("ACTIVE"), "ACTIVE"),
            ("SAVING", None, "SAVING"),
            ("saving", None, "SAVING"),
            ("Deleted", None, "DELETED"),
            ("error", None, "ERROR"),
            ("UNKNOWN", None, "UNKNOWN"),
            ("queued", Some("queued"), "SAVING"),
            ("killed", Some("killed"), "ERROR"),
            ("pending_delete", Some("pending_delete"), "DELETED"),
            ("deactivated", Some("deactivated"), "UNKNOWN"),
        ] {
            let s = Selection::new(ListOpts {
                status: Some(given.into()),
                ..Default::default()
            });
            assert_eq!(s.query().status.as_deref(), sent, "{given}");
            assert_eq!(s.status.as_deref(), Some(shown), "{given}");
        }
    }

    #[test]
    fn every_filter_is_checked_here() {
        let snapshot = image(serde_json::json!({
            "id": "a", "name": "ci", "status": "ACTIVE", "minRam": 64, "minDisk": 1,
            "metadata": {"image_type": "snapshot", "instance_uuid": "s1"},
            "server": {"id": "s1"}, "updated": "2024-06-01T00:00:00Z"
        }));
        let admits = |filters: ListOpts| Selection::new(filters).admits(&snapshot);
        let opts = ListOpts::default;
        assert!(admits(opts()));
        assert!(admits(ListOpts {
            name: Some("ci".into()),
            status: Some("active".into()),
            image_type: Some("snapshot".into()),
            server: Some("http://nova/servers/s1".into()),
            min_ram: Some(64),
            min_disk: Some(1),
            changes_since: Some("2024-06-01T02:00:00+02:00".into()),
            ..opts()
        }));
        // A date Nova takes but that is no full timestamp is left to the server.
        assert!(admits(ListOpts {
            changes_since: Some("2025".into()),
            ..opts()
        }));
        for wrong in [
            ListOpts {
                name: Some("CI".into()),
                ..opts()
            },
            ListOpts {
                name: Some("ci ".into()),
                ..opts()
            },
            ListOpts {
                status: Some("saving".into()),
                ..opts()
            },
            ListOpts {
                image_type: Some("backup".into()),
                ..opts()
            },
            ListOpts {
                server: Some("s2".into()),
                ..opts()
            },
            ListOpts {
                min_ram: Some(128),
                ..opts()
            },
            ListOpts {
                min_disk: Some(2),
                ..opts()
            },
            ListOpts {
                changes_since: Some("2024-06-01T00:00:01Z".into()),
                ..opts()
            },
        ] {
            assert!(!admits(wrong.clone()), "{wrong:?}");
        }
    }

    #[test]
    fn the_limit_counts_selected_images_and_caps_pages_only_when_the_server_selects() {
        let by_server = Selection::new(ListOpts {
            limit: Some(1000),
            ..Default::default()
        })
        .with_limit(5);
        assert_eq!(by_server.query().limit, Some(5));
        let here = Selection::new(ListOpts {
            limit: Some(1000),
            status: Some("SAVING".into()),
            ..Default::default()
        })
        .with_limit(5);
        assert_eq!(here.query().limit, Some(1000));
        let page: Vec<Image> = (0..4)
            .map(|n| {
                let status = if n % 2 == 0 { "SAVING" } else { "ACTIVE" };
                image(serde_json::json!({"id": n.to_string(), "status": status}))
            })
            .collect();
        let mut tally = Tally::default();
        let kept = here.keep(page.clone(), &mut tally);
        assert_eq!(kept.len(), 2);
        assert_eq!(
            tally,
            Tally {
                pages: 1,
                fetched: 4,
                kept: 2,
                rejected: 0,
                undated: 0
            }
        );
        let kept = here.keep(page.clone(), &mut tally);
        assert_eq!((kept.len(), here.is_done(&tally)), (2, false));
        let kept = here.keep(page, &mut tally);
        assert_eq!((kept.len(), here.is_done(&tally)), (1, true));
    }

    #[test]
    fn images_the_server_should_not_have_sent_are_counted() {
        let s = Selection::new(ListOpts {
            name: Some("ci".into()),
            ..Default::default()
        });
        let page = vec![
            image(serde_json::json!({"id": "1", "name": "ci"})),
            image(serde_json::json!({"id": "2", "name": "CI"})),
            image(serde_json::json!({"id": "3", "name": "prod-db"})),
        ];
        let mut tally = Tally::default();
        let kept = s.keep(page, &mut tally);
        assert_eq!(kept.len(), 1);
        assert_eq!(tally.rejected, 2);
    }

    #[test]
    fn images_an_age_cannot_place_are_counted() {
        let now = parse_timestamp("2024-06-08T00:00:00Z").unwrap();
        let week = Duration::from_secs(7 * 86_400);
        let named = |id: &str, name: &str, created: Option<&str>| {
            image(
                serde_json::json!({"id": id, "name": name, "created": created, "status": "ACTIVE"}),
            )
        };
        let old = named("old", "a", Some("2024-05-31T23:59:59Z"));
        let edge = named("edge", "a", Some("2024-06-01T02:00:00+02:00"));
        let new = named("new", "a", Some("2024-06-07T00:00:00Z"));
        let undated = named("u1", "a", Some("2024-02-30T00:00:00Z"));
        let missing = named("u2", "a", None);
        let other = named("u3", "b", None);
        let older = Criteria::default().older_than(week, now);
        let selection = Selection::new(ListOpts::default()).with_criteria(older);
        let mut tally = Tally::default();
        let kept = selection.keep(vec![old, edge, new, undated, missing, other], &mut tally);
        assert_eq!(
            kept.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            ["old"]
        );
        assert_eq!((tally.kept, tally.undated, tally.rejected), (1, 3, 0));
    }

    #[test]
    fn criteria_keep_pages_full_under_a_limit() {
        let criteria = Criteria {
            properties: vec![Property::parse("k").unwrap()],
            ..Default::default()
        };
        let limited = |s: Selection| s.query().limit;
        let opts = || ListOpts {
            limit: Some(1000),
            ..Default::default()
        };
        // In either order: the server cannot count what it cannot select.
        let a = Selection::new(opts())
            .with_limit(5)
            .with_criteria(criteria.clone());
        let b = Selection::new(opts()).with_criteria(criteria).with_limit(5);
        assert_eq!((limited(a), limited(b)), (Some(1000), Some(1000)));
        assert_eq!(limited(Selection::new(opts()).with_limit(5)), Some(5));
    }
}
