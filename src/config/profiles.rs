//! Vendor profiles (`profile:` / `cloud:`) and regions (`regions:`, `region_name`).

use std::path::PathBuf;

use serde_json::Value;

use super::files::{Loaded, describe};
use super::fixes::normalise_keys;
use super::values::{Dict, Layers, scalar_string, string};
use super::vendors;
use crate::error::{Error, Result};

/// The cloud's `profile:` (or legacy `cloud:`) name, if any.
pub(super) fn profile_of(
    entry: &Dict,
    name: &str,
    env_name: &str,
    file: Option<&Loaded>,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let legacy = entry.get("cloud").and_then(Value::as_str);
    if legacy.is_some() && !entry.contains_key("profile") {
        warnings.push(format!(
            "{} uses the keyword 'cloud' to reference a known vendor profile (cloud '{name}'); \
             use 'profile' instead",
            describe(file)
        ));
    }
    entry
        .get("profile")
        .and_then(Value::as_str)
        .or(legacy)
        .filter(|p| !p.is_empty() && *p != env_name)
        .map(str::to_owned)
}

/// Where a cloud's vendor profile came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    /// openstacksdk's profile of that name, bundled with nova-images.
    Bundled,
    /// `public-clouds:` of a clouds-public file.
    File {
        /// The clouds-public file.
        path: PathBuf,
        /// A bundled profile has the same name: this file's replaces it.
        overrides_bundled: bool,
    },
}

/// The profile's values and where they came from: clouds-public's `public-clouds:` entry
/// first, else openstacksdk's bundled profile of that name, with its status handled. `None`
/// (with a warning) when it is neither; a remote profile (a URL) is an error.
pub(super) fn lookup_profile(
    profile: &str,
    cloud: &str,
    vendor: Option<&Loaded>,
    warnings: &mut Vec<String>,
) -> Result<Option<(Dict, ProfileSource)>> {
    let public = vendor.and_then(|v| {
        let found = v.doc.get("public-clouds")?.get(profile)?.as_object()?;
        Some((found, &v.path))
    });
    let (values, source) = match public {
        // A profile file may hold `{name, profile: {...}}` or the values directly.
        Some((found, path)) => (
            found
                .get("profile")
                .and_then(Value::as_object)
                .unwrap_or(found)
                .clone(),
            ProfileSource::File {
                path: path.clone(),
                overrides_bundled: vendors::is_bundled(profile),
            },
        ),
        None => match vendors::bundled(profile) {
            Some(values) => (
                bundled_values(profile, cloud, values)?,
                ProfileSource::Bundled,
            ),
            None if is_remote(profile) => {
                return Err(Error::config(
                    format!(
                        "cloud '{cloud}' uses the remote vendor profile {profile}, which \
                         nova-images does not fetch"
                    ),
                    Some(
                        "put the profile's values in clouds-public.yaml or the cloud entry".into(),
                    ),
                ));
            }
            None => {
                warnings.push(format!(
                    "couldn't find the vendor profile '{profile}' for the cloud '{cloud}'"
                ));
                return Ok(None);
            }
        },
    };
    with_status(profile, cloud, values, warnings).map(|values| Some((values, source)))
}

/// A URL with a host: openstacksdk fetches its `/.well-known/openstack/api`.
fn is_remote(profile: &str) -> bool {
    url::Url::parse(profile).is_ok_and(|u| u.has_host())
}

/// A bundled profile may name another (`profile:`): a bundled one replaces it, a remote one
/// (as `ovh` and `vexxhost` are) is refused, an unknown one is dropped, as openstacksdk does.
fn bundled_values(profile: &str, cloud: &str, mut values: Dict) -> Result<Dict> {
    let Some(nested) = values.remove("profile") else {
        return Ok(values);
    };
    let nested = nested.as_str().unwrap_or_default();
    if let Some(inner) = vendors::bundled(nested) {
        return Ok(inner);
    }
    if is_remote(nested) {
        return Err(Error::config(
            format!(
                "cloud '{cloud}' uses openstacksdk's built-in vendor profile '{profile}', which \
                 is the remote profile {nested} that nova-images does not fetch"
            ),
            Some(format!(
                "copy the profile into clouds-public.yaml under `public-clouds: {profile}:`, \
                 or put its auth_url and regions in the cloud entry"
            )),
        ));
    }
    Ok(values)
}

