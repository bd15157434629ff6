//! The real binary against a REAL Keystone + Glance + Nova: the sandbox cloud of
//! `scripts/sandbox-cloud`.
//!
//! Every test is `#[ignore]`d, so that `cargo test` (the hermetic suite) only lists them; run
//! them with the sandbox up and its environment set:
//!
//! ```text
//! scripts/sandbox-cloud up && eval "$(scripts/sandbox-cloud env)"
//! cargo test --locked --test real_cloud -- --ignored
//! ```
//!
//! `NOVA_IMAGES_SANDBOX` (the sandbox's state dir, set by `scripts/sandbox-cloud env`) must
//! be set: without it every test fails, saying so, and a sandbox that does not answer is a
//! failure too. Nothing here passes without running.
//!
//! Expected ids come from `<state>/images.json` (written by `sandbox-cloud up`). Tests run in
//! parallel threads; a test that deletes sample images (only `deleteme-1` and `deleteme-2`)
//! or makes images of its own holds a write lock that every other test holds for reading,
//! and leaves the sample set as it found it before it lets go (deleted samples put back with
//! `scripts/sandbox-cloud up`, its own images deleted), so every test sees the full sample
//! set and the suite can be run again and again. Before the first test, missing sample
//! images (an interrupted earlier run) are re-created the same way.
//!
//! `real_cloud/both.rs`: `--api nova` and `--api glance` give the same stdout for every
//! command. `real_cloud/gone.rs`: `--api auto` and `doctor` when Nova's images routes answer
//! 404 (real Nova asked at microversion 2.36 through a relay).

#[path = "real_cloud/both.rs"]
mod both;
#[path = "real_cloud/gone.rs"]
mod gone;
#[path = "integration/hermetic.rs"]
mod hermetic;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

const VAR: &str = "NOVA_IMAGES_SANDBOX";
/// The snapshot-image's `instance_uuid` (scripts/sandbox-cloud, SNAPSHOT_SERVER).
const SNAPSHOT_SERVER: &str = "6c4e3c5a-1b2c-4d5e-8f90-123456789abc";

// ---- the sandbox ----------------------------------------------------------------------------

static LOCK: RwLock<()> = RwLock::new(());
static STATE: OnceLock<Result<PathBuf, String>> = OnceLock::new();
static SAMPLES: OnceLock<Result<(), String>> = OnceLock::new();

/// The lock a test holds while it runs, only for its Drop: read by the tests that change
/// nothing, write by those that delete sample images or make images of their own.
struct Guard {
    _shared: Option<RwLockReadGuard<'static, ()>>,
    _exclusive: Option<RwLockWriteGuard<'static, ()>>,
}

/// The sandbox for one test: its state dir, the sample ids and a HOME for the binary.
struct Sandbox {
    state: PathBuf,
    /// images.json: name -> id, or -> [ids] for dup-name.
    images: Value,
    home: tempfile::TempDir,
    _guard: Guard,
}

/// The state dir, checked once (the variable and its files); panics (failing the test) when
/// the variable is unset.
fn sandbox_dir() -> PathBuf {
    let state = STATE.get_or_init(|| {
        let Some(dir) = std::env::var_os(VAR).filter(|v| !v.is_empty()) else {
            return Err(format!(
                "{VAR} is not set, so the real-cloud suite cannot run: \
                 `scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\"` first, then \
                 `cargo test --locked --test real_cloud -- --ignored`"
            ));
        };
        let state = PathBuf::from(dir);
        for file in ["clouds.yaml", "images.json"] {
            if !state.join(file).is_file() {
                return Err(format!(
                    "{VAR}={} but {file} is not there: run scripts/sandbox-cloud up",
                    state.display()
                ));
            }
        }
        Ok(state)
    });
    match state {
        Ok(state) => state.clone(),
        Err(why) => panic!("{why}"),
    }
}

/// [`sandbox_dir`], for a test that needs the sandbox to list exactly the sample images,
/// checked once; panics when other images are there.
fn state_dir() -> PathBuf {
    let state = sandbox_dir();
    let samples = SAMPLES.get_or_init(|| {
        // Put back sample images an interrupted run deleted (no test on the samples runs
        // yet: each waits for this initialisation; a test making images holds the lock).
        let _lock = LOCK.write().unwrap_or_else(|e| e.into_inner());
        let expected = visible_ids(&load_images(&state));
        let listed = listed_ids(&state);
        if !expected.is_subset(&listed) {
            sandbox_up(&state);
        }
        let expected = visible_ids(&load_images(&state));
        let listed = listed_ids(&state);
        if listed == expected {
            return Ok(());
        }
        Err(format!(
            "the sandbox's images are not the sample set of {}/images.json: {} other images \
             listed ({:?}...), sample images missing: {:?}; for a fresh sandbox: \
             scripts/sandbox-cloud down --wipe && scripts/sandbox-cloud up",
            state.display(),
            listed.difference(&expected).count(),
            listed.difference(&expected).take(3).collect::<Vec<_>>(),
            expected.difference(&listed).collect::<Vec<_>>(),
        ))
    });
    if let Err(why) = samples {
        panic!("{why}");
    }
    state
}

