//! `nova-images id-from-name`

use crate::cli::IdFromNameArgs;
use crate::config::Env;
use crate::error::Result;
use crate::output::Printer;

pub(super) async fn run(
    args: IdFromNameArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let nova = super::connect(conn, env, printer).await?;
    let id = nova.id_from_name(&args.name).await?;
    printer.data(format!("{id}\n").as_bytes())
}
