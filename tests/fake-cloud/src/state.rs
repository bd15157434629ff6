//! The mutable state behind the server, shared by every handler.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::{ADMIN_PROJECT, ADMIN_TOKEN, FakeImage, FakeServer, Fault, Logged};

pub(crate) type SharedState = Arc<Mutex<State>>;

/// Who a token belongs to.
#[derive(Clone)]
pub(crate) struct Session {
    pub user: &'static str,
    pub project: String,
    pub admin: bool,
}

impl Session {
    /// The admin session, as ADMIN_TOKEN and noauth see it.
    pub fn admin() -> Self {
        Session {
            user: "admin",
            project: ADMIN_PROJECT.to_owned(),
            admin: true,
        }
    }

    /// Whether this session may see an image.
    pub fn sees(&self, image: &FakeImage) -> bool {
        self.admin || image.public || image.owner == self.project
    }
}

/// A status change of one image, due at its `after_gets`-th `GET /images/{id}`.
#[derive(Debug, Clone)]
pub(crate) struct Scheduled {
    pub id: String,
    pub after_gets: usize,
    /// The new Glance status; `None` deletes the image (GET then answers 404).
    pub glance_status: Option<String>,
}

pub(crate) struct State {
    pub images: Vec<FakeImage>,
    /// Images Glance refuses to delete (409, in use): Nova answers their DELETE with its 500.
    pub in_use: HashSet<String>,
    /// Servers, for `GET /servers/detail?image=`.
    pub servers: Vec<FakeServer>,
    /// Let any user list every project's servers (`all_tenants`), not only admins.
    pub all_tenants_for_all: bool,
    pub log: Vec<Logged>,
    /// Nova's `[api] max_limit`.
    pub max_limit: usize,
    /// Put `/{project_id}` in the compute URL of the catalog (older deployments do).
    pub project_in_url: bool,
    /// A second region in the catalog, whose public compute endpoint is the same Nova by its
    /// other URL shape (with the project ID when the first has none, and the other way round).
    pub second_region: Option<String>,
    /// More regions in the catalog whose public compute endpoint is the first region's own
    /// URL (one Nova that a catalog lists under several regions).
    pub same_endpoint_regions: Vec<String>,
    /// More regions in the catalog, each (name, compute URL) at a URL of its own.
    pub regions_elsewhere: Vec<(String, String)>,
    pub scheme: &'static str,
    /// Added to every Nova response, to model a remote cloud.
    pub nova_delay: Duration,
    /// Added to every Keystone response.
    pub identity_delay: Duration,
    /// Answer Nova requests without a token (a cloud deployed with noauth).
    pub noauth: bool,
    /// Faults for the next matching requests, in order.
    pub faults: VecDeque<Fault>,
    /// Replace every `next` link with this URL (a looping or hostile server).
    pub next_link: Option<String>,
    /// How the `name` filter matches: `exact` (Glance on PostgreSQL or SQLite), `loose`
    /// (MySQL's default collation: any case, trailing spaces ignored) or `ignored`.
    pub name_filter: &'static str,
    /// Each page after the first starts with the last image of the page before.
    pub overlapping_pages: bool,
    /// Nova's images routes answer this status (404 or 410: Nova dropped the proxy; 504: it
    /// fails), whatever the microversion; the rest of Nova still answers.
    pub nova_images_gone: Option<u16>,
    /// The catalog lists no compute service (the image service stays).
    pub no_compute: bool,
    /// `expires_at` of the tokens issued from now on.
    pub expires_at: String,
    /// Nova requests being answered now, and the most ever at once.
    pub in_flight: usize,
    pub max_in_flight: usize,
    /// Nova's `[quota] metadata_items`: most properties an image may have (default 128).
    pub metadata_quota: usize,
    /// Status changes that happen after so many GETs of an image (see `FakeCloud::schedule`).
    pub scheduled: Vec<Scheduled>,
    gets: HashMap<String, usize>,
    pub tokens: HashMap<String, Session>,
    /// Refuse every password (as after a password change): 401 on the token request.
    pub refuse_passwords: bool,
    /// Tokens issued so far, for their names.
    pub issued: u64,
    /// Requests received so far, for their request ids.
    pub requests: u64,
}

impl State {
    pub fn new(scheme: &'static str) -> Self {
        State {
            images: Vec::new(),
            in_use: HashSet::new(),
            servers: Vec::new(),
            all_tenants_for_all: false,
            name_filter: "exact",
            overlapping_pages: false,
            nova_images_gone: None,
            log: Vec::new(),
            max_limit: 1000,
            project_in_url: false,
            second_region: None,
            no_compute: false,
            same_endpoint_regions: Vec::new(),
            regions_elsewhere: Vec::new(),
            scheme,
            nova_delay: Duration::ZERO,
            identity_delay: Duration::ZERO,
            noauth: false,
            faults: VecDeque::new(),
            next_link: None,
            expires_at: "2099-01-01T00:00:00.000000Z".into(),
            in_flight: 0,
            max_in_flight: 0,
            metadata_quota: 128,
            scheduled: Vec::new(),
            gets: HashMap::new(),
            tokens: HashMap::from([(ADMIN_TOKEN.to_owned(), Session::admin())]),
            refuse_passwords: false,
            issued: 0,
            requests: 0,
        }
    }

    /// Forgets every issued token (as if they were revoked or Keystone's keys rotated).
    pub fn revoke_tokens(&mut self) {
        self.tokens.retain(|t, _| t == ADMIN_TOKEN);
    }

    /// The first queued fault for `path`, taken off the queue.
    pub fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let i = self.faults.iter().position(|f| f.matches(path))?;
        self.faults.remove(i)
    }

    /// Counts a GET of image `id` and applies the status changes now due.
    pub fn run_schedule(&mut self, id: &str) {
        let count = {
            let n = self.gets.entry(id.to_owned()).or_insert(0);
            *n += 1;
            *n
        };
        let (due, later): (Vec<Scheduled>, Vec<Scheduled>) = std::mem::take(&mut self.scheduled)
            .into_iter()
            .partition(|s| s.id == id && s.after_gets <= count);
        self.scheduled = later;
        for change in due {
            match change.glance_status {
                Some(status) => {
                    if let Some(image) = self.images.iter_mut().find(|i| i.id == id) {
                        image.glance_status = status;
                    }
                }
                None => self.images.retain(|i| i.id != id),
            }
        }
    }
}
