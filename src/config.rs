//! Finding clouds.yaml and resolving one cloud, the way the `openstack` CLI does.
//!
//! [`resolve`] is a pure function of the process environment ([`Env`]: variables, cwd, home)
//! and the connection options; it reads files but never the real environment, so tests can
//! drive it in full. The rules and their sources are in README.md "Configuration".

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::cli::ConnectionArgs;
use crate::error::{Error, Result};

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

    /// Directories searched for clouds.yaml / secure.yaml, in openstacksdk's order.
    pub fn search_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.cwd.clone()];
        let home = self
            .var("SNAP_REAL_HOME")
            .map(PathBuf::from)
            .or(self.home.clone());
        if cfg!(target_os = "linux") || cfg!(target_os = "freebsd") {
            let xdg = self
                .var("XDG_CONFIG_HOME")
                .map(PathBuf::from)
                .or_else(|| self.home.as_ref().map(|h| h.join(".config")));
            dirs.extend(xdg.map(|d| d.join("openstack")));
        } else {
            dirs.extend(dirs::config_dir().map(|d| d.join("openstack")));
        }
        dirs.extend(home.map(|h| h.join(".config").join("openstack")));
        if cfg!(target_os = "linux") || cfg!(target_os = "freebsd") {
            // platformdirs joins several XDG_CONFIG_DIRS entries into one (never existing)
            // path; only a single entry works, as in openstacksdk.
            let site = self.var("XDG_CONFIG_DIRS").unwrap_or("/etc/xdg");
            dirs.push(Path::new(site).join("openstack"));
        }
        dirs.push(PathBuf::from("/etc/openstack"));
        let mut seen = Vec::new();
        dirs.retain(|d| {
            let new = !seen.contains(d);
            seen.push(d.clone());
            new
        });
        dirs
    }
}

/// Candidate paths for one basename (`clouds`, `secure`), with the env override first.
fn candidates(env: &Env, basename: &str, override_var: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = env
        .var(override_var)
        .map(|p| env.cwd.join(p))
        .into_iter()
        .collect();
    for dir in env.search_dirs() {
        for ext in ["yaml", "yml", "json"] {
            paths.push(dir.join(format!("{basename}.{ext}")));
        }
    }
    paths
}

/// A config file that was found and parsed.
#[derive(Debug)]
struct Loaded {
    path: PathBuf,
    doc: Mapping,
}

/// First readable, parsable file of `paths`; unparsable ones are skipped with a warning.
fn load_first(paths: &[PathBuf], warnings: &mut Vec<String>) -> Result<Option<Loaded>> {
    for path in paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let parsed: std::result::Result<Value, String> =
            if path.extension().is_some_and(|e| e == "json") {
                serde_json::from_str(&text).map_err(|e| e.to_string())
            } else {
                serde_yaml::from_str(&text).map_err(|e| e.to_string())
            };
        let doc = match parsed {
            Ok(doc) => doc,
            Err(e) => {
                warnings.push(format!("skipping config file {}: {e}", path.display()));
                continue;
            }
        };
        return match doc {
            Value::Null => Ok(Some(Loaded {
                path: path.clone(),
                doc: Mapping::new(),
            })),
            Value::Mapping(doc) => Ok(Some(Loaded {
                path: path.clone(),
                doc,
            })),
            _ => Err(Error::config(
                format!(
                    "configuration file {} is empty or not a valid mapping",
                    path.display()
                ),
                Some("clouds.yaml must be a mapping with a top-level `clouds:` key".into()),
            )),
        };
    }
    Ok(None)
}

