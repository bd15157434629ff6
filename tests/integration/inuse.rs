//! Images in use: Nova's 500 naming `ImageDeleteConflict` is a refusal (never retried, no
//! drop in concurrency, `in use` per image), and `--skip-in-use` asks Nova's servers API
//! first.

use fake_cloud::{DEMO_PROJECT, FakeServer};
use serde_json::{Value, json};

use crate::common::{Env, FakeImage, seed, stdout_of, uuid};

/// `n` images of the demo project (so that demo may delete them), `img-00`, `img-01`, ...
fn owned(env: &Env, n: u32) {
    seed(env, n);
    env.cloud
        .edit_images(|image| image.owner = DEMO_PROJECT.into());
}

/// How many DELETEs of image `id` the fake saw.
fn deletes_of(env: &Env, id: &str) -> usize {
    (env.cloud.requests("/compute/").iter())
        .filter(|r| r.method == "DELETE" && r.uri.ends_with(id))
        .count()
}

/// The servers queries the fake saw, as "METHOD uri".
fn server_queries(env: &Env) -> Vec<String> {
    (env.cloud.nova_calls().into_iter())
        .filter(|c| c.contains("/servers/"))
        .collect()
}

/// Request ids vary with the order concurrent requests arrive in.
fn without_request_ids(text: &str) -> String {
    regex::Regex::new(r"req-[0-9a-f-]{36}")
        .unwrap()
        .replace_all(text, "req-ID")
        .into_owned()
}

const HINT: &str = "hint: something still uses the image: servers booted from it, or volumes \
                    created from it (and their snapshots); delete those first, or leave the \
                    images that servers were booted from alone with --skip-in-use";

#[test]
fn images_in_use_are_refused_once_each_without_lowering_the_concurrency() {
    let env = Env::new();
    owned(&env, 20);
    let busy = [uuid(3), uuid(7), uuid(11)];
    env.cloud
        .set_in_use(&busy.iter().map(String::as_str).collect::<Vec<_>>());
    let ids: Vec<String> = (0..20).map(uuid).collect();
    let mut args = vec!["-v", "delete", "--concurrency", "8", "-f", "json"];
    args.extend(ids.iter().map(String::as_str));
    let out = env.cmd(&args).assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("failing deletes"), "{stderr}");
    assert!(!stderr.contains("retry"), "{stderr}");
    for id in &busy {
        assert_eq!(deletes_of(&env, id), 1, "{id} was asked once");
    }
    assert_eq!(env.cloud.image_ids(), busy, "the rest are deleted");
    let base = env.cloud.base_url();
    let errors: Vec<String> = (stderr.lines())
        .filter(|l| l.contains("error:") || l.starts_with("hint:"))
        .map(without_request_ids)
        .collect();
    let refused = |id: &str| {
        format!(
            "image {id}: in use (Nova: ImageDeleteConflict); DELETE \
             {base}/compute/v2.1/images/{id} returned 500 (request id req-ID)"
        )
    };
    let mut want = Vec::new();
    for id in &busy {
        want.push(format!("nova-images: error: {}", refused(id)));
        want.push(HINT.to_owned());
    }
    want.push("nova-images: error: deleted 17 of 20; 3 failed".into());
    assert_eq!(errors, want);
    let records: Value =
        serde_json::from_str(&without_request_ids(&String::from_utf8_lossy(&out.stdout))).unwrap();
    let expected: Vec<Value> = (ids.iter())
        .map(|id| match busy.contains(id) {
            true => json!({"id": id, "result": "in use", "in_use": true,
                           "error": refused(id), "exit_code": 1}),
            false => json!({"id": id, "result": "deleted"}),
        })
        .collect();
    assert_eq!(records, Value::Array(expected));
    // The keys in this order.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "\"id\": \"{}\",\n    \"result\": \"in use\",\n    \"in_use\": true,\n    \"error\"",
            uuid(3)
        )),
        "{text}"
    );
}

#[test]
fn a_500_that_is_not_in_use_is_still_retried() {
    let env = Env::new();
    owned(&env, 1);
    env.cloud.inject(fake_cloud::Fault::status(
        "/compute/v2.1/images/",
        500,
        r#"{"computeFault": {"code": 500, "message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'oslo_db.exception.DBDeadlock'>"}}"#,
    ));
    env.cmd(&["delete", &uuid(0)]).assert().success();
    assert_eq!(deletes_of(&env, &uuid(0)), 2, "retried once, then deleted");
}

