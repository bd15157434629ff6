//! The `nova-images` binary: parse, run on one current-thread runtime, report, exit.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;

use clap::Parser;
use nova_images::cli::Cli;
use nova_images::config::Env;
use nova_images::diag::{Diag, Level};
use nova_images::error::{Error, exit};
use nova_images::output::Printer;

fn main() -> ExitCode {
    // `COMPLETE=bash nova-images` prints the dynamic completion script, and answers the
    // shell's completion requests; without COMPLETE it returns at once.
    clap_complete::CompleteEnv::with_factory(nova_images::cli::command).complete();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let e = Error::io("cannot start the async runtime", e);
            Printer::stdio().error(&e);
            return ExitCode::from(e.exit_code());
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
    let result = runtime.block_on(async {
        tokio::select! {
            result = nova_images::run(cli, &env, &mut printer) => result,
            _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
        }
    });
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::OK),
        Err(e) => {
            printer.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}
