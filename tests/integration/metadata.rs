//! End-to-end tests of `metadata list|get|set|replace|unset` against the fake cloud's
//! image-metadata API (answers as captured from Nova 34), asserting exact output, exit codes
//! and the requests sent.

use fake_cloud::DEMO_PROJECT;
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common::{Env, FakeImage, stdout_of, uuid};

/// uuid(1), called `alpine`, owned by demo, with `os_distro=alpine` and `hw:cpu_policy`.
fn owned(env: &Env) -> String {
    let mut image = FakeImage::new(&uuid(1), "alpine", 1);
    image.owner = DEMO_PROJECT.into();
    image.properties.insert("os_distro".into(), json!("alpine"));
    image
        .properties
        .insert("hw:cpu_policy".into(), json!("dedicated"));
    env.cloud.add(image);
    uuid(1)
}

fn out(env: &Env, args: &[&str]) -> String {
    stdout_of(&mut env.cmd(args))
}

fn meta_url(id: &str) -> String {
    format!("/compute/v2.1/images/{id}/metadata")
}

// ---- list and get -------------------------------------------------------------------------

#[test]
fn list_is_a_key_value_table_sorted_by_key() {
    let env = Env::new();
    let id = owned(&env);
    assert_eq!(
        out(&env, &["metadata", "list", &id]),
        "\
+---------------+-----------+
| Key           | Value     |
+---------------+-----------+
| hw:cpu_policy | dedicated |
| os_distro     | alpine    |
+---------------+-----------+
"
    );
    assert_eq!(
        env.cloud.nova_calls(),
        [
            format!("GET /compute/v2.1/images/{id}"),
            format!("GET {}", meta_url(&id))
        ]
    );
}

#[test]
fn list_in_every_format() {
    let env = Env::new();
    let id = owned(&env);
    let list = |format: &str| out(&env, &["metadata", "list", &id, "-f", format]);
    assert_eq!(
        list("json"),
        "{\n  \"hw:cpu_policy\": \"dedicated\",\n  \"os_distro\": \"alpine\"\n}\n"
    );
    assert_eq!(
        list("yaml"),
        "hw:cpu_policy: dedicated\nos_distro: alpine\n"
    );
    assert_eq!(list("value"), "dedicated\nalpine\n");
    assert_eq!(
        list("csv"),
        "\"Key\",\"Value\"\n\"hw:cpu_policy\",\"dedicated\"\n\"os_distro\",\"alpine\"\n"
    );
    assert_eq!(
        list("shell"),
        "hw_cpu_policy='dedicated'\nos_distro='alpine'\n"
    );
    assert_eq!(
        out(
            &env,
            &["metadata", "list", &id, "-f", "shell", "--prefix", "m_"]
        ),
        "m_hw_cpu_policy='dedicated'\nm_os_distro='alpine'\n"
    );
    assert_eq!(
        out(&env, &["metadata", "list", &id, "-f", "json", "--noindent"]),
        "{\"hw:cpu_policy\":\"dedicated\",\"os_distro\":\"alpine\"}\n"
    );
}

#[test]
fn an_image_without_metadata_lists_an_empty_object() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(2), "bare", 2));
    assert_eq!(
        out(&env, &["metadata", "list", "bare", "-f", "json"]),
        "{}\n"
    );
    assert_eq!(out(&env, &["metadata", "list", "bare", "-f", "value"]), "");
}

#[test]
fn get_prints_one_value() {
    let env = Env::new();
    let id = owned(&env);
    assert_eq!(
        out(&env, &["metadata", "get", &id, "os_distro", "-f", "value"]),
        "alpine\n"
    );
    assert_eq!(
        out(
            &env,
            &["metadata", "get", "alpine", "hw:cpu_policy", "-f", "json"]
        ),
        "{\n  \"hw:cpu_policy\": \"dedicated\"\n}\n"
    );
    assert_eq!(
        out(&env, &["metadata", "get", &id, "os_distro"]),
        "\
+-----------+--------+
| Key       | Value  |
+-----------+--------+
| os_distro | alpine |
+-----------+--------+
"
    );
    assert!(
        env.cloud
            .nova_calls()
            .contains(&format!("GET {}/hw:cpu_policy", meta_url(&id)))
    );
}

