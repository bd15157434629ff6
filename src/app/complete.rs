//! Live shell completion of image names and IDs (clap_complete's `COMPLETE=$SHELL`
//! protocol), answered from a small on-disk cache so that it never waits on the network.
//!
//! `list` (unfiltered) writes the cloud's id/name pairs to
//! `<cache dir>/nova-images/completion/<hash of cloud>.json` (0600, at most
//! [`MAX_ENTRIES`] images and [`MAX_BYTES`] bytes). Completing an image argument reads that
//! file only, and only if it is a private file in a private real directory; when it is older
//! than a minute (or missing) a detached `nova-images refresh-completion-cache` refreshes it
//! for the next TAB: one per cloud at a time (a lock file), 5 seconds at most. No cache, no
//! candidates. Only words that every shell takes literally are offered (see [`is_literal`]).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Command;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cache::{cache_dir, private_dir, read_private, write_private};
use crate::config::Env;

/// Images a completion cache holds at most (the first of a listing): more is no help to a
/// shell, and a listing of any size keeps its memory bounded.
pub(crate) const MAX_ENTRIES: usize = 10_000;

/// Bytes of JSON a completion cache holds at most: a quarter of what the reader accepts
/// ([`crate::fs::MAX_FILE_BYTES`]), so that a cache of long names is cut short, never
/// written too big to be read back.
pub(crate) const MAX_BYTES: usize = 1024 * 1024;

/// Refresh the completion cache in the background when it is older than this.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// The whole of a background refresh, authentication included (the README's promise).
pub(crate) const REFRESH_DEADLINE: Duration = Duration::from_secs(5);

/// A refresh lock older than this belongs to a refresh that died without removing it: the
/// deadline plus a wide margin for a slow start, so a live refresh never loses its lock.
const LOCK_STALE_AFTER: Duration = Duration::from_secs(30);

#[derive(Debug, Serialize, Deserialize)]
struct Entries {
    cloud: String,
    /// `[id, name]` pairs.
    images: Vec<(String, Option<String>)>,
}

/// The id/name pairs of a listing, as many as a cache file holds (the first ones).
#[derive(Debug, Default)]
pub(crate) struct Names {
    images: Vec<(String, Option<String>)>,
    bytes: usize,
    full: bool,
}

impl Names {
    /// Adds an image unless the cache is full: [`MAX_ENTRIES`] images or [`MAX_BYTES`]
    /// bytes of JSON, counted as written (escapes included).
    pub(crate) fn push(&mut self, id: &str, name: Option<&str>) {
        if self.full {
            return;
        }
        let pair = (id.to_owned(), name.map(str::to_owned));
        // The pair as JSON, plus its comma; the file's frame is within the slack of MAX_BYTES.
        let size = serde_json::to_vec(&pair).map_or(usize::MAX, |v| v.len() + 1);
        if self.images.len() >= MAX_ENTRIES || self.bytes.saturating_add(size) > MAX_BYTES {
            self.full = true;
            return;
        }
        self.bytes += size;
        self.images.push(pair);
    }

    /// No more images fit.
    pub(crate) fn is_full(&self) -> bool {
        self.full
    }
}

