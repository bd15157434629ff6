//! Live completion end to end: hostile names never reach a real interactive shell unquoted,
//! one bounded refresh per cloud at a time, a cache capped in bytes, and cache files
//! (last-cloud included) trusted only when private.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{Env, FakeImage, hermetic, missing_tool, uuid};

fn completion_dir(env: &Env) -> PathBuf {
    env.dir.path().join(".cache/nova-images/completion")
}

/// What fish is given for `nova-images ARGS...<TAB>` (one candidate a line, `\t` help).
fn complete(env: &Env, line: &[&str]) -> String {
    let out = hermetic(env.dir.path())
        .env("COMPLETE", "fish")
        .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
        .arg("--")
        .arg("nova-images")
        .args(line)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default()
}

/// Polls `done` every 50 ms for at most `limit` (a generous bound, never the assertion).
fn eventually(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---- item: hostile names in a real interactive shell ---------------------------------------

/// Names that would run `touch CANARY` or split into several words if inserted as they are.
const HOSTILE: [(&str, &str); 6] = [
    (
        "11111111-0000-4000-8000-000000000001",
        "ubuntu-x; touch CANARY #",
    ),
    (
        "22222222-0000-4000-8000-000000000002",
        "build-$(touch CANARY)",
    ),
    ("33333333-0000-4000-8000-000000000003", "two words here"),
    ("44444444-0000-4000-8000-000000000004", "zz`touch CANARY`"),
    ("55555555-0000-4000-8000-000000000005", "nl\ntouch CANARY"),
    ("66666666-0000-4000-8000-000000000006", "cirros-0.6"),
];

/// A tmux session running `shell` interactively in `env`'s directory, with only the
/// variables given here, `nova-images` on PATH being a script that prints its arguments.
struct Session {
    socket: PathBuf,
}

impl Session {
    fn start(env: &Env, shell: &str) -> Option<Session> {
        let dir = env.dir.path();
        let bin = dir.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let fake = bin.join("nova-images");
        std::fs::write(
            &fake,
            "#!/bin/sh\nprintf 'ARG<%s>\\n' \"$@\"\necho ARGS-END\n",
        )
        .unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let socket = dir.join("tmux.sock");
        let command = match shell {
            "bash" => "bash --norc --noprofile -i",
            "zsh" => "zsh -f -i",
            _ => "fish --no-config -i",
        };
        let started = Command::new("tmux")
            .env_clear()
            .env("HOME", dir)
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("TERM", "xterm")
            .env("OS_CLOUD", "demo")
            .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
            .args(["-S"])
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "200",
                "-y",
                "50",
            ])
            .arg("-c")
            .arg(dir)
            .arg(command)
            .status();
        match started {
            Ok(status) => assert!(status.success(), "tmux could not start {shell}"),
            Err(e) => {
                missing_tool("tmux", "completion in an interactive shell", &e);
                return None;
            }
        }
        Some(Session { socket })
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types `text` literally, then the named keys.
    fn send(&self, text: &str, keys: &[&str]) {
        if !text.is_empty() {
            self.tmux(&["send-keys", "-l", text]);
        }
        for key in keys {
            self.tmux(&["send-keys", key]);
        }
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-S", "-200"])
    }

    /// Runs `echo WORD` and waits for its output: everything typed before is done with.
    fn sync(&self, word: &str) {
        self.send(&format!("echo {word}"), &["Enter"]);
        let marker = format!("\n{word}\n");
        eventually(Duration::from_secs(30), "the shell's answer", || {
            self.screen().contains(&marker)
        });
    }

    /// Types `line`, TAB, Enter, and returns the `ARG<...>` lines the command printed
    /// (the fake nova-images ends them with `ARGS-END`).
    fn complete_and_run(&self, n: usize, line: &str) -> Vec<String> {
        let begin = format!("BEGIN-{n}");
        self.sync(&begin);
        // The shell reads keys in order: Enter comes after the completion is done.
        self.send(line, &["Tab", "Enter"]);
        eventually(Duration::from_secs(30), "the command's output", || {
            self.screen().matches("\nARGS-END").count() > n
        });
        let screen = self.screen();
        let start = screen.find(&format!("\n{begin}\n")).unwrap();
        screen[start..]
            .lines()
            .skip_while(|l| !l.starts_with("ARG<"))
            .take_while(|l| l.starts_with("ARG<"))
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

fn hostile_names_stay_literal_in(shell: &str) {
    let env = Env::new();
    for (i, (id, name)) in HOSTILE.iter().enumerate() {
        env.cloud.add(FakeImage::new(id, name, i as u32));
    }
    env.cmd(&["list"]).assert().success();
    let Some(session) = Session::start(&env, shell) else {
        return;
    };
    let real = assert_cmd::cargo::cargo_bin("nova-images");
    let register = match shell {
        "fish" => format!("COMPLETE=fish '{}' | source", real.display()),
        "zsh" => format!(
            "autoload -Uz compinit && compinit -u && source <(COMPLETE=zsh '{}')",
            real.display()
        ),
        _ => format!("source <(COMPLETE=bash '{}')", real.display()),
    };
    session.send(&register, &["Enter"]);
    session.sync("READY");
    let cases: [(&str, &[&str]); 7] = [
        // A plain name is completed, as one word.
        ("cirr", &["ARG<show>", "ARG<cirros-0.6>"]),
        // Hostile names are not offered: the word stays as typed.
        ("ubuntu-x", &["ARG<show>", "ARG<ubuntu-x>"]),
        ("build-", &["ARG<show>", "ARG<build->"]),
        ("two", &["ARG<show>", "ARG<two>"]),
        ("zz", &["ARG<show>", "ARG<zz>"]),
        ("nl", &["ARG<show>", "ARG<nl>"]),
        // Their IDs are.
        (
            "1111",
            &["ARG<show>", "ARG<11111111-0000-4000-8000-000000000001>"],
        ),
    ];
    for (n, (word, want)) in cases.iter().enumerate() {
        let got = session.complete_and_run(n, &format!("nova-images show {word}"));
        assert_eq!(
            got,
            *want,
            "{shell}, `show {word}<TAB>`:\n{}",
            session.screen()
        );
    }
    assert!(
        !env.dir.path().join("CANARY").exists(),
        "{shell} ran a command from an image name:\n{}",
        session.screen()
    );
}

fn have(shell: &str) -> bool {
    match Command::new(shell).arg("-c").arg("true").status() {
        Ok(_) => true,
        Err(e) => {
            missing_tool(shell, "completion in that shell", &e);
            false
        }
    }
}

#[test]
fn hostile_names_never_reach_bash_unquoted() {
    if have("bash") {
        hostile_names_stay_literal_in("bash");
    }
}

#[test]
fn hostile_names_never_reach_zsh_unquoted() {
    if have("zsh") {
        hostile_names_stay_literal_in("zsh");
    }
}

#[test]
fn hostile_names_never_reach_fish_unquoted() {
    if have("fish") {
        hostile_names_stay_literal_in("fish");
    }
}

// ---- item: one bounded refresh per cloud -----------------------------------------------------

#[test]
fn ten_tabs_start_one_refresh_and_it_stops_at_the_deadline() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(0), "cirros", 0));
    // Each request takes 3 s, under the 5 s request timeout; discovery, token and listing
    // together take 9 s, past the 5 s the whole refresh may take.
    env.cloud.set_identity_delay(Duration::from_secs(3));
    env.cloud.set_nova_delay(Duration::from_secs(3));
    let dir = completion_dir(&env);
    for _ in 0..10 {
        assert_eq!(complete(&env, &["--os-cloud", "demo", "show", "cir"]), "");
        assert_eq!(
            files_ending(&dir, ".lock").len(),
            1,
            "the refresh holds a lock"
        );
    }
    eventually(Duration::from_secs(60), "the lock released", || {
        files_ending(&dir, ".lock").is_empty()
    });
    assert_eq!(env.cloud.max_in_flight(), 1, "one refresh at a time");
    assert!(
        files_ending(&dir, ".json").is_empty(),
        "a refresh past its deadline writes nothing"
    );
}

