//! One small function per subcommand, over the config, auth, client and output modules.

mod completion;
mod config;
mod delete;
mod fanout;
mod id_from_name;
mod list;
mod metadata;
mod prune;
mod resolve;
mod show;
mod wait;

use crate::app::output::{self, Printer};
use crate::auth::{self, Reauth};
use crate::cache::TokenCache;
use crate::cli::{AuthCommand, CacheCommand, Cli, Command, ConfigCommand, ConnectionArgs, Format};
use crate::client::ComputeClient;
use crate::config::{CloudConfig, Env};
use crate::error::{Error, Result};
use crate::http::Http;

/// Runs the parsed command line, writing through `printer`.
pub async fn run(mut cli: Cli, env: &Env, printer: &mut Printer) -> Result<()> {
    timeout_is_the_whole_wait(&mut cli);
    let conn = &Connection {
        args: cli.connection,
        retries: cli.global.retries,
        token_cache: !cli.global.no_token_cache,
    };
    let json = wants_json(&cli.command);
    let result = match cli.command {
        Command::List(args) => list::run(args, conn, env, printer).await,
        Command::Show(args) => show::run(args, conn, env, printer).await,
        Command::Delete(args) => delete::run(args, conn, env, printer).await,
        Command::Prune(args) => prune::run(args, conn, env, printer).await,
        Command::IdFromName(args) => id_from_name::run(args, conn, env, printer).await,
        Command::Wait(args) => wait::run(args, conn, env, printer).await,
        Command::Metadata(args) => metadata::run(args, conn, env, printer).await,
        Command::Completion(args) => completion::run(&args, printer),
        Command::RefreshCompletionCache => completion::refresh(conn, env, printer).await,
        Command::Config(ConfigCommand::Show(args)) => config::show(&args, conn, env, printer),
        Command::Config(ConfigCommand::Clouds(args)) => config::clouds(&args, env, printer),
        Command::Auth(AuthCommand::Revoke) => auth_revoke(conn, env, printer).await,
        Command::Cache(CacheCommand::Clear) => cache_clear(env, printer),
    };
    if cli.global.timing {
        printer.note(&output::timing_report(printer.diag(), json));
    }
    result
}

/// `wait --timeout N` (kubectl's spelling) and `delete --wait --timeout N` bound the whole
/// wait, as --max-wait does (which wins when both are given); each request then keeps its
/// own limit (api_timeout, else 30 s) instead of N.
fn timeout_is_the_whole_wait(cli: &mut Cli) {
    let max_wait = match &mut cli.command {
        Command::Wait(args) => &mut args.max_wait,
        Command::Delete(args) if args.wait => &mut args.max_wait,
        Command::Prune(args) if args.wait => &mut args.max_wait,
        _ => return,
    };
    if let Some(timeout) = cli.connection.timeout.take() {
        max_wait.get_or_insert(timeout);
    }
}

/// Does the command print JSON (so that `--timing` does too)?
fn wants_json(command: &Command) -> bool {
    use crate::cli::{MetadataCommand as M, RecordFormat, ResultFormat};
    match command {
        Command::List(a) => a.output.format == Format::Json,
        Command::Show(a) => a.output.format == Format::Json,
        Command::Delete(a) => a.format == Some(ResultFormat::Json),
        Command::Prune(a) => a.format == RecordFormat::Json,
        Command::Metadata(m) => match &m.command {
            M::List(a) => a.output.format == Format::Json,
            M::Get(a) => a.output.format == Format::Json,
            M::Set(a) | M::Replace(a) => a.output.format == Format::Json,
            M::Unset(_) => false,
        },
        Command::Config(ConfigCommand::Show(a)) => a.format == RecordFormat::Json,
        Command::Config(ConfigCommand::Clouds(a)) => a.format == RecordFormat::Json,
        _ => false,
    }
}

/// What commands need to reach the cloud.
pub(crate) struct Connection {
    args: ConnectionArgs,
    retries: u32,
    token_cache: bool,
}

/// Resolves the cloud of the connection options; its warnings are printed even when the
/// resolution then fails (the file skipped may be why).
fn resolve(conn: &Connection, env: &Env, printer: &mut Printer) -> Result<CloudConfig> {
    let mut warnings = Vec::new();
    let result = crate::config::resolve_noting(env, &(&conn.args).into(), &mut warnings);
    for warning in &warnings {
        printer.warn(warning);
    }
    result
}

/// Resolves the cloud and sets up the HTTP client and token cache, warning as needed.
fn prepare(
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(CloudConfig, Http, TokenCache)> {
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
    let http = Http::new(&cloud.http_options())?
        .with_diag(printer.diag().clone())
        .with_retries(conn.retries);
    Ok((cloud, http, cache))
}

/// Resolves the cloud, authenticates and returns a Nova client for its compute endpoint.
async fn connect(conn: &Connection, env: &Env, printer: &mut Printer) -> Result<ComputeClient> {
    connect_cloud(conn, env, printer)
        .await
        .map(|(nova, _)| nova)
}

/// [`connect`], also naming the cloud it resolved.
async fn connect_cloud(
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(ComputeClient, String)> {
    let (cloud, http, cache) = prepare(conn, env, printer)?;
    let session = auth::authenticate(&http, &cloud, &cache).await?;
    warn_if_downgraded(&cloud, &session.compute_url, printer);
    let reauth = Reauth::new(http.clone(), cloud.clone(), std::sync::Arc::new(cache));
    let nova = ComputeClient::new(http, &session.compute_url, session.token)?
        .with_microversion(&cloud.compute_api_version)?
        .with_reauth(reauth);
    Ok((nova, cloud.name))
}

/// A token got over https would go to a plain-http compute endpoint: say so, once a run.
fn warn_if_downgraded(cloud: &CloudConfig, compute_url: &str, printer: &mut Printer) {
    if let Some(warning) = downgrade_warning(cloud, compute_url) {
        printer.warn(&warning);
    }
}

/// The warning for a token got over https going to a plain-http compute endpoint.
fn downgrade_warning(cloud: &CloudConfig, compute_url: &str) -> Option<String> {
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

/// `nova-images auth revoke`
async fn auth_revoke(conn: &Connection, env: &Env, printer: &mut Printer) -> Result<()> {
    let (cloud, http, cache) = prepare(conn, env, printer)?;
    if auth::revoke(&http, &cloud, &cache).await? {
        printer.diag().notice(&format!(
            "revoked the cached token of cloud '{}'",
            cloud.name
        ));
    } else {
        printer.warn(&format!(
            "cloud '{}' has no cached token to revoke",
            cloud.name
        ));
    }
    Ok(())
}

/// `nova-images cache clear`
fn cache_clear(env: &Env, printer: &mut Printer) -> Result<()> {
    let cache = TokenCache::new(env, true, printer.diag().clone());
    let removed = cache.clear()?;
    printer
        .diag()
        .notice(&format!("removed {removed} cached token(s)"));
    Ok(())
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
fn missing_password(cloud: &str) -> Error {
    Error::config(
        format!(
            "no password for cloud '{cloud}': none entered, or found via --os-password or \
             OS_PASSWORD"
        ),
        Some(
            "set OS_PASSWORD, --os-password, or auth.password in clouds.yaml or secure.yaml".into(),
        ),
    )
}
