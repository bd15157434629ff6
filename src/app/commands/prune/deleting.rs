//! Carrying out the plan: the deletes, once per image and endpoint, their results and the
//! report.

use super::*;

/// How the planned deletes run: as `delete`'s.
#[derive(Debug, Clone, Copy)]
pub(super) struct Deleting {
    pub(super) concurrency: usize,
    pub(super) wait: Option<Waiting>,
}

impl Deleting {
    pub(super) fn from_args(args: &PruneArgs) -> Self {
        let wait = args.wait.then(|| {
            let limit = args.max_wait.unwrap_or(DEFAULT_MAX_WAIT);
            Waiting {
                deadline: Instant::now() + limit,
                interval: args.interval,
                seconds: limit.as_secs_f64(),
            }
        });
        Deleting {
            concurrency: args.fan_out.concurrency as usize,
            wait,
        }
    }

    /// Deletes the images `planned` marks `delete` on `nova` (but those `skip` says this
    /// run already deleted there), `concurrency` at a time (fewer while the cloud fails
    /// them), with a progress bar, until `stop` is requested; one outcome per planned image,
    /// in order (`None` for those kept or skipped). Only a task that cannot be joined fails
    /// the whole.
    pub(super) async fn delete(
        &self,
        nova: &Images,
        planned: &[Planned],
        skip: impl Fn(&Planned) -> bool,
        printer: &Printer,
        stop: &Claim,
    ) -> Result<Vec<Option<Outcome<Deleted>>>> {
        let doomed: Vec<usize> = (planned.iter().enumerate())
            .filter(|(_, p)| p.action == Action::Delete && !skip(p))
            .map(|(index, _)| index)
            .collect();
        let wait = self.wait;
        let count = doomed.len();
        let done = throttled(count, self.concurrency, "deleted", printer, stop, |n| {
            let (nova, id) = (nova.clone(), planned[doomed[n]].image.id().to_owned());
            async move {
                let mut result = nova.delete(&id).await.map_err(|e| e.for_image(&id));
                if let (Ok(()), Some(wait)) = (&result, wait) {
                    result = wait.until_gone(&nova, &id).await;
                }
                result.map(|()| id)
            }
        })
        .await?;
        let mut results: Vec<Option<Outcome<Deleted>>> = planned.iter().map(|_| None).collect();
        for (index, outcome) in doomed.into_iter().zip(done) {
            results[index] = Some(outcome.map(|_| Deleted::Here));
        }
        Ok(results)
    }
}

/// A delete that worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Deleted {
    /// This target's DELETE.
    Here,
    /// An earlier target's, on the same image: on this same endpoint (no second DELETE
    /// was sent), or on another endpoint over the same image store (this one's DELETE
    /// answered 404).
    By(Arc<Place>),
}

/// The images this run deleted, so that each image ID is deleted once per compute endpoint
/// (the same cloud twice under two names, say), and a 404 for an image that an earlier
/// target deleted (regions whose endpoints share one image store) is that delete's
/// result, not a failure.
#[derive(Default)]
pub(super) struct Gone {
    /// Each image ID deleted: the target whose DELETE worked first, and the endpoints where
    /// the image is known to be gone.
    pub(super) ids: HashMap<Box<str>, (Arc<Place>, Vec<String>)>,
}

impl Gone {
    /// The target that deleted `id` when this run already knows it gone at `endpoint`.
    pub(super) fn here(&self, endpoint: &str, id: &str) -> Option<&Arc<Place>> {
        let (by, endpoints) = self.ids.get(id)?;
        endpoints.iter().any(|e| e == endpoint).then_some(by)
    }

