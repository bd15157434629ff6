//! `nova-images prune`: keep the newest N images of each name, delete the rest.
//!
//! Three steps, the first and last per cloud (so that a fan-out over clouds or regions can
//! run them per target, and ask once in between): [`Target::plan`] walks every page of the
//! selection and plans ([`plan`], pure); the plan is printed, or shown and confirmed;
//! [`Deleting::delete`] deletes exactly the planned images, as `delete` does (its
//! [`throttled`] runner, its retries through [`ComputeClient::delete`], its [`Waiting`]), by ID only:
//! an image that is gone meanwhile is `not found`, never looked up by name. An interrupt
//! while listing or asking ends the run at once; while deleting, it stops the deletes in
//! order and every planned image's result is still reported (exit 130).

use std::io::IsTerminal;
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Map, Value, json};

use std::collections::HashSet;
use std::sync::Arc;

use crate::app::actions::throttle::{Outcome, Tally, throttled};
use crate::app::actions::waiting::Waiting;
use crate::app::failure::{Failure, ForImage, Result};
use crate::app::interrupt::{self, Claim};
use crate::app::listing::{Sink, Walk, selection};
use crate::app::output::{self, Printer, RecordFormat};
use crate::app::targets;
use crate::cli::{DEFAULT_MAX_WAIT, PruneArgs};
use crate::client::ComputeClient;
use crate::config::Env;
use crate::error::Error;
use crate::model::{Image, Place};
use crate::time::{Timestamp, age_order};

pub(super) async fn run(
    args: PruneArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let confirm = Confirm::choose(&args, printer.stderr_tty && std::io::stdin().is_terminal())?;
    let (plans, failures, total) = plan_targets(&args, conn, env, printer).await?;
    let planned: Vec<Planned> = plans.iter().flat_map(|p| p.planned.clone()).collect();
    let count = planned
        .iter()
        .filter(|p| p.action == Action::Delete)
        .count();
    let outcome = if confirm == Confirm::DryRun || count == 0 {
        printer.data(render(&planned, None, args.format)?.as_bytes())?;
        if count == 0 {
            printer.diag().info("nothing to delete");
        }
        Ok(())
    } else if confirm == Confirm::Ask && !ask(&planned, count, printer).await? {
        printer.diag().info("nothing deleted");
        Ok(())
    } else {
        let deleting = Deleting::from_args(&args);
        // From here an interrupt stops the deletes in order, and the results are still told.
        let stop = interrupt::claim();
        let mut results = Vec::new();
        for target in &plans {
            results.extend(
                deleting
                    .delete(&target.nova, &target.planned, printer, &stop)
                    .await?,
            );
        }
        match report(&planned, results, stop.requested(), args.format, printer) {
            // Exit 130 whatever else failed (each already told), or was interrupted while
            // the results were written.
            Err(Failure::Interrupted) => return Err(Failure::Interrupted),
            Ok(()) if stop.requested() => return Err(Failure::Interrupted),
            outcome => outcome,
        }
    };
    with_failed_targets(outcome, failures, total)
}

/// One target's plan, with the client to carry it out.
struct TargetPlan {
    nova: ComputeClient,
    planned: Vec<Planned>,
}

