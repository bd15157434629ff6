//! Many image operations at once, throttled: `--concurrency` at most, fewer while the
//! cloud fails them, results in the items' order, with a progress bar.

use tokio::task::JoinSet;

use crate::app::output::Printer;
use crate::app::progress::Progress;
use crate::error::{Error, Result};

/// Runs `job` for items 0..count, `concurrency` at a time (fewer while the cloud fails them:
/// [`Throttle`]), with a progress bar counting `verb` when there are several; the results in
/// the items' order. Only a task that cannot be joined fails the whole.
pub(crate) async fn throttled<F, Fut>(
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
pub(crate) struct Throttle {
    max: usize,
    now: usize,
}

impl Throttle {
    pub(crate) fn new(max: usize) -> Self {
        let max = max.max(1);
        Throttle { max, now: max }
    }

    pub(crate) fn limit(&self) -> usize {
        self.now
    }

    pub(crate) fn record(&mut self, result: &Result<String>, printer: &Printer) {
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
