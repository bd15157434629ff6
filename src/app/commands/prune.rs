//! `nova-images prune`: keep the newest N images of each name (or of each group of names,
//! `--group-by`), delete the rest.
//!
//! Three steps, the first and last per cloud (so that a fan-out over clouds or regions can
//! run them per target, and ask once in between): [`plan_targets`] walks every page of the
//! selection into compact [`Candidate`]s and plans ([`plan`], pure); the plan is printed,
//! or shown and confirmed; [`Deleting::delete`] deletes exactly the planned images, as
//! `delete` does (its [`throttled`] runner, its retries through [`Images::delete`],
//! its [`Waiting`]), by ID only: an image that is gone meanwhile is `not found`, never looked
//! up by name. Each image ID is deleted once per compute endpoint in a run ([`Gone`]). An
//! interrupt while listing or asking ends the run at once; while deleting, it stops the
//! deletes in order and every planned image's result is still reported (exit 130).
//!
//! Memory stays small at any size: a candidate is its ID, name and `created` in one
//! allocation, its group key as a range of the name, its instant and status; the plan is
//! rendered row by row from them ([`FieldRows`]), never as one string or a JSON tree.

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Read};
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::app::actions::in_use;
use crate::app::actions::throttle::{Outcome, Tally, throttled};
use crate::app::actions::waiting::Waiting;
use crate::app::failure::{Failure, ForImage, Result};
use crate::app::interrupt::{self, Claim};
use crate::app::listing::{Sink, Walk, selection};
use crate::app::output::{FieldRows, Printer, RecordFormat};
use crate::app::targets;
use crate::cli::{DEFAULT_MAX_WAIT, PruneArgs};
use crate::client::{Images, NamePattern};
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
    let (mut plan, failures, total) = plan_targets(&args, conn, env, printer).await?;
    if args.in_use.skip_in_use {
        let concurrency = args.fan_out.concurrency as usize;
        keep_in_use(&mut plan, args.in_use.all_projects, concurrency).await?;
    }
    let count = plan
        .planned
        .iter()
        .filter(|p| p.action == Action::Delete)
        .count();
    let outcome = if confirm == Confirm::DryRun || count == 0 {
        printer.data_from(render(&plan, None, args.format)?)?;
        if count == 0 {
            printer.diag().info("nothing to delete");
        }
        Ok(())
    } else if confirm == Confirm::Ask && !ask(&plan, count, printer).await? {
        printer.diag().info("nothing deleted");
        Ok(())
    } else {
        let deleting = Deleting::from_args(&args);
        // From here an interrupt stops the deletes in order, and the results are still told.
        let stop = interrupt::claim();
        let mut gone = Gone::default();
        let mut results = Vec::with_capacity(plan.planned.len());
        for target in &plan.targets {
            let planned = plan.planned.get(target.rows.clone()).unwrap_or_default();
            let endpoint = target.nova.endpoint().as_str();
            let skip = |p: &Planned| gone.here(endpoint, p.image.id()).is_some();
            let mut done = deleting
                .delete(&target.nova, planned, skip, printer, &stop)
                .await?;
            gone.settle(target, planned, &mut done);
            results.extend(done);
        }
        match report(&plan, results, stop.requested(), args.format, printer) {
            // Exit 130 whatever else failed (each already told), or was interrupted while
            // the results were written.
            Err(Failure::Interrupted) => return Err(Failure::Interrupted),
            Ok(()) if stop.requested() => return Err(Failure::Interrupted),
            outcome => outcome,
        }
    };
    with_failed_targets(outcome, failures, total)
}

/// Every target's plan: the planned images of all targets, in order, and each target's
/// share of them.
struct Plan {
    planned: Vec<Planned>,
    targets: Vec<TargetPlan>,
    /// Several targets: each row shows its cloud and region.
    fanned: bool,
    /// With `--skip-in-use`: the rows kept because servers were booted from them, each with
    /// its note (`in use by 2 servers: web-1, web-2`).
    in_use: Option<HashMap<usize, String>>,
    /// `--group-by`: each row shows its group.
    grouped: bool,
}