/// The plan of every target (their pages walked through the listing pipeline, the deletes
/// then run `--concurrency` at a time on each), the failures of those that could not be
/// planned (each reported), and how many targets there were.
async fn plan_targets(
    args: &PruneArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(Vec<TargetPlan>, Vec<Failure>, usize)> {
    let fanned = args.fan_out.fans_out();
    let targets = if fanned {
        targets::connect_all(&args.fan_out, conn, env, printer).await?
    } else {
        vec![Ok(targets::this_cloud(conn, env, printer).await?)]
    };
    let total = targets.len();
    let clients: Vec<(Place, ComputeClient)> = (targets.iter().flatten())
        .map(|t| (t.place.clone(), t.nova.clone()))
        .collect();
    // Prune's --older-than is no filter: a younger image still holds its keep slot.
    let selection = selection(&args.filters, None, args.page_size, None);
    let walk = Walk {
        selection: &selection,
        complete: None,
        fanned,
        concurrency: args.fan_out.concurrency as usize,
    };
    let mut sink = Candidates::default();
    let walked = walk.run(targets, printer, &mut sink).await?;
    sink.report(printer);
    let rules = Rules::from_args(args);
    let now = SystemTime::now();
    let mut plans = Vec::new();
    for (place, candidates) in sink.targets {
        // One cloud's pages come without a place: its client is the only one.
        let client = match place.as_deref() {
            Some(place) => clients.iter().find(|(p, _)| p == place),
            None => clients.first(),
        };
        let Some((_, nova)) = client else {
            continue;
        };
        let mut planned = plan(candidates, &rules, now);
        if let Some(place) = place.filter(|_| fanned) {
            for p in &mut planned {
                p.target = Some((place.cloud.clone(), place.region.clone()));
            }
        }
        plans.push(TargetPlan {
            nova: nova.clone(),
            planned,
        });
    }
    Ok((plans, walked.failed, total))
}

/// The candidates of each target, in the targets' order: what the plan needs of each
/// selected image and nothing more, so that a large cloud stays small. An image without a
/// name or a readable `created` is left out (and counted), and so is an image the listing
/// repeats.
#[derive(Default)]
struct Candidates {
    targets: Vec<(Option<Arc<Place>>, Vec<Candidate>)>,
    /// The IDs seen on the current target.
    ids: HashSet<String>,
    unnamed: usize,
    undated: usize,
    repeated: usize,
}

impl Sink for Candidates {
    fn page(
        &mut self,
        _: &mut Printer,
        place: Option<&Arc<Place>>,
        images: Vec<Image>,
    ) -> Result<()> {
        let place = place.cloned();
        if self.targets.last().is_none_or(|(p, _)| *p != place) {
            self.targets.push((place, Vec::new()));
            self.ids.clear();
        }
        for image in images {
            self.add(image);
        }
        Ok(())
    }
}

impl Candidates {
    fn add(&mut self, image: Image) {
        let Some(name) = image.name.filter(|n| !n.trim().is_empty()) else {
            self.unnamed += 1;
            return;
        };
        let Some((created, at)) = image.created.and_then(|c| created_at(&c).map(|at| (c, at)))
        else {
            self.undated += 1;
            return;
        };
        if !self.ids.insert(image.id.clone()) {
            self.repeated += 1;
            return;
        }
        if let Some((_, candidates)) = self.targets.last_mut() {
            candidates.push(Candidate {
                id: image.id,
                name,
                created,
                at,
                active: image.status == "ACTIVE",
            });
        }
    }

    /// What was left out, on stderr.
    fn report(&self, printer: &Printer) {
        if self.unnamed > 0 {
            printer.diag().notice(&format!(
                "{} selected images have no name: they are never pruned",
                self.unnamed
            ));
        }
        if self.undated > 0 {
            printer.diag().warn(&format!(
                "{} selected images have no readable creation time: they are never pruned",
                self.undated
            ));
        }
        if self.repeated > 0 {
            printer.diag().warn(&format!(
                "the listing repeated {} images: each is planned once",
                self.repeated
            ));
        }
    }
}

/// The outcome of the targets that could be planned, with those that could not: exit 8 when
/// some failed, theirs when all did.
fn with_failed_targets(
    outcome: Result<()>,
    mut failures: Vec<Failure>,
    total: usize,
) -> Result<()> {
    if failures.is_empty() {
        return outcome;
    }
    let failed = failures.len();
    if let Err(e) = outcome {
        failures.push(e);
    }
    Err(Failure::SomeTargets {
        failed,
        total,
        causes: failures,
    })
}

/// How the deletes are confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Confirm {
    /// `--dry-run`: nothing is deleted.
    DryRun,
    /// `--yes`.
    Yes,
    /// Asked on the terminal.
    Ask,
}

