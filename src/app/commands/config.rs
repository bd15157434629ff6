//! `nova-images config show|clouds`: the configuration as nova-images resolves it, offline.

use serde_json::{Map, Value, json};

use crate::app::failure::Result;
use crate::app::output::{self, Printer};
use crate::cli::{ConfigCloudsArgs, ConfigShowArgs};
use crate::config::{self, Env, ProfileSource};
use crate::diag::mask_userinfo;

/// Auth options shown as `<redacted>` unless `--unmask`.
const SECRETS: [&str; 4] = [
    "password",
    "token",
    "application_credential_secret",
    "passcode",
];

pub(super) fn show(
    args: &ConfigShowArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let cloud = crate::app::connect::resolve(conn, env, printer)?;
    // A command would stop here for want of a password when it cannot ask for one.
    if cloud.needs_password() && !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(crate::app::connect::missing_password(&cloud.name));
    }
    let auth: Map<String, Value> = cloud
        .auth
        .iter()
        .map(|(k, v)| {
            let shown = match SECRETS.contains(&k.as_str()) {
                true if !args.unmask => "<redacted>".to_owned(),
                // Userinfo in a URL is a password too (--unmask shows it).
                false if !args.unmask => mask_userinfo(v),
                _ => v.clone(),
            };
            (k.clone(), Value::String(shown))
        })
        .collect();
    let path = |p: &Option<std::path::PathBuf>| {
        p.as_ref()
            .map_or(Value::Null, |p| json!(p.display().to_string()))
    };
    let profile_source = match &cloud.profile_source {
        None => Value::Null,
        Some(ProfileSource::Bundled) => json!("bundled"),
        Some(ProfileSource::File { path, .. }) => json!(path.display().to_string()),
    };
    let fields = json!({
        "cloud": cloud.name,
        "profile": cloud.profile,
        "profile_source": profile_source,
        "clouds_file": path(&cloud.clouds_file),
        "secure_file": path(&cloud.secure_file),
        "region_name": cloud.region_name,
        "interface": cloud.interface,
        "auth_type": cloud.auth_type.as_str(),
        "auth": auth,
        "verify": cloud.verify,
        "cacert": path(&cloud.cacert),
        "cert": path(&cloud.cert),
        "key": path(&cloud.key),
        "compute_endpoint_override": cloud
            .compute_endpoint_override
            .as_deref()
            .map(|u| if args.unmask { u.to_owned() } else { mask_userinfo(u) }),
        "compute_api_version": cloud.compute_api_version,
        "api": cloud.api.name(),
        "image_endpoint_override": cloud
            .image_endpoint_override
            .as_deref()
            .map(|u| if args.unmask { u.to_owned() } else { mask_userinfo(u) }),
        "image_api_version": cloud.image_api_version,
        "api_timeout": cloud.api_timeout,
    });
    let Value::Object(fields) = fields else {
        return Ok(());
    };
    let text = output::render_record(&fields, args.format)?;
    printer.data(text.as_bytes())
}

pub(super) fn clouds(args: &ConfigCloudsArgs, env: &Env, printer: &mut Printer) -> Result<()> {
    let mut warnings = Vec::new();
    let clouds = config::list_clouds(env, &mut warnings);
    for warning in &warnings {
        printer.warn(warning);
    }
    let rows: Vec<Map<String, Value>> = clouds?
        .into_iter()
        .map(|(name, file)| {
            let mut row = Map::new();
            row.insert("name".into(), json!(name));
            row.insert(
                "file".into(),
                file.map_or(Value::Null, |f| json!(f.display().to_string())),
            );
            row
        })
        .collect();
    let text = output::render_rows(&["Name", "File"], &rows, args.format)?;
    printer.data(text.as_bytes())
}