/// Recursive merge; `over` wins on conflicts, lists are replaced.
fn deep_merge(base: &mut Mapping, over: &Mapping) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Mapping(b)), Value::Mapping(o)) => deep_merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The resolved configuration of one cloud: everything needed to authenticate.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudConfig {
    /// Cloud name (`envvars` when built from OS_* variables, `defaults` when nothing is set).
    pub name: String,
    /// The clouds.yaml that was used, if any.
    pub clouds_file: Option<PathBuf>,
    /// The secure.yaml that was merged in, if any.
    pub secure_file: Option<PathBuf>,
    /// Auth plugin (`password` or `v3password`).
    pub auth_type: String,
    /// Auth options (`auth_url`, `username`, `password`, `project_name`, ...), as strings.
    pub auth: BTreeMap<String, String>,
    /// Region of the compute endpoint; `None` accepts any.
    pub region_name: Option<String>,
    /// Catalog interface: `public` (default), `internal` or `admin`.
    pub interface: String,
    /// Verify TLS certificates.
    pub verify: bool,
    /// Extra CA bundle.
    pub cacert: Option<PathBuf>,
    /// Non-fatal problems found on the way (skipped files...), for stderr.
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
}

/// Variables that select a cloud rather than describe one (they do not create `envvars`).
const SELECTOR_VARS: [&str; 5] = [
    "OS_CLOUD",
    "OS_REGION_NAME",
    "OS_CLIENT_CONFIG_FILE",
    "OS_CLIENT_SECURE_FILE",
    "OS_CLOUD_NAME",
];

fn has_env_cloud(env: &Env) -> bool {
    env.vars.iter().any(|(k, v)| {
        k.starts_with("OS_")
            && !v.is_empty()
            && !["OS_TEST", "OS_STD", "OS_LOG"]
                .iter()
                .any(|p| k.starts_with(p))
            && !SELECTOR_VARS.contains(&k.as_str())
    })
}

/// YAML scalar → string, as openstacksdk's normalisation does (numbers become strings).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// YAML 1.1 booleans (`yes`, `on`, ...) as PyYAML reads them, for the bool keys.
fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "y" => Some(true),
            "false" | "no" | "off" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Aliases folded into one auth key, in openstacksdk's order (later candidates win).
const AUTH_ALIASES: [(&str, &[&str]); 8] = [
    ("project_id", &["tenant_id", "project_id"]),
    ("project_name", &["tenant_name", "project_name"]),
    ("domain_id", &["domain_id"]),
    ("domain_name", &["domain_name"]),
    ("user_domain_id", &["user_domain_id"]),
    ("user_domain_name", &["user_domain_name"]),
    ("project_domain_id", &["project_domain_id"]),
    ("project_domain_name", &["project_domain_name"]),
];

/// Auth options read from the top level of a cloud entry as well as from `auth:`.
const AUTH_KEYS: [&str; 4] = ["auth_url", "username", "user_id", "password"];