/// `status: deprecated` warns with the profile's `message`, `status: shutdown` fails with it.
fn with_status(
    profile: &str,
    cloud: &str,
    mut values: Dict,
    warnings: &mut Vec<String>,
) -> Result<Dict> {
    let message = values
        .remove("message")
        .map(|m| scalar_string(&m))
        .unwrap_or_default();
    match values.remove("status").as_ref().and_then(Value::as_str) {
        Some("deprecated") => warnings.push(format!("{profile} is deprecated: {message}")),
        Some("shutdown") => {
            return Err(Error::config(
                format!("{profile} references a cloud that no longer exists: {message}"),
                Some(format!("cloud '{cloud}' needs another profile")),
            ));
        }
        _ => {}
    }
    Ok(values)
}

/// Known regions, as openstacksdk's `_get_known_regions`: the cloud's own `regions` (names
/// or `{name, values}`), else its own `region_name` (CSV allowed), else the profile's
/// `regions`, else the profile's `region_name` (one name).
pub(super) fn known_regions(entry: &Dict, profile: Option<&Dict>) -> Result<Vec<(String, Dict)>> {
    let mut entry = entry.clone();
    normalise_keys(&mut entry);
    if let Some(Value::Array(items)) = entry.get("regions") {
        return expand_regions(items);
    }
    if let Some(names) = string(&entry, "region_name") {
        return Ok(names
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| (s.to_owned(), Dict::new()))
            .collect());
    }
    let Some(profile) = profile else {
        return Ok(Vec::new());
    };
    match profile.get("regions") {
        Some(Value::Array(items)) if !items.is_empty() => expand_regions(items),
        _ => Ok(string(profile, "region_name")
            .map(|name| vec![(name, Dict::new())])
            .unwrap_or_default()),
    }
}

/// `regions:` items: a name, or a mapping of `name` and optional `values`.
fn expand_regions(items: &[Value]) -> Result<Vec<(String, Dict)>> {
    items
        .iter()
        .map(|item| match item {
            Value::String(n) => Ok((n.clone(), Dict::new())),
            Value::Object(m)
                if m.keys().all(|k| k == "name" || k == "values")
                    && m.get("name").is_some_and(Value::is_string) =>
            {
                Ok((
                    m["name"].as_str().unwrap_or_default().to_owned(),
                    m.get("values")
                        .and_then(Value::as_object)
                        .cloned()
                        .unwrap_or_default(),
                ))
            }
            other => Err(Error::config(
                format!("invalid region entry at: {other}"),
                Some("a region is a name, or a mapping with `name` and `values`".into()),
            )),
        })
        .collect()
}

/// Picks the region (`--os-region-name` must be a known one), applies its `values` and sets
/// `region_name` to it (empty when there is none), so that `{region_name}` can be filled.
pub(super) fn select_region(
    name: &str,
    known: &[(String, Dict)],
    layers: &mut Layers,
    wanted: Option<&str>,
) -> Result<String> {
    layers.top.remove("regions");
    let wanted = wanted.filter(|w| !w.is_empty());
    let chosen = match (wanted, known.first()) {
        (None, None) => (String::new(), Dict::new()),
        (Some(w), None) => (w.to_owned(), Dict::new()),
        (None, Some(first)) => first.clone(),
        (Some(w), Some(_)) => known.iter().find(|(n, _)| n == w).cloned().ok_or_else(|| {
            Error::config(
                format!(
                    "region {w} is not a valid region name for cloud {name}; valid choices \
                     are {} (region names are case sensitive)",
                    known
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None,
            )
        })?,
    };
    layers.update(&chosen.1);
    layers
        .top
        .insert("region_name".into(), Value::String(chosen.0.clone()));
    Ok(chosen.0)
}