/// ci-build ×4 of the demo project (uuid 1-4, oldest first).
fn builds(env: &Env) {
    for i in 1..=4 {
        let mut image = FakeImage::new(&uuid(i), "ci-build", i);
        image.owner = DEMO_PROJECT.into();
        env.cloud.add(image);
    }
}

#[test]
fn prune_keeps_an_image_in_use_reports_it_and_exits_0() {
    let env = Env::new();
    builds(&env);
    env.cloud.set_in_use(&[&uuid(2)]);
    let out = env
        .cmd(&["prune", "--keep", "1", "--yes", "-f", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    let shown: Vec<(&str, &str, &Value)> = (results.as_array().unwrap().iter())
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["action"].as_str().unwrap(),
                &r["result"],
            )
        })
        .collect();
    let ids: Vec<String> = [4, 3, 2, 1].map(uuid).into();
    assert_eq!(
        shown,
        [
            (ids[0].as_str(), "keep", &Value::Null),
            (ids[1].as_str(), "delete", &json!("deleted")),
            (ids[2].as_str(), "delete", &json!("in use")),
            (ids[3].as_str(), "delete", &json!("deleted")),
        ]
    );
    let stderr = without_request_ids(&String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        stderr,
        format!(
            "nova-images: warning: image {id}: in use (Nova: ImageDeleteConflict); DELETE \
             {base}/compute/v2.1/images/{id} returned 500 (request id req-ID); kept\n\
             {HINT}\n\
             nova-images: deleted 2 of 3; 1 in use (kept)\n",
            id = uuid(2),
            base = env.cloud.base_url()
        )
    );
    assert_eq!(deletes_of(&env, &uuid(2)), 1);
    assert_eq!(env.cloud.image_ids(), [uuid(2), uuid(4)]);

    // With another failure too: that failure's exit status, the images in use apart.
    let env = Env::new();
    builds(&env);
    env.cloud.set_in_use(&[&uuid(2)]);
    env.cloud
        .edit_image(&uuid(1), |image| image.protected = true);
    let out = env
        .cmd(&["prune", "--keep", "1", "--yes", "-f", "json"])
        .assert()
        .code(4)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.ends_with("nova-images: error: deleted 1 of 3; 1 failed, 1 in use\n"),
        "{stderr}"
    );
}

/// Servers: web-1 and web-2 booted from uuid 2, one booted from a volume, and another
/// project's server booted from uuid 1.
fn servers(env: &Env) {
    env.cloud.add_server(FakeServer::new(
        "5e000000-0000-0000-0000-000000000001",
        "web-1",
        &uuid(2),
    ));
    env.cloud.add_server(FakeServer::new(
        "5e000000-0000-0000-0000-000000000002",
        "web-2",
        &uuid(2),
    ));
    env.cloud.add_server(FakeServer::new(
        "5e000000-0000-0000-0000-000000000003",
        "bfv",
        "",
    ));
    let mut theirs = FakeServer::new("5e000000-0000-0000-0000-000000000004", "theirs", &uuid(1));
    theirs.project = fake_cloud::ADMIN_PROJECT.into();
    env.cloud.add_server(theirs);
}

