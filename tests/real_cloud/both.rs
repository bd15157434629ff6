//! `--api nova` and `--api glance` against the sandbox's real Nova and real Glance: the same
//! command on the same images gives byte-identical stdout (in JSON and YAML, `links` aside:
//! they point at each API) and the same exit code, and each run asks only its own API (its
//! `--debug` log). Only images these tests make (names unique to the run) are listed or
//! changed, so other images in the sandbox do not matter to the comparison.

use std::time::{SystemTime, UNIX_EPOCH};

use super::*;

/// A name unique to this run and `what`, so no earlier or concurrent run shares it.
fn unique(what: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "rc-both-{what}-{}-{:x}",
        std::process::id(),
        nanos % 0xffff_ffff
    )
}

/// A server ID unique to this run (no server has it; the snapshot made here names it).
fn unique_server() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{:08x}-0000-4000-8000-{:012x}",
        std::process::id(),
        nanos % 0x1_0000_0000_0000
    )
}

/// The sandbox's Nova and Glance base URLs (`<state>/run/ports`, else the script's defaults).
pub(super) fn nova_and_glance(state: &Path) -> (String, String) {
    let ports = std::fs::read_to_string(state.join("run/ports")).unwrap_or_default();
    let (glance, nova) = match ports.split_whitespace().collect::<Vec<_>>()[..] {
        [_, glance, nova] => (glance.to_owned(), nova.to_owned()),
        _ => ("29292".to_owned(), "28774".to_owned()),
    };
    (
        format!("http://127.0.0.1:{nova}"),
        format!("http://127.0.0.1:{glance}"),
    )
}

/// One run's stdout, exit code and stderr (its debug lines left out).
pub(super) struct Run {
    pub stdout: String,
    pub code: Option<i32>,
    pub stderr: String,
}

/// `nova-images --api API --debug ARGS...` on the sandbox; the requests it logged must keep
/// to that API: Nova's images routes and never Glance, or Glance and never Nova's images.
fn run_on(sb: &Sandbox, api: &str, args: &[&str]) -> Run {
    let out = sb
        .cmd(&[&["--api", api, "--debug"][..], args].concat())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let (nova, glance) = nova_and_glance(&sb.state);
    let requests: Vec<&str> = (stderr.lines())
        .filter(|l| l.starts_with("nova-images: debug: REQ: "))
        .collect();
    let asked_nova = requests
        .iter()
        .any(|r| r.contains(&format!("{nova}/v2.1/images")));
    let asked_glance = requests.iter().any(|r| r.contains(&glance));
    let (own, other) = match api {
        "nova" => (asked_nova, asked_glance),
        _ => (asked_glance, asked_nova),
    };
    assert!(
        !other,
        "{args:?} through {api} asked the other API:\n{stderr}"
    );
    let usage = out.status.code() == Some(2);
    assert!(
        own || usage,
        "{args:?} through {api} asked nothing of it:\n{stderr}"
    );
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        code: out.status.code(),
        stderr: (stderr.lines())
            .filter(|l| !l.starts_with("nova-images: debug: "))
            .map(|l| format!("{l}\n"))
            .collect(),
    }
}

/// `links` removed everywhere in a JSON document (the one field the paths show differently).
fn unlinked(mut value: Value) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("links");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}

/// The format `args` ask for with `-f`, when it is JSON or YAML.
fn structured(args: &[&str]) -> Option<&'static str> {
    let format = args.windows(2).find(|w| w[0] == "-f").map(|w| w[1]);
    match format {
        Some("json") => Some("json"),
        Some("yaml") => Some("yaml"),
        _ => None,
    }
}

/// Stdout as compared: JSON or YAML parsed with `links` removed, anything else as it is.
pub(super) fn comparable(args: &[&str], stdout: &str) -> Value {
    match structured(args) {
        _ if stdout.is_empty() => Value::String(String::new()),
        Some("json") => unlinked(serde_json::from_str(stdout).unwrap()),
        Some(_) => unlinked(serde_yaml::from_str(stdout).unwrap()),
        None => Value::String(stdout.to_owned()),
    }
}

