//! The token cache: a Keystone token, its expiry and catalog, kept per identity on disk so
//! that a run with a warm cache sends only the requests its job needs.
//!
//! One file per identity in `<cache dir>/nova-images/tokens/` (`$XDG_CACHE_HOME`, else
//! `~/.cache`): the name is the SHA-256 of the identity (auth URL, auth type, user, domains,
//! scope, application credential ID; never a password or secret). The directory is 0700,
//! files 0600, written to a temporary file and renamed into place, so concurrent runs never
//! see half a file. A token is reused while it stays valid for at least 60 more seconds. A
//! file that does not parse, is not ours or is readable by others is ignored with a warning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::auth::{ApiChoice, StoredToken, TokenStore};
use crate::config::{CloudConfig, Env};
use crate::diag::Diag;
use crate::error::{Error, Result};
use crate::model::{Secret, Service};

/// A token is reused only while it stays valid this much longer.
const MARGIN_SECS: i64 = 60;

/// Bumped when the file format changes; other versions are ignored.
const VERSION: u32 = 1;

/// What a cache file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    version: u32,
    token: Secret,
    expires_at: String,
    catalog: Vec<Service>,
    /// `--api auto`'s choices of Glance made with this token, by compute endpoint and
    /// microversion: they go with it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    apis: BTreeMap<String, ApiChoice>,
}

impl Cached {
    /// A cache entry for a token just issued.
    fn new(token: &Secret, expires_at: &str, catalog: Vec<Service>) -> Self {
        Cached {
            version: VERSION,
            token: token.clone(),
            expires_at: expires_at.to_owned(),
            catalog,
            apis: BTreeMap::new(),
        }
    }

    /// Still valid for at least [`MARGIN_SECS`] at `now` (Unix seconds)?
    fn fresh(&self, now: i64) -> bool {
        unix_time(&self.expires_at).is_some_and(|expiry| expiry - now >= MARGIN_SECS)
    }
}

/// The on-disk token cache (or a disabled one).
#[derive(Debug, Clone)]
pub struct TokenCache {
    dir: Option<PathBuf>,
    diag: Diag,
}

impl TokenCache {
    /// The cache under the user's cache directory; `enabled: false` gives one that never
    /// reads or writes.
    pub fn new(env: &Env, enabled: bool, diag: Diag) -> Self {
        TokenCache {
            dir: enabled
                .then(|| cache_dir(env).map(|d| d.join("tokens")))
                .flatten(),
            diag,
        }
    }

    fn path(&self, cloud: &CloudConfig) -> Option<PathBuf> {
        Some(
            self.dir
                .as_ref()?
                .join(format!("{}.json", identity_key(cloud))),
        )
    }

    /// Where this identity's token would be kept; `None` when the cache is off (or there
    /// is no cache directory).
    pub fn location(&self, cloud: &CloudConfig) -> Option<PathBuf> {
        self.path(cloud)
    }

    /// The `expires_at` of this identity's fresh, trustworthy cached token. Says nothing.
    pub fn fresh_until(&self, cloud: &CloudConfig) -> Option<String> {
        self.read(cloud, false).map(|cached| cached.expires_at)
    }

    /// Is there a fresh, trustworthy token for this identity? Says nothing.
    pub fn has_fresh(&self, cloud: &CloudConfig) -> bool {
        self.read(cloud, false).is_some()
    }

    fn read(&self, cloud: &CloudConfig, speak: bool) -> Option<Cached> {
        let path = self.path(cloud)?;
        if let Some(problem) = path.parent().and_then(untrusted_dir) {
            if speak {
                self.diag
                    .warn(&format!("not using the token cache: {problem}"));
            }
            return None;
        }
        let metadata = std::fs::metadata(&path).ok()?;
        let warn = |problem: &str| {
            if speak {
                self.diag.warn(&format!(
                    "ignoring token cache file {}: {problem}",
                    path.display()
                ));
            }
        };
        if let Some(problem) = untrusted(&metadata) {
            warn(&problem);
            return None;
        }
        let parsed = crate::fs::read_bounded(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Cached>(&bytes).ok())
            .filter(|c| c.version == VERSION);
        let Some(cached) = parsed else {
            warn("it is corrupt");
            return None;
        };
        if !cached.fresh(now()) {
            if speak {
                self.diag
                    .notice("the cached token expires within a minute; authenticating");
            }
            return None;
        }
        Some(cached)
    }

