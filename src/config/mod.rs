//! Finding clouds.yaml and resolving one cloud, the way the `openstack` CLI does.
//!
//! [`resolve`] is a pure function of the process environment ([`Env`]: variables, cwd, home)
//! and the [`Overrides`] a caller gives (the CLI's `--os-*` options); it reads files but never
//! the real environment, so tests can drive every rule. The pipeline follows openstacksdk's
//! loader with osc-lib's CLI semantics:
//!
//! 1. load the first clouds, secure and clouds-public file found, deep-merge secure over clouds
//!    (`files`);
//! 2. select the cloud (the requested one, the `envvars` cloud, the only cloud);
//! 3. layer defaults, vendor profile (clouds-public's, else openstacksdk's bundled one,
//!    `vendors`), the cloud entry, its region's `values`, the overrides (`profiles`, `fixes`);
//! 4. apply the "magic fixes" (aliases, fan-out, types), the default-domain hook and the
//!    auth-plugin option pass (`plugins`), format `{placeholders}` (`placeholders`) and
//!    validate (`validate`).
//!
//! ```
//! use nova_images::config::{Env, Overrides, resolve};
//! # let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("clouds.yaml"), "clouds:
//!   prod:
//!     auth: {auth_url: 'https://keystone.example.com/v3', username: ci, password: s3cret,
//!            project_name: ci, user_domain_name: Default, project_domain_name: Default}
//!     region_name: RegionOne
//! ").unwrap();
//! let env = Env { cwd: dir.path().into(), ..Env::default() };
//! let cloud = resolve(&env, &Overrides { cloud: Some("prod".into()), ..Overrides::default() })?;
//! assert_eq!(cloud.auth_value("username"), Some("ci"));
//! assert_eq!(cloud.region_name.as_deref(), Some("RegionOne"));
//! assert_eq!(cloud.compute_api_version, "2.1");
//! # Ok::<(), nova_images::Error>(())
//! ```

mod env;
mod files;
mod fixes;
mod placeholders;
mod plugins;
mod profiles;
mod validate;
mod values;
mod vendors;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

pub use env::Env;
pub use plugins::AuthType;
pub use profiles::ProfileSource;

use crate::error::{Error, Result};
use crate::http::{DEFAULT_TIMEOUT_SECS, HttpOptions};
use files::{Loaded, describe, searched};
use values::{Dict, Layers, boolean, string};

/// The resolved configuration of one cloud: everything needed to connect.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudConfig {
    /// Cloud name (`envvars` when built from OS_* variables, `defaults` when nothing is set).
    pub name: String,
    /// The clouds.yaml that was used, if any.
    pub clouds_file: Option<PathBuf>,
    /// The secure.yaml that was merged in, if any.
    pub secure_file: Option<PathBuf>,
    /// The vendor profile layered under the cloud (`profile:` / `cloud:`), if one was found.
    pub profile: Option<String>,
    /// Where that profile came from: bundled, or which clouds-public file.
    pub profile_source: Option<ProfileSource>,
    /// The auth plugin.
    pub auth_type: AuthType,
    /// Auth plugin options (`auth_url`, `username`, `password`, `project_name`, ...).
    pub auth: BTreeMap<String, String>,
    /// Region of the compute endpoint; `None` accepts any.
    pub region_name: Option<String>,
    /// Catalog interface: `public` (default), `internal` or `admin`.
    pub interface: String,
    /// Verify TLS certificates.
    pub verify: bool,
    /// Extra CA bundle (PEM), `~` expanded.
    pub cacert: Option<PathBuf>,
    /// Client certificate (PEM).
    pub cert: Option<PathBuf>,
    /// Client certificate key (PEM).
    pub key: Option<PathBuf>,
    /// Compute endpoint that bypasses the catalog.
    pub compute_endpoint_override: Option<String>,
    /// Compute microversion to send (2.1 to 2.35).
    pub compute_api_version: String,
    /// Image endpoint that bypasses the catalog (`image_endpoint_override`, as openstacksdk).
    pub image_endpoint_override: Option<String>,
    /// The image API's major version (`image_api_version`: `2`, or `2.N`; only v2 is spoken).
    pub image_api_version: String,
    /// Which images API to use (`nova_images_api`: `auto`, `nova` or `glance`; default `auto`).
    pub api: ImageApi,
    /// Per-request timeout in seconds: above 0, at most a week ([`crate::time::seconds`]).
    pub api_timeout: Option<f64>,
    /// Keep tokens in the on-disk cache (top-level `cache: {auth: false}` turns it off).
    pub token_cache: bool,
    /// Non-fatal problems found on the way (skipped files, deprecated profiles), for stderr.
    pub warnings: Vec<String>,
}

