//! Nova's images proxy under `/compute/v2.1` (nova/api/openstack/compute/images.py), with or
//! without the project ID in the URL, behind keystonemiddleware and the microversion check.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};
use axum::middleware::{Next, from_fn_with_state};
use axum::routing::any;
use axum::{Extension, Router};
use serde_json::json;

use crate::FakeImage;
use crate::metadata;
use crate::reply::{Ctx, fault, no_content_json, nova_error, query_pairs, respond, unauthorized};
use crate::servers;
use crate::state::{Session, SharedState};
use crate::views::{list_images, render};

/// A microversion, `(2, 35)` for 2.35.
pub(crate) type Version = (u32, u32);

/// What the handler needs, or the answer to send instead.
type Verdict = Result<Nova, Response<Body>>;

/// What Nova's gate ([`gate`]) found out about a request that it let through.
#[derive(Clone)]
pub(crate) struct Nova {
    pub session: Session,
    /// The microversion asked for.
    pub version: Version,
    /// `{base}/compute/v2.1`, plus `/{project_id}` when the URL has it: where links point.
    pub prefix: String,
}

impl Nova {
    /// The images proxy is gone from 2.36, its metadata routes from 2.39: "as if the method
    /// is simply not implemented". `Some(404)` when `last` is older than the request's version.
    pub fn gone(&self, last: Version, request_id: &str) -> Option<Response<Body>> {
        (self.version > last)
            .then(|| not_found_message("The resource could not be found.", request_id))
    }
}

/// Every route both with and without the project ID (older deployments put it in the catalog's
/// URL). Other paths under `/compute/v2.1/` are the app's fallback's: [`unrouted`].
pub(crate) fn routes(state: SharedState) -> Router<SharedState> {
    let mut router = Router::new();
    for prefix in ["/compute/v2.1", "/compute/v2.1/{project_id}"] {
        router = router
            .route(&format!("{prefix}/images/detail"), any(detail))
            .route(&format!("{prefix}/images/{{id}}"), any(image))
            // An empty ID, answered like any unknown one.
            .route(&format!("{prefix}/images/"), any(image))
            .route(&format!("{prefix}/servers/detail"), any(servers::detail))
            .route(
                &format!("{prefix}/images/{{id}}/metadata"),
                any(metadata::handle),
            )
            .route(
                &format!("{prefix}/images/{{id}}/metadata/{{key}}"),
                any(metadata::handle),
            );
    }
    router.layer(from_fn_with_state(state, gate))
}

/// The gate in front of every route: see [`admit`].
async fn gate(
    State(state): State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    params: Option<Path<HashMap<String, String>>>,
    mut request: Request,
    next: Next,
) -> Response<Body> {
    let in_route = params.is_some_and(|Path(p)| p.contains_key("project_id"));
    let (version, admitted) = admit(&state, &ctx, &request, in_route);
    let gone = state.lock().unwrap().nova_images_gone;
    let images = request.uri().path().contains("/images");
    let response = match admitted {
        Ok(_) if let Some(status) = gone.filter(|_| images) => {
            let status = StatusCode::from_u16(status).unwrap();
            nova_error(status, "The resource could not be found.", &ctx.request_id)
        }
        Ok(nova) => {
            request.extensions_mut().insert(nova);
            next.run(request).await
        }
        Err(refused) => refused,
    };
    labelled(response, version)
}

/// `GET /compute/v2.1/`: Nova's version document, served without a token (as Nova's
/// versions app is).
pub(crate) async fn version_document(Extension(ctx): Extension<Ctx>) -> Response<Body> {
    let body = json!({"version": {
        "id": "v2.1",
        "status": "CURRENT",
        "version": "2.96",
        "min_version": "2.1",
        "updated": "2013-07-23T11:33:21Z",
        "links": [{"rel": "self", "href": format!("{}/compute/v2.1/", ctx.base)}],
        "media-types": [{"base": "application/json",
            "type": "application/vnd.openstack.compute+json;version=2.1"}],
    }});
    respond(StatusCode::OK, Some(body), &ctx.request_id)
}

/// A path under `/compute/v2.1/` that no route takes: 404, once the gate lets it through.
pub(crate) fn unrouted(state: &SharedState, ctx: &Ctx, request: &Request) -> Response<Body> {
    let (version, admitted) = admit(state, ctx, request, false);
    let response = match admitted {
        Ok(_) => not_found_message("The resource could not be found.", &ctx.request_id),
        Err(refused) => refused,
    };
    labelled(response, version)
}

