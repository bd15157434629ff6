//! The token cache end to end: warm runs send only the requests their job needs, files are
//! private and written whole, and anything doubtful is ignored, never trusted.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use predicates::prelude::*;

use crate::common;
use crate::common::{Env, seed, uuid};

fn cache_dir(env: &Env) -> PathBuf {
    env.dir.path().join(".cache/nova-images/tokens")
}

fn cache_files(env: &Env) -> Vec<PathBuf> {
    std::fs::read_dir(cache_dir(env))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn calls(env: &Env) -> usize {
    env.cloud.request_count()
}

#[test]
fn a_warm_show_sends_exactly_one_request() {
    let env = Env::new();
    seed(&env, 1);
    env.cmd(&["show", &uuid(0)]).assert().success();
    assert_eq!(calls(&env), 3, "discovery, token, image");
    env.cloud.clear_requests();
    env.cmd(&["-v", "show", &uuid(0), "-f", "value", "-c", "name"])
        .assert()
        .success()
        .stdout("img-00\n")
        .stderr("nova-images: using the cached token of cloud 'demo'\n");
    assert_eq!(
        env.cloud.nova_calls(),
        [format!("GET /compute/v2.1/images/{}", uuid(0))]
    );
    assert_eq!(calls(&env), 1);
}

#[test]
fn cache_files_are_private_and_hold_no_password() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    let dir = cache_dir(&env);
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let files = cache_files(&env);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!text.contains("secret-demo-pw"));
    assert!(text.contains("gAAAAA-fake-token-"));
    let name = files[0].file_name().unwrap().to_str().unwrap();
    assert!(name.len() == 69 && name.ends_with(".json"), "{name}");
}

#[test]
fn each_identity_has_its_own_token() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    env.cmd_as("admin", &["list"]).assert().success();
    assert_eq!(cache_files(&env).len(), 2);
    env.cloud.clear_requests();
    env.cmd_as("admin", &["list"]).assert().success();
    let token = &env.cloud.requests("/compute/")[0].headers["x-auth-token"];
    assert!(token.ends_with("-admin"), "{token}");
}

#[test]
fn no_token_cache_and_the_clouds_yaml_switch_turn_it_off() {
    let env = Env::new();
    env.cmd(&["--no-token-cache", "list"]).assert().success();
    env.cmd(&["--no-token-cache", "list"]).assert().success();
    assert!(cache_files(&env).is_empty());
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 2);
    let yaml = format!(
        "cache:\n  auth: 'no'\n{}",
        common::clouds_yaml(&env.cloud.identity_url())
    );
    std::fs::write(env.clouds_file(), yaml).unwrap();
    env.cmd(&["list"]).assert().success();
    assert!(cache_files(&env).is_empty());
}

#[test]
fn a_corrupt_cache_file_is_ignored_with_a_warning_and_replaced() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    let file = cache_files(&env).remove(0);
    std::fs::write(&file, "{not json").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.cmd(&["list"]).assert().success().stderr(format!(
        "nova-images: warning: ignoring token cache file {}: it is corrupt\n",
        file.display()
    ));
    assert!(std::fs::read_to_string(&file).unwrap().contains("gAAAAA"));
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 2);
}

#[test]
fn a_cache_file_others_can_read_is_not_trusted() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    let file = cache_files(&env).remove(0);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.cmd(&["list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("mode 644 lets others read it"));
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 2);
}

#[test]
fn a_token_about_to_expire_is_not_reused() {
    let env = Env::new();
    let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(30);
    // Keystone's `expires_at`: microseconds and Z.
    env.cloud
        .set_token_expiry(&soon.strftime("%Y-%m-%dT%H:%M:%S.%6fZ").to_string());
    env.cmd(&["list"]).assert().success();
    env.cmd(&["list"]).assert().success();
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 2);
}

#[test]
fn a_revoked_cached_token_is_dropped_and_renewed_once() {
    let env = Env::new();
    seed(&env, 1);
    env.cmd(&["list"]).assert().success();
    env.cloud.revoke_all_tokens();
    env.cmd(&["-v", "show", &uuid(0)])
        .assert()
        .success()
        .stderr(
            "nova-images: using the cached token of cloud 'demo'\n\
             nova-images: Nova refused the token (401); authenticating again\n",
        );
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 2);
    // The renewed token is cached.
    env.cloud.clear_requests();
    env.cmd(&["show", &uuid(0)]).assert().success();
    assert_eq!(calls(&env), 1);
}

#[test]
fn a_cached_token_spares_the_password_prompt() {
    let env = Env::new();
    let yaml = common::clouds_yaml(&env.cloud.identity_url())
        .replace("      password: secret-demo-pw\n", "");
    std::fs::write(env.clouds_file(), yaml).unwrap();
    env.cmd(&["list"]).assert().code(3);
    env.cmd(&["list"])
        .env("OS_PASSWORD", "secret-demo-pw")
        .assert()
        .success();
    env.cmd(&["list"]).assert().success();
}

#[test]
fn auth_revoke_revokes_at_keystone_and_forgets() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    let token = env.cloud.requests("/compute/")[0].headers["x-auth-token"].clone();
    env.cmd(&["-v", "auth", "revoke"])
        .assert()
        .success()
        .stdout("")
        .stderr(
            "nova-images: using the cached token of cloud 'demo'\n\
             nova-images: revoked the cached token of cloud 'demo'\n",
        );
    let revoke = env.cloud.requests("/identity/v3/auth/tokens");
    let delete = revoke.iter().find(|r| r.method == "DELETE").unwrap();
    assert_eq!(delete.headers["x-subject-token"], token);
    assert!(cache_files(&env).is_empty());
    env.cmd(&["auth", "revoke"])
        .assert()
        .success()
        .stderr("nova-images: warning: cloud 'demo' has no cached token to revoke\n");
}

#[test]
fn cache_clear_forgets_every_token_without_configuration() {
    let env = Env::new();
    env.cmd(&["list"]).assert().success();
    env.cmd_as("admin", &["list"]).assert().success();
    assert_eq!(cache_files(&env).len(), 2);
    common::hermetic(env.dir.path())
        .args(["-v", "cache", "clear"])
        .assert()
        .success()
        .stderr("nova-images: removed 2 cached token(s)\n");
    assert!(cache_files(&env).is_empty());
}

#[test]
fn concurrent_runs_share_the_cache_safely() {
    let env = Env::new();
    seed(&env, 1);
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("nova-images"));
            cmd.args(["--os-cloud", "demo", "show", &uuid(0)])
                .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
                .env("HOME", env.dir.path())
                .env_remove("XDG_CACHE_HOME")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
    assert_eq!(
        cache_files(&env).len(),
        1,
        "no temporary file is left behind"
    );
}
