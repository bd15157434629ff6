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

mod deleting;
mod plan;

use deleting::*;
use plan::*;

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
