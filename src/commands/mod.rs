//! One small function per subcommand, over the config, auth, client and output modules.

mod delete;
mod id_from_name;
mod list;
mod show;

use crate::cli::{Cli, Command, ConnectionArgs};
use crate::client::ComputeClient;
use crate::config::{self, Env};
use crate::error::Result;
use crate::output::Printer;
use crate::{auth, http};

/// Runs the parsed command line, writing through `printer`.
pub async fn run(cli: Cli, env: &Env, printer: &mut Printer) -> Result<()> {
    let conn = &cli.connection;
    match cli.command {
        Command::List(args) => list::run(args, conn, env, printer).await,
        Command::Show(args) => show::run(args, conn, env, printer).await,
        Command::Delete(args) => delete::run(args, conn, env, printer).await,
        Command::IdFromName(args) => id_from_name::run(args, conn, env, printer).await,
    }
}

/// Resolves the cloud, authenticates and returns a Nova client for its compute endpoint.
async fn connect(conn: &ConnectionArgs, env: &Env, printer: &mut Printer) -> Result<ComputeClient> {
    let cloud = config::resolve(env, conn)?;
    for warning in &cloud.warnings {
        printer.warn(warning);
    }
    if !cloud.verify {
        printer.warn(&format!(
            "TLS certificate verification is off for cloud '{}'",
            cloud.name
        ));
    }
    let http = http::build_client(&cloud)?;
    let session = auth::authenticate(&http, &cloud).await?;
    ComputeClient::new(http, &session.compute_url, session.token)
}
