//! Ctrl-C and SIGTERM, sent to the real binary: deletes stop in order and every image's
//! result is still reported (exit 130); any other run ends at once, even while its write to
//! stdout blocks.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process};
use serde_json::Value;

use crate::common::{Env, FakeImage, uuid};

/// The safety bound of every wait here: never a measure of speed.
const PATIENCE: Duration = Duration::from_secs(30);

/// `nova-images --os-cloud demo ARGS...` started (hermetic, as [`Env::cmd`]), stdout and
/// stderr piped, so that the test can signal it.
fn spawn(env: &Env, args: &[&str]) -> Child {
    let dir = env.dir.path();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("nova-images"));
    for (key, _) in std::env::vars() {
        if key.starts_with("OS_")
            || key.starts_with("XDG_")
            || key.to_lowercase().ends_with("_proxy")
        {
            cmd.env_remove(key);
        }
    }
    cmd.env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env("XDG_CONFIG_DIRS", dir.join("xdg-site"))
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .current_dir(dir)
        .args(["--os-cloud", "demo"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn send(child: &Child, signal: Signal) {
    let pid = Pid::from_raw(child.id() as i32).unwrap();
    kill_process(pid, signal).unwrap();
}

/// Polls `done` until it holds; fails naming `what` after [`PATIENCE`].
fn until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < PATIENCE,
            "{what}: not within {PATIENCE:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `count` images of the demo project named `ci`, uuid 1..=count, the last one newest.
fn builds(env: &Env, count: u32) -> Vec<String> {
    (1..=count)
        .map(|i| {
            let mut image = FakeImage::new(&uuid(i), "ci", i);
            image.owner = fake_cloud::DEMO_PROJECT.into();
            env.cloud.add(image);
            uuid(i)
        })
        .collect()
}

/// The IDs of the DELETEs the fake cloud has received, in order.
fn deletes(env: &Env) -> Vec<String> {
    (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "DELETE")
        .map(|r| r.uri.rsplit('/').next().unwrap_or_default().to_owned())
        .collect()
}

/// The run's DELETEs once it has ended, after a moment for any still on the wire to land:
/// there must be none of those.
fn deletes_after_the_end(env: &Env) -> Vec<String> {
    let at_end = deletes(env);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(deletes(env), at_end, "a DELETE arrived after the run ended");
    at_end
}

/// The IDs whose record has `result` equal to `word`.
fn with_result(records: &[Value], word: &str) -> BTreeSet<String> {
    (records.iter())
        .filter(|r| r["result"] == word)
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Deletes stopped by `signal` part way: each planned image has its record, those recorded
/// `deleted` are exactly the ones the server no longer has, the others are `interrupted` or
/// `not attempted`, and the summary and exit code say so. `args` deletes `planned` (IDs)
/// with `-f json`, 2 at a time.
fn stopped_part_way(env: &Env, args: &[&str], planned: &[String], signal: Signal) -> Vec<Value> {
    let before: BTreeSet<String> = env.cloud.image_ids().into_iter().collect();
    env.cloud.set_nova_delay(Duration::from_millis(300));
    let child = spawn(env, args);
    until("the first DELETEs", || deletes(env).len() >= 3);
    send(&child, signal);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    let sent = deletes_after_the_end(env);
    let records: Vec<Value> = serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {:?}", out.stdout))
        .as_array()
        .unwrap()
        .clone();
    let doomed: Vec<&Value> = (records.iter())
        .filter(|r| r.get("action").is_none_or(|a| a == "delete"))
        .collect();
    let ids: Vec<&str> = doomed.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, planned, "one record per planned image, in order");
    let deleted = with_result(&records, "deleted");
    let interrupted = with_result(&records, "interrupted");
    let skipped = with_result(&records, "not attempted");
    assert_eq!(
        deleted.len() + interrupted.len() + skipped.len(),
        planned.len()
    );
    let now: BTreeSet<String> = env.cloud.image_ids().into_iter().collect();
    let gone: BTreeSet<String> = before.difference(&now).cloned().collect();
    assert_eq!(
        deleted, gone,
        "deleted: exactly the images the server no longer has"
    );
    // A DELETE went for each image that was deleted or under way, and for no other.
    let attempted: BTreeSet<String> = deleted.union(&interrupted).cloned().collect();
    assert_eq!(sent.iter().cloned().collect::<BTreeSet<_>>(), attempted);
    assert_eq!(sent.len(), attempted.len(), "one DELETE each: {sent:?}");
    assert!(
        !skipped.is_empty(),
        "the interrupt came early: some are not attempted"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with("nova-images: interrupted: nothing new starts; waiting up to 10 s"),
        "{stderr}"
    );
    let mut summary = format!(
        "nova-images: deleted {} of {}",
        deleted.len(),
        planned.len()
    );
    if !interrupted.is_empty() {
        summary += &format!("; {} interrupted (outcome unknown)", interrupted.len());
        summary += &format!(", {} not attempted", skipped.len());
    } else {
        summary += &format!("; {} not attempted", skipped.len());
    }
    assert_eq!(
        &lines[lines.len() - 2..],
        [summary.as_str(), "nova-images: error: interrupted"],
        "{stderr}"
    );
    records
}

#[test]
fn sigint_stops_prune_in_order_and_every_planned_image_is_reported() {
    let env = Env::new();
    let ids = builds(&env, 41);
    // Newest first: the newest is kept, the 40 others planned for deletion.
    let planned: Vec<String> = ids[..40].iter().rev().cloned().collect();
    let args = [
        "prune",
        "--keep",
        "1",
        "--yes",
        "-f",
        "json",
        "--concurrency",
        "2",
    ];
    let records = stopped_part_way(&env, &args, &planned, Signal::INT);
    assert_eq!(records.len(), 41);
    assert_eq!(records[0]["id"], uuid(41));
    assert_eq!(records[0]["action"], "keep");
    assert_eq!(records[0]["result"], Value::Null);
}

#[test]
fn sigterm_stops_delete_in_order_and_every_image_is_reported() {
    let env = Env::new();
    let ids = builds(&env, 40);
    let mut args = vec!["delete", "-f", "json", "--concurrency", "2"];
    args.extend(ids.iter().map(String::as_str));
    let records = stopped_part_way(&env, &args, &ids, Signal::TERM);
    assert_eq!(records.len(), 40);
}

#[test]
fn sigint_stops_prune_shown_as_a_table_too() {
    let env = Env::new();
    builds(&env, 21);
    env.cloud.set_nova_delay(Duration::from_millis(300));
    let child = spawn(
        &env,
        &["prune", "--keep", "1", "--yes", "--concurrency", "2"],
    );
    until("the first DELETEs", || deletes(&env).len() >= 3);
    send(&child, Signal::INT);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let table = String::from_utf8(out.stdout).unwrap();
    let gone = deletes_after_the_end(&env).len();
    let rows = |word: &str| {
        (table.lines())
            .filter(|l| l.ends_with(&format!("| {word:<13} |")))
            .count()
    };
    assert!(
        table
            .lines()
            .nth(1)
            .unwrap()
            .ends_with("| Action | Result        |")
    );
    assert_eq!(rows("deleted"), gone, "{table}");
    assert_eq!(rows("not attempted"), 20 - gone, "{table}");
}

#[test]
fn deletes_that_outlive_the_grace_period_are_abandoned_as_interrupted() {
    let env = Env::new();
    let ids = builds(&env, 3);
    // Longer than the grace period (10 s): the two in flight never answer in time.
    env.cloud.set_nova_delay(Duration::from_secs(60));
    let mut args = vec!["delete", "-f", "json", "--concurrency", "2"];
    args.extend(ids.iter().map(String::as_str));
    let child = spawn(&env, &args);
    until("two DELETEs in flight", || deletes(&env).len() == 2);
    send(&child, Signal::INT);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(deletes_after_the_end(&env).len(), 2);
    let records: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        records,
        serde_json::json!([
            {"id": ids[0], "result": "interrupted"},
            {"id": ids[1], "result": "interrupted"},
            {"id": ids[2], "result": "not attempted"},
        ])
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "nova-images: interrupted: nothing new starts; waiting up to 10 s for the 2 under \
             way (interrupt again to stop at once)",
            &format!(
                "nova-images: warning: image {}: interrupted in flight; it may or may not be \
                 deleted",
                ids[0]
            ),
            &format!(
                "nova-images: warning: image {}: interrupted in flight; it may or may not be \
                 deleted",
                ids[1]
            ),
            "nova-images: deleted 0 of 3; 2 interrupted (outcome unknown), 1 not attempted",
            "nova-images: error: interrupted",
        ]
    );
}

