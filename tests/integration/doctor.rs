//! `doctor`: each check on the way to the images, for people (a table) and scripts (-f json).

use serde_json::Value;

use crate::common::{Env, seed};

/// `text` with what changes from run to run masked: timings (`N ms`), the test's directory
/// (`DIR`), the fake cloud's address (`URL`) and the token cache's file name (`KEY`).
fn masked(env: &Env, text: &str) -> String {
    let text = text
        .replace(&env.dir.path().display().to_string(), "DIR")
        .replace(&env.cloud.base_url(), "URL");
    let text = regex::Regex::new(r"\b\d+ ms\b")
        .unwrap()
        .replace_all(&text, "N ms");
    let text = regex::Regex::new(r"tokens/[0-9a-f]{64}\.json")
        .unwrap()
        .replace_all(&text, "tokens/KEY.json");
    text.into_owned()
}

fn run(env: &Env, args: &[&str]) -> (String, String, i32) {
    let out = env.cmd(args).output().unwrap();
    (
        masked(env, &String::from_utf8_lossy(&out.stdout)),
        masked(env, &String::from_utf8_lossy(&out.stderr)),
        out.status.code().unwrap(),
    )
}

/// The checks of the text for people: `(mark, check, details)`; a hint line is added to
/// the details of the check above it, after `\n`.
fn rows(text: &str) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(hint) = line.trim_start().strip_prefix("hint: ") {
            let last = rows.last_mut().unwrap();
            last.2 = format!("{}\nhint: {hint}", last.2);
            continue;
        }
        let (mark, rest) = line.split_at(line.char_indices().nth(1).unwrap().0);
        let (name, detail) = rest[1..].split_at(13);
        rows.push((name.trim().into(), mark.into(), detail.trim().into()));
    }
    rows
}

fn row(check: &str, result: &str, details: &str) -> (String, String, String) {
    (check.into(), result.into(), details.into())
}

#[test]
fn a_healthy_cloud_passes_every_check() {
    let env = Env::new();
    seed(&env, 2);
    let (stdout, stderr, code) = run(&env, &["doctor"]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    assert_eq!(
        rows(&stdout),
        [
            row(
                "configuration",
                "✓",
                "cloud 'demo' from DIR/clouds.yaml, region 'RegionOne'"
            ),
            row("Keystone", "✓", "token issued in N ms (auth type password)"),
            row(
                "endpoints",
                "✓",
                "compute URL/compute/v2.1, image URL/image (interface public)"
            ),
            row(
                "compute API",
                "✓",
                "v2.1: microversions 2.1 to 2.96, pinned 2.1"
            ),
            row(
                "Nova images",
                "✓",
                "GET /images/detail?limit=1 at microversion 2.1: N ms"
            ),
            row(
                "Glance images",
                "✓",
                "GET URL/image/v2/images?limit=1: N ms"
            ),
            row("images API", "✓", "nova: Nova's images API answers"),
            row(
                "token cache",
                "✓",
                "DIR/.cache/nova-images/tokens/KEY.json, valid until 2099-01-01T00:00:00.000000Z"
            ),
            row(
                "clock",
                "✓",
                "in step with the servers' Date headers (within 2 s)"
            ),
        ]
    );
    assert_eq!(
        stdout,
        "\
✓ configuration  cloud 'demo' from DIR/clouds.yaml, region 'RegionOne'
✓ Keystone       token issued in N ms (auth type password)
✓ endpoints      compute URL/compute/v2.1, image URL/image (interface public)
✓ compute API    v2.1: microversions 2.1 to 2.96, pinned 2.1
✓ Nova images    GET /images/detail?limit=1 at microversion 2.1: N ms
✓ Glance images  GET URL/image/v2/images?limit=1: N ms
✓ images API     nova: Nova's images API answers
✓ token cache    DIR/.cache/nova-images/tokens/KEY.json, valid until 2099-01-01T00:00:00.000000Z
✓ clock          in step with the servers' Date headers (within 2 s)
"
    );
    // A second run uses the token the first one cached.
    let (stdout, _, code) = run(&env, &["doctor"]);
    assert_eq!(code, 0);
    assert_eq!(
        rows(&stdout)[1],
        row("Keystone", "✓", "the cached token (auth type password)")
    );
}

#[test]
fn with_novas_images_routes_gone_auto_would_use_glance_and_doctor_exits_0() {
    let env = Env::new();
    seed(&env, 2);
    env.cloud.set_nova_images_gone(Some(404));
    let (stdout, stderr, code) = run(&env, &["doctor"]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    let rows = rows(&stdout);
    assert_eq!(
        rows[4],
        row(
            "Nova images",
            "✗",
            "GET URL/compute/v2.1/images/detail?limit=1 returned 404 Not Found: The resource \
             could not be found. (request id req-00000004-0000-4000-8000-000000000000)\nhint: \
             this compute endpoint has no images API; Nova removed it at microversion 2.36 \
             (nova-images sends 2.1), so check the endpoint, or read the images from Glance with \
             --api glance"
        )
    );
    assert_eq!(rows[5].1, "✓");
    assert_eq!(
        rows[6],
        row(
            "images API",
            "✓",
            "glance: Nova's images routes answer 404 at microversion 2.1 while the compute \
             endpoint answers, and Glance answers"
        )
    );
}

#[test]
fn when_neither_api_answers_the_exit_status_is_novas_failure() {
    let env = Env::new();
    env.cloud.set_nova_images_gone(Some(410));
    env.cloud.inject(fake_cloud::Fault::status(
        "/image/v2/images",
        403,
        r#"{"message": "forbidden"}"#,
    ));
    let (stdout, stderr, code) = run(&env, &["doctor"]);
    let rows = rows(&stdout);
    assert_eq!(rows[4].1, "✗");
    assert_eq!(rows[5].1, "✗");
    assert_eq!(
        rows[6],
        row(
            "images API",
            "✗",
            "none: Nova's images API answers 410 Gone, and Glance does not answer"
        )
    );
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "nova-images: error: GET URL/compute/v2.1/images/detail?limit=1 returned 410 Gone"
        ),
        "{stderr}"
    );
}

