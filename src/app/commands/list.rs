//! `nova-images list`

use crate::app::output::{self, Listing, Printer};
use crate::app::progress::Progress;
use crate::cli::ListArgs;
use crate::client::{ListOpts, Pager};
use crate::config::Env;
use crate::error::Result;
use crate::model::Image;

/// Where `--status` is applied.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum StatusFilter {
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
pub(super) fn status_filter(status: &str) -> StatusFilter {
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
    let mut walk = Walk {
        client_status,
        wanted: args.limit.map(|l| l as usize),
        names: complete.then(Vec::new),
        progress: None,
        fetched: 0,
        pages: 0,
        kept: 0,
    };
    if !render.sort_columns.is_empty() {
        // Sorting needs every image before the first row: the one listing held in memory.
        let mut images = Vec::new();
        while let Some(page) = walk.next(&mut pager, printer).await? {
            images.extend(page);
        }
        walk.done(env, &cloud);
        let text = output::render_list(&images, &render, &printer.terminal)?;
        return printer.data(text.as_bytes());
    }
    let mut listing = Listing::new(&render, &printer.terminal)?;
    while let Some(page) = walk.next(&mut pager, printer).await? {
        let now = listing.page(&page)?;
        if !now.is_empty() {
            printer.data(now.as_bytes())?;
        }
    }
    walk.done(env, &cloud);
    printer.data_from(listing.finish()?)
}

/// The walk over the pages: what is selected here, how many are wanted, the spinner, and the
/// IDs and names for the completion cache.
struct Walk {
    client_status: Option<&'static str>,
    wanted: Option<usize>,
    names: Option<Vec<(String, Option<String>)>>,
    progress: Option<Progress>,
    fetched: usize,
    pages: usize,
    kept: usize,
}

impl Walk {
    /// The next page's images that are kept, or `None` at the end (or once enough are).
    async fn next(
        &mut self,
        pager: &mut Pager<'_>,
        printer: &Printer,
    ) -> Result<Option<Vec<Image>>> {
        if self.wanted.is_some_and(|w| self.kept >= w) {
            return Ok(None);
        }
        let Some(page) = pager.next_page().await? else {
            return Ok(None);
        };
        self.pages += 1;
        self.fetched += page.images.len();
        if page.next.is_some() || self.pages > 1 {
            let plural = if self.pages == 1 { "" } else { "s" };
            let text = format!(
                "fetched {} images, {} page{plural}",
                self.fetched, self.pages
            );
            self.progress
                .get_or_insert_with(|| Progress::spinner(printer))
                .update(&text, None);
        }
        let status = self.client_status;
        let mut images: Vec<Image> = page
            .images
            .into_iter()
            .filter(|i| status.is_none_or(|s| i.status.eq_ignore_ascii_case(s)))
            .collect();
        if let Some(wanted) = self.wanted {
            images.truncate(wanted - self.kept);
        }
        self.kept += images.len();
        if let Some(names) = &mut self.names {
            names.extend(images.iter().map(|i| (i.id.clone(), i.name.clone())));
        }
        Ok(Some(images))
    }

    /// After the last page: the spinner goes, a full listing refreshes the completion cache.
    fn done(&mut self, env: &Env, cloud: &str) {
        self.progress = None;
        if let Some(names) = self.names.take() {
            crate::app::complete::remember(env, cloud, names);
        }
    }
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
