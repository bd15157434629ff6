//! A stateful fake OpenStack (Keystone v3 + the Nova images proxy) on 127.0.0.1.
//!
//! It behaves like the real services (Keystone 30 / Nova 34 / Glance 33, checked against
//! captures of them): tokens are issued and checked, the catalog points back here, listing
//! sorts like Glance, filters and pagination links follow Nova's code, deletes really
//! remove, microversions above 2.35 give 404, and error bodies have the real shapes and
//! messages. Every request is logged for the tests to assert on.

#![allow(dead_code, clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};
use serde_json::{Map, Value, json};

pub const ADMIN_PROJECT: &str = "a0000000000000000000000000000001";
pub const DEMO_PROJECT: &str = "d0000000000000000000000000000002";

/// One request as the fake saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub method: String,
    /// Path and query, exactly as sent.
    pub uri: String,
    /// Lower-case header names.
    pub headers: BTreeMap<String, String>,
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

/// `2024-01-01T00:00:00Z` plus `n` minutes.
pub fn timestamp(n: u32) -> String {
    format!(
        "2024-01-{:02}T{:02}:{:02}:00Z",
        1 + n / 1440,
        (n / 60) % 24,
        n % 60
    )
}

struct User {
    id: &'static str,
    name: &'static str,
    password: &'static str,
    project: &'static str,
    project_name: &'static str,
    admin: bool,
}

const USERS: [User; 2] = [
    User {
        id: "u-admin",
        name: "admin",
        password: "secret-admin-pw",
        project: ADMIN_PROJECT,
        project_name: "admin",
        admin: true,
    },
    User {
        id: "u-demo",
        name: "demo",
        password: "secret-demo-pw",
        project: DEMO_PROJECT,
        project_name: "demo",
        admin: false,
    },
];

/// The demo user's application credential.
pub const APPCRED_ID: &str = "ac0000000000000000000000000000ac";
pub const APPCRED_NAME: &str = "ci-cred";
pub const APPCRED_SECRET: &str = "appcred-secret-value";
/// A token valid from the start, for admin_token tests.
pub const ADMIN_TOKEN: &str = "static-admin-token-value";

#[derive(Clone)]
struct Session {
    user: &'static str,
    project: String,
    admin: bool,
}

/// A status change of one image, due at its `after_gets`-th `GET /images/{id}`.
#[derive(Debug, Clone)]
pub struct Scheduled {
    pub id: String,
    pub after_gets: usize,
    /// The new Glance status; `None` deletes the image (GET then answers 404).
    pub glance_status: Option<String>,
}

/// A fault injected into the next request whose path starts with `prefix`.
#[derive(Debug, Clone, Default)]
pub struct Fault {
    pub prefix: String,
    /// Answer with this status and body instead of the real one.
    pub status: Option<u16>,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
    /// Send headers, then break the connection mid-body.
    pub broken: bool,
    /// With `broken`: do the real work first (a DELETE that happened, its answer lost).
    pub after: bool,
    /// Wait this long before answering.
    pub delay: std::time::Duration,
}