fn load_images(state: &Path) -> Value {
    let text = std::fs::read_to_string(state.join("images.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every sample id the demo user can list: all but the killed image (Glance hides it).
fn visible_ids(images: &Value) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (name, v) in images.as_object().unwrap() {
        if name == "killed-image" {
            continue;
        }
        match v {
            Value::String(id) => {
                ids.insert(id.clone());
            }
            Value::Array(list) => ids.extend(list.iter().map(|i| i.as_str().unwrap().to_owned())),
            other => panic!("images.json: unexpected {other}"),
        }
    }
    ids
}

/// The binary, hermetic (no OS_* from the caller, HOME in `home`), on the sandbox's clouds.yaml.
fn command(state: &Path, home: &Path) -> Command {
    let mut cmd = hermetic::hermetic(home);
    cmd.env("OS_CLIENT_CONFIG_FILE", state.join("clouds.yaml"));
    cmd
}

fn listed_ids(state: &Path) -> BTreeSet<String> {
    let home = tempfile::tempdir().unwrap();
    let out = command(state, home.path())
        .args(["--os-cloud", "sandbox", "list", "-f", "value", "-c", "id"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{VAR} is set, but listing the sandbox's images failed ({}): {}\n\
         is it up? scripts/sandbox-cloud status",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// `scripts/sandbox-cloud up` for this state dir: re-creates missing sample images.
fn sandbox_up(state: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = std::process::Command::new(repo.join("scripts/sandbox-cloud"));
    cmd.arg("up").env("NOVA_IMAGES_SANDBOX_DIR", state);
    // The ports it runs on (`up` with other ports would restart it there).
    let ports = std::fs::read_to_string(state.join("run/ports")).unwrap_or_default();
    if let [keystone, glance, nova] = ports.split_whitespace().collect::<Vec<_>>()[..] {
        cmd.env("SANDBOX_KEYSTONE_PORT", keystone)
            .env("SANDBOX_GLANCE_PORT", glance)
            .env("SANDBOX_NOVA_PORT", nova);
    }
    // The venv the services run from: NOVA_IMAGES_SANDBOX_VENV when set, else the default
    // layout's `<state>/../sandbox-venv` when that exists, else the script's own default.
    if std::env::var_os("NOVA_IMAGES_SANDBOX_VENV").is_none() {
        let sibling = state.with_file_name("sandbox-venv");
        if sibling.join("bin/python").exists() {
            cmd.env("NOVA_IMAGES_SANDBOX_VENV", sibling);
        }
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "scripts/sandbox-cloud up failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Sandbox {
    /// For a test that changes nothing.
    fn shared() -> Self {
        let state = state_dir();
        let guard = Guard {
            _shared: Some(LOCK.read().unwrap_or_else(|e| e.into_inner())),
            _exclusive: None,
        };
        Self::with(state, guard)
    }

    /// For the test that deletes: no other test runs meanwhile.
    fn exclusive() -> Self {
        let state = state_dir();
        let guard = Guard {
            _shared: None,
            _exclusive: Some(LOCK.write().unwrap_or_else(|e| e.into_inner())),
        };
        Self::with(state, guard)
    }

    /// For a test that changes nothing and minds no images besides the samples (someone's
    /// benchmark images, say).
    fn among_others() -> Self {
        let state = sandbox_dir();
        let guard = Guard {
            _shared: Some(LOCK.read().unwrap_or_else(|e| e.into_inner())),
            _exclusive: None,
        };
        Self::with(state, guard)
    }

    /// For a test that makes images of its own and looks only at those: no test on the
    /// sample set runs meanwhile (it would list them), other images do not matter.
    fn making_images() -> Self {
        let state = sandbox_dir();
        let guard = Guard {
            _shared: None,
            _exclusive: Some(LOCK.write().unwrap_or_else(|e| e.into_inner())),
        };
        Self::with(state, guard)
    }

    fn with(state: PathBuf, guard: Guard) -> Self {
        Sandbox {
            images: load_images(&state),
            state,
            home: tempfile::tempdir().unwrap(),
            _guard: guard,
        }
    }

    fn reload(&mut self) {
        self.images = load_images(&self.state);
    }

    /// `nova-images --os-cloud sandbox ARGS...`
    fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_as("sandbox", args)
    }

    fn cmd_as(&self, cloud: &str, args: &[&str]) -> Command {
        let mut cmd = command(&self.state, self.home.path());
        cmd.arg("--os-cloud").arg(cloud).args(args);
        cmd
    }

    /// Stdout of a successful run.
    fn stdout(&self, args: &[&str]) -> String {
        hermetic::stdout_of(&mut self.cmd(args))
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.stdout(args)).unwrap()
    }

    /// `list -f value -c id ARGS...`, in the order printed.
    fn list_ids(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "-f", "value", "-c", "id"];
        all.extend_from_slice(args);
        self.stdout(&all).lines().map(str::to_owned).collect()
    }

    fn id(&self, name: &str) -> String {
        self.images[name]
            .as_str()
            .unwrap_or_else(|| panic!("images.json has no single id for {name}"))
            .to_owned()
    }

    fn ids(&self, names: &[&str]) -> BTreeSet<String> {
        names
            .iter()
            .flat_map(|name| match &self.images[*name] {
                Value::String(id) => vec![id.clone()],
                Value::Array(list) => list
                    .iter()
                    .map(|i| i.as_str().unwrap().to_owned())
                    .collect(),
                _ => panic!("images.json has no {name}"),
            })
            .collect()
    }

    fn visible(&self) -> BTreeSet<String> {
        visible_ids(&self.images)
    }
}

fn set(ids: Vec<String>) -> BTreeSet<String> {
    let n = ids.len();
    let s: BTreeSet<String> = ids.into_iter().collect();
    assert_eq!(s.len(), n, "an id was listed twice");
    s
}

/// `YYYY-MM-DDTHH:MM:SSZ`
fn is_timestamp(v: &Value) -> bool {
    let Some(s) = v.as_str() else { return false };
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// The `list -f json` keys of an image (a snapshot also has `server`).
const LIST_KEYS: [&str; 11] = [
    "id",
    "name",
    "status",
    "progress",
    "minDisk",
    "minRam",
    "OS-EXT-IMG-SIZE:size",
    "created",
    "updated",
    "metadata",
    "links",
];

fn keys(image: &Value) -> Vec<&str> {
    image
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// Number of images/detail requests in a `--debug` log.
fn detail_requests(stderr: &[u8]) -> usize {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.contains("REQ:") && l.contains("/images/detail"))
        .count()
}

// ---- list -----------------------------------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_shows_every_sample_image_but_the_killed_one_newest_first() {
    let sb = Sandbox::shared();
    let images = sb.json(&["list", "-f", "json"]);
    let images = images.as_array().unwrap();
    let ids = set(images
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect());
    assert_eq!(ids, sb.visible());
    assert_eq!(ids.len(), 19);
    assert!(!ids.contains(&sb.id("killed-image")));
    // Glance's order: newest first (creation times are whole seconds here, so ties are allowed).
    let created: Vec<&str> = images
        .iter()
        .map(|i| i["created"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "{created:?}");
    for image in images {
        let id = image["id"].as_str().unwrap();
        let want = if id == sb.id("queued-image") {
            ("SAVING", 25)
        } else {
            ("ACTIVE", 100)
        };
        assert_eq!(
            (
                image["status"].as_str().unwrap(),
                image["progress"].as_u64().unwrap()
            ),
            want,
            "{image}"
        );
    }
    // The admin sees the same images: the demo project's private ones too, never the killed one.
    let admin =
        hermetic::stdout_of(&mut sb.cmd_as("sandbox-admin", &["list", "-f", "value", "-c", "id"]));
    assert_eq!(
        set(admin.lines().map(str::to_owned).collect()),
        sb.visible()
    );
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_filter_by_name() {
    let sb = Sandbox::shared();
    assert_eq!(
        sb.list_ids(&["--name", "cirros-active"]),
        [sb.id("cirros-active")]
    );
    assert_eq!(
        set(sb.list_ids(&["--name", "dup-name"])),
        sb.ids(&["dup-name"])
    );
    // Exact, case-sensitive: no prefix or case-insensitive match.
    assert_eq!(sb.list_ids(&["--name", "cirros"]), Vec::<String>::new());
    assert_eq!(
        sb.list_ids(&["--name", "CIRROS-ACTIVE"]),
        Vec::<String>::new()
    );
    // A killed image is not listed even by its exact name.
    assert_eq!(
        sb.list_ids(&["--name", "killed-image"]),
        Vec::<String>::new()
    );
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_filter_by_status() {
    let sb = Sandbox::shared();
    let mut active = sb.visible();
    active.remove(&sb.id("queued-image"));
    assert_eq!(set(sb.list_ids(&["--status", "ACTIVE"])), active);
    assert_eq!(set(sb.list_ids(&["--status", "active"])), active);
    assert_eq!(
        sb.list_ids(&["--status", "queued"]),
        [sb.id("queued-image")]
    );
    // Nova lower-cases the filter for Glance, which knows neither `saving` for a queued image
    // nor `error`, so nova-images selects the statuses it shows on its side: SAVING finds
    // the queued image. Glance never lists killed images, so ERROR finds nothing here.
    assert_eq!(
        sb.list_ids(&["--status", "SAVING"]),
        [sb.id("queued-image")]
    );
    assert_eq!(
        sb.list_ids(&["--status", "saving", "--limit", "1", "--page-size", "3"]),
        [sb.id("queued-image")]
    );
    for status in ["ERROR", "killed"] {
        assert_eq!(
            sb.list_ids(&["--status", status]),
            Vec::<String>::new(),
            "--status {status}"
        );
    }
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_filter_by_changes_since() {
    let sb = Sandbox::shared();
    let all = sb.json(&["list", "-f", "json", "-c", "id", "-c", "updated"]);
    let all = all.as_array().unwrap();
    // The newest update time: at least that image; never an image updated earlier.
    let newest = all
        .iter()
        .map(|i| i["updated"].as_str().unwrap())
        .max()
        .unwrap()
        .to_owned();
    let want: BTreeSet<String> = all
        .iter()
        .filter(|i| i["updated"].as_str().unwrap() >= newest.as_str())
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(set(sb.list_ids(&["--changes-since", &newest])), want);
    assert_eq!(
        set(sb.list_ids(&["--changes-since", "2000-01-01T00:00:00Z"])),
        sb.visible()
    );
    assert_eq!(
        sb.list_ids(&["--changes-since", "2999-01-01T00:00:00Z"]),
        Vec::<String>::new()
    );
    // A date alone is ISO 8601 too.
    assert_eq!(
        set(sb.list_ids(&["--changes-since", "2000-01-01"])),
        sb.visible()
    );
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_filter_by_server_and_type() {
    let sb = Sandbox::shared();
    let snapshot = vec![sb.id("snapshot-image")];
    assert_eq!(sb.list_ids(&["--server", SNAPSHOT_SERVER]), snapshot);
    let url = format!("http://127.0.0.1:28774/v2.1/servers/{SNAPSHOT_SERVER}");
    assert_eq!(sb.list_ids(&["--server", &url]), snapshot);
    assert_eq!(
        sb.list_ids(&["--server", "00000000-0000-0000-0000-000000000000"]),
        Vec::<String>::new()
    );
    assert_eq!(sb.list_ids(&["--type", "snapshot"]), snapshot);
    assert_eq!(sb.list_ids(&["--type", "backup"]), Vec::<String>::new());
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_filter_by_min_ram_and_min_disk_is_exact() {
    let sb = Sandbox::shared();
    let cirros = vec![sb.id("cirros-active")];
    assert_eq!(sb.list_ids(&["--min-ram", "64"]), cirros);
    assert_eq!(sb.list_ids(&["--min-disk", "1"]), cirros);
    // Exact matches on a Glance v2 backend, despite the names.
    assert_eq!(sb.list_ids(&["--min-ram", "32"]), Vec::<String>::new());
    assert_eq!(
        sb.list_ids(&["--min-disk", "0", "--name", "cirros-active"]),
        Vec::<String>::new()
    );
    let mut zero = sb.visible();
    zero.remove(&sb.id("cirros-active"));
    assert_eq!(set(sb.list_ids(&["--min-ram", "0"])), zero);
    // Every filter at once.
    assert_eq!(
        sb.list_ids(&[
            "--name",
            "cirros-active",
            "--status",
            "ACTIVE",
            "--changes-since",
            "2000-01-01T00:00:00Z",
            "--min-ram",
            "64",
            "--min-disk",
            "1",
        ]),
        cirros
    );
}

// ---- pagination -----------------------------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn small_pages_are_followed_to_the_end() {
    let sb = Sandbox::shared();
    let one_page = sb.list_ids(&[]);
    let n = one_page.len();
    assert_eq!(set(one_page.clone()), sb.visible());
    for page_size in [1usize, 4, 7, 19] {
        let size = page_size.to_string();
        let out = sb
            .cmd(&[
                "--debug",
                "list",
                "-f",
                "value",
                "-c",
                "id",
                "--page-size",
                &size,
            ])
            .assert()
            .success()
            .get_output()
            .clone();
        let ids: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        // Same images, same order, each once, however it is paged.
        assert_eq!(ids, one_page, "--page-size {page_size}");
        // Full pages carry a `next` link; the page after the last full one may be empty.
        assert_eq!(
            detail_requests(&out.stderr),
            n / page_size + 1,
            "--page-size {page_size}"
        );
    }
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn limit_stops_paging_early() {
    let sb = Sandbox::shared();
    let all = sb.list_ids(&[]);
    let out = sb
        .cmd(&[
            "--debug",
            "list",
            "-f",
            "value",
            "-c",
            "id",
            "--page-size",
            "2",
            "--limit",
            "5",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(ids, all[..5]);
    // 2 + 2 + 1: the last page asks only for what is still needed.
    assert_eq!(detail_requests(&out.stderr), 3);
    assert_eq!(sb.list_ids(&["--limit", "3"]), all[..3]);
    assert_eq!(sb.list_ids(&["--limit", "100"]), all);
    assert_eq!(sb.list_ids(&["--limit", "4", "--page-size", "4"]), all[..4]);
    // --marker starts after that image, also with small pages.
    assert_eq!(
        sb.list_ids(&["--marker", &all[6], "--page-size", "3"]),
        all[7..]
    );
    // Filters survive the next links.
    assert_eq!(
        set(sb.list_ids(&["--name", "dup-name", "--page-size", "1"])),
        sb.ids(&["dup-name"])
    );
}

// ---- show -----------------------------------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn show_active_queued_killed_and_snapshot_images() {
    let sb = Sandbox::shared();
    let cirros = sb.json(&["show", &sb.id("cirros-active"), "-f", "json"]);
    assert_eq!(cirros["id"], json!(sb.id("cirros-active")));
    assert_eq!(cirros["name"], "cirros-active");
    assert_eq!(cirros["status"], "ACTIVE");
    assert_eq!(cirros["progress"], 100);
    assert_eq!(cirros["minRam"], 64);
    assert_eq!(cirros["minDisk"], 1);
    assert!(cirros["OS-EXT-IMG-SIZE:size"].as_u64().unwrap() > 0);
    assert!(is_timestamp(&cirros["created"]) && is_timestamp(&cirros["updated"]));
    assert_eq!(keys(&cirros), LIST_KEYS);

    let ubuntu = sb.json(&["show", &sb.id("ubuntu-active"), "-f", "json"]);
    assert_eq!(ubuntu["metadata"], json!({"os_distro": "ubuntu"}));

    let queued = sb.json(&["show", &sb.id("queued-image"), "-f", "json"]);
    assert_eq!(
        (&queued["status"], &queued["progress"]),
        (&json!("SAVING"), &json!(25))
    );
    assert_eq!(queued["OS-EXT-IMG-SIZE:size"], 0);

    // Never listed, but there by id.
    let killed = sb.json(&["show", &sb.id("killed-image"), "-f", "json"]);
    assert_eq!(killed["name"], "killed-image");
    assert_eq!(
        (&killed["status"], &killed["progress"]),
        (&json!("ERROR"), &json!(0))
    );

    let snapshot = sb.json(&["show", &sb.id("snapshot-image"), "-f", "json"]);
    assert_eq!(snapshot["server"]["id"], SNAPSHOT_SERVER);
    assert_eq!(
        snapshot["metadata"],
        json!({"image_type": "snapshot", "instance_uuid": SNAPSHOT_SERVER})
    );
    let mut with_server = LIST_KEYS.to_vec();
    with_server.insert(10, "server");
    assert_eq!(keys(&snapshot), with_server);

    sb.cmd(&["show", "00000000-0000-0000-0000-000000000000"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("404 Not Found: Image not found."));
}

// ---- output formats -------------------------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_in_every_format() {
    let sb = Sandbox::shared();
    let visible = sb.visible();
    let n = visible.len();

    let table = sb.stdout(&["list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), n + 4, "{table}");
    assert!(lines[0].starts_with("+---") && lines[2] == lines[0] && lines[n + 3] == lines[0]);
    let header: Vec<&str> = lines[1].split('|').map(str::trim).collect();
    assert_eq!(header, ["", "ID", "Name", "Status", ""]);
    let rows: Vec<Vec<&str>> = lines[3..n + 3]
        .iter()
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    assert_eq!(set(rows.iter().map(|r| r[1].to_owned()).collect()), visible);

    let json = sb.json(&["list", "-f", "json"]);
    let json = json.as_array().unwrap();
    assert_eq!(json.len(), n);
    for image in json {
        let mut want = LIST_KEYS.to_vec();
        if image["id"] == json!(sb.id("snapshot-image")) {
            want.insert(10, "server");
        }
        assert_eq!(keys(image), want);
        assert!(is_timestamp(&image["created"]), "{image}");
        assert_eq!(image["links"][0]["rel"], "self");
    }
    let compact = sb.stdout(&["list", "-f", "json", "--noindent"]);
    assert_eq!(compact.lines().count(), 1);

    let yaml: Value = serde_yaml::from_str(&sb.stdout(&["list", "-f", "yaml"])).unwrap();
    let yaml = yaml.as_array().unwrap();
    assert_eq!(
        set(yaml
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()),
        visible
    );
    assert_eq!(keys(&yaml[0])[..3], ["id", "name", "status"]);

    let value = sb.stdout(&["list", "-f", "value"]);
    let mut names = BTreeSet::new();
    for line in value.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert!(visible.contains(fields[0]));
        assert!(["ACTIVE", "SAVING"].contains(&fields[2]), "{line}");
        names.insert(fields[1]);
    }
    assert_eq!(value.lines().count(), n);
    assert!(names.contains("dup-name") && !names.contains("killed-image"));

    let csv = sb.stdout(&["list", "-f", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("\"ID\",\"Name\",\"Status\""));
    let ids: Vec<String> = lines
        .map(|l| {
            let fields: Vec<&str> = l.split(',').collect();
            assert_eq!(fields.len(), 3, "{l}");
            assert!(
                fields
                    .iter()
                    .all(|f| f.starts_with('"') && f.ends_with('"'))
            );
            fields[0].trim_matches('"').to_owned()
        })
        .collect();
    assert_eq!(set(ids), visible);
    assert!(csv.ends_with('\n') && !csv.contains('\r'));
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn show_in_every_format() {
    let sb = Sandbox::shared();
    let id = sb.id("snapshot-image");

    let table = sb.stdout(&["show", &id]);
    let fields: Vec<String> = table
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap().trim().to_owned())
        .filter(|f| !f.is_empty()) // metadata continues on lines with no field name
        .collect();
    assert_eq!(
        fields,
        [
            "Field", "ID", "Name", "Status", "Progress", "Min Disk", "Min RAM", "Size", "Created",
            "Updated", "Metadata", "Server"
        ]
    );
    assert!(table.contains("| image_type=snapshot"), "{table}");
    assert!(table.contains(&format!("| instance_uuid={SNAPSHOT_SERVER}")));

    let json = sb.json(&["show", &id, "-f", "json"]);
    assert!(json.is_object());
    let yaml: Value = serde_yaml::from_str(&sb.stdout(&["show", &id, "-f", "yaml"])).unwrap();
    assert_eq!(yaml, json, "yaml and json carry the same object");

    let value = sb.stdout(&["show", &id, "-f", "value"]);
    let lines: Vec<&str> = value.lines().collect();
    assert_eq!(lines.len(), 11, "{value}");
    assert_eq!(lines[..4], [id.as_str(), "snapshot-image", "ACTIVE", "100"]);
    assert_eq!(
        lines[9],
        format!(r#"{{"image_type":"snapshot","instance_uuid":"{SNAPSHOT_SERVER}"}}"#)
    );
    assert_eq!(lines[10], SNAPSHOT_SERVER);

    let csv = sb.stdout(&["show", &id, "-f", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        r#""ID","Name","Status","Progress","Min Disk","Min RAM","Size","Created","Updated","Metadata","Server""#
    );
    assert!(
        lines[1].starts_with(&format!(r#""{id}","snapshot-image","ACTIVE",100,0,0,"#)),
        "{csv}"
    );

    let shell = sb.stdout(&["show", &id, "-f", "shell", "--prefix", "img_"]);
    let names: Vec<&str> = shell
        .lines()
        .map(|l| l.split_once('=').unwrap().0)
        .collect();
    assert_eq!(
        names,
        [
            "img_id",
            "img_name",
            "img_status",
            "img_progress",
            "img_min_disk",
            "img_min_ram",
            "img_os_ext_img_size_size",
            "img_created",
            "img_updated",
            "img_metadata",
            "img_server"
        ]
    );
    // And a shell reads it back.
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            r#"eval "$1"; printf '%s|%s|%s|%s' "$img_id" "$img_name" "$img_status" "$img_server""#,
            "sh",
            &shell,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{id}|snapshot-image|ACTIVE|{SNAPSHOT_SERVER}")
    );
}

// ---- delete ---------------------------------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn delete_removes_own_images_and_reports_missing_ones() {
    let mut sb = Sandbox::exclusive();
    // An earlier run (or a person) may have deleted them: put them back first.
    let exists = |sb: &Sandbox, name: &str| sb.cmd(&["show", &sb.id(name)]).output().unwrap();
    if !exists(&sb, "deleteme-1").status.success() || !exists(&sb, "deleteme-2").status.success() {
        sandbox_up(&sb.state);
        sb.reload();
    }
    let (one, two) = (sb.id("deleteme-1"), sb.id("deleteme-2"));

    sb.cmd(&["delete", &one])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    sb.cmd(&["show", &one])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("Image not found."));
    assert!(!sb.list_ids(&[]).contains(&one));
    // deleteme-2 goes; the already deleted deleteme-1 is the only failure: not found, exit 5.
    sb.cmd(&["delete", &two, &one])
        .assert()
        .code(5)
        .stdout("")
        .stderr(
            predicate::str::contains(format!("image {one}: DELETE"))
                .and(predicate::str::contains("404 Not Found"))
                .and(predicate::str::contains(format!("image {two}")).not()),
        );
    sb.cmd(&["show", &two]).assert().code(5);
    let mut left = sb.visible();
    left.remove(&one);
    left.remove(&two);
    assert_eq!(set(sb.list_ids(&[])), left);

    // Put both back (new ids in images.json) for the other tests and the next run.
    sandbox_up(&sb.state);
    sb.reload();
    assert_ne!(sb.id("deleteme-1"), one);
    assert_eq!(set(sb.list_ids(&[])), sb.visible());
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn deleting_another_projects_image_is_forbidden() {
    let sb = Sandbox::shared();
    let cirros = sb.id("cirros-active");
    sb.cmd(&["delete", &cirros])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            predicate::str::contains("403 Forbidden: You are not allowed to delete the image.")
                .and(predicate::str::contains("hint: ")),
        );
    assert_eq!(
        sb.json(&["show", &cirros, "-f", "json"])["status"],
        "ACTIVE"
    );
}

// ---- id-from-name ---------------------------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn id_from_name_unique_none_and_duplicate() {
    let sb = Sandbox::shared();
    sb.cmd(&["id-from-name", "cirros-active"])
        .assert()
        .success()
        .stdout(format!("{}\n", sb.id("cirros-active")))
        .stderr("");
    sb.cmd(&["id-from-name", "no-such-image"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::contains("no image named \"no-such-image\""));
    // The killed image cannot be found by name: names are resolved through the list.
    sb.cmd(&["id-from-name", "killed-image"]).assert().code(5);
    let dups = sb.ids(&["dup-name"]);
    let mut stderr = predicate::str::contains("2 images named \"dup-name\"").boxed();
    for id in &dups {
        stderr = stderr.and(predicate::str::contains(id.clone())).boxed();
    }
    sb.cmd(&["id-from-name", "dup-name"])
        .assert()
        .code(6)
        .stdout("")
        .stderr(stderr);
}

// ---- configuration and authentication -------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn wrong_password_exits_4() {
    let sb = Sandbox::shared();
    sb.cmd(&["--os-password", "wrong", "list"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            predicate::str::contains("authentication failed for cloud 'sandbox'")
                .and(predicate::str::contains("401 Unauthorized")),
        );
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn unknown_cloud_exits_3() {
    let sb = Sandbox::shared();
    sb.cmd_as("no-such-cloud", &["list"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(
            predicate::str::contains("cloud 'no-such-cloud' was not found")
                .and(predicate::str::contains("sandbox, sandbox-admin")),
        );
}

// ---- microversion ---------------------------------------------------------------------------

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// A demo token straight from Keystone and the public compute endpoint of its catalog.
async fn token_and_compute(state: &Path, http: &reqwest::Client) -> (String, String) {
    token_and_endpoint(state, http, "compute").await
}

/// A demo token straight from Keystone and the public endpoint of `service` in its catalog.
async fn token_and_endpoint(
    state: &Path,
    http: &reqwest::Client,
    service: &str,
) -> (String, String) {
    let clouds: Value =
        serde_yaml::from_str(&std::fs::read_to_string(state.join("clouds.yaml")).unwrap()).unwrap();
    let auth = &clouds["clouds"]["sandbox"]["auth"];
    let body = json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": auth["username"], "password": auth["password"],
            "domain": {"name": auth["user_domain_name"]}}}},
        "scope": {"project": {"name": auth["project_name"],
                              "domain": {"name": auth["project_domain_name"]}}}}});
    let url = format!(
        "{}/auth/tokens",
        auth["auth_url"].as_str().unwrap().trim_end_matches('/')
    );
    let resp = http.post(&url).json(&body).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 201, "POST {url}");
    let token = resp.headers()["x-subject-token"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = resp.json().await.unwrap();
    (token, endpoint_of(&body, service))
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn the_images_api_answers_at_2_1_and_is_gone_at_2_36() {
    let sb = Sandbox::shared();
    // The tool refuses to ask at 2.36, before any request ...
    sb.cmd(&["--os-compute-api-version", "2.36", "list"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains("2.36"));
    // ... and 2.35, the last version with the images API, still works.
    assert_eq!(
        set(sb.list_ids(&["--os-compute-api-version", "2.35"])),
        sb.visible()
    );
    let show = sb.id("cirros-active");
    sb.cmd(&["--os-compute-api-version", "2.35", "show", &show])
        .assert()
        .success();

    // The same requests by hand: 200 at 2.1 and 2.35, 404 from 2.36 on.
    block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let (token, compute) = token_and_compute(&sb.state, &http).await;
        for path in ["images/detail".to_owned(), format!("images/{show}")] {
            let url = format!("{compute}/{path}");
            let get = |header: &'static str, value: &'static str| {
                http.get(&url)
                    .header("x-auth-token", &token)
                    .header(header, value)
                    .send()
            };
            for (header, value, want) in [
                ("x-openstack-nova-api-version", "2.1", 200),
                ("x-openstack-nova-api-version", "2.35", 200),
                ("x-openstack-nova-api-version", "2.36", 404),
                ("openstack-api-version", "compute 2.1", 200),
                ("openstack-api-version", "compute 2.36", 404),
                ("x-openstack-nova-api-version", "latest", 404),
            ] {
                let resp = get(header, value).await.unwrap();
                assert_eq!(
                    resp.status().as_u16(),
                    want,
                    "GET {url} with {header}: {value}"
                );
                let body: Value = resp.json().await.unwrap();
                if want == 404 {
                    assert_eq!(
                        body,
                        json!({"itemNotFound": {"code": 404,
                            "message": "The resource could not be found."}})
                    );
                }
            }
        }
    });
}

// ---- bulk delete under load -----------------------------------------------------------------

/// The public endpoint of a catalog service type in a token body.
fn endpoint_of(body: &Value, service: &str) -> String {
    let entry = body["token"]["catalog"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == service)
        .unwrap_or_else(|| panic!("a {service} service in the catalog"));
    let endpoint = entry["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["interface"] == "public")
        .unwrap();
    endpoint["url"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_owned()
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn bulk_delete_of_48_images_at_the_default_concurrency_leaves_none() {
    let sb = Sandbox::exclusive();
    const N: usize = 48;
    let ids: Vec<String> = block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let (token, _) = token_and_compute(&sb.state, &http).await;
        // The image endpoint, from a fresh token's catalog.
        let clouds: Value =
            serde_yaml::from_str(&std::fs::read_to_string(sb.state.join("clouds.yaml")).unwrap())
                .unwrap();
        let auth = &clouds["clouds"]["sandbox"]["auth"];
        let url = format!(
            "{}/auth/tokens",
            auth["auth_url"].as_str().unwrap().trim_end_matches('/')
        );
        let body: Value = http
            .post(&url)
            .json(&json!({"auth": {"identity": {"methods": ["token"], "token": {"id": token}}}}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let glance = endpoint_of(&body, "image");
        let mut ids = Vec::new();
        for i in 0..N {
            let resp = http
                .post(format!("{glance}/v2/images"))
                .header("x-auth-token", &token)
                .json(
                    &json!({"name": format!("bulk-load-{i:02}"), "disk_format": "raw",
                              "container_format": "bare"}),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status().as_u16(), 201);
            let image: Value = resp.json().await.unwrap();
            ids.push(image["id"].as_str().unwrap().to_owned());
        }
        ids
    });
    let stdin = ids.join("\n") + "\n";
    sb.cmd(&["delete", "-"])
        .write_stdin(stdin)
        .assert()
        .success()
        .stdout("");
    // Every one is gone: 404 by ID, and none is listed (a half-deleted image, Glance status
    // `deleted` but still listed, would be).
    let listed = set(sb.list_ids(&[]));
    for id in &ids {
        assert!(!listed.contains(id), "{id} is still listed");
        sb.cmd(&["show", id]).assert().code(5);
    }
    assert_eq!(listed, sb.visible());
}

// ---- several clouds and regions -------------------------------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn list_across_two_clouds_and_every_region_labels_each_image() {
    let sb = Sandbox::shared();
    let text = sb.stdout(&[
        "list",
        "--clouds",
        "sandbox,sandbox-admin",
        "--all-regions",
        "-f",
        "json",
        "-c",
        "id",
    ]);
    let items: Vec<Value> = serde_json::from_str(&text).unwrap();
    let of = |cloud: &str| -> BTreeSet<String> {
        items
            .iter()
            .filter(|i| i["cloud"] == cloud)
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // The real catalog has one region; every item says so, in the order the clouds were given.
    assert!(items.iter().all(|i| i["region"] == "RegionOne"), "{text}");
    let first_admin = items.iter().position(|i| i["cloud"] == "sandbox-admin");
    assert!(first_admin.is_some_and(|p| items[..p].iter().all(|i| i["cloud"] == "sandbox")));
    assert_eq!(of("sandbox"), sb.visible());
    assert!(!of("sandbox-admin").is_empty(), "{text}");
    // A cloud that does not exist fails alone: exit 8, the others whole.
    sb.cmd(&[
        "list",
        "--clouds",
        "sandbox,nosuch",
        "-f",
        "value",
        "-c",
        "id",
    ])
    .assert()
    .code(8)
    .stderr(predicate::str::contains("cloud 'nosuch'"));
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn presence_of_the_sample_images_in_every_region_of_two_clouds() {
    let sb = Sandbox::shared();
    let args = |extra: &[&str]| {
        let mut all = vec![
            "presence",
            "--all-regions",
            "--clouds",
            "sandbox,sandbox-admin",
        ];
        all.extend_from_slice(extra);
        all.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    // Present, ACTIVE and once in the one region, seen by both projects: exit 0.
    sb.cmd(&[])
        .args(args(&[
            "cirros-active",
            "ubuntu-active",
            "bulk-03",
            "-f",
            "value",
        ]))
        .assert()
        .code(0)
        .stdout(
            "cirros-active ACTIVE ACTIVE yes\nubuntu-active ACTIVE ACTIVE yes\n\
             bulk-03 ACTIVE ACTIVE yes\n",
        );
    // Queued, duplicated, hidden (killed), and the demo project's private image: exit 5.
    let out = sb
        .cmd(&[])
        .args(args(&[
            "queued-image",
            "dup-name",
            "killed-image",
            "private-demo",
            "-f",
            "json",
        ]))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let cell = |row: usize, target: &str| {
        let t = &rows[row]["targets"][target];
        (
            t["state"].as_str().unwrap_or("").to_owned(),
            t["status"].clone(),
        )
    };
    let (demo, admin) = ("sandbox/RegionOne", "sandbox-admin/RegionOne");
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["queued-image", "dup-name", "killed-image", "private-demo"]
    );
    for target in [demo, admin] {
        assert_eq!(cell(0, target), ("present".into(), json!("SAVING")));
        assert_eq!(cell(1, target), ("duplicated".into(), json!("ACTIVE")));
        assert!(
            sb.ids(&["dup-name"])
                .contains(rows[1]["targets"][target]["id"].as_str().unwrap())
        );
        // Glance lists no killed image, even by name.
        assert_eq!(cell(2, target), ("missing".into(), Value::Null));
    }
    assert_eq!(cell(3, demo), ("present".into(), json!("ACTIVE")));
    assert_eq!(rows[3]["targets"][demo]["id"], json!(sb.id("private-demo")));
    // --newest: the duplicated name passes, the others still do not.
    sb.cmd(&[])
        .args(args(&["dup-name", "--newest"]))
        .assert()
        .code(0);
}

// ---- selecting images: --match, --property, the newest match, prune --group-by -------------

/// Images a test made through Glance, deleted again when it ends, however it ends.
struct Made<'a> {
    sb: &'a Sandbox,
    /// name -> id, in the order they were made (oldest first).
    ids: Vec<(String, String)>,
}

impl Made<'_> {
    fn id(&self, name: &str) -> String {
        let found = self.ids.iter().find(|(n, _)| n == name);
        found
            .unwrap_or_else(|| panic!("no image {name} made"))
            .1
            .clone()
    }

    fn of(&self, names: &[&str]) -> Vec<String> {
        names.iter().map(|n| self.id(n)).collect()
    }
}

impl Drop for Made<'_> {
    fn drop(&mut self) {
        if self.ids.is_empty() {
            return;
        }
        let mut args = vec!["delete", "--wait"];
        args.extend(self.ids.iter().map(|(_, id)| id.as_str()));
        let out = self.sb.cmd(&args).output().unwrap();
        if !out.status.success() && !std::thread::panicking() {
            panic!(
                "cleaning up {:?} failed: {}",
                self.ids,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Makes ACTIVE images (a few bytes uploaded) through Glance, one per second, in this order,
/// each with these extra properties: Glance sets `created` to the second, so each is newer
/// than the one before.
fn make_images<'a>(sb: &'a Sandbox, specs: &[(&str, Value)]) -> Made<'a> {
    let specs: Vec<(&str, Value, bool)> = (specs.iter())
        .map(|(name, properties)| (*name, properties.clone(), true))
        .collect();
    make_images_uploading(sb, &specs)
}

/// [`make_images`], where an image whose flag is false gets no data: it stays `queued`
/// (SAVING in Nova's view).
fn make_images_uploading<'a>(sb: &'a Sandbox, specs: &[(&str, Value, bool)]) -> Made<'a> {
    let mut made = Made {
        sb,
        ids: Vec::new(),
    };
    block_on(async {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let (token, glance) = token_and_endpoint(&sb.state, &http, "image").await;
        let mut last_created = String::new();
        for (name, properties, upload) in specs {
            let mut body = json!({"name": name, "disk_format": "raw", "container_format": "bare"});
            for (key, value) in properties.as_object().unwrap() {
                body[key] = value.clone();
            }
            let image: Value = loop {
                let resp = (http.post(format!("{glance}/v2/images")))
                    .header("x-auth-token", &token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(resp.status().as_u16(), 201, "POST {name}");
                let image: Value = resp.json().await.unwrap();
                let id = image["id"].as_str().unwrap().to_owned();
                made.ids.push(((*name).to_owned(), id.clone()));
                let created = image["created_at"].as_str().unwrap().to_owned();
                if created > last_created {
                    last_created = created;
                    break image;
                }
                // The same second as the one before: made again a moment later.
                made.ids.pop();
                let url = format!("{glance}/v2/images/{id}");
                let gone = http.delete(&url).header("x-auth-token", &token);
                assert_eq!(gone.send().await.unwrap().status().as_u16(), 204);
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            };
            if !upload {
                continue;
            }
            let id = image["id"].as_str().unwrap();
            let resp = (http.put(format!("{glance}/v2/images/{id}/file")))
                .header("x-auth-token", &token)
                .header("content-type", "application/octet-stream")
                .body(format!("{name}\n"))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status().as_u16(), 204, "upload {name}");
        }
    });
    made
}

/// Builds of two pipelines named by date and run, oldest first, and one name without a date.
const BUILDS: [&str; 5] = [
    "rc-select-build-20240601-1",
    "rc-select-build-20240601-2",
    "rc-select-build-20240602-1",
    "rc-select-build-20240603-1",
    "rc-select-build-latest",
];

fn make_builds(sb: &Sandbox) -> Made<'_> {
    let pipelines = ["main", "pr", "main", "pr", "main"];
    let specs: Vec<(&str, Value)> = (BUILDS.iter().zip(pipelines))
        .map(|(name, pipeline)| (*name, json!({"pipeline": pipeline, "os_distro": "cirros"})))
        .collect();
    make_images(sb, &specs)
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn match_property_and_the_newest_match_on_images_made_through_glance() {
    // Exclusive: the images made here would be in every other test's listing.
    let sb = Sandbox::exclusive();
    let made = make_builds(&sb);
    let [b1, b2, b3, b4, latest] = BUILDS;
    let dated = r"^rc-select-build-\d{8}-";
    // --match: exactly the dated builds, newest first; the sample images never match.
    assert_eq!(sb.list_ids(&["--match", dated]), made.of(&[b4, b3, b2, b1]));
    assert!(sb.list_ids(&["--match", "^rc-select-nothing"]).is_empty());
    // --property KEY=VALUE, and KEY alone, on Glance's properties as Nova's metadata.
    assert_eq!(
        sb.list_ids(&["--match", "^rc-select-", "--property", "pipeline=main"]),
        made.of(&[latest, b3, b1])
    );
    assert_eq!(
        sb.list_ids(&["--property", "pipeline", "--property", "os_distro=cirros"]),
        made.of(&[latest, b4, b3, b2, b1])
    );
    assert!(sb.list_ids(&["--property", "pipeline=Main"]).is_empty());
    let shown = sb.json(&["show", "--match", dated, "--newest", "-f", "json"]);
    assert_eq!(shown["name"], b4);
    assert_eq!(shown["metadata"]["pipeline"], "pr");
    // The newest match, as a CI job asks for it; the oldest; with a property too.
    let id_of = |args: &[&str]| {
        let mut all = vec!["id-from-name"];
        all.extend_from_slice(args);
        sb.stdout(&all).trim_end().to_owned()
    };
    assert_eq!(id_of(&["--match", dated, "--newest"]), made.id(b4));
    assert_eq!(id_of(&["--match", dated, "--oldest"]), made.id(b1));
    assert_eq!(
        id_of(&["--match", dated, "--property", "pipeline=main", "--newest"]),
        made.id(b3)
    );
    assert_eq!(id_of(&["--match", "build-latest$"]), made.id(latest));
    // Several without --newest: exit 6, naming them; none: exit 5.
    sb.cmd(&["id-from-name", "--match", dated])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains(made.id(b1)).and(predicate::str::contains(made.id(b4))));
    sb.cmd(&["id-from-name", "--match", "^rc-select-nothing", "--newest"])
        .assert()
        .code(5)
        .stdout("");
    drop(made);
    assert_eq!(
        set(sb.list_ids(&[])),
        sb.visible(),
        "the images made are gone"
    );
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn prune_group_by_plans_per_group_and_leaves_other_names_alone() {
    let sb = Sandbox::exclusive();
    let made = make_builds(&sb);
    let [b1, b2, b3, b4, _] = BUILDS;
    let plan = sb.json(&[
        "prune",
        "--match",
        "^rc-select-",
        "--group-by",
        r"^(rc-select-build)-\d{8}",
        "--keep",
        "2",
        "--dry-run",
        "-f",
        "json",
    ]);
    let rows: Vec<(String, &str, &str, &str)> = (plan.as_array().unwrap().iter())
        .map(|row| {
            let fields = [&row["name"], &row["group"], &row["action"]].map(|v| v.as_str().unwrap());
            (
                row["id"].as_str().unwrap().to_owned(),
                fields[0],
                fields[1],
                fields[2],
            )
        })
        .collect();
    let group = "rc-select-build";
    assert_eq!(
        rows,
        [
            (made.id(b4), b4, group, "keep"),
            (made.id(b3), b3, group, "keep"),
            (made.id(b2), b2, group, "delete"),
            (made.id(b1), b1, group, "delete"),
        ],
        "the newest two builds of any date are kept; rc-select-build-latest is not planned"
    );
    // A dry run: every image is still there.
    let listed = set(sb.list_ids(&["--match", "^rc-select-"]));
    assert_eq!(listed, made.ids.iter().map(|(_, id)| id.clone()).collect());
    drop(made);
    assert_eq!(
        set(sb.list_ids(&[])),
        sb.visible(),
        "the images made are gone"
    );
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn doctor_finds_every_step_working_and_auto_would_use_nova() {
    let sb = Sandbox::among_others();
    let doc = sb.json(&["doctor", "-f", "json"]);
    let targets = doc.as_array().unwrap();
    assert_eq!(targets.len(), 1, "{doc}");
    assert_eq!(targets[0]["cloud"], "sandbox");
    assert_eq!(targets[0]["ok"], true, "{doc}");
    let checks = targets[0]["checks"].as_array().unwrap();
    let names: Vec<&str> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "configuration",
            "Keystone",
            "endpoints",
            "compute API",
            "Nova images",
            "Glance images",
            "images API",
            "token cache",
            "clock"
        ]
    );
    for check in checks {
        assert_eq!(check["ok"], true, "{check}");
    }
    // Real Nova's version document: microversions from 2.1, the pinned one among them.
    let version = checks[3]["detail"].as_str().unwrap();
    assert!(
        version.starts_with("v2.1: microversions 2.1 to 2."),
        "{version}"
    );
    assert_eq!(checks[6]["detail"], "nova: Nova's images API answers");
    for timed in &checks[4..6] {
        assert!(timed["ms"].is_u64(), "{timed}");
    }
    // Both images APIs asked, each at its own endpoint, each timed in its line.
    let (_, glance) = both::nova_and_glance(&sb.state);
    let asked = [
        (
            4,
            "GET /images/detail?limit=1 at microversion 2.1: ".to_owned(),
        ),
        (5, format!("GET {glance}/v2/images?limit=1: ")),
    ];
    for (at, request) in asked {
        let detail = checks[at]["detail"].as_str().unwrap();
        let ms = checks[at]["ms"].as_u64().unwrap();
        assert_eq!(detail, format!("{request}{ms} ms"), "{}", checks[at]);
    }
}
