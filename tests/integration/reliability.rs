//! Faults on demand (the fake cloud's `Fault`, tests/fake-cloud/src/faults.rs): retries,
//! timeouts, re-authentication, pagination guards, hostile bodies, no partial output, and
//! secrets never shown.

use std::time::Duration;

use fake_cloud::{ADMIN_TOKEN, APPCRED_ID, APPCRED_SECRET, DEMO_PROJECT, Fault};
use predicates::prelude::*;

use crate::common;
use crate::common::{Env, hermetic, seed, uuid};

fn own_all(env: &Env) {
    env.cloud
        .edit_images(|image| image.owner = DEMO_PROJECT.into());
}

#[test]
fn transient_503s_are_retried_and_noted_with_v() {
    let env = Env::new();
    seed(&env, 2);
    for _ in 0..2 {
        env.cloud.inject(Fault::status("/compute/", 503, "busy"));
    }
    env.cmd(&["-v", "list", "-f", "value", "-c", "name"])
        .assert()
        .success()
        .stdout("img-01\nimg-00\n")
        .stderr(predicate::str::is_match(
            "^nova-images: GET http://127.0.0.1:\\d+/compute/v2.1/images/detail\\?limit=1000 returned 503; retry 1 of 3 in \\d\\.\\d s\n\
             nova-images: GET .* returned 503; retry 2 of 3 in \\d\\.\\d s\n$",
        ).unwrap());
    assert_eq!(env.cloud.nova_calls().len(), 3);
}

#[test]
fn retry_notes_are_silent_without_v() {
    let env = Env::new();
    env.cloud
        .inject(Fault::status("/compute/", 502, "<html>bad gateway</html>"));
    env.cmd(&["list"]).assert().success().stderr("");
}

#[test]
fn retries_zero_fails_at_once_with_the_status_and_page_text() {
    let env = Env::new();
    env.cloud.inject(Fault::status(
            "/compute/",
            502,
            "<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
        ),
    );
    // Nova's own API: `auto` would turn to Glance (see auto.rs).
    env.cmd(&["--api", "nova", "--retries", "0", "list", "-f", "json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::is_match(
            "^nova-images: error: GET http://127.0.0.1:\\d+/compute/v2.1/images/detail\\?limit=1000 returned 502 Bad Gateway: 502 502 Bad Gateway nginx \\(request id req-00000003-0000-4000-8000-000000000000\\)\n$",
        ).unwrap());
    assert_eq!(env.cloud.nova_calls().len(), 1);
}