#[test]
fn get_of_a_missing_key_exits_5_naming_image_and_key() {
    let env = Env::new();
    let id = owned(&env);
    env.cmd(&["metadata", "get", &id, "nope"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::is_match(format!(
            "^nova-images: error: image {id}: key \"nope\": GET http://[^ ]+/compute/v2.1/images/{id}/metadata/nope returned 404 Not Found: The resource could not be found. \\(request id req-[^)]+\\)\n\
             hint: the image has no such key; `nova-images metadata list IMAGE` shows them\n$"
        )).unwrap());
}

#[test]
fn a_missing_image_exits_5_before_any_metadata_call() {
    let env = Env::new();
    env.cmd(&["metadata", "list", "ghost"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "hint: no image has this ID, and none is named exactly \"ghost\"",
        ));
    assert!(
        env.cloud
            .nova_calls()
            .iter()
            .all(|c| !c.contains("/metadata"))
    );
}

// ---- set, replace, unset ------------------------------------------------------------------

#[test]
fn set_merges_with_one_post_and_prints_the_whole_metadata() {
    let env = Env::new();
    let id = owned(&env);
    assert_eq!(
        out(
            &env,
            &[
                "metadata",
                "set",
                &id,
                "os_distro=ubuntu",
                "note=a=b c",
                "-f",
                "json"
            ]
        ),
        "{\n  \"hw:cpu_policy\": \"dedicated\",\n  \"note\": \"a=b c\",\n  \"os_distro\": \"ubuntu\"\n}\n"
    );
    let posts = env.cloud.requests(&meta_url(&id));
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].method, "POST");
    assert_eq!(
        serde_json::from_str::<Value>(&posts[0].body).unwrap(),
        json!({"metadata": {"note": "a=b c", "os_distro": "ubuntu"}})
    );
    assert_eq!(posts[0].headers["x-openstack-nova-api-version"], "2.1");
    assert_eq!(posts[0].headers["openstack-api-version"], "compute 2.1");
    assert_eq!(posts[0].headers["content-type"], "application/json");
    assert_eq!(env.cloud.properties(&id).len(), 3);
}

#[test]
fn replace_puts_exactly_the_keys_given() {
    let env = Env::new();
    let id = owned(&env);
    assert_eq!(
        out(
            &env,
            &["metadata", "replace", "alpine", "only=this", "-f", "yaml"]
        ),
        "only: this\n"
    );
    let puts = env.cloud.requests(&meta_url(&id));
    assert_eq!(puts[0].method, "PUT");
    assert_eq!(
        serde_json::from_str::<Value>(&puts[0].body).unwrap(),
        json!({"metadata": {"only": "this"}})
    );
    assert_eq!(
        Value::Object(env.cloud.properties(&id)),
        json!({"only": "this"})
    );
}

