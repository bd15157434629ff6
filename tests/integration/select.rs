//! The filters checked here (--match, --property, --older-than, --newer-than) end to end:
//! in `list`, in `prune`, in the name resolution of show, wait, id-from-name, delete and
//! metadata, and the one image --match selects (`id-from-name --match REGEX --newest`).
//! Exact outputs, exit codes and the requests sent.

use std::time::Duration;

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common::{Env, FakeImage, stdout_of, uuid};

/// An image of the demo project (so that demo may change or delete it), `minute` minutes
/// after 2024-01-01T00:00:00Z, with these properties.
fn image(env: &Env, i: u32, name: &str, minute: u32, properties: Value) {
    let mut image = FakeImage::new(&uuid(i), name, minute);
    image.owner = fake_cloud::DEMO_PROJECT.into();
    if let Value::Object(map) = properties {
        image.properties = map;
    }
    env.cloud.add(image);
}

/// Five images, the fake lists them newest first:
/// 1 ubuntu-24.04-20240101, 2 ubuntu-24.04-20240201, 3 ubuntu-22.04-20240101,
/// 4 debian-12, 5 unnamed-ish (name `""`).
fn catalog(env: &Env) {
    image(
        env,
        1,
        "ubuntu-24.04-20240101",
        1,
        json!({"os_distro": "ubuntu", "hw_rng_model": "virtio"}),
    );
    image(
        env,
        2,
        "ubuntu-24.04-20240201",
        2,
        json!({"os_distro": "ubuntu", "cores": 4, "secure": true, "gone": null}),
    );
    image(
        env,
        3,
        "ubuntu-22.04-20240101",
        3,
        json!({"os_distro": "ubuntu"}),
    );
    image(env, 4, "debian-12", 4, json!({"os_distro": "debian"}));
    image(env, 5, "", 5, json!({}));
}

