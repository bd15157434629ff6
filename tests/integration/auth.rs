//! End-to-end tests of each auth type, OS_* variables and connection options against the
//! fake cloud: what reaches Keystone and Nova, and what the user sees when it fails.

use fake_cloud::{ADMIN_TOKEN, APPCRED_ID, APPCRED_NAME, APPCRED_SECRET, DEMO_PROJECT};
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common;
use crate::common::{Env, hermetic, seed, stdout_of};

/// A clouds.yaml with one cloud `c` made of `body` (indented YAML under the cloud).
fn with_cloud(env: &Env, body: &str) {
    std::fs::write(env.clouds_file(), format!("clouds:\n  c:\n{body}")).unwrap();
}

fn keystone_body(env: &Env) -> Value {
    let posts = env.cloud.requests("/identity/v3/auth/tokens");
    serde_json::from_str(&posts.last().unwrap().body).unwrap()
}

#[test]
fn token_auth_exchanges_a_token_for_a_scoped_one() {
    let env = Env::new();
    seed(&env, 1);
    // Get a real token from the fake first, as a user of `openstack token issue` would.
    env.cmd(&["list"]).assert().success();
    let token = env.cloud.requests("/compute/")[0].headers["x-auth-token"].clone();
    let auth_url = format!("{}/v3", env.cloud.identity_url());
    with_cloud(
        &env,
        &format!(
            "    auth_type: v3token\n    auth:\n      auth_url: {auth_url}\n      token: {token}\n      project_id: {DEMO_PROJECT}\n"
        ),
    );
    let out = stdout_of(&mut env.cmd_as("c", &["list", "-f", "json", "-c", "name"]));
    assert_eq!(out, "[\n  {\n    \"name\": \"img-00\"\n  }\n]\n");
    assert_eq!(
        keystone_body(&env),
        json!({"auth": {"identity": {"methods": ["token"], "token": {"id": token}},
            "scope": {"project": {"id": DEMO_PROJECT}}}})
    );
}

#[test]
fn application_credential_by_id_and_by_name() {
    let env = Env::new();
    seed(&env, 1);
    let auth_url = format!("{}/v3", env.cloud.identity_url());
    with_cloud(
        &env,
        &format!(
            "    auth_type: v3applicationcredential\n    auth:\n      auth_url: {auth_url}\n      application_credential_id: {APPCRED_ID}\n      application_credential_secret: {APPCRED_SECRET}\n"
        ),
    );
    env.cmd_as("c", &["list"]).assert().success();
    assert_eq!(
        keystone_body(&env),
        json!({"auth": {"identity": {"methods": ["application_credential"],
            "application_credential": {"id": APPCRED_ID, "secret": APPCRED_SECRET}}}})
    );
    // By name, from OS_* variables alone (the envvars cloud).
    hermetic(env.dir.path())
        .env("OS_AUTH_TYPE", "v3applicationcredential")
        .env("OS_AUTH_URL", &auth_url)
        .env("OS_APPLICATION_CREDENTIAL_NAME", APPCRED_NAME)
        .env("OS_APPLICATION_CREDENTIAL_SECRET", APPCRED_SECRET)
        .env("OS_USERNAME", "demo")
        .env("OS_USER_DOMAIN_NAME", "Default")
        .args(["list"])
        .assert()
        .success();
    assert_eq!(
        keystone_body(&env)["auth"]["identity"]["application_credential"],
        json!({"name": APPCRED_NAME, "secret": APPCRED_SECRET,
               "user": {"name": "demo", "domain": {"name": "Default"}}})
    );
}

#[test]
fn a_wrong_application_credential_secret_exits_4() {
    let env = Env::new();
    hermetic(env.dir.path())
        .env("OS_AUTH_TYPE", "v3applicationcredential")
        .env("OS_AUTH_URL", format!("{}/v3", env.cloud.identity_url()))
        .env("OS_APPLICATION_CREDENTIAL_ID", APPCRED_ID)
        .env("OS_APPLICATION_CREDENTIAL_SECRET", "nope-not-it")
        .args(["list"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "authentication failed for cloud 'envvars'",
        ))
        .stderr(predicate::str::contains("nope-not-it").not());
}

