//! End-to-end tests: the real binary against the fake cloud (tests/fake-cloud).
//! One test per behaviour; each asserts exact stdout and the exit code.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common;
use crate::common::{Env, FakeImage, hermetic, seed, stdout_of, uuid};

fn cirros(env: &Env) {
    let mut image = FakeImage::new("a1b2c3d4-0000-4000-8000-000000000001", "cirros", 1);
    image.min_ram = 64;
    image.min_disk = 1;
    image.size = Some(12_716_032);
    image.properties.insert("os_distro".into(), json!("cirros"));
    image.properties.insert("kernel_id".into(), Value::Null);
    env.cloud.add(image);
    let mut queued = FakeImage::new("a1b2c3d4-0000-4000-8000-000000000002", "ubuntu 24.04", 2);
    queued.glance_status = "queued".into();
    queued.size = None;
    env.cloud.add(queued);
}

// ---- list ---------------------------------------------------------------------------------

#[test]
fn list_prints_a_table_of_id_name_status() {
    let env = Env::new();
    cirros(&env);
    let out = stdout_of(&mut env.cmd(&["list"]));
    assert_eq!(
        out,
        "\
+--------------------------------------+--------------+--------+
| ID                                   | Name         | Status |
+--------------------------------------+--------------+--------+
| a1b2c3d4-0000-4000-8000-000000000002 | ubuntu 24.04 | SAVING |
| a1b2c3d4-0000-4000-8000-000000000001 | cirros       | ACTIVE |
+--------------------------------------+--------------+--------+
"
    );
}

#[test]
fn list_long_adds_progress_sizes_and_times() {
    let env = Env::new();
    cirros(&env);
    let out = stdout_of(&mut env.cmd(&["list", "--long"]));
    assert_eq!(
        out,
        "\
+--------------------------------------+--------------+--------+----------+----------+---------+----------+----------------------+----------------------+
| ID                                   | Name         | Status | Progress | Min Disk | Min RAM | Size     | Created              | Updated              |
+--------------------------------------+--------------+--------+----------+----------+---------+----------+----------------------+----------------------+
| a1b2c3d4-0000-4000-8000-000000000002 | ubuntu 24.04 | SAVING | 25       | 0        | 0       | 0        | 2024-01-01T00:02:00Z | 2024-01-01T00:02:00Z |
| a1b2c3d4-0000-4000-8000-000000000001 | cirros       | ACTIVE | 100      | 1        | 64      | 12716032 | 2024-01-01T00:01:00Z | 2024-01-01T00:01:00Z |
+--------------------------------------+--------------+--------+----------+----------+---------+----------+----------------------+----------------------+
"
    );
}

#[test]
fn list_json_is_an_array_of_api_objects() {
    let env = Env::new();
    cirros(&env);
    let out = stdout_of(&mut env.cmd(&["list", "-f", "json"]));
    let base = env.cloud.base_url();
    let id = "a1b2c3d4-0000-4000-8000-000000000001";
    let images: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(images.as_array().unwrap().len(), 2);
    assert_eq!(
        images[1],
        json!({
            "id": id, "name": "cirros", "status": "ACTIVE", "progress": 100, "minDisk": 1,
            "minRam": 64, "OS-EXT-IMG-SIZE:size": 12716032, "created": "2024-01-01T00:01:00Z",
            "updated": "2024-01-01T00:01:00Z",
            "metadata": {"os_distro": "cirros", "kernel_id": null},
            "links": [
                {"href": format!("{base}/compute/v2.1/images/{id}"), "rel": "self"},
                {"href": format!("{base}/compute/images/{id}"), "rel": "bookmark"},
                {"href": format!("{base}/image//images/{id}"), "rel": "alternate",
                 "type": "application/vnd.openstack.image"}
            ]
        })
    );
    // Keys in the documented order.
    assert!(out.find("\"id\"").unwrap() < out.find("\"name\"").unwrap());
    assert!(out.find("\"metadata\"").unwrap() < out.find("\"links\"").unwrap());
}

#[test]
fn list_yaml_with_columns() {
    let env = Env::new();
    cirros(&env);
    let out = stdout_of(&mut env.cmd(&["list", "-f", "yaml", "-c", "id", "-c", "Min RAM"]));
    assert_eq!(
        out,
        "- id: a1b2c3d4-0000-4000-8000-000000000002\n  minRam: 0\n\
         - id: a1b2c3d4-0000-4000-8000-000000000001\n  minRam: 64\n"
    );
}

