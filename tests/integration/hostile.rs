//! Hostile servers, URLs and local files (the adversarial review): secrets echoed back,
//! userinfo in URLs, escape sequences in server text, `.` and `..` as IDs or keys, files
//! that are devices or FIFOs or nest without end, a symlinked cache directory.

use fake_cloud::{DEMO_PROJECT, FakeImage, Fault};

use crate::common::{Env, seed, stdout_of, uuid};

/// The token the fake issues to `demo` first.
const DEMO_TOKEN: &str = "gAAAAA-fake-token-0001-demo";

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn secrets_a_server_echoes_are_masked() {
    // Keystone repeats the request, password and all, in its 401.
    let env = Env::new();
    env.cloud.inject(Fault::status(
        "/identity/v3/auth/tokens",
        401,
        r#"{"error": {"code": 401, "message": "bad request {\"password\": \"secret-demo-pw\"}"}}"#,
    ));
    let out = env.cmd(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr_of(&out);
    assert!(!err.contains("secret-demo-pw"), "{err}");
    assert!(
        err.contains(r#"{\"password\": \"***\"}"#) || err.contains(r#"{"password": "***"}"#),
        "{err}"
    );

    // Nova and a proxy repeat the token, in a fault and in an HTML page, also with --debug.
    for body in [
        format!(r#"{{"computeFault": {{"code": 500, "message": "token {DEMO_TOKEN} refused"}}}}"#),
        format!("<html><body>502 for X-Auth-Token: {DEMO_TOKEN}</body></html>"),
    ] {
        let env = Env::new();
        for extra in [&[][..], &["--debug", "-v"]] {
            env.cloud
                .inject(Fault::status("/compute/", 500, body.clone()));
            let args: Vec<&str> = ["--api", "nova", "--retries", "0"]
                .iter()
                .chain(extra)
                .copied()
                .chain(["list"])
                .collect();
            let out = env.cmd(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(1));
            let err = stderr_of(&out);
            assert!(!err.contains(DEMO_TOKEN), "{err}");
            assert!(
                err.contains("token *** refused") || err.contains("X-Auth-Token: ***"),
                "{err}"
            );
        }
    }
}

#[test]
fn userinfo_in_urls_is_never_shown() {
    let env = Env::new();
    let auth_url = env
        .cloud
        .identity_url()
        .replace("http://", "http://demo:Hunter2@");
    for extra in [&[][..], &["--debug", "-v", "--timing"]] {
        let args: Vec<&str> = [
            "--os-auth-url",
            &auth_url,
            "--os-compute-api-version",
            "9.9",
        ]
        .iter()
        .chain(extra)
        .copied()
        .chain(["list"])
        .collect();
        let out = env.cmd(&args).output().unwrap();
        let err = stderr_of(&out);
        assert!(!err.contains("Hunter2"), "{err}");
    }
    // A refused connection names the URL, without its password.
    let out = env
        .cmd(&[
            "--os-auth-url",
            "http://demo:Hunter2@127.0.0.1:9/v3",
            "--retries",
            "0",
            "list",
        ])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("http://***@127.0.0.1:9/v3"), "{err}");
    assert!(!err.contains("Hunter2"), "{err}");
}

#[test]
fn server_text_bound_for_the_terminal_is_escaped() {
    let env = Env::new();
    // Two images of one name whose `created` carries an OSC 52 clipboard write, a screen
    // clear and a right-to-left override.
    for i in 1..=2 {
        let mut image = FakeImage::new(&uuid(i), "twin", i);
        image.created = format!("2024\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2J\u{202e}{i}");
        env.cloud.add(image);
    }
    let out = env.cmd(&["show", "twin"]).output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    let err = stderr_of(&out);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
    assert!(
        err.contains(r"2024\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2J\u{202e}1"),
        "{err}"
    );

    // wait prints the server's status on each change, and in its final error.
    env.cloud
        .edit_image(&uuid(1), |i| i.glance_status = "saving".into());
    let out = env
        .cmd(&["wait", &uuid(1), "--timeout", "0.3", "--interval", "0.1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert!(!stderr_of(&out).contains('\u{1b}'));
}

#[test]
fn dot_and_dot_dot_never_name_the_collection() {
    let env = Env::new();
    seed(&env, 2);
    let mut dots = FakeImage::new(&uuid(7), "..", 7);
    dots.owner = DEMO_PROJECT.into();
    env.cloud.add(dots);
    // By ID they cannot be sent; `..` is found by name, `.` is no image.
    let out = env.cmd(&["delete", ".."]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let out = env.cmd(&["show", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    let out = env
        .cmd(&["metadata", "unset", &uuid(1), ".."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("metadata replace"),
        "{}",
        stderr_of(&out)
    );
    for logged in env.cloud.requests("/compute/") {
        let path = logged.uri.split('?').next().unwrap().trim_end_matches('/');
        let last = path.rsplit('/').next().unwrap();
        // Only the listing, and requests about one image by its real ID.
        assert!(
            last == "detail" || (last.len() == 36 && path.ends_with(&format!("/images/{last}"))),
            "{} {}",
            logged.method,
            logged.uri
        );
    }
    assert!(!env.cloud.image_ids().contains(&uuid(7)));
    assert!(env.cloud.image_ids().contains(&uuid(1)));
    // Control characters in an ID are escaped, never dropped.
    env.cmd(&["show", "a\r\nb"]).assert().code(5);
    assert!(
        env.cloud
            .requests("/compute/")
            .iter()
            .any(|l| l.uri.ends_with("/images/a%0D%0Ab"))
    );
}

#[test]
fn an_image_whose_id_is_a_dot_gets_a_hint_about_images_and_a_dot_key_one_about_keys() {
    let env = Env::new();
    seed(&env, 1);
    let mut dot = FakeImage::new(".", "dot", 7);
    dot.owner = DEMO_PROJECT.into();
    env.cloud.add(dot);
    let image_hint = "hint: an image whose ID is . or .. cannot be shown, changed or deleted \
                      through Nova's API (the URL would name every image); `nova-images list` \
                      still lists it\n";
    env.cmd(&["delete", "dot"]).assert().code(2).stderr(format!(
        "nova-images: error: image .: \".\" cannot name an image or key in a URL (it would \
             address the collection)\n{image_hint}nova-images: error: deleted 0 of 1; 1 failed\n"
    ));
    env.cmd(&["metadata", "list", "dot"])
        .assert()
        .code(2)
        .stderr(format!(
            "nova-images: error: image dot: \".\" cannot name an image or key in a URL (it \
             would address the collection)\n{image_hint}"
        ));
    env.cmd(&["metadata", "get", &uuid(0), ".."])
        .assert()
        .code(2)
        .stderr(format!(
            "nova-images: error: image {}: key \"..\": \"..\" cannot name an image or key in a \
             URL (it would address the collection)\nhint: a metadata key named . or .. cannot \
             be read or unset alone; `nova-images metadata replace` rewrites the whole set\n",
            uuid(0)
        ));
    assert!(env.cloud.image_ids().contains(&".".to_owned()));
}

#[cfg(unix)]
#[test]
fn local_files_must_be_small_regular_files() {
    let env = Env::new();
    let zero = env.dir.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let out = env
        .cmd(&["list"])
        .env("OS_CLIENT_CONFIG_FILE", &zero)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr_of(&out),
        format!(
            "nova-images: error: cannot use config file {} (OS_CLIENT_CONFIG_FILE): not a regular file\n\
             hint: fix the file, or point OS_CLIENT_CONFIG_FILE at another one\n",
            zero.display()
        )
    );
    let fifo = env.dir.path().join("fifo.pem");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = env
        .cmd(&["--os-cacert", fifo.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr_of(&out),
        format!(
            "nova-images: error: cannot read CA bundle {}: not a regular file\n",
            fifo.display()
        )
    );
    let deep = env.dir.path().join("deep.yaml");
    std::fs::write(&deep, format!("k: {}", "[".repeat(100_000))).unwrap();
    let started = std::time::Instant::now();
    let out = env
        .cmd(&["list"])
        .env("OS_CLIENT_CONFIG_FILE", &deep)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr_of(&out).contains("nested deeper than 64 levels"),
        "{}",
        stderr_of(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[cfg(unix)]
#[test]
fn cache_clear_never_follows_a_symlinked_directory() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    let cache = env.dir.path().join(".cache/nova-images/tokens");
    assert!(cache.is_dir(), "{}", cache.display());
    let victim = tempfile::tempdir().unwrap();
    let precious = victim.path().join(format!("{}.json", "c".repeat(64)));
    std::fs::write(&precious, "{}").unwrap();
    std::fs::remove_dir_all(&cache).unwrap();
    std::os::unix::fs::symlink(victim.path(), &cache).unwrap();
    let out = env.cmd(&["cache", "clear"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("is a symbolic link"),
        "{}",
        stderr_of(&out)
    );
    assert!(precious.exists());
    // A command still works, without the cache, and says why.
    let out = env.cmd(&["list"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        stderr_of(&out).contains("is a symbolic link"),
        "{}",
        stderr_of(&out)
    );
    assert!(precious.exists());
}

#[test]
fn a_skipped_config_file_is_named_even_when_the_run_then_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clouds.yaml");
    std::fs::write(&file, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let warning = format!(
        "nova-images: warning: skipping config file {}: not UTF-8 text\n",
        file.display()
    );
    let out = crate::common::hermetic(dir.path())
        .args(["--os-cloud", "prod", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr_of(&out);
    assert!(err.starts_with(&warning), "{err}");
    assert!(err.contains("cloud 'prod' was not found"), "{err}");
    let out = crate::common::hermetic(dir.path())
        .args(["config", "clouds"])
        .output()
        .unwrap();
    assert_eq!(stderr_of(&out), warning);
}

// ---- hostile names in tables (issue 22, items 15 and 18) ----------------------------------

/// A name that would forge a table row with its line feed, return to the start of the line
/// and clear the screen.
const FORGER: &str = "ok\n| fake | row |\r\u{1b}[2J";

/// How many characters a table shows of one line of a cell, before its `…`.
const CAP: usize = 255;

fn stdout_string(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn a_huge_name_is_capped_in_tables_and_whole_in_json() {
    let env = Env::new();
    let huge = "n".repeat(256 * 1024);
    env.cloud.add(FakeImage::new(&uuid(1), &huge, 1));
    let capped = format!("{}…", "n".repeat(CAP));
    let dashes = "-".repeat(CAP + 3);
    assert_eq!(
        stdout_of(&mut env.cmd(&["list", "-c", "name"])),
        format!(
            "+{dashes}+\n| Name{} |\n+{dashes}+\n| {capped} |\n+{dashes}+\n",
            " ".repeat(CAP - 3)
        )
    );
    // At a terminal's width the capped cell wraps; laying it out stays fast (it took a
    // minute before the cap), so a generous bound turns a regression into a failure.
    let out = env
        .cmd(&["list"])
        .env("NOVA_IMAGES_TERM_WIDTH", "80")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let table = stdout_string(&out);
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    assert_eq!(table.matches('n').count(), CAP, "{table}");
    assert_eq!(table.matches('…').count(), 1, "{table}");
    // Scripts' formats carry the whole name.
    let json = stdout_of(&mut env.cmd(&["list", "-f", "json", "-c", "name"]));
    let names: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(names, serde_json::json!([{ "name": huge }]));
    let value = stdout_of(&mut env.cmd(&["show", &uuid(1), "-f", "value", "-c", "name"]));
    assert_eq!(value, format!("{huge}\n"));
}

/// Two images named [`FORGER`] owned by `demo`; the first has a metadata key and value that
/// would forge lines too.
fn forgers(env: &Env) {
    for i in 1..=2 {
        let mut image = FakeImage::new(&uuid(i), FORGER, i);
        image.owner = DEMO_PROJECT.into();
        if i == 1 {
            (image.properties).insert("k\n| x".into(), serde_json::json!("v\r\n| forged |"));
        }
        env.cloud.add(image);
    }
}

/// Stdout of a run at a terminal `width` columns wide (the test seam).
fn at_width(env: &Env, width: &str, args: &[&str]) -> String {
    stdout_of(env.cmd(args).env("NOVA_IMAGES_TERM_WIDTH", width))
}

#[test]
fn a_line_feed_in_a_name_never_forges_a_table_row() {
    let env = Env::new();
    forgers(&env);
    assert_eq!(
        stdout_of(&mut env.cmd(&["list"])),
        &r"
+--------------------------------------+-------------------------------+--------+
| ID                                   | Name                          | Status |
+--------------------------------------+-------------------------------+--------+
| 00000000-0000-0000-0000-000000000002 | ok\n| fake | row |\r\u{1b}[2J | ACTIVE |
| 00000000-0000-0000-0000-000000000001 | ok\n| fake | row |\r\u{1b}[2J | ACTIVE |
+--------------------------------------+-------------------------------+--------+
"[1..]
    );
    // At a terminal's width comfy-table lays it out, from the same escaped text.
    assert_eq!(
        at_width(&env, "80", &["list"]),
        &r"
+--------------------------------------+------------------+--------+
| ID                                   | Name             | Status |
+--------------------------------------+------------------+--------+
| 00000000-0000-0000-0000-000000000002 | ok\n| fake | row | ACTIVE |
|                                      | |\r\u{1b}[2J     |        |
| 00000000-0000-0000-0000-000000000001 | ok\n| fake | row | ACTIVE |
|                                      | |\r\u{1b}[2J     |        |
+--------------------------------------+------------------+--------+
"[1..]
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&["prune", "--keep", "1", "--dry-run"])),
        &r"
+-------------------------------+--------------------------------------+----------------------+--------+
| Name                          | ID                                   | Created              | Action |
+-------------------------------+--------------------------------------+----------------------+--------+
| ok\n| fake | row |\r\u{1b}[2J | 00000000-0000-0000-0000-000000000002 | 2024-01-01T00:02:00Z | keep   |
| ok\n| fake | row |\r\u{1b}[2J | 00000000-0000-0000-0000-000000000001 | 2024-01-01T00:01:00Z | delete |
+-------------------------------+--------------------------------------+----------------------+--------+
"[1..]
    );
    // Scripts' formats carry the exact name.
    let json = stdout_of(&mut env.cmd(&["list", "-f", "json", "-c", "name"]));
    let names: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        names,
        serde_json::json!([{ "name": FORGER }, { "name": FORGER }])
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&["list", "-f", "value", "-c", "name"])),
        format!("{FORGER}\n{FORGER}\n")
    );
}

#[test]
fn show_and_metadata_tables_escape_line_breaks_in_names_keys_and_values() {
    let env = Env::new();
    forgers(&env);
    let show = ["show", &uuid(1), "-c", "name", "-c", "metadata"];
    assert_eq!(
        stdout_of(&mut env.cmd(&show)),
        &r"
+----------+-------------------------------+
| Field    | Value                         |
+----------+-------------------------------+
| Name     | ok\n| fake | row |\r\u{1b}[2J |
| Metadata | k\n| x=v\r\n| forged |        |
+----------+-------------------------------+
"[1..]
    );
    assert_eq!(
        at_width(&env, "40", &show),
        &r"
+----------+------------------------+
| Field    | Value                  |
+----------+------------------------+
| Name     | ok\n| fake | row       |
|          | |\r\u{1b}[2J           |
| Metadata | k\n| x=v\r\n| forged | |
+----------+------------------------+
"[1..]
    );
    assert_eq!(
        stdout_of(&mut env.cmd(&["metadata", "list", &uuid(1)])),
        &r"
+--------+-----------------+
| Key    | Value           |
+--------+-----------------+
| k\n| x | v\r\n| forged | |
+--------+-----------------+
"[1..]
    );
    let json = stdout_of(&mut env.cmd(&["metadata", "list", &uuid(1), "-f", "json"]));
    let metadata: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(metadata, serde_json::json!({ "k\n| x": "v\r\n| forged |" }));
}

#[test]
fn one_huge_name_never_pads_every_row_of_a_table() {
    let env = Env::new();
    let huge = "m".repeat(1 << 20);
    env.cloud.add(FakeImage::new(&uuid(1), &huge, 1));
    for i in 2..=1000 {
        env.cloud.add(FakeImage::new(&uuid(i), "short", i));
    }
    let names = huge.len() + 999 * "short".len();
    // Before the cap every row was padded to 1 MiB: a gigabyte of stdout.
    let piped = stdout_of(&mut env.cmd(&["list", "-c", "name"]));
    assert!(piped.len() < names, "{} bytes of table", piped.len());
    assert_eq!(piped.lines().count(), 1000 + 4);
    let fitted = at_width(&env, "80", &["list", "-c", "name"]);
    assert!(fitted.len() < names, "{} bytes of table", fitted.len());
}