/// `--skip-in-use`: the images planned for deletion that servers were booted from are kept,
/// and noted; each target asks its own Nova, `concurrency` at a time.
async fn keep_in_use(plan: &mut Plan, all_projects: bool, concurrency: usize) -> Result<()> {
    let mut notes = HashMap::new();
    for target in &plan.targets {
        let rows: Vec<usize> = (target.rows.clone())
            .filter(|&i| {
                plan.planned
                    .get(i)
                    .is_some_and(|p| p.action == Action::Delete)
            })
            .collect();
        let ids = (rows.iter())
            .filter_map(|&i| plan.planned.get(i).map(|p| p.image.id().to_owned()))
            .collect();
        let found = in_use::check_all(&target.nova, ids, all_projects, concurrency).await?;
        for (row, note) in rows.into_iter().zip(found) {
            if let Some(note) = note {
                notes.insert(row, note);
            }
        }
    }
    for row in notes.keys() {
        if let Some(p) = plan.planned.get_mut(*row) {
            p.action = Action::Keep;
        }
    }
    plan.in_use = Some(notes);
    Ok(())
}

/// One target's share of the plan, with the client to carry it out.
struct TargetPlan {
    nova: Images,
    place: Arc<Place>,
    /// Its images in [`Plan::planned`].
    rows: Range<usize>,
}

