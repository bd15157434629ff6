//! `prune --group-by`: groups by a part of the name, `--keep` per group, the names it does
//! not match never touched, the Group column and `"group"` key.

use std::time::Duration;

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common::{Env, FakeImage, stdout_of, uuid};

const DAY: Duration = Duration::from_secs(86_400);

/// `ago` before now as `YYYY-MM-DDTHH:MM:SSZ`.
fn rfc3339_ago(ago: Duration) -> String {
    let at = jiff::Timestamp::now() - jiff::SignedDuration::try_from(ago).unwrap();
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// An image of the demo project (so that demo may delete it), created `days` days ago;
/// its `created` as served.
fn image(env: &Env, i: u32, name: &str, days: u64) -> String {
    let mut image = FakeImage::new(&uuid(i), name, 0);
    image.created = rfc3339_ago(DAY * days as u32);
    image.owner = fake_cloud::DEMO_PROJECT.into();
    let created = image.created.clone();
    env.cloud.add(image);
    created
}

/// CI builds named by date and run (uuid 1-7, oldest first: 30, 29, 20, 6, 5, 3 and 1 days
/// old), a `ci-build-latest` that no date follows (uuid 8, 40 days) and a `base` image
/// (uuid 9, 50 days); each image's `created`, by uuid number.
fn builds(env: &Env) -> Vec<String> {
    let mut created = vec![String::new()];
    for (i, name, days) in [
        (1, "ci-build-20240601-1", 30),
        (2, "ci-build-20240601-2", 29),
        (3, "ci-build-20240602-1", 20),
        (4, "ci-build-20240603-1", 6),
        (5, "ci-build-20240604-1", 5),
        (6, "ci-build-20240604-2", 3),
        (7, "ci-build-20240606-1", 1),
        (8, "ci-build-latest", 40),
        (9, "base", 50),
    ] {
        created.push(image(env, i, name, days));
    }
    created
}

/// The DELETE requests the fake saw, as image IDs, sorted.
fn deleted(env: &Env) -> Vec<String> {
    let mut ids: Vec<String> = (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "DELETE")
        .map(|r| r.uri.rsplit('/').next().unwrap_or_default().to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_docs_example_keeps_three_builds_across_dates_and_deletes_old_ones() {
    let env = Env::new();
    let created = builds(&env);
    let out = stdout_of(&mut env.cmd(&[
        "prune",
        "--match",
        "^ci-build-",
        "--group-by",
        r"^(ci-build)-\d{8}",
        "--keep",
        "3",
        "--older-than",
        "7d",
        "--yes",
    ]));
    let row = |i: u32, name: &str, action: &str, result: &str| {
        format!(
            "| ci-build | {name} | {} | {} | {action:<6} | {result:<7} |\n",
            uuid(i),
            created[i as usize]
        )
    };
    let line = "+----------+---------------------+--------------------------------------+\
                ----------------------+--------+---------+\n";
    let want = [
        line.to_owned(),
        "| Group    | Name                | ID                                   | Created              | Action | Result  |\n".to_owned(),
        line.to_owned(),
        row(7, "ci-build-20240606-1", "keep", ""),
        row(6, "ci-build-20240604-2", "keep", ""),
        row(5, "ci-build-20240604-1", "keep", ""),
        // Not among the newest three, but not older than 7 days.
        row(4, "ci-build-20240603-1", "keep", ""),
        row(3, "ci-build-20240602-1", "delete", "deleted"),
        row(2, "ci-build-20240601-2", "delete", "deleted"),
        row(1, "ci-build-20240601-1", "delete", "deleted"),
        line.to_owned(),
    ]
    .concat();
    assert_eq!(out, want);
    assert_eq!(deleted(&env), [uuid(1), uuid(2), uuid(3)]);
    // ci-build-latest (no date: not grouped) and base (not matched) are never touched.
    assert_eq!(env.cloud.image_ids(), [4, 5, 6, 7, 8, 9].map(uuid).to_vec());
}

#[test]
fn names_it_does_not_match_are_never_touched_and_v_counts_them() {
    let env = Env::new();
    builds(&env);
    env.cmd(&[
        "prune",
        "--group-by",
        r"^(ci-build)-\d{8}",
        "--keep",
        "1",
        "--yes",
        "-v",
        "-f",
        "json",
    ])
    .assert()
    .success()
    .stderr(predicate::str::contains(
        "nova-images: 2 selected images have names --group-by does not match: they are never \
         pruned\n",
    ))
    .stderr(predicate::str::contains("nova-images: deleted 6 of 6\n"));
    assert_eq!(deleted(&env), [1, 2, 3, 4, 5, 6].map(uuid).to_vec());
    assert_eq!(env.cloud.image_ids(), [uuid(7), uuid(8), uuid(9)]);
    // Without -v, not a word about them.
    let env = Env::new();
    builds(&env);
    env.cmd(&["prune", "--group-by", "^nothing", "--keep", "0", "--yes"])
        .assert()
        .success()
        .stdout(
            "\
+-------+------+----+---------+--------+
| Group | Name | ID | Created | Action |
+-------+------+----+---------+--------+
+-------+------+----+---------+--------+
",
        )
        .stderr("nova-images: nothing to delete\n");
    assert!(deleted(&env).is_empty());
}

#[test]
fn a_pattern_without_a_group_groups_by_the_whole_match_and_json_shows_it() {
    let env = Env::new();
    let created = builds(&env);
    let out = stdout_of(&mut env.cmd(&[
        "prune",
        "--group-by",
        r"^ci-build-\d{8}",
        "--keep",
        "1",
        "--dry-run",
        "-f",
        "json",
    ]));
    let row = |i: u32, name: &str, group: &str, action: &str| {
        json!({"id": uuid(i), "name": name, "group": group,
               "created": created[i as usize], "action": action})
    };
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        plan,
        json!([
            row(2, "ci-build-20240601-2", "ci-build-20240601", "keep"),
            row(1, "ci-build-20240601-1", "ci-build-20240601", "delete"),
            row(3, "ci-build-20240602-1", "ci-build-20240602", "keep"),
            row(4, "ci-build-20240603-1", "ci-build-20240603", "keep"),
            row(6, "ci-build-20240604-2", "ci-build-20240604", "keep"),
            row(5, "ci-build-20240604-1", "ci-build-20240604", "delete"),
            row(7, "ci-build-20240606-1", "ci-build-20240606", "keep"),
        ])
    );
    // The key after the name, as a table shows it first.
    assert!(
        out.starts_with(&format!(
            "[\n  {{\n    \"id\": \"{}\",\n    \"name\": \"ci-build-20240601-2\",\n    \
             \"group\": \"ci-build-20240601\",\n    \"created\": ",
            uuid(2)
        )),
        "{out}"
    );
    let yaml = stdout_of(&mut env.cmd(&[
        "prune",
        "--group-by",
        r"^ci-build-\d{8}",
        "--keep",
        "1",
        "--dry-run",
        "-f",
        "yaml",
        "--name",
        "ci-build-20240601-1",
    ]));
    assert_eq!(
        yaml,
        format!(
            "- id: {}\n  name: ci-build-20240601-1\n  group: ci-build-20240601\n  created: \
             {}\n  action: keep\n",
            uuid(1),
            created[1]
        )
    );
    assert!(deleted(&env).is_empty());
}

#[test]
fn a_bad_group_pattern_is_a_usage_error_before_any_request() {
    let env = Env::new();
    builds(&env);
    env.cmd(&["prune", "--keep", "1", "--group-by", "ci-(build", "--yes"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: invalid value 'ci-(build' for '--group-by <REGEX>': \"ci-(build\" is not a \
             usable regular expression: unclosed group at character 4\n",
        ));
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn fanning_out_each_row_shows_its_cloud_and_region_then_its_group() {
    let env = Env::new();
    let created = builds(&env);
    let args = [
        "prune",
        "--clouds",
        "demo,demo2",
        "--match",
        "20240606-",
        "--group-by",
        r"^(ci-build)-\d{8}",
        "--keep",
        "1",
        "--dry-run",
    ];
    // A second cloud on the same fake, under another name: its own target.
    let yaml = std::fs::read_to_string(env.clouds_file()).unwrap();
    let demo2 = yaml.replace("  demo:", "  demo2:");
    let demo2 = demo2
        .split("  admin:")
        .next()
        .unwrap()
        .replace("clouds:\n", "");
    std::fs::write(env.clouds_file(), format!("{yaml}{demo2}")).unwrap();
    let table = stdout_of(&mut env.cmd(&args));
    let row = |cloud: &str| {
        format!(
            "| {cloud:<5} | RegionOne | ci-build | ci-build-20240606-1 | {} | {} | keep   |\n",
            uuid(7),
            created[7]
        )
    };
    let line = "+-------+-----------+----------+---------------------+--------------------------------------+\
                ----------------------+--------+\n";
    let want = [
        line.to_owned(),
        "| Cloud | Region    | Group    | Name                | ID                                   | Created              | Action |\n".to_owned(),
        line.to_owned(),
        row("demo"),
        row("demo2"),
        line.to_owned(),
    ]
    .concat();
    assert_eq!(table, want);
    let mut json_args = args.to_vec();
    json_args.extend(["-f", "json"]);
    let json: Value = serde_json::from_str(&stdout_of(&mut env.cmd(&json_args))).unwrap();
    let keys: Vec<&str> = json[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "cloud", "region", "id", "name", "group", "created", "action"
        ]
    );
    assert!(deleted(&env).is_empty());
}
