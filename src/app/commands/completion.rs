//! `nova-images completion`: the completion script, from the clap definition alone (no
//! configuration is read and no request is made).

use crate::app::output::Printer;
use crate::cli::{self, CompletionArgs};
use crate::error::Result;

pub(super) fn run(args: &CompletionArgs, printer: &mut Printer) -> Result<()> {
    printer.data(&cli::completion_script(args.shell))
}
