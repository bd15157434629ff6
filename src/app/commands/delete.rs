//! `nova-images delete`: many images at once, safely.
//!
//! Every image is attempted, at most `--concurrency` at a time; results are reported in the
//! order the images were given, whatever order the deletions finish in. Each argument is
//! tried as an ID (a DELETE, so an ID costs one request); on 404 it is looked up as an exact
//! name, as `show` does. With filters (--property, --older-than, ...) an image is looked at
//! before it is deleted; --match deletes the one image it selects. On Ctrl-C or SIGTERM no
//! new delete starts, those in flight get a grace period, and every image's result is
//! reported all the same (exit 130). An image the cloud refuses as in use is a failure of
//! its own kind (`in use`, never retried); with --skip-in-use Nova's servers API is asked
//! first, and an image a server was booted from is skipped, which is no failure.

use std::io::BufRead;

use serde_json::{Value, json};

use std::time::Instant;

use crate::app::actions::in_use;
use crate::app::actions::resolve::{self, Choice, resolve_image};
use crate::app::actions::throttle::{Outcome, Tally, throttled};
use crate::app::actions::waiting::Waiting;
use crate::app::failure::{Failure, ForImage, Result};
use crate::app::interrupt;
use crate::app::output::Printer;
use crate::app::report;
use crate::cli::{DEFAULT_MAX_WAIT, DeleteArgs, InUseArgs, ResultFormat};
use crate::client::{Criteria, Images};
use crate::config::Env;
use crate::error::Error;
use crate::model::Image;

pub(super) async fn run(
    args: DeleteArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let choice = Choice::from_args(&args.choose, printer.diag());
    let matching = args.choose.select.pattern.is_some();
    let ids = if matching {
        Vec::new()
    } else {
        image_ids(&args)?
    };
    let nova = super::connect(conn, env, printer).await?;
    // --match: the one image it selects, then deleted by its ID like any other.
    let (ids, choice) = if matching {
        let image = resolve::matching(&nova, &choice).await?;
        let by_id = Choice {
            criteria: Criteria::default(),
            ..choice
        };
        (vec![image.id], by_id)
    } else {
        (ids, choice)
    };
    let wait = args.wait.then(|| {
        let limit = args.max_wait.unwrap_or(DEFAULT_MAX_WAIT);
        Waiting {
            deadline: Instant::now() + limit,
            interval: args.interval,
            seconds: limit.as_secs_f64(),
        }
    });
    let (dry_run, in_use) = (args.dry_run, args.in_use);
    let verb = if dry_run { "checked" } else { "deleted" };
    // From here an interrupt stops the deletes in order, and the results are still told.
    let stop = interrupt::claim();
    let results = throttled(
        ids.len(),
        args.concurrency as usize,
        verb,
        printer,
        &stop,
        |index| {
            let (nova, id, choice) = (nova.clone(), ids[index].clone(), choice.clone());
            async move {
                let result = delete_one(&nova, &id, dry_run, &choice, in_use).await;
                match (result, wait) {
                    (Ok(Done::Deleted(deleted)), Some(wait)) => (wait.until_gone(&nova, &deleted))
                        .await
                        .map(|()| Done::Deleted(deleted)),
                    (result, _) => result,
                }
            }
        },
    )
    .await?;
    let outcome = report(&args, &ids, results, stop.requested(), printer);
    match outcome {
        // Interrupted while the results were written: still exit 130.
        Ok(()) if stop.requested() => Err(Failure::Interrupted),
        outcome => outcome,
    }
}

/// What became of an image that did not fail.
#[derive(Debug)]
enum Done {
    /// Deleted (with `--dry-run`: would be), by this ID.
    Deleted(String),
    /// Kept: `--skip-in-use` found servers booted from it.
    Skipped {
        /// Its ID.
        id: String,
        /// `in use by 2 servers: web-1, web-2`.
        note: String,
    },
}

/// Deletes (or with `dry_run` looks up) the image `item` names, unless `in_use` finds
/// servers booted from it.
async fn delete_one(
    nova: &Images,
    item: &str,
    dry_run: bool,
    choice: &Choice,
    in_use: InUseArgs,
) -> Result<Done> {
    // The filters, and the servers using it, are checked before anything is deleted: an ID
    // is looked at first.
    if dry_run || !choice.criteria.is_empty() || in_use.skip_in_use {
        let image = resolve_image(nova, item, choice).await?;
        if in_use.skip_in_use {
            let users = in_use::check(nova, &image.id, in_use.all_projects).await;
            if let Some(note) = users.map_err(|e| e.for_image(&image.id))? {
                return Ok(Done::Skipped { id: image.id, note });
            }
        }
        if dry_run {
            return Ok(Done::Deleted(image.id));
        }
        return delete_found(nova, image).await.map(Done::Deleted);
    }
    let id = match nova.delete(item).await {
        Ok(()) => Ok(item.to_owned()),
        Err(Error::Api(api)) if api.status == 404 => {
            let image = resolve::by_name_after(nova, item, choice, Some(api)).await?;
            delete_found(nova, image).await
        }
        Err(Error::Unaddressable { .. }) => {
            let image = resolve::by_name(nova, item, choice).await?;
            delete_found(nova, image).await
        }
        Err(e) => Err(e.for_image(item)),
    };
    id.map(Done::Deleted)
}

/// Deletes an image found by name (or checked); returns its ID.
async fn delete_found(nova: &Images, image: Image) -> Result<String> {
    nova.delete(&image.id)
        .await
        .map(|()| image.id.clone())
        .map_err(|e| e.for_image(&image.id))
}

