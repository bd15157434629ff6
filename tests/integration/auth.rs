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