#[test]
fn empty_list_is_empty_table_and_empty_array() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success().stdout("").stderr("");
    env.cmd(&["list", "-f", "json"])
        .assert()
        .success()
        .stdout("[]\n");
    env.cmd(&["list", "-f", "yaml"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn list_sends_filters_under_the_api_names_and_the_pinned_microversion() {
    let env = Env::new();
    cirros(&env);
    env.cmd(&[
        "list",
        "--name",
        "cirros",
        "--status",
        "ACTIVE",
        "--changes-since",
        "2024-01-01T00:00:00Z",
        "--server",
        "srv",
        "--type",
        "snapshot",
        "--min-ram",
        "64",
        "--min-disk",
        "1",
        "--limit",
        "5",
    ])
    .assert()
    .success()
    .stdout("");
    let calls = env.cloud.requests("/compute/");
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].uri,
        "/compute/v2.1/images/detail?changes-since=2024-01-01T00%3A00%3A00Z&limit=5&minDisk=1\
         &minRam=64&name=cirros&server=srv&status=ACTIVE&type=snapshot"
    );
    let h = &calls[0].headers;
    assert_eq!(h["x-openstack-nova-api-version"], "2.1");
    assert_eq!(h["openstack-api-version"], "compute 2.1");
    assert_eq!(h["accept"], "application/json");
    assert!(h["user-agent"].starts_with("nova-images/"));
    assert!(h["x-auth-token"].starts_with("gAAAAA-fake-token-"));
}

#[test]
fn each_filter_selects_on_the_server() {
    let env = Env::new();
    cirros(&env);
    let mut snap = FakeImage::new("a1b2c3d4-0000-4000-8000-000000000003", "snap", 3);
    snap.properties
        .insert("image_type".into(), json!("snapshot"));
    snap.properties.insert(
        "instance_uuid".into(),
        json!("6c4e3c5a-1b2c-4d5e-8f90-123456789abc"),
    );
    env.cloud.add(snap);
    let ids = |args: &[&str]| {
        let mut all = vec!["list", "-f", "json", "-c", "name"];
        all.extend_from_slice(args);
        let out = stdout_of(&mut env.cmd(&all));
        let v: Value = serde_json::from_str(&out).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&["--name", "cirros"]), ["cirros"]);
    assert_eq!(ids(&["--name", "CIRROS"]), Vec::<String>::new());
    // SAVING is selected here (Glance calls it queued or saving); queued goes to the server.
    assert_eq!(ids(&["--status", "SAVING"]), ["ubuntu 24.04"]);
    assert_eq!(ids(&["--status", "queued"]), ["ubuntu 24.04"]);
    assert_eq!(ids(&["--type", "snapshot"]), ["snap"]);
    assert_eq!(
        ids(&[
            "--server",
            "http://x/servers/6c4e3c5a-1b2c-4d5e-8f90-123456789abc"
        ]),
        ["snap"]
    );
    assert_eq!(ids(&["--min-ram", "64"]), ["cirros"]);
    assert_eq!(ids(&["--min-disk", "1"]), ["cirros"]);
    assert_eq!(
        ids(&["--changes-since", "2024-01-01T00:02:00Z"]),
        ["snap", "ubuntu 24.04"]
    );
}

#[test]
fn list_follows_every_page_including_the_empty_last_one() {
    let env = Env::new();
    seed(&env, 6);
    let out = stdout_of(&mut env.cmd(&["list", "--page-size", "2", "-f", "json", "-c", "id"]));
    let ids: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(ids.len(), 6);
    assert_eq!(ids[0]["id"], uuid(5));
    assert_eq!(ids[5]["id"], uuid(0));
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/detail?limit=2".to_owned(),
            format!("GET /compute/v2.1/images/detail?limit=2&marker={}", uuid(4)),
            format!("GET /compute/v2.1/images/detail?limit=2&marker={}", uuid(2)),
            format!("GET /compute/v2.1/images/detail?limit=2&marker={}", uuid(0)),
        ]
    );
}

#[test]
fn limit_stops_early_and_never_asks_for_more_than_needed() {
    let env = Env::new();
    seed(&env, 10);
    let out = stdout_of(&mut env.cmd(&[
        "list",
        "--limit",
        "5",
        "--page-size",
        "2",
        "-f",
        "json",
        "-c",
        "id",
    ]));
    let ids: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(ids.len(), 5);
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/detail?limit=2".to_owned(),
            format!("GET /compute/v2.1/images/detail?limit=2&marker={}", uuid(8)),
            format!("GET /compute/v2.1/images/detail?limit=1&marker={}", uuid(6)),
        ]
    );
}

#[test]
fn limit_two_with_status_sends_limit_and_status() {
    let env = Env::new();
    seed(&env, 4);
    let out = stdout_of(&mut env.cmd(&[
        "list", "--limit", "2", "--status", "ACTIVE", "-f", "json", "-c", "name",
    ]));
    assert_eq!(
        out,
        "[\n  {\n    \"name\": \"img-03\"\n  },\n  {\n    \"name\": \"img-02\"\n  }\n]\n"
    );
    assert_eq!(
        env.cloud.nova_calls(),
        ["GET /compute/v2.1/images/detail?limit=2&status=ACTIVE"]
    );
}

