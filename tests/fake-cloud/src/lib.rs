//! A stateful fake OpenStack (Keystone v3, the Nova images proxy and Glance's v2 images API
//! over the same images) on 127.0.0.1.
//!
//! It behaves like the real services (Keystone 30 / Nova 34 / Glance 33, checked against
//! captures of them): tokens are issued and checked, the catalog points back here, listing
//! sorts like Glance, filters and pagination links follow Nova's code, deletes really
//! remove, microversions above 2.35 give 404, and error bodies have the real shapes and
//! messages. Every request is logged for the tests to assert on.
//!
//! The tests drive it through [`FakeCloud`]'s methods; `src/main.rs` runs it standalone for
//! scripts/bench.

mod faults;
mod glance;
mod keystone;
mod metadata;
mod nova;
mod reply;
mod servers;
mod state;
mod tls;
mod views;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::{Map, Value, json};

pub use faults::Fault;
use state::{Scheduled, SharedState, State};
pub use tls::Pki;

pub const ADMIN_PROJECT: &str = "a0000000000000000000000000000001";
pub const DEMO_PROJECT: &str = "d0000000000000000000000000000002";

/// The demo user's application credential.
pub const APPCRED_ID: &str = "ac0000000000000000000000000000ac";
pub const APPCRED_NAME: &str = "ci-cred";
pub const APPCRED_SECRET: &str = "appcred-secret-value";
/// A token valid from the start, for admin_token tests.
pub const ADMIN_TOKEN: &str = "static-admin-token-value";

/// One request as the fake saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub method: String,
    /// Path and query, exactly as sent.
    pub uri: String,
    /// Lower-case header names.
    pub headers: std::collections::BTreeMap<String, String>,
    pub body: String,
}

/// A Glance image as the fake stores it.
#[derive(Debug, Clone)]
pub struct FakeImage {
    pub id: String,
    pub name: Option<String>,
    /// Glance status: active, queued, saving, killed, deleted, deactivated...
    pub glance_status: String,
    pub min_ram: u64,
    pub min_disk: u64,
    pub size: Option<u64>,
    pub created: String,
    pub updated: String,
    pub properties: Map<String, Value>,
    pub owner: String,
    pub public: bool,
    pub protected: bool,
}

/// A Nova server, as far as `GET /servers/detail?image=` needs one.
#[derive(Debug, Clone)]
pub struct FakeServer {
    pub id: String,
    pub name: String,
    /// The ID of the image it was booted from; empty for a server booted from a volume
    /// (Nova shows `"image": ""`).
    pub image: String,
    /// The project that owns it.
    pub project: String,
}

impl FakeServer {
    /// A server of the demo project booted from `image`.
    pub fn new(id: &str, name: &str, image: &str) -> Self {
        FakeServer {
            id: id.to_owned(),
            name: name.to_owned(),
            image: image.to_owned(),
            project: DEMO_PROJECT.into(),
        }
    }
}

impl FakeImage {
    /// An active public image owned by admin; `n` orders creation times.
    pub fn new(id: &str, name: &str, n: u32) -> Self {
        FakeImage {
            id: id.to_owned(),
            name: Some(name.to_owned()),
            glance_status: "active".into(),
            min_ram: 0,
            min_disk: 0,
            size: Some(1024 * u64::from(n + 1)),
            created: timestamp(n),
            updated: timestamp(n),
            properties: Map::new(),
            owner: ADMIN_PROJECT.into(),
            public: true,
            protected: false,
        }
    }
}