/// The plan of every target (their pages walked through the listing pipeline, the deletes
/// then run `--concurrency` at a time on each), the failures of those that could not be
/// planned (each reported), and how many targets there were.
async fn plan_targets(
    args: &PruneArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(Plan, Vec<Failure>, usize)> {
    let fanned = args.fan_out.fans_out();
    let targets = if fanned {
        targets::connect_all(&args.fan_out, conn, env, printer).await?
    } else {
        vec![Ok(targets::this_cloud(conn, env, printer).await?)]
    };
    let total = targets.len();
    let clients: Vec<(Arc<Place>, Images)> = (targets.iter().flatten())
        .map(|t| (Arc::new(t.place.clone()), t.nova.clone()))
        .collect();
    // Prune's --older-than is no filter: a younger image still holds its keep slot.
    let selection = selection(&args.filters, None, args.page_size, None);
    let walk = Walk {
        selection: &selection,
        complete: None,
        fanned,
        concurrency: args.fan_out.concurrency as usize,
    };
    let mut sink = Candidates {
        group_by: args.group_by.clone(),
        ..Candidates::default()
    };
    let walked = walk.run(targets, printer, &mut sink).await?;
    sink.close_target();
    sink.report(printer);
    let rules = Rules::from_args(args);
    let now = SystemTime::now();
    let mut whole = Plan {
        planned: Vec::new(),
        targets: Vec::new(),
        fanned,
        in_use: None,
        grouped: args.group_by.is_some(),
    };
    for (place, candidates) in sink.targets {
        // One cloud's pages come without a place: its client is the only one.
        let client = match place.as_deref() {
            Some(place) => clients.iter().find(|(p, _)| **p == *place),
            None => clients.first(),
        };
        let Some((place, nova)) = client else {
            continue;
        };
        let planned = plan(candidates, &rules, now);
        let start = whole.planned.len();
        if start == 0 {
            whole.planned = planned;
        } else {
            whole.planned.extend(planned);
        }
        whole.targets.push(TargetPlan {
            nova: nova.clone(),
            place: place.clone(),
            rows: start..whole.planned.len(),
        });
    }
    Ok((whole, walked.failed, total))
}

/// The candidates of each target, in the targets' order: what the plan needs of each
/// selected image and nothing more, so that a large cloud stays small. An image without a
/// name, whose name `group_by` does not match, or without a readable `created` is left out
/// (and counted), and so is an image the listing repeats (the first of its appearances
/// stays).
#[derive(Default)]
struct Candidates {
    targets: Vec<(Option<Arc<Place>>, Vec<Candidate>)>,
    /// `--group-by`: the pattern whose capture is each name's group key.
    group_by: Option<NamePattern>,
    unnamed: usize,
    ungrouped: usize,
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
            self.close_target();
            self.targets.push((place, Vec::new()));
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
        // The whole name is its group, unless --group-by says which part of it is.
        let group = match &self.group_by {
            None => 0..name.len(),
            Some(pattern) => match pattern.group_key(&name) {
                Some(group) => group,
                None => {
                    self.ungrouped += 1;
                    return;
                }
            },
        };
        let Some((created, at)) = image.created.and_then(|c| created_at(&c).map(|at| (c, at)))
        else {
            self.undated += 1;
            return;
        };
        if let Some((_, candidates)) = self.targets.last_mut() {
            let active = image.status == "ACTIVE";
            let candidate = Candidate::new(&image.id, &name, &created, at, active);
            candidates.push(candidate.grouped_by(group));
        }
    }

    /// After a target's last page: the repeats of its listing are left out. Sorting by ID
    /// finds them without a set of every ID seen; the sort is stable, so the first
    /// appearance stays.
    fn close_target(&mut self) {
        if let Some((_, candidates)) = self.targets.last_mut() {
            candidates.sort_by(|a, b| a.id().cmp(b.id()));
            let listed = candidates.len();
            candidates.dedup_by(|later, first| later.id() == first.id());
            self.repeated += listed - candidates.len();
            candidates.shrink_to_fit();
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
        if self.ungrouped > 0 {
            printer.diag().notice(&format!(
                "{} selected images have names --group-by does not match: they are never pruned",
                self.ungrouped
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
/// walking a large cloud stays small. Its ID, name and `created` share one allocation; its
/// group key is a part of its name, so it takes no text of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    /// The ID, the name, then `created` as the server wrote it.
    text: Box<str>,
    /// Where the name starts in `text`.
    name_at: u32,
    /// Where `created` starts in `text`.
    created_at: u32,
    /// Where the group key starts and ends in `text` (the whole name by default).
    group: (u32, u32),
    /// `created` as an instant.
    at: Timestamp,
    /// Its status is ACTIVE: only a usable image fills a keep slot.
    active: bool,
}

impl Candidate {
    fn new(id: &str, name: &str, created: &str, at: Timestamp, active: bool) -> Self {
        let mut text = String::with_capacity(id.len() + name.len() + created.len());
        for part in [id, name, created] {
            text.push_str(part);
        }
        // A server's page is at most 256 MiB (the body cap), so each offset fits; saturating
        // all the same, never a panic.
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Candidate {
            text: text.into_boxed_str(),
            name_at: offset(id.len()),
            created_at: offset(id.len() + name.len()),
            group: (offset(id.len()), offset(id.len() + name.len())),
            at,
            active,
        }
    }

    /// Its group key is `range` of its name (byte offsets, as [`NamePattern::group_key`]
    /// gives them) instead of the whole name.
    fn grouped_by(mut self, range: Range<usize>) -> Self {
        let start = self.name_at as usize;
        let at = |n: usize| u32::try_from(start.saturating_add(n)).unwrap_or(u32::MAX);
        self.group = (at(range.start), at(range.end));
        self
    }

    fn id(&self) -> &str {
        self.text.get(..self.name_at as usize).unwrap_or_default()
    }

    fn name(&self) -> &str {
        (self.text)
            .get(self.name_at as usize..self.created_at as usize)
            .unwrap_or_default()
    }

    fn created(&self) -> &str {
        self.text
            .get(self.created_at as usize..)
            .unwrap_or_default()
    }

    /// The key of its group: the name, or the part `--group-by` captured.
    fn group(&self) -> &str {
        let (start, end) = self.group;
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }
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
}

/// How the plan is made.
#[derive(Debug, Clone, Copy)]
struct Rules {
    /// Images kept in each group (of one name, or of one `--group-by` key).
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

/// The plan, sorted by group (the name, or its `--group-by` key), then newest first
/// (created, then ID, higher first). In each group the newest `keep` ACTIVE images are
/// kept (any image with `any_status`), and so is every image newer than the last of them:
/// an image still saving, or broken, never takes the place of a usable one. Of the others,
/// those created before `now - older_than` (all of them without `older_than`) are deleted,
/// the rest kept.
fn plan(mut images: Vec<Candidate>, rules: &Rules, now: SystemTime) -> Vec<Planned> {
    // Newest first in the library's one order (the reverse of `age_order`).
    images.sort_by(|a, b| {
        (a.group().cmp(b.group()))
            .then_with(|| age_order((Some(b.at), b.id()), (Some(a.at), a.id())))
    });
    let now = crate::time::timestamp(now);
    // An age reaching before the earliest time there is: nothing is that old.
    let cutoff =
        (rules.older_than).map(|age| crate::time::before(now, age).unwrap_or(Timestamp::MIN));
    let mut planned: Vec<Planned> = Vec::with_capacity(images.len());
    let mut kept = 0;
    for image in images {
        let same_group = planned
            .last()
            .is_some_and(|p| p.image.group() == image.group());
        if !same_group {
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
        planned.push(Planned { image, action });
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

    /// Deletes the images `planned` marks `delete` on `nova` (but those `skip` says this
    /// run already deleted there), `concurrency` at a time (fewer while the cloud fails
    /// them), with a progress bar, until `stop` is requested; one outcome per planned image,
    /// in order (`None` for those kept or skipped). Only a task that cannot be joined fails
    /// the whole.
    async fn delete(
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
enum Deleted {
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
struct Gone {
    /// Each image ID deleted: the target whose DELETE worked first, and the endpoints where
    /// the image is known to be gone.
    ids: HashMap<Box<str>, (Arc<Place>, Vec<String>)>,
}

impl Gone {
    /// The target that deleted `id` when this run already knows it gone at `endpoint`.
    fn here(&self, endpoint: &str, id: &str) -> Option<&Arc<Place>> {
        let (by, endpoints) = self.ids.get(id)?;
        endpoints.iter().any(|e| e == endpoint).then_some(by)
    }

    /// After `target`'s deletes (`results`, one per image of `planned`): the images it
    /// skipped, and those whose DELETE answered 404 after an earlier target deleted them,
    /// are deleted by that target; every image now gone here is remembered.
    fn settle(
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

/// Shows the plan on stderr and asks; true for `y` or `yes` (any case).
async fn ask(plan: &Plan, count: usize, printer: &Printer) -> Result<bool> {
    use std::io::Write;
    let table = std::io::BufReader::new(render(plan, None, RecordFormat::Table)?);
    for line in table.lines() {
        let line = line.map_err(|e| Error::io("cannot read the plan back", e))?;
        printer.diag().line(&line);
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

/// The plan as `format` shows it; with `results`, each deleted image's result too. Row by
/// row from the candidates, into a spool (memory, then a temporary file) to read back.
fn render(
    plan: &Plan,
    results: Option<&[Option<Outcome<Deleted>>]>,
    format: RecordFormat,
) -> Result<Box<dyn Read>> {
    // Cloud and Region when the rows come from several targets.
    let placed = plan.fanned && !plan.planned.is_empty();
    let mut headers = vec!["Name", "ID", "Created", "Action"];
    // The group first, as the rows are sorted by it.
    if plan.grouped {
        headers.insert(0, "Group");
    }
    if placed {
        headers.splice(0..0, ["Cloud", "Region"]);
    }
    if plan.in_use.is_some() {
        headers.push("In use");
    }
    if results.is_some() {
        headers.push("Result");
    }
    let mut rows = FieldRows::new(&headers, format)?;
    for target in &plan.targets {
        for index in target.rows.clone() {
            let Some(p) = plan.planned.get(index) else {
                continue;
            };
            let result = results.map(|r| r.get(index).and_then(Option::as_ref).map(result_text));
            let mut fields: Vec<(&str, Option<&str>)> = Vec::with_capacity(headers.len());
            if placed {
                fields.push(("cloud", Some(&target.place.cloud)));
                fields.push(("region", target.place.region.as_deref()));
            }
            let (id, name) = (("id", Some(p.image.id())), ("name", Some(p.image.name())));
            let group = plan.grouped.then_some(("group", Some(p.image.group())));
            if format == RecordFormat::Table {
                fields.extend(group);
                fields.extend([name, id]);
            } else {
                fields.extend([id, name]);
                fields.extend(group);
            }
            fields.push(("created", Some(p.image.created())));
            fields.push(("action", Some(p.action.as_str())));
            if let Some(notes) = &plan.in_use {
                fields.push(("in_use", notes.get(&index).map(String::as_str)));
            }
            if let Some(result) = &result {
                fields.push(("result", result.as_deref()));
            }
            rows.row(&fields)?;
        }
    }
    rows.finish()
}

/// The HTTP status of a failed delete, when the API answered.
fn status(failure: &Failure) -> Option<u16> {
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
fn result_text(outcome: &Outcome<Deleted>) -> String {
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
fn report(
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
fn warn_in_use(in_use: &[Failure], printer: &mut Printer) {
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
fn tally_line(total: usize, in_use: usize) -> String {
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
    use std::time::UNIX_EPOCH;

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
            .map(|p| (p.image.id().to_owned(), p.action.as_str()))
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

    /// `image`, grouped by what `pattern` captures of its name.
    fn grouped(id: &str, name: &str, at: i64, pattern: &str) -> Candidate {
        let key = NamePattern::new(pattern).unwrap().group_key(name).unwrap();
        image(id, name, at).grouped_by(key)
    }

    #[test]
    fn a_group_key_keeps_the_newest_of_each_group_across_names() {
        let by = r"^(ci-build)-\d{8}|^(nightly)";
        let images = vec![
            grouped("b1", "ci-build-20240601-1", 10, by),
            grouped("b3", "ci-build-20240602-1", 30, by),
            grouped("b2", "ci-build-20240601-2", 20, by),
            grouped("b4", "ci-build-20240603-7", 40, by),
            // The second alternative: its first group is empty, so it is the "" group.
            grouped("n1", "nightly-1", 50, by),
            grouped("n2", "nightly-2", 60, by),
            grouped("a1", "ci-build-20240601-1-alt", 5, r"^ci-build-\d{8}"),
        ];
        assert_eq!(
            (images.iter()).map(|c| c.group()).collect::<Vec<_>>(),
            [
                "ci-build",
                "ci-build",
                "ci-build",
                "ci-build",
                "",
                "",
                "ci-build-20240601"
            ]
        );
        let planned = plan(images, &rules(2, None), at(100));
        assert_eq!(
            shown(&planned),
            ids(&[
                ("n2", "keep"),
                ("n1", "keep"),
                ("b4", "keep"),
                ("b3", "keep"),
                ("b2", "delete"),
                ("b1", "delete"),
                ("a1", "keep"),
            ])
        );
    }

    #[test]
    fn a_group_key_is_a_part_of_the_name_and_the_name_by_default() {
        let at = Timestamp::from_second(0).unwrap();
        let c = Candidate::new("id-1", "ü-名前-2", "2024", at, true);
        assert_eq!(c.group(), "ü-名前-2");
        let key = NamePattern::new("-(名前)-").unwrap().group_key(c.name());
        let c = c.grouped_by(key.unwrap());
        assert_eq!((c.id(), c.name(), c.group()), ("id-1", "ü-名前-2", "名前"));
        let c = c.grouped_by(0..0);
        assert_eq!((c.name(), c.group(), c.created()), ("ü-名前-2", "", "2024"));
    }

    #[test]
    fn names_group_by_does_not_match_are_left_out_and_counted() {
        let mut sink = Candidates {
            group_by: Some(NamePattern::new(r"^(ci)-\d+$").unwrap()),
            ..Candidates::default()
        };
        sink.targets.push((None, Vec::new()));
        for (id, name, created) in [
            ("1", Some("ci-1"), "2024-01-01T00:00:00Z"),
            ("2", Some("ci-x"), "2024-01-01T00:00:00Z"),
            ("3", Some("ci-2"), "nonsense"),
            ("4", None, "2024-01-01T00:00:00Z"),
            ("5", Some("ci-3"), "2024-01-01T00:00:00Z"),
        ] {
            let image: Image = serde_json::from_value(serde_json::json!({
                "id": id, "name": name, "created": created, "status": "ACTIVE"
            }))
            .unwrap();
            sink.add(image);
        }
        let kept: Vec<(&str, &str)> = (sink.targets[0].1.iter())
            .map(|c| (c.id(), c.group()))
            .collect();
        assert_eq!(kept, [("1", "ci"), ("5", "ci")]);
        assert_eq!((sink.ungrouped, sink.undated, sink.unnamed), (1, 1, 1));
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
    fn a_candidate_keeps_its_three_texts_in_one() {
        let at = Timestamp::from_second(0).unwrap();
        let c = Candidate::new("7c1e-ü", "名前 x", "2024-01-01T00:00:00Z", at, false);
        assert_eq!(
            (c.id(), c.name(), c.created()),
            ("7c1e-ü", "名前 x", "2024-01-01T00:00:00Z")
        );
        let empty = Candidate::new("", "n", "", at, true);
        assert_eq!((empty.id(), empty.name(), empty.created()), ("", "n", ""));
    }

    #[test]
    fn a_repeated_id_is_planned_once_as_it_first_came() {
        let mut sink = Candidates::default();
        sink.targets.push((None, Vec::new()));
        let listed = [
            ("b", "x", 1),
            ("a", "x", 2),
            ("b", "y", 3),
            ("c", "x", 4),
            ("a", "z", 5),
        ];
        for (id, name, at) in listed {
            sink.targets[0].1.push(image(id, name, at));
        }
        sink.close_target();
        let kept: Vec<(&str, &str)> = (sink.targets[0].1.iter())
            .map(|c| (c.id(), c.name()))
            .collect();
        assert_eq!(kept, [("a", "x"), ("b", "x"), ("c", "x")]);
        assert_eq!(sink.repeated, 2);
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