impl Confirm {
    /// `--dry-run`, `--yes`, or asking when there is a terminal to ask (`terminal`: stdin
    /// and stderr are terminals); else a usage error, before any request.
    fn choose(args: &PruneArgs, terminal: bool) -> Result<Confirm> {
        match (args.dry_run, args.yes, terminal) {
            (true, _, _) => Ok(Confirm::DryRun),
            (_, true, _) => Ok(Confirm::Yes),
            (_, _, true) => Ok(Confirm::Ask),
            _ => Err(Failure::usage(
                "prune deletes images only when told to: stdin or stderr is not a terminal to \
                 ask, and --yes was not given",
                Some("add --yes to delete what prune plans, or --dry-run to see the plan".into()),
            )),
        }
    }
}

/// An image the selection chose: what the plan needs of it and nothing more, so that
/// walking a large cloud stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    id: String,
    name: String,
    /// As the server wrote it.
    created: String,
    /// `created` as an instant.
    at: Timestamp,
    /// Its status is ACTIVE: only a usable image fills a keep slot.
    active: bool,
}

/// What the plan does with an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Keep,
    Delete,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Delete => "delete",
        }
    }
}

/// An image of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Planned {
    image: Candidate,
    action: Action,
    /// The cloud and region, when several are pruned at once.
    target: Option<(String, Option<String>)>,
}

/// How the plan is made.
#[derive(Debug, Clone, Copy)]
struct Rules {
    /// Images kept in each name's group.
    keep: usize,
    /// Only images older than this are deleted.
    older_than: Option<Duration>,
    /// Any image fills a keep slot, not only ACTIVE ones (`--keep-any-status`).
    any_status: bool,
}

impl Rules {
    fn from_args(args: &PruneArgs) -> Self {
        Rules {
            keep: args.keep as usize,
            older_than: args.older_than,
            any_status: args.keep_any_status,
        }
    }
}

/// The plan, sorted by name, then newest first (created, then ID, higher first). In each
/// name's group the newest `keep` ACTIVE images are kept (any image with `any_status`), and
/// so is every image newer than the last of them: an image still saving, or broken, never
/// takes the place of a usable one. Of the others, those created before
/// `now - older_than` (all of them without `older_than`) are deleted, the rest kept.
fn plan(mut images: Vec<Candidate>, rules: &Rules, now: SystemTime) -> Vec<Planned> {
    // Newest first in the library's one order (the reverse of `age_order`).
    images.sort_by(|a, b| {
        (a.name.cmp(&b.name)).then_with(|| age_order((Some(b.at), &b.id), (Some(a.at), &a.id)))
    });
    let now = crate::time::timestamp(now);
    // An age reaching before the earliest time there is: nothing is that old.
    let cutoff =
        (rules.older_than).map(|age| crate::time::before(now, age).unwrap_or(Timestamp::MIN));
    let mut planned: Vec<Planned> = Vec::with_capacity(images.len());
    let mut kept = 0;
    for image in images {
        let same_name = planned.last().is_some_and(|p| p.image.name == image.name);
        if !same_name {
            kept = 0;
        }
        let counts = rules.any_status || image.active;
        let old_enough = cutoff.is_none_or(|cutoff| image.at < cutoff);
        let action = if kept >= rules.keep && old_enough {
            Action::Delete
        } else {
            Action::Keep
        };
        if counts {
            kept += 1;
        }
        planned.push(Planned {
            image,
            action,
            target: None,
        });
    }
    planned
}

/// A creation time as the library reads it ([`crate::time::parse_timestamp`]): out-of-range
/// fields or any other nonsense are unreadable (`None`), so never pruned and no keep slot.
fn created_at(text: &str) -> Option<Timestamp> {
    crate::time::parse_timestamp(text)
}

/// How the planned deletes run: as `delete`'s.
#[derive(Debug, Clone, Copy)]
struct Deleting {
    concurrency: usize,
    wait: Option<Waiting>,
}

