//! `nova-images show`

use crate::app::actions::resolve::{Choice, the_image};
use crate::app::failure::Result;
use crate::app::output::{self, Printer};
use crate::cli::ShowArgs;
use crate::config::Env;

pub(super) async fn run(
    args: ShowArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let render = args.output_opts()?;
    let nova = super::connect(conn, env, printer).await?;
    let choice = Choice::from_args(&args.choose, printer.diag());
    let image = the_image(&nova, args.image.as_deref(), &choice).await?;
    let text = output::render_show(&image, &render, &printer.terminal)?;
    printer.data(text.as_bytes())
}
