//! `nova-images id-from-name`

use crate::app::actions::resolve::{Pick, by_name};
use crate::app::failure::Result;
use crate::app::output::Printer;
use crate::cli::IdFromNameArgs;
use crate::config::Env;

pub(super) async fn run(
    args: IdFromNameArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let nova = super::connect(conn, env, printer).await?;
    let image = by_name(&nova, &args.name, Pick::from_args(&args.pick)).await?;
    printer.data(format!("{}\n", image.id).as_bytes())
}
