//! `prune` end to end: the plan, exactly what is deleted, and how it is confirmed.

use std::time::Duration;

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common::{Env, FakeImage, stdout_of, typing, uuid};

/// An image of the demo project (so that demo may delete it), `minute` minutes after
/// 2024-01-01T00:00:00Z.
fn image(env: &Env, i: u32, name: Option<&str>, minute: u32) {
    let mut image = FakeImage::new(&uuid(i), name.unwrap_or_default(), minute);
    image.name = name.map(str::to_owned);
    image.owner = fake_cloud::DEMO_PROJECT.into();
    env.cloud.add(image);
}

/// ci-build ×4 (uuid 1-4, oldest first), base ×1 (uuid 5), one without a name (uuid 6).
fn builds(env: &Env) {
    for i in 1..=4 {
        image(env, i, Some("ci-build"), i);
    }
    image(env, 5, Some("base"), 5);
    image(env, 6, None, 6);
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

const PLAN: &str = "\
+----------+--------------------------------------+----------------------+--------+
| Name     | ID                                   | Created              | Action |
+----------+--------------------------------------+----------------------+--------+
| base     | 00000000-0000-0000-0000-000000000005 | 2024-01-01T00:05:00Z | keep   |
| ci-build | 00000000-0000-0000-0000-000000000004 | 2024-01-01T00:04:00Z | keep   |
| ci-build | 00000000-0000-0000-0000-000000000003 | 2024-01-01T00:03:00Z | keep   |
| ci-build | 00000000-0000-0000-0000-000000000002 | 2024-01-01T00:02:00Z | delete |
| ci-build | 00000000-0000-0000-0000-000000000001 | 2024-01-01T00:01:00Z | delete |
+----------+--------------------------------------+----------------------+--------+
";

#[test]
fn dry_run_prints_the_plan_and_sends_no_delete() {
    let env = Env::new();
    builds(&env);
    let out = stdout_of(&mut env.cmd(&["prune", "--keep", "2", "--dry-run"]));
    assert_eq!(out, PLAN);
    let json = stdout_of(&mut env.cmd(&["prune", "--keep", "2", "--dry-run", "-f", "json"]));
    let plan: Value = serde_json::from_str(&json).unwrap();
    let row = |i: u32, name: &str, action: &str| {
        json!({"id": uuid(i), "name": name, "created": format!("2024-01-01T00:0{i}:00Z"),
               "action": action})
    };
    assert_eq!(
        plan,
        json!([
            row(5, "base", "keep"),
            row(4, "ci-build", "keep"),
            row(3, "ci-build", "keep"),
            row(2, "ci-build", "delete"),
            row(1, "ci-build", "delete"),
        ])
    );
    assert!(
        json.starts_with("[\n  {\n    \"id\": \"00000000-0000-0000-0000-000000000005\",\n    \"name\": \"base\",\n    \"created\": \"2024-01-01T00:05:00Z\",\n    \"action\": \"keep\"\n  },"),
        "{json}"
    );
    assert!(deleted(&env).is_empty());
    assert_eq!(env.cloud.image_ids().len(), 6);
}

#[test]
fn yes_deletes_exactly_the_planned_images_over_every_page() {
    let env = Env::new();
    builds(&env);
    env.cmd(&["prune", "--keep", "2", "--yes", "--page-size", "2"])
        .assert()
        .success()
        .stdout(
            "\
+----------+--------------------------------------+----------------------+--------+---------+
| Name     | ID                                   | Created              | Action | Result  |
+----------+--------------------------------------+----------------------+--------+---------+
| base     | 00000000-0000-0000-0000-000000000005 | 2024-01-01T00:05:00Z | keep   |         |
| ci-build | 00000000-0000-0000-0000-000000000004 | 2024-01-01T00:04:00Z | keep   |         |
| ci-build | 00000000-0000-0000-0000-000000000003 | 2024-01-01T00:03:00Z | keep   |         |
| ci-build | 00000000-0000-0000-0000-000000000002 | 2024-01-01T00:02:00Z | delete | deleted |
| ci-build | 00000000-0000-0000-0000-000000000001 | 2024-01-01T00:01:00Z | delete | deleted |
+----------+--------------------------------------+----------------------+--------+---------+
",
        )
        .stderr("nova-images: deleted 2 of 2\n");
    assert_eq!(deleted(&env), [uuid(1), uuid(2)]);
    assert_eq!(
        env.cloud.image_ids(),
        [uuid(3), uuid(4), uuid(5), uuid(6)],
        "the nameless image is never pruned"
    );
    let pages = (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "GET" && r.uri.contains("/images/detail"))
        .count();
    assert_eq!(
        pages, 4,
        "6 images in pages of 2, then the empty page that ends it"
    );
    // Now nothing is left to delete.
    env.cmd(&["prune", "--keep", "2", "--yes", "--name", "ci-build"])
        .assert()
        .success()
        .stderr("nova-images: nothing to delete\n");
    assert_eq!(deleted(&env).len(), 2);
}

#[test]
fn yes_with_json_gives_each_result() {
    let env = Env::new();
    builds(&env);
    let out = stdout_of(&mut env.cmd(&[
        "prune", "--keep", "3", "--yes", "-f", "json", "--name", "ci-build",
    ]));
    let results: Value = serde_json::from_str(&out).unwrap();
    let actions: Vec<(&str, &Value)> = (results.as_array().unwrap().iter())
        .map(|r| (r["action"].as_str().unwrap(), &r["result"]))
        .collect();
    assert_eq!(
        actions,
        [
            ("keep", &Value::Null),
            ("keep", &Value::Null),
            ("keep", &Value::Null),
            ("delete", &json!("deleted"))
        ]
    );
    assert_eq!(deleted(&env), [uuid(1)]);
    let sent = env.cloud.requests("/compute/");
    assert!(
        sent.iter()
            .all(|r| r.uri.contains("name=ci-build") || r.method == "DELETE"),
        "the filter went to the server"
    );
}

#[test]
fn ties_in_created_are_broken_by_id_higher_first() {
    let env = Env::new();
    for i in [2, 7, 4] {
        image(&env, i, Some("same"), 10);
    }
    env.cmd(&["prune", "--keep", "1", "--yes", "-q"])
        .assert()
        .success()
        .stderr("");
    assert_eq!(deleted(&env), [uuid(2), uuid(4)]);
    assert_eq!(env.cloud.image_ids(), [uuid(7)]);
}

#[test]
fn an_impossible_date_is_never_pruned_and_holds_no_keep_slot() {
    let env = Env::new();
    image(&env, 1, Some("nightly"), 1);
    image(&env, 2, Some("nightly"), 2);
    image(&env, 3, Some("nightly"), 3);
    // Text-wise the newest; as a date, none (February 30, 25:61:61).
    env.cloud.edit_image(&uuid(3), |image| {
        image.created = "2024-02-30T25:61:61Z".into();
    });
    env.cmd(&["prune", "--keep", "1", "--yes"])
        .assert()
        .success()
        .stderr(
            "nova-images: warning: 1 selected images have no readable creation time: they are \
             never pruned\n\
             nova-images: deleted 1 of 1\n",
        );
    // uuid(2), the newest valid one, is kept; uuid(1) goes; uuid(3) is left alone.
    assert_eq!(deleted(&env), [uuid(1)]);
    assert_eq!(env.cloud.image_ids(), [uuid(2), uuid(3)]);
}

/// `ago` before now as `YYYY-MM-DDTHH:MM:SSZ`.
fn rfc3339_ago(ago: Duration) -> String {
    let at = jiff::Timestamp::now() - jiff::SignedDuration::try_from(ago).unwrap();
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[test]
fn older_than_spares_the_recent_ones() {
    let env = Env::new();
    let hour = Duration::from_secs(3600);
    // 47 h, not 48: a run that crosses a second must not change what `2d` finds.
    for (i, ago) in [(1, 1), (2, 11), (3, 13), (4, 47)] {
        image(&env, i, Some("nightly"), 0);
        env.cloud
            .edit_image(&uuid(i), |image| image.created = rfc3339_ago(hour * ago));
    }
    // The newest is kept whatever --older-than says; of the others, those older than 12 h go.
    let out = stdout_of(&mut env.cmd(&[
        "prune",
        "--keep",
        "1",
        "--older-than",
        "12h",
        "--dry-run",
        "-f",
        "json",
    ]));
    let plan: Value = serde_json::from_str(&out).unwrap();
    let actions: Vec<(&str, &str)> = (plan.as_array().unwrap().iter())
        .map(|r| (r["id"].as_str().unwrap(), r["action"].as_str().unwrap()))
        .collect();
    let (u1, u2, u3, u4) = (uuid(1), uuid(2), uuid(3), uuid(4));
    assert_eq!(
        actions,
        [
            (u1.as_str(), "keep"),
            (u2.as_str(), "keep"),
            (u3.as_str(), "delete"),
            (u4.as_str(), "delete")
        ]
    );
    env.cmd(&["prune", "--keep", "0", "--older-than", "2d", "--yes"])
        .assert()
        .success()
        .stderr("nova-images: nothing to delete\n");
    env.cmd(&["prune", "--keep", "0", "--older-than", "1d", "--yes"])
        .assert()
        .success()
        .stderr("nova-images: deleted 1 of 1\n");
    assert_eq!(deleted(&env), [uuid(4)]);
}

#[test]
fn a_bad_age_or_a_missing_keep_is_a_usage_error() {
    let env = Env::new();
    for args in [
        &["prune", "--keep", "1", "--older-than", "30", "--dry-run"][..],
        &["prune", "--keep", "1", "--older-than", "1y", "--dry-run"],
        &["prune", "--older-than", "30d", "--dry-run"],
        &["prune", "--keep", "-1", "--dry-run"],
        &["prune", "--keep", "1", "--dry-run", "--yes"],
    ] {
        env.cmd(args).assert().code(2);
    }
    env.cmd(&["prune", "--keep", "1", "--older-than", "30", "--dry-run"])
        .assert()
        .stderr(predicate::str::contains("e.g. 90s, 45m, 12h, 30d or 2w"));
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn without_a_terminal_or_yes_nothing_is_deleted() {
    let env = Env::new();
    builds(&env);
    env.cmd(&["prune", "--keep", "1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::is_match(
            "^nova-images: error: prune deletes images only when told to: .*\nhint: add --yes .*--dry-run.*\n$",
        ).unwrap());
    assert_eq!(env.cloud.request_count(), 0, "refused before any request");
    assert_eq!(env.cloud.image_ids().len(), 6);
}

#[test]
fn a_forbidden_image_is_reported_and_the_rest_go_on() {
    let env = Env::new();
    builds(&env);
    // Protected, and another project's: both 403.
    env.cloud
        .edit_image(&uuid(1), |image| image.protected = true);
    env.cloud.edit_image(&uuid(3), |image| {
        image.owner = fake_cloud::ADMIN_PROJECT.into()
    });
    let out = env
        .cmd(&["prune", "--keep", "0", "--yes", "--name", "ci-build", "-f", "json"])
        .assert()
        .code(4)
        .stderr(predicate::str::is_match(
            "^nova-images: error: image 00000000-0000-0000-0000-000000000003: DELETE .* returned 403 Forbidden: You are not allowed to delete the image. \\(request id req-[^)]+\\)\n\
             hint: your project may not own this image, or the image is protected\n\
             nova-images: error: image 00000000-0000-0000-0000-000000000001: DELETE .* returned 403 Forbidden: .*\n\
             hint: .*\n\
             nova-images: error: deleted 2 of 4; 2 failed\n$",
        ).unwrap())
        .get_output()
        .stdout
        .clone();
    let results: Value = serde_json::from_slice(&out).unwrap();
    let shown: Vec<(&str, &str)> = (results.as_array().unwrap().iter())
        .map(|r| (r["id"].as_str().unwrap(), r["result"].as_str().unwrap()))
        .collect();
    let ids: Vec<String> = [4, 3, 2, 1].map(uuid).into();
    assert_eq!(
        shown,
        [
            (ids[0].as_str(), "deleted"),
            (ids[1].as_str(), "forbidden"),
            (ids[2].as_str(), "deleted"),
            (ids[3].as_str(), "forbidden")
        ]
    );
    assert_eq!(env.cloud.image_ids(), [uuid(1), uuid(3), uuid(5), uuid(6)]);
}

#[test]
fn an_image_gone_meanwhile_is_not_found_and_never_looked_up_by_name() {
    let env = Env::new();
    image(&env, 1, Some("x"), 1);
    env.cloud.inject(fake_cloud::Fault::status(
        &format!("/compute/v2.1/images/{}", uuid(1)),
        404,
        r#"{"itemNotFound": {"message": "Image not found.", "code": 404}}"#,
    ));
    env.cmd(&["prune", "--keep", "0", "--yes", "-f", "json"])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("\"result\": \"not found\""));
    let gets = (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "GET")
        .count();
    assert_eq!(gets, 1, "the listing only");
}

#[test]
fn on_a_terminal_the_plan_is_shown_and_confirmed() {
    let env = Env::new();
    builds(&env);
    let Some((screen, code)) = typing(&env, &["prune", "--keep", "2"], Some("n\n")) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains(
            "| ci-build | 00000000-0000-0000-0000-000000000001 | 2024-01-01T00:01:00Z | delete |"
        ),
        "{screen}"
    );
    assert!(screen.contains("Delete 2 images? [y/N] "), "{screen}");
    assert!(screen.contains("nova-images: nothing deleted"), "{screen}");
    assert!(!screen.contains("Result"), "{screen}");
    assert!(deleted(&env).is_empty());

    let Some((screen, code)) = typing(&env, &["prune", "--keep", "2"], Some("y\n")) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Delete 2 images? [y/N] "), "{screen}");
    assert!(screen.contains("| delete | deleted |"), "{screen}");
    assert!(screen.contains("nova-images: deleted 2 of 2"), "{screen}");
    assert_eq!(deleted(&env), [uuid(1), uuid(2)]);
}

/// ci ×2 (uuid 1, 2), and the names a loose or ignored `name` filter lets through:
/// CI (3), "ci " (4), prod-db ×2 (5, 6); all created in that order.
fn lookalikes(env: &Env) {
    for (i, name) in [
        (1, "ci"),
        (2, "ci"),
        (3, "CI"),
        (4, "ci "),
        (5, "prod-db"),
        (6, "prod-db"),
    ] {
        image(env, i, Some(name), i);
    }
}

#[test]
fn prune_never_plans_what_the_server_should_not_have_sent() {
    for how in ["ignored", "loose"] {
        let env = Env::new();
        lookalikes(&env);
        env.cloud.set_name_filter(how);
        env.cmd(&[
            "prune", "--name", "ci", "--keep", "1", "--yes", "-v", "-f", "json",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "images the server sent that do not match the filters",
        ));
        assert_eq!(deleted(&env), [uuid(1)], "name filter {how}");
    }
}

#[test]
fn a_listing_that_repeats_an_image_does_not_give_it_two_keep_slots() {
    let env = Env::new();
    for i in 0..5 {
        image(&env, i + 1, Some("i"), i + 1);
    }
    env.cloud.set_overlapping_pages(true);
    // Pages i5,i4 | i4,i3 | i3,i2 | ...: the repeats must not fill the three slots.
    env.cmd(&["prune", "--keep", "3", "--yes", "--page-size", "2", "-q"])
        .assert()
        .success();
    assert_eq!(deleted(&env), [uuid(1), uuid(2)]);
}

#[test]
fn images_still_saving_do_not_take_the_keep_slots_of_usable_ones() {
    let env = Env::new();
    for i in 1..=7 {
        image(&env, i, Some("x"), i);
    }
    for i in 5..=7 {
        env.cloud
            .edit_image(&uuid(i), |image| image.glance_status = "saving".into());
    }
    env.cmd(&["prune", "--keep", "3", "--yes", "-q"])
        .assert()
        .success();
    assert_eq!(
        deleted(&env),
        [uuid(1)],
        "the three newest ACTIVE images stay"
    );
    // --keep-any-status: the newest three, whatever their status.
    env.cmd(&["prune", "--keep", "3", "--yes", "-q", "--keep-any-status"])
        .assert()
        .success();
    assert_eq!(deleted(&env), [uuid(1), uuid(2), uuid(3), uuid(4)]);
}

#[test]
fn blank_names_count_as_no_name() {
    let env = Env::new();
    for (i, name) in [(1, ""), (2, ""), (3, "  "), (4, "  ")] {
        image(&env, i, Some(name), i);
    }
    env.cmd(&["prune", "--keep", "0", "--yes"])
        .assert()
        .success()
        .stderr("nova-images: nothing to delete\n");
    assert!(deleted(&env).is_empty());
}

/// Each image's `result` in a `-f json` run, as (cloud, region, id, result) for the rows
/// that were to be deleted.
fn results(json: &[u8]) -> Vec<(String, String, String, String)> {
    let rows: Vec<Value> = serde_json::from_slice(json).unwrap();
    (rows.iter())
        .filter(|r| r["action"] == "delete")
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_owned();
            (s("cloud"), s("region"), s("id"), s("result"))
        })
        .collect()
}