#[test]
fn admin_token_with_an_endpoint_skips_keystone() {
    let env = Env::new();
    seed(&env, 2);
    let endpoint = format!("{}/compute/v2.1", env.cloud.base_url());
    hermetic(env.dir.path())
        .args([
            "--os-endpoint",
            &endpoint,
            "--os-token",
            ADMIN_TOKEN,
            "list",
            "-f",
            "json",
            "-c",
            "id",
        ])
        .assert()
        .success();
    assert!(env.cloud.requests("/identity").is_empty());
    let calls = env.cloud.requests("/compute/");
    assert_eq!(calls[0].headers["x-auth-token"], ADMIN_TOKEN);
}

#[test]
fn auth_type_none_sends_no_token() {
    let env = Env::new();
    env.cloud.set_noauth(true);
    seed(&env, 1);
    let endpoint = format!("{}/compute/v2.1", env.cloud.base_url());
    hermetic(env.dir.path())
        .env("OS_AUTH_TYPE", "none")
        .env("OS_ENDPOINT", &endpoint)
        .args(["show", &common::uuid(0), "-f", "json", "-c", "name"])
        .assert()
        .success()
        .stdout("{\n  \"name\": \"img-00\"\n}\n");
    let calls = env.cloud.requests("/compute/");
    assert!(!calls[0].headers.contains_key("x-auth-token"));
    // Without the endpoint the configuration is refused before any request.
    hermetic(env.dir.path())
        .env("OS_AUTH_TYPE", "none")
        .args(["list"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "cloud 'envvars' has no endpoint (auth type none)",
        ));
}

#[test]
fn os_endpoint_overrides_the_catalog_for_password_auth() {
    let env = Env::new();
    env.cloud.set_project_in_url(true);
    seed(&env, 1);
    let endpoint = format!("{}/compute/v2.1", env.cloud.base_url());
    env.cmd(&["--os-endpoint", &endpoint, "list"])
        .assert()
        .success();
    assert_eq!(
        env.cloud.nova_calls(),
        ["GET /compute/v2.1/images/detail?limit=1000"]
    );
}

#[test]
fn compute_api_version_is_sent_and_limited_to_2_35() {
    let env = Env::new();
    env.cmd(&["--os-compute-api-version", "2.35", "list"])
        .assert()
        .success();
    let h = &env.cloud.requests("/compute/")[0].headers;
    assert_eq!(h["x-openstack-nova-api-version"], "2.35");
    assert_eq!(h["openstack-api-version"], "compute 2.35");
    env.cmd(&["list"])
        .env("OS_COMPUTE_API_VERSION", "2.36")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "compute API version 2.36 is too new for the images API: Nova removed it at microversion 2.36",
        ));
}