impl FakeImage {
    /// An image shaped like a real cloud's (about 1.4 KB in Nova's view, links included):
    /// 18 properties of the kinds Glance carries on public images (`os_*`, `hw_*`,
    /// `owner_specified.openstack.*`), and every fifth image a server snapshot (`server`,
    /// `image_type`, `instance_uuid`, `base_image_ref`, `OS-DCF:diskConfig`). For benchmarks:
    /// a lighter image hides the cost of decoding what real Nova sends.
    pub fn nova_shaped(id: &str, name: &str, n: u32) -> Self {
        let mut image = FakeImage::new(id, name, n);
        image.min_disk = 10;
        image.min_ram = 512;
        image.size = Some(2_361_393_152 + u64::from(n));
        let digest = format!("{n:064x}");
        let props = [
            ("os_distro", json!("ubuntu")),
            ("os_version", json!("24.04")),
            ("os_type", json!("linux")),
            ("architecture", json!("x86_64")),
            ("hw_disk_bus", json!("scsi")),
            ("hw_scsi_model", json!("virtio-scsi")),
            ("hw_vif_model", json!("virtio")),
            ("hw_qemu_guest_agent", json!("yes")),
            ("hw_rng_model", json!("virtio")),
            ("hw_machine_type", json!("q35")),
            ("hw_firmware_type", json!("uefi")),
            ("hw_vif_multiqueue_enabled", json!("true")),
            ("os_secure_boot", json!("required")),
            ("os_admin_user", json!("ubuntu")),
            (
                "description",
                json!(format!(
                    "Ubuntu 24.04 LTS (Noble Numbat) cloud image, build {n}, from the image pipeline"
                )),
            ),
            ("owner_specified.openstack.md5", json!(&digest[32..])),
            ("owner_specified.openstack.sha256", json!(digest)),
            (
                "owner_specified.openstack.object",
                json!(format!("images/{name}")),
            ),
        ];
        image.properties = props.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        if n % 5 == 4 {
            let server = format!("5e2f0c1a-7b3d-4c8e-9f10-{n:012}");
            let snapshot = [
                ("image_type", json!("snapshot")),
                ("instance_uuid", json!(server)),
                (
                    "base_image_ref",
                    json!("00000000-0000-4000-8000-000000000000"),
                ),
                ("auto_disk_config", json!("True")),
            ];
            image
                .properties
                .retain(|k, _| !k.starts_with("owner_specified"));
            image
                .properties
                .extend(snapshot.into_iter().map(|(k, v)| (k.to_owned(), v)));
        }
        image
    }
}