impl Deleting {
    fn from_args(args: &PruneArgs) -> Self {
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

    /// Deletes the images `planned` marks `delete` on `nova`, `concurrency` at a time (fewer
    /// while the cloud fails them), with a progress bar, until `stop` is requested; one
    /// outcome per planned image, in order (`None` for those kept). Only a task that cannot
    /// be joined fails the whole.
    async fn delete(
        &self,
        nova: &ComputeClient,
        planned: &[Planned],
        printer: &Printer,
        stop: &Claim,
    ) -> Result<Vec<Option<Outcome>>> {
        let doomed: Vec<usize> = (planned.iter().enumerate())
            .filter(|(_, p)| p.action == Action::Delete)
            .map(|(index, _)| index)
            .collect();
        let wait = self.wait;
        let count = doomed.len();
        let done = throttled(count, self.concurrency, "deleted", printer, stop, |n| {
            let (nova, id) = (nova.clone(), planned[doomed[n]].image.id.clone());
            async move {
                let mut result = nova.delete(&id).await.map_err(|e| e.for_image(&id));
                if let (Ok(()), Some(wait)) = (&result, wait) {
                    result = wait.until_gone(&nova, &id).await;
                }
                result.map(|()| id)
            }
        })
        .await?;
        let mut results: Vec<Option<Outcome>> = planned.iter().map(|_| None).collect();
        for (index, result) in doomed.into_iter().zip(done) {
            results[index] = Some(result);
        }
        Ok(results)
    }
}

/// Shows the plan on stderr and asks; true for `y` or `yes` (any case).
async fn ask(planned: &[Planned], count: usize, printer: &Printer) -> Result<bool> {
    use std::io::Write;
    for line in render(planned, None, RecordFormat::Table)?.lines() {
        printer.diag().line(line);
    }
    let plural = if count == 1 { "" } else { "s" };
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "Delete {count} image{plural}? [y/N] ");
    let _ = stderr.flush();
    // Read on a thread of its own, so that Ctrl-C still ends the run at once.
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut answer = String::new();
        let read = std::io::stdin().read_line(&mut answer).map(|_| answer);
        let _ = tx.send(read);
    });
    let answer = match rx.await {
        Ok(Ok(answer)) => answer,
        Ok(Err(e)) => return Err(Failure::io("cannot read the answer from stdin", e)),
        Err(_) => String::new(),
    };
    if answer.is_empty() {
        // End of input: the cursor is still after the question.
        let _ = writeln!(stderr);
    }
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// The plan as `format` shows it; with `results`, each deleted image's result too.
fn render(
    planned: &[Planned],
    results: Option<&[Option<Outcome>]>,
    format: RecordFormat,
) -> Result<String> {
    let result = |index: usize| -> Option<Value> {
        let results = results?;
        Some(match &results[index] {
            Some(result) => json!(result_text(result)),
            None => Value::Null,
        })
    };
    let rows: Vec<Map<String, Value>> = (planned.iter().enumerate())
        .map(|(index, p)| {
            let mut row = Map::new();
            let mut put = |key: &str, value: Value| row.insert(key.into(), value);
            if let Some((cloud, region)) = &p.target {
                put("cloud", json!(cloud));
                put("region", json!(region));
            }
            let (id, name) = (json!(p.image.id), json!(p.image.name));
            if format == RecordFormat::Table {
                put("name", name);
                put("id", id);
            } else {
                put("id", id);
                put("name", name);
            }
            put("created", json!(p.image.created));
            put("action", json!(p.action.as_str()));
            if let Some(result) = result(index) {
                put("result", result);
            }
            row
        })
        .collect();
    let mut headers = vec!["Name", "ID", "Created", "Action"];
    if planned.iter().any(|p| p.target.is_some()) {
        headers.splice(0..0, ["Cloud", "Region"]);
    }
    if results.is_some() {
        headers.push("Result");
    }
    output::render_rows(&headers, &rows, format)
}