#[test]
fn retries_give_up_after_n() {
    let env = Env::new();
    for _ in 0..3 {
        env.cloud.inject(Fault::status("/compute/", 504, ""));
    }
    env.cmd(&["--api", "nova", "--retries", "2", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("returned 504 Gateway Timeout"));
    assert_eq!(env.cloud.nova_calls().len(), 3);
}

#[test]
fn rate_limits_honour_retry_after_in_seconds_and_as_a_date() {
    let env = Env::new();
    seed(&env, 1);
    env.cloud.inject(
        Fault::status(
            "/compute/",
            429,
            r#"{"overLimit": {"code": 429, "message": "slow down", "retryAfter": "1"}}"#,
        )
        .header("Retry-After", "1"),
    );
    env.cloud.inject(
        Fault::status("/compute/", 413, "").header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
    );
    let started = std::time::Instant::now();
    env.cmd(&["-v", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "returned 429; retry 1 of 3 in 1.0 s",
        ))
        .stderr(predicate::str::contains(
            "returned 413; retry 2 of 3 in 0.0 s",
        ));
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[test]
fn keystone_rate_limits_are_retried_too() {
    let env = Env::new();
    env.cloud
        .inject(Fault::status("/identity/v3/auth/tokens", 429, "").header("Retry-After", "0"));
    env.cmd(&["list"]).assert().success();
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 2);
}

#[test]
fn a_dropped_connection_on_a_page_is_retried() {
    let env = Env::new();
    seed(&env, 5);
    env.cloud.inject(Fault::dropped("/compute/"));
    env.cmd(&["list", "--page-size", "2", "-f", "value", "-c", "id"])
        .assert()
        .success()
        .stdout(predicate::function(|s: &str| s.lines().count() == 5));
}

#[test]
fn a_timeout_names_the_url_and_the_limit() {
    let env = Env::new();
    env.cloud
        .inject(Fault::slow("/compute/", Duration::from_secs(5)));
    env.cmd(&["--timeout", "0.5", "list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::is_match(
            "^nova-images: error: GET http://127.0.0.1:\\d+/compute/v2.1/images/detail\\?limit=1000 timed out after 0.5 s\n\
             hint: the cloud did not answer in time; try again or raise --timeout\n$",
        ).unwrap());
}

#[test]
fn api_timeout_from_clouds_yaml_applies() {
    let env = Env::new();
    let yaml = common::clouds_yaml(&env.cloud.identity_url()).replacen(
        "    region_name: RegionOne\n",
        "    region_name: RegionOne\n    api_timeout: 0.5\n",
        1,
    );
    std::fs::write(env.clouds_file(), yaml).unwrap();
    env.cloud
        .inject(Fault::slow("/compute/", Duration::from_secs(5)));
    env.cmd(&["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("timed out after 0.5 s"));
}

/// Each of these panicked (exit 101) in an unchecked `Duration::from_secs_f64` before.
const BAD_SECONDS: [&str; 6] = ["-1", "nan", "inf", "1e300", "", "abc"];

fn bad_api_timeout(given: &str) -> String {
    format!(
        "nova-images: error: api_timeout {given} is not a number of seconds above 0 and at \
         most 604800 (a week)\n\
         hint: set api_timeout (or OS_API_TIMEOUT, --timeout) to e.g. 30 or 2.5\n"
    )
}

#[test]
fn a_bad_api_timeout_in_clouds_yaml_is_a_configuration_error() {
    let env = Env::new();
    for (yaml, given) in [
        ("-1", "-1"),
        ("nan", "\"nan\""),
        ("inf", "\"inf\""),
        ("1e300", "1e+300"),
        ("''", "\"\""),
        ("abc", "\"abc\""),
    ] {
        let clouds = common::clouds_yaml(&env.cloud.identity_url()).replacen(
            "    region_name: RegionOne\n",
            &format!("    region_name: RegionOne\n    api_timeout: {yaml}\n"),
            1,
        );
        std::fs::write(env.clouds_file(), clouds).unwrap();
        env.cmd(&["list"])
            .assert()
            .code(3)
            .stdout("")
            .stderr(bad_api_timeout(given));
    }
    assert!(env.cloud.requests("/").is_empty(), "no request was sent");
}

#[test]
fn a_bad_os_api_timeout_is_a_configuration_error() {
    let env = Env::new();
    // OS_* variables make the `envvars` cloud; OS_API_TIMEOUT, OS_TIMEOUT and any
    // OS_*_TIMEOUT are its api_timeout, as in openstacksdk.
    for var in ["OS_API_TIMEOUT", "OS_TIMEOUT", "OS_COMPUTE_TIMEOUT"] {
        for bad in BAD_SECONDS.into_iter().filter(|b| !b.is_empty()) {
            hermetic(env.dir.path())
                .env("OS_AUTH_URL", env.cloud.identity_url())
                .env("OS_USERNAME", "demo")
                .env("OS_PASSWORD", "secret-demo-pw")
                .env("OS_PROJECT_NAME", "demo")
                .env("OS_USER_DOMAIN_NAME", "Default")
                .env("OS_PROJECT_DOMAIN_NAME", "Default")
                .env(var, bad)
                .arg("list")
                .assert()
                .code(3)
                .stdout("")
                .stderr(bad_api_timeout(&format!("{bad:?}")));
        }
    }
    assert!(env.cloud.requests("/").is_empty(), "no request was sent");
}

#[test]
fn a_bad_number_of_seconds_on_the_command_line_is_a_usage_error() {
    let env = Env::new();
    let options: [&[&str]; 7] = [
        &["--timeout", "list"],
        &["wait", "x", "--max-wait"],
        &["wait", "x", "--interval"],
        &["delete", "x", "--wait", "--max-wait"],
        &["delete", "x", "--wait", "--interval"],
        &["prune", "--keep", "1", "--wait", "--max-wait"],
        &["prune", "--keep", "1", "--wait", "--interval"],
    ];
    for args in options {
        let (option, before) = args.split_last().unwrap();
        let (option, before) = if *option == "list" {
            (before[0], &[][..])
        } else {
            (*option, before)
        };
        let value_name = "<SECONDS>";
        for bad in BAD_SECONDS.into_iter().chain(["0", "604801"]) {
            let mut all = before.to_vec();
            // `=`, so that -1 is a value, not an option.
            let given = format!("{option}={bad}");
            all.push(&given);
            if args[0] == "--timeout" {
                all.push("list");
            }
            env.cmd(&all).assert().code(2).stdout("").stderr(format!(
                "error: invalid value '{bad}' for '{option} {value_name}': {bad:?} is not a \
                 number of seconds: give one above 0 and at most 604800 (a week), e.g. 30 or \
                 2.5\n\nFor more information, try '--help'.\n"
            ));
        }
    }
    assert!(env.cloud.requests("/").is_empty(), "no request was sent");
}

#[test]
fn a_401_from_nova_authenticates_again_once() {
    let env = Env::new();
    seed(&env, 1);
    env.cloud.inject(Fault::status(
            "/compute/",
            401,
            r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#,
        ),
    );
    env.cmd(&["-v", "show", &uuid(0), "-f", "value", "-c", "name"])
        .assert()
        .success()
        .stdout("img-00\n")
        .stderr("nova-images: Nova refused the token (401); authenticating again\n");
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 2);
    let calls = env.cloud.requests("/compute/");
    assert_ne!(
        calls[0].headers["x-auth-token"],
        calls[1].headers["x-auth-token"]
    );
}

#[test]
fn a_second_401_is_an_auth_error() {
    let env = Env::new();
    for _ in 0..2 {
        env.cloud.inject(Fault::status(
            "/compute/",
            401,
            r#"{"error": {"code": 401, "message": "no"}}"#,
        ));
    }
    env.cmd(&["list"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("returned 401 Unauthorized: no"));
}

#[test]
fn a_delete_whose_answer_was_lost_counts_as_deleted() {
    let env = Env::new();
    seed(&env, 1);
    own_all(&env);
    env.cloud
        .inject(Fault::lost_answer("/compute/v2.1/images/"));
    env.cmd(&["--debug", "delete", &uuid(0)])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "answered 404 after a retry: counted as deleted",
        ));
    assert!(env.cloud.image_ids().is_empty());
}

#[test]
fn a_next_link_that_repeats_stops_with_an_error() {
    let env = Env::new();
    seed(&env, 3);
    env.cloud.set_next_link(&format!(
        "{}/compute/v2.1/images/detail?limit=1",
        env.cloud.base_url()
    ));
    env.cmd(&["list", "--page-size", "1"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "pagination stopped: the next link repeats an earlier page",
        ));
}

#[test]
fn a_next_link_to_another_host_is_refused_and_gets_no_token() {
    let env = Env::new();
    seed(&env, 3);
    let elsewhere = common::FakeCloud::start();
    env.cloud.set_next_link(&format!(
        "{}/compute/v2.1/images/detail?x=1",
        elsewhere.base_url()
    ));
    env.cmd(&["list", "--page-size", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pagination stopped: the next link points outside the compute endpoint",
        ));
    assert_eq!(elsewhere.request_count(), 0);
}

#[test]
fn a_failed_page_leaves_stdout_empty_in_every_format() {
    for format in ["table", "json", "yaml", "value", "csv"] {
        let env = Env::new();
        seed(&env, 5);
        // The second page fails for good.
        env.cloud.inject(Fault::pass("/compute/"));
        env.cloud.inject(Fault::status(
            "/compute/",
            500,
            r#"{"computeFault": {"code": 500, "message": "boom"}}"#,
        ));
        env.cmd(&["list", "--page-size", "2", "-f", format])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(
                "returned 500 Internal Server Error: boom (request id req-",
            ));
    }
}