impl Fault {
    /// `status` with `body` (labelled JSON when it parses as JSON).
    pub fn status(prefix: &str, status: u16, body: &str) -> Self {
        Fault {
            prefix: prefix.into(),
            status: Some(status),
            body: body.as_bytes().to_vec(),
            ..Default::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The connection breaks after the headers: the client never gets a whole answer.
    pub fn dropped(prefix: &str) -> Self {
        Fault {
            prefix: prefix.into(),
            broken: true,
            ..Default::default()
        }
    }

    /// The request is carried out, but its answer is lost on the way back.
    pub fn lost_answer(prefix: &str) -> Self {
        Fault {
            after: true,
            ..Fault::dropped(prefix)
        }
    }

    pub fn slow(prefix: &str, delay: std::time::Duration) -> Self {
        Fault {
            prefix: prefix.into(),
            delay,
            ..Default::default()
        }
    }
}

/// The mutable state behind the server.
pub struct State {
    pub images: Vec<FakeImage>,
    pub log: Vec<Logged>,
    /// Nova's `[api] max_limit`.
    pub max_limit: usize,
    /// Put `/{project_id}` in the compute URL of the catalog (older deployments do).
    pub project_in_url: bool,
    scheme: &'static str,
    /// Added to every Nova response, to model a remote cloud.
    pub nova_delay: std::time::Duration,
    /// Added to every Keystone response.
    pub identity_delay: std::time::Duration,
    /// Answer Nova requests without a token (a cloud deployed with noauth).
    pub noauth: bool,
    /// Faults for the next matching requests, in order.
    pub faults: std::collections::VecDeque<Fault>,
    /// Replace every `next` link with this URL (a looping or hostile server).
    pub next_link: Option<String>,
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
    tokens: HashMap<String, Session>,
    issued: u64,
    requests: u64,
}

/// A running fake cloud. Dropping it stops the server.
pub struct FakeCloud {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

/// Certificates of an HTTPS fake cloud, made at test time.
pub struct Pki {
    /// The CA that signed the server (and client) certificates, PEM.
    pub ca_pem: String,
    /// A client certificate and its key signed by the CA, PEM.
    pub client_cert_pem: String,
    pub client_key_pem: String,
}

/// Accepts TCP connections and completes the TLS handshake; failed handshakes are dropped.
struct TlsListener {
    tcp: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((tcp, addr)) = self.tcp.accept().await else {
                continue;
            };
            if let Ok(tls) = self.acceptor.accept(tcp).await {
                return (tls, addr);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.tcp.local_addr()
    }
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate; the server config
/// requires a client certificate when `mutual` is set.
fn make_pki(mutual: bool) -> (rustls::ServerConfig, Pki) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "nova-images test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca, &ca_key)
        .unwrap();
    let client_key = KeyPair::generate().unwrap();
    let mut client_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    client_params
        .distinguished_name
        .push(DnType::CommonName, "nova-images test client");
    let client = client_params.signed_by(&client_key, &ca, &ca_key).unwrap();

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = if mutual {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(ca.der().clone()).unwrap();
        let verifier =
            rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .unwrap();
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    };
    let key = rustls::pki_types::PrivateKeyDer::try_from(server_key.serialize_der()).unwrap();
    let mut config = builder
        .with_single_cert(vec![server.der().clone()], key)
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let pki = Pki {
        ca_pem: ca.pem(),
        client_cert_pem: client.pem(),
        client_key_pem: client_key.serialize_pem(),
    };
    (config, pki)
}

impl FakeCloud {
    /// Starts on 127.0.0.1 with an ephemeral port and no images.
    pub fn start() -> Self {
        Self::start_with(None)
    }

    /// Starts an HTTPS fake cloud; `mutual` also requires a client certificate.
    pub fn start_tls(mutual: bool) -> (Self, Pki) {
        let (config, pki) = make_pki(mutual);
        (Self::start_with(Some(config)), pki)
    }

    fn start_with(tls: Option<rustls::ServerConfig>) -> Self {
        let state = Arc::new(Mutex::new(State {
            images: Vec::new(),
            log: Vec::new(),
            max_limit: 1000,
            project_in_url: false,
            scheme: if tls.is_some() { "https" } else { "http" },
            nova_delay: std::time::Duration::ZERO,
            identity_delay: std::time::Duration::ZERO,
            noauth: false,
            faults: Default::default(),
            next_link: None,
            expires_at: "2099-01-01T00:00:00.000000Z".into(),
            in_flight: 0,
            max_in_flight: 0,
            metadata_quota: 128,
            scheduled: Vec::new(),
            gets: HashMap::new(),
            tokens: HashMap::from([(
                ADMIN_TOKEN.to_owned(),
                Session {
                    user: "admin",
                    project: ADMIN_PROJECT.to_owned(),
                    admin: true,
                },
            )]),
            issued: 0,
            requests: 0,
        }));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let shared = state.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = axum::Router::new().fallback(move |method, uri, headers, body| {
                    handle(shared.clone(), method, uri, headers, body)
                });
                let stop = async {
                    let _ = rx.await;
                };
                match tls {
                    None => axum::serve(listener, app)
                        .with_graceful_shutdown(stop)
                        .await
                        .unwrap(),
                    Some(config) => {
                        let listener = TlsListener {
                            tcp: listener,
                            acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(config)),
                        };
                        axum::serve(listener, app)
                            .with_graceful_shutdown(stop)
                            .await
                            .unwrap()
                    }
                }
            });
        });
        FakeCloud {
            addr,
            state,
            _shutdown: tx,
        }
    }

    pub fn base_url(&self) -> String {
        format!("{}://{}", self.state().scheme, self.addr)
    }

    /// Keystone's root (version discovery answers 300 here).
    pub fn identity_url(&self) -> String {
        format!("{}/identity", self.base_url())
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    pub fn add(&self, image: FakeImage) {
        self.state().images.push(image);
    }

    /// Every logged request whose path starts with `prefix`.
    pub fn requests(&self, prefix: &str) -> Vec<Logged> {
        self.state()
            .log
            .iter()
            .filter(|r| r.uri.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// The logged Nova requests (`/compute/...`), as "METHOD uri" lines.
    pub fn nova_calls(&self) -> Vec<String> {
        self.requests("/compute/")
            .iter()
            .map(|r| format!("{} {}", r.method, r.uri))
            .collect()
    }

    /// Forgets every issued token (as if they were revoked or Keystone's keys rotated).
    pub fn revoke_all_tokens(&self) {
        self.state().tokens.retain(|t, _| t == ADMIN_TOKEN);
    }

    pub fn image_ids(&self) -> Vec<String> {
        self.state().images.iter().map(|i| i.id.clone()).collect()
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

    /// The properties (metadata) of an image.
    pub fn properties(&self, id: &str) -> Map<String, Value> {
        let st = self.state();
        st.images
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.properties.clone())
            .unwrap_or_default()
    }
}

/// Promises more bytes than it sends: hyper cuts the connection mid-body.
fn broken_response() -> Response<Body> {
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("content-length", "100000")
        .body(Body::from("{\"images\": ["))
        .unwrap()
}

fn respond(status: StatusCode, body: Option<Value>, request_id: &str) -> Response<Body> {
    let mut builder = Response::builder()
        .status(status)
        .header("x-openstack-request-id", request_id)
        .header("x-compute-request-id", request_id);
    let body = match body {
        Some(v) => {
            builder = builder.header("content-type", "application/json; charset=UTF-8");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    builder.body(body).unwrap()
}

/// A Nova fault body: `{"<name>": {"code": N, "message": M}}`.
fn fault(status: StatusCode, message: &str) -> Value {
    let name = match status.as_u16() {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 | 429 => "overLimit",
        415 => "badMediaType",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };
    json!({ name: { "code": status.as_u16(), "message": message } })
}

fn keystone_401() -> Value {
    json!({"error": {"code": 401, "title": "Unauthorized",
        "message": "The request you have made requires authentication."}})
}

async fn handle(
    state: Arc<Mutex<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_owned();
    let base = format!("{}://{host}", state.lock().unwrap().scheme);
    let (request_id, delay, injected) = {
        let mut st = state.lock().unwrap();
        st.requests += 1;
        st.log.push(Logged {
            method: method.to_string(),
            uri: uri.to_string(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                .collect(),
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        let fault_now = st
            .faults
            .iter()
            .position(|f| uri.path().starts_with(&f.prefix))
            .and_then(|i| st.faults.remove(i));
        let delay = if uri.path().starts_with("/identity") {
            st.identity_delay
        } else {
            st.nova_delay
        };
        (
            format!("req-{:08}-0000-4000-8000-000000000000", st.requests),
            delay,
            fault_now,
        )
    };
    if !delay.is_zero() {
        {
            let mut st = state.lock().unwrap();
            st.in_flight += 1;
            st.max_in_flight = st.max_in_flight.max(st.in_flight);
        }
        tokio::time::sleep(delay).await;
        state.lock().unwrap().in_flight -= 1;
    }
    if let Some(fault) = &injected {
        tokio::time::sleep(fault.delay).await;
        if let Some(status) = fault.status {
            let mut builder = Response::builder()
                .status(status)
                .header("x-openstack-request-id", &request_id);
            if serde_json::from_slice::<Value>(&fault.body).is_ok() {
                builder = builder.header("content-type", "application/json");
            }
            for (k, v) in &fault.headers {
                builder = builder.header(k.as_str(), v.as_str());
            }
            return builder.body(Body::from(fault.body.clone())).unwrap();
        }
        if fault.broken && !fault.after {
            return broken_response();
        }
    }
    let mut st = state.lock().unwrap();
    let path = uri.path().to_owned();
    let query: Vec<(String, String)> = uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();

    // For the benchmark: `POST /fake/seed?count=N` adds N images the demo project owns.
    if method == Method::POST && path == "/fake/seed" {
        let count: u32 = query
            .iter()
            .find(|(k, _)| k == "count")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
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
        return respond(StatusCode::NO_CONTENT, None, &request_id);
    }
    if let Some(rest) = path.strip_prefix("/identity") {
        return keystone(&mut st, &method, rest, &headers, &body, &base, &request_id);
    }
    if let Some(rest) = path.strip_prefix("/compute/v2.1/") {
        let version = microversion(&headers, &request_id).ok();
        let mut response = nova(
            &mut st,
            &method,
            rest,
            &query,
            &headers,
            &body,
            &base,
            &request_id,
        );
        if injected.as_ref().is_some_and(|f| f.broken && f.after) {
            return broken_response();
        }
        // Every versioned Nova answer names its version, as Nova 34 does.
        if let Some((major, minor)) = version {
            let h = response.headers_mut();
            let v = format!("{major}.{minor}");
            h.insert(
                "openstack-api-version",
                format!("compute {v}").parse().unwrap(),
            );
            h.insert("x-openstack-nova-api-version", v.parse().unwrap());
            h.append("vary", "OpenStack-API-Version".parse().unwrap());
            h.append("vary", "X-OpenStack-Nova-API-Version".parse().unwrap());
        }
        return response;
    }
    respond(
        StatusCode::NOT_FOUND,
        Some(fault(StatusCode::NOT_FOUND, "not found")),
        &request_id,
    )
}

fn keystone(
    st: &mut State,
    method: &Method,
    rest: &str,
    headers: &HeaderMap,
    body: &[u8],
    base: &str,
    request_id: &str,
) -> Response<Body> {
    let v3 = json!({"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": format!("{base}/identity/v3/")}],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]});
    match (method.as_str(), rest.trim_end_matches('/')) {
        ("GET", "") => respond(
            StatusCode::MULTIPLE_CHOICES,
            Some(json!({"versions": {"values": [v3]}})),
            request_id,
        ),
        ("GET", "/v3") => respond(StatusCode::OK, Some(json!({"version": v3})), request_id),
        ("POST", "/v3/auth/tokens") => issue_token(st, body, base, request_id),
        ("DELETE", "/v3/auth/tokens") => {
            let subject = headers
                .get("x-subject-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            match st.tokens.remove(subject) {
                Some(_) => respond(StatusCode::NO_CONTENT, None, request_id),
                None => respond(
                    StatusCode::NOT_FOUND,
                    Some(json!({"error": {"code": 404, "title": "Not Found",
                        "message": "Could not find token."}})),
                    request_id,
                ),
            }
        }
        _ => respond(
            StatusCode::NOT_FOUND,
            Some(json!({"error": {"code": 404, "title": "Not Found",
                "message": "The resource could not be found."}})),
            request_id,
        ),
    }
}

fn issue_token(st: &mut State, body: &[u8], base: &str, request_id: &str) -> Response<Body> {
    let bad = |m: &str| {
        respond(
            StatusCode::BAD_REQUEST,
            Some(json!({"error": {"code": 400, "title": "Bad Request", "message": m}})),
            request_id,
        )
    };
    let Ok(req) = serde_json::from_slice::<Value>(body) else {
        return bad("Malformed JSON");
    };
    let auth = &req["auth"];
    let identity = &auth["identity"];
    let is_user = |user: &Value, u: &User| {
        user["id"].as_str() == Some(u.id)
            || (user["name"].as_str() == Some(u.name)
                && (user["domain"]["id"].as_str() == Some("default")
                    || user["domain"]["name"].as_str() == Some("Default")))
    };
    let method = identity["methods"][0].as_str().unwrap_or_default();
    let found: Option<&User> = match method {
        "password" => {
            let user = &identity["password"]["user"];
            let Some(password) = user["password"].as_str() else {
                return bad("Invalid input for field 'identity/password/user/password'");
            };
            USERS
                .iter()
                .find(|u| is_user(user, u) && u.password == password)
        }
        "token" => {
            let given = identity["token"]["id"].as_str().unwrap_or_default();
            st.tokens
                .get(given)
                .and_then(|s| USERS.iter().find(|u| u.name == s.user))
        }
        "application_credential" => {
            if !auth["scope"].is_null() {
                return bad("Application credentials cannot request a scope.");
            }
            let cred = &identity["application_credential"];
            let by_id = cred["id"].as_str() == Some(APPCRED_ID);
            let by_name =
                cred["name"].as_str() == Some(APPCRED_NAME) && is_user(&cred["user"], &USERS[1]);
            (cred["secret"].as_str() == Some(APPCRED_SECRET) && (by_id || by_name))
                .then_some(&USERS[1])
        }
        _ => return bad("Unsupported method"),
    };
    let unauthorized = || {
        let mut r = respond(StatusCode::UNAUTHORIZED, Some(keystone_401()), request_id);
        r.headers_mut().insert(
            "www-authenticate",
            format!("Keystone uri=\"{base}/identity/v3\"")
                .parse()
                .unwrap(),
        );
        r
    };
    let Some(u) = found else {
        return unauthorized();
    };
    let project = &auth["scope"]["project"];
    // An application credential is scoped to its project.
    let scoped = !project.is_null() || method == "application_credential";
    if scoped {
        let by_id = project["id"].as_str() == Some(u.project);
        let by_name = project["name"].as_str() == Some(u.project_name)
            && (project["domain"]["id"].as_str() == Some("default")
                || project["domain"]["name"].as_str() == Some("Default"));
        if method != "application_credential"
            && project["name"].is_string()
            && project["domain"].is_null()
        {
            return bad(
                "Expecting to find domain in project. The server could not comply with \
                        the request since it is either malformed or otherwise incorrect. The \
                        client is assumed to be in error.",
            );
        }
        if !by_id && !by_name && method != "application_credential" {
            return unauthorized();
        }
    }
    st.issued += 1;
    let token = format!("gAAAAA-fake-token-{:04}-{}", st.issued, u.name);
    st.tokens.insert(
        token.clone(),
        Session {
            user: u.name,
            project: u.project.to_owned(),
            admin: u.admin,
        },
    );
    let compute_url = if st.project_in_url {
        format!("{base}/compute/v2.1/{}", u.project)
    } else {
        format!("{base}/compute/v2.1")
    };
    let endpoint = |iface: &str, url: &str| {
        json!({"id": format!("ep-{iface}"), "interface": iface, "region": "RegionOne",
               "region_id": "RegionOne", "url": url})
    };
    let mut token_body = json!({
        "methods": ["password"],
        "user": {"domain": {"id": "default", "name": "Default"}, "id": u.id, "name": u.name,
                 "password_expires_at": null},
        "audit_ids": ["fakeaudit"],
        "expires_at": st.expires_at,
        "issued_at": "2024-01-01T00:00:00.000000Z",
    });
    if scoped {
        token_body["project"] = json!({"domain": {"id": "default", "name": "Default"},
            "id": u.project, "name": u.project_name});
        token_body["is_domain"] = json!(false);
        token_body["roles"] = json!([{"id": "r1", "name": if u.admin {"admin"} else {"member"}}]);
        token_body["catalog"] = json!([
            {"id": "s-identity", "type": "identity", "name": "keystone", "endpoints": [
                endpoint("public", &format!("{base}/identity/v3/"))]},
            {"id": "s-image", "type": "image", "name": "glance", "endpoints": [
                endpoint("public", &format!("{base}/image"))]},
            {"id": "s-compute", "type": "compute", "name": "nova", "endpoints": [
                endpoint("internal", &format!("{base}/internal-compute-not-here")),
                endpoint("public", &compute_url),
                endpoint("admin", &format!("{base}/admin-compute-not-here"))]},
        ]);
    }
    let mut r = respond(
        StatusCode::CREATED,
        Some(json!({"token": token_body})),
        request_id,
    );
    r.headers_mut()
        .insert("x-subject-token", token.parse().unwrap());
    r
}

/// The microversion a request asks for; `Err` is the response to send instead.
fn microversion(headers: &HeaderMap, request_id: &str) -> Result<(u32, u32), Response<Body>> {
    let legacy = headers
        .get("x-openstack-nova-api-version")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let new = headers
        .get("openstack-api-version")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("compute "))
        .map(str::to_owned);
    let Some(raw) = new.or(legacy) else {
        return Ok((2, 1));
    };
    let raw = if raw == "latest" {
        "2.104".to_owned()
    } else {
        raw
    };
    let parsed = raw
        .split_once('.')
        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)));
    let Some(version) = parsed else {
        return Err(respond(
            StatusCode::BAD_REQUEST,
            Some(fault(
                StatusCode::BAD_REQUEST,
                &format!(
                    "API Version String {raw} is of invalid format. Must be of format MajorNum.MinorNum."
                ),
            )),
            request_id,
        ));
    };
    if !((2, 1)..=(2, 104)).contains(&version) {
        return Err(respond(
            StatusCode::NOT_ACCEPTABLE,
            Some(fault(
                StatusCode::NOT_ACCEPTABLE,
                &format!(
                    "Version {raw} is not supported by the API. Minimum is 2.1 and maximum is 2.104."
                ),
            )),
            request_id,
        ));
    }
    Ok(version)
}

