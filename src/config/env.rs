//! The environment a run sees (variables, working directory, home), where it looks for
//! files, and the `envvars` cloud made from `OS_*` variables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::values::Dict;

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

    pub(super) fn var(&self, name: &str) -> Option<&str> {
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

impl Env {
    /// `~` and `~/...` against the home directory.
    pub(super) fn expand_home(&self, path: &str) -> PathBuf {
        match (path.strip_prefix("~/"), &self.home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ if path == "~" => self.home.clone().unwrap_or_else(|| PathBuf::from(path)),
            _ => PathBuf::from(path),
        }
    }

    /// The file a variable names (relative to the working directory), if it is set.
    pub(super) fn named_file(&self, var: &str) -> Option<PathBuf> {
        self.var(var).map(|p| self.cwd.join(p))
    }

    /// The name of the cloud made from `OS_*` variables: `OS_CLOUD_NAME`, else `envvars`.
    pub fn cloud_name(&self) -> &str {
        self.var("OS_CLOUD_NAME").unwrap_or("envvars")
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
pub(super) fn env_cloud(env: &Env) -> Option<Dict> {
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