    /// Removes every token file nova-images wrote (its own names only); returns how many
    /// there were. A cache directory that is a link or not private is refused.
    pub fn clear(&self) -> Result<usize> {
        let Some(dir) = &self.dir else {
            return Ok(0);
        };
        if let Some(problem) = untrusted_dir(dir) {
            return Err(Error::io(
                format!("refusing to clear the token cache {}", dir.display()),
                std::io::Error::other(problem),
            ));
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(Error::io(format!("cannot read {}", dir.display()), e)),
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = entry.file_name().to_str().is_some_and(is_token_file_name);
            if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
                std::fs::remove_file(&path)
                    .map_err(|e| Error::io(format!("cannot remove {}", path.display()), e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

impl TokenStore for TokenCache {
    /// The cached token of this identity, if it is fresh and the file is trustworthy.
    fn load(&self, cloud: &CloudConfig) -> Option<StoredToken> {
        let cached = self.read(cloud, true)?;
        self.diag
            .notice(&format!("using the cached token of cloud '{}'", cloud.name));
        Some(StoredToken {
            token: cached.token,
            expires_at: cached.expires_at,
            catalog: cached.catalog,
        })
    }

    /// Saves a token for this identity; failures only warn (the run goes on without cache).
    fn store(&self, cloud: &CloudConfig, token: &StoredToken) {
        let Some(path) = self.path(cloud) else {
            return;
        };
        let cached = Cached::new(&token.token, &token.expires_at, token.catalog.clone());
        if let Err(e) = write_private(&path, &cached) {
            self.diag.warn(&format!(
                "cannot save the token cache {}: {e}",
                path.display()
            ));
        }
    }

    /// Forgets this identity's token (after Keystone or Nova refused it).
    fn forget(&self, cloud: &CloudConfig) {
        if let Some(path) = self.path(cloud) {
            let _ = std::fs::remove_file(path);
        }
    }

    fn api_choice(&self, cloud: &CloudConfig, key: &str) -> Option<ApiChoice> {
        self.read(cloud, false)?.apis.remove(key)
    }

    /// Adds the choice to the fresh token's file (none: nothing to keep it with).
    fn keep_api_choice(&self, cloud: &CloudConfig, key: &str, choice: &ApiChoice) {
        let (Some(path), Some(mut cached)) = (self.path(cloud), self.read(cloud, false)) else {
            return;
        };
        cached.apis.insert(key.to_owned(), choice.clone());
        if let Err(e) = write_private(&path, &cached) {
            self.diag.warn(&format!(
                "cannot save the token cache {}: {e}",
                path.display()
            ));
        }
    }
}

/// `$XDG_CACHE_HOME/nova-images`, else `~/.cache/nova-images` (the platform's cache
/// directory elsewhere).
pub(crate) fn cache_dir(env: &Env) -> Option<PathBuf> {
    let base = if cfg!(any(target_os = "linux", target_os = "freebsd")) {
        env.vars
            .get("XDG_CACHE_HOME")
            .filter(|v| Path::new(v).is_absolute())
            .map(PathBuf::from)
            .or_else(|| env.home.as_ref().map(|h| h.join(".cache")))
    } else {
        dirs::cache_dir()
    };
    base.map(|b| b.join("nova-images"))
}

/// The identity a token belongs to, hashed: never a password or secret.
fn identity_key(cloud: &CloudConfig) -> String {
    let mut hasher = Sha256::new();
    let fields = [
        "auth_url",
        "user_id",
        "username",
        "user_domain_id",
        "user_domain_name",
        "project_id",
        "project_name",
        "project_domain_id",
        "project_domain_name",
        "domain_id",
        "domain_name",
        "system_scope",
        "trust_id",
        "application_credential_id",
        "application_credential_name",
        "default_domain_id",
        "default_domain_name",
    ];
    hasher.update(cloud.auth_type.as_str().as_bytes());
    for field in fields {
        hasher.update([0]);
        hasher.update(field.as_bytes());
        hasher.update([b'=']);
        hasher.update(cloud.auth_value(field).unwrap_or_default().as_bytes());
    }
    // A token given to us (token auth) is an identity of its own: hash it, never store it
    // in clear in the name.
    if let Some(token) = cloud.auth_value("token") {
        hasher.update([0]);
        hasher.update(Sha256::digest(token.as_bytes()));
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `<sha256 hex>.json`: the names of the files [`TokenCache`] writes.
fn is_token_file_name(name: &str) -> bool {
    name.strip_suffix(".json")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Why a cache directory (`dir` and its parent, nova-images' own) must not be used: a
/// symbolic link, not a directory, someone else's, or open to others. Missing is fine.
pub(crate) fn untrusted_dir(dir: &Path) -> Option<String> {
    for d in [dir.parent(), Some(dir)].into_iter().flatten() {
        let Ok(metadata) = std::fs::symlink_metadata(d) else {
            continue;
        };
        if metadata.file_type().is_symlink() {
            return Some(format!("{} is a symbolic link", d.display()));
        }
        if !metadata.is_dir() {
            return Some(format!("{} is not a directory", d.display()));
        }
        if let Some(problem) = not_private(&metadata) {
            return Some(format!("{}: {problem}", d.display()));
        }
    }
    None
}

/// Why a cache file must not be trusted, if it must not.
pub(crate) fn untrusted(metadata: &std::fs::Metadata) -> Option<String> {
    not_private(metadata).or_else(|| (!metadata.is_file()).then(|| "not a regular file".into()))
}

/// Someone else's, or open to others.
#[cfg(unix)]
fn not_private(metadata: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    if metadata.uid() != me {
        return Some(format!("owned by uid {}, not {me}", metadata.uid()));
    }
    if metadata.mode() & 0o077 != 0 {
        return Some(format!(
            "mode {:o} lets others read it",
            metadata.mode() & 0o777
        ));
    }
    None
}

#[cfg(not(unix))]
fn not_private(_: &std::fs::Metadata) -> Option<String> {
    None
}

/// The bytes of `path` if it is a trustworthy cache file: in a private real directory (see
/// [`untrusted_dir`]), itself not a link, ours and 0600, and within the size cap of
/// [`crate::fs::read_bounded`]. Whatever else lies there is ignored.
// Only live completion (the `cli` feature) reads these files back.
#[cfg(feature = "cli")]
pub(crate) fn read_private(path: &Path) -> Option<Vec<u8>> {
    if path.parent().is_none_or(|d| untrusted_dir(d).is_some()) {
        return None;
    }
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if metadata.file_type().is_symlink() || untrusted(&metadata).is_some() {
        return None;
    }
    crate::fs::read_bounded(path).ok()
}

/// Creates `dir` (and its parents) 0700 if missing, and checks it is a private real
/// directory before anything is put in it.
pub(crate) fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    match untrusted_dir(dir) {
        Some(problem) => Err(std::io::Error::other(problem)),
        None => Ok(()),
    }
}

/// Writes `value` as JSON to `path` atomically: a private temporary file, then a rename.
pub(crate) fn write_private<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no directory"))?;
    private_dir(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("token"),
        std::process::id(),
        fastrand::u64(..)
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let result = options.open(&tmp).and_then(|file| {
        // Written as it is encoded: a big completion cache is never a second copy in memory.
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut out, value).map_err(std::io::Error::other)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Keystone's `expires_at` (`YYYY-MM-DDTHH:MM:SS[.ffffff]Z`) as Unix seconds, through the
/// crate's one timestamp reader.
pub(crate) fn unix_time(text: &str) -> Option<i64> {
    crate::time::parse_timestamp(text).map(|at| at.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystone_times_parse() {
        assert_eq!(unix_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            unix_time("2026-11-27T14:40:09.000000Z"),
            Some(1_795_790_409)
        );
        assert_eq!(unix_time("2000-02-29T12:00:00Z"), Some(951_825_600));
        assert_eq!(unix_time("garbage"), None);
        assert_eq!(unix_time("2026-13-01T00:00:00Z"), None);
    }

    #[cfg(unix)]
    #[test]
    fn clear_removes_only_its_own_files_and_never_through_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        let env = Env {
            vars: [(
                "XDG_CACHE_HOME".to_owned(),
                home.path().display().to_string(),
            )]
            .into(),
            ..Env::default()
        };
        let cache = TokenCache::new(&env, true, Diag::default());
        let tokens = home.path().join("nova-images/tokens");
        std::fs::create_dir_all(&tokens).unwrap();
        for d in [tokens.parent().unwrap(), &tokens] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let ours = tokens.join(format!("{}.json", "a".repeat(64)));
        std::fs::write(&ours, "{}").unwrap();
        std::fs::write(tokens.join("notes.json"), "{}").unwrap();
        assert_eq!(cache.clear().unwrap(), 1);
        assert!(!ours.exists() && tokens.join("notes.json").exists());

        // tokens/ as a link to somebody's directory: nothing there is touched.
        let victim = tempfile::tempdir().unwrap();
        let theirs = victim.path().join(format!("{}.json", "b".repeat(64)));
        std::fs::write(&theirs, "{}").unwrap();
        std::fs::remove_dir_all(&tokens).unwrap();
        std::os::unix::fs::symlink(victim.path(), &tokens).unwrap();
        let err = cache.clear().unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "refusing to clear the token cache {}: {} is a symbolic link",
                tokens.display(),
                tokens.display()
            )
        );
        assert!(theirs.exists());
    }

    #[test]
    fn freshness_needs_a_minute() {
        let c = |exp: &str| Cached::new(&Secret::new("t"), exp, vec![]);
        let now = unix_time("2026-01-01T00:00:00Z").unwrap();
        assert!(c("2026-01-01T00:01:00Z").fresh(now));
        assert!(!c("2026-01-01T00:00:59Z").fresh(now));
        assert!(!c("not a time").fresh(now));
    }
}