fn nova_status(glance: &str) -> (&'static str, u64) {
    match glance {
        "active" => ("ACTIVE", 100),
        "queued" => ("SAVING", 25),
        "saving" => ("SAVING", 50),
        "deleted" | "pending_delete" => ("DELETED", 0),
        "killed" => ("ERROR", 0),
        _ => ("UNKNOWN", 0),
    }
}

/// The Nova view of a Glance image (nova/api/openstack/compute/views/images.py).
fn render(image: &FakeImage, prefix: &str, base: &str) -> Value {
    let (status, progress) = nova_status(&image.glance_status);
    let bookmark_prefix = prefix.replace("/compute/v2.1", "/compute");
    let mut v = json!({
        "id": image.id,
        "name": image.name,
        "minRam": image.min_ram,
        "minDisk": image.min_disk,
        "metadata": image.properties,
        "created": image.created,
        "updated": image.updated,
        "status": status,
        "progress": progress,
        "OS-EXT-IMG-SIZE:size": image.size.unwrap_or(0),
        "links": [
            {"rel": "self", "href": format!("{prefix}/images/{}", image.id)},
            {"rel": "bookmark", "href": format!("{bookmark_prefix}/images/{}", image.id)},
            {"rel": "alternate", "type": "application/vnd.openstack.image",
             "href": format!("{base}/image//images/{}", image.id)},
        ],
    });
    if let Some(uuid) = image
        .properties
        .get("instance_uuid")
        .and_then(Value::as_str)
    {
        v["server"] = json!({"id": uuid, "links": [
            {"rel": "self", "href": format!("{prefix}/servers/{uuid}")},
            {"rel": "bookmark", "href": format!("{bookmark_prefix}/servers/{uuid}")}]});
    }
    if let Some(auto) = image.properties.get("auto_disk_config") {
        let on = matches!(
            auto.as_str().map(str::to_lowercase).as_deref(),
            Some("true" | "1" | "yes" | "on")
        ) || auto == &json!(true);
        v["OS-DCF:diskConfig"] = json!(if on { "AUTO" } else { "MANUAL" });
    }
    v
}