/// Resolves the cloud to use from files, environment and options.
pub fn resolve(env: &Env, opts: &ConnectionArgs) -> Result<CloudConfig> {
    let mut warnings = Vec::new();
    let clouds_paths = candidates(env, "clouds", "OS_CLIENT_CONFIG_FILE");
    let clouds = load_first(&clouds_paths, &mut warnings)?;
    let secure = load_first(
        &candidates(env, "secure", "OS_CLIENT_SECURE_FILE"),
        &mut warnings,
    )?;

    let mut doc = clouds.as_ref().map(|c| c.doc.clone()).unwrap_or_default();
    if let Some(secure) = &secure {
        deep_merge(&mut doc, &secure.doc);
    }
    let file_clouds: Mapping = match doc.get("clouds") {
        Some(Value::Mapping(m)) => m.clone(),
        Some(Value::Null) | None => {
            if let Some(c) = clouds.as_ref().filter(|c| !c.doc.is_empty()) {
                warnings.push(format!(
                    "configuration file {} does not contain a 'clouds' key",
                    c.path.display()
                ));
            }
            Mapping::new()
        }
        Some(_) => {
            return Err(Error::config(
                format!(
                    "`clouds` in {} is not a mapping of cloud names",
                    describe_file(clouds.as_ref())
                ),
                None,
            ));
        }
    };
    let names: Vec<String> = file_clouds.keys().filter_map(scalar).collect();
    let env_cloud_name = env.var("OS_CLOUD_NAME").unwrap_or("envvars").to_owned();
    if names.contains(&env_cloud_name) {
        return Err(Error::config(
            format!(
                "{} defines a cloud named '{env_cloud_name}', a name reserved for the cloud \
                 made from OS_* variables",
                describe_file(clouds.as_ref())
            ),
            Some("rename that cloud, or set OS_CLOUD_NAME to another name".into()),
        ));
    }
    let env_cloud = has_env_cloud(env);

    let requested = opts.os_cloud.as_deref().filter(|s| !s.is_empty());
    let (name, entry) = match requested {
        Some(name) if name == env_cloud_name && env_cloud => (name.to_owned(), Mapping::new()),
        Some(name) => match file_clouds.get(name) {
            Some(Value::Mapping(m)) => (name.to_owned(), m.clone()),
            Some(_) => {
                return Err(Error::config(
                    format!(
                        "cloud '{name}' in {} is not a mapping",
                        describe_file(clouds.as_ref())
                    ),
                    None,
                ));
            }
            None => return Err(unknown_cloud(name, &names, clouds.as_ref(), &clouds_paths)),
        },
        None if env_cloud => (env_cloud_name, Mapping::new()),
        None if names.len() == 1 => match file_clouds.values().next() {
            Some(Value::Mapping(m)) => (names[0].clone(), m.clone()),
            _ => {
                return Err(Error::config(
                    format!(
                        "cloud '{}' in {} is not a mapping",
                        names[0],
                        describe_file(clouds.as_ref())
                    ),
                    None,
                ));
            }
        },
        None if names.is_empty() => {
            return Err(match &clouds {
                None => Error::config(
                    "no clouds.yaml found and no OS_* credentials set",
                    Some(format!(
                        "searched {}; or set OS_CLIENT_CONFIG_FILE",
                        searched(&clouds_paths)
                    )),
                ),
                Some(c) => Error::config(
                    format!("{} defines no clouds", c.path.display()),
                    Some("add a cloud under `clouds:`".into()),
                ),
            });
        }
        None => {
            return Err(Error::config(
                format!(
                    "no cloud selected and {} defines several: {}",
                    describe_file(clouds.as_ref()),
                    names.join(", ")
                ),
                Some("choose one with --os-cloud or OS_CLOUD".into()),
            ));
        }
    };

    let from_file = !entry.is_empty();
    let mut cloud = build(&name, &entry, opts)?;
    cloud.clouds_file = clouds.filter(|_| from_file).map(|c| c.path);
    cloud.secure_file = secure.filter(|_| from_file).map(|s| s.path);
    cloud.warnings = warnings;
    validate(&cloud)?;
    Ok(cloud)
}

fn describe_file(file: Option<&Loaded>) -> String {
    file.map_or_else(
        || "the configuration".to_owned(),
        |f| f.path.display().to_string(),
    )
}

