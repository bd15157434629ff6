//! Auth types, the checks of a resolved cloud, and listing clouds.

use super::*;

// ---- auth types and checks (spec §4.5, §5.2) -----------------------------------------

#[test]
fn unknown_auth_types_are_refused() {
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        &format!("{ONE}    auth_type: v3kerberos\n"),
    )]);
    let (msg, hint) = f.err(&Overrides::default());
    assert_eq!(msg, "the auth plugin v3kerberos could not be found");
    assert!(hint.unwrap().contains("v3applicationcredential"));
}

#[test]
fn an_unexpected_auth_key_is_refused() {
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        &ONE.replace("password: p", "password: p\n      colour: red"),
    )]);
    let (msg, _) = f.err(&Overrides::default());
    assert_eq!(
        msg,
        "cloud 'dev': auth option 'colour' is not valid for auth type password"
    );
}

#[test]
fn missing_required_options_are_named() {
    // The message, and the setting that is missing (the fix a front end words).
    let cases = [
        (
            ONE.replace("      auth_url: http://k/v3\n", ""),
            "cloud 'dev' has no auth_url (auth type password)",
            Some("auth_url"),
        ),
        (
            ONE.replace("      username: u\n", ""),
            "cloud 'dev' has no username (auth type password)",
            Some("username"),
        ),
        (
            "clouds:\n  dev:\n    auth_type: v3token\n    auth: {auth_url: u, project_id: p}\n"
                .to_owned(),
            "cloud 'dev' has no token (auth type v3token)",
            Some("token"),
        ),
        (
            "clouds:\n  dev:\n    auth_type: admin_token\n    auth: {token: t}\n".to_owned(),
            "cloud 'dev' has no endpoint (auth type admin_token)",
            Some("endpoint"),
        ),
        (
            format!("{ONE}    auth_type: v3token\n"),
            "cloud 'dev': auth option 'password' is not valid for auth type v3token",
            None,
        ),
        (
            format!("{ONE}    auth_type: v3applicationcredential\n"),
            "cloud 'dev': auth option 'password' is not valid for auth type v3applicationcredential",
            None,
        ),
    ];
    for (yaml, want, missing) in cases {
        let f = Fixture::new(&[("cwd/clouds.yaml", &yaml)]);
        let (msg, _, fix) = f.config_error(&Overrides::default());
        assert_eq!(msg, want);
        let file = f.dir.path().join("cwd/clouds.yaml").display().to_string();
        let want_fix = missing.map(|key| Fix::Missing {
            key,
            file: file.clone(),
        });
        assert_eq!(fix, want_fix, "{want}");
    }
}

#[test]
fn a_missing_password_is_left_for_the_prompt() {
    let f = Fixture::new(&[("cwd/clouds.yaml", &ONE.replace("      password: p\n", ""))]);
    assert!(f.ok().needs_password());
}

#[test]
fn application_credentials_by_id_or_by_name_and_user() {
    let by_id = "clouds:\n  c:\n    auth_type: v3applicationcredential\n    auth: {auth_url: u, application_credential_id: i, application_credential_secret: s}\n";
    let c = Fixture::new(&[("cwd/clouds.yaml", by_id)]).ok();
    assert_eq!(c.auth_value("application_credential_id"), Some("i"));
    let by_name = by_id.replace(
        "application_credential_id: i",
        "application_credential_name: n, username: u, user_domain_name: D",
    );
    assert!(
        Fixture::new(&[("cwd/clouds.yaml", &by_name)])
            .resolve(&Overrides::default())
            .is_ok()
    );
    let no_domain = by_id.replace(
        "application_credential_id: i",
        "application_credential_name: n, username: u",
    );
    let (msg, fix) =
        Fixture::new(&[("cwd/clouds.yaml", &no_domain)]).err_fix(&Overrides::default());
    assert!(msg.contains("you have provided a username"), "{msg}");
    assert_eq!(fix, Fix::UserDomain);
    let neither = by_id.replace("application_credential_id: i, ", "");
    let (msg, fix) = Fixture::new(&[("cwd/clouds.yaml", &neither)]).err_fix(&Overrides::default());
    assert!(
        msg.contains("either an application credential ID or"),
        "{msg}"
    );
    assert_eq!(fix, Fix::ApplicationCredential);
    let no_secret = by_id.replace(", application_credential_secret: s", "");
    let f = Fixture::new(&[("cwd/clouds.yaml", &no_secret)]);
    let (msg, fix) = f.err_fix(&Overrides::default());
    assert!(
        msg.contains("has no application_credential_secret"),
        "{msg}"
    );
    assert_eq!(
        fix,
        Fix::Missing {
            key: "application_credential_secret",
            file: f.dir.path().join("cwd/clouds.yaml").display().to_string(),
        }
    );
}