/// `changes-since` as Nova/Glance accept it (iso8601.parse_date), padded for comparison.
fn parse_since(v: &str) -> Option<f64> {
    // iso8601.parse_date: a date, optionally a time (seconds and fractions optional), and an
    // optional `Z` or `±HH:MM` offset; compared as instants.
    let (date, time) = v.split_once('T').unwrap_or((v, ""));
    let mut d = date.split('-');
    let year: i64 = d.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: i64 = d.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = d.next().map_or(Some(1), |x| x.parse().ok())?;
    if d.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (clock, offset) = match time.find(['Z', '+', '-']) {
        Some(i) => (&time[..i], &time[i..]),
        None => (time, ""),
    };
    let mut parts = clock.split(':');
    let hour: f64 = parts
        .next()
        .filter(|h| !h.is_empty())
        .map_or(Some(0.0), |h| h.parse().ok())?;
    let minute: f64 = parts.next().map_or(Some(0.0), |m| m.parse().ok())?;
    let second: f64 = parts.next().map_or(Some(0.0), |x| x.parse().ok())?;
    let offset_secs = match offset {
        "" | "Z" => 0.0,
        o => {
            let sign = if o.starts_with('-') { -1.0 } else { 1.0 };
            let (h, m) = o[1..].split_once(':').unwrap_or((&o[1..], "0"));
            sign * (h.parse::<f64>().ok()? * 3600.0 + m.parse::<f64>().ok()? * 60.0)
        }
    };
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(days as f64 * 86_400.0 + hour * 3600.0 + minute * 60.0 + second - offset_secs)
}

