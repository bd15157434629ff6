//! Finding clouds.yaml and resolving one cloud, the way the `openstack` CLI does.
//!
//! [`resolve`] is a pure function of the process environment ([`Env`]: variables, cwd, home)
//! and the connection options; it reads files but never the real environment, so tests can
//! drive every rule. The pipeline follows openstacksdk's loader with osc-lib's CLI semantics:
//!
//! 1. load the first clouds, secure and clouds-public file found, deep-merge secure over clouds;
//! 2. select the cloud (`--os-cloud`, the `envvars` cloud, the only cloud);
//! 3. layer defaults, vendor profile, the cloud entry, its region's `values`, the options;
//! 4. apply the "magic fixes" (aliases, fan-out, types), the default-domain hook and the
//!    auth-plugin option pass, validate, and format `{placeholders}`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::cli::ConnectionArgs;
use crate::error::{Error, Result};

type Dict = Map<String, Value>;

/// A cloud's settings while they are being layered: top-level keys and the `auth` mapping.
#[derive(Debug, Clone, Default)]
struct Layers {
    top: Dict,
    auth: Dict,
}

impl Layers {
    /// openstacksdk's `_auth_update`: top-level keys are replaced, `auth` merged key by key.
    fn update(&mut self, over: &Dict) {
        for (k, v) in over {
            match (k.as_str(), v) {
                ("auth", Value::Object(o)) => {
                    for (ak, av) in o {
                        self.auth.insert(ak.clone(), av.clone());
                    }
                }
                _ => {
                    self.top.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

/// The environment a run sees: variables, working directory and home.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// Environment variables.
    pub vars: BTreeMap<String, String>,
    /// The working directory (searched first).
    pub cwd: PathBuf,
    /// The home directory.
    pub home: Option<PathBuf>,
}

impl Env {
    /// The real process environment.
    pub fn from_process() -> Self {
        Env {
            vars: std::env::vars().collect(),
            cwd: std::env::current_dir().unwrap_or_default(),
            home: dirs::home_dir(),
        }
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Directories searched for clouds / secure / clouds-public files, in openstacksdk's order.
    pub fn search_dirs(&self) -> Vec<PathBuf> {
        let unix = cfg!(any(target_os = "linux", target_os = "freebsd"));
        let mut dirs = vec![self.cwd.clone()];
        if unix {
            let xdg = self
                .var("XDG_CONFIG_HOME")
                .map(PathBuf::from)
                .or_else(|| self.home.as_ref().map(|h| h.join(".config")));
            dirs.extend(xdg.map(|d| d.join("openstack")));
        } else {
            dirs.extend(dirs::config_dir().map(|d| d.join("openstack")));
        }
        let home = self
            .var("SNAP_REAL_HOME")
            .map(PathBuf::from)
            .or(self.home.clone());
        dirs.extend(home.map(|h| h.join(".config").join("openstack")));
        if unix {
            // platformdirs joins several XDG_CONFIG_DIRS entries into one (never existing)
            // path; only a single entry works, as in openstacksdk.
            let site = self.var("XDG_CONFIG_DIRS").unwrap_or("/etc/xdg");
            dirs.push(Path::new(site).join("openstack"));
        }
        dirs.push(PathBuf::from("/etc/openstack"));
        let mut unique: Vec<PathBuf> = Vec::new();
        for d in dirs {
            if !unique.contains(&d) {
                unique.push(d);
            }
        }
        unique
    }

    /// Candidate paths for one basename, with the override variable's file first.
    pub fn candidates(&self, basename: &str, override_var: Option<&str>) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = override_var
            .and_then(|v| self.var(v))
            .map(|p| self.cwd.join(p))
            .into_iter()
            .collect();
        for dir in self.search_dirs() {
            for ext in ["yaml", "yml", "json"] {
                paths.push(dir.join(format!("{basename}.{ext}")));
            }
        }
        paths
    }
}

/// A config file that was found and parsed.
#[derive(Debug, Clone)]
struct Loaded {
    path: PathBuf,
    doc: Dict,
}

/// YAML (1.1-ish, via serde_yaml) or JSON text → JSON value.
fn parse_file(path: &Path, text: &str) -> std::result::Result<Value, String> {
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str::<Value>(text).map_err(|e| e.to_string())
    }
}

/// The first readable, parsable file of `paths`; unparsable ones are skipped with a warning.
fn load_first(paths: &[PathBuf], warnings: &mut Vec<String>) -> Result<Option<Loaded>> {
    for path in paths {
        // Missing, unreadable or a directory: openstacksdk moves on to the next path.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let doc = match parse_file(path, &text) {
            Ok(doc) => doc,
            Err(e) => {
                warnings.push(format!("skipping config file {}: {e}", path.display()));
                continue;
            }
        };
        let doc = match doc {
            Value::Null => Dict::new(),
            Value::Object(doc) => doc,
            _ => {
                return Err(Error::config(
                    format!(
                        "configuration file {} is empty or not a valid mapping",
                        path.display()
                    ),
                    Some("the file must be a mapping with a top-level `clouds:` key".into()),
                ));
            }
        };
        return Ok(Some(Loaded {
            path: path.clone(),
            doc,
        }));
    }
    Ok(None)
}

/// Recursive merge; `over` wins on conflicts at any depth, lists are replaced.
fn deep_merge(base: &mut Dict, over: &Dict) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Object(b)), Value::Object(o)) => deep_merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The resolved configuration of one cloud: everything needed to connect.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudConfig {
    /// Cloud name (`envvars` when built from OS_* variables, `defaults` when nothing is set).
    pub name: String,
    /// The clouds.yaml that was used, if any.
    pub clouds_file: Option<PathBuf>,
    /// The secure.yaml that was merged in, if any.
    pub secure_file: Option<PathBuf>,
    /// Auth plugin: `password`, `v3password`, `token`, `v3token`, `v3applicationcredential`,
    /// `admin_token` or `none`.
    pub auth_type: String,
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
    /// Per-request timeout in seconds.
    pub api_timeout: Option<f64>,
    /// Keep tokens in the on-disk cache (top-level `cache: {auth: false}` turns it off).
    pub token_cache: bool,
    /// Non-fatal problems found on the way (skipped files, deprecated profiles), for stderr.
    pub warnings: Vec<String>,
}

