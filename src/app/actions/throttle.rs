//! Many image operations at once, throttled: `--concurrency` at most, fewer while the
//! cloud fails them, results in the items' order, with a progress bar; stopped in order on
//! an interrupt.

use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::app::failure::{Failure, Result};
use crate::app::interrupt::{Claim, GRACE};
use crate::app::output::Printer;
use crate::app::progress::Progress;
use crate::error::Error;

/// What became of one item of a [`throttled`] run (`T`: what a job that worked gives).
#[derive(Debug)]
pub(crate) enum Outcome<T = String> {
    /// The job ran to its end.
    Done(Result<T>),
    /// It was under way when the run was interrupted and had not ended within [`GRACE`]:
    /// abandoned, its effect unknown.
    Interrupted,
    /// The run was interrupted before it started.
    NotAttempted,
}

impl<T> Outcome<T> {
    /// The same outcome, with what the job gave turned by `f`.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Done(result) => Outcome::Done(result.map(f)),
            Outcome::Interrupted => Outcome::Interrupted,
            Outcome::NotAttempted => Outcome::NotAttempted,
        }
    }

    /// The `result` word of the records (`deleted`, or `would delete` for a dry run, is the
    /// caller's); `None` for a job that ran to its end.
    pub(crate) fn unfinished(&self) -> Option<&'static str> {
        match self {
            Outcome::Done(_) => None,
            Outcome::Interrupted => Some("interrupted"),
            Outcome::NotAttempted => Some("not attempted"),
        }
    }
}

/// How a run of many deletes ended, for the summary on stderr.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) done: usize,
    pub(crate) failed: usize,
    /// Refused because the image is in use (not among `failed`).
    pub(crate) in_use: usize,
    pub(crate) interrupted: usize,
    pub(crate) not_attempted: usize,
}

impl Tally {
    pub(crate) fn of<'a, T: 'a>(outcomes: impl IntoIterator<Item = &'a Outcome<T>>) -> Self {
        let mut tally = Tally::default();
        for outcome in outcomes {
            match outcome {
                Outcome::Done(Ok(_)) => tally.done += 1,
                Outcome::Done(Err(e)) if e.is_in_use() => tally.in_use += 1,
                Outcome::Done(Err(_)) => tally.failed += 1,
                Outcome::Interrupted => tally.interrupted += 1,
                Outcome::NotAttempted => tally.not_attempted += 1,
            }
        }
        tally
    }