fn searched(paths: &[PathBuf]) -> String {
    let dirs: Vec<String> = paths
        .iter()
        .filter_map(|p| p.parent())
        .map(|p| p.display().to_string())
        .fold(Vec::new(), |mut acc, d| {
            if !acc.contains(&d) {
                acc.push(d);
            }
            acc
        });
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

/// Layers the cloud entry, its region values and the options into a [`CloudConfig`].
fn build(name: &str, entry: &Mapping, opts: &ConnectionArgs) -> Result<CloudConfig> {
    let get = |m: &Mapping, k: &str| m.get(k).and_then(scalar).filter(|s| !s.is_empty());
    let auth_map = match entry.get("auth") {
        Some(Value::Mapping(m)) => m.clone(),
        _ => Mapping::new(),
    };
    let mut auth = BTreeMap::new();
    // Everything in `auth:` first, then top-level spellings (the CLI lets them win).
    for (k, v) in &auth_map {
        if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
            auth.insert(k.replace('-', "_"), v);
        }
    }
    for key in AUTH_KEYS {
        if let Some(v) = get(entry, key) {
            auth.insert(key.to_owned(), v);
        }
    }
    for (target, aliases) in AUTH_ALIASES {
        let mut winner = None;
        for alias in aliases {
            if let Some(v) = get(&auth_map, alias).or_else(|| get(entry, alias)) {
                winner = Some(v);
            }
            if *alias != target {
                auth.remove(*alias);
            }
        }
        if let Some(v) = winner {
            auth.insert(target.to_owned(), v);
        }
    }

    // Options (each already defaulted to its OS_* variable by clap) beat the file.
    let overrides = [
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
    ];
    for (key, value) in overrides {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            auth.insert(key.to_owned(), v.to_owned());
        }
    }

    // domain_* applies to both user and project when the cloud is project-scoped.
    if auth.contains_key("project_id") || auth.contains_key("project_name") {
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

    let auth_type = get(entry, "auth_type")
        .or_else(|| get(entry, "auth_plugin"))
        .unwrap_or_else(|| "password".to_owned());

    // The `openstack` CLI fills the default domain for the v3 password plugins.
    if matches!(auth_type.as_str(), "password" | "v3password") {
        if !auth.contains_key("user_domain_id") && !auth.contains_key("user_domain_name") {
            auth.insert("user_domain_id".into(), "default".into());
        }
        let scoped = auth.contains_key("project_name");
        if scoped
            && !auth.contains_key("project_domain_id")
            && !auth.contains_key("project_domain_name")
        {
            auth.insert("project_domain_id".into(), "default".into());
        }
    }

    let region_name = opts
        .os_region_name
        .clone()
        .filter(|s| !s.is_empty())
        .or(known_regions(entry)?.and_then(|r| r.into_iter().next()));
    if let (Some(wanted), Some(known)) = (&opts.os_region_name, known_regions(entry)?)
        && !wanted.is_empty()
        && !known.contains(wanted)
    {
        return Err(Error::config(
            format!(
                "region {wanted} is not a valid region name for cloud {name}; valid choices \
                 are {} (region names are case sensitive)",
                known.join(", ")
            ),
            None,
        ));
    }

    let interface = opts
        .os_interface
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| get(entry, "interface"))
        .or_else(|| get(entry, "endpoint_type"))
        .unwrap_or_else(|| "public".to_owned());
    let interface = interface
        .strip_suffix("URL")
        .unwrap_or(&interface)
        .to_owned();

    let insecure = opts.insecure || entry.get("insecure").and_then(boolean) == Some(true);
    let verify = !insecure && entry.get("verify").and_then(boolean).unwrap_or(true);
    let cacert = opts
        .os_cacert
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| get(entry, "cacert"))
        .map(PathBuf::from);

    Ok(CloudConfig {
        name: name.to_owned(),
        clouds_file: None,
        secure_file: None,
        auth_type,
        auth,
        region_name,
        interface,
        verify,
        cacert,
        warnings: Vec::new(),
    })
}

/// The cloud's known regions (`regions` list of names or `{name, values}`, or `region_name`).
fn known_regions(entry: &Mapping) -> Result<Option<Vec<String>>> {
    match entry.get("regions") {
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|item| match item {
                Value::Mapping(m) => match m.get("name").and_then(scalar) {
                    Some(n) if m.keys().all(|k| k == "name" || k == "values") => Ok(n),
                    _ => Err(Error::config(
                        format!("invalid region entry at: {}", yaml_inline(item)),
                        Some("a region is a name, or a mapping with `name` and `values`".into()),
                    )),
                },
                other => scalar(other).ok_or_else(|| {
                    Error::config(
                        format!("invalid region entry at: {}", yaml_inline(other)),
                        None,
                    )
                }),
            })
            .collect::<Result<Vec<_>>>()
            .map(Some),
        _ => Ok(entry.get("region_name").and_then(scalar).map(|r| {
            r.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })),
    }
}