/// Which API serves the images: Nova's images proxy, Glance's v2 images API (shown as Nova
/// shows it), or `Auto`, the default (for now Nova's; meant to take Glance where Nova's images
/// API is gone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageApi {
    /// The default: for now Nova's images API.
    #[default]
    Auto,
    /// Nova's images API only.
    Nova,
    /// Glance's v2 images API only.
    Glance,
}

impl ImageApi {
    /// Its name in configuration: `auto`, `nova` or `glance`.
    pub fn name(self) -> &'static str {
        match self {
            ImageApi::Auto => "auto",
            ImageApi::Nova => "nova",
            ImageApi::Glance => "glance",
        }
    }
}

impl std::str::FromStr for ImageApi {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(ImageApi::Auto),
            "nova" | "compute" => Ok(ImageApi::Nova),
            "glance" | "image" => Ok(ImageApi::Glance),
            _ => Err(format!("images API {s:?} is not one of auto, nova, glance")),
        }
    }
}

impl CloudConfig {
    /// An auth option, if set and non-empty.
    pub fn auth_value(&self, key: &str) -> Option<&str> {
        self.auth
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// TLS settings and the per-request timeout (`api_timeout`, else 30 s) for [`Http::new`].
    ///
    /// [`resolve`] accepts only valid timeouts; one set here by hand that is not
    /// ([`crate::time::seconds_value`]: not finite, not above 0, over a week) gives the
    /// default rather than a panic.
    ///
    /// [`Http::new`]: crate::http::Http::new
    pub fn http_options(&self) -> HttpOptions {
        let timeout = (self.api_timeout)
            .and_then(|t| crate::time::seconds_value(t).ok())
            .unwrap_or(std::time::Duration::from_secs_f64(DEFAULT_TIMEOUT_SECS));
        HttpOptions {
            cloud: self.name.clone(),
            verify: self.verify,
            cacert: self.cacert.clone(),
            cert: self.cert.clone(),
            key: self.key.clone(),
            timeout,
        }
    }

    /// Does this auth type send a password that may be prompted for?
    pub fn needs_password(&self) -> bool {
        self.auth_type.takes_password() && self.auth_value("password").is_none()
    }
}

/// Settings that beat clouds.yaml (the `openstack` CLI's `--os-*` options, already defaulted
/// to their `OS_*` variables). Each field is the clouds.yaml key of the same name; empty
/// strings count as unset.
#[derive(Debug, Clone, Default, PartialEq)]
#[allow(missing_docs)] // each field is the clouds.yaml key of its name
pub struct Overrides {
    /// The cloud to use (`--os-cloud`); `None` picks the `envvars` cloud or the only cloud.
    pub cloud: Option<String>,
    pub auth_type: Option<String>,
    pub auth_url: Option<String>,
    pub username: Option<String>,
    pub user_id: Option<String>,
    pub password: Option<String>,
    pub project_name: Option<String>,
    pub project_id: Option<String>,
    pub user_domain_name: Option<String>,
    pub user_domain_id: Option<String>,
    pub project_domain_name: Option<String>,
    pub project_domain_id: Option<String>,
    pub domain_name: Option<String>,
    pub domain_id: Option<String>,
    pub token: Option<String>,
    pub application_credential_id: Option<String>,
    pub application_credential_name: Option<String>,
    pub application_credential_secret: Option<String>,
    /// The region; with `regions:` in the cloud it must be one of them.
    pub region_name: Option<String>,
    pub interface: Option<String>,
    /// The compute endpoint, for every auth type (`admin_token` and `none` need one).
    pub endpoint: Option<String>,
    pub compute_api_version: Option<String>,
    /// Which images API to use (`auto`, `nova` or `glance`).
    pub nova_images_api: Option<String>,
    pub cacert: Option<String>,
    pub cert: Option<String>,
    pub key: Option<String>,
    /// Skip TLS verification.
    pub insecure: bool,
    /// Per-request timeout in seconds.
    pub api_timeout: Option<f64>,
    /// The domain filled in for users and projects named without one (`default` when unset).
    pub default_domain: Option<String>,
}

/// The cloud chosen, before layering.
struct Selected {
    name: String,
    entry: Dict,
    from_file: bool,
}

/// Resolves the cloud to use from files, environment and overrides. Warnings (skipped files,
/// deprecated profiles) are in [`CloudConfig::warnings`]; see [`resolve_noting`] to have
/// them when resolution fails too.
pub fn resolve(env: &Env, overrides: &Overrides) -> Result<CloudConfig> {
    resolve_noting(env, overrides, &mut Vec::new())
}

/// One function on purpose: the steps are openstacksdk's pipeline, in its order.
///
/// [`resolve`], adding each warning to `warnings` as it is found, so that they are not lost
/// when resolution then fails (the config is given a copy).
pub fn resolve_noting(
    env: &Env,
    overrides: &Overrides,
    warnings: &mut Vec<String>,
) -> Result<CloudConfig> {
    let files = files::Files::load(env, true, warnings)?;
    let file_clouds = files.clouds(warnings)?;
    let names: Vec<String> = file_clouds.keys().cloned().collect();
    let env_name = env.cloud_name().to_owned();
    if names.contains(&env_name) {
        return Err(Error::config(
            format!(
                "{} defines a cloud named '{env_name}', but that name is reserved for the cloud \
                 made from OS_* variables",
                describe(files.clouds.as_ref())
            ),
            Some("rename that cloud, or set OS_CLOUD_NAME to another name".into()),
        ));
    }
    let from_env = env::env_cloud(env);
    let selected = select(
        &files,
        &file_clouds,
        &env_name,
        from_env.as_ref(),
        overrides,
    )?;
    let no_config = files.clouds.is_none() && from_env.is_none() && selected.name == "defaults";
    let token_cache = boolean(files.doc.get("cache").and_then(|c| c.get("auth"))).unwrap_or(true);
    let (mut layers, profile) = layer(&selected, &env_name, &files, warnings)?;
    let known = profiles::known_regions(&selected.entry, profile.as_ref().map(|(_, v, _)| v))?;
    let region_name = profiles::select_region(
        &selected.name,
        &known,
        &mut layers,
        overrides.region_name.as_deref(),
    )?;
    fixes::apply_overrides(&mut layers.top, overrides);
    fixes::magic_fixes(&mut layers)?;
    let auth_type = plugins::auth_type_of(&layers.top)?;
    plugins::default_domain_hook(&mut layers, auth_type, overrides.default_domain.as_deref());
    let auth = plugins::plugin_options(&mut layers, auth_type, &selected.name)?;
    placeholders::format_placeholders(&mut layers.top)?;
    let from_file = selected.from_file;
    let cloud = CloudConfig {
        clouds_file: files
            .clouds
            .as_ref()
            .filter(|_| from_file)
            .map(|c| c.path.clone()),
        secure_file: files
            .secure
            .as_ref()
            .filter(|_| from_file)
            .map(|s| s.path.clone()),
        profile_source: profile.as_ref().map(|(_, _, source)| source.clone()),
        profile: profile.map(|(name, _, _)| name),
        auth_type,
        auth,
        region_name: Some(region_name).filter(|r| !r.is_empty()),
        token_cache,
        warnings: warnings.clone(),
        name: selected.name,
        ..connection_settings(&layers.top, env)?
    };
    validate::validate(&cloud).map_err(|e| explain(e, &cloud, &files, &names, no_config))?;
    Ok(cloud)
}

/// The settings of a cloud beyond its identity, from the layered top-level keys.
fn connection_settings(config: &Dict, env: &Env) -> Result<CloudConfig> {
    Ok(CloudConfig {
        name: String::new(),
        clouds_file: None,
        secure_file: None,
        profile: None,
        profile_source: None,
        auth_type: AuthType::None,
        auth: BTreeMap::new(),
        region_name: None,
        interface: string(config, "interface").unwrap_or_else(|| "public".into()),
        verify: !boolean(config.get("insecure")).unwrap_or(false)
            && boolean(config.get("verify")).unwrap_or(true),
        cacert: string(config, "cacert").map(|p| env.expand_home(&p)),
        cert: string(config, "cert").map(|p| env.expand_home(&p)),
        key: string(config, "key").map(|p| env.expand_home(&p)),
        compute_endpoint_override: string(config, "compute_endpoint_override")
            .or_else(|| string(config, "compute_endpoint")),
        compute_api_version: validate::compute_api_version(config)?,
        image_endpoint_override: string(config, "image_endpoint_override")
            .or_else(|| string(config, "image_endpoint")),
        image_api_version: validate::image_api_version(config)?,
        api: validate::image_api(config)?,
        api_timeout: api_timeout(config)?,
        token_cache: true,
        warnings: Vec::new(),
    })
}

/// `api_timeout` (also `timeout`, `*_timeout`, `OS_API_TIMEOUT` and friends, `--timeout`):
/// the library's one rule for seconds ([`crate::time::seconds`]); anything else, `-1`, `nan`,
/// `1e300`, `""`, `abc` or a mapping, is a configuration error naming the value.
fn api_timeout(config: &Dict) -> Result<Option<f64>> {
    let parsed = match config.get("api_timeout") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .and_then(|t| crate::time::seconds_value(t).ok())
            .ok_or_else(|| n.to_string()),
        Some(Value::String(s)) => crate::time::seconds(s).map_err(|e| e.given),
        Some(other) => Err(other.to_string()),
    };
    match parsed {
        Ok(t) => Ok(Some(t.as_secs_f64())),
        Err(given) => Err(Error::config(
            format!(
                "api_timeout {given} is not a number of seconds above 0 and at most {} (a week)",
                crate::time::MAX_SECONDS
            ),
            Some("set api_timeout (or OS_API_TIMEOUT, --timeout) to e.g. 30 or 2.5".into()),
        )),
    }
}