    /// `deleted X of Y; Z failed, U in use, W interrupted (outcome unknown), V not
    /// attempted`, each part only when it is not zero.
    pub(crate) fn summary(&self, verb: &str) -> String {
        let total = self.done + self.failed + self.in_use + self.interrupted + self.not_attempted;
        let mut text = format!("{verb} {} of {total}", self.done);
        let parts: Vec<String> = [
            (self.failed, "failed"),
            (self.in_use, "in use"),
            (self.interrupted, "interrupted (outcome unknown)"),
            (self.not_attempted, "not attempted"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if !parts.is_empty() {
            text = format!("{text}; {}", parts.join(", "));
        }
        text
    }
}

/// Runs `job` for items 0..count, `concurrency` at a time (fewer while the cloud fails them:
/// [`Throttle`]), with a progress bar counting `verb` when there are several; the outcomes
/// in the items' order. Once `stop` is requested (an interrupt) no job starts, those under
/// way get [`GRACE`] to end, and then are abandoned. Only a task that cannot be joined fails
/// the whole.
pub(crate) async fn throttled<T, F, Fut>(
    count: usize,
    concurrency: usize,
    verb: &str,
    printer: &Printer,
    stop: &Claim,
    job: F,
) -> Result<Vec<Outcome<T>>>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Result<T>> + Send + 'static,
{
    let mut progress = (count > 1).then(|| Progress::counter(printer, count as u64));
    let mut results: Vec<Option<Result<T>>> = (0..count).map(|_| None).collect();
    let mut throttle = Throttle::new(concurrency);
    let mut tasks = JoinSet::new();
    let (mut next, mut done) = (0, 0);
    let mut grace_until: Option<Instant> = None;
    loop {
        let stopping = stop.requested();
        while !stopping && next < count && tasks.len() < throttle.limit() {
            let work = job(next);
            let index = next;
            tasks.spawn(async move { (index, work.await) });
            next += 1;
        }
        if tasks.is_empty() {
            break;
        }
        tokio::select! {
            joined = tasks.join_next() => {
                let Some(joined) = joined else { break };
                let (index, result) = joined.map_err(|e| {
                    Failure::io(
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
            () = stop.wait(), if grace_until.is_none() => {
                grace_until = Some(Instant::now() + GRACE);
                printer.diag().info(&format!(
                    "interrupted: nothing new starts; waiting up to {} s for the {} under way \
                     (interrupt again to stop at once)",
                    GRACE.as_secs(),
                    tasks.len()
                ));
            }
            () = sleep_until(grace_until) => {
                // Abandoned, and awaited until each has really stopped, so that none sends a
                // request after the run has reported (one that ended meanwhile still counts).
                tasks.abort_all();
                while let Some(joined) = tasks.join_next().await {
                    if let Ok((index, result)) = joined {
                        results[index] = Some(result);
                    }
                }
                break;
            }
        }
    }
    Ok((results.into_iter().enumerate())
        .map(|(index, result)| match result {
            Some(result) => Outcome::Done(result),
            None if index < next => Outcome::Interrupted,
            None => Outcome::NotAttempted,
        })
        .collect())
}

/// Sleeps until `deadline`; without one, forever.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
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

    pub(crate) fn record<T>(&mut self, result: &Result<T>, printer: &Printer) {
        // An image in use (Nova's 500 naming ImageDeleteConflict) is `Failure::InUse`, not
        // an answered `Failure::Image`: a refusal, so the cloud is not failing.
        let failed = match result {
            Err(Failure::Image { source, .. }) => {
                matches!(&**source, Failure::Lib(Error::Api(api)) if api.status >= 500)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::interrupt::tests::fresh;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn printer() -> Printer {
        Printer::new(Box::new(Vec::new()), Box::new(std::io::sink()))
    }

    type Job = std::pin::Pin<Box<dyn Future<Output = Result<String>> + Send>>;

    /// Job `n` takes `seconds[n]` and returns its number; the count of jobs started.
    fn jobs(seconds: &'static [u64]) -> (Arc<AtomicUsize>, impl Fn(usize) -> Job) {
        let started = Arc::new(AtomicUsize::new(0));
        let counter = started.clone();
        let job = move |n: usize| -> Job {
            counter.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move {
                tokio::time::sleep(Duration::from_secs(seconds[n])).await;
                Ok(n.to_string())
            })
        };
        (started, job)
    }

    fn words(outcomes: &[Outcome]) -> Vec<String> {
        (outcomes.iter())
            .map(|o| match o {
                Outcome::Done(Ok(n)) => format!("done {n}"),
                Outcome::Done(Err(e)) => format!("failed {e}"),
                other => other.unfinished().unwrap_or_default().to_owned(),
            })
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn an_interrupt_starts_nothing_new_and_abandons_what_outlives_the_grace() {
        let interrupt = fresh();
        let claim = interrupt.claim();
        let (started, job) = jobs(&[1, 60, 1, 1, 1]);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            interrupt.signal(|| panic!("claimed: the process must not end"));
        });
        let begun = Instant::now();
        let outcomes = throttled(5, 2, "deleted", &printer(), &claim, job).await;
        let outcomes = outcomes.unwrap();
        assert_eq!(
            words(&outcomes),
            [
                "done 0",
                "interrupted",
                "not attempted",
                "not attempted",
                "not attempted"
            ]
        );
        assert_eq!(started.load(Ordering::SeqCst), 2);
        // The paused clock: exactly the grace after the interrupt.
        assert_eq!(begun.elapsed(), Duration::from_millis(500) + GRACE);
        let tally = Tally::of(&outcomes);
        assert_eq!(
            tally.summary("deleted"),
            "deleted 1 of 5; 1 interrupted (outcome unknown), 3 not attempted"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn jobs_that_end_within_the_grace_are_done() {
        let interrupt = fresh();
        let claim = interrupt.claim();
        let (_, job) = jobs(&[2, 3, 1]);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            interrupt.signal(|| panic!("claimed: the process must not end"));
        });
        let outcomes = throttled(3, 2, "deleted", &printer(), &claim, job).await;
        assert_eq!(
            words(&outcomes.unwrap()),
            ["done 0", "done 1", "not attempted"]
        );
    }

    fn refused(status: u16, message: &str) -> Result<String> {
        use crate::app::failure::ForImage;
        use crate::error::{ApiError, Route};
        Err(Error::Api(Box::new(ApiError {
            method: "DELETE".into(),
            url: "http://x/images/a".into(),
            status,
            message: Some(message.into()),
            request_id: None,
            retried: false,
            route: Route::Image,
            microversion: None,
        }))
        .for_image("a"))
    }

    #[test]
    fn an_image_in_use_does_not_lower_the_concurrency_but_a_failing_cloud_does() {
        let (printer, mut throttle) = (printer(), Throttle::new(8));
        let in_use = refused(
            500,
            "Unexpected API Error. <class 'nova.exception.ImageDeleteConflict'>",
        );
        for _ in 0..3 {
            throttle.record(&in_use, &printer);
        }
        assert_eq!(throttle.limit(), 8);
        throttle.record(&refused(500, "Unexpected API Error."), &printer);
        assert_eq!(throttle.limit(), 4);
        let outcomes = [Outcome::Done(in_use), Outcome::Done(Ok("b".into()))];
        assert_eq!(
            Tally::of(&outcomes).summary("deleted"),
            "deleted 1 of 2; 1 in use"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn without_an_interrupt_every_job_runs_in_order() {
        let claim = fresh().claim();
        let (started, job) = jobs(&[3, 1, 2, 1]);
        let outcomes = throttled(4, 2, "deleted", &printer(), &claim, job).await;
        let outcomes = outcomes.unwrap();
        assert_eq!(words(&outcomes), ["done 0", "done 1", "done 2", "done 3"]);
        assert_eq!(started.load(Ordering::SeqCst), 4);
        assert_eq!(Tally::of(&outcomes).summary("deleted"), "deleted 4 of 4");
    }
}