#[test]
fn a_second_signal_ends_the_orderly_stop_at_once() {
    let env = Env::new();
    let ids = builds(&env, 3);
    env.cloud.set_nova_delay(Duration::from_secs(60));
    let mut args = vec!["delete", "-f", "json", "--concurrency", "2"];
    args.extend(ids.iter().map(String::as_str));
    let mut child = spawn(&env, &args);
    until("two DELETEs in flight", || deletes(&env).len() == 2);
    send(&child, Signal::INT);
    // The orderly stop has begun: it says so, and waits for the deletes in flight.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(
        first.starts_with("nova-images: interrupted: nothing new starts"),
        "{first}"
    );
    send(&child, Signal::INT);
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(rest, "nova-images: error: interrupted\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
fn sigint_ends_prune_at_once_while_it_is_still_listing() {
    let env = Env::new();
    builds(&env, 3);
    env.cloud.set_nova_delay(Duration::from_secs(60));
    let child = spawn(&env, &["prune", "--keep", "1", "--yes", "-f", "json"]);
    until("the list request", || {
        !env.cloud.requests("/compute/").is_empty()
    });
    send(&child, Signal::INT);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "nova-images: error: interrupted\n"
    );
    assert!(deletes(&env).is_empty());
}

#[test]
fn sigint_ends_the_run_while_a_write_to_stdout_blocks() {
    let env = Env::new();
    for i in 0..5000 {
        env.cloud
            .add(FakeImage::new(&uuid(i), &format!("img-{i:04}"), i));
    }
    let mut child = spawn(&env, &["list", "-f", "json"]);
    // The listing is written once its last page is in: the first byte says the write has
    // begun; the rest (megabytes) fills the pipe, which is never read, and blocks.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    send(&child, Signal::INT);
    let mut status = None;
    until("the end of the run", || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    assert_eq!(status.and_then(|s| s.code()), Some(130));
    let mut stderr = String::new();
    (child.stderr.take().unwrap())
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(stderr, "nova-images: error: interrupted\n");
    drop(stdout);
}