#[test]
fn refused_credentials_exit_4_with_the_failure_named_and_the_later_checks_skipped() {
    let env = Env::new();
    env.cloud.refuse_passwords(true);
    let (stdout, stderr, code) = run(&env, &["doctor"]);
    assert_eq!(code, 4, "{stderr}");
    let rows = rows(&stdout);
    assert_eq!(rows.len(), 2, "{stdout}");
    assert_eq!(rows[0].1, "✓");
    assert_eq!(rows[1].0, "Keystone");
    assert_eq!(rows[1].1, "✗");
    assert!(rows[1].2.contains("401"), "{}", rows[1].2);
    let (error, hint) = rows[1].2.split_once('\n').unwrap();
    assert_eq!(stderr, format!("nova-images: error: {error}\n{hint}\n"));
}

#[test]
fn json_is_one_object_per_target_with_its_checks_in_order() {
    let env = Env::new();
    let out = env.cmd(&["doctor", "-f", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let targets = doc.as_array().unwrap();
    assert_eq!(targets.len(), 1);
    let target = &targets[0];
    assert_eq!(target["cloud"], "demo");
    assert_eq!(target["region"], "RegionOne");
    assert_eq!(target["ok"], true);
    let checks = target["checks"].as_array().unwrap();
    let names: Vec<&str> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "configuration",
            "Keystone",
            "endpoints",
            "compute API",
            "Nova images",
            "Glance images",
            "images API",
            "token cache",
            "clock"
        ]
    );
    for check in checks {
        let keys: Vec<&String> = check.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["name", "ok", "detail", "hint", "ms"]);
        assert_eq!(check["hint"], Value::Null);
        assert_eq!(check["ok"], true);
        assert!(check["detail"].is_string());
        let timed = ["Keystone", "compute API", "Nova images", "Glance images"];
        let name = check["name"].as_str().unwrap();
        assert_eq!(check["ms"].is_u64(), timed.contains(&name), "{check}");
    }
    // --jq runs over the same JSON.
    let out = env
        .cmd(&[
            "doctor",
            "--jq",
            ".[0].checks[] | select(.name == \"images API\") | .detail",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "nova: Nova's images API answers\n"
    );
}

#[test]
fn every_region_and_cloud_is_checked_in_turn() {
    let env = Env::new();
    env.cloud.add_region("RegionTwo");
    let (stdout, stderr, code) = run(&env, &["doctor", "--all-regions", "-f", "json"]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    let places: Vec<(String, String)> = (doc.as_array().unwrap().iter())
        .map(|t| {
            (
                t["cloud"].as_str().unwrap().to_owned(),
                t["region"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("demo".to_owned(), "RegionOne".to_owned()),
            ("demo".to_owned(), "RegionTwo".to_owned())
        ]
    );
    let (stdout, _, code) = run(&env, &["doctor", "--clouds", "demo,nowhere"]);
    assert_eq!(code, 8);
    assert!(
        stdout.starts_with("cloud 'demo' region 'RegionOne':\n✓ configuration"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n\ncloud 'nowhere':\n✗ configuration  "),
        "{stdout}"
    );
}

#[test]
fn doctor_never_shows_a_secret_not_even_with_debug() {
    let env = Env::new();
    let yaml = std::fs::read_to_string(env.clouds_file()).unwrap()
        + &format!(
            "  tok:
    auth_type: token
    auth:
      auth_url: {}
      token: secret-token-value-4711
      project_name: demo
      project_domain_name: Default
",
            env.cloud.identity_url()
        );
    std::fs::write(env.clouds_file(), yaml).unwrap();
    for cloud in ["demo", "tok"] {
        for args in [&["doctor"][..], &["--debug", "doctor", "-f", "json"]] {
            let out = env.cmd_as(cloud, args).output().unwrap();
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(all.contains("Keystone"), "{all}");
            for secret in [
                "secret-demo-pw",
                "secret-token-value-4711",
                "gAAAAA-fake-token",
            ] {
                assert!(
                    !all.contains(secret),
                    "{cloud} {args:?} shows {secret}: {all}"
                );
            }
        }
    }
}

#[test]
fn novas_images_api_failing_with_504_after_the_retries_makes_auto_use_glance() {
    let env = Env::new();
    env.cloud.set_nova_images_gone(Some(504));
    let (stdout, stderr, code) = run(&env, &["--retries", "0", "doctor"]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    let rows = rows(&stdout);
    assert_eq!(rows[4].1, "✗");
    assert_eq!(
        rows[6],
        row(
            "images API",
            "✓",
            "glance: Nova's images API answers 504 after the retries, and Glance answers"
        )
    );
}
