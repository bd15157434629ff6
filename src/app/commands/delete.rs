//! `nova-images delete`: many images at once, safely.
//!
//! Every image is attempted, at most `--concurrency` at a time; results are reported in the
//! order the images were given, whatever order the deletions finish in. Each argument is
//! tried as an ID (a DELETE, so an ID costs one request); on 404 it is looked up as an exact
//! name, as `show` does.

use std::io::BufRead;

use serde_json::{Value, json};
use tokio::task::JoinSet;

use std::time::{Duration, Instant};

use super::resolve::{Pick, choose, resolve_image};
use super::wait::{look, within};
use crate::app::output::Printer;
use crate::app::progress::Progress;
use crate::app::report;
use crate::cli::{DEFAULT_MAX_WAIT, DeleteArgs, ResultFormat};
use crate::client::ComputeClient;
use crate::config::Env;
use crate::error::{Error, Result};

pub(super) async fn run(
    args: DeleteArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let ids = image_ids(&args)?;
    let nova = super::connect(conn, env, printer).await?;
    let pick = Pick::from_args(&args.pick);
    let wait = args.wait.then(|| {
        let limit = args.max_wait.unwrap_or(DEFAULT_MAX_WAIT);
        Waiting {
            deadline: Instant::now() + limit,
            interval: args.interval,
            seconds: limit.as_secs_f64(),
        }
    });
    let dry_run = args.dry_run;
    let verb = if dry_run { "checked" } else { "deleted" };
    let results = throttled(
        ids.len(),
        args.concurrency as usize,
        verb,
        printer,
        |index| {
            let (nova, id) = (nova.clone(), ids[index].clone());
            async move {
                let result = delete_one(&nova, &id, dry_run, pick).await;
                match (result, wait) {
                    (Ok(deleted), Some(wait)) => {
                        wait.until_gone(&nova, &deleted).await.map(|()| deleted)
                    }
                    (result, _) => result,
                }
            }
        },
    )
    .await?;
    report(&args, &ids, results, printer)
}

/// Runs `job` for items 0..count, `concurrency` at a time (fewer while the cloud fails them:
/// [`Throttle`]), with a progress bar counting `verb` when there are several; the results in
/// the items' order. Only a task that cannot be joined fails the whole.
pub(super) async fn throttled<F, Fut>(
    count: usize,
    concurrency: usize,
    verb: &str,
    printer: &Printer,
    job: F,
) -> Result<Vec<Result<String>>>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Result<String>> + Send + 'static,
{
    let mut progress = (count > 1).then(|| Progress::counter(printer, count as u64));
    let mut results: Vec<Option<Result<String>>> = (0..count).map(|_| None).collect();
    let mut throttle = Throttle::new(concurrency);
    let mut tasks = JoinSet::new();
    let (mut next, mut done) = (0, 0);
    while next < count || !tasks.is_empty() {
        while next < count && tasks.len() < throttle.limit() {
            let work = job(next);
            let index = next;
            tasks.spawn(async move { (index, work.await) });
            next += 1;
        }
        if let Some(joined) = tasks.join_next().await {
            let (index, result) = joined.map_err(|e| {
                Error::io(
                    "a deletion task failed",
                    std::io::Error::other(e.to_string()),
                )
            })?;
            throttle.record(&result, printer);
            results[index] = Some(result);
            done += 1;
            if let Some(progress) = &mut progress {
                progress.update(verb, Some(done));
            }
        }
    }
    Ok(results
        .into_iter()
        .map(|r| r.unwrap_or(Err(Error::Interrupted)))
        .collect())
}

/// How many deletes run at once: `--concurrency` at most, halved each time the cloud fails
/// one with a 5xx (after that delete's own retries), raised by one with each success, so
/// that a cloud that chokes on parallel writes gets fewer of them until it recovers.
pub(super) struct Throttle {
    max: usize,
    now: usize,
}

impl Throttle {
    pub(super) fn new(max: usize) -> Self {
        let max = max.max(1);
        Throttle { max, now: max }
    }

    pub(super) fn limit(&self) -> usize {
        self.now
    }

    pub(super) fn record(&mut self, result: &Result<String>, printer: &Printer) {
        let failed = match result {
            Err(Error::Image { source, .. }) => {
                matches!(&**source, Error::Api(api) if api.status >= 500)
            }
            _ => false,
        };
        if failed && self.now > 1 {
            self.now = (self.now / 2).max(1);
            printer.diag().notice(&format!(
                "the cloud is failing deletes; {} at a time now",
                self.now
            ));
        } else if result.is_ok() && self.now < self.max {
            self.now += 1;
            if self.now == self.max {
                printer.diag().notice(&format!(
                    "deletes succeed again; back to {} at a time",
                    self.now
                ));
            }
        }
    }
}