impl CloudConfig {
    /// An auth option, if set and non-empty.
    pub fn auth_value(&self, key: &str) -> Option<&str> {
        self.auth
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Does this auth type send a password that may be prompted for?
    pub fn needs_password(&self) -> bool {
        matches!(self.auth_type.as_str(), "password" | "v3password")
            && self.auth_value("password").is_none()
    }
}

/// Variables that select a cloud rather than describe one (they do not create `envvars`).
const SELECTOR_VARS: [&str; 5] = [
    "OS_CLOUD",
    "OS_REGION_NAME",
    "OS_CLIENT_CONFIG_FILE",
    "OS_CLIENT_SECURE_FILE",
    "OS_CLOUD_NAME",
];

/// The `envvars` cloud: every OS_* variable (bar a few prefixes) as a top-level key.
fn env_cloud(env: &Env) -> Option<Dict> {
    let vars: Vec<(&String, &String)> = env
        .vars
        .iter()
        .filter(|(k, v)| {
            k.starts_with("OS_")
                && !v.is_empty()
                && !["OS_TEST", "OS_STD", "OS_LOG"]
                    .iter()
                    .any(|p| k.starts_with(p))
        })
        .collect();
    if vars
        .iter()
        .all(|(k, _)| SELECTOR_VARS.contains(&k.as_str()))
    {
        return None;
    }
    Some(
        vars.into_iter()
            .filter(|(k, _)| k.as_str() != "OS_CLOUD")
            .map(|(k, v)| (k["OS_".len()..].to_lowercase(), Value::String(v.clone())))
            .collect(),
    )
}

/// Resolves the cloud to use from files, environment and options.
pub fn resolve(env: &Env, opts: &ConnectionArgs) -> Result<CloudConfig> {
    let mut warnings = Vec::new();
    let clouds_paths = env.candidates("clouds", Some("OS_CLIENT_CONFIG_FILE"));
    let clouds = load_first(&clouds_paths, &mut warnings)?;
    let secure = load_first(
        &env.candidates("secure", Some("OS_CLIENT_SECURE_FILE")),
        &mut warnings,
    )?;
    let vendor = load_first(&env.candidates("clouds-public", None), &mut warnings)?;

    let mut doc = clouds.as_ref().map(|c| c.doc.clone()).unwrap_or_default();
    if let Some(secure) = &secure {
        deep_merge(&mut doc, &secure.doc);
    }
    let file_clouds = match doc.get("clouds") {
        Some(Value::Object(m)) => m.clone(),
        Some(Value::Null) | None => {
            if let Some(c) = clouds.as_ref().filter(|c| !c.doc.is_empty()) {
                warnings.push(format!(
                    "configuration file {} does not contain a 'clouds' key",
                    c.path.display()
                ));
            }
            Dict::new()
        }
        Some(_) => {
            return Err(Error::config(
                format!(
                    "`clouds` in {} is not a mapping of cloud names",
                    describe(clouds.as_ref())
                ),
                None,
            ));
        }
    };
    let names: Vec<String> = file_clouds.keys().cloned().collect();
    let env_name = env.var("OS_CLOUD_NAME").unwrap_or("envvars").to_owned();
    if names.contains(&env_name) {
        return Err(Error::config(
            format!(
                "{} defines a cloud named '{env_name}', but that name is reserved for the cloud \
                 made from OS_* variables",
                describe(clouds.as_ref())
            ),
            Some("rename that cloud, or set OS_CLOUD_NAME to another name".into()),
        ));
    }
    let from_env = env_cloud(env);

    let entry_of = |name: &str| -> Result<Dict> {
        match file_clouds.get(name) {
            Some(Value::Object(m)) => Ok(m.clone()),
            Some(Value::Null) => Ok(Dict::new()),
            _ => Err(Error::config(
                format!(
                    "cloud '{name}' in {} is not a mapping",
                    describe(clouds.as_ref())
                ),
                None,
            )),
        }
    };
    let requested = opts.os_cloud.as_deref().filter(|s| !s.is_empty());
    let (name, entry, from_file) = match (requested, &from_env) {
        (Some(name), Some(vars)) if name == env_name => (name.to_owned(), vars.clone(), false),
        (Some(name), _) if file_clouds.contains_key(name) => {
            (name.to_owned(), entry_of(name)?, true)
        }
        (Some(name), _) => return Err(unknown_cloud(name, &names, clouds.as_ref(), &clouds_paths)),
        (None, Some(vars)) => (env_name.clone(), vars.clone(), false),
        (None, None) if names.len() == 1 => (names[0].clone(), entry_of(&names[0])?, true),
        (None, None) if names.is_empty() => ("defaults".to_owned(), Dict::new(), false),
        // Several clouds and none named: an anonymous cloud of the options alone, which
        // only works when they carry the credentials (openstacksdk does the same).
        (None, None) => (String::new(), Dict::new(), false),
    };

    let token_cache = boolean(doc.get("cache").and_then(|c| c.get("auth"))).unwrap_or(true);
    let mut layers = Layers {
        top: defaults(),
        auth: Dict::new(),
    };
    if let Some(profile) = profile_of(&entry, &name, &env_name, clouds.as_ref(), &mut warnings)
        && let Some(values) = lookup_profile(&profile, &name, vendor.as_ref(), &mut warnings)?
    {
        layers.update(&values);
    }
    layers.update(&entry);
    layers.top.remove("profile");
    layers.top.remove("cloud");

    let region_name = select_region(&name, &mut layers, opts.os_region_name.as_deref())?;
    apply_options(&mut layers.top, opts);
    magic_fixes(&mut layers);
    if let Some(region) = &region_name {
        layers
            .top
            .insert("region_name".into(), Value::String(region.clone()));
    }

    let auth_type = auth_type_of(&layers.top)?;
    default_domain_hook(&mut layers, &auth_type, &opts.os_default_domain);
    let auth = plugin_options(&mut layers, &auth_type, &name)?;
    let config = &mut layers.top;
    format_placeholders(config)?;

    let no_config = clouds.is_none() && from_env.is_none() && name == "defaults";
    let clouds_for_errors = clouds.clone();
    let cloud = CloudConfig {
        clouds_file: clouds.filter(|_| from_file).map(|c| c.path),
        secure_file: secure.filter(|_| from_file).map(|s| s.path),
        auth_type,
        auth,
        region_name: region_name.filter(|r| !r.is_empty()),
        interface: string(config, "interface").unwrap_or_else(|| "public".into()),
        verify: !boolean(config.get("insecure")).unwrap_or(false)
            && boolean(config.get("verify")).unwrap_or(true),
        cacert: string(config, "cacert").map(|p| expand_home(&p, env)),
        cert: string(config, "cert").map(|p| expand_home(&p, env)),
        key: string(config, "key").map(|p| expand_home(&p, env)),
        compute_endpoint_override: string(config, "compute_endpoint_override")
            .or_else(|| string(config, "compute_endpoint")),
        compute_api_version: compute_api_version(config)?,
        api_timeout: config.get("api_timeout").and_then(|v| match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }),
        token_cache,
        warnings,
        name,
    };
    validate(&cloud).map_err(|e| match e {
        Error::Config { .. } if cloud.name.is_empty() => Error::config(
            format!(
                "no cloud selected and {} defines several: {}",
                describe(clouds_for_errors.as_ref()),
                names.join(", ")
            ),
            Some("choose one with --os-cloud or OS_CLOUD".into()),
        ),
        Error::Config { .. } if no_config => Error::config(
            "no clouds.yaml found and no OS_* credentials set",
            Some(format!(
                "searched {}; or set OS_CLIENT_CONFIG_FILE, or OS_AUTH_URL and friends",
                searched(&clouds_paths)
            )),
        ),
        other => other,
    })?;
    Ok(cloud)
}