fn row(cloud: &str, region: &str, i: u32, result: &str) -> (String, String, String, String) {
    (cloud.into(), region.into(), uuid(i), result.into())
}

#[test]
fn a_cloud_named_twice_deletes_each_image_once() {
    let env = Env::new();
    builds(&env);
    let out = env
        .cmd(&["prune", "--clouds", "demo,demo", "--name", "ci-build"])
        .args(["--keep", "2", "--yes", "-f", "json"])
        .assert()
        .success()
        .stderr("nova-images: deleted 2 of 2\n")
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        results(&out),
        [
            row("demo", "RegionOne", 2, "deleted"),
            row("demo", "RegionOne", 1, "deleted")
        ]
    );
    assert_eq!(deleted(&env), [uuid(1), uuid(2)]);
}

#[test]
fn two_clouds_on_one_endpoint_delete_each_image_once() {
    let env = Env::new();
    builds(&env);
    // demo and admin: two users, one compute endpoint; admin sees demo's images too.
    let out = env
        .cmd(&["prune", "--clouds", "demo,admin", "--name", "ci-build"])
        .args(["--keep", "2", "--yes", "-f", "json"])
        .assert()
        .success()
        .stderr("nova-images: deleted 4 of 4\n")
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        results(&out),
        [
            row("demo", "RegionOne", 2, "deleted"),
            row("demo", "RegionOne", 1, "deleted"),
            row("admin", "RegionOne", 2, "deleted (by demo/RegionOne)"),
            row("admin", "RegionOne", 1, "deleted (by demo/RegionOne)"),
        ]
    );
    assert_eq!(deleted(&env), [uuid(1), uuid(2)], "one DELETE per image");
}