/// Runs `args` through Nova's images API, with `{id}` standing for the first of `ids`, then
/// through Glance, with it standing for the second: the same exit code, and the same stdout
/// once each image's ID reads `{id}`. Returns Nova's run (its stdout with `{id}`).
fn same_for(sb: &Sandbox, ids: (&str, &str), args: &[&str]) -> Run {
    let with = |id: &str| -> Vec<String> { args.iter().map(|a| a.replace("{id}", id)).collect() };
    let (nova_args, glance_args) = (with(ids.0), with(ids.1));
    fn as_strs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let mut nova = run_on(sb, "nova", &as_strs(&nova_args));
    let glance = run_on(sb, "glance", &as_strs(&glance_args));
    assert_eq!(
        nova.code, glance.code,
        "{args:?}: exit codes\nnova: {}\nglance: {}",
        nova.stderr, glance.stderr
    );
    let anonymous = |s: &str, id: &str| {
        if id.is_empty() {
            s.to_owned()
        } else {
            s.replace(id, "{id}")
        }
    };
    nova.stdout = anonymous(&nova.stdout, ids.0);
    let glance_stdout = anonymous(&glance.stdout, ids.1);
    assert_eq!(
        comparable(args, &nova.stdout),
        comparable(args, &glance_stdout),
        "{args:?}: stdout\nnova: {}\nglance: {}",
        nova.stderr,
        glance.stderr
    );
    nova
}

/// Runs `args` through Nova's images API and through Glance: the same exit code and stdout
/// (`links` aside); returns Nova's run.
fn same(sb: &Sandbox, args: &[&str]) -> Run {
    same_for(sb, ("", ""), args)
}

/// [`same`], which must succeed: its stdout.
fn same_ok(sb: &Sandbox, args: &[&str]) -> String {
    let run = same(sb, args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

/// [`same_ok`] for every case, a few at a time; the stdout of each, in order.
fn all_same_ok(sb: &Sandbox, cases: &[Vec<&str>]) -> Vec<String> {
    const AT_ONCE: usize = 4;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let outputs = std::sync::Mutex::new(vec![String::new(); cases.len()]);
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(args) = cases.get(i) else { break };
                    let stdout = same_ok(sb, args);
                    outputs.lock().unwrap()[i] = stdout;
                }
            });
        }
    });
    outputs.into_inner().unwrap()
}

// ---- reading: list, show, id-from-name, metadata, wait, prune --dry-run ------------------

/// Five images of one name, oldest first, each made a second after the one before: a
/// snapshot of a server, one left queued (SAVING), minimum RAM and disk on some.
fn make_listed<'a>(sb: &'a Sandbox, name: &str, server: &str) -> Made<'a> {
    make_images_uploading(
        sb,
        &[
            (
                name,
                json!({"min_ram": 64, "min_disk": 1, "os_distro": "cirros"}),
                true,
            ),
            (
                name,
                json!({"image_type": "snapshot", "instance_uuid": server, "os_distro": "ubuntu",
                       "hw_disk_bus": "scsi", "owner_specified.openstack.md5": ""}),
                true,
            ),
            (name, json!({"os_distro": "ubuntu"}), false),
            (
                name,
                json!({"min_disk": 1, "hw_qemu_guest_agent": "yes", "os_require_quiesce": "yes"}),
                true,
            ),
            (name, json!({}), true),
        ],
    )
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn reading_commands_are_the_same_through_nova_and_glance() {
    let sb = Sandbox::making_images();
    let name = unique("read");
    let server = unique_server();
    let made = make_listed(&sb, &name, &server);
    let ids: Vec<String> = made.ids.iter().map(|(_, id)| id.clone()).collect();
    list_with_every_filter(&sb, &name, &server, &ids);
    show_names_metadata_wait_and_prune(&sb, &name, &ids);
    drop(made);
    assert!(
        sb.list_ids(&["--name", &name]).is_empty(),
        "the images made are gone"
    );
}