/// keystonemiddleware, then Nova's microversion and project-ID checks: the version asked for
/// (when it parses) and what the handler needs, or the answer instead. `project_in_route`: the
/// route has a `{project_id}` segment.
fn admit(
    state: &SharedState,
    ctx: &Ctx,
    request: &Request,
    project_in_route: bool,
) -> (Option<Version>, Verdict) {
    let version = match microversion(request.headers(), &ctx.request_id) {
        Ok(v) => v,
        Err(refused) => {
            // keystonemiddleware answers before Nova does.
            return match session(state, request) {
                None => (
                    None,
                    Err(unauthorized(
                        &format!("{}/identity", ctx.base),
                        &ctx.request_id,
                    )),
                ),
                Some(_) => (None, Err(refused)),
            };
        }
    };
    let Some(session) = session(state, request) else {
        let identity = format!("{}/identity", ctx.base);
        return (Some(version), Err(unauthorized(&identity, &ctx.request_id)));
    };
    let rest = request
        .uri()
        .path()
        .strip_prefix("/compute/v2.1/")
        .unwrap_or_default();
    let first = rest.split('/').next().unwrap_or_default();
    let mut prefix = format!("{}/compute/v2.1", ctx.base);
    if first.len() == 32 && first != "images" {
        if first != session.project {
            let refused = nova_error(
                StatusCode::BAD_REQUEST,
                "Malformed request URL: URL's project_id does not match Context's project_id.",
                &ctx.request_id,
            );
            return (Some(version), Err(refused));
        }
        prefix = format!("{prefix}/{first}");
    } else if project_in_route {
        // Only a 32-character segment is a project ID; with anything else there is no route.
        let refused = not_found_message("The resource could not be found.", &ctx.request_id);
        return (Some(version), Err(refused));
    }
    let nova = Nova {
        session,
        version,
        prefix,
    };
    (Some(version), Ok(nova))
}

/// The session of the request's token (any session with noauth), if any.
fn session(state: &SharedState, request: &Request) -> Option<Session> {
    let token = request
        .headers()
        .get("x-auth-token")
        .and_then(|v| v.to_str().ok());
    let st = state.lock().unwrap();
    let noauth = st.noauth.then(Session::admin);
    token.and_then(|t| st.tokens.get(t)).cloned().or(noauth)
}

/// Every versioned Nova answer names its version, as Nova 34 does.
fn labelled(mut response: Response<Body>, version: Option<Version>) -> Response<Body> {
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
    response
}

fn not_found_message(message: &str, request_id: &str) -> Response<Body> {
    nova_error(StatusCode::NOT_FOUND, message, request_id)
}

/// `/images/detail`: the list. Nova routes DELETE here as the delete of an image with ID
/// `detail`; methods are told apart here, not by axum, which would also answer HEAD and add
/// an Allow header, as Nova does not.
async fn detail(
    State(state): State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    Extension(nova): Extension<Nova>,
    method: Method,
    uri: Uri,
) -> Response<Body> {
    if let Some(gone) = nova.gone((2, 35), &ctx.request_id) {
        return gone;
    }
    match method {
        Method::GET => {
            let st = state.lock().unwrap();
            let visible = |i: &FakeImage| nova.session.sees(i);
            let (prefix, base) = (&nova.prefix, &ctx.base);
            list_images(
                &st,
                &query_pairs(&uri),
                prefix,
                base,
                &ctx.request_id,
                &visible,
            )
        }
        Method::DELETE => delete_image(&state, &ctx, &nova, "detail"),
        _ => not_found_message("The resource could not be found.", &ctx.request_id),
    }
}

/// `/images/{id}`: show (GET) and delete.
async fn image(
    State(state): State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    Extension(nova): Extension<Nova>,
    method: Method,
    params: Option<Path<HashMap<String, String>>>,
) -> Response<Body> {
    if let Some(gone) = nova.gone((2, 35), &ctx.request_id) {
        return gone;
    }
    let params = params.map(|Path(p)| p).unwrap_or_default();
    let id = params.get("id").map_or("", String::as_str);
    match method {
        Method::GET => show(&state, &ctx, &nova, id),
        Method::DELETE => delete_image(&state, &ctx, &nova, id),
        _ => not_found_message("The resource could not be found.", &ctx.request_id),
    }
}

fn show(state: &SharedState, ctx: &Ctx, nova: &Nova, id: &str) -> Response<Body> {
    let mut st = state.lock().unwrap();
    st.run_schedule(id);
    // Glance answers 404 for a deleted image, whoever asks.
    match st
        .images
        .iter()
        .find(|i| i.id == id && nova.session.sees(i) && i.glance_status != "deleted")
    {
        Some(image) => respond(
            StatusCode::OK,
            Some(json!({"image": render(image, &nova.prefix, &ctx.base)})),
            &ctx.request_id,
        ),
        None => not_found_message("Image not found.", &ctx.request_id),
    }
}

fn delete_image(state: &SharedState, ctx: &Ctx, nova: &Nova, id: &str) -> Response<Body> {
    let mut st = state.lock().unwrap();
    let session = &nova.session;
    let Some(pos) = st.images.iter().position(|i| i.id == id && session.sees(i)) else {
        return not_found_message("Image not found.", &ctx.request_id);
    };
    let image = &st.images[pos];
    if image.protected || !(session.admin || image.owner == session.project) {
        return nova_error(
            StatusCode::FORBIDDEN,
            "You are not allowed to delete the image.",
            &ctx.request_id,
        );
    }
    if st.in_use.contains(id) {
        // Glance's 409, which Nova's images API does not catch.
        return nova_error(StatusCode::INTERNAL_SERVER_ERROR, IN_USE, &ctx.request_id);
    }
    st.images.remove(pos);
    no_content_json(&ctx.request_id)
}

/// Nova's message for an image Glance refuses to delete because it is in use, verbatim.
const IN_USE: &str = "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'nova.exception.ImageDeleteConflict'>";

/// The microversion a request asks for; `Err` is the response to send instead.
#[allow(clippy::result_large_err)] // an answer, built once per request
fn microversion(headers: &HeaderMap, request_id: &str) -> Result<Version, Response<Body>> {
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