/// openstacksdk's defaults (defaults.json) that matter here.
fn defaults() -> Dict {
    let mut d = Dict::new();
    d.insert("auth_type".into(), "password".into());
    d.insert("interface".into(), "public".into());
    d.insert("verify".into(), true.into());
    d.insert("identity_api_version".into(), "3".into());
    d
}

fn describe(file: Option<&Loaded>) -> String {
    file.map_or_else(
        || "the configuration".to_owned(),
        |f| f.path.display().to_string(),
    )
}

fn searched(paths: &[PathBuf]) -> String {
    let mut dirs: Vec<String> = Vec::new();
    for d in paths.iter().filter_map(|p| p.parent()) {
        let d = d.display().to_string();
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    format!("clouds.{{yaml,yml,json}} in {}", dirs.join(", "))
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

/// The cloud's `profile:` (or legacy `cloud:`) name, if any.
fn profile_of(
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

/// openstacksdk's built-in vendor profiles: nova-images does not bundle their data.
const BUILTIN_PROFILES: [&str; 25] = [
    "auro",
    "betacloud",
    "binero",
    "bluebox",
    "catalyst",
    "citycloud",
    "conoha",
    "dreamcompute",
    "elastx",
    "entercloudsuite",
    "fuga",
    "ibmcloud",
    "internap",
    "limestonenetworks",
    "otc",
    "otc-swiss",
    "ovh",
    "ovh-us",
    "rackspace",
    "switchcloud",
    "switchengines",
    "ultimum",
    "unitedstack",
    "vexxhost",
    "zetta",
];

/// The profile's values from clouds-public (`public-clouds:`), with its status handled.
fn lookup_profile(
    profile: &str,
    cloud: &str,
    vendor: Option<&Loaded>,
    warnings: &mut Vec<String>,
) -> Result<Option<Dict>> {
    let found = vendor
        .and_then(|v| v.doc.get("public-clouds"))
        .and_then(|p| p.get(profile))
        .and_then(Value::as_object);
    let Some(found) = found else {
        if BUILTIN_PROFILES.contains(&profile) {
            return Err(Error::config(
                format!(
                    "cloud '{cloud}' uses openstacksdk's built-in vendor profile '{profile}', \
                     which nova-images does not bundle"
                ),
                Some(format!(
                    "copy the profile into clouds-public.yaml under `public-clouds: {profile}:`, \
                     or put its auth_url and regions in the cloud entry"
                )),
            ));
        }
        if url::Url::parse(profile).is_ok_and(|u| u.has_host()) {
            return Err(Error::config(
                format!(
                    "cloud '{cloud}' uses the remote vendor profile {profile}, which nova-images \
                     does not fetch"
                ),
                Some("put the profile's values in clouds-public.yaml or the cloud entry".into()),
            ));
        }
        warnings.push(format!(
            "couldn't find the vendor profile '{profile}' for the cloud '{cloud}'"
        ));
        return Ok(None);
    };
    // A profile file may hold `{name, profile: {...}}` or the values directly.
    let values = found
        .get("profile")
        .and_then(Value::as_object)
        .unwrap_or(found)
        .clone();
    let message = values
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match values.get("status").and_then(Value::as_str) {
        Some("deprecated") => warnings.push(format!("{profile} is deprecated: {message}")),
        Some("shutdown") => {
            return Err(Error::config(
                format!("{profile} references a cloud that no longer exists: {message}"),
                Some(format!("cloud '{cloud}' needs another profile")),
            ));
        }
        _ => {}
    }
    let mut values = values;
    values.remove("status");
    values.remove("message");
    Ok(Some(values))
}

/// Known regions: `regions` (names or `{name, values}`), else `region_name` (CSV allowed).
fn known_regions(config: &Dict) -> Result<Vec<(String, Dict)>> {
    if let Some(Value::Array(items)) = config.get("regions") {
        return items
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
            .collect();
    }
    Ok(string(config, "region_name")
        .map(|r| {
            r.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| (s.to_owned(), Dict::new()))
                .collect()
        })
        .unwrap_or_default())
}

/// Picks the region (`--os-region-name` must be a known one) and applies its `values`.
fn select_region(name: &str, layers: &mut Layers, wanted: Option<&str>) -> Result<Option<String>> {
    let known = known_regions(&layers.top)?;
    layers.top.remove("regions");
    let wanted = wanted.filter(|w| !w.is_empty());
    let chosen = match (wanted, known.first()) {
        (None, None) => return Ok(None),
        (Some(w), None) => return Ok(Some(w.to_owned())),
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
    Ok(Some(chosen.0))
}

/// Options (already defaulted to their OS_* variables by clap) as top-level keys.
fn apply_options(config: &mut Dict, opts: &ConnectionArgs) {
    let pairs = [
        ("auth_type", &opts.os_auth_type),
        ("auth_url", &opts.os_auth_url),
        ("username", &opts.os_username),
        ("user_id", &opts.os_user_id),
        ("password", &opts.os_password),
        ("project_name", &opts.os_project_name),
        ("project_id", &opts.os_project_id),
        ("user_domain_name", &opts.os_user_domain_name),
        ("user_domain_id", &opts.os_user_domain_id),
        ("project_domain_name", &opts.os_project_domain_name),
        ("project_domain_id", &opts.os_project_domain_id),
        ("domain_name", &opts.os_domain_name),
        ("domain_id", &opts.os_domain_id),
        ("token", &opts.os_token),
        (
            "application_credential_id",
            &opts.os_application_credential_id,
        ),
        (
            "application_credential_name",
            &opts.os_application_credential_name,
        ),
        (
            "application_credential_secret",
            &opts.os_application_credential_secret,
        ),
        ("interface", &opts.os_interface),
        ("endpoint", &opts.os_endpoint),
        ("compute_api_version", &opts.os_compute_api_version),
        ("cacert", &opts.os_cacert),
        ("cert", &opts.os_cert),
        ("key", &opts.os_key),
    ];
    for (key, value) in pairs {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            config.insert(key.to_owned(), Value::String(v.to_owned()));
        }
    }
    // --os-endpoint is the compute endpoint for every auth type (admin_token/none use it as
    // their endpoint too).
    if let Some(endpoint) = opts.os_endpoint.as_deref().filter(|v| !v.is_empty()) {
        config.insert("compute_endpoint_override".into(), endpoint.into());
    }
    if opts.insecure {
        config.insert("insecure".into(), true.into());
    }
    if let Some(t) = opts.timeout.and_then(serde_json::Number::from_f64) {
        config.insert("api_timeout".into(), Value::Number(t));
    }
    // The OSC CLI picks admin_token when both an endpoint and a token are given.
    if opts.os_auth_type.is_none() && opts.os_endpoint.is_some() && opts.os_token.is_some() {
        config.insert("auth_type".into(), "admin_token".into());
    }
}

/// Aliases folded into one auth key, in openstacksdk's order (later candidates win).
const AUTH_ALIASES: [(&str, &[&str]); 9] = [
    ("domain_id", &["domain_id", "domain-id"]),
    ("domain_name", &["domain_name", "domain-name"]),
    ("user_domain_id", &["user_domain_id", "user-domain-id"]),
    (
        "user_domain_name",
        &["user_domain_name", "user-domain-name"],
    ),
    (
        "project_domain_id",
        &["project_domain_id", "project-domain-id"],
    ),
    (
        "project_domain_name",
        &["project_domain_name", "project-domain-name"],
    ),
    ("token", &["auth-token", "auth_token", "token"]),
    (
        "project_id",
        &["tenant_id", "tenant-id", "project_id", "project-id"],
    ),
    (
        "project_name",
        &["tenant_name", "tenant-name", "project_name", "project-name"],
    ),
];

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false)) && v.as_str() != Some("")
}

