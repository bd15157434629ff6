//! One small function per subcommand, over the config, auth, client and output modules.

mod completion;
mod config;
mod delete;
mod doctor;
mod id_from_name;
mod list;
mod metadata;
mod presence;
mod prune;
mod show;
mod wait;

use crate::app::connect::{Connection, prepare};
pub(crate) use crate::app::connect::{connect, connect_cloud};
use crate::app::failure::{Failure, Result};
use crate::app::output::{self, Printer, jq};
use crate::auth;
use crate::cache::TokenCache;
use crate::cli::{AuthCommand, CacheCommand, Cli, Command, ConfigCommand, Format};
use crate::config::Env;

/// Runs the parsed command line, writing through `printer`.
pub async fn run(mut cli: Cli, env: &Env, printer: &mut Printer) -> Result<()> {
    // Before any configuration is read or request made: a bad expression sends nothing.
    if let Some(filter) = jq_filter(&cli.command)? {
        printer.filter_with(filter);
    }
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
        Command::Presence(args) => presence::run(args, conn, env, printer).await,
        Command::IdFromName(args) => id_from_name::run(args, conn, env, printer).await,
        Command::Wait(args) => wait::run(args, conn, env, printer).await,
        Command::Metadata(args) => metadata::run(args, conn, env, printer).await,
        Command::Completion(args) => completion::run(&args, printer),
        Command::RefreshCompletionCache => completion::refresh(conn, env, printer).await,
        Command::Doctor(args) => doctor::run(args, conn, env, printer).await,
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

/// The command's `--jq` filter, compiled; a usage error when the expression is invalid or
/// -f names a format that is not JSON.
fn jq_filter(command: &Command) -> Result<Option<jq::Filter>> {
    use crate::cli::{DoctorFormat, RecordFormat, ResultFormat};
    let json = |format: Format| matches!(format, Format::Json | Format::Jsonl);
    let (args, is_json) = match command {
        Command::List(a) => (&a.jq, json(a.output.format)),
        Command::Show(a) => (&a.jq, json(a.output.format)),
        Command::Presence(a) => (&a.jq, json(a.format)),
        Command::Delete(a) => (&a.jq, a.format == Some(ResultFormat::Json)),
        Command::Prune(a) => (&a.jq, a.format == RecordFormat::Json),
        Command::Config(ConfigCommand::Show(a)) => (&a.jq, a.format == RecordFormat::Json),
        Command::Config(ConfigCommand::Clouds(a)) => (&a.jq, a.format == RecordFormat::Json),
        Command::Doctor(a) => (&a.jq, a.format == DoctorFormat::Json),
        _ => return Ok(None),
    };
    let Some(expr) = &args.jq else {
        return Ok(None);
    };
    if !is_json {
        return Err(Failure::usage(
            "--jq filters JSON: use it with -f json (or -f jsonl for list and presence), or \
             without -f",
            None,
        ));
    }
    jq::Filter::compile(expr).map(Some)
}

/// Does the command print JSON (so that `--timing` does too)?
fn wants_json(command: &Command) -> bool {
    use crate::cli::{DoctorFormat, MetadataCommand as M, RecordFormat, ResultFormat};
    match command {
        Command::List(a) => a.output.format == Format::Json,
        Command::Show(a) => a.output.format == Format::Json,
        Command::Delete(a) => a.format == Some(ResultFormat::Json),
        Command::Prune(a) => a.format == RecordFormat::Json,
        Command::Presence(a) => a.format == Format::Json,
        Command::Metadata(m) => match &m.command {
            M::List(a) => a.output.format == Format::Json,
            M::Get(a) => a.output.format == Format::Json,
            M::Set(a) | M::Replace(a) => a.output.format == Format::Json,
            M::Unset(_) => false,
        },
        Command::Config(ConfigCommand::Show(a)) => a.format == RecordFormat::Json,
        Command::Config(ConfigCommand::Clouds(a)) => a.format == RecordFormat::Json,
        Command::Doctor(a) => a.format == DoctorFormat::Json,
        _ => false,
    }
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