#[allow(clippy::too_many_arguments)]
fn nova(
    st: &mut State,
    method: &Method,
    rest: &str,
    query: &[(String, String)],
    headers: &HeaderMap,
    body: &[u8],
    base: &str,
    request_id: &str,
) -> Response<Body> {
    // keystonemiddleware answers before Nova does.
    let token = headers.get("x-auth-token").and_then(|v| v.to_str().ok());
    let noauth = st.noauth.then(|| Session {
        user: "admin",
        project: ADMIN_PROJECT.to_owned(),
        admin: true,
    });
    let Some(session) = token.and_then(|t| st.tokens.get(t)).cloned().or(noauth) else {
        let mut r = respond(StatusCode::UNAUTHORIZED, Some(keystone_401()), request_id);
        r.headers_mut().insert(
            "www-authenticate",
            format!("Keystone uri=\"{base}/identity\"").parse().unwrap(),
        );
        return r;
    };
    let version = match microversion(headers, request_id) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut segments: Vec<&str> = rest.split('/').collect();
    let mut prefix = format!("{base}/compute/v2.1");
    if segments
        .first()
        .is_some_and(|s| s.len() == 32 && *s != "images")
    {
        if segments[0] != session.project {
            return respond(
                StatusCode::BAD_REQUEST,
                Some(fault(
                    StatusCode::BAD_REQUEST,
                    "Malformed request URL: URL's project_id does not match Context's project_id.",
                )),
                request_id,
            );
        }
        prefix = format!("{prefix}/{}", segments[0]);
        segments.remove(0);
    }
    let not_found = |m: &str| {
        respond(
            StatusCode::NOT_FOUND,
            Some(fault(StatusCode::NOT_FOUND, m)),
            request_id,
        )
    };
    // The images proxy is gone from 2.36, its metadata routes from 2.39: "as if the method
    // is simply not implemented".
    let metadata_route = matches!(segments.as_slice(), ["images", _, "metadata", ..]);
    if version > if metadata_route { (2, 38) } else { (2, 35) } {
        return not_found("The resource could not be found.");
    }
    let visible = |i: &FakeImage| session.admin || i.public || i.owner == session.project;
    if metadata_route {
        return image_metadata(st, method, &segments, body, &session, request_id);
    }
    if let (&Method::GET, ["images", id]) = (method, segments.as_slice()) {
        run_schedule(st, id);
    }
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["images", "detail"]) => list(st, query, &prefix, base, request_id, &visible),
        // Glance answers 404 for a deleted image, whoever asks.
        ("GET", ["images", id]) => match st
            .images
            .iter()
            .find(|i| i.id == *id && visible(i) && i.glance_status != "deleted")
        {
            Some(image) => respond(
                StatusCode::OK,
                Some(json!({"image": render(image, &prefix, base)})),
                request_id,
            ),
            None => not_found("Image not found."),
        },
        ("DELETE", ["images", id]) => {
            let Some(pos) = st.images.iter().position(|i| i.id == *id && visible(i)) else {
                return not_found("Image not found.");
            };
            let image = &st.images[pos];
            if image.protected || !(session.admin || image.owner == session.project) {
                return respond(
                    StatusCode::FORBIDDEN,
                    Some(fault(
                        StatusCode::FORBIDDEN,
                        "You are not allowed to delete the image.",
                    )),
                    request_id,
                );
            }
            st.images.remove(pos);
            let mut r = respond(StatusCode::NO_CONTENT, None, request_id);
            r.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            r
        }
        _ => not_found("The resource could not be found."),
    }
}

