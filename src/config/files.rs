//! Loading the clouds, secure and clouds-public files: the first one found of each, parsed
//! as YAML or JSON, secure deep-merged over clouds.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::env::Env;
use super::values::Dict;
use crate::error::{Error, Result};

/// A config file that was found and parsed.
#[derive(Debug, Clone)]
pub(super) struct Loaded {
    pub(super) path: PathBuf,
    pub(super) doc: Dict,
}

/// The files a resolution reads: the first clouds, secure and clouds-public file found.
pub(super) struct Files {
    pub(super) clouds: Option<Loaded>,
    pub(super) secure: Option<Loaded>,
    pub(super) vendor: Option<Loaded>,
    /// Where clouds files were looked for, for messages.
    pub(super) clouds_paths: Vec<PathBuf>,
    /// clouds with secure deep-merged over it.
    pub(super) doc: Dict,
}

impl Files {
    /// Finds and parses the files; `with_vendor` also loads clouds-public.
    pub(super) fn load(env: &Env, with_vendor: bool, warnings: &mut Vec<String>) -> Result<Self> {
        let clouds_paths = env.candidates("clouds", Some("OS_CLIENT_CONFIG_FILE"));
        let named = |var: &'static str| env.named_file(var).map(|p| (p, var));
        let clouds_named = named("OS_CLIENT_CONFIG_FILE");
        let clouds = load_first(
            &clouds_paths,
            clouds_named.as_ref().map(|(p, v)| (p.as_path(), *v)),
            warnings,
        )?;
        let secure_named = named("OS_CLIENT_SECURE_FILE");
        let secure = load_first(
            &env.candidates("secure", Some("OS_CLIENT_SECURE_FILE")),
            secure_named.as_ref().map(|(p, v)| (p.as_path(), *v)),
            warnings,
        )?;
        let vendor = match with_vendor {
            true => load_first(&env.candidates("clouds-public", None), None, warnings)?,
            false => None,
        };
        let mut doc = clouds.as_ref().map(|c| c.doc.clone()).unwrap_or_default();
        if let Some(secure) = &secure {
            deep_merge(&mut doc, &secure.doc);
        }
        Ok(Files {
            clouds,
            secure,
            vendor,
            clouds_paths,
            doc,
        })
    }

    /// The merged `clouds:` mapping (empty, with a warning, when the file has none).
    pub(super) fn clouds(&self, warnings: &mut Vec<String>) -> Result<Dict> {
        match self.doc.get("clouds") {
            Some(Value::Object(m)) => Ok(m.clone()),
            Some(Value::Null) | None => {
                if let Some(c) = self.clouds.as_ref().filter(|c| !c.doc.is_empty()) {
                    warnings.push(format!(
                        "configuration file {} does not contain a 'clouds' key",
                        c.path.display()
                    ));
                }
                Ok(Dict::new())
            }
            Some(_) => Err(Error::config(
                format!(
                    "`clouds` in {} is not a mapping of cloud names",
                    describe(self.clouds.as_ref())
                ),
                None,
            )),
        }
    }
}

/// YAML (1.1-ish, via serde_yaml) or JSON text → JSON value.
fn parse_file(path: &Path, text: &str) -> std::result::Result<Value, String> {
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else if crate::fs::yaml_too_deep(text) {
        Err(format!(
            "nested deeper than {} levels",
            crate::fs::MAX_YAML_DEPTH
        ))
    } else {
        serde_yaml::from_str::<Value>(text).map_err(|e| e.to_string())
    }
}

/// The text of a config file, or why it cannot be used; `None` when it does not exist.
fn read_config(path: &Path) -> std::result::Result<Option<String>, String> {
    match crate::fs::read_bounded(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| "not UTF-8 text".to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// The first readable, parsable file of `paths`. A file found on the search path that
/// cannot be read or parsed is skipped with a warning, as openstacksdk moves on; the file
/// the user named (`explicit`, from `OS_CLIENT_CONFIG_FILE` or `OS_CLIENT_SECURE_FILE`) must
/// work, or the run would quietly use another cloud.
fn load_first(
    paths: &[PathBuf],
    explicit: Option<(&Path, &str)>,
    warnings: &mut Vec<String>,
) -> Result<Option<Loaded>> {
    for path in paths {
        let named = explicit
            .filter(|(p, _)| *p == path.as_path())
            .map(|(_, var)| var);
        let problem = match read_config(path) {
            Ok(None) if named.is_none() => continue,
            // openstacksdk searches on when the named file is missing; say so at least.
            Ok(None) => {
                warnings.push(format!(
                    "config file {} named by {} does not exist; searching the usual places",
                    path.display(),
                    named.unwrap_or_default()
                ));
                continue;
            }
            Ok(Some(text)) => match parse_file(path, &text) {
                Ok(doc) => return loaded(path, doc).map(Some),
                Err(e) => e,
            },
            Err(e) => e,
        };
        match named {
            Some(var) => {
                return Err(Error::config(
                    format!(
                        "cannot use config file {} ({var}): {problem}",
                        path.display()
                    ),
                    Some(format!("fix the file, or point {var} at another one")),
                ));
            }
            None => warnings.push(format!(
                "skipping config file {}: {problem}",
                path.display()
            )),
        }
    }
    Ok(None)
}

/// A parsed config file, which must be a mapping (or empty).
fn loaded(path: &Path, doc: Value) -> Result<Loaded> {
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
    Ok(Loaded {
        path: path.to_owned(),
        doc,
    })
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

pub(super) fn describe(file: Option<&Loaded>) -> String {
    file.map_or_else(
        || "the configuration".to_owned(),
        |f| f.path.display().to_string(),
    )
}

pub(super) fn searched(paths: &[PathBuf]) -> String {
    let mut dirs: Vec<String> = Vec::new();
    for d in paths.iter().filter_map(|p| p.parent()) {
        let d = d.display().to_string();
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    format!("clouds.{{yaml,yml,json}} in {}", dirs.join(", "))
}
