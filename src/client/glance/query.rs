//! The list query as Nova sends it to Glance, and Glance's `next` links made absolute.

use url::Url;

use super::super::list::ListOpts;

/// Images per page when the caller asks for no size: Glance's `api_limit_max` (1,000 by
/// default) rather than its default page of 25, so a large listing takes few round trips.
pub(crate) const PAGE_SIZE: u32 = 1000;

/// The `GET /v2/images` query for `opts`, translated as Nova translates its own
/// (`nova/api/openstack/compute/images.py` `SUPPORTED_FILTERS` and `_get_filters`, then
/// `nova/image/glance.py` `_extract_query_params_v2`): `name` as it is, `status`
/// lower-cased, `changes-since` as `updated_at=gte:<time>`, `server` as the
/// `instance_uuid` property (the last path segment of a URL), `type` as the `image_type`
/// property, `minRam`/`minDisk` as `min_ram`/`min_disk` (exact matches in Glance, as
/// through Nova), `marker` and `limit` (else [`PAGE_SIZE`]). Nova's `is_public=none` means no
/// `visibility` filter, so none is sent.
pub(crate) fn glance_query(opts: &ListOpts) -> String {
    let given = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
    let limit = opts.limit.filter(|&n| n > 0).unwrap_or(PAGE_SIZE);
    let mut pairs: Vec<(&str, String)> = vec![("limit", limit.to_string())];
    let mut add = |key, value: Option<String>| {
        if let Some(value) = value {
            pairs.push((key, value));
        }
    };
    add("marker", given(&opts.marker));
    add("name", given(&opts.name));
    add("status", given(&opts.status).map(|s| s.to_lowercase()));
    add(
        "updated_at",
        given(&opts.changes_since).map(|since| format!("gte:{since}")),
    );
    add(
        "instance_uuid",
        given(&opts.server).map(|s| s.rsplit('/').next().unwrap_or(&s).to_owned()),
    );
    add("image_type", given(&opts.image_type));
    add("min_ram", opts.min_ram.map(|n| n.to_string()));
    add("min_disk", opts.min_disk.map(|n| n.to_string()));
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Glance's `next` link, absolute. Glance writes it from its own root (`/v2/images?...`),
/// which behind a path prefix (`https://cloud/image/v2/`) is not where the API is: as
/// openstacksdk (`resource.py` `_get_next_link`), the version is cut off and the rest taken
/// from the endpoint. An absolute link is kept as it is (the pager checks its origin).
pub(crate) fn next_url(endpoint: &Url, next: &str) -> String {
    if Url::parse(next).is_ok() {
        return next.to_owned();
    }
    let relative = match next.strip_prefix('/') {
        Some(rooted) => match rooted.split_once('/') {
            Some((version, rest)) if version.starts_with('v') => rest,
            _ => rooted,
        },
        None => next,
    };
    endpoint
        .join(relative)
        .map_or_else(|_| format!("{endpoint}{relative}"), String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_is_translated_as_nova_translates_it() {
        let opts = ListOpts {
            changes_since: Some("2024-01-01T00:00:00Z".into()),
            limit: Some(2),
            marker: Some("m".into()),
            name: Some("a b&c".into()),
            server: Some("http://nova/v2.1/servers/5e2f".into()),
            status: Some("ACTIVE".into()),
            image_type: Some("snapshot".into()),
            min_ram: Some(64),
            min_disk: Some(1),
        };
        assert_eq!(
            glance_query(&opts),
            "limit=2&marker=m&name=a+b%26c&status=active&\
             updated_at=gte%3A2024-01-01T00%3A00%3A00Z&instance_uuid=5e2f&\
             image_type=snapshot&min_ram=64&min_disk=1"
        );
    }

    #[test]
    fn pages_are_large_unless_asked_and_empty_values_are_left_out() {
        assert_eq!(glance_query(&ListOpts::default()), "limit=1000");
        let opts = ListOpts {
            limit: Some(0),
            name: Some(String::new()),
            server: Some("5e2f".into()),
            status: Some("Queued".into()),
            ..Default::default()
        };
        assert_eq!(
            glance_query(&opts),
            "limit=1000&status=queued&instance_uuid=5e2f"
        );
    }

    #[test]
    fn next_links_are_made_absolute_under_the_endpoint() {
        let at = |endpoint: &str, next: &str| next_url(&Url::parse(endpoint).unwrap(), next);
        assert_eq!(
            at("http://h:9292/v2/", "/v2/images?limit=2&marker=m"),
            "http://h:9292/v2/images?limit=2&marker=m"
        );
        assert_eq!(
            at("https://cloud/image/v2/", "/v2/images?marker=m"),
            "https://cloud/image/v2/images?marker=m"
        );
        assert_eq!(
            at("https://cloud/image/v2/", "images?marker=m"),
            "https://cloud/image/v2/images?marker=m"
        );
        assert_eq!(
            at(
                "https://cloud/image/v2/",
                "https://elsewhere/v2/images?marker=m"
            ),
            "https://elsewhere/v2/images?marker=m"
        );
    }
}