/// `2024-01-01T00:00:00Z` plus `n` minutes (a real date however large `n` is: 100,000
/// images reach into March).
fn timestamp(n: u32) -> String {
    let start = jiff::Timestamp::from_second(1_704_067_200).unwrap();
    let at = start + jiff::SignedDuration::from_mins(i64::from(n));
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A running fake cloud. Dropping it stops the server.
pub struct FakeCloud {
    addr: SocketAddr,
    state: SharedState,
    /// Dropped, it stops every server of this cloud (its regions' too).
    shutdown: tokio::sync::watch::Sender<()>,
}

impl FakeCloud {
    /// Starts on 127.0.0.1 with an ephemeral port and no images.
    pub fn start() -> Self {
        Self::start_with(None)
    }

    /// Starts an HTTPS fake cloud; `mutual` also requires a client certificate.
    pub fn start_tls(mutual: bool) -> (Self, Pki) {
        let (config, pki) = tls::make_pki(mutual);
        (Self::start_with(Some(config)), pki)
    }

    fn start_with(tls: Option<rustls::ServerConfig>) -> Self {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let state = Arc::new(Mutex::new(State::new(scheme)));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, mut rx) = tokio::sync::watch::channel(());
        let app = app(state.clone());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let stop = async move {
                    let _ = rx.changed().await;
                };
                match tls {
                    None => axum::serve(listener, app)
                        .with_graceful_shutdown(stop)
                        .await
                        .unwrap(),
                    Some(config) => axum::serve(tls::TlsListener::new(listener, config), app)
                        .with_graceful_shutdown(stop)
                        .await
                        .unwrap(),
                }
            });
        });
        FakeCloud {
            addr,
            state,
            shutdown: tx,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    pub fn base_url(&self) -> String {
        format!("{}://{}", self.state().scheme, self.addr)
    }

    /// Keystone's root (version discovery answers 300 here).
    pub fn identity_url(&self) -> String {
        format!("{}/identity", self.base_url())
    }

    // ---- images ------------------------------------------------------------------------------

    pub fn add(&self, image: FakeImage) {
        self.state().images.push(image);
    }

    /// Changes the image with ID `id` in place; panics when there is none.
    pub fn edit_image(&self, id: &str, edit: impl FnOnce(&mut FakeImage)) {
        let mut st = self.state();
        let image = st.images.iter_mut().find(|i| i.id == id);
        edit(image.unwrap_or_else(|| panic!("the fake cloud has no image {id}")));
    }

    /// Changes every image in place.
    pub fn edit_images(&self, edit: impl FnMut(&mut FakeImage)) {
        self.state().images.iter_mut().for_each(edit);
    }

    pub fn image_ids(&self) -> Vec<String> {
        self.state().images.iter().map(|i| i.id.clone()).collect()
    }

    /// Glance refuses to delete these images (409, in use), so Nova answers their DELETE
    /// with its 500 naming `ImageDeleteConflict`, as real Nova does.
    pub fn set_in_use(&self, ids: &[&str]) {
        self.state().in_use = ids.iter().map(|id| (*id).to_owned()).collect();
    }

    pub fn add_server(&self, server: FakeServer) {
        self.state().servers.push(server);
    }

    /// Lets every user list all projects' servers (`all_tenants=1`), as a policy might;
    /// by default only admins may (others get Nova's 403).
    pub fn allow_all_tenants(&self, on: bool) {
        self.state().all_tenants_for_all = on;
    }

    /// The properties (metadata) of an image.
    pub fn properties(&self, id: &str) -> Map<String, Value> {
        let st = self.state();
        st.images
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.properties.clone())
            .unwrap_or_default()
    }

    /// From the `after_gets`-th `GET /images/{id}` on (counting every GET so far), the image
    /// has Glance status `status` (`None`: it is deleted and GET answers 404), as if an
    /// upload or a delete finished meanwhile.
    pub fn schedule(&self, id: &str, after_gets: usize, status: Option<&str>) {
        self.state().scheduled.push(Scheduled {
            id: id.to_owned(),
            after_gets,
            glance_status: status.map(str::to_owned),
        });
    }

    // ---- the request log ---------------------------------------------------------------------

    /// Every logged request whose path starts with `prefix`.
    pub fn requests(&self, prefix: &str) -> Vec<Logged> {
        self.state()
            .log
            .iter()
            .filter(|r| r.uri.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// The logged Glance requests (`/image/...`), as "METHOD uri" lines.
    pub fn glance_calls(&self) -> Vec<String> {
        self.requests("/image")
            .iter()
            .map(|r| format!("{} {}", r.method, r.uri))
            .collect()
    }

    /// The logged Nova requests (`/compute/...`), as "METHOD uri" lines.
    pub fn nova_calls(&self) -> Vec<String> {
        self.requests("/compute/")
            .iter()
            .map(|r| format!("{} {}", r.method, r.uri))
            .collect()
    }

    /// How many requests were logged (since the last [`FakeCloud::clear_requests`]).
    pub fn request_count(&self) -> usize {
        self.state().log.len()
    }

    pub fn clear_requests(&self) {
        self.state().log.clear();
    }

    /// The most Nova requests ever answered at once (counted while a Nova delay is set).
    pub fn max_in_flight(&self) -> usize {
        self.state().max_in_flight
    }

    // ---- behaviour ---------------------------------------------------------------------------

    /// Queues a fault for the next request it matches; faults apply in the order queued.
    pub fn inject(&self, fault: Fault) {
        self.state().faults.push_back(fault);
    }

    /// Forgets every issued token (as if they were revoked or Keystone's keys rotated).
    pub fn revoke_all_tokens(&self) {
        self.state().revoke_tokens();
    }

    /// Refuses every password from now on (401 on the token request), as after a password
    /// change; application credentials and tokens still work.
    pub fn refuse_passwords(&self, on: bool) {
        self.state().refuse_passwords = on;
    }

    /// How many tokens were asked for (`POST /identity/v3/auth/tokens`, issued or refused)
    /// since the last [`FakeCloud::clear_requests`].
    pub fn logins(&self) -> usize {
        self.requests("/identity/v3/auth/tokens")
            .iter()
            .filter(|r| r.method == "POST")
            .count()
    }

    /// Puts `/{project_id}` in the compute URL of the catalog (older deployments do).
    pub fn set_project_in_url(&self, on: bool) {
        self.state().project_in_url = on;
    }

    /// Adds a second region, `name`, to the catalog: the same Nova by its other URL shape.
    pub fn add_region(&self, name: &str) {
        self.state().second_region = Some(name.to_owned());
    }

    /// Adds a region, `name`, to the catalog whose compute endpoint is the first region's
    /// very URL.
    pub fn add_region_at_same_endpoint(&self, name: &str) {
        self.state().same_endpoint_regions.push(name.to_owned());
    }

    /// Adds a region, `name`, to the catalog whose compute endpoint is `compute_url`: e.g.
    /// another fake cloud's (with noauth), a region with images of its own.
    pub fn add_region_at(&self, name: &str, compute_url: &str) {
        (self.state().regions_elsewhere).push((name.to_owned(), compute_url.to_owned()));
    }

    /// This cloud's compute endpoint (as the catalog names it without a project ID).
    pub fn compute_url(&self) -> String {
        format!("{}/compute/v2.1", self.base_url())
    }

    /// Adds the regions `names` to the catalog, each with its compute endpoint on a port of
    /// its own (another host, as a real cloud's regions have), all in front of the same Nova
    /// and image store: as many as a test or the benchmark needs. Plain HTTP only.
    pub fn add_regions<S: Into<String>>(&self, names: impl IntoIterator<Item = S>) {
        assert_eq!(
            self.state().scheme,
            "http",
            "regions of their own need plain HTTP"
        );
        let mut listeners = Vec::new();
        for name in names {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.set_nonblocking(true).unwrap();
            let port = listener.local_addr().unwrap().port();
            let url = format!("http://127.0.0.1:{port}/compute/v2.1");
            (self.state().regions_elsewhere).push((name.into(), url));
            listeners.push(listener);
        }
        let app = app(self.state.clone());
        let stop = self.shutdown.subscribe();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let mut servers = tokio::task::JoinSet::new();
                for listener in listeners {
                    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                    let mut stop = stop.clone();
                    let serve =
                        axum::serve(listener, app.clone()).with_graceful_shutdown(async move {
                            let _ = stop.changed().await;
                        });
                    servers.spawn(async move { serve.await.unwrap() });
                }
                servers.join_all().await;
            });
        });
    }

    /// Replaces every `next` link with `url` (a looping or hostile server).
    pub fn set_next_link(&self, url: &str) {
        self.state().next_link = Some(url.to_owned());
    }

    /// How the `name` filter matches: `exact`, `loose` (any case, trailing spaces ignored,
    /// as Glance on MySQL) or `ignored`.
    pub fn set_name_filter(&self, how: &'static str) {
        self.state().name_filter = how;
    }

    /// Each page after the first repeats the last image of the page before.
    pub fn set_overlapping_pages(&self, on: bool) {
        self.state().overlapping_pages = on;
    }

    /// Added to every Nova response, to model a remote cloud.
    pub fn set_nova_delay(&self, delay: Duration) {
        self.state().nova_delay = delay;
    }

    /// Added to every Keystone response.
    pub fn set_identity_delay(&self, delay: Duration) {
        self.state().identity_delay = delay;
    }

    /// Makes Nova's images routes (`/images...`) answer `status` once past the gate (404 as
    /// Nova from 2.36, 410 Gone, 504 as a failing proxy), as a Nova without the images proxy
    /// would; `None` restores them.
    pub fn set_nova_images_gone(&self, status: Option<u16>) {
        self.state().nova_images_gone = status;
    }

    /// Leaves the compute service out of the catalog of the tokens issued from now on.
    pub fn set_no_compute(&self, on: bool) {
        self.state().no_compute = on;
    }

    /// Answers Nova requests without a token (a cloud deployed with noauth).
    pub fn set_noauth(&self, on: bool) {
        self.state().noauth = on;
    }

    /// `expires_at` of the tokens issued from now on.
    pub fn set_token_expiry(&self, expires_at: &str) {
        self.state().expires_at = expires_at.to_owned();
    }
}

