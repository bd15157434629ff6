//! The service catalog: which endpoint of a service serves a region and interface, every
//! region's, and a summary for `--debug` that names no URL nova-images does not use.

use crate::model::Service;

/// The compute endpoint: service type exactly `compute`, the interface, and the region
/// matched on `region_id` or `region`; first match wins (as gophercloud and keystoneauth).
pub fn compute_endpoint(
    catalog: &[Service],
    interface: &str,
    region: Option<&str>,
) -> std::result::Result<String, String> {
    service_endpoint(catalog, "compute", interface, region)
}

/// The image endpoint (Glance), by the same rules as [`compute_endpoint`]: service type
/// exactly `image`, the interface, the region.
pub fn image_endpoint(
    catalog: &[Service],
    interface: &str,
    region: Option<&str>,
) -> std::result::Result<String, String> {
    service_endpoint(catalog, "image", interface, region)
}

/// The endpoint of `service` for `interface` in `region` (any region for `None`); else
/// what the catalog offers instead.
fn service_endpoint(
    catalog: &[Service],
    service: &str,
    interface: &str,
    region: Option<&str>,
) -> std::result::Result<String, String> {
    let services: Vec<&Service> = catalog
        .iter()
        .filter(|s| s.service_type == service)
        .collect();
    let found = services
        .iter()
        .flat_map(|s| &s.endpoints)
        .find(|e| {
            e.interface == interface
                && region.is_none_or(|r| {
                    e.region_id.as_deref() == Some(r) || e.region.as_deref() == Some(r)
                })
        })
        .map(|e| e.url.clone());
    found.ok_or_else(|| {
        let offered: Vec<String> = services
            .iter()
            .flat_map(|s| &s.endpoints)
            .map(|e| {
                format!(
                    "{} in {}",
                    e.interface,
                    e.region_id
                        .as_deref()
                        .or(e.region.as_deref())
                        .unwrap_or("no region")
                )
            })
            .collect();
        let wanted = match region {
            Some(r) => format!("{interface} {service} endpoint in region {r}"),
            None => format!("{interface} {service} endpoint"),
        };
        if offered.is_empty() {
            format!("no {wanted} in the service catalog: the catalog has no {service} service")
        } else {
            format!(
                "no {wanted} in the service catalog; {service} offers: {}",
                offered.join(", ")
            )
        }
    })
}

/// Every region with a compute endpoint of `interface` in `catalog`, with that endpoint, in
/// catalog order (the first endpoint of a region wins, as for one region).
///
/// ```
/// use nova_images::auth::compute_regions;
/// use nova_images::model::Service;
/// let catalog: Vec<Service> = serde_json::from_str(r#"[{"type": "compute", "endpoints": [
///     {"interface": "public", "region_id": "R1", "url": "https://r1/v2.1"},
///     {"interface": "internal", "region_id": "R1", "url": "http://r1-internal/v2.1"},
///     {"interface": "public", "region_id": "R2", "url": "https://r2/v2.1"}]}]"#).unwrap();
/// assert_eq!(
///     compute_regions(&catalog, "public"),
///     [("R1".to_owned(), "https://r1/v2.1".to_owned()), ("R2".to_owned(), "https://r2/v2.1".to_owned())]
/// );
/// ```
pub fn compute_regions(catalog: &[Service], interface: &str) -> Vec<(String, String)> {
    service_regions(catalog, "compute", interface)
}

/// [`compute_regions`] for the image service.
pub fn image_regions(catalog: &[Service], interface: &str) -> Vec<(String, String)> {
    service_regions(catalog, "image", interface)
}

/// Every region with an endpoint of `service` and `interface`, with that endpoint.
fn service_regions(catalog: &[Service], service: &str, interface: &str) -> Vec<(String, String)> {
    let mut regions: Vec<(String, String)> = Vec::new();
    let endpoints = catalog
        .iter()
        .filter(|s| s.service_type == service)
        .flat_map(|s| &s.endpoints)
        .filter(|e| e.interface == interface);
    for e in endpoints {
        let region = e
            .region_id
            .clone()
            .or_else(|| e.region.clone())
            .unwrap_or_default();
        if !regions.iter().any(|(r, _)| *r == region) {
            regions.push((region, e.url.clone()));
        }
    }
    regions
}

/// One line per catalog service for `--debug`: types, interfaces and regions, no URLs of
/// services nova-images does not use.
pub(super) fn summarise(catalog: &[Service]) -> String {
    let services: Vec<String> = catalog
        .iter()
        .map(|s| {
            let endpoints: Vec<String> = s
                .endpoints
                .iter()
                .map(|e| {
                    let region = e
                        .region_id
                        .as_deref()
                        .or(e.region.as_deref())
                        .unwrap_or("-");
                    if s.service_type == "compute" {
                        format!("{} {region} {}", e.interface, e.url)
                    } else {
                        format!("{} {region}", e.interface)
                    }
                })
                .collect();
            format!("{} [{}]", s.service_type, endpoints.join(", "))
        })
        .collect();
    format!("catalog: {}", services.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn catalog() -> Vec<Service> {
        serde_json::from_value(json!([
            {"type": "identity", "endpoints": [{"interface": "public", "url": "http://k"}]},
            {"type": "compute", "endpoints": [
                {"interface": "internal", "region_id": "R1", "url": "http://internal"},
                {"interface": "public", "region": "R1", "region_id": "R1", "url": "http://r1"},
                {"interface": "public", "region_id": "R2", "url": "http://r2"}
            ]}
        ]))
        .unwrap()
    }

    #[test]
    fn endpoint_matches_interface_and_region() {
        let c = catalog();
        assert_eq!(compute_endpoint(&c, "public", None).unwrap(), "http://r1");
        assert_eq!(
            compute_endpoint(&c, "public", Some("R2")).unwrap(),
            "http://r2"
        );
        assert_eq!(
            compute_endpoint(&c, "internal", Some("R1")).unwrap(),
            "http://internal"
        );
        let err = compute_endpoint(&c, "admin", Some("R1")).unwrap_err();
        assert_eq!(
            err,
            "no admin compute endpoint in region R1 in the service catalog; compute offers: \
             internal in R1, public in R1, public in R2"
        );
    }

    #[test]
    fn the_image_endpoint_follows_the_same_rules() {
        let c: Vec<Service> = serde_json::from_value(serde_json::json!([
            {"type": "compute", "endpoints": [{"interface": "public", "region_id": "R1", "url": "http://nova"}]},
            {"type": "image", "endpoints": [
                {"interface": "internal", "region_id": "R1", "url": "http://glance-internal"},
                {"interface": "public", "region": "R1", "url": "http://glance-r1"},
                {"interface": "public", "region_id": "R2", "url": "http://glance-r2"}
            ]}
        ]))
        .unwrap();
        assert_eq!(
            image_endpoint(&c, "public", None).unwrap(),
            "http://glance-r1"
        );
        assert_eq!(
            image_endpoint(&c, "public", Some("R2")).unwrap(),
            "http://glance-r2"
        );
        assert_eq!(
            image_endpoint(&c, "internal", Some("R1")).unwrap(),
            "http://glance-internal"
        );
        assert_eq!(
            image_endpoint(&c, "admin", None).unwrap_err(),
            "no admin image endpoint in the service catalog; image offers: \
             internal in R1, public in R1, public in R2"
        );
        assert_eq!(
            image_endpoint(&c[..1], "public", None).unwrap_err(),
            "no public image endpoint in the service catalog: the catalog has no image service"
        );
    }
}