/// A validation error said better when no cloud was chosen, or there was nothing at all.
fn explain(
    error: Error,
    cloud: &CloudConfig,
    files: &files::Files,
    names: &[String],
    no_config: bool,
) -> Error {
    match error {
        Error::Config { .. } if cloud.name.is_empty() => Error::Config {
            message: format!(
                "no cloud selected and {} defines several: {}",
                describe(files.clouds.as_ref()),
                names.join(", ")
            ),
            hint: None,
            fix: Some(crate::error::Fix::ChooseCloud),
        },
        Error::Config { .. } if no_config => Error::config(
            "no clouds.yaml found and no OS_* credentials set",
            Some(format!(
                "searched {}; or set OS_CLIENT_CONFIG_FILE, or OS_AUTH_URL and friends",
                searched(&files.clouds_paths)
            )),
        ),
        other => other,
    }
}

/// Picks the cloud: the requested one (a file's, or the `envvars` one), else the `envvars`
/// cloud, else the file's only cloud.
fn select(
    files: &files::Files,
    file_clouds: &Dict,
    env_name: &str,
    from_env: Option<&Dict>,
    overrides: &Overrides,
) -> Result<Selected> {
    let entry_of = |name: &str| -> Result<Selected> {
        let entry = match file_clouds.get(name) {
            Some(Value::Object(m)) => m.clone(),
            Some(Value::Null) => Dict::new(),
            _ => {
                return Err(Error::config(
                    format!(
                        "cloud '{name}' in {} is not a mapping",
                        describe(files.clouds.as_ref())
                    ),
                    None,
                ));
            }
        };
        Ok(Selected {
            name: name.to_owned(),
            entry,
            from_file: true,
        })
    };
    let not_from_file = |name: &str, entry: Dict| Selected {
        name: name.to_owned(),
        entry,
        from_file: false,
    };
    let names: Vec<String> = file_clouds.keys().cloned().collect();
    let requested = overrides.cloud.as_deref().filter(|s| !s.is_empty());
    match (requested, from_env) {
        (Some(name), Some(vars)) if name == env_name => Ok(not_from_file(name, vars.clone())),
        (Some(name), _) if file_clouds.contains_key(name) => entry_of(name),
        (Some(name), _) => Err(unknown_cloud(
            name,
            &names,
            files.clouds.as_ref(),
            &files.clouds_paths,
        )),
        (None, Some(vars)) => Ok(not_from_file(env_name, vars.clone())),
        (None, None) if names.len() == 1 => entry_of(&names[0]),
        (None, None) if names.is_empty() => Ok(not_from_file("defaults", Dict::new())),
        // Several clouds and none named: an anonymous cloud of the overrides alone, which
        // only works when they carry the credentials (openstacksdk does the same).
        (None, None) => Ok(not_from_file("", Dict::new())),
    }
}

