//! `nova-images id-from-name`: a name, or --match, to the one image's ID

use crate::app::actions::resolve::{Choice, by_name, matching};
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
    let choice = Choice::from_args(&args.choose, printer.diag());
    let image = match &args.name {
        Some(name) => by_name(&nova, name, &choice).await?,
        None => matching(&nova, &choice).await?,
    };
    printer.data(format!("{}\n", image.id).as_bytes())
}