/// `list` with each filter (on the images made: `--name` too), in table, JSON and value, in
/// one page and in pages of 2; how many images each lists, so that something is compared.
fn list_with_every_filter(sb: &Sandbox, name: &str, server: &str, ids: &[String]) {
    let created = sb.json(&["show", &ids[2], "-f", "json"])["created"]
        .as_str()
        .unwrap()
        .to_owned();
    let nobody = "00000000-0000-0000-0000-000000000000";
    // (filter, images listed: None where Glance's timing decides)
    let filters: &[(&[&str], Option<usize>)] = &[
        (&[], Some(5)),
        (&["--status", "ACTIVE"], Some(4)),
        (&["--status", "SAVING"], Some(1)),
        (&["--status", "queued"], Some(1)),
        (&["--status", "active"], Some(4)),
        (&["--changes-since", &created], None),
        (&["--server", server], Some(1)),
        (&["--server", nobody], Some(0)),
        (&["--type", "snapshot"], Some(1)),
        (&["--min-ram", "64"], Some(1)),
        (&["--min-disk", "1"], Some(2)),
        (&["--limit", "2"], Some(2)),
        (&["--marker", &ids[3]], Some(3)),
    ];
    let mut cases = Vec::new();
    for (filter, _) in filters {
        for (page, formats) in [
            (
                &[][..],
                &[&["-f", "json"][..], &["--long"], &["-f", "value", "--long"]][..],
            ),
            (
                &["--page-size", "2"],
                &[&["-f", "json"][..], &["-f", "value"]],
            ),
        ] {
            for format in formats {
                cases.push([&["list", "--name", name][..], filter, page, format].concat());
            }
        }
    }
    let outputs = all_same_ok(sb, &cases);
    for (args, stdout) in cases.iter().zip(&outputs) {
        if !args.contains(&"json") {
            continue;
        }
        let filter = &args[3..args.len() - 2];
        let filter = filter
            .strip_suffix(&["--page-size", "2"][..])
            .unwrap_or(filter);
        let want = filters.iter().find(|(f, _)| *f == filter).unwrap().1;
        let listed = serde_json::from_str::<Value>(stdout).unwrap();
        let listed = listed.as_array().unwrap().len();
        match want {
            Some(n) => assert_eq!(listed, n, "{args:?}"),
            None => assert!((3..=5).contains(&listed), "{args:?}: {stdout}"),
        }
    }
    // Newest first, each once, through both; the snapshot names its server.
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    let listed = same_ok(sb, &["list", "--name", name, "-f", "value", "-c", "id"]);
    assert_eq!(listed.lines().collect::<Vec<_>>(), newest_first);
    let snapshot = same_ok(
        sb,
        &["list", "--name", name, "--server", server, "-f", "json"],
    );
    let snapshot: Value = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(snapshot[0]["server"]["id"], server, "{snapshot}");
}

