//! Live shell completion of image names and IDs (clap_complete's `COMPLETE=$SHELL`
//! protocol), answered from a small on-disk cache so that it never waits on the network.
//!
//! `list` (unfiltered) writes the cloud's id/name pairs to
//! `<cache dir>/nova-images/completion/<hash of cloud>.json` (0600). Completing an image
//! argument reads that file only; when it is older than a minute (or missing) a detached
//! `nova-images list` with a 5-second timeout refreshes it in the background for the next
//! TAB. No cache, no candidates.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cache::{cache_dir, untrusted, write_private};
use crate::config::Env;

/// Images a completion cache holds at most (the first of a listing): more is no help to a
/// shell, and a listing of any size keeps its memory bounded.
pub(crate) const MAX_ENTRIES: usize = 10_000;

/// Refresh the completion cache in the background when it is older than this.
const STALE_AFTER: Duration = Duration::from_secs(60);

#[derive(Debug, Serialize, Deserialize)]
struct Entries {
    cloud: String,
    /// `[id, name]` pairs.
    images: Vec<(String, Option<String>)>,
}

fn file_for(env: &Env, cloud: &str) -> Option<PathBuf> {
    let hash: String = Sha256::digest(cloud.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(
        cache_dir(env)?
            .join("completion")
            .join(format!("{hash}.json")),
    )
}

/// Where the name of the cloud last listed is kept, for completion without `--os-cloud`.
fn last_cloud_file(env: &Env) -> Option<PathBuf> {
    Some(cache_dir(env)?.join("completion").join("last-cloud"))
}

/// Remembers the images of a complete listing of `cloud`; failures are silent (completion
/// is a convenience).
pub fn remember(env: &Env, cloud: &str, images: Vec<(String, Option<String>)>) {
    let entries = Entries {
        cloud: cloud.to_owned(),
        images,
    };
    if let Some(path) = file_for(env, cloud) {
        let _ = write_private(&path, &entries);
    }
    if let Some(path) = last_cloud_file(env) {
        let _ = write_private(&path, &cloud);
    }
}

/// The completer for arguments that take an image ID or name.
pub fn images() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| candidates(&Env::from_process(), current))
}

/// The cloud of the command line being completed (`--os-cloud`), else `OS_CLOUD`, else the
/// cloud listed last.
fn cloud_in_use(env: &Env) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let from_args = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--os-cloud=")
            .map(str::to_owned)
            .or_else(|| {
                (a == "--os-cloud")
                    .then(|| args.get(i + 1).cloned())
                    .flatten()
            })
    });
    from_args
        .or_else(|| env.vars.get("OS_CLOUD").cloned())
        .filter(|c| !c.is_empty())
        .or_else(|| {
            let text = crate::fs::read_bounded(&last_cloud_file(env)?).ok()?;
            serde_json::from_slice(&text).ok()
        })
}

fn candidates(env: &Env, current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(cloud) = cloud_in_use(env) else {
        return Vec::new();
    };
    let Some(path) = file_for(env, &cloud) else {
        return Vec::new();
    };
    let metadata = std::fs::metadata(&path).ok();
    let stale = metadata
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age > STALE_AFTER);
    if stale {
        refresh_in_background(&cloud);
    }
    if metadata.as_ref().is_none_or(|m| untrusted(m).is_some()) {
        return Vec::new();
    }
    let Some(entries) = crate::fs::read_bounded(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Entries>(&b).ok())
    else {
        return Vec::new();
    };
    let prefix = current.to_string_lossy();
    let mut out = Vec::new();
    for (id, name) in &entries.images {
        if id.starts_with(prefix.as_ref()) {
            out.push(CompletionCandidate::new(id).help(name.clone().map(Into::into)));
        }
    }
    let mut names: Vec<&str> = entries
        .images
        .iter()
        .filter_map(|(_, n)| n.as_deref())
        .filter(|n| !n.is_empty() && n.starts_with(prefix.as_ref()))
        .collect();
    names.sort_unstable();
    names.dedup();
    out.extend(names.into_iter().map(CompletionCandidate::new));
    out
}

/// Starts `nova-images list` detached, with a short timeout, to refresh the cache.
fn refresh_in_background(cloud: &str) {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let _ = std::process::Command::new(exe)
        .args([
            "--os-cloud",
            cloud,
            "-q",
            "--timeout",
            "5",
            "--retries",
            "0",
        ])
        .args(["list", "-f", "value", "-c", "id"])
        .env_remove("COMPLETE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
