//! `nova-images list`: the selection and targets of the options, through the listing
//! pipeline ([`crate::app::listing`]) into the format's renderer.

use std::sync::Arc;

use super::Connection;
use crate::app::failure::{Failure, Result};
use crate::app::listing::{self, Sink, Walk};
use crate::app::output::{self, ListRender, Printer};
use crate::app::targets;
use crate::cli::ListArgs;
use crate::config::Env;
use crate::model::{Image, Place};

pub(super) async fn run(
    args: ListArgs,
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let mut render = args.output_opts()?;
    let fanned = args.fan_out.fans_out();
    render.targets = fanned;
    let mut selection = listing::selection(
        &args.filters,
        args.older.older_than,
        args.page_size,
        args.marker.clone(),
    );
    if let Some(limit) = args.limit {
        selection = selection.with_limit(limit as usize);
    }
    let targets = if fanned {
        targets::connect_all(&args.fan_out, conn, env, printer).await?
    } else {
        vec![Ok(targets::this_cloud(conn, env, printer).await?)]
    };
    let walk = Walk {
        selection: &selection,
        complete: is_full_listing(&args).then_some(env),
        fanned,
        concurrency: args.fan_out.concurrency as usize,
    };
    let total = targets.len();
    let walked = if render.sort_columns.is_empty() {
        let mut sink = Streamed {
            render: ListRender::new(&render, &printer.terminal)?,
        };
        let walked = walk.run(targets, printer, &mut sink).await?;
        if walked.failed.len() < total {
            printer.data_from(sink.render.finish()?)?;
        }
        walked
    } else {
        // Sorting needs every image before the first row: the one listing held in memory.
        let mut sink = Sorted(Vec::new());
        let walked = walk.run(targets, printer, &mut sink).await?;
        if walked.failed.len() < total {
            let text = output::render_sorted(&sink.0, &render, &printer.terminal)?;
            printer.data(text.as_bytes())?;
        }
        walked
    };
    if walked.failed.is_empty() {
        return Ok(());
    }
    Err(Failure::SomeTargets {
        failed: walked.failed.len(),
        total,
        causes: walked.failed,
    })
}

/// Pages rendered as they arrive.
struct Streamed {
    render: ListRender,
}

impl Sink for Streamed {
    fn page(
        &mut self,
        printer: &mut Printer,
        place: Option<&Arc<Place>>,
        images: Vec<Image>,
    ) -> Result<()> {
        let now = self.render.page(place.map(|p| &**p), &images)?;
        if now.is_empty() {
            return Ok(());
        }
        printer.data(now.as_bytes())
    }
}

/// Every image kept, to be sorted.
struct Sorted(Vec<(Option<Arc<Place>>, Image)>);

impl Sink for Sorted {
    fn page(
        &mut self,
        _: &mut Printer,
        place: Option<&Arc<Place>>,
        images: Vec<Image>,
    ) -> Result<()> {
        self.0
            .extend(images.into_iter().map(|i| (place.cloned(), i)));
        Ok(())
    }
}

/// Only a full listing may replace the live-completion cache.
fn is_full_listing(args: &ListArgs) -> bool {
    !args.filters.any()
        && args.older.older_than.is_none()
        && args.marker.is_none()
        && args.limit.is_none()
}