#[test]
fn hostile_bodies_give_one_line_errors() {
    let cases: [(u16, &[u8], &str); 6] = [
        (
            200,
            b"{\"images\": [{\"id\": ",
            "unexpected response body: EOF while parsing",
        ),
        (
            200,
            b"{\"images\": \"nope\"}",
            "unexpected response body: images: invalid type: string \"nope\", expected a sequence",
        ),
        (
            200,
            b"{\"servers\": []}",
            "unexpected response body: missing field `images`",
        ),
        (200, b"", "unexpected response body: empty body"),
        (
            200,
            b"\xff\xfe{\"images\": []}",
            "unexpected response body: expected value at line 1 column 1",
        ),
        (418, &[b'x'; 300_000], "returned 418 I'm a teapot: xxxxxxxx"),
    ];
    for (status, body, want) in cases {
        let env = Env::new();
        env.cloud.inject(Fault::status("/compute/", status, body));
        let out = env
            .cmd(&["list"])
            .assert()
            .code(1)
            .stdout("")
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(want), "{status}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.len() < 600,
            "error message not capped: {} bytes",
            stderr.len()
        );
    }
}

/// Every secret the fake cloud hands out or accepts.
const SECRETS: [&str; 5] = [
    "secret-demo-pw",
    "secret-admin-pw",
    "gAAAAA-fake-token",
    ADMIN_TOKEN,
    APPCRED_SECRET,
];

fn assert_no_secrets(output: &std::process::Output) {
    for stream in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(stream);
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} leaked in:\n{text}");
        }
    }
}