fn yaml_inline(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Checks what Keystone password auth needs, naming the key and where to set it.
fn validate(cloud: &CloudConfig) -> Result<()> {
    if !matches!(cloud.auth_type.as_str(), "password" | "v3password") {
        return Err(Error::config(
            format!(
                "auth type '{}' of cloud '{}' is not supported",
                cloud.auth_type, cloud.name
            ),
            Some("nova-images supports password and v3password".into()),
        ));
    }
    let missing = |key: &str, flag: &str, var: &str| {
        Error::config(
            format!("cloud '{}' has no {key}", cloud.name),
            Some(format!(
                "set auth.{key} for this cloud in {}, or use --{flag} / {var}",
                cloud
                    .clouds_file
                    .as_ref()
                    .map_or("clouds.yaml".to_owned(), |p| p.display().to_string())
            )),
        )
    };
    if cloud.auth_value("auth_url").is_none() {
        return Err(missing("auth_url", "os-auth-url", "OS_AUTH_URL"));
    }
    if cloud.auth_value("username").is_none() && cloud.auth_value("user_id").is_none() {
        return Err(missing("username", "os-username", "OS_USERNAME"));
    }
    if cloud.auth_value("password").is_none() {
        return Err(missing("password", "os-password", "OS_PASSWORD"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    struct Fixture {
        dir: tempfile::TempDir,
        env: Env,
    }

    fn fixture(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let env = Env {
            vars: BTreeMap::new(),
            cwd: dir.path().join("cwd"),
            home: Some(dir.path().join("home")),
        };
        Fixture { dir, env }
    }

    const ONE: &str = "clouds:\n  dev:\n    auth:\n      auth_url: http://k/v3\n      username: u\n      password: p\n      project_name: demo\n    region_name: R1\n";

    #[test]
    fn the_only_cloud_is_selected_from_the_cwd() {
        let f = fixture(&[("cwd/clouds.yaml", ONE)]);
        let c = resolve(&f.env, &ConnectionArgs::default()).unwrap();
        assert_eq!(c.name, "dev");
        assert_eq!(c.region_name.as_deref(), Some("R1"));
        assert_eq!(c.auth_value("user_domain_id"), Some("default"));
        assert_eq!(c.auth_value("project_domain_id"), Some("default"));
        assert_eq!(c.clouds_file, Some(f.dir.path().join("cwd/clouds.yaml")));
    }

    #[test]
    fn cwd_wins_over_xdg_and_the_env_file_over_both() {
        let f = fixture(&[
            ("cwd/clouds.yml", ONE),
            ("home/.config/openstack/clouds.yaml", "clouds: {}"),
            ("elsewhere.yaml", &ONE.replace("dev", "env")),
        ]);
        assert_eq!(
            resolve(&f.env, &ConnectionArgs::default()).unwrap().name,
            "dev"
        );
        let mut env = f.env.clone();
        env.vars.insert(
            "OS_CLIENT_CONFIG_FILE".into(),
            f.dir.path().join("elsewhere.yaml").display().to_string(),
        );
        assert_eq!(
            resolve(&env, &ConnectionArgs::default()).unwrap().name,
            "env"
        );
    }

    #[test]
    fn secure_yaml_is_merged_over_clouds_yaml() {
        let f = fixture(&[
            (
                "cwd/clouds.yaml",
                &ONE.replace("password: p", "password: old"),
            ),
            (
                "home/.config/openstack/secure.yaml",
                "clouds:\n  dev:\n    auth:\n      password: new\n",
            ),
        ]);
        let c = resolve(&f.env, &ConnectionArgs::default()).unwrap();
        assert_eq!(c.auth_value("password"), Some("new"));
        assert_eq!(c.auth_value("username"), Some("u"));
    }

    #[test]
    fn unknown_cloud_lists_the_known_ones() {
        let f = fixture(&[("cwd/clouds.yaml", ONE)]);
        let opts = ConnectionArgs {
            os_cloud: Some("prod".into()),
            ..Default::default()
        };
        let err = resolve(&f.env, &opts).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert!(err.to_string().starts_with("cloud 'prod' was not found in"));
        assert_eq!(err.hint().as_deref(), Some("known clouds: dev"));
    }

    #[test]
    fn no_file_lists_the_searched_directories() {
        let f = fixture(&[]);
        let err = resolve(&f.env, &ConnectionArgs::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no clouds.yaml found and no OS_* credentials set"
        );
        let hint = err.hint().unwrap();
        assert!(hint.contains(&f.env.cwd.display().to_string()), "{hint}");
        assert!(hint.contains("/etc/openstack"), "{hint}");
    }

    #[test]
    fn invalid_yaml_is_skipped_with_a_warning_naming_line_and_column() {
        let f = fixture(&[
            ("cwd/clouds.yaml", "clouds:\n  dev: [\n"),
            ("home/.config/openstack/clouds.yaml", ONE),
        ]);
        let c = resolve(&f.env, &ConnectionArgs::default()).unwrap();
        assert_eq!(c.name, "dev");
        assert!(c.warnings[0].contains("clouds.yaml"), "{:?}", c.warnings);
        assert!(c.warnings[0].contains("line 3"), "{:?}", c.warnings);
    }

    #[test]
    fn a_list_document_is_an_error() {
        let f = fixture(&[("cwd/clouds.yaml", "- a\n- b\n")]);
        let err = resolve(&f.env, &ConnectionArgs::default()).unwrap_err();
        assert!(err.to_string().contains("not a valid mapping"));
    }

    #[test]
    fn missing_password_names_the_key_and_the_file() {
        let f = fixture(&[("cwd/clouds.yaml", &ONE.replace("      password: p\n", ""))]);
        let err = resolve(&f.env, &ConnectionArgs::default()).unwrap_err();
        assert_eq!(err.to_string(), "cloud 'dev' has no password");
        assert!(err.hint().unwrap().contains("OS_PASSWORD"));
    }

    #[test]
    fn domain_name_fans_out_and_tenant_aliases_apply() {
        let f = fixture(&[(
            "cwd/clouds.yaml",
            "clouds:\n  c:\n    auth: {auth_url: u, username: a, password: p, tenant_name: t, domain_name: D}\n",
        )]);
        let c = resolve(&f.env, &ConnectionArgs::default()).unwrap();
        assert_eq!(c.auth_value("project_name"), Some("t"));
        assert_eq!(c.auth_value("user_domain_name"), Some("D"));
        assert_eq!(c.auth_value("project_domain_name"), Some("D"));
        assert_eq!(c.auth_value("domain_name"), None);
        assert_eq!(c.auth_value("user_domain_id"), None);
    }

    #[test]
    fn options_beat_the_file_and_env_vars_make_a_cloud() {
        let f = fixture(&[("cwd/clouds.yaml", ONE)]);
        let opts = ConnectionArgs {
            os_password: Some("flag".into()),
            ..Default::default()
        };
        let c = resolve(&f.env, &opts).unwrap();
        assert_eq!(c.auth_value("password"), Some("flag"));

        let mut env = f.env.clone();
        env.vars.insert("OS_AUTH_URL".into(), "http://x/v3".into());
        let opts = ConnectionArgs {
            os_auth_url: Some("http://x/v3".into()),
            os_username: Some("u".into()),
            os_password: Some("p".into()),
            ..Default::default()
        };
        let c = resolve(&env, &opts).unwrap();
        assert_eq!(c.name, "envvars");
        assert_eq!(c.clouds_file, None);
    }

    #[test]
    fn a_region_must_be_one_of_the_cloud_regions() {
        let f = fixture(&[(
            "cwd/clouds.yaml",
            &ONE.replace("region_name: R1", "regions: [R1, {name: R2, values: {}}]"),
        )]);
        let c = resolve(&f.env, &ConnectionArgs::default()).unwrap();
        assert_eq!(c.region_name.as_deref(), Some("R1"));
        let opts = ConnectionArgs {
            os_region_name: Some("r2".into()),
            ..Default::default()
        };
        let err = resolve(&f.env, &opts).unwrap_err();
        assert!(
            err.to_string()
                .contains("region r2 is not a valid region name for cloud dev")
        );
    }

    #[test]
    fn yaml_1_1_booleans_for_verify() {
        let f = fixture(&[("cwd/clouds.yaml", &format!("{ONE}    verify: no\n"))]);
        assert!(!resolve(&f.env, &ConnectionArgs::default()).unwrap().verify);
    }
}