#[test]
fn marker_starts_after_that_image() {
    let env = Env::new();
    seed(&env, 3);
    let out = stdout_of(&mut env.cmd(&["list", "--marker", &uuid(2), "-f", "json", "-c", "id"]));
    assert_eq!(
        out,
        format!(
            "[\n  {{\n    \"id\": \"{}\"\n  }},\n  {{\n    \"id\": \"{}\"\n  }}\n]\n",
            uuid(1),
            uuid(0)
        )
    );
}

#[test]
fn a_bad_marker_is_the_servers_400_message() {
    let env = Env::new();
    seed(&env, 1);
    env.cmd(&["list", "--marker", "nope"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "returned 400 Bad Request: HTTP 400 Bad Request: No image found with ID nope (request id req-",
        ));
}

#[test]
fn a_bad_changes_since_is_reported_with_the_server_message() {
    let env = Env::new();
    env.cmd(&["list", "--changes-since", "yesterday"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Bad \"updated_at\" query filter format. Use ISO 8601 DateTime notation.",
        ));
}

#[test]
fn compute_url_with_a_project_id_works() {
    let env = Env::new();
    env.cloud.set_project_in_url(true);
    seed(&env, 3);
    let out = stdout_of(&mut env.cmd(&["list", "--page-size", "2", "-f", "json", "-c", "id"]));
    assert_eq!(serde_json::from_str::<Vec<Value>>(&out).unwrap().len(), 3);
    let calls = env.cloud.nova_calls();
    assert!(calls[0].starts_with(&format!(
        "GET /compute/v2.1/{}/images/detail?limit=2",
        fake_cloud::DEMO_PROJECT
    )));
    assert_eq!(calls.len(), 2);
}

// ---- show ---------------------------------------------------------------------------------

#[test]
fn show_prints_field_value_rows() {
    let env = Env::new();
    cirros(&env);
    let out = stdout_of(&mut env.cmd(&["show", "a1b2c3d4-0000-4000-8000-000000000001"]));
    assert_eq!(
        out,
        "\
+----------+--------------------------------------+
| Field    | Value                                |
+----------+--------------------------------------+
| ID       | a1b2c3d4-0000-4000-8000-000000000001 |
| Name     | cirros                               |
| Status   | ACTIVE                               |
| Progress | 100                                  |
| Min Disk | 1                                    |
| Min RAM  | 64                                   |
| Size     | 12716032                             |
| Created  | 2024-01-01T00:01:00Z                 |
| Updated  | 2024-01-01T00:01:00Z                 |
| Metadata | kernel_id=null                       |
|          | os_distro=cirros                     |
+----------+--------------------------------------+
"
    );
    assert_eq!(
        env.cloud.nova_calls(),
        ["GET /compute/v2.1/images/a1b2c3d4-0000-4000-8000-000000000001"]
    );
}