#[test]
fn debug_timing_and_errors_never_show_secrets() {
    let env = Env::new();
    seed(&env, 2);
    own_all(&env);
    let endpoint = format!("{}/compute/v2.1", env.cloud.base_url());
    let identity = format!("{}/v3", env.cloud.identity_url());
    // One command line per auth mode; each runs every subcommand.
    let modes: Vec<Vec<(&str, String)>> = vec![
        vec![
            ("OS_CLOUD", "demo".into()),
            (
                "OS_CLIENT_CONFIG_FILE",
                env.clouds_file().display().to_string(),
            ),
        ],
        vec![
            ("OS_AUTH_TYPE", "v3applicationcredential".into()),
            ("OS_AUTH_URL", identity.clone()),
            ("OS_APPLICATION_CREDENTIAL_ID", APPCRED_ID.into()),
            ("OS_APPLICATION_CREDENTIAL_SECRET", APPCRED_SECRET.into()),
        ],
        vec![
            ("OS_ENDPOINT", endpoint.clone()),
            ("OS_TOKEN", ADMIN_TOKEN.into()),
        ],
    ];
    let subcommands: [&[&str]; 6] = [
        &["list", "--long"],
        &["list", "-f", "json"],
        &["show", "00000000-0000-0000-0000-000000000001", "-f", "yaml"],
        &["show", "missing"],
        &["id-from-name", "img-00"],
        &["delete", "00000000-0000-0000-0000-000000000000", "missing"],
    ];
    for mode in &modes {
        for sub in subcommands {
            let mut cmd = hermetic(env.dir.path());
            cmd.args(["--debug", "--timing", "-v"]).args(sub);
            for (k, v) in mode {
                cmd.env(k, v);
            }
            let output = cmd.output().unwrap();
            assert_no_secrets(&output);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains("REQ: curl -g -i -X"), "{stderr}");
        }
        seed(&env, 1);
        own_all(&env);
    }
    // Wrong credentials, in every mode, are errors without the secret.
    let wrong = env
        .cmd(&["--debug", "--os-password", "wrong-pw-value", "list"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&wrong.stderr).contains("wrong-pw-value"));
    assert_no_secrets(&wrong);
}

#[test]
fn debug_shows_tokens_as_digests_and_masks_request_bodies() {
    let env = Env::new();
    let output = env.cmd(&["--debug", "list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("\"password\":\"***\""), "{stderr}");
    assert!(stderr.contains("-H 'x-auth-token: {SHA256}"), "{stderr}");
    assert!(stderr.contains("X-Subject-Token: {SHA256}"), "{stderr}");
    assert!(
        stderr.contains("nova-images: debug: catalog: identity [public RegionOne]"),
        "{stderr}"
    );
    assert!(stderr.contains("RESP: [201]"), "{stderr}");
}

#[test]
fn timing_prints_a_table_or_json_after_the_output() {
    let env = Env::new();
    seed(&env, 1);
    let output = env
        .cmd(&["--timing", "list", "-f", "value", "-c", "name"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "img-00\n");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("+--------+"), "{stderr}");
    assert!(stderr.contains("| Method | URL"), "{stderr}");
    assert!(stderr.contains("| POST   | http://127.0.0.1:"), "{stderr}");
    assert!(stderr.contains("config load"), "{stderr}");
    assert!(stderr.contains("total"), "{stderr}");
    let output = env
        .cmd(&["--timing", "--no-token-cache", "list", "-f", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let timing: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(timing["calls"].as_array().unwrap().len(), 3);
    assert_eq!(timing["calls"][2]["status"], 200);
    assert!(timing["total_ms"].as_f64().unwrap() > 0.0);
}

#[test]
fn quiet_hides_warnings() {
    let env = Env::new();
    env.cmd(&["--insecure", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning"));
    env.cmd(&["-q", "--insecure", "list"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn integer_ids_and_odd_links_decode_and_bad_fields_are_named() {
    let env = Env::new();
    env.cloud.inject(Fault::status(
        "/compute/",
        200,
        r#"{"images": [{"id": 42, "name": "old", "status": "ACTIVE", "links": {}}], "images_links": {}}"#,
    ));
    let out = env
        .cmd(&["list", "-f", "json", "-c", "id", "-c", "name"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        serde_json::json!([{"id": "42", "name": "old"}])
    );
    env.cloud.inject(Fault::status(
        "/compute/",
        200,
        r#"{"image": {"id": 7, "name": "seven", "status": "ACTIVE", "links": {}}}"#,
    ));
    env.cmd(&["show", "7", "-f", "value", "-c", "id"])
        .assert()
        .success()
        .stdout("7\n");
    env.cloud.inject(Fault::status(
        "/compute/",
        200,
        r#"{"images": [{"id": "a"}, {"id": "b", "minRam": "abc"}]}"#,
    ));
    env.cmd(&["list"]).assert().code(1).stderr(predicate::str::contains(
        "unexpected response body: images[1].minRam (image b): invalid type: string \"abc\", expected u64",
    ));
}