#[test]
fn a_lock_left_by_a_dead_refresh_is_cleared() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(0), "cirros", 0));
    let dir = completion_dir(&env);
    std::fs::create_dir_all(&dir).unwrap();
    for d in [dir.parent().unwrap(), &dir] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    // As `complete` names it: the first 8 bytes of SHA-256("demo").
    let lock = dir.join("2a97516c354b6884.lock");
    let file = std::fs::File::create(&lock).unwrap();
    file.set_modified(std::time::SystemTime::now() - Duration::from_secs(120))
        .unwrap();
    drop(file);
    assert_eq!(complete(&env, &["--os-cloud", "demo", "show", "cir"]), "");
    assert!(!lock.exists(), "the abandoned lock is removed");
    eventually(Duration::from_secs(30), "the refresh", || {
        complete(&env, &["--os-cloud", "demo", "show", "cir"]) == "cirros\n"
    });
}

// ---- item: the cache is capped in bytes ------------------------------------------------------

#[test]
fn a_cache_of_long_names_is_cut_to_what_the_reader_takes() {
    let env = Env::new();
    // 1,500 names of 1,000 control characters: 6 bytes each in JSON, 9 MB in all.
    let long = "\u{1}".repeat(1_000);
    for i in 0..1_500 {
        env.cloud.add(FakeImage::new(&uuid(i), &long, i));
    }
    env.cmd(&["list", "-f", "value", "-c", "id"])
        .assert()
        .success();
    let cache = files_ending(&completion_dir(&env), ".json");
    assert_eq!(cache.len(), 1);
    let size = std::fs::metadata(&cache[0]).unwrap().len();
    assert!(size <= 1024 * 1024, "{size} bytes");
    // The newest image is first in the listing, so in the cache.
    assert_eq!(
        complete(&env, &["--os-cloud", "demo", "show", &uuid(1_499)]),
        format!("{}\t{}\n", uuid(1_499), "\\u{1}".repeat(1_000))
    );
}