/// openstacksdk's `magic_fixes`, then key normalisation.
fn magic_fixes(layers: &mut Layers) {
    normalise_keys(&mut layers.top);
    normalise_keys(&mut layers.auth);
    let Layers { top: config, auth } = layers;
    // (a) any *_timeout other than api_timeout becomes api_timeout.
    let timeouts: Vec<String> = config
        .keys()
        .filter(|k| k.ends_with("timeout") && *k != "timeout" && *k != "api_timeout")
        .cloned()
        .collect();
    for k in timeouts {
        if let Some(v) = config.remove(&k) {
            config.insert("api_timeout".into(), v);
        }
    }
    if let Some(v) = config.remove("timeout") {
        config.entry("api_timeout").or_insert(v);
    }
    // (b) auth_plugin → auth_type.
    if let Some(plugin) = config.remove("auth_plugin")
        && !config.get("auth_type").is_some_and(truthy)
    {
        config.insert("auth_type".into(), plugin);
    }
    // (c) aliases: a later candidate wins; a top-level value beats `auth:`.
    for (target, candidates) in AUTH_ALIASES {
        let mut winner = None;
        for c in candidates {
            let top = config.remove(*c).filter(truthy);
            let inner = auth.remove(*c).filter(truthy);
            if let Some(v) = top.or(inner) {
                winner = Some(v);
            }
        }
        if let Some(v) = winner {
            auth.insert(target.to_owned(), Value::String(scalar_string(&v)));
        }
    }
    // (d) *endpoint_type → interface.
    let endpoint_types: Vec<String> = config
        .keys()
        .filter(|k| k.ends_with("endpoint_type"))
        .cloned()
        .collect();
    for k in endpoint_types {
        if let Some(v) = config.remove(&k) {
            let new = format!("{}interface", &k[..k.len() - "endpoint_type".len()]);
            config.insert(new, v);
        }
    }
    // (e) domain_* fans out to user and project when project-scoped, else is the scope.
    let project_scoped = auth.contains_key("project_id") || auth.contains_key("project_name");
    if project_scoped {
        for (from, to) in [
            ("domain_id", ["user_domain_id", "project_domain_id"]),
            ("domain_name", ["user_domain_name", "project_domain_name"]),
        ] {
            if let Some(v) = auth.remove(from) {
                for key in to {
                    auth.entry(key.to_owned()).or_insert_with(|| v.clone());
                }
            }
        }
    }
    // (g) auth_url may use {placeholders} of the config.
    if let Some(Value::String(url)) = auth.get_mut("auth_url")
        && let Ok(formatted) = format_string(url, config)
    {
        *url = formatted;
    }
}

