//! Auth plugins: [`AuthType`], which options each takes, the default-domain hook and the
//! option pass.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::values::{Dict, Layers, scalar_string, string, truthy};
use crate::error::{Error, Result};

/// The auth plugins nova-images speaks (keystoneauth's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthType {
    /// `password`: the generic password plugin (v3 here), with default-domain options.
    Password,
    /// `v3password`.
    V3Password,
    /// `token`: the generic token plugin, with default-domain options.
    Token,
    /// `v3token`.
    V3Token,
    /// `v3applicationcredential`.
    V3ApplicationCredential,
    /// `admin_token` (also spelt `token_endpoint`): a token and an endpoint, no Keystone.
    AdminToken,
    /// `none` (also `noauth`): no token, an endpoint only.
    None,
}

impl AuthType {
    /// Every supported type, in the order error messages list them.
    pub const ALL: [AuthType; 7] = [
        AuthType::Password,
        AuthType::V3Password,
        AuthType::Token,
        AuthType::V3Token,
        AuthType::V3ApplicationCredential,
        AuthType::AdminToken,
        AuthType::None,
    ];

    /// keystoneauth's name of the plugin.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthType::Password => "password",
            AuthType::V3Password => "v3password",
            AuthType::Token => "token",
            AuthType::V3Token => "v3token",
            AuthType::V3ApplicationCredential => "v3applicationcredential",
            AuthType::AdminToken => "admin_token",
            AuthType::None => "none",
        }
    }

    /// The type of a name, with keystoneauth's other spellings folded.
    pub fn from_name(raw: &str) -> Option<Self> {
        let folded = match raw {
            "" | "None" | "noauth" => "none",
            "token_endpoint" => "admin_token",
            other => other,
        };
        Self::ALL.into_iter().find(|t| t.as_str() == folded)
    }

    /// Does it get a token from Keystone (rather than use a given endpoint directly)?
    pub fn uses_keystone(self) -> bool {
        !matches!(self, AuthType::AdminToken | AuthType::None)
    }

    /// Does it authenticate with a password (which may be prompted for)?
    pub fn takes_password(self) -> bool {
        matches!(self, AuthType::Password | AuthType::V3Password)
    }

    /// Does it authenticate with a token it is given?
    pub fn takes_token(self) -> bool {
        matches!(self, AuthType::Token | AuthType::V3Token)
    }

    /// One of the explicitly v3 plugins, which insist on domains for names?
    pub fn is_v3(self) -> bool {
        matches!(
            self,
            AuthType::V3Password | AuthType::V3Token | AuthType::V3ApplicationCredential
        )
    }

    /// Its options beyond the scope set (keystoneauth's option lists).
    fn own_options(self) -> &'static [&'static str] {
        match self {
            AuthType::Password => &[
                "user_id",
                "username",
                "user_domain_id",
                "user_domain_name",
                "password",
                "default_domain_id",
                "default_domain_name",
            ],
            AuthType::V3Password => &[
                "user_id",
                "username",
                "user_domain_id",
                "user_domain_name",
                "password",
            ],
            AuthType::Token => &["token", "default_domain_id", "default_domain_name"],
            AuthType::V3Token => &["token"],
            AuthType::V3ApplicationCredential => &[
                "user_id",
                "username",
                "user_domain_id",
                "user_domain_name",
                "application_credential_secret",
                "application_credential_id",
                "application_credential_name",
            ],
            AuthType::AdminToken => &["endpoint", "token"],
            AuthType::None => &["endpoint"],
        }
    }

    /// Every option it takes: the scope set (for the Keystone types), then its own.
    pub fn option_names(self) -> Vec<&'static str> {
        let scope: &[&str] = if self.uses_keystone() { &SCOPE } else { &[] };
        scope.iter().chain(self.own_options()).copied().collect()
    }
}

impl fmt::Display for AuthType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The auth type of the layered settings (unset means `none`, as in openstacksdk).
pub(super) fn auth_type_of(config: &Dict) -> Result<AuthType> {
    let raw = match config.get("auth_type") {
        None | Some(Value::Null) => "none".to_owned(),
        Some(v) => scalar_string(v),
    };
    AuthType::from_name(&raw).ok_or_else(|| {
        let names: Vec<&str> = AuthType::ALL.iter().map(|t| t.as_str()).collect();
        Error::config(
            format!("the auth plugin {raw} could not be found"),
            Some(format!(
                "nova-images supports auth_type {}",
                names.join(", ")
            )),
        )
    })
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

/// osc-lib's `_auth_default_domain`: fill the default domain for the password plugins.
pub(super) fn default_domain_hook(
    layers: &mut Layers,
    auth_type: AuthType,
    default_domain: Option<&str>,
) {
    let v3 = string(&layers.top, "identity_api_version")
        .is_some_and(|v| v == "3" || v.starts_with("3."));
    if !v3 || !auth_type.takes_password() {
        return;
    }
    let domain = default_domain
        .filter(|d| !d.is_empty())
        .unwrap_or("default");
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
pub(super) fn plugin_options(
    layers: &mut Layers,
    auth_type: AuthType,
    cloud: &str,
) -> Result<BTreeMap<String, String>> {
    let mut auth = BTreeMap::new();
    for option in auth_type.option_names() {
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
                auth_type.option_names().join(", ")
            )),
        ));
    }
    Ok(auth)
}
