//! `nova-images list`

use std::io::BufRead;

use serde_json::Value;

use super::fanout::{self, Job};
use crate::app::complete::Names;
use crate::app::output::{self, Listing, OutputOpts, Printer, Spool};
use crate::app::progress::Progress;
use crate::cli::{FilterArgs, ListArgs};
use crate::client::{ListOpts, Pager};
use crate::config::Env;
use crate::error::{Error, Result};
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
    if args.fan_out.fans_out() {
        return run_fanned(&args, render, conn, env, printer).await;
    }
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
        names: complete.then(Names::default),
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

/// `list` across clouds and regions: every target listed at once (`--concurrency` at a
/// time), each into a spool of its own; then the targets in their fixed order, each item
/// with its `cloud` and `region`. A target that fails is one error (its listing is absent);
/// the others are printed whole.
async fn run_fanned(
    args: &ListArgs,
    mut render: OutputOpts,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    render.targets = true;
    let (opts, client_status) = query(args);
    let limit = args.limit.map(|l| l as usize);
    let targets = fanout::connect_all(&args.fan_out, conn, env, printer).await?;
    let jobs: Vec<Job<Result<Spool>>> = targets
        .into_iter()
        .map(|target| -> Job<Result<Spool>> {
            match target {
                Ok(target) => Box::pin(collect(target, opts.clone(), client_status, limit)),
                Err(e) => Box::pin(async move { Err(e) }),
            }
        })
        .collect();
    let total = jobs.len();
    let results = fanout::bounded(jobs, args.fan_out.concurrency as usize).await;
    let causes = print_targets(results, &render, printer)?;
    if causes.is_empty() {
        return Ok(());
    }
    Err(Error::SomeTargets {
        failed: causes.len(),
        total,
        causes,
    })
}

/// The targets' listings in their order, as one listing; each failed target is reported
/// and returned.
fn print_targets(
    results: Vec<Result<Spool>>,
    render: &OutputOpts,
    printer: &mut Printer,
) -> Result<Vec<Error>> {
    let mut causes = Vec::new();
    if render.sort_columns.is_empty() {
        let mut listing = Listing::new(render, &printer.terminal)?;
        for result in results {
            match result.and_then(|spool| {
                replay(spool, &mut |page| {
                    let now = listing.page(page)?;
                    printer.data(now.as_bytes())
                })
            }) {
                Ok(()) => {}
                Err(e) => {
                    printer.error(&e);
                    causes.push(e);
                }
            }
        }
        printer.data_from(listing.finish()?)?;
    } else {
        // Sorting needs every image before the first row.
        let mut images = Vec::new();
        for result in results {
            let mut keep = |page: &[Image]| {
                images.extend_from_slice(page);
                Ok(())
            };
            if let Err(e) = result.and_then(|spool| replay(spool, &mut keep)) {
                printer.error(&e);
                causes.push(e);
            }
        }
        let text = output::render_list(&images, render, &printer.terminal)?;
        printer.data(text.as_bytes())?;
    }
    Ok(causes)
}

/// One target's listing, every page, each image with its `cloud` and `region`, as JSON lines
/// in a spool (1 MiB in memory, then a temporary file).
async fn collect(
    target: fanout::Target,
    opts: ListOpts,
    client_status: Option<&'static str>,
    limit: Option<usize>,
) -> Result<Spool> {
    let fanout::Target {
        cloud,
        region,
        nova,
    } = target;
    let failed = |e: Error| Error::Target {
        cloud: cloud.clone(),
        region: region.clone(),
        source: Box::new(e),
    };
    let mut pager = nova.list_detail(&opts);
    if let (Some(limit), None) = (limit, client_status) {
        pager = pager.max_images(limit);
    }
    let mut spool = Spool::with_limit(1024 * 1024);
    let mut kept = 0;
    while let Some(page) = pager.next_page().await.map_err(failed)? {
        let mut lines = String::new();
        for mut image in page.images {
            if limit.is_some_and(|l| kept >= l) {
                break;
            }
            if client_status.is_some_and(|s| !image.status.eq_ignore_ascii_case(s)) {
                continue;
            }
            kept += 1;
            image
                .extra
                .insert("cloud".into(), Value::String(cloud.clone()));
            image.extra.insert(
                "region".into(),
                region.clone().map_or(Value::Null, Value::String),
            );
            let line = serde_json::to_string(&image).map_err(|e| {
                failed(Error::io(
                    "cannot keep the listing",
                    std::io::Error::other(e),
                ))
            })?;
            lines.push_str(&line);
            lines.push('\n');
        }
        spool.push(&lines).map_err(failed)?;
        if limit.is_some_and(|l| kept >= l) {
            break;
        }
    }
    Ok(spool)
}

/// The images a [`collect`]ed spool holds, a thousand at a time.
fn replay(spool: Spool, each: &mut dyn FnMut(&[Image]) -> Result<()>) -> Result<()> {
    let reader = std::io::BufReader::new(spool.into_reader()?);
    let mut page = Vec::with_capacity(1000);
    for line in reader.lines() {
        let line = line.map_err(|e| Error::io("cannot read the listing back", e))?;
        let image: Image = serde_json::from_str(&line)
            .map_err(|e| Error::io("cannot read the listing back", std::io::Error::other(e)))?;
        page.push(image);
        if page.len() == 1000 {
            each(&page)?;
            page.clear();
        }
    }
    each(&page)
}

/// The walk over the pages: what is selected here, how many are wanted, the spinner, and the
/// IDs and names for the completion cache.
struct Walk {
    client_status: Option<&'static str>,
    wanted: Option<usize>,
    names: Option<Names>,
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
            for image in &images {
                names.push(&image.id, image.name.as_deref());
            }
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
    !args.filters.any() && args.marker.is_none() && args.limit.is_none()
}

/// `list`'s server-side query, and the status selected here when the server cannot.
fn query(args: &ListArgs) -> (ListOpts, Option<&'static str>) {
    let (mut opts, client_status) = selection(&args.filters, args.page_size);
    // Selected on the server, --limit also caps the pages; selected here, a page holds
    // images that do not count, so pages stay full and paging goes on until enough match.
    if let (Some(limit), None) = (args.limit, client_status) {
        opts.limit = Some(limit.min(args.page_size));
    }
    opts.marker = args.marker.clone();
    (opts, client_status)
}

/// The query of `filters` in pages of `page_size` (as `list` and `prune` select), and the
/// status selected here when the server cannot.
pub(super) fn selection(filters: &FilterArgs, page_size: u32) -> (ListOpts, Option<&'static str>) {
    let (server_status, client_status) = match filters.status.as_deref().map(status_filter) {
        Some(StatusFilter::Server(s)) => (Some(s), None),
        Some(StatusFilter::Client(s)) => (None, Some(s)),
        None => (None, None),
    };
    let opts = ListOpts {
        changes_since: filters.changes_since.clone(),
        limit: Some(page_size),
        marker: None,
        name: filters.name.clone(),
        server: filters.server.clone(),
        status: server_status,
        image_type: filters.image_type.clone(),
        min_ram: filters.min_ram,
        min_disk: filters.min_disk,
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
