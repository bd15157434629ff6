//! `nova-images list`

use crate::cli::ListArgs;
use crate::client::ListOpts;
use crate::config::Env;
use crate::error::Result;
use crate::output::{self, OutputOpts, Printer};

pub(super) async fn run(
    args: ListArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let render = OutputOpts::list(&args)?;
    let (nova, cloud) = super::connect_cloud(conn, env, printer).await?;
    // Only a full listing may replace the completion cache.
    let complete = args.changes_since.is_none()
        && args.marker.is_none()
        && args.limit.is_none()
        && args.name.is_none()
        && args.server.is_none()
        && args.status.is_none()
        && args.image_type.is_none()
        && args.min_ram.is_none()
        && args.min_disk.is_none();
    let opts = ListOpts {
        changes_since: args.changes_since,
        limit: Some(args.limit.map_or(args.page_size, |l| l.min(args.page_size))),
        marker: args.marker,
        name: args.name,
        server: args.server,
        status: args.status,
        image_type: args.image_type,
        min_ram: args.min_ram,
        min_disk: args.min_disk,
    };
    let mut pager = nova.list_detail(&opts);
    if let Some(limit) = args.limit {
        pager = pager.max_images(limit as usize);
    }
    // Every page is fetched before anything is written: a failed page leaves stdout empty.
    let images = pager.all().await?;
    if complete {
        crate::complete::remember(env, &cloud, &images);
    }
    let text = output::render_list(&images, &render, &printer.terminal)?;
    printer.data(text.as_bytes())
}
