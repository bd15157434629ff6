//! One small function per subcommand, over the config, auth, client and output modules.

mod completion;
mod delete;
mod id_from_name;
mod list;
mod metadata;
mod resolve;
mod show;
mod wait;

use crate::auth::{self, Reauth};
use crate::cli::{Cli, Command, ConnectionArgs, Format};
use crate::client::ComputeClient;
use crate::config::{self, Env};
use crate::error::{Error, Result};
use crate::http::{self, Http};
use crate::output::{self, Printer};

/// Runs the parsed command line, writing through `printer`.
pub async fn run(cli: Cli, env: &Env, printer: &mut Printer) -> Result<()> {
    let conn = &Connection {
        args: cli.connection,
        retries: cli.global.retries,
    };
    let json = matches!(
        &cli.command,
        Command::List(a) if a.output.format == Format::Json
    ) || matches!(&cli.command, Command::Show(a) if a.output.format == Format::Json);
    let result = match cli.command {
        Command::List(args) => list::run(args, conn, env, printer).await,
        Command::Show(args) => show::run(args, conn, env, printer).await,
        Command::Delete(args) => delete::run(args, conn, env, printer).await,
        Command::IdFromName(args) => id_from_name::run(args, conn, env, printer).await,
        Command::Wait(args) => wait::run(args, conn, env, printer).await,
        Command::Metadata(args) => metadata::run(args, conn, env, printer).await,
        Command::Completion(args) => completion::run(&args, printer),
    };
    if cli.global.timing {
        printer.note(&output::timing_report(printer.diag(), json));
    }
    result
}

/// What commands need to reach the cloud.
pub(crate) struct Connection {
    args: ConnectionArgs,
    retries: u32,
}

/// Resolves the cloud, authenticates and returns a Nova client for its compute endpoint.
async fn connect(conn: &Connection, env: &Env, printer: &mut Printer) -> Result<ComputeClient> {
    let started = std::time::Instant::now();
    let mut cloud = config::resolve(env, &conn.args)?;
    printer.diag().phase("config load", started.elapsed());
    for warning in &cloud.warnings {
        printer.warn(warning);
    }
    if !cloud.verify {
        printer.warn(&format!(
            "TLS certificate verification is off for cloud '{}'",
            cloud.name
        ));
    }
    if cloud.needs_password() {
        let password = prompt_password(&cloud.name)?;
        cloud.auth.insert("password".into(), password);
    }
    let http = Http::new(http::build_client(&cloud)?)
        .with_diag(printer.diag().clone())
        .with_retries(conn.retries)
        .with_timeout(http::timeout(&cloud));
    let session = auth::authenticate(&http, &cloud).await?;
    let reauth = Reauth::new(http.clone(), cloud.clone());
    Ok(
        ComputeClient::new(http, &session.compute_url, session.token)?
            .with_microversion(&cloud.compute_api_version)?
            .with_reauth(reauth),
    )
}

/// Asks for the password on the terminal without echo, as `openstack` does; without a
/// terminal there is nobody to ask.
fn prompt_password(cloud: &str) -> Result<String> {
    use std::io::IsTerminal;
    let missing = || {
        Error::config(
            format!(
                "no password for cloud '{cloud}': none entered, or found via --os-password or OS_PASSWORD"
            ),
            Some(
                "set OS_PASSWORD, --os-password, or auth.password in clouds.yaml or secure.yaml"
                    .into(),
            ),
        )
    };
    if !std::io::stdin().is_terminal() {
        return Err(missing());
    }
    match rpassword::prompt_password("Password: ") {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => Err(missing()),
    }
}