// ---- item: last-cloud and cache files trusted only when private -----------------------------

#[test]
fn last_cloud_and_cache_files_are_trusted_only_when_private() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(0), "cirros", 0));
    env.cmd(&["list"]).assert().success();
    let dir = completion_dir(&env);
    let last = dir.join("last-cloud");
    assert_eq!(complete(&env, &["show", "cir"]), "cirros\n");
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };

    // Readable by others: as if someone else had put it there.
    mode(&last, 0o644);
    assert_eq!(complete(&env, &["show", "cir"]), "");
    mode(&last, 0o600);
    assert_eq!(complete(&env, &["show", "cir"]), "cirros\n");

    // A link, even to a private file of ours.
    let elsewhere = env.dir.path().join("elsewhere");
    std::fs::rename(&last, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &last).unwrap();
    assert_eq!(complete(&env, &["show", "cir"]), "");
    std::fs::remove_file(&last).unwrap();
    std::fs::rename(&elsewhere, &last).unwrap();

    // In a directory others can write to.
    mode(&dir, 0o777);
    assert_eq!(complete(&env, &["show", "cir"]), "");
    assert_eq!(complete(&env, &["--os-cloud", "demo", "show", "cir"]), "");
    mode(&dir, 0o700);

    // The cache file itself as a link to a private file of ours.
    let cache = files_ending(&dir, ".json").remove(0);
    std::fs::rename(&cache, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &cache).unwrap();
    assert_eq!(complete(&env, &["--os-cloud", "demo", "show", "cir"]), "");
}
