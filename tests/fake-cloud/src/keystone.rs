//! Keystone v3 under `/identity`: version discovery, and tokens issued, checked and revoked
//! for two users (admin and demo) and the demo user's application credential.

use axum::Extension;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};
use axum::routing::any;
use serde_json::{Value, json};

use crate::reply::{Ctx, respond, unauthorized};
use crate::state::{Session, SharedState};
use crate::{ADMIN_PROJECT, APPCRED_ID, APPCRED_NAME, APPCRED_SECRET, DEMO_PROJECT};

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

/// Each path also with a trailing slash; any other path under `/identity` gets Keystone's 404,
/// and so does a method a path does not take (told apart in [`identity`]: axum would also
/// answer HEAD and add an Allow header).
pub(crate) fn routes() -> Router<SharedState> {
    let mut router = Router::new();
    for path in ["/identity", "/identity/v3", "/identity/v3/auth/tokens"] {
        router = router
            .route(path, any(identity))
            .route(&format!("{path}/"), any(identity));
    }
    // Anything else under /identity: more trailing slashes are ignored too, the rest is 404.
    router.route("/identity/{*rest}", any(identity))
}

async fn identity(
    state: State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let path = uri.path().trim_end_matches('/');
    match (method, path) {
        (Method::GET, "/identity") => versions(&ctx),
        (Method::GET, "/identity/v3") => version(&ctx),
        (Method::POST, "/identity/v3/auth/tokens") => issue_token(state, &ctx, &body),
        (Method::DELETE, "/identity/v3/auth/tokens") => revoke(state, &ctx, &headers),
        _ => not_found(&ctx),
    }
}

fn v3(base: &str) -> Value {
    json!({"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": format!("{base}/identity/v3/")}],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]})
}

fn versions(ctx: &Ctx) -> Response<Body> {
    respond(
        StatusCode::MULTIPLE_CHOICES,
        Some(json!({"versions": {"values": [v3(&ctx.base)]}})),
        &ctx.request_id,
    )
}

fn version(ctx: &Ctx) -> Response<Body> {
    respond(
        StatusCode::OK,
        Some(json!({"version": v3(&ctx.base)})),
        &ctx.request_id,
    )
}

pub(crate) fn not_found(ctx: &Ctx) -> Response<Body> {
    respond(
        StatusCode::NOT_FOUND,
        Some(json!({"error": {"code": 404, "title": "Not Found",
            "message": "The resource could not be found."}})),
        &ctx.request_id,
    )
}

fn revoke(State(state): State<SharedState>, ctx: &Ctx, headers: &HeaderMap) -> Response<Body> {
    let subject = headers
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match state.lock().unwrap().tokens.remove(subject) {
        Some(_) => respond(StatusCode::NO_CONTENT, None, &ctx.request_id),
        None => respond(
            StatusCode::NOT_FOUND,
            Some(json!({"error": {"code": 404, "title": "Not Found",
                "message": "Could not find token."}})),
            &ctx.request_id,
        ),
    }
}

fn issue_token(State(state): State<SharedState>, ctx: &Ctx, body: &[u8]) -> Response<Body> {
    let st = &mut *state.lock().unwrap();
    let (base, request_id) = (ctx.base.as_str(), ctx.request_id.as_str());
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
            // A changed password refuses the old one (see `FakeCloud::refuse_passwords`).
            let refused = st.refuse_passwords;
            USERS
                .iter()
                .find(|u| is_user(user, u) && u.password == password && !refused)
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
    let unauthorized = || unauthorized(&format!("{base}/identity/v3"), request_id);
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
    let other_shape = if st.project_in_url {
        format!("{base}/compute/v2.1")
    } else {
        format!("{base}/compute/v2.1/{}", u.project)
    };
    let second = st.second_region.clone().map(|region| {
        json!({"id": "ep-second", "interface": "public", "region": region,
               "region_id": region, "url": other_shape})
    });
    let same: Vec<Value> = (st.same_endpoint_regions.iter())
        .map(|region| {
            json!({"id": format!("ep-{region}"), "interface": "public", "region": region,
                   "region_id": region, "url": compute_url})
        })
        .collect();
    let elsewhere: Vec<Value> = (st.regions_elsewhere.iter())
        .map(|(region, url)| {
            json!({"id": format!("ep-{region}"), "interface": "public", "region": region,
                   "region_id": region, "url": url})
        })
        .collect();
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
        let endpoints = token_body["catalog"][2]["endpoints"]
            .as_array_mut()
            .unwrap();
        endpoints.extend(second);
        endpoints.extend(same);
        endpoints.extend(elsewhere);
        if st.no_compute {
            token_body["catalog"].as_array_mut().unwrap().pop();
        }
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