/// `list -f value -c id` with `args`: the IDs' numbers, in the listing's order.
fn listed(env: &Env, args: &[&str]) -> Vec<u32> {
    let mut all = vec!["list"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-f", "value", "-c", "id"]);
    numbers(&stdout_of(&mut env.cmd(&all)))
}

/// The numbers of the [`uuid`]s in `text`, one per line.
fn numbers(text: &str) -> Vec<u32> {
    (text.lines())
        .map(|line| line.rsplit('-').next().unwrap().parse().unwrap())
        .collect()
}

/// `ago` before now as `YYYY-MM-DDTHH:MM:SSZ`.
fn rfc3339_ago(ago: Duration) -> String {
    let at = jiff::Timestamp::now() - jiff::SignedDuration::try_from(ago).unwrap();
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The DELETE requests the fake saw, as image IDs.
fn deleted(env: &Env) -> Vec<String> {
    let mut ids: Vec<String> = (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "DELETE")
        .map(|r| r.uri.rsplit('/').next().unwrap_or_default().to_owned())
        .collect();
    ids.sort();
    ids
}

const HOUR: Duration = Duration::from_secs(3600);

/// Images created 1 h, 3 days and 30 days ago (uuid 1-3), and two whose `created` cannot be
/// read (uuid 4: an impossible date; uuid 5: not a date).
fn dated(env: &Env) {
    for (i, created) in [
        (1, rfc3339_ago(HOUR)),
        (2, rfc3339_ago(72 * HOUR)),
        (3, rfc3339_ago(720 * HOUR)),
        (4, "2024-02-30T25:61:61Z".to_owned()),
        (5, "yesterday".to_owned()),
    ] {
        let mut image = FakeImage::new(&uuid(i), &format!("nightly-{i}"), i);
        image.created = created;
        image.owner = fake_cloud::DEMO_PROJECT.into();
        env.cloud.add(image);
    }
}

// ---- list ---------------------------------------------------------------------------------

#[test]
fn match_searches_anywhere_in_the_name_and_is_not_sent() {
    let env = Env::new();
    catalog(&env);
    assert_eq!(listed(&env, &["--match", r"24\.04"]), [2, 1]);
    assert_eq!(listed(&env, &["--match", "^ubuntu-"]), [3, 2, 1]);
    assert_eq!(listed(&env, &["--match", "(?i)DEBIAN|22"]), [4, 3]);
    // Anchored to the whole name: the empty name is the only match.
    assert_eq!(listed(&env, &["--match", "^$"]), [5]);
    // The server has no such filter: the query carries only the page size.
    env.cloud.clear_requests();
    listed(&env, &["--match", "ubuntu"]);
    assert_eq!(
        env.cloud.nova_calls(),
        ["GET /compute/v2.1/images/detail?limit=1000"]
    );
}

#[test]
fn a_pattern_that_matches_nothing_lists_nothing() {
    let env = Env::new();
    catalog(&env);
    env.cmd(&["list", "--match", "^fedora"])
        .assert()
        .success()
        .stdout("");
    env.cmd(&["list", "--match", "^fedora", "-f", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn a_bad_pattern_is_a_usage_error_before_any_request() {
    let env = Env::new();
    catalog(&env);
    for args in [
        &["list", "--match", "ubuntu-(24"][..],
        &["id-from-name", "--match", "ubuntu-(24", "--newest"],
        &["show", "--match", "ubuntu-(24"],
        &["prune", "--keep", "1", "--match", "ubuntu-(24", "--dry-run"],
        &["metadata", "get", "--match", "ubuntu-(24", "os_distro"],
    ] {
        env.cmd(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(
                "error: invalid value 'ubuntu-(24' for '--match <REGEX>': \"ubuntu-(24\" is not \
                 a usable regular expression: unclosed group at character 8\n",
            ));
    }
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn properties_compare_plain_text_and_all_must_hold() {
    let env = Env::new();
    catalog(&env);
    assert_eq!(listed(&env, &["--property", "os_distro=ubuntu"]), [3, 2, 1]);
    assert_eq!(
        listed(
            &env,
            &[
                "--property",
                "os_distro=ubuntu",
                "--property",
                "hw_rng_model"
            ]
        ),
        [1]
    );
    // A number and a boolean as JSON writes them.
    assert_eq!(listed(&env, &["--property", "cores=4"]), [2]);
    assert_eq!(listed(&env, &["--property", "secure=true"]), [2]);
    assert!(listed(&env, &["--property", "secure=True"]).is_empty());
    // Exact and case-sensitive, keys and values.
    assert!(listed(&env, &["--property", "os_distro=Ubuntu"]).is_empty());
    assert!(listed(&env, &["--property", "OS_DISTRO"]).is_empty());
    // With the server's filters: both hold.
    assert_eq!(
        listed(
            &env,
            &["--name", "debian-12", "--property", "os_distro=debian"]
        ),
        [4]
    );
    assert!(
        listed(
            &env,
            &["--name", "debian-12", "--property", "os_distro=ubuntu"]
        )
        .is_empty()
    );
}

#[test]
fn a_null_property_is_present_but_equals_no_value() {
    let env = Env::new();
    catalog(&env);
    assert_eq!(listed(&env, &["--property", "gone"]), [2]);
    assert!(listed(&env, &["--property", "gone=null"]).is_empty());
    assert!(listed(&env, &["--property", "gone="]).is_empty());
    assert!(listed(&env, &["--property", "missing"]).is_empty());
}

#[test]
fn a_property_without_a_key_is_a_usage_error() {
    let env = Env::new();
    env.cmd(&["list", "--property", "=ubuntu"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: invalid value '=ubuntu' for '--property <KEY[=VALUE]>': \"=ubuntu\" names no \
             property: give KEY or KEY=VALUE (split at the first '=')\n",
        ));
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn ages_split_the_dated_images_and_say_how_many_they_could_not_place() {
    let env = Env::new();
    dated(&env);
    assert_eq!(listed(&env, &["--older-than", "2d"]), [2, 3]);
    assert_eq!(listed(&env, &["--newer-than", "2d"]), [1]);
    assert_eq!(
        listed(&env, &["--older-than", "2d", "--newer-than", "4w"]),
        [2]
    );
    assert!(listed(&env, &["--older-than", "5w"]).is_empty());
    assert_eq!(listed(&env, &["--newer-than", "5w"]), [1, 2, 3]);
    // Without an age, a date does not matter.
    assert_eq!(listed(&env, &["--match", "nightly"]).len(), 5);
    let note = "nova-images: left out 2 images whose creation time is missing or unreadable (an \
                age cannot place them)\n";
    env.cmd(&[
        "-v",
        "list",
        "--newer-than",
        "2d",
        "-f",
        "value",
        "-c",
        "id",
    ])
    .assert()
    .success()
    .stdout(format!("{}\n", uuid(1)))
    .stderr(predicate::str::contains(note));
    // Only with -v, and only when an age left them out.
    env.cmd(&["list", "--newer-than", "2d"])
        .assert()
        .success()
        .stderr("");
    env.cmd(&["-v", "list", "--match", "nightly-1"])
        .assert()
        .success()
        .stderr(predicate::str::contains("creation time").not());
}

#[test]
fn a_bad_age_is_a_usage_error() {
    let env = Env::new();
    for bad in ["2", "1.5d", "0d", "2y", "-1d"] {
        env.cmd(&["list", &format!("--newer-than={bad}")])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "\"{bad}\" is not an age: a positive whole number and a unit (s, m, h, d or w)"
            )));
    }
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn a_limit_counts_selected_images_only() {
    let env = Env::new();
    catalog(&env);
    assert_eq!(
        listed(
            &env,
            &["--match", "^ubuntu", "--limit", "2", "--page-size", "1"]
        ),
        [3, 2]
    );
}

// ---- the one image --match selects --------------------------------------------------------

#[test]
fn id_from_name_match_newest_is_the_ci_one_liner() {
    let env = Env::new();
    catalog(&env);
    let id = |args: &[&str]| stdout_of(&mut env.cmd(args));
    assert_eq!(
        id(&["id-from-name", "--match", r"^ubuntu-24\.04-", "--newest"]),
        format!("{}\n", uuid(2))
    );
    assert_eq!(
        id(&["id-from-name", "--match", r"^ubuntu-24\.04-", "--oldest"]),
        format!("{}\n", uuid(1))
    );
    // One match needs no pick.
    assert_eq!(
        id(&["id-from-name", "--match", "debian"]),
        format!("{}\n", uuid(4))
    );
    // With the other filters.
    assert_eq!(
        id(&[
            "id-from-name",
            "--match",
            "^ubuntu-",
            "--property",
            "hw_rng_model=virtio"
        ]),
        format!("{}\n", uuid(1))
    );
}

#[test]
fn no_match_exits_5_naming_the_selection() {
    let env = Env::new();
    catalog(&env);
    env.cmd(&["id-from-name", "--match", "^fedora-", "--newest"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(
            "nova-images: error: no image whose name matches \"^fedora-\"\n\
             hint: `nova-images list` with the same filters shows what they select (-v: how many \
             an age left out)\n",
        );
    env.cmd(&[
        "id-from-name",
        "--match",
        "^ubuntu-",
        "--property",
        "os_distro=debian",
    ])
    .assert()
    .code(5)
    .stderr(predicate::str::starts_with(
        "nova-images: error: no image whose name matches \"^ubuntu-\", with os_distro=\"debian\"\n",
    ));
}

#[test]
fn several_matches_without_a_pick_exit_6_listing_them() {
    let env = Env::new();
    catalog(&env);
    env.cmd(&["id-from-name", "--match", r"24\.04"])
        .assert()
        .code(6)
        .stdout("")
        .stderr(format!(
            "nova-images: error: 2 images whose name matches \"24\\\\.04\": {} \"ubuntu-24.04-20240201\" (ACTIVE, created 2024-01-01T00:02:00Z), {} \"ubuntu-24.04-20240101\" (ACTIVE, created 2024-01-01T00:01:00Z)\n\
             hint: pick one with --newest or --oldest, narrow the filters, or use one of the IDs\n",
            uuid(2),
            uuid(1)
        ));
}

#[test]
fn ties_on_created_are_broken_by_id() {
    let env = Env::new();
    // The same creation time, written with different offsets.
    for (i, created) in [
        (7, "2024-03-01T12:00:00Z"),
        (9, "2024-03-01T13:00:00+01:00"),
        (8, "2024-03-01T12:00:00.000000Z"),
    ] {
        let mut image = FakeImage::new(&uuid(i), &format!("build-{i}"), 0);
        image.created = created.into();
        env.cloud.add(image);
    }
    let id = |pick: &str| stdout_of(&mut env.cmd(&["id-from-name", "--match", "^build-", pick]));
    assert_eq!(id("--newest"), format!("{}\n", uuid(9)));
    assert_eq!(id("--oldest"), format!("{}\n", uuid(7)));
}

#[test]
fn an_age_leaves_out_unreadable_dates_and_v_says_so() {
    let env = Env::new();
    dated(&env);
    // The unreadable dates are never the oldest here: an age cannot place them.
    env.cmd(&[
        "-v",
        "id-from-name",
        "--match",
        "^nightly-",
        "--older-than",
        "1d",
        "--oldest",
    ])
    .assert()
    .success()
    .stdout(format!("{}\n", uuid(3)))
    .stderr(predicate::str::contains(
        "nova-images: left out 2 images whose creation time is missing or unreadable (an age \
         cannot place them)\n",
    ));
    // Without an age they are the oldest of all (the one order of --oldest).
    env.cmd(&["id-from-name", "--match", "^nightly-", "--oldest"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(format!("^{}|{}\n$", uuid(4), uuid(5))).unwrap());
}

#[test]
fn match_and_an_image_argument_together_are_a_usage_error() {
    let env = Env::new();
    catalog(&env);
    for args in [
        &["show", "debian-12", "--match", "debian"][..],
        &["id-from-name", "debian-12", "--match", "debian"],
        &["wait", "debian-12", "--match", "debian"],
        &["delete", "debian-12", "--match", "debian"],
        &["delete", "--stdin", "--match", "debian"],
        &["metadata", "list", "debian-12", "--match", "debian"],
    ] {
        env.cmd(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("cannot be used with"));
    }
    // metadata get/set/unset: with --match every argument is a key, so two are one too many.
    env.cmd(&[
        "metadata",
        "get",
        "debian-12",
        "os_distro",
        "--match",
        "debian",
    ])
    .assert()
    .code(2)
    .stderr(
        "nova-images: error: with --match, give one KEY and no image argument\n\
             hint: --match stands for the image, so every argument is a key (or KEY=VALUE)\n",
    );
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn show_wait_and_metadata_take_match_instead_of_an_image() {
    let env = Env::new();
    catalog(&env);
    let out = |args: &[&str]| stdout_of(&mut env.cmd(args));
    assert_eq!(
        out(&[
            "show",
            "--match",
            "^ubuntu-24",
            "--oldest",
            "-f",
            "value",
            "-c",
            "id"
        ]),
        format!("{}\n", uuid(1))
    );
    env.cmd(&["wait", "--match", "^debian-"])
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        out(&[
            "metadata",
            "get",
            "--match",
            "^ubuntu-24",
            "--newest",
            "cores",
            "-f",
            "value"
        ]),
        "4\n"
    );
    assert_eq!(
        out(&["metadata", "list", "--match", "^debian-", "-f", "json"]),
        "{\n  \"os_distro\": \"debian\"\n}\n"
    );
    env.cmd(&["metadata", "set", "--match", "^debian-", "release=bookworm"])
        .assert()
        .success();
    assert_eq!(env.cloud.properties(&uuid(4))["release"], "bookworm");
    env.cmd(&["metadata", "unset", "--match", "^debian-", "release"])
        .assert()
        .success()
        .stdout("");
    assert!(!env.cloud.properties(&uuid(4)).contains_key("release"));
    // Several matches without a pick change nothing.
    env.cmd(&["metadata", "set", "--match", "^ubuntu-", "x=1"])
        .assert()
        .code(6);
    assert!((1..=3).all(|i| !env.cloud.properties(&uuid(i)).contains_key("x")));
}

#[test]
fn wait_names_the_image_match_found_by_its_id() {
    let env = Env::new();
    catalog(&env);
    // Listed while saving, then failed: the first look at it by ID sees ERROR.
    env.cloud
        .edit_image(&uuid(4), |i| i.glance_status = "saving".into());
    env.cloud.schedule(&uuid(4), 1, Some("killed"));
    env.cmd(&["wait", "--match", "^debian-", "--interval", "0.05"])
        .assert()
        .code(1)
        .stderr(format!(
            "image {id}: SAVING 50%\n\
             image {id}: ERROR 0%\n\
             nova-images: error: image {id}: the status is ERROR while waiting for ACTIVE\n\
             hint: see `nova-images show {id}` for the image's state\n",
            id = uuid(4)
        ));
}

// ---- filters narrowing a name or an ID ----------------------------------------------------

#[test]
fn filters_narrow_a_name_to_one_image() {
    let env = Env::new();
    catalog(&env);
    image(&env, 6, "dup", 6, json!({"tier": "gold"}));
    image(&env, 7, "dup", 7, json!({"tier": "silver"}));
    let id = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["-f", "value", "-c", "id"]);
        stdout_of(&mut env.cmd(&all))
    };
    assert_eq!(
        id(&["show", "dup", "--property", "tier=gold"]),
        format!("{}\n", uuid(6))
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&["id-from-name", "dup", "--property", "tier=silver"])),
        format!("{}\n", uuid(7))
    );
    // The name is still sent: the server does the first cut.
    env.cloud.clear_requests();
    id(&["show", "dup", "--property", "tier=gold"]);
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/dup",
            "GET /compute/v2.1/images/detail?name=dup"
        ]
    );
    env.cmd(&["show", "dup", "--property", "tier=bronze"])
        .assert()
        .code(5)
        .stderr(predicate::str::starts_with(
            "nova-images: error: no image named \"dup\", with tier=\"bronze\"\n",
        ));
}

#[test]
fn an_image_found_by_id_must_meet_the_filters_too() {
    let env = Env::new();
    catalog(&env);
    env.cmd(&["show", &uuid(4), "--property", "os_distro=ubuntu"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "nova-images: error: no image with ID \"{}\", with os_distro=\"ubuntu\"\n",
            uuid(4)
        )));
    env.cmd(&[
        "show",
        &uuid(4),
        "--property",
        "os_distro=debian",
        "-f",
        "value",
        "-c",
        "name",
    ])
    .assert()
    .success()
    .stdout("debian-12\n");
}

#[test]
fn delete_checks_the_filters_before_anything_is_deleted() {
    let env = Env::new();
    dated(&env);
    // uuid(1) is an hour old: not older than a day, so not deleted, not even tried.
    env.cmd(&["delete", &uuid(1), "--older-than", "1d"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(format!(
            "no image with ID \"{}\", created before",
            uuid(1)
        )));
    assert_eq!(deleted(&env), Vec::<String>::new());
    env.cmd(&["delete", &uuid(2), "--older-than", "1d"])
        .assert()
        .success();
    assert_eq!(deleted(&env), [uuid(2)]);
}

#[test]
fn delete_match_deletes_the_one_image_it_selects() {
    let env = Env::new();
    catalog(&env);
    // Several without a pick: nothing is deleted.
    env.cmd(&["delete", "--match", "^ubuntu-"]).assert().code(6);
    assert_eq!(deleted(&env), Vec::<String>::new());
    env.cmd(&["delete", "--match", "^ubuntu-", "--oldest", "--dry-run"])
        .assert()
        .success()
        .stdout(format!("would delete {}\n", uuid(1)));
    assert_eq!(deleted(&env), Vec::<String>::new());
    env.cmd(&["delete", "--match", "^ubuntu-", "--oldest", "-f", "json"])
        .assert()
        .success()
        .stdout(format!(
            "[\n  {{\n    \"id\": \"{}\",\n    \"result\": \"deleted\"\n  }}\n]\n",
            uuid(1)
        ));
    assert_eq!(deleted(&env), [uuid(1)]);
}

// ---- prune --------------------------------------------------------------------------------

#[test]
fn prune_never_touches_what_the_filters_leave_out() {
    let env = Env::new();
    for i in 1..=3 {
        image(&env, i, "ci-build", i, json!({"pipeline": "main"}));
    }
    for i in 4..=6 {
        image(&env, i, "ci-build", i, json!({"pipeline": "pr"}));
    }
    for i in 7..=9 {
        image(&env, i, "golden", i, json!({}));
    }
    // --property: only pr builds are planned; the newest of them is kept.
    let plan = stdout_of(&mut env.cmd(&[
        "prune",
        "--keep",
        "1",
        "--property",
        "pipeline=pr",
        "--dry-run",
        "-f",
        "json",
    ]));
    let plan: Value = serde_json::from_str(&plan).unwrap();
    let actions: Vec<(u32, String)> = (plan.as_array().unwrap().iter())
        .map(|row| {
            let id = row["id"].as_str().unwrap();
            (numbers(id)[0], row["action"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        actions,
        [
            (6, "keep".into()),
            (5, "delete".into()),
            (4, "delete".into())
        ]
    );
    // --match: golden images are not touched.
    env.cmd(&["prune", "--keep", "1", "--match", "^ci-", "--yes"])
        .assert()
        .success();
    let mut want: Vec<String> = [1, 2, 3, 4, 5].map(uuid).to_vec();
    want.sort();
    assert_eq!(deleted(&env), want);
}

#[test]
fn prune_newer_than_selects_and_older_than_keeps_its_meaning() {
    let env = Env::new();
    for (i, hours) in [(1, 1), (2, 30), (3, 100), (4, 200)] {
        let mut image = FakeImage::new(&uuid(i), "nightly", 0);
        image.created = rfc3339_ago(hours * HOUR);
        image.owner = fake_cloud::DEMO_PROJECT.into();
        env.cloud.add(image);
    }
    let planned = |args: &[&str]| -> Vec<(u32, String)> {
        let mut all = vec!["prune", "--dry-run", "-f", "json"];
        all.extend_from_slice(args);
        let plan: Value = serde_json::from_str(&stdout_of(&mut env.cmd(&all))).unwrap();
        (plan.as_array().unwrap().iter())
            .map(|row| {
                let id = row["id"].as_str().unwrap();
                (numbers(id)[0], row["action"].as_str().unwrap().to_owned())
            })
            .collect()
    };
    // --newer-than 5d selects the three newest; of them the newest is kept.
    assert_eq!(
        planned(&["--keep", "1", "--newer-than", "5d"]),
        [
            (1, "keep".into()),
            (2, "delete".into()),
            (3, "delete".into())
        ]
    );
    // prune's --older-than still only spares the young; it selects nothing.
    assert_eq!(
        planned(&["--keep", "1", "--older-than", "2d"]),
        [
            (1, "keep".into()),
            (2, "keep".into()),
            (3, "delete".into()),
            (4, "delete".into())
        ]
    );
}
