//! `nova-images delete`: many images at once, safely.
//!
//! Every image is attempted, at most `--concurrency` at a time; results are reported in the
//! order the images were given, whatever order the deletions finish in.

use std::io::BufRead;

use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::cli::{DeleteArgs, ResultFormat};
use crate::config::Env;
use crate::error::{Error, Result, exit};
use crate::output::{Printer, progress_bar};

pub(super) async fn run(
    args: DeleteArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let ids = image_ids(&args)?;
    let nova = super::connect(conn, env, printer).await?;
    let bar = progress_bar(printer, ids.len() as u64, "deleting");
    let mut tasks = JoinSet::new();
    let mut results: Vec<Option<Result<()>>> = ids.iter().map(|_| None).collect();
    let mut next = 0;
    while next < ids.len() || !tasks.is_empty() {
        while next < ids.len() && tasks.len() < args.concurrency as usize {
            let (nova, id, dry_run) = (nova.clone(), ids[next].clone(), args.dry_run);
            tasks.spawn(async move {
                let result = if dry_run {
                    nova.get(&id).await.map(drop)
                } else {
                    nova.delete(&id).await
                };
                (next, result.map_err(|e| e.for_image(&id)))
            });
            next += 1;
        }
        if let Some(joined) = tasks.join_next().await {
            let (index, result) = joined.map_err(|e| {
                Error::io(
                    "a deletion task failed",
                    std::io::Error::other(e.to_string()),
                )
            })?;
            results[index] = Some(result);
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    report(&args, &ids, results, printer)
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
    results: Vec<Option<Result<()>>>,
    printer: &mut Printer,
) -> Result<()> {
    let verb = if args.dry_run {
        "would delete"
    } else {
        "deleted"
    };
    let mut codes = Vec::new();
    let mut records = Vec::new();
    for (id, result) in ids.iter().zip(results) {
        let result = result.unwrap_or(Err(Error::Interrupted));
        let record = match &result {
            Ok(()) => {
                if args.dry_run && args.format.is_none() {
                    printer.data(format!("would delete {id}\n").as_bytes())?;
                }
                json!({ "id": id, "result": verb })
            }
            Err(e) => {
                printer.note(&format!("nova-images: error: {e}"));
                if let Some(hint) = e.hint() {
                    printer.note(&format!("hint: {hint}"));
                }
                codes.push(e.exit_code());
                json!({ "id": id, "result": "failed", "error": e.to_string(),
                        "exit_code": e.exit_code() })
            }
        };
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
    let Some(&first) = codes.first() else {
        if ids.len() > 1 {
            printer
                .diag()
                .info(&format!("{verb} {} of {}", ids.len(), ids.len()));
        }
        return Ok(());
    };
    Err(Error::Partial {
        failed: codes.len(),
        total: ids.len(),
        verb,
        // One kind of failure keeps its own code (all not found: 5); a mix is 1.
        code: if codes.iter().all(|&c| c == first) {
            first
        } else {
            exit::FAILURE
        },
    })
}