    /// After `target`'s deletes (`results`, one per image of `planned`): the images it
    /// skipped, and those whose DELETE answered 404 after an earlier target deleted them,
    /// are deleted by that target; every image now gone here is remembered.
    pub(super) fn settle(
        &mut self,
        target: &TargetPlan,
        planned: &[Planned],
        results: &mut [Option<Outcome<Deleted>>],
    ) {
        let endpoint = target.nova.endpoint().as_str();
        for (p, result) in planned.iter().zip(results.iter_mut()) {
            let id = p.image.id();
            if p.action != Action::Delete {
                continue;
            }
            let earlier = self.ids.get(id).map(|(by, _)| by.clone());
            match (result.as_ref(), earlier) {
                (None, Some(by)) => *result = Some(Outcome::Done(Ok(Deleted::By(by)))),
                (Some(Outcome::Done(Err(e))), Some(by)) if status(e) == Some(404) => {
                    *result = Some(Outcome::Done(Ok(Deleted::By(by))));
                }
                _ => {}
            }
            if let Some(Outcome::Done(Ok(_))) = result {
                let (_, endpoints) = (self.ids)
                    .entry(id.into())
                    .or_insert_with(|| (target.place.clone(), Vec::new()));
                if !endpoints.iter().any(|e| e == endpoint) {
                    endpoints.push(endpoint.to_owned());
                }
            }
        }
    }
}

/// The HTTP status of a failed delete, when the API answered.
pub(super) fn status(failure: &Failure) -> Option<u16> {
    match failure {
        Failure::Image { source, .. } => match &**source {
            Failure::Lib(Error::Api(api)) => Some(api.status),
            _ => None,
        },
        _ => None,
    }
}

/// `deleted`, `deleted (by <cloud>/<region>)`, `in use`, `not found`, `forbidden` or
/// `failed: <message>`; after an interrupt, `interrupted` (under way, outcome unknown) or
/// `not attempted`.
pub(super) fn result_text(outcome: &Outcome<Deleted>) -> String {
    let result = match outcome {
        Outcome::Done(result) => result,
        unfinished => return unfinished.unfinished().unwrap_or_default().into(),
    };
    match result {
        Ok(Deleted::Here) => "deleted".into(),
        Ok(Deleted::By(place)) => match &place.region {
            Some(region) => format!("deleted (by {}/{region})", place.cloud),
            None => format!("deleted (by {})", place.cloud),
        },
        Err(e) if e.is_in_use() => "in use".into(),
        Err(e) => match status(e) {
            Some(404) => "not found".into(),
            Some(403) => "forbidden".into(),
            _ => format!("failed: {e}"),
        },
    }
}

/// The results on stdout, failures on stderr one per line, the summary, the exit code (130
/// when `interrupted`). An image in use is kept: a warning, counted apart, no failure.
pub(super) fn report(
    plan: &Plan,
    results: Vec<Option<Outcome<Deleted>>>,
    interrupted: bool,
    format: RecordFormat,
    printer: &mut Printer,
) -> Result<()> {
    printer.data_from(render(plan, Some(&results), format)?)?;
    let total = (plan.planned.iter())
        .filter(|p| p.action == Action::Delete)
        .count();
    let tally = Tally::of(results.iter().flatten());
    let mut causes = Vec::new();
    let mut in_use = Vec::new();
    for (p, outcome) in plan.planned.iter().zip(results) {
        match outcome {
            Some(Outcome::Done(Err(e))) if e.is_in_use() => in_use.push(e),
            Some(Outcome::Done(Err(e))) => causes.push(e),
            Some(Outcome::Interrupted) => printer.warn(&format!(
                "image {}: interrupted in flight; it may or may not be deleted",
                p.image.id()
            )),
            _ => {}
        }
    }
    for cause in &causes {
        printer.error(cause);
    }
    warn_in_use(&in_use, printer);
    if interrupted {
        printer.diag().info(&tally.summary("deleted"));
        return Err(Failure::Interrupted);
    }
    if causes.is_empty() {
        printer.diag().info(&tally_line(total, in_use.len()));
        return Ok(());
    }
    Err(Failure::Partial {
        failed: causes.len(),
        in_use: in_use.len(),
        total,
        verb: "deleted",
        causes,
    })
}

/// Each image kept because it is in use, as a warning, then the hint once.
pub(super) fn warn_in_use(in_use: &[Failure], printer: &mut Printer) {
    for refused in in_use {
        printer.warn(&format!("{refused}; kept"));
    }
    let hint = in_use.first().and_then(crate::app::report::hint);
    if let Some(hint) = hint
        && printer.diag().level() >= crate::diag::Level::Normal
    {
        printer.note(&format!("hint: {hint}"));
    }
}