#[test]
fn show_json_is_one_object_and_keeps_server_and_disk_config() {
    let env = Env::new();
    let mut snap = FakeImage::new("a1b2c3d4-0000-4000-8000-000000000003", "snap", 3);
    snap.properties.insert(
        "instance_uuid".into(),
        json!("6c4e3c5a-1b2c-4d5e-8f90-123456789abc"),
    );
    snap.properties
        .insert("auto_disk_config".into(), json!("True"));
    env.cloud.add(snap);
    let out =
        stdout_of(&mut env.cmd(&["show", "a1b2c3d4-0000-4000-8000-000000000003", "-f", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["server"]["id"], "6c4e3c5a-1b2c-4d5e-8f90-123456789abc");
    assert_eq!(v["OS-DCF:diskConfig"], "AUTO");
    let table = stdout_of(&mut env.cmd(&[
        "show",
        "a1b2c3d4-0000-4000-8000-000000000003",
        "-c",
        "server",
        "-c",
        "disk config",
    ]));
    assert_eq!(
        table,
        "\
+-------------+--------------------------------------+
| Field       | Value                                |
+-------------+--------------------------------------+
| Server      | 6c4e3c5a-1b2c-4d5e-8f90-123456789abc |
| Disk Config | AUTO                                 |
+-------------+--------------------------------------+
"
    );
}

#[test]
fn show_queued_image_is_saving_25() {
    let env = Env::new();
    cirros(&env);
    let out = stdout_of(&mut env.cmd(&[
        "show",
        "a1b2c3d4-0000-4000-8000-000000000002",
        "-f",
        "yaml",
        "-c",
        "status",
        "-c",
        "progress",
    ]));
    assert_eq!(out, "status: SAVING\nprogress: 25\n");
}

#[test]
fn show_unknown_image_exits_5_with_nova_message() {
    let env = Env::new();
    env.cmd(&["show", "00000000-0000-0000-0000-00000000dead"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(format!(
            "nova-images: error: image 00000000-0000-0000-0000-00000000dead: GET {}/compute/v2.1/images/00000000-0000-0000-0000-00000000dead returned 404 Not Found: Image not found. (request id req-00000003-0000-4000-8000-000000000000)\n\
             hint: no image has this ID, and none is named exactly \"00000000-0000-0000-0000-00000000dead\" (names are case-sensitive); see `nova-images list`\n",
            env.cloud.base_url()
        ));
}

#[test]
fn another_projects_private_image_is_not_found() {
    let env = Env::new();
    let mut private = FakeImage::new(&uuid(1), "admin-private", 1);
    private.public = false;
    env.cloud.add(private);
    env.cmd(&["show", &uuid(1)]).assert().code(5);
    env.cmd_as("admin", &["show", &uuid(1), "-f", "json", "-c", "name"])
        .assert()
        .success()
        .stdout("{\n  \"name\": \"admin-private\"\n}\n");
}

#[test]
fn hostile_names_are_escaped_in_tables_but_raw_in_json() {
    let env = Env::new();
    env.cloud
        .add(FakeImage::new(&uuid(1), "evil\u{1b}]0;pwned\u{7}\nname", 1));
    let table = stdout_of(&mut env.cmd(&["list"]));
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{7}'),
        "{table}"
    );
    assert!(table.contains("evil\\u{1b}]0;pwned\\u{7}"), "{table}");
    let json = stdout_of(&mut env.cmd(&["list", "-f", "json", "-c", "name"]));
    assert_eq!(
        json,
        "[\n  {\n    \"name\": \"evil\\u001b]0;pwned\\u0007\\nname\"\n  }\n]\n"
    );
}

// ---- delete -------------------------------------------------------------------------------

#[test]
fn delete_removes_images_and_prints_nothing() {
    let env = Env::new();
    seed(&env, 3);
    for i in 0..3 {
        env.cloud.edit_image(&uuid(i), |image| {
            image.owner = fake_cloud::DEMO_PROJECT.into()
        });
    }
    env.cmd(&["delete", &uuid(0), &uuid(2)])
        .assert()
        .success()
        .stdout("")
        .stderr("nova-images: deleted 2 of 2\n");
    assert_eq!(env.cloud.image_ids(), [uuid(1)]);
    env.cmd(&["show", &uuid(0)]).assert().code(5);
}

#[test]
fn delete_attempts_every_id_and_reports_each_failure() {
    let env = Env::new();
    seed(&env, 2);
    env.cloud.edit_image(&uuid(0), |image| {
        image.owner = fake_cloud::DEMO_PROJECT.into()
    });
    // uuid(1) belongs to admin: 403 for demo.
    env.cmd(&["delete", "missing", &uuid(0), &uuid(1)])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::is_match(
            "^nova-images: error: image missing: DELETE .*/images/missing returned 404 Not Found: Image not found. \\(request id req-[^)]+\\)\n\
             hint: no image has this ID, and none is named exactly \"missing\" .*\n\
             nova-images: error: image 00000000-0000-0000-0000-000000000001: DELETE .* returned 403 Forbidden: You are not allowed to delete the image. \\(request id req-[^)]+\\)\n\
             hint: your project may not own this image, or the image is protected\n\
             nova-images: error: deleted 1 of 3; 2 failed\n$",
        ).unwrap());
    assert_eq!(env.cloud.image_ids(), [uuid(1)]);
}

#[test]
fn delete_of_only_missing_images_exits_5() {
    let env = Env::new();
    env.cmd(&["delete", "a", "b"]).assert().code(5);
}

#[test]
fn delete_someone_elses_image_exits_4() {
    let env = Env::new();
    seed(&env, 1);
    env.cmd(&["delete", &uuid(0)])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "hint: your project may not own this image",
        ));
}

// ---- id-from-name -------------------------------------------------------------------------

#[test]
fn id_from_name_prints_the_id_alone() {
    let env = Env::new();
    cirros(&env);
    env.cmd(&["id-from-name", "cirros"])
        .assert()
        .success()
        .stdout("a1b2c3d4-0000-4000-8000-000000000001\n")
        .stderr("");
    assert_eq!(
        env.cloud.nova_calls(),
        ["GET /compute/v2.1/images/detail?name=cirros"]
    );
}

#[test]
fn id_from_name_with_no_match_exits_5() {
    let env = Env::new();
    cirros(&env);
    env.cmd(&["id-from-name", "Cirros"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(
            "nova-images: error: no image named \"Cirros\"\n\
             hint: names are exact and case-sensitive; see `nova-images list`\n",
        );
}

#[test]
fn id_from_name_with_duplicates_exits_6_listing_candidates() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(1), "dup", 1));
    env.cloud.add(FakeImage::new(&uuid(2), "dup", 2));
    env.cmd(&["id-from-name", "dup"])
        .assert()
        .code(6)
        .stdout("")
        .stderr(format!(
            "nova-images: error: 2 images named \"dup\": {} (ACTIVE, created 2024-01-01T00:02:00Z), {} (ACTIVE, created 2024-01-01T00:01:00Z)\n\
             hint: use one of the IDs instead of the name, or pick one with --newest or --oldest\n",
            uuid(2),
            uuid(1)
        ));
}

