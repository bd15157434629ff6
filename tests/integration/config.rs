//! `config show` and `config clouds`: the resolved configuration, offline, with the same
//! refusals as a command that would use it.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common;
use crate::common::{Env, hermetic};

#[test]
fn config_show_json_is_the_resolved_cloud_with_secrets_redacted() {
    let env = Env::new();
    let out = env.cmd(&["config", "show", "-f", "json"]).output().unwrap();
    assert!(out.status.success());
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        shown,
        json!({
            "cloud": "demo",
            "profile": null,
            "profile_source": null,
            "clouds_file": env.clouds_file().display().to_string(),
            "secure_file": null,
            "region_name": "RegionOne",
            "interface": "public",
            "auth_type": "password",
            "auth": {
                "auth_url": env.cloud.identity_url(),
                "password": "<redacted>",
                "project_domain_name": "Default",
                "project_name": "demo",
                "user_domain_name": "Default",
                "username": "demo"
            },
            "verify": true,
            "cacert": null,
            "cert": null,
            "key": null,
            "compute_endpoint_override": null,
            "compute_api_version": "2.1",
            "api": "auto",
            "image_endpoint_override": null,
            "image_api_version": "2",
            "api_timeout": null
        })
    );
    assert_eq!(env.cloud.request_count(), 0, "config show is offline");
    let unmasked = env
        .cmd(&["config", "show", "-f", "yaml", "--unmask"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&unmasked.stdout).contains("password: secret-demo-pw"));
}

#[test]
fn config_show_reflects_options_and_variables() {
    let env = Env::new();
    let out = env
        .cmd(&[
            "--os-region-name",
            "RegionOne",
            "--os-interface",
            "internal",
            "--timeout",
            "7",
            "config",
            "show",
            "-f",
            "json",
        ])
        .env("OS_COMPUTE_API_VERSION", "2.35")
        .env("OS_USERNAME", "other")
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["interface"], "internal");
    assert_eq!(shown["api_timeout"], 7.0);
    assert_eq!(shown["compute_api_version"], "2.35");
    assert_eq!(shown["auth"]["username"], "other");
}

#[test]
fn config_show_refuses_what_list_refuses_with_the_same_message() {
    let env = Env::new();
    let yaml = common::clouds_yaml(&env.cloud.identity_url());
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec![], yaml.replace("  demo:", "  renamed:")),
        (vec!["--os-region-name", "Mars"], yaml.clone()),
        (vec!["--os-auth-type", "v3kerberos"], yaml.clone()),
        (
            vec![],
            yaml.replace(
                "region_name: RegionOne",
                "region_name: RegionOne\n    compute_endpoint_override: 'http://{nope}/v2.1'",
            ),
        ),
        (vec![], yaml.replace("      password: secret-demo-pw\n", "")),
    ];
    for (extra, file) in cases {
        std::fs::write(env.clouds_file(), file).unwrap();
        let run = |sub: &[&str]| {
            let mut cmd = env.cmd(&extra);
            cmd.args(sub);
            let out = cmd.output().unwrap();
            (out.status.code(), String::from_utf8(out.stderr).unwrap())
        };
        let (list_code, list_err) = run(&["list"]);
        let (show_code, show_err) = run(&["config", "show"]);
        assert_eq!(list_code, Some(3), "{list_err}");
        assert_eq!((show_code, show_err), (list_code, list_err));
    }
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn config_show_names_the_vendor_profile_and_warns_of_a_deprecated_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clouds.yaml");
    std::fs::write(
        &file,
        "clouds:\n  van:\n    profile: auro\n    auth: {username: u, password: secret-pw-1, project_name: p}\n  \
         old:\n    profile: fuga\n    auth: {username: u, password: secret-pw-1, project_name: p}\n",
    )
    .unwrap();
    let show = |cloud: &str| {
        hermetic(dir.path())
            .env("OS_CLIENT_CONFIG_FILE", &file)
            .args(["--os-cloud", cloud, "config", "show", "-f", "json"])
            .output()
            .unwrap()
    };
    let out = show("van");
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["profile"], "auro");
    assert_eq!(shown["profile_source"], "bundled");
    assert_eq!(
        shown["auth"]["auth_url"],
        "https://api.van2.auro.io:5000/v3"
    );
    assert_eq!(shown["region_name"], "RegionOne");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    let out = show("old");
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&shown["profile"], &shown["region_name"]),
        (&json!("fuga"), &json!("cystack"))
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "nova-images: warning: fuga is deprecated: the API Endpoint is no longer responsive\n"
    );
}

#[test]
fn a_clouds_public_file_that_redefines_a_bundled_profile_is_named_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clouds.yaml");
    std::fs::write(
        &file,
        "clouds:\n  van:\n    profile: auro\n    auth: {username: u, password: pw, project_name: p}\n  \
         own:\n    profile: acme\n    auth: {username: u, password: pw, project_name: p}\n",
    )
    .unwrap();
    // In the working directory, as a stray file would be.
    let public = dir.path().join("clouds-public.yaml");
    std::fs::write(
        &public,
        "public-clouds:\n  auro:\n    auth: {auth_url: 'https://elsewhere.example/v3'}\n  \
         acme:\n    auth: {auth_url: 'https://acme.example/v3'}\n",
    )
    .unwrap();
    let show = |args: &[&str]| {
        hermetic(dir.path())
            .env("OS_CLIENT_CONFIG_FILE", &file)
            .args(args)
            .output()
            .unwrap()
    };
    let out = show(&["--os-cloud", "van", "config", "show", "-f", "json"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            &shown["profile"],
            &shown["profile_source"],
            &shown["auth"]["auth_url"]
        ),
        (
            &json!("auro"),
            &json!(public.display().to_string()),
            &json!("https://elsewhere.example/v3")
        )
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    let notice = format!(
        "nova-images: cloud 'van': vendor profile 'auro' is the one in {}, not the bundled one\n",
        public.display()
    );
    let out = show(&["-v", "--os-cloud", "van", "config", "show", "-f", "json"]);
    assert_eq!(String::from_utf8(out.stderr).unwrap(), notice);
    // A profile that only the file has replaces nothing: no notice.
    let out = show(&["-v", "--os-cloud", "own", "config", "show", "-f", "json"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["profile_source"], public.display().to_string());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

#[test]
fn config_show_masks_userinfo_in_urls() {
    let env = Env::new();
    let out = env
        .cmd(&[
            "--os-auth-url",
            "http://demo:Hunter2@127.0.0.1:9/v3",
            "--os-endpoint",
            "http://u:Hunter2@127.0.0.1:9/v2.1",
            "config",
            "show",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Hunter2"), "{text}");
    let shown: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(shown["auth"]["auth_url"], "http://***@127.0.0.1:9/v3");
    assert_eq!(
        shown["compute_endpoint_override"],
        "http://***@127.0.0.1:9/v2.1"
    );
}

#[test]
fn config_clouds_lists_files_and_the_envvars_cloud() {
    let env = Env::new();
    env.cmd(&["config", "clouds"])
        .assert()
        .success()
        .stdout(predicate::str::contains("| Name  | File"))
        .stdout(predicate::str::contains("| demo  |"))
        .stdout(predicate::str::contains("| admin |"));
    let out = hermetic(env.dir.path())
        .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
        .env("OS_AUTH_URL", "http://x/v3")
        .args(["config", "clouds", "-f", "json"])
        .output()
        .unwrap();
    let file = env.clouds_file().display().to_string();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        json!([{"name": "demo", "file": file}, {"name": "admin", "file": file},
               {"name": "envvars", "file": null}])
    );
}