/// `show` (every format), `id-from-name`, `metadata list|get`, `wait` and `prune --dry-run`
/// on the images made, through both.
fn show_names_metadata_wait_and_prune(sb: &Sandbox, name: &str, ids: &[String]) {
    let mut cases = Vec::new();
    for id in ids {
        for format in [&[][..], &["-f", "json"], &["-f", "yaml"], &["-f", "value"]] {
            cases.push([&["show", id.as_str()][..], format].concat());
        }
        cases.push(vec!["metadata", "list", id]);
        cases.push(vec!["metadata", "list", id, "-f", "json"]);
    }
    all_same_ok(sb, &cases);
    let shown = same_ok(sb, &["show", ids[1].as_str(), "-f", "json"]);
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["metadata"]["image_type"], "snapshot", "{shown}");
    // By name: several (exit 6), the newest, the oldest, none (exit 5).
    let several = same(sb, &["show", name]);
    assert_eq!((several.code, several.stdout.as_str()), (Some(6), ""));
    same_ok(sb, &["show", name, "--newest", "-f", "json"]);
    let missing = same(sb, &["show", "00000000-0000-0000-0000-000000000000"]);
    assert_eq!((missing.code, missing.stdout.as_str()), (Some(5), ""));
    assert_eq!(same(sb, &["id-from-name", name]).code, Some(6));
    let newest = same_ok(sb, &["id-from-name", name, "--newest"]);
    assert_eq!(newest, format!("{}\n", ids[4]));
    let oldest = same_ok(sb, &["id-from-name", name, "--oldest"]);
    assert_eq!(oldest, format!("{}\n", ids[0]));
    let pattern = format!("^{name}$");
    same_ok(sb, &["id-from-name", "--match", &pattern, "--newest"]);
    assert_eq!(
        same(sb, &["id-from-name", &format!("{name}-none")]).code,
        Some(5)
    );
    // Metadata one key at a time.
    assert_eq!(
        same_ok(
            sb,
            &["metadata", "get", &ids[0], "os_distro", "-f", "value"]
        ),
        "cirros\n"
    );
    assert_eq!(
        same(sb, &["metadata", "get", &ids[0], "nothing"]).code,
        Some(5)
    );
    // wait: ACTIVE at once; the queued image is SAVING at once, and never ACTIVE (exit 7).
    assert_eq!(same_ok(sb, &["wait", &ids[0]]), "");
    assert_eq!(same_ok(sb, &["wait", &ids[2], "--status", "SAVING"]), "");
    let never = same(
        sb,
        &["wait", &ids[2], "--max-wait", "1", "--interval", "0.5"],
    );
    assert_eq!((never.code, never.stdout.as_str()), (Some(7), ""));
    // prune --dry-run: the plan over the images made, in a table and in JSON.
    for format in [&[][..], &["-f", "json"]] {
        same_ok(
            sb,
            &[
                &["prune", "--name", name, "--keep", "2", "--dry-run"][..],
                format,
            ]
            .concat(),
        );
    }
    let plan = same_ok(
        sb,
        &[
            "prune",
            "--match",
            &pattern,
            "--keep",
            "1",
            "--dry-run",
            "-f",
            "json",
        ],
    );
    let plan: Value = serde_json::from_str(&plan).unwrap();
    let actions: Vec<&str> = (plan.as_array().unwrap().iter())
        .map(|row| row["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"keep") && actions.contains(&"delete"),
        "{plan}"
    );
    // Still there: a dry run.
    assert_eq!(sb.list_ids(&["--name", name]).len(), 5);
}