/// The file name stem of `cloud`'s cache and lock (a hash: a cloud's name is any text).
fn stem(cloud: &str) -> String {
    Sha256::digest(cloud.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn completion_dir(env: &Env) -> Option<PathBuf> {
    Some(cache_dir(env)?.join("completion"))
}

fn file_for(env: &Env, cloud: &str) -> Option<PathBuf> {
    Some(completion_dir(env)?.join(format!("{}.json", stem(cloud))))
}

fn lock_for(env: &Env, cloud: &str) -> Option<PathBuf> {
    Some(completion_dir(env)?.join(format!("{}.lock", stem(cloud))))
}

/// Where the name of the cloud last listed is kept, for completion without `--os-cloud`.
fn last_cloud_file(env: &Env) -> Option<PathBuf> {
    Some(completion_dir(env)?.join("last-cloud"))
}

/// Remembers the images of a complete listing of `cloud`; failures are silent (completion
/// is a convenience).
pub(crate) fn remember(env: &Env, cloud: &str, names: Names) {
    let entries = Entries {
        cloud: cloud.to_owned(),
        images: names.images,
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

/// The clap command with live completion attached: what `COMPLETE=$SHELL` answers from.
/// `cli` stays clap definitions only (it imports nothing from `app`), so the completer is
/// added here, to every argument named `IMAGE` in the help (an image ID or name).
pub fn command() -> Command {
    with_image_completion(crate::cli::command())
}

/// `cmd` and its subcommands, each `IMAGE` argument completing image names and IDs.
fn with_image_completion(cmd: Command) -> Command {
    cmd.mut_args(|arg| {
        let takes_image = arg
            .get_value_names()
            .is_some_and(|names| names.iter().any(|name| name.as_str() == "IMAGE"));
        if takes_image { arg.add(images()) } else { arg }
    })
    .mut_subcommands(with_image_completion)
}

/// The cloud of the command line being completed (`--os-cloud`), else `OS_CLOUD`, else the
/// cloud listed last (from a file trusted as the cache files are: it picks the cloud a
/// refresh authenticates to).
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
            let text = read_private(&last_cloud_file(env)?)?;
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
    let stale = std::fs::symlink_metadata(&path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age > STALE_AFTER);
    if stale {
        refresh_in_background(env, &cloud);
    }
    let Some(entries) =
        read_private(&path).and_then(|b| serde_json::from_slice::<Entries>(&b).ok())
    else {
        return Vec::new();
    };
    offer(&entries.images, &current.to_string_lossy())
}

/// The IDs, then the names, that start with `prefix` and that every shell takes literally.
/// An image whose name is not such a word is offered by its ID only (the name is then the
/// ID's description, escaped for the terminal).
fn offer(images: &[(String, Option<String>)], prefix: &str) -> Vec<CompletionCandidate> {
    let mut out: Vec<CompletionCandidate> = images
        .iter()
        .filter(|(id, _)| id.starts_with(prefix) && is_literal(id))
        .map(|(id, name)| {
            let help = name
                .as_deref()
                .map(|n| crate::diag::escape_for_terminal(n, false).into());
            CompletionCandidate::new(id).help(help)
        })
        .collect();
    let mut names: Vec<&str> = images
        .iter()
        .filter_map(|(_, n)| n.as_deref())
        .filter(|n| n.starts_with(prefix) && is_literal(n))
        .collect();
    names.sort_unstable();
    names.dedup();
    out.extend(names.into_iter().map(CompletionCandidate::new));
    out
}

/// Is `word` one literal argument however a shell inserts it? Only letters, digits and
/// `- _ . + , @ /`, not starting with `-` (an option) and not empty.
///
/// Why a whitelist instead of quoting: clap_complete's bash glue puts candidates into
/// `COMPREPLY=( $(...) )` unquoted (so `;`, `$(...)`, spaces and glob characters would act
/// on the command line), splits them on a vertical tab, zsh's on `:` and newlines, and the
/// candidate cannot know how the word being completed is already quoted. Names outside the
/// set (spaces, quotes, `$ ; | & < > ( ) * ? [ ~ # = % :`, control characters, ...) are
/// offered as their IDs, which are always such words on real clouds.
fn is_literal(word: &str) -> bool {
    !word.is_empty()
        && !word.starts_with('-')
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ',' | '@' | '/'))
}

/// Starts `nova-images refresh-completion-cache` detached, unless a refresh of this cloud
/// holds its lock; the child releases the lock when it is done.
fn refresh_in_background(env: &Env, cloud: &str) {
    let Some(lock) = lock_for(env, cloud) else {
        return;
    };
    if !take_lock(&lock) {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        release_lock(env, cloud);
        return;
    };
    let timeout = REFRESH_DEADLINE.as_secs().to_string();
    let spawned = std::process::Command::new(exe)
        .args(["--os-cloud", cloud, "-q", "--timeout", &timeout])
        .args(["--retries", "0", "refresh-completion-cache"])
        .env_remove("COMPLETE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        release_lock(env, cloud);
    }
}

/// Creates the lock file (`create_new`: only one process can); a lock left by a refresh
/// that died is removed once older than [`LOCK_STALE_AFTER`], and taken by the next TAB.
fn take_lock(lock: &Path) -> bool {
    if lock.parent().is_none_or(|d| private_dir(d).is_err()) {
        return false;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(lock) {
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let abandoned = std::fs::symlink_metadata(lock)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > LOCK_STALE_AFTER);
            if abandoned {
                let _ = std::fs::remove_file(lock);
            }
            false
        }
        Err(_) => false,
    }
}