#[test]
fn v3_rules_for_names_without_domains() {
    let yaml = "clouds:\n  c:\n    auth_type: v3token\n    auth: {auth_url: u, token: t, project_name: p}\n";
    let (msg, fix) = Fixture::new(&[("cwd/clouds.yaml", yaml)]).err_fix(&Overrides::default());
    assert!(msg.contains("you have provided a project_name"), "{msg}");
    assert_eq!(fix, Fix::ProjectDomain);
}

#[test]
fn two_scopes_are_refused() {
    let yaml = "clouds:\n  c:\n    auth: {auth_url: u, username: a, password: p, trust_id: t, project_id: x}\n";
    let (msg, _) = Fixture::new(&[("cwd/clouds.yaml", yaml)]).err(&Overrides::default());
    assert!(msg.contains("more than one scope"), "{msg}");
}

#[test]
fn endpoint_and_token_options_mean_admin_token() {
    let f = Fixture::new(&[]);
    let opts = Overrides {
        endpoint: Some("http://nova/v2.1".into()),
        token: Some("t".into()),
        ..Default::default()
    };
    let c = f.resolve(&opts).unwrap();
    assert_eq!(c.auth_type, AuthType::AdminToken);
    assert_eq!(
        c.compute_endpoint_override.as_deref(),
        Some("http://nova/v2.1")
    );
    let none = Overrides {
        auth_type: Some("noauth".into()),
        endpoint: Some("http://nova/v2.1".into()),
        ..Default::default()
    };
    assert_eq!(f.resolve(&none).unwrap().auth_type, AuthType::None);
}

#[test]
fn compute_api_version_must_predate_2_36() {
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)]);
    for (given, want) in [
        ("2", "2.1"),
        ("2.0", "2.1"),
        ("2.1", "2.1"),
        ("2.35", "2.35"),
    ] {
        let opts = Overrides {
            compute_api_version: Some(given.into()),
            ..Default::default()
        };
        assert_eq!(f.resolve(&opts).unwrap().compute_api_version, want);
    }
    for given in ["2.36", "2.96", "latest"] {
        let opts = Overrides {
            compute_api_version: Some(given.into()),
            ..Default::default()
        };
        let (msg, _) = f.err(&opts);
        assert!(
            msg.contains("Nova removed it at microversion 2.36"),
            "{msg}"
        );
    }
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        &format!("{ONE}    compute_api_version: 2.10\n"),
    )]);
    // YAML reads 2.10 as the float 2.1, as PyYAML does.
    assert_eq!(f.ok().compute_api_version, "2.1");
}

#[test]
fn list_clouds_names_each_with_its_file() {
    let f = Fixture::new(&[
        ("cwd/clouds.yaml", &format!("{ONE}  prod: {{}}\n")),
        (
            "cwd/secure.yaml",
            "clouds:\n  prod: {auth: {password: x}}\n  extra: {}\n",
        ),
    ])
    .var("OS_AUTH_URL", "http://x");
    let clouds = list_clouds(&f.env, &mut Vec::new()).unwrap();
    let cwd = f.dir.path().join("cwd");
    assert_eq!(
        clouds,
        [
            ("dev".to_owned(), Some(cwd.join("clouds.yaml"))),
            ("prod".to_owned(), Some(cwd.join("clouds.yaml"))),
            ("extra".to_owned(), Some(cwd.join("secure.yaml"))),
            ("envvars".to_owned(), None),
        ]
    );
}
