//! `nova-images completion`: the completion script, from the clap definition alone (no
//! configuration is read and no request is made); and the hidden refresh of the
//! live-completion cache.

use crate::app::complete::{self, Names};
use crate::app::failure::Result;
use crate::app::output::Printer;
use crate::cli::{self, CompletionArgs};
use crate::client::ListOpts;
use crate::config::Env;
use crate::error::Error;

pub(super) fn run(args: &CompletionArgs, printer: &mut Printer) -> Result<()> {
    printer.data(&cli::completion_script(args.shell))
}

/// `nova-images refresh-completion-cache` (hidden; what a TAB on a stale cache starts, with
/// the cloud's refresh lock taken): the first images of the cloud into the completion cache,
/// within [`complete::REFRESH_DEADLINE`] in all, then the lock released however it ended.
/// A refresh cut short leaves the cache as it was.
pub(super) async fn refresh(
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let deadline = complete::REFRESH_DEADLINE;
    let result = match tokio::time::timeout(deadline, first_images(conn, env, printer)).await {
        Ok(Ok((cloud, names))) => {
            complete::remember(env, &cloud, names);
            Ok(())
        }
        Ok(Err(e)) => Err(e),
        Err(_) => Err(Error::Timeout {
            method: "GET".into(),
            url: "every page of the completion refresh".into(),
            seconds: deadline.as_secs_f64(),
        }
        .into()),
    };
    // After the cache is written: a TAB in between would see it stale and unlocked.
    if let Some(cloud) = &conn.args.os_cloud {
        complete::release_lock(env, cloud);
    }
    result
}

/// The cloud's name and its images, as many as the completion cache holds.
async fn first_images(
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(String, Names)> {
    let (connected, cloud) = super::connect_cloud(conn, env, printer).await?;
    let images = connected.images().await?;
    let opts = ListOpts::default();
    let mut pager = crate::client::Api::from(&images).list(&opts);
    let mut names = Names::default();
    while let Some(page) = pager.next_page().await? {
        for image in &page.images {
            names.push(&image.id, image.name.as_deref());
        }
        if names.is_full() {
            break;
        }
    }
    Ok((cloud.name, names))
}