#[test]
fn prune_skip_in_use_keeps_the_images_servers_were_booted_from() {
    let env = Env::new();
    builds(&env);
    servers(&env);
    let plan = stdout_of(&mut env.cmd(&["prune", "--keep", "1", "--dry-run", "--skip-in-use"]));
    assert_eq!(
        plan,
        "\
+----------+--------------------------------------+----------------------+--------+-----------------------------------+
| Name     | ID                                   | Created              | Action | In use                            |
+----------+--------------------------------------+----------------------+--------+-----------------------------------+
| ci-build | 00000000-0000-0000-0000-000000000004 | 2024-01-01T00:04:00Z | keep   |                                   |
| ci-build | 00000000-0000-0000-0000-000000000003 | 2024-01-01T00:03:00Z | delete |                                   |
| ci-build | 00000000-0000-0000-0000-000000000002 | 2024-01-01T00:02:00Z | keep   | in use by 2 servers: web-1, web-2 |
| ci-build | 00000000-0000-0000-0000-000000000001 | 2024-01-01T00:01:00Z | delete |                                   |
+----------+--------------------------------------+----------------------+--------+-----------------------------------+
"
    );
    // Only the images planned for deletion are asked about, only the project's servers.
    let asked: Vec<String> = [3, 2, 1]
        .map(|i| format!("GET /compute/v2.1/servers/detail?image={}&limit=5", uuid(i)))
        .into();
    let mut queries = server_queries(&env);
    queries.sort();
    let mut want = asked.clone();
    want.sort();
    assert_eq!(queries, want);

    env.cloud.clear_requests();
    let out = stdout_of(&mut env.cmd(&[
        "prune",
        "--keep",
        "1",
        "--yes",
        "--skip-in-use",
        "-f",
        "json",
    ]));
    let results: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        results[2],
        json!({"id": uuid(2), "name": "ci-build", "created": "2024-01-01T00:02:00Z",
               "action": "keep", "in_use": "in use by 2 servers: web-1, web-2",
               "result": null})
    );
    assert_eq!(results[1]["in_use"], Value::Null);
    assert_eq!(
        deletes_of(&env, &uuid(2)),
        0,
        "no DELETE for an image in use"
    );
    assert_eq!(env.cloud.image_ids(), [uuid(2), uuid(4)]);
}

#[test]
fn delete_skip_in_use_skips_and_says_so() {
    let env = Env::new();
    builds(&env);
    servers(&env);
    env.cmd(&["delete", "-f", "json", "--skip-in-use", &uuid(2), &uuid(3)])
        .assert()
        .success()
        .stdout(
            serde_json::to_string_pretty(&json!([
                {"id": uuid(2), "result": "skipped: in use by 2 servers: web-1, web-2",
                 "in_use": true},
                {"id": uuid(3), "result": "deleted"},
            ]))
            .unwrap()
                + "\n",
        )
        .stderr(format!(
            "nova-images: warning: image {}: skipped: in use by 2 servers: web-1, web-2\n\
             nova-images: deleted 1 of 2; 1 skipped (in use)\n",
            uuid(2)
        ));
    assert_eq!(deletes_of(&env, &uuid(2)), 0);
    assert_eq!(deletes_of(&env, &uuid(3)), 1);
}

#[test]
fn all_projects_asks_for_every_projects_servers_and_a_403_names_the_option() {
    let env = Env::new();
    builds(&env);
    servers(&env);
    env.cmd(&["delete", "--skip-in-use", "--all-projects", &uuid(1)])
        .assert()
        .code(4)
        .stderr(predicates::str::contains(
            "returned 403 Forbidden: Policy doesn't allow \
             os_compute_api:servers:index:get_all_tenants to be performed.",
        ))
        .stderr(predicates::str::contains(
            "hint: --all-projects lists every project's servers, which Nova's policy",
        ));
    assert_eq!(deletes_of(&env, &uuid(1)), 0, "nothing deleted unchecked");
    // Without it, another project's server is not seen.
    env.cloud.clear_requests();
    env.cmd(&["delete", "--skip-in-use", "--dry-run", &uuid(1)])
        .assert()
        .success()
        .stdout(format!("would delete {}\n", uuid(1)));
    // Allowed (an admin, or a policy that lets this user): it is.
    env.cloud.allow_all_tenants(true);
    env.cloud.clear_requests();
    env.cmd(&[
        "delete",
        "--skip-in-use",
        "--all-projects",
        "-f",
        "json",
        &uuid(1),
    ])
    .assert()
    .success()
    .stdout(predicates::str::contains(
        "\"result\": \"skipped: in use by 1 server: theirs\"",
    ));
    assert_eq!(
        server_queries(&env),
        [format!(
            "GET /compute/v2.1/servers/detail?image={}&limit=5&all_tenants=1",
            uuid(1)
        )]
    );
    env.cloud.allow_all_tenants(false);
    env.cmd_as(
        "admin",
        &[
            "prune",
            "--keep",
            "0",
            "--dry-run",
            "--skip-in-use",
            "--all-projects",
            "-f",
            "json",
        ],
    )
    .assert()
    .success()
    .stdout(predicates::str::contains(
        "\"in_use\": \"in use by 1 server: theirs\"",
    ));
}