// ---- configuration and auth ---------------------------------------------------------------

#[test]
fn unknown_cloud_exits_3_and_lists_known_clouds() {
    let env = Env::new();
    env.cmd_as("prod", &["list"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(format!(
            "nova-images: error: cloud 'prod' was not found in {}\nhint: known clouds: demo, admin\n",
            env.clouds_file().display()
        ));
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn no_clouds_yaml_exits_3_and_lists_the_searched_paths() {
    let dir = tempfile::tempdir().unwrap();
    hermetic(dir.path())
        .arg("list")
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with(
            "nova-images: error: no clouds.yaml found and no OS_* credentials set\nhint: searched clouds.{yaml,yml,json} in ",
        ))
        .stderr(predicate::str::contains(dir.path().join("xdg/openstack").display().to_string()))
        .stderr(predicate::str::contains("/etc/openstack"));
}

#[test]
fn the_only_cloud_needs_no_os_cloud() {
    let env = Env::new();
    let text = common::clouds_yaml(&env.cloud.identity_url());
    let only_demo: String = text.split("  admin:").next().unwrap().to_owned();
    std::fs::write(env.dir.path().join("clouds.yaml"), only_demo).unwrap();
    // Found in the working directory, without OS_CLIENT_CONFIG_FILE or --os-cloud.
    hermetic(env.dir.path()).args(["list"]).assert().success();
}

#[test]
fn wrong_password_exits_4_with_keystones_message() {
    let env = Env::new();
    env.cmd(&["--os-password", "wrong", "list"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains(
            "nova-images: error: authentication failed for cloud 'demo': POST ",
        ))
        .stderr(predicate::str::contains(
            "/identity/v3/auth/tokens returned 401 Unauthorized: The request you have made requires authentication.",
        ))
        .stderr(predicate::str::contains("hint: check the credentials, project and domains of cloud 'demo'"))
        .stderr(predicate::str::contains("wrong").not());
}

#[test]
fn os_variables_override_the_file() {
    let env = Env::new();
    env.cmd(&["list"])
        .env("OS_PASSWORD", "wrong")
        .assert()
        .code(4);
}

#[test]
fn version_discovery_is_used_when_auth_url_has_no_version() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    let identity: Vec<String> = env
        .cloud
        .requests("/identity")
        .iter()
        .map(|r| format!("{} {}", r.method, r.uri))
        .collect();
    assert_eq!(identity, ["GET /identity", "POST /identity/v3/auth/tokens"]);
    let body: Value = serde_json::from_str(&env.cloud.requests("/identity/v3")[0].body).unwrap();
    assert_eq!(
        body,
        json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "demo", "password": "secret-demo-pw", "domain": {"name": "Default"}}}},
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}})
    );
}

#[test]
fn auth_url_ending_in_v3_skips_discovery_and_default_domain_is_filled() {
    let env = Env::new();
    env.cmd_as("admin", &["list"]).assert().success();
    let identity = env.cloud.requests("/identity");
    assert_eq!(identity.len(), 1);
    let body: Value = serde_json::from_str(&identity[0].body).unwrap();
    assert_eq!(
        body["auth"]["identity"]["password"]["user"]["domain"],
        json!({"id": "default"})
    );
    assert_eq!(
        body["auth"]["scope"]["project"]["domain"],
        json!({"id": "default"})
    );
}

#[test]
fn a_missing_region_lists_what_the_catalog_offers() {
    let env = Env::new();
    env.cmd(&["--os-region-name", "RegionTwo", "list"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "region RegionTwo is not a valid region name for cloud demo",
        ));
    env.cmd(&["--os-interface", "internal", "list"])
        .assert()
        .code(1);
    let yaml = common::clouds_yaml(&env.cloud.identity_url()).replace("RegionOne", "RegionTwo");
    std::fs::write(env.clouds_file(), yaml).unwrap();
    env.cmd(&["list"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "nova-images: error: cloud 'demo': no public compute endpoint in region RegionTwo in the service catalog; compute offers: internal in RegionOne, public in RegionOne, admin in RegionOne",
        ));
}

#[test]
fn connection_refused_names_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::write(
        dir.path().join("clouds.yaml"),
        common::clouds_yaml(&format!("http://127.0.0.1:{port}/v3")),
    )
    .unwrap();
    hermetic(dir.path())
        .args(["--os-cloud", "demo", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "nova-images: error: POST http://127.0.0.1:{port}/v3/auth/tokens failed: "
        )))
        .stderr(predicate::str::contains(
            "hint: check that the URL is right and the cloud is reachable",
        ));
}

