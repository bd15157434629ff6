//! Checks of a resolved cloud: the microversion, required options and keystoneauth's v3 rules.

use super::values::{Dict, string};
use super::{AuthType, CloudConfig};
use crate::error::{Error, Fix, Result};

/// `compute_api_version`: 2.1 to 2.35 (the images API is gone from 2.36).
pub(super) fn compute_api_version(config: &Dict) -> Result<String> {
    let Some(raw) = string(config, "compute_api_version") else {
        return Ok(crate::model::MICROVERSION.to_owned());
    };
    let too_new = || {
        Error::config(
            format!(
                "compute API version {raw} is too new for the images API: Nova removed it at \
                 microversion 2.36"
            ),
            Some("use a compute_api_version between 2.1 and 2.35, or leave it unset (2.1)".into()),
        )
    };
    let parsed = match raw.split_once('.') {
        None => raw.parse::<u32>().ok().map(|major| (major, 1)),
        Some((major, minor)) => major.parse::<u32>().ok().zip(minor.parse::<u32>().ok()),
    };
    match parsed {
        // "2" and "2.0" mean the base version.
        Some((2, 0 | 1)) => Ok("2.1".into()),
        Some((2, minor)) if minor <= 35 => Ok(format!("2.{minor}")),
        Some((2, _)) => Err(too_new()),
        _ if raw.eq_ignore_ascii_case("latest") => Err(too_new()),
        _ => Err(Error::config(
            format!("compute API version {raw:?} is not a version like 2.1"),
            None,
        )),
    }
}

/// `image_api_version`: `2` (openstacksdk's default) or `2.N`; nova-images speaks the image
/// API v2 only (Glance removed v1 in Rocky).
pub(super) fn image_api_version(config: &Dict) -> Result<String> {
    let Some(raw) = string(config, "image_api_version") else {
        return Ok("2".into());
    };
    let major = raw.trim().trim_start_matches(['v', 'V']);
    let major = major.split_once('.').map_or(major, |(m, _)| m);
    if major == "2" {
        return Ok(raw.trim().to_owned());
    }
    Err(Error::config(
        format!("image API version {raw:?} is not supported: nova-images speaks the image API v2"),
        Some("set image_api_version to 2, or leave it unset".into()),
    ))
}

/// `nova_images_api`: `auto` (the default), `nova` or `glance`.
pub(super) fn image_api(config: &Dict) -> Result<super::ImageApi> {
    match string(config, "nova_images_api") {
        None => Ok(super::ImageApi::Auto),
        Some(raw) => raw.parse().map_err(|why: String| {
            Error::config(
                why,
                Some("set nova_images_api to auto, nova or glance".into()),
            )
        }),
    }
}

/// Required options and keystoneauth's v3 rules, naming the key and where to set it.
pub(super) fn validate(cloud: &CloudConfig) -> Result<()> {
    required(cloud)?;
    v3_domains(cloud)?;
    one_scope(cloud)
}

/// The options the auth type cannot do without.
fn required(cloud: &CloudConfig) -> Result<()> {
    let has = |k: &str| cloud.auth_value(k).is_some();
    let missing = |key: &'static str| {
        let file = cloud
            .clouds_file
            .as_ref()
            .map_or("clouds.yaml".to_owned(), |p| p.display().to_string());
        Error::Config {
            message: format!(
                "cloud '{}' has no {key} (auth type {})",
                cloud.name, cloud.auth_type
            ),
            hint: None,
            fix: Some(Fix::Missing { key, file }),
        }
    };
    let auth_type = cloud.auth_type;
    if !auth_type.uses_keystone() {
        if !has("endpoint") && cloud.compute_endpoint_override.is_none() {
            return Err(missing("endpoint"));
        }
        if auth_type == AuthType::AdminToken && !has("token") {
            return Err(missing("token"));
        }
        return Ok(());
    }
    if !has("auth_url") {
        return Err(missing("auth_url"));
    }
    if auth_type.takes_password() && !has("username") && !has("user_id") {
        return Err(missing("username"));
    }
    if auth_type.takes_token() && !has("token") {
        return Err(missing("token"));
    }
    if auth_type == AuthType::V3ApplicationCredential {
        if !has("application_credential_secret") {
            return Err(missing("application_credential_secret"));
        }
        let by_name = has("application_credential_name") && (has("user_id") || has("username"));
        if !has("application_credential_id") && !by_name {
            return Err(Error::Config {
                message: format!(
                    "cloud '{}': you must provide either an application credential ID or an \
                     application credential name and user",
                    cloud.name
                ),
                hint: None,
                fix: Some(Fix::ApplicationCredential),
            });
        }
    }
    Ok(())
}

/// The v3 plugins insist on a domain for a user or project given by name.
fn v3_domains(cloud: &CloudConfig) -> Result<()> {
    let has = |k: &str| cloud.auth_value(k).is_some();
    if !cloud.auth_type.is_v3() {
        return Ok(());
    }
    if has("username") && !has("user_domain_id") && !has("user_domain_name") {
        return Err(Error::Config {
            message: format!(
                "cloud '{}': you have provided a username; in the V3 identity API a username is \
                 only unique within a domain so you must also provide either a user_domain_id \
                 or user_domain_name",
                cloud.name
            ),
            hint: None,
            fix: Some(Fix::UserDomain),
        });
    }
    if has("project_name") && !has("project_domain_id") && !has("project_domain_name") {
        return Err(Error::Config {
            message: format!(
                "cloud '{}': you have provided a project_name; in the V3 identity API a \
                 project_name is only unique within a domain so you must also provide either a \
                 project_domain_id or project_domain_name",
                cloud.name
            ),
            hint: None,
            fix: Some(Fix::ProjectDomain),
        });
    }
    Ok(())
}

/// At most one of project, domain, trust and system scope.
fn one_scope(cloud: &CloudConfig) -> Result<()> {
    let has = |k: &str| cloud.auth_value(k).is_some();
    let scopes = [
        has("project_id") || has("project_name"),
        has("domain_id") || has("domain_name"),
        has("trust_id"),
        has("system_scope"),
    ];
    if scopes.iter().filter(|s| **s).count() > 1 {
        return Err(Error::config(
            format!(
                "cloud '{}' asks for more than one scope (project, domain, trust, system)",
                cloud.name
            ),
            Some("keep only one of project_*, domain_*, trust_id and system_scope".into()),
        ));
    }
    Ok(())
}
