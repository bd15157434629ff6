//! `GET /servers/detail` as far as nova-images asks it: the servers booted from an image
//! (`image=`), the caller's project's or with `all_tenants` every project's (admins only,
//! unless the policy switch says otherwise), `limit`, with a next link when more remain.

use axum::Extension;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Response, StatusCode, Uri};
use serde_json::json;

use crate::nova::Nova;
use crate::reply::{Ctx, nova_error, query_pairs, respond};
use crate::state::SharedState;

pub(crate) async fn detail(
    State(state): State<SharedState>,
    Extension(ctx): Extension<Ctx>,
    Extension(nova): Extension<Nova>,
    method: Method,
    uri: Uri,
) -> Response<Body> {
    if method != Method::GET {
        return nova_error(
            StatusCode::NOT_FOUND,
            "The resource could not be found.",
            &ctx.request_id,
        );
    }
    let query = query_pairs(&uri);
    let get = |key: &str| {
        query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let st = state.lock().unwrap();
    // Nova takes any value but a false one as asking for every project.
    let all = get("all_tenants").is_some_and(|v| !matches!(v, "0" | "false" | "False"));
    if all && !(nova.session.admin || st.all_tenants_for_all) {
        return nova_error(
            StatusCode::FORBIDDEN,
            "Policy doesn't allow os_compute_api:servers:index:get_all_tenants to be performed.",
            &ctx.request_id,
        );
    }
    let limit = get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(st.max_limit)
        .min(st.max_limit);
    let matching: Vec<_> = (st.servers.iter())
        .filter(|s| all || s.project == nova.session.project)
        .filter(|s| get("image").is_none_or(|image| s.image == image))
        .collect();
    let servers: Vec<_> = (matching.iter().take(limit))
        .map(|s| {
            let image = match s.image.as_str() {
                "" => json!(""),
                id => json!({"id": id, "links": [{"rel": "bookmark",
                    "href": format!("{}/images/{id}", nova.prefix)}]}),
            };
            json!({"id": s.id, "name": s.name, "status": "ACTIVE", "tenant_id": s.project,
                   "image": image, "links": [{"rel": "self",
                   "href": format!("{}/servers/{}", nova.prefix, s.id)}]})
        })
        .collect();
    let mut body = json!({ "servers": servers });
    if matching.len() > limit
        && let Some(last) = matching.get(limit.saturating_sub(1))
    {
        let next = format!(
            "{}/servers/detail?limit={limit}&marker={}",
            nova.prefix, last.id
        );
        body["servers_links"] = json!([{"rel": "next", "href": next}]);
    }
    respond(StatusCode::OK, Some(body), &ctx.request_id)
}
