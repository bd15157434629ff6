//! `--jq`: a jq filter over the JSON of list, show, delete, prune and config, exact outputs
//! and exit codes; the expression checked before any request.

use serde_json::Value;

use crate::common::{Env, FakeImage, seed, stdout_of, uuid};

/// img-00 ACTIVE, img-01 SAVING, img-02 ACTIVE, all of the demo project (listed newest
/// first: 2, 1, 0).
fn three(env: &Env) {
    seed(env, 3);
    env.cloud.edit_images(|image| {
        image.owner = fake_cloud::DEMO_PROJECT.into();
        if image.id == uuid(1) {
            image.glance_status = "saving".into();
        }
    });
}

/// Runs and returns (exit code, stdout, stderr).
fn run(env: &Env, args: &[&str]) -> (i32, String, String) {
    let out = env.cmd(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn list_selects_the_ids_of_active_images() {
    let env = Env::new();
    three(&env);
    let ids = format!("{}\n{}\n", uuid(2), uuid(0));
    let out =
        stdout_of(&mut env.cmd(&["list", "--jq", r#".[] | select(.status == "ACTIVE") | .id"#]));
    assert_eq!(out, ids);
    // -f json said, the same; sorted, in the sorted order.
    let out = stdout_of(&mut env.cmd(&[
        "list",
        "-f",
        "json",
        "--jq",
        r#".[] | select(.status == "ACTIVE") | .id"#,
    ]));
    assert_eq!(out, ids);
    let sorted = stdout_of(&mut env.cmd(&["list", "--sort-column", "name", "--jq", ".[].name"]));
    assert_eq!(sorted, "img-00\nimg-01\nimg-02\n");
}

#[test]
fn the_input_is_the_whole_array_of_json() {
    let env = Env::new();
    three(&env);
    assert_eq!(stdout_of(&mut env.cmd(&["list", "--jq", "length"])), "3\n");
    let json: Value =
        serde_json::from_str(&stdout_of(&mut env.cmd(&["list", "-f", "json"]))).unwrap();
    let whole = stdout_of(&mut env.cmd(&["list", "--jq", "."]));
    assert_eq!(whole, format!("{json}\n"), "compact, the keys in order");
    assert_eq!(
        stdout_of(&mut env.cmd(&["list", "--status", "ERROR", "--jq", "length"])),
        "0\n"
    );
}

#[test]
fn a_string_result_is_raw_and_other_values_are_compact_json() {
    let env = Env::new();
    let mut image = FakeImage::new(&uuid(7), "say \"hi\"\\ there", 7);
    image.properties.insert("os_distro".into(), "ubuntu".into());
    env.cloud.add(image);
    assert_eq!(
        stdout_of(&mut env.cmd(&["list", "--jq", ".[0].name"])),
        "say \"hi\"\\ there\n"
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&["list", "--jq", ".[0] | {id, name, status}"])),
        format!(
            "{{\"id\":\"{}\",\"name\":\"say \\\"hi\\\"\\\\ there\",\"status\":\"ACTIVE\"}}\n",
            uuid(7)
        )
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&[
            "list",
            "--jq",
            ".[] | .metadata.os_distro, [.id], null, 1.5"
        ])),
        format!("ubuntu\n[\"{}\"]\nnull\n1.5\n", uuid(7))
    );
}

#[test]
fn a_syntax_error_is_a_usage_error_naming_the_position_and_nothing_is_sent() {
    let env = Env::new();
    three(&env);
    let (code, out, err) = run(&env, &["list", "--jq", ".[] | select(.status ==)"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "nova-images: error: invalid --jq expression: expected term at column 24 (found \")\")\n\
         hint: the jq language: https://jqlang.org/manual/\n"
    );
    let (code, _, err) = run(&env, &["show", &uuid(0), "--jq", ".name | nosuch"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "nova-images: error: invalid --jq expression: undefined filter nosuch/0 at column 9"
        ),
        "{err}"
    );
    assert_eq!(env.cloud.request_count(), 0, "no token, no listing");
    // Checked before the configuration is read: an unknown cloud is not reached.
    let out = (env.cmd_as("nosuch", &["config", "show", "--jq", "{"]))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("invalid --jq expression"), "{err}");
}

#[test]
fn a_format_that_is_not_json_is_a_usage_error() {
    let env = Env::new();
    three(&env);
    for args in [
        &["list", "-f", "table", "--jq", "."][..],
        &["show", &uuid(0), "-f", "yaml", "--jq", "."],
        &["delete", &uuid(0), "-f", "yaml", "--jq", "."],
        &[
            "prune",
            "--keep",
            "1",
            "--dry-run",
            "-f",
            "table",
            "--jq",
            ".",
        ],
        &["config", "clouds", "-f", "yaml", "--jq", "."],
    ] {
        let (code, out, err) = run(&env, args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert_eq!(
            err,
            "nova-images: error: --jq filters JSON: use it with -f json (or -f jsonl for list and \
             presence), or without -f\n",
            "{args:?}"
        );
    }
    assert_eq!(env.cloud.request_count(), 0);
    assert_eq!(env.cloud.image_ids().len(), 3);
}

#[test]
fn a_runtime_error_is_one_line_after_the_whole_lines_before_it() {
    let env = Env::new();
    three(&env);
    let (code, out, err) = run(
        &env,
        &[
            "list",
            "--jq",
            r#".[] | .name | if . == "img-00" then .x else . end"#,
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(out, "img-02\nimg-01\n");
    assert_eq!(
        err,
        "nova-images: error: --jq: cannot index \"img-00\" with \"x\"\n"
    );
    let (code, out, err) = run(&env, &["list", "--jq", ".[] | .name | .x"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn with_jsonl_each_line_is_an_input() {
    let env = Env::new();
    three(&env);
    let names =
        stdout_of(&mut env.cmd(&["list", "-f", "jsonl", "--page-size", "2", "--jq", ".name"]));
    assert_eq!(names, "img-02\nimg-01\nimg-00\n");
    let types = stdout_of(&mut env.cmd(&["list", "-f", "jsonl", "--jq", "type"]));
    assert_eq!(types, "object\nobject\nobject\n");
    let active = stdout_of(&mut env.cmd(&[
        "list",
        "-f",
        "jsonl",
        "--jq",
        r#"select(.status != "ACTIVE") | {id, status}"#,
    ]));
    assert_eq!(
        active,
        format!("{{\"id\":\"{}\",\"status\":\"SAVING\"}}\n", uuid(1))
    );
}

#[test]
fn with_jsonl_a_page_that_fails_leaves_only_the_whole_lines_before_it() {
    let env = Env::new();
    seed(&env, 5);
    env.cloud.inject(fake_cloud::Fault::pass("/compute/"));
    env.cloud.inject(fake_cloud::Fault::status(
        "/compute/",
        500,
        r#"{"computeFault": {"code": 500, "message": "boom"}}"#,
    ));
    let (code, out, err) = run(
        &env,
        &[
            "--retries",
            "0",
            "list",
            "--page-size",
            "2",
            "-f",
            "jsonl",
            "--jq",
            ".id",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        format!("{}\n{}\n", uuid(4), uuid(3)),
        "the first page, whole"
    );
    assert!(err.contains("boom"), "{err}");
    // Without jsonl nothing is printed unless every page arrived.
    env.cloud.inject(fake_cloud::Fault::pass("/compute/"));
    env.cloud
        .inject(fake_cloud::Fault::status("/compute/", 500, "{}"));
    let (code, out, _) = run(
        &env,
        &[
            "--retries",
            "0",
            "list",
            "--page-size",
            "2",
            "--jq",
            ".[].id",
        ],
    );
    assert_eq!((code, out.as_str()), (1, ""));
}

#[test]
fn show_gives_the_image_object() {
    let env = Env::new();
    three(&env);
    assert_eq!(
        stdout_of(&mut env.cmd(&["show", &uuid(1), "--jq", ".name"])),
        "img-01\n"
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&["show", "img-02", "--jq", "[.status, .minDisk]"])),
        "[\"ACTIVE\",0]\n"
    );
}

#[test]
fn delete_results_go_through_the_filter() {
    let env = Env::new();
    three(&env);
    let (code, out, err) = run(
        &env,
        &[
            "delete",
            "-f",
            "json",
            "--jq",
            r#".[] | "\(.id) \(.result)""#,
            &uuid(0),
            "missing",
        ],
    );
    assert_eq!(code, 5, "{err}");
    assert_eq!(out, format!("{} deleted\nmissing failed\n", uuid(0)));
    // --jq alone implies -f json.
    let out = stdout_of(&mut env.cmd(&["delete", "--jq", ".[].result", &uuid(1)]));
    assert_eq!(out, "deleted\n");
    assert_eq!(env.cloud.image_ids(), [uuid(2)]);
}

#[test]
fn prune_and_config_go_through_the_filter() {
    let env = Env::new();
    three(&env);
    let plan = stdout_of(&mut env.cmd(&[
        "prune",
        "--keep",
        "0",
        "--dry-run",
        "--name",
        "img-01",
        "--jq",
        r#".[] | [.name, .action] | join(" ")"#,
    ]));
    assert_eq!(plan, "img-01 delete\n");
    assert_eq!(
        stdout_of(&mut env.cmd(&["config", "show", "--jq", ".cloud, .auth.password"])),
        "demo\n<redacted>\n"
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&["config", "clouds", "-f", "json", "--jq", "map(.name)"])),
        "[\"demo\",\"admin\"]\n"
    );
    assert_eq!(env.cloud.image_ids().len(), 3, "a dry run");
}
