//! `nova-images show`

use crate::cli::ShowArgs;
use crate::config::Env;
use crate::error::Result;
use crate::output::{self, OutputOpts, Printer};

pub(super) async fn run(
    args: ShowArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let render = OutputOpts::show(&args)?;
    let nova = super::connect(conn, env, printer).await?;
    let image = nova
        .get(&args.image)
        .await
        .map_err(|e| e.for_image(&args.image))?;
    let text = output::render_show(&image, &render, &printer.terminal)?;
    printer.data(text.as_bytes())
}