#[test]
fn unset_deletes_each_key_and_prints_nothing() {
    let env = Env::new();
    let id = owned(&env);
    env.cmd(&["metadata", "unset", &id, "os_distro", "hw:cpu_policy"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert!(env.cloud.properties(&id).is_empty());
    let calls: Vec<String> = env
        .cloud
        .nova_calls()
        .into_iter()
        .filter(|c| c.contains("/metadata"))
        .collect();
    assert_eq!(
        calls,
        [
            format!("DELETE {}/os_distro", meta_url(&id)),
            format!("DELETE {}/hw:cpu_policy", meta_url(&id)),
        ]
    );
}

#[test]
fn unset_attempts_every_key_and_reports_each_failure() {
    let env = Env::new();
    let id = owned(&env);
    env.cmd(&["metadata", "unset", &id, "nope", "os_distro", "gone"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicate::str::is_match(format!(
            "^nova-images: error: image {id}: key \"nope\": DELETE [^ ]+/metadata/nope returned 404 Not Found: Invalid metadata key \\(request id req-[^)]+\\)\n\
             hint: the image has no such key; `nova-images metadata list IMAGE` shows them\n\
             nova-images: error: image {id}: key \"gone\": DELETE [^ ]+/metadata/gone returned 404 Not Found: Invalid metadata key \\(request id req-[^)]+\\)\n\
             hint: the image has no such key; `nova-images metadata list IMAGE` shows them\n\
             nova-images: error: image {id}: 2 of 3 metadata keys could not be unset\n$"
        )).unwrap());
    assert_eq!(
        Value::Object(env.cloud.properties(&id)),
        json!({"hw:cpu_policy": "dedicated"})
    );
}

#[test]
fn another_projects_image_is_403_with_novas_message() {
    let env = Env::new();
    // Public and owned by admin: demo sees it but may not change it.
    let mut image = FakeImage::new(&uuid(3), "public", 3);
    image.properties.insert("k".into(), json!("v"));
    env.cloud.add(image);
    env.cmd(&["metadata", "set", &uuid(3), "a=1"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "returned 403 Forbidden: Not authorized for image {}. (request id",
            uuid(3)
        )))
        .stderr(predicate::str::contains(
            "hint: your project may not own this image, or the image is protected",
        ));
    env.cmd(&["metadata", "unset", &uuid(3), "k"])
        .assert()
        .code(4);
    // Reading is allowed.
    assert_eq!(
        out(&env, &["metadata", "get", &uuid(3), "k", "-f", "value"]),
        "v\n"
    );
}

#[test]
fn the_quota_is_a_clear_403_with_a_hint_and_exit_1() {
    let env = Env::new();
    let id = owned(&env);
    env.cloud.edit_image(&id, |image| {
        for n in 0..125 {
            image.properties.insert(format!("k{n:03}"), json!("v"));
        }
    });
    // 128 keys are allowed, 129 are not.
    env.cmd(&["metadata", "set", &id, "one=more", "-f", "value"])
        .assert()
        .success();
    env.cmd(&["metadata", "set", &id, "too=many"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::is_match(format!(
            "^nova-images: error: image {id}: POST [^ ]+/images/{id}/metadata returned 403 Forbidden: Image metadata limit exceeded \\(request id req-[^)]+\\)\n\
             hint: Nova allows at most \\[quota\\] metadata_items keys per image \\(128 by default\\); unset some keys first, or replace the metadata with fewer\n$"
        )).unwrap());
    assert_eq!(env.cloud.properties(&id).len(), 128);
    let many: Vec<String> = (0..129).map(|n| format!("r{n}=x")).collect();
    let mut args = vec!["metadata", "replace", &id];
    args.extend(many.iter().map(String::as_str));
    env.cmd(&args)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Image metadata limit exceeded"));
}

// ---- validation: before any request -------------------------------------------------------

#[test]
fn a_bad_key_is_a_usage_error_before_any_request() {
    let env = Env::new();
    let id = owned(&env);
    env.cmd(&["metadata", "set", &id, "ok=1", "a/b=x"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "nova-images: error: metadata key \"a/b\" holds '/', which Nova does not allow in keys\n\
             hint: a key is 1 to 255 letters (a-z, A-Z), digits, spaces and - _ : .\n",
        );
    for args in [
        vec!["metadata", "get", &id, "ké"],
        vec!["metadata", "unset", &id, "fine", "bad?"],
        vec!["metadata", "replace", &id, "=empty"],
        vec!["metadata", "set", &id, "no-equals-sign"],
    ] {
        env.cmd(&args).assert().code(2).stdout("");
    }
    assert_eq!(env.cloud.request_count(), 0, "a request was sent");
}

#[test]
fn a_long_value_or_key_is_a_usage_error_before_any_request() {
    let env = Env::new();
    let id = owned(&env);
    let long_value = format!("k={}", "v".repeat(256));
    env.cmd(&["metadata", "set", &id, &long_value])
        .assert()
        .code(2)
        .stderr(
            "nova-images: error: the value of metadata key \"k\" is 256 characters long; Nova allows at most 255\n",
        );
    let long_key = format!("{}=v", "k".repeat(256));
    env.cmd(&["metadata", "set", &id, &long_key])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "nova-images: error: metadata key \"kkkkkkkkkkkkkkkkkkkk...\" is 256 characters long",
        ));
    assert_eq!(env.cloud.request_count(), 0, "a request was sent");
    // 255 characters are fine.
    let longest = format!("{}={}", "k".repeat(255), "v".repeat(255));
    env.cmd(&["metadata", "set", &id, &longest, "-f", "value"])
        .assert()
        .success();
}

// ---- the fake itself ----------------------------------------------------------------------

/// Status and body of a raw request to the fake's Nova with demo's token.
fn raw(env: &Env, method: &str, path: &str, version: &str, body: Option<&str>) -> (u16, String) {
    env.cmd(&["list"]).assert().success();
    let token = env.cloud.requests("/compute/")[0].headers["x-auth-token"].clone();
    let url = format!("{}/compute/v2.1{path}", env.cloud.base_url());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut req = reqwest::Client::new()
            .request(method.parse().unwrap(), &url)
            .header("x-auth-token", &token)
            .header("x-openstack-nova-api-version", version);
        if let Some(body) = body {
            req = req
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let answer = req.send().await.unwrap();
        (answer.status().as_u16(), answer.text().await.unwrap())
    })
}

#[test]
fn the_fake_serves_metadata_up_to_2_38_and_images_up_to_2_35() {
    let env = Env::new();
    let id = owned(&env);
    let metadata = format!("/images/{id}/metadata");
    assert_eq!(raw(&env, "GET", &metadata, "2.38", None).0, 200);
    assert_eq!(
        raw(&env, "GET", &format!("/images/{id}"), "2.36", None).0,
        404
    );
    assert_eq!(
        raw(&env, "GET", &metadata, "2.39", None),
        (
            404,
            r#"{"itemNotFound":{"code":404,"message":"The resource could not be found."}}"#.into()
        )
    );
}

#[test]
fn the_fake_checks_bodies_as_nova_does() {
    let env = Env::new();
    let id = owned(&env);
    let path = format!("/images/{id}/metadata");
    let post = |body: &str| raw(&env, "POST", &path, "2.1", Some(body));
    let message = |(status, body): (u16, String)| {
        let v: Value = serde_json::from_str(&body).unwrap();
        (
            status,
            v["badRequest"]["message"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        message(post(r#"{"metadata": {"a/b": "x"}}"#)),
        (
            400,
            "Invalid input for field/attribute metadata. Value: {'a/b': 'x'}. 'a/b' does not \
             match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'"
                .into()
        )
    );
    assert_eq!(
        message(post(r#"{"metadata": {"n": 1}}"#)),
        (
            400,
            "Invalid input for field/attribute n. Value: 1. 1 is not of type 'string'".into()
        )
    );
    assert_eq!(
        message(post(r#"{"metadata": {}, "x": 1}"#)),
        (
            400,
            "Additional properties are not allowed ('x' was unexpected)".into()
        )
    );
    assert_eq!(message(post("{")), (400, "Malformed request body".into()));
    assert_eq!(
        message(post("[]")),
        (400, "[] is not of type 'object'".into())
    );
    let put_one = raw(
        &env,
        "PUT",
        &format!("{path}/a"),
        "2.1",
        Some(r#"{"meta": {"b": "1"}}"#),
    );
    assert_eq!(
        message(put_one),
        (400, "Request body and URI mismatch".into())
    );
    let put_one = raw(
        &env,
        "PUT",
        &format!("{path}/a"),
        "2.1",
        Some(r#"{"meta": {"a": "1"}}"#),
    );
    assert_eq!(put_one, (200, r#"{"meta":{"a":"1"}}"#.into()));
}