/// The IDs from the arguments, or stdin for `-` / `--stdin`.
fn image_ids(args: &DeleteArgs) -> Result<Vec<String>> {
    let from_stdin = args.stdin || args.images.iter().any(|i| i == "-");
    let mut ids: Vec<String> = args.images.iter().filter(|i| *i != "-").cloned().collect();
    if from_stdin {
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| Failure::io("cannot read image IDs from stdin", e))?;
            let id = line.trim();
            if !id.is_empty() && !id.starts_with('#') {
                ids.push(id.to_owned());
            }
        }
    }
    if ids.is_empty() {
        return Err(Failure::usage(
            "no image to delete",
            Some("give image IDs as arguments or one per line on stdin".into()),
        ));
    }
    Ok(ids)
}

/// The per-image results in `format`; one that cannot be encoded is an error, never an
/// empty stdout that a script would read as "nothing happened".
fn encode(records: &impl serde::Serialize, format: ResultFormat) -> Result<String> {
    let (text, name) = match format {
        ResultFormat::Json => (
            serde_json::to_string_pretty(records)
                .map(|s| s + "\n")
                .map_err(|e| e.to_string()),
            "JSON",
        ),
        ResultFormat::Yaml => (
            serde_yaml::to_string(records).map_err(|e| e.to_string()),
            "YAML",
        ),
    };
    text.map_err(|e| {
        let context = format!("cannot encode the results of delete as {name}");
        Failure::io(context, std::io::Error::other(e))
    })
}

/// Failures on stderr one per line, the summary, the per-image results, the exit code. After
/// an interrupt (`interrupted`) the images it left are `interrupted` (under way, outcome
/// unknown) or `not attempted`, the summary says so, and the exit code is 130.
fn report(
    args: &DeleteArgs,
    ids: &[String],
    results: Vec<Outcome<Done>>,
    interrupted: bool,
    printer: &mut Printer,
) -> Result<()> {
    let verb = if args.dry_run {
        "would delete"
    } else {
        "deleted"
    };
    let tally = Tally::of(&results);
    let mut causes = Vec::new();
    let mut skipped = 0;
    let mut records = Vec::new();
    for (id, outcome) in ids.iter().zip(results) {
        let result = match outcome {
            Outcome::Done(result) => result,
            unfinished => {
                if matches!(unfinished, Outcome::Interrupted) && !args.dry_run {
                    printer.warn(&format!(
                        "image {id}: interrupted in flight; it may or may not be deleted"
                    ));
                }
                let word = unfinished.unfinished().unwrap_or_default();
                records.push(json!({ "id": id, "result": word }));
                continue;
            }
        };
        let record = match &result {
            Ok(Done::Deleted(deleted)) => {
                if args.dry_run && args.format.is_none() {
                    printer.data(format!("would delete {deleted}\n").as_bytes())?;
                }
                if deleted == id {
                    json!({ "id": id, "result": verb })
                } else {
                    json!({ "id": deleted, "name": id, "result": verb })
                }
            }
            Ok(Done::Skipped { id: kept, note }) => {
                skipped += 1;
                printer.warn(&format!("image {id}: skipped: {note}"));
                let result = format!("skipped: {note}");
                if kept == id {
                    json!({ "id": id, "result": result, "in_use": true })
                } else {
                    json!({ "id": kept, "name": id, "result": result, "in_use": true })
                }
            }
            Err(e) => {
                printer.error(e);
                if e.is_in_use() {
                    json!({ "id": id, "result": "in use", "in_use": true,
                            "error": e.to_string(), "exit_code": report::exit_code(e) })
                } else {
                    json!({ "id": id, "result": "failed", "error": e.to_string(),
                            "exit_code": report::exit_code(e) })
                }
            }
        };
        if let Err(e) = result {
            causes.push(e);
        }
        records.push(record);
    }
    if let Some(format) = args.format {
        printer.data(encode(&Value::Array(records), format)?.as_bytes())?;
    }
    if interrupted {
        // The interrupt outranks the failures (each already told): exit 130.
        printer.diag().info(&tally.summary(verb));
        return Err(Failure::Interrupted);
    }
    if causes.is_empty() {
        let total = ids.len();
        if skipped > 0 {
            let done = total.saturating_sub(skipped);
            let line = format!("{verb} {done} of {total}; {skipped} skipped (in use)");
            printer.diag().info(&line);
        } else if total > 1 {
            printer.diag().info(&format!("{verb} {total} of {total}"));
        }
        return Ok(());
    }
    Err(Failure::Partial {
        failed: causes.len(),
        // An image the cloud refused as in use is a failure of delete's, among `failed`;
        // one --skip-in-use kept is not.
        in_use: skipped,
        total: ids.len(),
        verb,
        causes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value that no format can encode.
    struct Unencodable;

    impl serde::Serialize for Unencodable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> std::result::Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("no such value"))
        }
    }

    #[test]
    fn results_that_cannot_be_encoded_are_an_error_never_empty_output() {
        for (format, name) in [(ResultFormat::Json, "JSON"), (ResultFormat::Yaml, "YAML")] {
            let e = encode(&Unencodable, format).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("cannot encode the results of delete as {name}: no such value")
            );
            assert_eq!(report::exit_code(&e), report::exit::FAILURE);
        }
        let ok = encode(
            &json!([{"id": "a", "result": "deleted"}]),
            ResultFormat::Json,
        );
        assert_eq!(
            ok.unwrap(),
            "[\n  {\n    \"id\": \"a\",\n    \"result\": \"deleted\"\n  }\n]\n"
        );
    }
}