/// `deleted`, `not found`, `forbidden` or `failed: <message>`; after an interrupt,
/// `interrupted` (under way, outcome unknown) or `not attempted`.
fn result_text(outcome: &Outcome) -> String {
    let result = match outcome {
        Outcome::Done(result) => result,
        unfinished => return unfinished.unfinished().unwrap_or_default().into(),
    };
    let status = match result {
        Ok(_) => return "deleted".into(),
        Err(Failure::Image { source, .. }) => match &**source {
            Failure::Lib(Error::Api(api)) => Some(api.status),
            _ => None,
        },
        Err(_) => None,
    };
    match (status, result) {
        (Some(404), _) => "not found".into(),
        (Some(403), _) => "forbidden".into(),
        (_, Err(e)) => format!("failed: {e}"),
        (_, Ok(_)) => "deleted".into(),
    }
}

/// The results on stdout, failures on stderr one per line, the summary, the exit code (130
/// when `interrupted`).
fn report(
    planned: &[Planned],
    results: Vec<Option<Outcome>>,
    interrupted: bool,
    format: RecordFormat,
    printer: &mut Printer,
) -> Result<()> {
    printer.data(render(planned, Some(&results), format)?.as_bytes())?;
    let total = planned
        .iter()
        .filter(|p| p.action == Action::Delete)
        .count();
    let tally = Tally::of(results.iter().flatten());
    let mut causes = Vec::new();
    for (p, outcome) in planned.iter().zip(results) {
        match outcome {
            Some(Outcome::Done(Err(e))) => causes.push(e),
            Some(Outcome::Interrupted) => printer.warn(&format!(
                "image {}: interrupted in flight; it may or may not be deleted",
                p.image.id
            )),
            _ => {}
        }
    }
    for cause in &causes {
        printer.error(cause);
    }
    if interrupted {
        printer.diag().info(&tally.summary("deleted"));
        return Err(Failure::Interrupted);
    }
    if causes.is_empty() {
        printer.diag().info(&format!("deleted {total} of {total}"));
        return Ok(());
    }
    Err(Failure::Partial {
        failed: causes.len(),
        total,
        verb: "deleted",
        causes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn image(id: &str, name: &str, at: i64) -> Candidate {
        Candidate {
            id: id.into(),
            name: name.into(),
            created: format!("@{at}"),
            at: Timestamp::from_second(at).unwrap(),
            active: true,
        }
    }

    fn rules(keep: usize, older_than: Option<u64>) -> Rules {
        Rules {
            keep,
            older_than: older_than.map(Duration::from_secs),
            any_status: false,
        }
    }

    #[test]
    fn only_active_images_fill_keep_slots_and_newer_others_are_kept() {
        let mut images = vec![
            image("s3", "x", 70),
            image("s2", "x", 60),
            image("s1", "x", 50),
            image("a4", "x", 40),
            image("a3", "x", 30),
            image("a2", "x", 20),
            image("a1", "x", 10),
        ];
        for saving in &mut images[..3] {
            saving.active = false;
        }
        let want = ids(&[
            ("s3", "keep"),
            ("s2", "keep"),
            ("s1", "keep"),
            ("a4", "keep"),
            ("a3", "keep"),
            ("a2", "keep"),
            ("a1", "delete"),
        ]);
        assert_eq!(shown(&plan(images.clone(), &rules(3, None), at(100))), want);
        let any = Rules {
            any_status: true,
            ..rules(3, None)
        };
        let planned = plan(images, &any, at(100));
        assert_eq!(shown(&planned)[3], ("a4".to_owned(), "delete"));
    }

    fn shown(planned: &[Planned]) -> Vec<(String, &'static str)> {
        (planned.iter())
            .map(|p| (p.image.id.clone(), p.action.as_str()))
            .collect()
    }

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    fn ids(pairs: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        pairs.iter().map(|(id, a)| ((*id).to_owned(), *a)).collect()
    }

    #[test]
    fn each_name_keeps_its_newest() {
        let images = vec![
            image("b1", "b", 10),
            image("a1", "a", 10),
            image("a3", "a", 30),
            image("b2", "b", 20),
            image("a2", "a", 20),
            image("c1", "c", 5),
        ];
        let planned = plan(images, &rules(1, None), at(100));
        assert_eq!(
            shown(&planned),
            ids(&[
                ("a3", "keep"),
                ("a2", "delete"),
                ("a1", "delete"),
                ("b2", "keep"),
                ("b1", "delete"),
                ("c1", "keep"),
            ])
        );
    }

    #[test]
    fn ties_in_created_are_broken_by_id_higher_first() {
        let images = vec![
            image("0002", "x", 50),
            image("0003", "x", 50),
            image("0001", "x", 50),
        ];
        assert_eq!(
            shown(&plan(images, &rules(2, None), at(100))),
            ids(&[("0003", "keep"), ("0002", "keep"), ("0001", "delete")])
        );
    }

    #[test]
    fn keep_zero_deletes_every_image_old_enough() {
        let images = vec![image("1", "x", 10), image("2", "x", 20)];
        assert_eq!(
            shown(&plan(images.clone(), &rules(0, None), at(100))),
            ids(&[("2", "delete"), ("1", "delete")])
        );
        assert_eq!(
            shown(&plan(images, &rules(0, Some(85)), at(100))),
            ids(&[("2", "keep"), ("1", "delete")])
        );
        assert!(plan(Vec::new(), &rules(0, None), at(100)).is_empty());
    }

    #[test]
    fn older_than_is_strict_and_never_touches_the_newest() {
        // now 1000, age 100: created before 900 is older.
        let images = vec![
            image("4", "x", 950),
            image("3", "x", 901),
            image("2", "x", 900),
            image("1", "x", 899),
            image("0", "x", 10),
        ];
        let planned = plan(images, &rules(1, Some(100)), at(1000));
        assert_eq!(
            shown(&planned),
            ids(&[
                ("4", "keep"),
                ("3", "keep"),
                ("2", "keep"),
                ("1", "delete"),
                ("0", "delete"),
            ])
        );
        // The newest is kept however old.
        let old = vec![image("1", "x", 10), image("2", "x", 20)];
        assert_eq!(
            shown(&plan(old, &rules(1, Some(1)), at(1000))),
            ids(&[("2", "keep"), ("1", "delete")])
        );
        // An age beyond the epoch deletes nothing, created in the future neither.
        let future = vec![image("1", "x", 5000), image("2", "x", 6000)];
        assert_eq!(
            shown(&plan(future, &rules(0, Some(10)), at(1000))),
            ids(&[("2", "keep"), ("1", "keep")])
        );
        let far = vec![image("1", "x", -5)];
        assert_eq!(
            shown(&plan(far, &rules(0, Some(u64::MAX)), at(1000))),
            ids(&[("1", "keep")])
        );
    }

    #[test]
    fn creation_times_are_instants_and_nonsense_is_unreadable() {
        let base = Timestamp::from_second(1_704_067_200).unwrap(); // 2024-01-01T00:00:00Z
        assert_eq!(created_at("2024-01-01T02:00:00+02:00"), Some(base));
        assert_eq!(created_at("2024-01-01T00:00:00Z"), Some(base));
        assert_eq!(created_at("2024-02-30T25:61:61Z"), None);
        assert_eq!(created_at("yesterday"), None);
    }

    #[test]
    fn sub_second_differences_order_the_plan() {
        let mut a = image("a", "x", 0);
        let mut b = image("b", "x", 0);
        a.at = created_at("2024-01-01T00:00:00.7Z").unwrap();
        b.at = created_at("2024-01-01T00:00:00.2Z").unwrap();
        assert_eq!(
            shown(&plan(vec![b, a], &rules(1, None), at(2_000_000_000))),
            ids(&[("a", "keep"), ("b", "delete")])
        );
    }

    #[test]
    fn results_say_what_happened() {
        use crate::error::{ApiError, Route};
        let api = |status| {
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
        };
        let done = Outcome::Done;
        assert_eq!(result_text(&done(Ok("a".into()))), "deleted");
        assert_eq!(result_text(&done(Err(api(404)))), "not found");
        assert_eq!(result_text(&done(Err(api(403)))), "forbidden");
        assert!(result_text(&done(Err(api(500)))).starts_with("failed: image a: DELETE "));
        assert_eq!(result_text(&Outcome::Interrupted), "interrupted");
        assert_eq!(result_text(&Outcome::NotAttempted), "not attempted");
    }
}