fn list(
    st: &State,
    query: &[(String, String)],
    prefix: &str,
    base: &str,
    request_id: &str,
    visible: &dyn Fn(&FakeImage) -> bool,
) -> Response<Body> {
    let bad = |m: String| {
        respond(
            StatusCode::BAD_REQUEST,
            Some(fault(StatusCode::BAD_REQUEST, &m)),
            request_id,
        )
    };
    let get = |k: &str| {
        query
            .iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let limit = match get("limit") {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 1 && !v.starts_with('0') => Some(n as usize),
            Ok(n) if n < 1 => {
                return bad(format!(
                    "Invalid input for query parameters limit. Value: {v}. {v} is less than the minimum of 1"
                ));
            }
            _ => {
                return bad(format!(
                    "Invalid input for query parameters limit. Value: {v}. '{v}' does not match '^[0-9]*$'"
                ));
            }
        },
    };
    let since = match get("changes-since") {
        None => None,
        Some(v) => match parse_since(v) {
            Some(s) => Some(s),
            None => {
                return bad("HTTP 400 Bad Request: Bad &quot;updated_at&quot; query filter format. Use ISO 8601 DateTime notation.".into());
            }
        },
    };
    let server = get("server").map(|s| s.rsplit('/').next().unwrap_or(s).to_owned());
    let images: Vec<&FakeImage> = st
        .images
        .iter()
        // Glance never lists killed or deleted images (not even with a status filter); only
        // GET by id shows them (a killed one as ERROR).
        .filter(|i| !matches!(i.glance_status.as_str(), "killed" | "deleted"))
        .filter(|i| visible(i))
        .filter(|i| get("name").is_none_or(|n| i.name.as_deref() == Some(n)))
        .filter(|i| get("status").is_none_or(|s| i.glance_status == s.to_lowercase()))
        .filter(|i| since.is_none_or(|s| parse_since(&i.updated).is_some_and(|u| u >= s)))
        .filter(|i| {
            server.as_ref().is_none_or(|s| {
                i.properties.get("instance_uuid").and_then(Value::as_str) == Some(s)
            })
        })
        .filter(|i| {
            get("type")
                .is_none_or(|t| i.properties.get("image_type").and_then(Value::as_str) == Some(t))
        })
        .filter(|i| get("minRam").is_none_or(|m| m.parse() == Ok(i.min_ram)))
        .filter(|i| get("minDisk").is_none_or(|m| m.parse() == Ok(i.min_disk)))
        .collect();
    // Glance's default order: newest first. Glance keeps microseconds that Nova does not
    // show, so of images created in the same second the later one comes first: here, the
    // one added later.
    let mut images: Vec<&FakeImage> = images.into_iter().rev().collect();
    images.sort_by(|a, b| b.created.cmp(&a.created));
    if let Some(marker) = get("marker").filter(|m| !m.is_empty()) {
        match images.iter().position(|i| i.id == marker) {
            Some(pos) => images.drain(..=pos).for_each(drop),
            None => {
                return bad(format!(
                    "HTTP 400 Bad Request: No image found with ID {marker}"
                ));
            }
        };
    }
    let max_items = limit.unwrap_or(st.max_limit).min(st.max_limit);
    let page: Vec<Value> = images
        .iter()
        .take(if limit.is_some() {
            max_items
        } else {
            usize::MAX
        })
        .map(|i| render(i, prefix, base))
        .collect();
    let mut body = json!({ "images": page });
    if !page.is_empty() && page.len() == max_items {
        // Known query parameters, sorted, then the marker (as captured from Nova 34).
        let known = [
            "changes-since",
            "limit",
            "minDisk",
            "minRam",
            "name",
            "server",
            "status",
            "type",
        ];
        let mut params: Vec<(String, String)> = query
            .iter()
            .filter(|(k, _)| known.contains(&k.as_str()))
            .cloned()
            .collect();
        params.sort();
        params.push((
            "marker".into(),
            page.last().unwrap()["id"].as_str().unwrap().into(),
        ));
        let q = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        let href = st
            .next_link
            .clone()
            .unwrap_or_else(|| format!("{prefix}/images/detail?{q}"));
        body["images_links"] = json!([{"rel": "next", "href": href}]);
    }
    respond(StatusCode::OK, Some(body), request_id)
}