/// `-` → `_` in keys, recursively; numbers become strings except `api_timeout`.
fn normalise_keys(dict: &mut Dict) {
    let old = std::mem::take(dict);
    for (k, v) in old {
        let k = k.replace('-', "_");
        let v = match v {
            Value::Object(mut inner) => {
                normalise_keys(&mut inner);
                Value::Object(inner)
            }
            Value::Number(n) if k != "api_timeout" => Value::String(n.to_string()),
            other => other,
        };
        dict.insert(k, v);
    }
}

fn scalar_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn string(config: &Dict, key: &str) -> Option<String> {
    config.get(key).filter(|v| truthy(v)).map(scalar_string)
}

/// YAML 1.1 booleans (`yes`, `on`, ...) as PyYAML reads them, for the bool keys.
fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "y" => Some(true),
            "false" | "no" | "off" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn expand_home(path: &str, env: &Env) -> PathBuf {
    match (path.strip_prefix("~/"), &env.home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if path == "~" => env.home.clone().unwrap_or_else(|| PathBuf::from(path)),
        _ => PathBuf::from(path),
    }
}

/// The auth type, with keystoneauth's spellings folded.
fn auth_type_of(config: &Dict) -> Result<String> {
    let raw = match config.get("auth_type") {
        None | Some(Value::Null) => "none".to_owned(),
        Some(v) => scalar_string(v),
    };
    let folded = match raw.as_str() {
        "" | "None" | "none" | "noauth" => "none",
        "token_endpoint" | "admin_token" => "admin_token",
        other => other,
    };
    if PLUGINS.iter().any(|(name, _)| *name == folded) {
        Ok(folded.to_owned())
    } else {
        Err(Error::config(
            format!("the auth plugin {raw} could not be found"),
            Some(format!(
                "nova-images supports auth_type {}",
                PLUGINS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ))
    }
}

/// The v3 scope options shared by every identity plugin (keystoneauth's C3 set).
const SCOPE: [&str; 9] = [
    "auth_url",
    "system_scope",
    "domain_id",
    "domain_name",
    "project_id",
    "project_name",
    "project_domain_id",
    "project_domain_name",
    "trust_id",
];

/// Supported auth plugins and their options beyond the scope set (none for endpoint ones).
const PLUGINS: [(&str, &[&str]); 7] = [
    (
        "password",
        &[
            "user_id",
            "username",
            "user_domain_id",
            "user_domain_name",
            "password",
            "default_domain_id",
            "default_domain_name",
        ],
    ),
    (
        "v3password",
        &[
            "user_id",
            "username",
            "user_domain_id",
            "user_domain_name",
            "password",
        ],
    ),
    (
        "token",
        &["token", "default_domain_id", "default_domain_name"],
    ),
    ("v3token", &["token"]),
    (
        "v3applicationcredential",
        &[
            "user_id",
            "username",
            "user_domain_id",
            "user_domain_name",
            "application_credential_secret",
            "application_credential_id",
            "application_credential_name",
        ],
    ),
    ("admin_token", &["endpoint", "token"]),
    ("none", &["endpoint"]),
];

fn plugin_option_names(auth_type: &str) -> Vec<&'static str> {
    let own = PLUGINS
        .iter()
        .find(|(n, _)| *n == auth_type)
        .map(|(_, o)| *o)
        .unwrap_or_default();
    let scope: &[&str] = if matches!(auth_type, "admin_token" | "none") {
        &[]
    } else {
        &SCOPE
    };
    scope.iter().chain(own).copied().collect()
}

/// osc-lib's `_auth_default_domain`: fill the default domain for the password plugins.
fn default_domain_hook(layers: &mut Layers, auth_type: &str, default_domain: &str) {
    let v3 = string(&layers.top, "identity_api_version")
        .is_some_and(|v| v == "3" || v.starts_with("3."));
    if !v3 || !matches!(auth_type, "password" | "v3password") {
        return;
    }
    let domain = if default_domain.is_empty() {
        "default"
    } else {
        default_domain
    };
    let present = |layers: &Layers, key: &str| {
        layers.top.get(key).is_some_and(truthy) || layers.auth.get(key).is_some_and(truthy)
    };
    for (id, name) in [
        ("project_domain_id", "project_domain_name"),
        ("user_domain_id", "user_domain_name"),
    ] {
        if !present(layers, id) && !present(layers, name) {
            layers.auth.insert(id.to_owned(), domain.into());
        }
    }
}

/// The plugin option pass (CLI flavour: top level beats `auth:`), then leftover checks.
fn plugin_options(
    layers: &mut Layers,
    auth_type: &str,
    cloud: &str,
) -> Result<BTreeMap<String, String>> {
    let mut auth = BTreeMap::new();
    for option in plugin_option_names(auth_type) {
        let top = layers.top.remove(option).filter(truthy);
        let inner = layers.auth.remove(option).filter(truthy);
        if let Some(v) = top.or(inner) {
            auth.insert(option.to_owned(), scalar_string(&v));
        }
    }
    if let Some(unknown) = layers.auth.keys().next() {
        return Err(Error::config(
            format!(
                "cloud '{cloud}': auth option '{unknown}' is not valid for auth type {auth_type}"
            ),
            Some(format!(
                "valid options: {}",
                plugin_option_names(auth_type).join(", ")
            )),
        ));
    }
    Ok(auth)
}

/// `str.format(**config)` on every top-level string value except `password`.
fn format_placeholders(config: &mut Dict) -> Result<()> {
    let snapshot = config.clone();
    for (key, value) in config.iter_mut() {
        if let Value::String(s) = value
            && key != "password"
            && s.contains(['{', '}'])
        {
            *s = format_string(s, &snapshot).map_err(|missing| {
                Error::config(
                    format!("{key} {s:?} refers to an unknown setting {{{missing}}}"),
                    Some("write a literal brace as {{ or }}".into()),
                )
            })?;
        }
    }
    Ok(())
}

/// Python's `str.format` with named fields only; `Err` names the unknown (or broken) field.
fn format_string(template: &str, values: &Dict) -> std::result::Result<String, String> {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let field: String = chars.by_ref().take_while(|&c| c != '}').collect();
                match values.get(&field).filter(|v| !v.is_object()) {
                    Some(v) => out.push_str(&scalar_string(v)),
                    None => return Err(field),
                }
            }
            '}' => return Err("}".into()),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `compute_api_version`: 2.1 to 2.35 (the images API is gone from 2.36).
fn compute_api_version(config: &Dict) -> Result<String> {
    let Some(raw) = string(config, "compute_api_version") else {
        return Ok(crate::client::MICROVERSION.to_owned());
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

/// Required options and keystoneauth's v3 rules, naming the key and where to set it.
fn validate(cloud: &CloudConfig) -> Result<()> {
    let has = |k: &str| cloud.auth_value(k).is_some();
    let file = cloud
        .clouds_file
        .as_ref()
        .map_or("clouds.yaml".to_owned(), |p| p.display().to_string());
    let missing = |what: &str, how: &str| {
        Error::config(
            format!(
                "cloud '{}' has no {what} (auth type {})",
                cloud.name, cloud.auth_type
            ),
            Some(format!("{how}, or set it for this cloud in {file}")),
        )
    };
    match cloud.auth_type.as_str() {
        "admin_token" | "none" => {
            if !has("endpoint") && cloud.compute_endpoint_override.is_none() {
                return Err(missing(
                    "endpoint",
                    "set one with --os-endpoint or OS_ENDPOINT",
                ));
            }
            if cloud.auth_type == "admin_token" && !has("token") {
                return Err(missing("token", "set one with --os-token or OS_TOKEN"));
            }
            return Ok(());
        }
        _ if !has("auth_url") => {
            return Err(missing(
                "auth_url",
                "set one with --os-auth-url or OS_AUTH_URL",
            ));
        }
        "password" | "v3password" if !has("username") && !has("user_id") => {
            return Err(missing(
                "username",
                "set a username with --os-username or OS_USERNAME, or a user ID with \
                 --os-user-id or OS_USER_ID",
            ));
        }
        "token" | "v3token" if !has("token") => {
            return Err(missing("token", "set one with --os-token or OS_TOKEN"));
        }
        "v3applicationcredential" => {
            if !has("application_credential_secret") {
                return Err(missing(
                    "application_credential_secret",
                    "set one with --os-application-credential-secret or \
                     OS_APPLICATION_CREDENTIAL_SECRET",
                ));
            }
            let by_name = has("application_credential_name") && (has("user_id") || has("username"));
            if !has("application_credential_id") && !by_name {
                return Err(Error::config(
                    format!(
                        "cloud '{}': you must provide either an application credential ID or an \
                         application credential name and user",
                        cloud.name
                    ),
                    Some(
                        "set --os-application-credential-id, or \
                          --os-application-credential-name with --os-username"
                            .into(),
                    ),
                ));
            }
        }
        _ => {}
    }
    let v3 = cloud.auth_type.starts_with("v3");
    if v3 && has("username") && !has("user_domain_id") && !has("user_domain_name") {
        return Err(Error::config(
            format!(
                "cloud '{}': you have provided a username; in the V3 identity API a username is \
                 only unique within a domain so you must also provide either a user_domain_id \
                 or user_domain_name",
                cloud.name
            ),
            Some(
                "set --os-user-domain-name (e.g. Default) or user_domain_name in clouds.yaml"
                    .into(),
            ),
        ));
    }
    if v3 && has("project_name") && !has("project_domain_id") && !has("project_domain_name") {
        return Err(Error::config(
            format!(
                "cloud '{}': you have provided a project_name; in the V3 identity API a \
                 project_name is only unique within a domain so you must also provide either a \
                 project_domain_id or project_domain_name",
                cloud.name
            ),
            Some("set --os-project-domain-name (e.g. Default) or project_domain_name".into()),
        ));
    }
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

/// Every cloud name known from the files (and `envvars` when OS_* variables make one), with
/// the file it came from.
pub fn list_clouds(env: &Env) -> Result<Vec<(String, Option<PathBuf>)>> {
    let mut warnings = Vec::new();
    let clouds = load_first(
        &env.candidates("clouds", Some("OS_CLIENT_CONFIG_FILE")),
        &mut warnings,
    )?;
    let secure = load_first(
        &env.candidates("secure", Some("OS_CLIENT_SECURE_FILE")),
        &mut warnings,
    )?;
    let mut out: Vec<(String, Option<PathBuf>)> = Vec::new();
    for file in [&clouds, &secure].into_iter().flatten() {
        if let Some(Value::Object(m)) = file.doc.get("clouds") {
            for name in m.keys() {
                if !out.iter().any(|(n, _)| n == name) {
                    out.push((name.clone(), Some(file.path.clone())));
                }
            }
        }
    }
    if env_cloud(env).is_some() {
        out.push((
            env.var("OS_CLOUD_NAME").unwrap_or("envvars").to_owned(),
            None,
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
