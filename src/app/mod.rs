//! The command line's behaviour (cargo feature `cli`): one function per command over the
//! library, the output layer, progress, live completion, the command line's outcomes
//! ([`failure`]: the library's errors and what only the command line makes of its work) and
//! the one table of exit codes and hints for them ([`report`]).

mod actions;
mod commands;
pub(crate) mod complete;
mod connect;
pub(crate) mod failure;
mod interrupt;
mod listing;
mod options;
pub(crate) mod output;
mod progress;
pub(crate) mod report;
mod targets;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::config::Env;
use crate::diag::{Diag, Level};
use commands::run;
use failure::Failure;
use output::Printer;
use report::exit;

/// Parses the command line, runs it on the runtime, reports, exits.
pub fn main() -> ExitCode {
    // `COMPLETE=bash nova-images` prints the dynamic completion script, and answers the
    // shell's completion requests; without COMPLETE it returns at once.
    clap_complete::CompleteEnv::with_factory(complete::command).complete();
    let cli = Cli::parse();
    // Two workers: a listing's next page is read off the wire while this thread decodes
    // and renders the one before (spawned tasks do not run on the thread that blocks on
    // the command).
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let e = Failure::io("cannot start the async runtime", e);
            Printer::stdio().error(&e);
            return ExitCode::from(report::exit_code(&e));
        }
    };
    let level = match (&cli.global.quiet, &cli.global.verbose, &cli.global.debug) {
        (_, _, true) => Level::Debug,
        (true, _, _) => Level::Quiet,
        (_, true, _) => Level::Verbose,
        _ => Level::Normal,
    };
    let mut printer = Printer::stdio();
    printer.set_diag(Diag::new(Box::new(std::io::stderr()), level));
    let env = Env::from_process();
    // Ctrl-C and SIGTERM are handled on the workers, whatever this thread is blocked on.
    {
        let _context = runtime.enter();
        interrupt::watch();
    }
    let result = runtime.block_on(run(cli, &env, &mut printer));
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::OK),
        Err(e) => {
            printer.error(&e);
            ExitCode::from(report::exit_code(&e))
        }
    }
}