/// Counts a GET of image `id` and applies the status changes now due.
fn run_schedule(st: &mut State, id: &str) {
    let count = {
        let n = st.gets.entry(id.to_owned()).or_insert(0);
        *n += 1;
        *n
    };
    let (due, later): (Vec<Scheduled>, Vec<Scheduled>) = std::mem::take(&mut st.scheduled)
        .into_iter()
        .partition(|s| s.id == id && s.after_gets <= count);
    st.scheduled = later;
    for change in due {
        match change.glance_status {
            Some(status) => {
                if let Some(image) = st.images.iter_mut().find(|i| i.id == id) {
                    image.glance_status = status;
                }
            }
            None => st.images.retain(|i| i.id != id),
        }
    }
}

/// The image-metadata API (nova/api/openstack/compute/image_metadata.py): schema first,
/// then the image (404), the quota, and Glance's permission to change it.
fn image_metadata(
    st: &mut State,
    method: &Method,
    segments: &[&str],
    body: &[u8],
    session: &Session,
    request_id: &str,
) -> Response<Body> {
    let error = |status: StatusCode, m: &str| respond(status, Some(fault(status, m)), request_id);
    let ok = |v: Value| respond(StatusCode::OK, Some(v), request_id);
    let (id, key) = match segments {
        ["images", id, "metadata"] => (*id, None),
        ["images", id, "metadata", key] => (*id, Some(percent_decode(key))),
        _ => return error(StatusCode::NOT_FOUND, "The resource could not be found."),
    };
    // The request body, checked by the schema before anything else.
    let written = match (method.as_str(), &key) {
        ("POST", None) | ("PUT", None) => match metadata_body(body, "metadata") {
            Ok(m) => Some(m),
            Err(m) => return error(StatusCode::BAD_REQUEST, &m),
        },
        ("PUT", Some(key)) => match metadata_body(body, "meta") {
            Ok(m) if !m.contains_key(key) => {
                return error(StatusCode::BAD_REQUEST, "Request body and URI mismatch");
            }
            Ok(m) => Some(m),
            Err(m) => return error(StatusCode::BAD_REQUEST, &m),
        },
        _ => None,
    };
    let visible = |i: &FakeImage| session.admin || i.public || i.owner == session.project;
    let Some(image) = st.images.iter_mut().find(|i| i.id == id && visible(i)) else {
        return error(StatusCode::NOT_FOUND, "Image not found.");
    };
    let may_change = session.admin || image.owner == session.project;
    let forbidden = format!("Not authorized for image {id}.");
    let quota = st.metadata_quota;
    let over_quota = |n: usize| n > quota;
    match (method.as_str(), key, written) {
        ("GET", None, _) => ok(json!({"metadata": image.properties})),
        ("GET", Some(key), _) => match image.properties.get(&key) {
            Some(v) => ok(json!({"meta": {key: v}})),
            None => error(StatusCode::NOT_FOUND, "The resource could not be found."),
        },
        ("POST", None, Some(new)) => {
            let mut merged = image.properties.clone();
            merged.extend(new);
            if over_quota(merged.len()) {
                return error(StatusCode::FORBIDDEN, "Image metadata limit exceeded");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties = merged;
            ok(json!({"metadata": image.properties}))
        }
        ("PUT", None, Some(new)) => {
            if over_quota(new.len()) {
                return error(StatusCode::FORBIDDEN, "Image metadata limit exceeded");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties = new.clone();
            ok(json!({"metadata": new}))
        }
        ("PUT", Some(_), Some(new)) => {
            let mut merged = image.properties.clone();
            merged.extend(new.clone());
            if over_quota(merged.len()) {
                return error(StatusCode::FORBIDDEN, "Image metadata limit exceeded");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties = merged;
            ok(json!({"meta": new}))
        }
        ("DELETE", Some(key), _) => {
            if !image.properties.contains_key(&key) {
                return error(StatusCode::NOT_FOUND, "Invalid metadata key");
            }
            if !may_change {
                return error(StatusCode::FORBIDDEN, &forbidden);
            }
            image.properties.remove(&key);
            let mut r = respond(StatusCode::NO_CONTENT, None, request_id);
            r.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            r
        }
        _ => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "The method specified is not allowed for this resource.",
        ),
    }
}

/// `{"<root>": {key: "value", ...}}` as Nova's schema checks it (`parameter_types.metadata`;
/// `meta` holds exactly one key); `Err` is the 400 message, worded as captured.
fn metadata_body(body: &[u8], root: &str) -> Result<Map<String, Value>, String> {
    const PATTERN: &str = "^[a-zA-Z0-9-_:. ]{1,255}$";
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err("None is not of type 'object'".into());
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Err("Malformed request body".into());
    };
    let Value::Object(top) = &value else {
        return Err(format!("{} is not of type 'object'", py_repr(&value)));
    };
    if let Some(extra) = top.keys().find(|k| *k != root) {
        return Err(format!(
            "Additional properties are not allowed ('{extra}' was unexpected)"
        ));
    }
    let Some(inner) = top.get(root) else {
        return Err(format!("'{root}' is a required property"));
    };
    let invalid = |field: &str, value: &Value, why: String| {
        format!(
            "Invalid input for field/attribute {field}. Value: {}. {why}",
            py_str(value)
        )
    };
    let Value::Object(map) = inner else {
        return Err(invalid(
            root,
            inner,
            format!("{} is not of type 'object'", py_repr(inner)),
        ));
    };
    if root == "meta" && map.is_empty() {
        return Err(invalid(
            root,
            inner,
            format!("{} should be non-empty", py_repr(inner)),
        ));
    }
    if root == "meta" && map.len() > 1 {
        return Err(invalid(
            root,
            inner,
            format!("{} has too many properties", py_repr(inner)),
        ));
    }
    for (key, value) in map {
        let key_ok = (1..=255).contains(&key.chars().count())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:. ".contains(c));
        if !key_ok {
            return Err(invalid(
                root,
                inner,
                format!("'{key}' does not match any of the regexes: '{PATTERN}'"),
            ));
        }
        match value {
            Value::String(s) if s.chars().count() > 255 => {
                return Err(invalid(
                    key,
                    value,
                    format!("{} is too long", py_repr(value)),
                ));
            }
            Value::String(_) => {}
            other => {
                return Err(invalid(
                    key,
                    other,
                    format!("{} is not of type 'string'", py_repr(other)),
                ));
            }
        }
    }
    Ok(map.clone())
}

/// Python's `repr` of a JSON value, as jsonschema messages print it.
fn py_repr(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => py_str(other),
    }
}

/// Python's `str` of a JSON value.
fn py_str(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(py_repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `%2F` → `/`: path segments as the router sees them.
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