// ---- usage --------------------------------------------------------------------------------

#[test]
fn unknown_column_is_a_usage_error_listing_valid_ones() {
    let env = Env::new();
    env.cmd(&["list", "-c", "colour"])
        .assert()
        .code(2)
        .stderr(
            "nova-images: error: unknown column \"colour\"\n\
             hint: valid columns: ID, Name, Status, Progress, Min Disk, Min RAM, Size, Created, Updated, Metadata, Server, Disk Config, Links\n",
        );
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    hermetic(dir.path())
        .args(["list", "--limit", "0"])
        .assert()
        .code(2);
    hermetic(dir.path()).args(["delete"]).assert().code(2);
    hermetic(dir.path()).args(["frobnicate"]).assert().code(2);
}

#[test]
fn help_and_version_need_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    hermetic(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("nova-images {}\n", env!("CARGO_PKG_VERSION")));
    hermetic(dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status:"));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let env = Env::new();
    seed(&env, 50);
    let bin = assert_cmd::cargo::cargo_bin("nova-images");
    let script = format!(
        "'{}' --os-cloud demo list -f json | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
        bin.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
        .env("HOME", env.dir.path())
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn ctrl_c_exits_130_with_no_output() {
    let env = Env::new();
    seed(&env, 3);
    env.cloud.set_nova_delay(std::time::Duration::from_secs(30));
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("nova-images"))
        .args(["--os-cloud", "demo", "list"])
        .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
        .env("HOME", env.dir.path())
        .current_dir(env.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the list request is in flight, then interrupt.
    let started = std::time::Instant::now();
    while env.cloud.requests("/compute/").is_empty() {
        assert!(
            started.elapsed().as_secs() < 10,
            "the list request never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "nova-images: error: interrupted\n"
    );
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn a_too_new_microversion_is_refused_by_the_fake_like_nova() {
    // Guards the fake itself: the proxy is gone from 2.36, so the 2.1 pin matters.
    let env = Env::new();
    seed(&env, 1);
    env.cmd(&["list"]).assert().success();
    let token = env.cloud.requests("/compute/")[0].headers["x-auth-token"].clone();
    let url = format!("{}/compute/v2.1/images/detail", env.cloud.base_url());
    let status = |version: &str| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            reqwest::Client::new()
                .get(&url)
                .header("x-auth-token", &token)
                .header("x-openstack-nova-api-version", version)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    };
    assert_eq!(status("2.35"), 200);
    assert_eq!(status("2.36"), 404);
    assert_eq!(status("latest"), 404);
    assert_eq!(status("2.999"), 406);
}

// ---- bulk delete --------------------------------------------------------------------------

fn owned_by_demo(env: &Env, n: u32) {
    seed(env, n);
    env.cloud
        .edit_images(|image| image.owner = fake_cloud::DEMO_PROJECT.into());
}

#[test]
fn delete_reads_ids_from_stdin_and_reports_a_failure_in_the_middle() {
    let env = Env::new();
    owned_by_demo(&env, 3);
    let input = format!("{}\n\n# a comment\nmissing\n{}\n", uuid(0), uuid(2));
    env.cmd(&["delete", "-"])
        .write_stdin(input)
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::is_match(
            "^nova-images: error: image missing: DELETE .* returned 404 Not Found: Image not found. \\(request id req-[^)]+\\)\n\
             hint: no image has this ID, and none is named exactly \"missing\" .*\n\
             nova-images: error: deleted 2 of 3; 1 failed\n$",
        ).unwrap());
    assert_eq!(env.cloud.image_ids(), [uuid(1)]);
}

#[test]
fn list_piped_into_delete_cleans_up() {
    let env = Env::new();
    owned_by_demo(&env, 4);
    let ids = stdout_of(&mut env.cmd(&["list", "-f", "value", "-c", "id", "--name", "img-02"]));
    env.cmd(&["delete", "--stdin"])
        .write_stdin(ids)
        .assert()
        .success();
    assert_eq!(env.cloud.image_ids(), [uuid(0), uuid(1), uuid(3)]);
}

#[test]
fn dry_run_deletes_nothing_and_still_checks_each_image() {
    let env = Env::new();
    owned_by_demo(&env, 2);
    env.cmd(&["delete", "--dry-run", &uuid(0), "missing", &uuid(1)])
        .assert()
        .code(5)
        .stdout(format!(
            "would delete {}\nwould delete {}\n",
            uuid(0),
            uuid(1)
        ))
        .stderr(predicate::str::ends_with(
            "nova-images: error: would delete 2 of 3; 1 failed\n",
        ));
    assert_eq!(env.cloud.image_ids().len(), 2);
    assert!(env.cloud.nova_calls().iter().all(|c| c.starts_with("GET ")));
}

#[test]
fn delete_json_gives_per_image_results() {
    let env = Env::new();
    owned_by_demo(&env, 1);
    let out = env
        .cmd(&["delete", "-f", "json", &uuid(0), "missing"])
        .assert()
        .code(5)
        .get_output()
        .stdout
        .clone();
    let results: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(results[0], json!({"id": uuid(0), "result": "deleted"}));
    assert_eq!(results[1]["id"], "missing");
    assert_eq!(results[1]["result"], "failed");
    assert_eq!(results[1]["exit_code"], 5);
    assert!(
        results[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("image missing: DELETE ")
    );
}

#[test]
fn deletes_run_concurrently_up_to_the_limit() {
    for (concurrency, want) in [("1", 1), ("4", 4)] {
        let env = Env::new();
        owned_by_demo(&env, 12);
        env.cloud
            .set_nova_delay(std::time::Duration::from_millis(100));
        let ids: Vec<String> = (0..12).map(uuid).collect();
        let mut args = vec!["-q", "delete", "--concurrency", concurrency];
        args.extend(ids.iter().map(String::as_str));
        env.cmd(&args).assert().success().stderr("");
        assert!(env.cloud.image_ids().is_empty());
        assert_eq!(env.cloud.max_in_flight(), want);
    }
}

#[test]
fn delete_with_nothing_to_delete_is_a_usage_error() {
    let env = Env::new();
    env.cmd(&["delete", "-"])
        .write_stdin("\n# nothing\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nova-images: error: no image to delete",
        ));
}

// ---- live completion ----------------------------------------------------------------------

#[test]
fn completion_of_image_names_and_ids_answers_from_the_cache() {
    let env = Env::new();
    cirros(&env);
    env.cloud.add(FakeImage::new(
        "c0ffee00-0000-4000-8000-000000000009",
        "cirros-old",
        0,
    ));
    let complete = |line: &[&str]| {
        let mut cmd = hermetic(env.dir.path());
        cmd.env("COMPLETE", "fish")
            .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
            .arg("--")
            .args(line);
        let out = cmd.assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    // A full listing fills the cache.
    env.cmd(&["list"]).assert().success();
    let requests = env.cloud.request_count();
    assert_eq!(
        complete(&["nova-images", "--os-cloud", "demo", "show", "ci"]),
        "cirros\ncirros-old\n"
    );
    assert_eq!(
        complete(&[
            "nova-images",
            "--os-cloud",
            "demo",
            "delete",
            "a1b2c3d4-0000-4000-8000-00000000000"
        ]),
        "a1b2c3d4-0000-4000-8000-000000000002\tubuntu 24.04\na1b2c3d4-0000-4000-8000-000000000001\tcirros\n"
    );
    // The last listed cloud is used without --os-cloud. A name with a space is offered
    // only as its ID (above).
    assert_eq!(
        complete(&["nova-images", "show", "ci"]),
        "cirros\ncirros-old\n"
    );
    assert_eq!(complete(&["nova-images", "show", "ub"]), "");
    assert_eq!(
        env.cloud.request_count(),
        requests,
        "completion itself made no request"
    );
    let file = std::fs::read_dir(env.dir.path().join(".cache/nova-images/completion"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn the_dynamic_completion_script_registers_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = hermetic(dir.path())
            .env("COMPLETE", shell)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let script = String::from_utf8(out).unwrap();
        assert!(script.contains("nova-images"), "{shell}: {script}");
    }
}

#[test]
fn completion_without_a_cache_offers_nothing_and_refreshes_in_the_background() {
    let env = Env::new();
    cirros(&env);
    let complete = || {
        let out = hermetic(env.dir.path())
            .env("COMPLETE", "fish")
            .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
            .args(["--", "nova-images", "--os-cloud", "demo", "show", "cir"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(complete(), "");
    let started = std::time::Instant::now();
    while complete().is_empty() {
        assert!(
            started.elapsed().as_secs() < 10,
            "the background refresh never came"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(complete(), "cirros\n");
}

#[test]
fn delete_takes_exact_names_and_picks_with_newest() {
    let env = Env::new();
    owned_by_demo(&env, 3);
    env.cloud
        .edit_image(&uuid(1), |image| image.name = Some("img-02".into()));
    // img-00 is a name: looked up after the DELETE by ID answered 404.
    env.cmd(&["delete", "-f", "json", "img-00"])
        .assert()
        .success()
        .stdout(format!(
            "[\n  {{\n    \"id\": \"{}\",\n    \"name\": \"img-00\",\n    \"result\": \"deleted\"\n  }}\n]\n",
            uuid(0)
        ));
    env.cmd(&["delete", "img-02"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("2 images named \"img-02\""));
    env.cmd(&["delete", "--newest", "img-02"])
        .assert()
        .success();
    assert_eq!(env.cloud.image_ids(), [uuid(1)]);
}

#[test]
fn killed_and_deleted_images_are_never_listed_but_a_killed_one_shows_as_error() {
    // Like Glance 33 behind Nova 34 (tests/real_cloud.rs checks the real thing): a killed
    // image is missing from every listing, even one filtered by its name or status, and
    // from id-from-name, while GET by id still finds it, as ERROR with progress 0.
    let env = Env::new();
    seed(&env, 2);
    let mut killed = FakeImage::new(&uuid(7), "killed-image", 7);
    killed.glance_status = "killed".into();
    env.cloud.add(killed);
    let mut deleted = FakeImage::new(&uuid(8), "deleted-image", 8);
    deleted.glance_status = "deleted".into();
    env.cloud.add(deleted);
    let ids = |args: &[&str]| {
        let mut all = vec!["list", "-f", "value", "-c", "id"];
        all.extend_from_slice(args);
        stdout_of(&mut env.cmd(&all))
    };
    assert_eq!(ids(&[]), format!("{}\n{}\n", uuid(1), uuid(0)));
    assert_eq!(
        ids(&["--page-size", "1"]),
        format!("{}\n{}\n", uuid(1), uuid(0))
    );
    for filter in [
        ["--name", "killed-image"],
        ["--name", "deleted-image"],
        ["--status", "killed"],
        ["--status", "ERROR"],
        ["--status", "deleted"],
    ] {
        assert_eq!(ids(&filter), "", "{filter:?}");
    }
    env.cmd(&["id-from-name", "killed-image"]).assert().code(5);
    let shown: Value =
        serde_json::from_str(&stdout_of(&mut env.cmd(&["show", &uuid(7), "-f", "json"]))).unwrap();
    assert_eq!(
        (&shown["name"], &shown["status"], &shown["progress"]),
        (&json!("killed-image"), &json!("ERROR"), &json!(0))
    );
}

#[test]
fn delete_wait_returns_once_each_image_is_gone() {
    let env = Env::new();
    owned_by_demo(&env, 2);
    env.cmd(&["delete", "--wait", "--interval", "0.05", &uuid(0), &uuid(1)])
        .assert()
        .success();
    let mut calls = env.cloud.nova_calls();
    calls.sort();
    assert_eq!(
        calls,
        [
            format!("DELETE /compute/v2.1/images/{}", uuid(0)),
            format!("DELETE /compute/v2.1/images/{}", uuid(1)),
            format!("GET /compute/v2.1/images/{}", uuid(0)),
            format!("GET /compute/v2.1/images/{}", uuid(1)),
        ]
    );
}

#[test]
fn delete_wait_times_out_with_exit_7_when_an_image_lingers() {
    let env = Env::new();
    owned_by_demo(&env, 1);
    // The DELETE is answered 204 but nothing is deleted: the image stays.
    env.cloud
        .inject(fake_cloud::Fault::status("/compute/v2.1/images/", 204, ""));
    env.cmd(&[
        "delete",
        "--wait",
        "--max-wait",
        "0.3",
        "--interval",
        "0.05",
        &uuid(0),
    ])
    .assert()
    .code(7)
    .stderr(predicate::str::contains(format!("image {}", uuid(0))))
    .stderr(predicate::str::contains("still ACTIVE"));
}

#[test]
fn changes_since_with_an_offset_or_fraction_is_an_instant_like_nova_reads_it() {
    // Found against the real services (tests/real_cloud.rs): `...T02:01:00+01:00` is
    // 01:01:00Z, and fractions of a second count.
    let env = Env::new();
    seed(&env, 3); // updated 00:00, 00:01, 00:02 on 2024-01-01
    let names = |since: &str| {
        stdout_of(&mut env.cmd(&[
            "list",
            "--changes-since",
            since,
            "-f",
            "value",
            "-c",
            "name",
        ]))
    };
    assert_eq!(names("2024-01-01T01:01:00+01:00"), "img-02\nimg-01\n");
    assert_eq!(names("2024-01-01T00:01:00.5Z"), "img-02\n");
    assert_eq!(names("2024-01-01"), "img-02\nimg-01\nimg-00\n");
}

#[test]
fn an_empty_or_blank_image_argument_is_refused_before_any_request() {
    let env = Env::new();
    let mut named_empty = FakeImage::new(&uuid(1), "", 1);
    named_empty.owner = fake_cloud::DEMO_PROJECT.into();
    env.cloud.add(named_empty);
    for args in [
        &["delete", ""][..],
        &["delete", "  "],
        &["show", ""],
        &["wait", " "],
        &["id-from-name", ""],
        &["metadata", "list", ""],
    ] {
        env.cmd(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("the image ID or name is empty"));
    }
    assert_eq!(env.cloud.request_count(), 0);
    assert_eq!(env.cloud.image_ids(), [uuid(1)]);
}