/// Every route. Each request is logged, and faults and delays applied, first (`faults`);
/// Nova's routes also pass its gate (token, microversion, project ID in the URL).
fn app(state: SharedState) -> Router {
    Router::new()
        .merge(keystone::routes())
        .merge(nova::routes(state.clone()))
        .merge(glance::routes())
        .route("/compute/v2.1", axum::routing::get(nova::version_document))
        .route("/compute/v2.1/", axum::routing::get(nova::version_document))
        // For the benchmark: `POST /fake/seed?count=N` adds N images the demo project owns.
        .route("/fake/seed", post(seed))
        .fallback(fallback)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::apply,
        ))
        .with_state(state)
}

/// Nova's gate still checks unknown paths under `/compute/v2.1/`; any other path starting with
/// `/identity` is Keystone's 404; anything else is a 404.
async fn fallback(
    axum::extract::State(state): axum::extract::State<SharedState>,
    axum::Extension(ctx): axum::Extension<reply::Ctx>,
    request: axum::extract::Request,
) -> axum::response::Response {
    if request.uri().path().starts_with("/compute/v2.1/") {
        return nova::unrouted(&state, &ctx, &request);
    }
    if request.uri().path().starts_with("/identity") {
        return keystone::not_found(&ctx);
    }
    reply::nova_error(StatusCode::NOT_FOUND, "not found", &ctx.request_id)
}

async fn seed(
    axum::extract::State(state): axum::extract::State<SharedState>,
    axum::Extension(ctx): axum::Extension<reply::Ctx>,
    uri: axum::http::Uri,
) -> axum::response::Response {
    let query = reply::query_pairs(&uri);
    let count: u32 = query
        .iter()
        .find(|(k, _)| k == "count")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut st = state.lock().unwrap();
    for i in 0..count {
        let mut image = FakeImage::new(
            &format!("de1e7e00-0000-4000-8000-{i:012}"),
            &format!("delete-me-{i}"),
            i,
        );
        image.owner = DEMO_PROJECT.into();
        st.images.retain(|old| old.id != image.id);
        st.images.push(image);
    }
    reply::respond(StatusCode::NO_CONTENT, None, &ctx.request_id)
}