// ---- changing: metadata set / replace / unset, delete ------------------------------------

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn changes_are_the_same_through_nova_and_glance() {
    let sb = Sandbox::making_images();
    // One image for each path, alike but for the ID, for the metadata and for delete.
    let (meta, gone) = (unique("meta"), unique("delete"));
    let properties = json!({"os_distro": "cirros", "hw_disk_bus": "virtio"});
    let mut made = make_images(
        &sb,
        &[
            (meta.as_str(), properties.clone()),
            (meta.as_str(), properties.clone()),
            (gone.as_str(), properties.clone()),
            (gone.as_str(), properties),
        ],
    );
    let ids: Vec<String> = made.ids.iter().map(|(_, id)| id.clone()).collect();
    let pair = (ids[0].as_str(), ids[1].as_str());
    let list = |want: &str| {
        let listed = same_for(&sb, pair, &["metadata", "list", "{id}", "-f", "json"]);
        assert_eq!(listed.code, Some(0), "{}", listed.stderr);
        assert_eq!(
            serde_json::from_str::<Value>(&listed.stdout).unwrap(),
            serde_json::from_str::<Value>(want).unwrap()
        );
        same_for(&sb, pair, &["metadata", "list", "{id}"]);
    };
    list(r#"{"hw_disk_bus": "virtio", "os_distro": "cirros"}"#);
    for (args, code) in [
        (&["metadata", "set", "{id}", "a=1", "b=2"][..], 0),
        (&["metadata", "set", "{id}", "a=3", "-f", "json"], 0),
    ] {
        assert_eq!(same_for(&sb, pair, args).code, Some(code), "{args:?}");
    }
    list(r#"{"a": "3", "b": "2", "hw_disk_bus": "virtio", "os_distro": "cirros"}"#);
    // New values none of the removed keys has: real Nova's replace turns a value that moves
    // to another key (a=3 replaced by c=3) into a JSON-Patch `move`, which Glance refuses,
    // and answers 500 (the Glance path does it).
    assert_eq!(
        same_for(&sb, pair, &["metadata", "replace", "{id}", "c=5", "d=6"]).code,
        Some(0)
    );
    list(r#"{"c": "5", "d": "6"}"#);
    let unset = same_for(&sb, pair, &["metadata", "unset", "{id}", "c"]);
    assert_eq!((unset.code, unset.stdout.as_str()), (Some(0), ""));
    list(r#"{"d": "6"}"#);
    // A key the image does not have: the same failure through both.
    let missing = same_for(&sb, pair, &["metadata", "unset", "{id}", "nothing"]);
    assert_eq!((missing.code, missing.stdout.as_str()), (Some(5), ""));
    assert_eq!(
        same_for(
            &sb,
            pair,
            &["metadata", "replace", "{id}", "e=7", "-f", "json"]
        )
        .code,
        Some(0)
    );
    list(r#"{"e": "7"}"#);

    // delete --wait, then the image is gone for every command, the same way.
    let pair = (ids[2].as_str(), ids[3].as_str());
    let deleted = same_for(&sb, pair, &["delete", "--wait", "-f", "json", "{id}"]);
    assert_eq!(deleted.code, Some(0), "{}", deleted.stderr);
    assert!(deleted.stdout.contains("{id}"), "{}", deleted.stdout);
    made.ids.retain(|(_, id)| id != &ids[2] && id != &ids[3]);
    for args in [&["show", "{id}"][..], &["delete", "{id}"]] {
        let failed = same_for(&sb, pair, args);
        assert_eq!(
            (failed.code, failed.stdout.as_str()),
            (Some(5), ""),
            "{args:?}"
        );
    }
    // Its report: the same but for the error, which names the URL each API was asked at.
    let report = |api: &str, id: &str| {
        let run = run_on(&sb, api, &["delete", "-f", "json", id]);
        assert_eq!(run.code, Some(5), "{}", run.stderr);
        let mut rows: Value = serde_json::from_str(&run.stdout.replace(id, "{id}")).unwrap();
        let error = rows[0]["error"].take();
        (rows, error.as_str().unwrap().to_owned())
    };
    let (nova, glance) = nova_and_glance(&sb.state);
    let (nova_rows, nova_error) = report("nova", pair.0);
    let (glance_rows, glance_error) = report("glance", pair.1);
    assert_eq!(nova_rows, glance_rows);
    assert_eq!(nova_rows[0]["result"], "failed", "{nova_rows}");
    let asked = |error: &str, url: &str| error.contains(&format!("DELETE {url}"));
    assert!(asked(&nova_error, &nova) && asked(&glance_error, &glance));
    let waited = same_for(&sb, pair, &["wait", "--status", "DELETED", "{id}"]);
    assert_eq!((waited.code, waited.stdout.as_str()), (Some(0), ""));
    drop(made);
    assert!(
        sb.list_ids(&["--match", &format!("^({meta}|{gone})$")])
            .is_empty()
    );
}
