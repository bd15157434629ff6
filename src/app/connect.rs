//! Reaching a cloud: resolving it from the connection options (warnings printed), the
//! HTTP client and token cache, a password prompt when one is needed, and authenticating
//! to a ready compute client ([`crate::client::connect`]).

use std::sync::Arc;

use crate::app::failure::{Failure, Result};
use crate::app::output::Printer;
use crate::cache::TokenCache;
use crate::cli::ConnectionArgs;
use crate::client::{Connected, Images};
use crate::config::{CloudConfig, Env, ProfileSource};
use crate::http::Http;

/// What commands need to reach the cloud.
pub(crate) struct Connection {
    pub args: ConnectionArgs,
    pub retries: u32,
    pub token_cache: bool,
}

/// Resolves the cloud of the connection options; its warnings are printed even when the
/// resolution then fails (the file skipped may be why).
pub(crate) fn resolve(conn: &Connection, env: &Env, printer: &mut Printer) -> Result<CloudConfig> {
    let mut warnings = Vec::new();
    let result = crate::config::resolve_noting(env, &(&conn.args).into(), &mut warnings);
    for warning in &warnings {
        printer.warn(warning);
    }
    let cloud = result?;
    note_profile(&cloud, printer);
    Ok(cloud)
}

/// `-v` says when a clouds-public file replaces a bundled vendor profile (one in the
/// working directory is enough to change a cloud's auth_url).
fn note_profile(cloud: &CloudConfig, printer: &Printer) {
    if let (
        Some(profile),
        Some(ProfileSource::File {
            path,
            overrides_bundled: true,
        }),
    ) = (&cloud.profile, &cloud.profile_source)
    {
        printer.diag().notice(&format!(
            "cloud '{}': vendor profile '{profile}' is the one in {}, not the bundled one",
            cloud.name,
            path.display()
        ));
    }
}

/// Resolves the cloud and sets up the HTTP client and token cache, warning as needed.
pub(crate) fn prepare(
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(CloudConfig, Http, TokenCache)> {
    let (cloud, cache) = prepare_cloud(conn, env, printer)?;
    let http = Http::new(&cloud.http_options())?
        .with_diag(printer.diag().clone())
        .with_retries(conn.retries);
    Ok((cloud, http, cache))
}

/// [`prepare`] but the HTTP client: the cloud and its token cache.
pub(crate) fn prepare_cloud(
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(CloudConfig, TokenCache)> {
    let started = std::time::Instant::now();
    let mut cloud = resolve(conn, env, printer)?;
    printer.diag().phase("config load", started.elapsed());
    if !cloud.verify {
        printer.warn(&format!(
            "TLS certificate verification is off for cloud '{}'",
            cloud.name
        ));
    }
    for secret in ["password", "application_credential_secret", "token"] {
        if let Some(value) = cloud.auth_value(secret) {
            printer.diag().add_secret(value);
        }
    }
    let cache = TokenCache::new(
        env,
        conn.token_cache && cloud.token_cache,
        printer.diag().clone(),
    );
    // With a fresh cached token there is no need to ask for the password.
    if cloud.needs_password() && !cache.has_fresh(&cloud) {
        let password = prompt_password(&cloud.name)?;
        printer.diag().add_secret(&password);
        cloud.auth.insert("password".into(), password);
    }
    Ok((cloud, cache))
}

/// Resolves the cloud, authenticates and returns its images, through the images API chosen.
pub(crate) async fn connect(conn: &Connection, env: &Env, printer: &mut Printer) -> Result<Images> {
    let (connected, _) = connect_cloud(conn, env, printer).await?;
    Ok(connected.images().await?)
}

/// Resolves the cloud and authenticates: the connection, and the cloud it resolved. A
/// token got over https that would go to a plain-http compute endpoint is warned about.
pub(crate) async fn connect_cloud(
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(Connected, CloudConfig)> {
    let (cloud, http, cache) = prepare(conn, env, printer)?;
    let connected = crate::client::connect(http, &cloud, Arc::new(cache)).await?;
    if let Some(warning) = downgrade_warning(&cloud, &connected.session.compute_url) {
        printer.warn(&warning);
    }
    Ok((connected, cloud))
}

/// The warning for a token got over https going to a plain-http compute endpoint.
pub(crate) fn downgrade_warning(cloud: &CloudConfig, compute_url: &str) -> Option<String> {
    let keystone = cloud.auth_value("auth_url").unwrap_or_default();
    let lower = |u: &str| u.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    (lower(keystone) == "https://" && lower(compute_url).starts_with("http://")).then(|| {
        format!(
            "cloud '{}': Keystone is reached over https but the compute endpoint {} is plain \
             http: the token will travel unencrypted",
            cloud.name,
            crate::diag::mask_userinfo(compute_url)
        )
    })
}

/// Asks for the password on the terminal without echo, as `openstack` does; without a
/// terminal there is nobody to ask.
fn prompt_password(cloud: &str) -> Result<String> {
    use std::io::IsTerminal;
    let missing = || missing_password(cloud);
    if !std::io::stdin().is_terminal() {
        return Err(missing());
    }
    match rpassword::prompt_password("Password: ") {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => Err(missing()),
    }
}

/// The error of a password that is needed, absent, and cannot be asked for.
pub(crate) fn missing_password(cloud: &str) -> Failure {
    Failure::config(
        format!(
            "no password for cloud '{cloud}': none entered, or found via --os-password or \
             OS_PASSWORD"
        ),
        Some(
            "set OS_PASSWORD, --os-password, or auth.password in clouds.yaml or secure.yaml".into(),
        ),
    )
}
