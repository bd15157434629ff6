//! `nova-images list`

use crate::app::output::{self, Printer};
use crate::app::progress::Progress;
use crate::cli::ListArgs;
use crate::client::{ListOpts, Pager};
use crate::config::Env;
use crate::error::Result;
use crate::model::Image;

/// Where `--status` is applied.
#[derive(Debug, PartialEq, Eq)]
enum StatusFilter {
    /// Sent to the server as `status=...`.
    Server(String),
    /// Left out of the query; only images that nova-images shows with this status are kept,
    /// page by page.
    Client(&'static str),
}

/// `--status` means the status nova-images shows. Nova hands `status` to Glance
/// lower-cased, and only ACTIVE is the same in both (Glance `active`); SAVING is Glance's
/// queued or saving, DELETED deleted or pending_delete, ERROR killed and UNKNOWN anything
/// else, so those are selected here. Any other value is a Glance status, passed through.
fn status_filter(status: &str) -> StatusFilter {
    match status.to_ascii_uppercase().as_str() {
        "ACTIVE" => StatusFilter::Server("ACTIVE".into()),
        "SAVING" => StatusFilter::Client("SAVING"),
        "DELETED" => StatusFilter::Client("DELETED"),
        "ERROR" => StatusFilter::Client("ERROR"),
        "UNKNOWN" => StatusFilter::Client("UNKNOWN"),
        _ => StatusFilter::Server(status.to_owned()),
    }
}

pub(super) async fn run(
    args: ListArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let render = args.output_opts()?;
    let complete = is_full_listing(&args);
    let (opts, client_status) = query(&args);
    let (nova, cloud) = super::connect_cloud(conn, env, printer).await?;
    let mut pager = nova.list_detail(&opts);
    if let (Some(limit), None) = (args.limit, client_status) {
        pager = pager.max_images(limit as usize);
    }
    let wanted = args.limit.map(|l| l as usize);
    let images = fetch(pager, client_status, wanted, printer).await?;
    if complete {
        crate::app::complete::remember(env, &cloud, &images);
    }
    let text = output::render_list(&images, &render, &printer.terminal)?;
    printer.data(text.as_bytes())
}

/// Only a full listing may replace the live-completion cache.
fn is_full_listing(args: &ListArgs) -> bool {
    args.changes_since.is_none()
        && args.marker.is_none()
        && args.limit.is_none()
        && args.name.is_none()
        && args.server.is_none()
        && args.status.is_none()
        && args.image_type.is_none()
        && args.min_ram.is_none()
        && args.min_disk.is_none()
}

/// The server-side query, and the status selected here when the server cannot.
fn query(args: &ListArgs) -> (ListOpts, Option<&'static str>) {
    let (server_status, client_status) = match args.status.as_deref().map(status_filter) {
        Some(StatusFilter::Server(s)) => (Some(s), None),
        Some(StatusFilter::Client(s)) => (None, Some(s)),
        None => (None, None),
    };
    // Selected on the server, --limit also caps the pages; selected here, a page holds
    // images that do not count, so pages stay full and paging goes on until enough match.
    let page_size = match (args.limit, client_status) {
        (Some(limit), None) => limit.min(args.page_size),
        _ => args.page_size,
    };
    let opts = ListOpts {
        changes_since: args.changes_since.clone(),
        limit: Some(page_size),
        marker: args.marker.clone(),
        name: args.name.clone(),
        server: args.server.clone(),
        status: server_status,
        image_type: args.image_type.clone(),
        min_ram: args.min_ram,
        min_disk: args.min_disk,
    };
    (opts, client_status)
}

/// Every page (or enough of them for `wanted`), with a spinner once there is more than one.
/// Everything is fetched before anything is written: a failed page leaves stdout empty.
async fn fetch(
    mut pager: Pager<'_>,
    client_status: Option<&str>,
    wanted: Option<usize>,
    printer: &Printer,
) -> Result<Vec<Image>> {
    let mut images = Vec::new();
    let (mut fetched, mut pages) = (0, 0);
    let mut progress: Option<Progress> = None;
    while let Some(page) = pager.next_page().await? {
        pages += 1;
        fetched += page.images.len();
        if page.next.is_some() || pages > 1 {
            let plural = if pages == 1 { "" } else { "s" };
            progress
                .get_or_insert_with(|| Progress::spinner(printer))
                .update(
                    &format!("fetched {fetched} images, {pages} page{plural}"),
                    None,
                );
        }
        images.extend(
            page.images
                .into_iter()
                .filter(|i| client_status.is_none_or(|s| i.status.eq_ignore_ascii_case(s))),
        );
        if let Some(wanted) = wanted
            && images.len() >= wanted
        {
            images.truncate(wanted);
            break;
        }
    }
    Ok(images)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_statuses_are_selected_here_except_active() {
        use StatusFilter::*;
        for (given, want) in [
            ("ACTIVE", Server("ACTIVE".into())),
            ("active", Server("ACTIVE".into())),
            ("SAVING", Client("SAVING")),
            ("saving", Client("SAVING")),
            ("Deleted", Client("DELETED")),
            ("error", Client("ERROR")),
            ("UNKNOWN", Client("UNKNOWN")),
            ("queued", Server("queued".into())),
            ("killed", Server("killed".into())),
            ("pending_delete", Server("pending_delete".into())),
            ("deactivated", Server("deactivated".into())),
        ] {
            assert_eq!(status_filter(given), want, "{given}");
        }
    }
}