/// `deleted X of Y`, or `deleted X of Y; N in use (kept)`.
pub(super) fn tally_line(total: usize, in_use: usize) -> String {
    match in_use {
        0 => format!("deleted {total} of {total}"),
        n => format!(
            "deleted {} of {total}; {n} in use (kept)",
            total.saturating_sub(n)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, name: &str, at: i64) -> Candidate {
        let created = format!("@{at}");
        Candidate::new(
            id,
            name,
            &created,
            Timestamp::from_second(at).unwrap(),
            true,
        )
    }
    /// A target of the plan at `url` whose rows are `planned`, all to be deleted.
    fn target(cloud: &str, url: &str, ids: &[&str]) -> (TargetPlan, Vec<Planned>) {
        let http = crate::http::Http::new(&Default::default()).unwrap();
        let planned: Vec<Planned> = (ids.iter())
            .map(|id| Planned {
                image: image(id, "x", 1),
                action: Action::Delete,
            })
            .collect();
        let target = TargetPlan {
            nova: Images::Nova(crate::client::ComputeClient::new(http, url, None).unwrap()),
            place: Arc::new(Place {
                cloud: cloud.into(),
                region: Some("R".into()),
            }),
            rows: 0..planned.len(),
        };
        (target, planned)
    }

    fn api(status: u16) -> Failure {
        use crate::error::{ApiError, Route};
        Error::Api(Box::new(ApiError {
            method: "DELETE".into(),
            url: "http://x/images/a".into(),
            status,
            message: None,
            request_id: None,
            retried: false,
            route: Route::Image,
            microversion: None,
        }))
        .for_image("a")
    }

    #[test]
    fn each_image_is_deleted_once_per_endpoint_and_a_404_after_another_target_is_no_failure() {
        let mut gone = Gone::default();
        let (one, planned) = target("one", "http://e1/v2.1", &["a", "b"]);
        let mut results = vec![done(Ok(Deleted::Here)), done(Err(api(403)))];
        gone.settle(&one, &planned, &mut results);
        let endpoint = "http://e1/v2.1/";
        assert_eq!(
            gone.here(endpoint, "a").map(|p| p.cloud.as_str()),
            Some("one")
        );
        assert!(gone.here(endpoint, "b").is_none(), "b was not deleted");
        assert!(gone.here("http://e2/v2.1/", "a").is_none());

        // The same endpoint under another cloud: a was skipped, b deleted this time.
        let (two, planned) = target("two", "http://e1/v2.1", &["a", "b"]);
        let mut results = vec![None, done(Ok(Deleted::Here))];
        gone.settle(&two, &planned, &mut results);
        let texts: Vec<String> = results.iter().flatten().map(result_text).collect();
        assert_eq!(texts, ["deleted (by one/R)", "deleted"]);

        // Another endpoint over the same store: its 404s are the earlier deletes', but a
        // 404 for an image nobody deleted in this run stays a failure.
        let (three, planned) = target("three", "http://e2/v2.1", &["a", "b", "c"]);
        let mut results = vec![
            done(Err(api(404))),
            done(Err(api(404))),
            done(Err(api(404))),
        ];
        gone.settle(&three, &planned, &mut results);
        let texts: Vec<String> = results.iter().flatten().map(result_text).collect();
        assert_eq!(
            texts,
            ["deleted (by one/R)", "deleted (by two/R)", "not found"]
        );
        assert!(gone.here("http://e2/v2.1/", "a").is_some());
        assert!(gone.here("http://e2/v2.1/", "c").is_none());
    }

    fn done(result: Result<Deleted>) -> Option<Outcome<Deleted>> {
        Some(Outcome::Done(result))
    }

    #[test]
    fn results_say_what_happened() {
        let done = Outcome::Done;
        assert_eq!(result_text(&done(Ok(Deleted::Here))), "deleted");
        assert_eq!(result_text(&done(Err(api(404)))), "not found");
        assert_eq!(result_text(&done(Err(api(403)))), "forbidden");
        assert!(result_text(&done(Err(api(500)))).starts_with("failed: image a: DELETE "));
        assert_eq!(result_text(&done(Err(api(409)))), "in use");
        assert_eq!(tally_line(5, 2), "deleted 3 of 5; 2 in use (kept)");
        assert_eq!(tally_line(5, 0), "deleted 5 of 5");
        assert_eq!(result_text(&Outcome::Interrupted), "interrupted");
        assert_eq!(result_text(&Outcome::NotAttempted), "not attempted");
    }
}