/// Deletes (or with `dry_run` looks up) the image `item` names; returns its ID.
async fn delete_one(
    nova: &ComputeClient,
    item: &str,
    dry_run: bool,
    pick: Option<Pick>,
) -> Result<String> {
    if dry_run {
        return resolve_image(nova, item, pick).await.map(|image| image.id);
    }
    match nova.delete(item).await {
        Ok(()) => Ok(item.to_owned()),
        Err(Error::Api(api)) if api.status == 404 => {
            let named = nova.images_named(item).await?;
            if named.is_empty() {
                return Err(Error::NoSuchImage {
                    image: item.to_owned(),
                    api,
                });
            }
            let image = choose(item, named, pick)?;
            nova.delete(&image.id)
                .await
                .map(|()| image.id.clone())
                .map_err(|e| e.for_image(&image.id))
        }
        Err(Error::Unaddressable { .. }) => {
            let image = super::resolve::by_name(nova, item, pick).await?;
            nova.delete(&image.id)
                .await
                .map(|()| image.id.clone())
                .map_err(|e| e.for_image(&image.id))
        }
        Err(e) => Err(e.for_image(item)),
    }
}

/// `--wait`: how long, and how often, to look for deleted images.
#[derive(Debug, Clone, Copy)]
pub(super) struct Waiting {
    pub(super) deadline: Instant,
    pub(super) interval: Duration,
    pub(super) seconds: f64,
}

impl Waiting {
    /// Polls `id` until it answers 404, or fails with [`Error::WaitTimedOut`] (exit 7).
    pub(super) async fn until_gone(&self, nova: &ComputeClient, id: &str) -> Result<()> {
        let timed_out = |last: String| Error::WaitTimedOut {
            image: id.to_owned(),
            target: "DELETED".into(),
            last,
            seconds: self.seconds,
        };
        let mut last = "no answer".to_owned();
        loop {
            match within(self.deadline, look(nova, id)).await {
                None => return Err(timed_out(last)),
                Some(Ok(None)) => return Ok(()),
                Some(Ok(Some(image))) => {
                    last = format!("still {}", image.status);
                    let remaining = self.deadline.saturating_duration_since(Instant::now());
                    if remaining.is_zero() {
                        return Err(timed_out(last));
                    }
                    tokio::time::sleep(self.interval.min(remaining)).await;
                    if Instant::now() >= self.deadline {
                        return Err(timed_out(last));
                    }
                }
                Some(Err(e)) => return Err(e.for_image(id)),
            }
        }
    }
}

/// The IDs from the arguments, or stdin for `-` / `--stdin`.
fn image_ids(args: &DeleteArgs) -> Result<Vec<String>> {
    let from_stdin = args.stdin || args.images.iter().any(|i| i == "-");
    let mut ids: Vec<String> = args.images.iter().filter(|i| *i != "-").cloned().collect();
    if from_stdin {
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| Error::io("cannot read image IDs from stdin", e))?;
            let id = line.trim();
            if !id.is_empty() && !id.starts_with('#') {
                ids.push(id.to_owned());
            }
        }
    }
    if ids.is_empty() {
        return Err(Error::usage(
            "no image to delete",
            Some("give image IDs as arguments or one per line on stdin".into()),
        ));
    }
    Ok(ids)
}

/// Failures on stderr one per line, the summary, the per-image results, the exit code.
fn report(
    args: &DeleteArgs,
    ids: &[String],
    results: Vec<Result<String>>,
    printer: &mut Printer,
) -> Result<()> {
    let verb = if args.dry_run {
        "would delete"
    } else {
        "deleted"
    };
    let mut causes = Vec::new();
    let mut records = Vec::new();
    for (id, result) in ids.iter().zip(results) {
        let record = match &result {
            Ok(deleted) => {
                if args.dry_run && args.format.is_none() {
                    printer.data(format!("would delete {deleted}\n").as_bytes())?;
                }
                if deleted == id {
                    json!({ "id": id, "result": verb })
                } else {
                    json!({ "id": deleted, "name": id, "result": verb })
                }
            }
            Err(e) => {
                printer.error(e);
                json!({ "id": id, "result": "failed", "error": e.to_string(),
                        "exit_code": report::exit_code(e) })
            }
        };
        if let Err(e) = result {
            causes.push(e);
        }
        records.push(record);
    }
    if let Some(format) = args.format {
        let value = Value::Array(records);
        let text = match format {
            ResultFormat::Json => serde_json::to_string_pretty(&value).map(|s| s + "\n").ok(),
            ResultFormat::Yaml => serde_yaml::to_string(&value).ok(),
        };
        printer.data(text.unwrap_or_default().as_bytes())?;
    }
    if causes.is_empty() {
        if ids.len() > 1 {
            printer
                .diag()
                .info(&format!("{verb} {} of {}", ids.len(), ids.len()));
        }
        return Ok(());
    }
    Err(Error::Partial {
        failed: causes.len(),
        total: ids.len(),
        verb,
        causes,
    })
}