/// A vendor profile found for a cloud: its name, its values, where they came from.
type Profile = (String, Dict, ProfileSource);

/// Defaults, then the vendor profile (returned too, for its regions and where it came
/// from), then the cloud's own entry.
fn layer(
    selected: &Selected,
    env_name: &str,
    files: &files::Files,
    warnings: &mut Vec<String>,
) -> Result<(Layers, Option<Profile>)> {
    let mut layers = Layers {
        top: fixes::defaults(),
        auth: Dict::new(),
    };
    let profile = profiles::profile_of(
        &selected.entry,
        &selected.name,
        env_name,
        files.clouds.as_ref(),
        warnings,
    );
    let profile = match profile {
        Some(p) => profiles::lookup_profile(&p, &selected.name, files.vendor.as_ref(), warnings)?
            .map(|(values, source)| (p, values, source)),
        None => None,
    };
    if let Some((_, values, _)) = &profile {
        layers.update(values);
    }
    layers.update(&selected.entry);
    layers.top.remove("profile");
    layers.top.remove("cloud");
    Ok((layers, profile))
}

fn unknown_cloud(name: &str, names: &[String], file: Option<&Loaded>, paths: &[PathBuf]) -> Error {
    match file {
        None => Error::config(
            format!("cloud '{name}' was not found: no clouds.yaml exists"),
            Some(format!(
                "searched {}; or set OS_CLIENT_CONFIG_FILE",
                searched(paths)
            )),
        ),
        Some(f) => Error::config(
            format!("cloud '{name}' was not found in {}", f.path.display()),
            Some(if names.is_empty() {
                "that file defines no clouds".to_owned()
            } else {
                format!("known clouds: {}", names.join(", "))
            }),
        ),
    }
}

/// Every cloud name known from the files (and `envvars` when OS_* variables make one), with
/// the file it came from; files skipped on the way are in `warnings`.
pub fn list_clouds(
    env: &Env,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, Option<PathBuf>)>> {
    let files = files::Files::load(env, false, warnings)?;
    let mut out: Vec<(String, Option<PathBuf>)> = Vec::new();
    for file in [&files.clouds, &files.secure].into_iter().flatten() {
        if let Some(Value::Object(m)) = file.doc.get("clouds") {
            for name in m.keys() {
                if !out.iter().any(|(n, _)| n == name) {
                    out.push((name.clone(), Some(file.path.clone())));
                }
            }
        }
    }
    if env::env_cloud(env).is_some() {
        out.push((env.cloud_name().to_owned(), None));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