#[test]
fn regions_on_one_compute_endpoint_are_one_target() {
    let env = Env::new();
    builds(&env);
    env.cloud.add_region_at_same_endpoint("RegionTwo");
    let out = env
        .cmd(&[
            "prune",
            "--all-regions",
            "--name",
            "ci-build",
            "--keep",
            "2",
        ])
        .args(["--yes", "-f", "json", "-v"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "cloud 'demo': region 'RegionTwo' has the compute endpoint of region 'RegionOne'",
        ))
        .stderr(predicate::str::contains("nova-images: deleted 2 of 2\n"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        results(&out),
        [
            row("demo", "RegionOne", 2, "deleted"),
            row("demo", "RegionOne", 1, "deleted")
        ]
    );
    assert_eq!(deleted(&env), [uuid(1), uuid(2)], "one DELETE per image");
    let listings = (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "GET")
        .count();
    assert_eq!(listings, 1, "listed once");
}

#[test]
fn regions_over_one_image_store_exit_0_and_say_who_deleted() {
    let env = Env::new();
    builds(&env);
    // RegionTwo: the same Nova (and so the same images) at another URL.
    env.cloud.add_region("RegionTwo");
    let out = env
        .cmd(&[
            "prune",
            "--all-regions",
            "--name",
            "ci-build",
            "--keep",
            "2",
        ])
        .args(["--yes", "-f", "json"])
        .assert()
        .success()
        .stderr("nova-images: deleted 4 of 4\n")
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        results(&out),
        [
            row("demo", "RegionOne", 2, "deleted"),
            row("demo", "RegionOne", 1, "deleted"),
            row("demo", "RegionTwo", 2, "deleted (by demo/RegionOne)"),
            row("demo", "RegionTwo", 1, "deleted (by demo/RegionOne)"),
        ]
    );
    // One DELETE per image on each endpoint: RegionTwo's answered 404, which tells that
    // the image is gone there too (a store with copies under the same IDs would have
    // deleted its own).
    let mut sent: Vec<String> = (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "DELETE")
        .map(|r| r.uri.clone())
        .collect();
    sent.sort();
    let project = fake_cloud::DEMO_PROJECT;
    assert_eq!(
        sent,
        [
            format!("/compute/v2.1/{project}/images/{}", uuid(1)),
            format!("/compute/v2.1/{project}/images/{}", uuid(2)),
            format!("/compute/v2.1/images/{}", uuid(1)),
            format!("/compute/v2.1/images/{}", uuid(2)),
        ]
    );
    assert_eq!(env.cloud.image_ids(), [uuid(3), uuid(4), uuid(5), uuid(6)]);
}
