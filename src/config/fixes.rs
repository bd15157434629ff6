//! openstacksdk's defaults and "magic fixes": aliases folded, `*_timeout` and
//! `*endpoint_type` renamed, `domain_*` fanned out, keys normalised.

use serde_json::Value;

use super::Overrides;
use super::placeholders::format_string;
use super::values::{Dict, Layers, scalar_string, truthy};
use crate::error::{Error, Result};

/// openstacksdk's defaults (defaults.json) that matter here.
pub(super) fn defaults() -> Dict {
    let mut d = Dict::new();
    d.insert("auth_type".into(), "password".into());
    d.insert("interface".into(), "public".into());
    d.insert("verify".into(), true.into());
    d.insert("identity_api_version".into(), "3".into());
    d
}

/// Aliases folded into one auth key, in openstacksdk's order (later candidates win).
pub(super) const AUTH_ALIASES: [(&str, &[&str]); 9] = [
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

/// openstacksdk's `magic_fixes`, then key normalisation. Kept as one function in
/// openstacksdk's order, (a) to (g), because the order of the steps is the rule.
pub(super) fn magic_fixes(layers: &mut Layers) -> Result<()> {
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
    // (g) auth_url may use {placeholders} of the config (`region_name` is set by now); an
    // unknown one is an error, as Python's KeyError is.
    if let Some(Value::String(url)) = auth.get_mut("auth_url") {
        *url = format_string(url, config).map_err(|missing| {
            Error::config(
                format!("auth_url {url:?} refers to an unknown setting {{{missing}}}"),
                Some("write a literal brace as {{ or }}".into()),
            )
        })?;
    }
    Ok(())
}

/// `-` → `_` in keys, recursively; numbers become strings except `api_timeout`.
pub(super) fn normalise_keys(dict: &mut Dict) {
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

/// The overrides as top-level keys: they beat every layer below them.
pub(super) fn apply_overrides(config: &mut Dict, o: &Overrides) {
    let pairs = [
        ("auth_type", &o.auth_type),
        ("auth_url", &o.auth_url),
        ("username", &o.username),
        ("user_id", &o.user_id),
        ("password", &o.password),
        ("project_name", &o.project_name),
        ("project_id", &o.project_id),
        ("user_domain_name", &o.user_domain_name),
        ("user_domain_id", &o.user_domain_id),
        ("project_domain_name", &o.project_domain_name),
        ("project_domain_id", &o.project_domain_id),
        ("domain_name", &o.domain_name),
        ("domain_id", &o.domain_id),
        ("token", &o.token),
        ("application_credential_id", &o.application_credential_id),
        (
            "application_credential_name",
            &o.application_credential_name,
        ),
        (
            "application_credential_secret",
            &o.application_credential_secret,
        ),
        ("interface", &o.interface),
        ("endpoint", &o.endpoint),
        ("compute_api_version", &o.compute_api_version),
        ("nova_images_api", &o.nova_images_api),
        ("cacert", &o.cacert),
        ("cert", &o.cert),
        ("key", &o.key),
    ];
    for (key, value) in pairs {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            config.insert(key.to_owned(), Value::String(v.to_owned()));
        }
    }
    // The endpoint override is the compute endpoint for every auth type (admin_token and
    // none use it as their endpoint too).
    if let Some(endpoint) = o.endpoint.as_deref().filter(|v| !v.is_empty()) {
        config.insert("compute_endpoint_override".into(), endpoint.into());
    }
    if o.insecure {
        config.insert("insecure".into(), true.into());
    }
    if let Some(t) = o.api_timeout.and_then(serde_json::Number::from_f64) {
        config.insert("api_timeout".into(), Value::Number(t));
    }
    // The OSC CLI picks admin_token when both an endpoint and a token are given.
    if o.auth_type.is_none() && o.endpoint.is_some() && o.token.is_some() {
        config.insert("auth_type".into(), "admin_token".into());
    }
}