/// Releases `cloud`'s refresh lock (what a refresh does last, however it ended).
pub(crate) fn release_lock(env: &Env, cloud: &str) {
    if let Some(lock) = lock_for(env, cloud) {
        let _ = std::fs::remove_file(lock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument that takes an image gets the completer, and only those.
    #[test]
    fn image_arguments_complete_and_nothing_else() {
        fn walk(cmd: &Command, path: &str, found: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                if arg.get::<ArgValueCompleter>().is_some() {
                    found.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), found);
            }
        }
        let mut found = Vec::new();
        walk(&command(), "nova-images", &mut found);
        found.sort();
        let expected = [
            "nova-images delete images",
            "nova-images metadata get image",
            "nova-images metadata list image",
            "nova-images metadata replace image",
            "nova-images metadata set image",
            "nova-images metadata unset image",
            "nova-images show image",
            "nova-images wait image",
        ];
        assert_eq!(found, expected);
        // cli's own command stays pure clap.
        let mut bare = Vec::new();
        walk(&crate::cli::command(), "nova-images", &mut bare);
        assert!(bare.is_empty(), "{bare:?}");
    }

    #[test]
    fn only_words_every_shell_takes_literally() {
        for ok in [
            "cirros-0.6.2",
            "ubuntu_24.04+x,y@z/w",
            "débian-12",
            "a1b2c3d4-0000",
        ] {
            assert!(is_literal(ok), "{ok}");
        }
        for bad in [
            "",
            "-rf",
            "ubuntu-x; touch CANARY #",
            "build-$(touch CANARY)",
            "two words",
            "a`b`",
            "it's",
            "a\"b",
            "a\\b",
            "*",
            "a?",
            "[a]",
            "~root",
            "a=b",
            "%1",
            "a:b",
            "a|b",
            "a&b",
            "a>b",
            "a\nb",
            "a\tb",
            "a\u{b}b",
            "a\u{1b}[2J",
            "a\u{202e}b",
            "a\u{a0}b",
        ] {
            assert!(!is_literal(bad), "{bad:?}");
        }
    }

    #[test]
    fn hostile_names_are_offered_by_id_only_with_an_escaped_description() {
        let images = vec![
            (
                "id-1".to_owned(),
                Some("ubuntu-x; touch CANARY #".to_owned()),
            ),
            (
                "id-2".to_owned(),
                Some("ubuntu-2\u{1b}[2J\nfake".to_owned()),
            ),
            ("id-3".to_owned(), Some("ubuntu-3".to_owned())),
            ("id;4".to_owned(), Some("ubuntu-4".to_owned())),
        ];
        let show = |prefix: &str| -> Vec<(String, Option<String>)> {
            offer(&images, prefix)
                .iter()
                .map(|c| {
                    (
                        c.get_value().to_string_lossy().into_owned(),
                        c.get_help().map(ToString::to_string),
                    )
                })
                .collect()
        };
        assert_eq!(
            show("ubuntu-"),
            [("ubuntu-3".into(), None), ("ubuntu-4".into(), None)]
        );
        assert_eq!(
            show("id"),
            [
                ("id-1".into(), Some("ubuntu-x; touch CANARY #".into())),
                ("id-2".into(), Some("ubuntu-2\\u{1b}[2J\\nfake".into())),
                ("id-3".into(), Some("ubuntu-3".into())),
            ]
        );
    }

    #[test]
    fn names_are_capped_by_count_and_by_bytes() {
        let mut names = Names::default();
        for i in 0..MAX_ENTRIES + 5 {
            names.push(&format!("{i}"), None);
        }
        assert_eq!(names.images.len(), MAX_ENTRIES);
        assert!(names.is_full());

        let mut names = Names::default();
        let long = "\u{1}".repeat(200);
        for i in 0..10_000 {
            names.push(&format!("{i:036}"), Some(&long));
        }
        assert!(names.is_full());
        let written = serde_json::to_vec(&Entries {
            cloud: "c".repeat(255),
            images: names.images,
        })
        .unwrap()
        .len();
        assert!(
            (MAX_BYTES - 2_000..=MAX_BYTES + 300).contains(&written),
            "{written}"
        );
    }
}