#[test]
fn a_missing_password_without_a_terminal_is_a_configuration_error() {
    let env = Env::new();
    let yaml = common::clouds_yaml(&env.cloud.identity_url())
        .replace("      password: secret-demo-pw\n", "");
    std::fs::write(env.clouds_file(), yaml).unwrap();
    env.cmd(&["list"])
        .assert()
        .code(3)
        .stderr(
            "nova-images: error: no password for cloud 'demo': none entered, or found via --os-password or OS_PASSWORD\n\
             hint: set OS_PASSWORD, --os-password, or auth.password in clouds.yaml or secure.yaml\n",
        );
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn openrc_style_variables_work_without_any_clouds_yaml() {
    let env = Env::new();
    seed(&env, 1);
    let dir = tempfile::tempdir().unwrap();
    hermetic(dir.path())
        .env("OS_AUTH_URL", env.cloud.identity_url())
        .env("OS_USERNAME", "demo")
        .env("OS_PASSWORD", "secret-demo-pw")
        .env("OS_PROJECT_NAME", "demo")
        .env("OS_USER_DOMAIN_NAME", "Default")
        .env("OS_PROJECT_DOMAIN_ID", "default")
        .env("OS_REGION_NAME", "RegionOne")
        .args(["list", "-f", "json", "-c", "name"])
        .assert()
        .success()
        .stdout("[\n  {\n    \"name\": \"img-00\"\n  }\n]\n");
}

#[test]
fn secure_yaml_supplies_the_password() {
    let env = Env::new();
    let yaml = common::clouds_yaml(&env.cloud.identity_url())
        .replace("      password: secret-demo-pw\n", "");
    std::fs::write(env.clouds_file(), yaml).unwrap();
    let secure = env.dir.path().join("secure.yaml");
    std::fs::write(
        &secure,
        "clouds:\n  demo:\n    auth:\n      password: secret-demo-pw\n",
    )
    .unwrap();
    env.cmd(&["list"])
        .env("OS_CLIENT_SECURE_FILE", &secure)
        .assert()
        .success();
}

#[test]
fn an_unknown_auth_type_exits_3() {
    let env = Env::new();
    env.cmd(&["--os-auth-type", "v3kerberos", "list"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "nova-images: error: the auth plugin v3kerberos could not be found",
        ));
}

// ---- TLS ----------------------------------------------------------------------------------

/// An HTTPS fake cloud and a clouds.yaml for it; `extra` goes under the `demo` cloud.
fn tls_env(mutual: bool, extra: &str) -> (Env, fake_cloud::Pki) {
    let (cloud, pki) = common::FakeCloud::start_tls(mutual);
    let env = Env::with_cloud(cloud);
    seed(&env, 1);
    std::fs::write(env.dir.path().join("ca.pem"), &pki.ca_pem).unwrap();
    std::fs::write(env.dir.path().join("client.pem"), &pki.client_cert_pem).unwrap();
    std::fs::write(env.dir.path().join("client.key"), &pki.client_key_pem).unwrap();
    let yaml = common::clouds_yaml(&env.cloud.identity_url()).replacen(
        "    region_name: RegionOne\n",
        &format!("    region_name: RegionOne\n{extra}"),
        1,
    );
    std::fs::write(env.clouds_file(), yaml).unwrap();
    (env, pki)
}

#[test]
fn an_https_keystone_with_an_http_compute_endpoint_warns() {
    let (env, _) = tls_env(false, "    cacert: ~/ca.pem\n");
    let out = env
        .cmd(&[
            "--os-endpoint",
            "http://127.0.0.1:9/v2.1",
            "--retries",
            "0",
            "list",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.lines().next().unwrap(),
        "nova-images: warning: cloud 'demo': Keystone is reached over https but the compute \
         endpoint http://127.0.0.1:9/v2.1 is plain http: the token will travel unencrypted"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
}

#[test]
fn https_with_the_clouds_ca_bundle() {
    let (env, _) = tls_env(false, "    cacert: ~/ca.pem\n");
    assert!(env.cloud.identity_url().starts_with("https://"));
    env.cmd(&["list", "-f", "json", "-c", "name"])
        .assert()
        .success()
        .stdout("[\n  {\n    \"name\": \"img-00\"\n  }\n]\n")
        .stderr("");
}

#[test]
fn an_untrusted_certificate_fails_with_a_hint() {
    let (env, _) = tls_env(false, "");
    env.cmd(&["list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("nova-images: error: GET https://127.0.0.1:"))
        .stderr(predicate::str::contains("certificate"))
        .stderr(predicate::str::contains(
            "hint: the server's certificate is not trusted: set cacert for the cloud or --os-cacert / OS_CACERT (--insecure skips verification)",
        ));
}

#[test]
fn insecure_skips_verification_and_warns() {
    let (env, _) = tls_env(false, "");
    env.cmd(&["--insecure", "list"])
        .assert()
        .success()
        .stderr("nova-images: warning: TLS certificate verification is off for cloud 'demo'\n");
    let (env, _) = tls_env(false, "    verify: false\n");
    env.cmd(&["list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("verification is off"));
}

#[test]
fn os_cacert_beats_the_file() {
    let (env, _) = tls_env(false, "    cacert: /nonexistent/ca.pem\n");
    env.cmd(&["list"]).assert().code(3).stderr(
        "nova-images: error: cannot read CA bundle /nonexistent/ca.pem: No such file or \
             directory (os error 2)\n",
    );
    env.cmd(&["list"])
        .env("OS_CACERT", env.dir.path().join("ca.pem"))
        .assert()
        .success();
}

#[test]
fn client_certificates_for_mutual_tls() {
    let (env, _) = tls_env(true, "    cacert: ~/ca.pem\n");
    env.cmd(&["list"]).assert().code(1);
    env.cmd(&["--os-cert", "client.pem", "--os-key", "client.key", "list"])
        .assert()
        .success();
    let (env, _) = tls_env(
        true,
        "    cacert: ~/ca.pem\n    cert: ~/client.pem\n    key: ~/client.key\n",
    );
    env.cmd(&["list"]).assert().success();
    env.cmd(&["--os-key", "ca.pem", "list"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("is not usable PEM"));
}

#[test]
fn a_missing_password_is_asked_for_on_a_terminal() {
    let env = Env::new();
    seed(&env, 1);
    let yaml = common::clouds_yaml(&env.cloud.identity_url())
        .replace("      password: secret-demo-pw\n", "");
    std::fs::write(env.clouds_file(), yaml).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("nova-images");
    let line = format!("'{}' --os-cloud demo list -f value -c name", bin.display());
    let child = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
        .env("HOME", env.dir.path())
        .env_remove("OS_PASSWORD")
        .current_dir(env.dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            common::missing_tool(
                "util-linux `script`",
                "the password prompt on a terminal",
                &e,
            );
            return;
        }
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"secret-demo-pw\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{screen}");
    assert!(screen.contains("Password: "), "{screen}");
    assert!(screen.contains("img-00"), "{screen}");
}

// ---- re-authentication: one at a time, none after a refusal (docs/reliability.md) -----------

/// 40 images the demo user owns, a token for them in the cache, and Nova slow enough that
/// eight deletes are in flight together.
fn forty_cached(env: &Env) -> Vec<String> {
    seed(env, 40);
    env.cloud
        .edit_images(|image| image.owner = DEMO_PROJECT.into());
    env.cmd(&["list", "--limit", "1"]).assert().success();
    env.cloud
        .set_nova_delay(std::time::Duration::from_millis(30));
    env.cloud.clear_requests();
    (0..40).map(common::uuid).collect()
}

/// The request id in the first `(request id ...)` of `text`.
fn request_id(text: &str) -> &str {
    let start = text.find("(request id ").unwrap() + "(request id ".len();
    &text[start..start + text[start..].find(')').unwrap()]
}

/// The lines of one image refused because Keystone refused the password (`id` the request
/// id of that one refusal).
fn refused_line(env: &Env, image: &str, id: &str) -> String {
    format!(
        "nova-images: error: image {image}: authentication failed for cloud 'demo': POST \
         {}/v3/auth/tokens returned 401 Unauthorized: The request you have made requires \
         authentication. (request id {id})\n\
         hint: check the credentials, project and domains of cloud 'demo' in {}\n",
        env.cloud.identity_url(),
        env.clouds_file().display()
    )
}

#[test]
fn a_revoked_token_and_a_refused_password_cost_one_login_for_forty_deletes() {
    let env = Env::new();
    let ids = forty_cached(&env);
    env.cloud.revoke_all_tokens();
    env.cloud.refuse_passwords(true);
    let mut args = vec!["delete", "--concurrency", "8"];
    args.extend(ids.iter().map(String::as_str));
    let out = env.cmd(&args).assert().code(4).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let id = request_id(&stderr);
    let mut expected: String = ids.iter().map(|i| refused_line(&env, i, id)).collect();
    expected.push_str("nova-images: error: deleted 0 of 40; 40 failed\n");
    assert_eq!(stderr, expected);
    assert_eq!(env.cloud.logins(), 1, "one failed login, however many 401s");
    let deletes = env.cloud.nova_calls();
    assert_eq!(deletes.len(), 40, "each image tried once: {deletes:?}");
    assert_eq!(env.cloud.image_ids(), ids);
}

#[test]
fn prune_whose_token_is_revoked_mid_run_with_the_password_refused_logs_in_once() {
    let env = Env::new();
    let ids = forty_cached(&env);
    env.cloud.refuse_passwords(true);
    // The listing works; the first DELETE finds every token revoked.
    env.cloud
        .inject(fake_cloud::Fault::revoking("/compute/v2.1/images/0"));
    let args = [
        "prune",
        "--keep",
        "0",
        "--older-than",
        "1d",
        "--yes",
        "--concurrency",
        "8",
        "-f",
        "json",
    ];
    let out = env.cmd(&args).assert().code(4).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let id = request_id(&stderr);
    let mut expected: String = ids.iter().map(|i| refused_line(&env, i, id)).collect();
    expected.push_str("nova-images: error: deleted 0 of 40; 40 failed\n");
    assert_eq!(stderr, expected);
    let plan: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let results: Vec<&str> = plan.iter().map(|r| r["result"].as_str().unwrap()).collect();
    let wanted: Vec<String> = (ids.iter())
        .map(|i| {
            let line = refused_line(&env, i, id);
            let error = line.lines().next().unwrap();
            format!(
                "failed: {}",
                error.trim_start_matches("nova-images: error: ")
            )
        })
        .collect();
    assert_eq!(results, wanted);
    assert_eq!(env.cloud.logins(), 1, "one failed login, however many 401s");
    assert_eq!(env.cloud.image_ids(), ids);
}

#[test]
fn concurrent_401s_share_one_reauthentication() {
    let env = Env::new();
    let ids = forty_cached(&env);
    env.cloud.revoke_all_tokens();
    let mut args = vec!["-v", "delete", "--concurrency", "8"];
    args.extend(ids.iter().map(String::as_str));
    env.cmd(&args).assert().success().stdout("").stderr(
        "nova-images: using the cached token of cloud 'demo'\n\
         nova-images: Nova refused the token (401); authenticating again\n\
         nova-images: deleted 40 of 40\n",
    );
    assert_eq!(env.cloud.logins(), 1, "one login for every refused request");
    assert!(env.cloud.image_ids().is_empty());
    // Eight were refused together; each was repeated once, with the one new token.
    let deletes = env.cloud.requests("/compute/");
    assert_eq!(deletes.len(), 48);
    let tokens: std::collections::BTreeSet<&str> = (deletes.iter())
        .map(|r| r.headers["x-auth-token"].as_str())
        .collect();
    assert_eq!(tokens.len(), 2, "the cached token and the renewed one");
}

#[test]
fn prune_renews_a_token_revoked_mid_run_once_for_every_delete() {
    let env = Env::new();
    let ids = forty_cached(&env);
    env.cloud
        .inject(fake_cloud::Fault::revoking("/compute/v2.1/images/0"));
    env.cmd(&[
        "prune",
        "--keep",
        "0",
        "--older-than",
        "1d",
        "--yes",
        "--concurrency",
        "8",
        "-q",
    ])
    .assert()
    .success()
    .stderr("");
    assert_eq!(env.cloud.logins(), 1);
    assert!(env.cloud.image_ids().is_empty(), "{ids:?}");
}

// ---- Keystone that is not Keystone -------------------------------------------------------

#[test]
fn a_keystone_404_on_the_token_request_says_auth_url_is_not_keystone() {
    let env = Env::new();
    // A /v3 URL skips discovery: the token request is the first request.
    let auth_url = format!("{}/keystone/v3", env.cloud.base_url());
    with_cloud(
        &env,
        &format!(
            "    auth:\n      auth_url: {auth_url}\n      username: demo\n      password: secret-demo-pw\n      project_id: {DEMO_PROJECT}\n      user_domain_name: Default\n"
        ),
    );
    env.cmd_as("c", &["list"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(format!(
            "nova-images: error: cloud 'c': {auth_url} is not a Keystone v3 token endpoint: \
             POST {auth_url}/auth/tokens returned 404 Not Found: not found (request id \
             req-00000001-0000-4000-8000-000000000000)\n\
             hint: check auth_url: it should be Keystone's root (e.g. \
             https://keystone.example.com:5000) or its /v3; set it with --os-auth-url or \
             OS_AUTH_URL, or for this cloud in {}\n",
            env.clouds_file().display()
        ));
    assert_eq!(env.cloud.request_count(), 1, "no second token request");
}

#[test]
fn a_404_from_version_discovery_hints_at_auth_url_not_at_nova() {
    let env = Env::new();
    let auth_url = format!("{}/keystone", env.cloud.base_url());
    with_cloud(
        &env,
        &format!(
            "    auth:\n      auth_url: {auth_url}\n      username: demo\n      password: secret-demo-pw\n      project_id: {DEMO_PROJECT}\n      user_domain_name: Default\n"
        ),
    );
    env.cmd_as("c", &["list"]).assert().code(1).stderr(format!(
        "nova-images: error: GET {auth_url} returned 404 Not Found: not found (request id \
             req-00000001-0000-4000-8000-000000000000)\n\
             hint: this is not Keystone; check auth_url: it should be Keystone's root (e.g. \
             https://keystone.example.com:5000) or its /v3\n"
    ));
}
