//! The resolver as a pure function of (files, environment, options), one rule per test.

use super::*;
use crate::error::Fix;
use std::fs;

mod auth;
mod profiles;

struct Fixture {
    dir: tempfile::TempDir,
    env: Env,
}

impl Fixture {
    fn new(files: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let env = Env {
            vars: [("XDG_CONFIG_HOME", "xdg"), ("XDG_CONFIG_DIRS", "site")]
                .iter()
                .map(|(k, v)| (k.to_string(), dir.path().join(v).display().to_string()))
                .collect(),
            cwd: dir.path().join("cwd"),
            home: Some(dir.path().join("home")),
        };
        Fixture { dir, env }
    }

    fn var(mut self, k: &str, v: &str) -> Self {
        self.env.vars.insert(k.into(), v.into());
        self
    }

    fn resolve(&self, opts: &Overrides) -> Result<CloudConfig> {
        resolve(&self.env, opts)
    }

    fn ok(&self) -> CloudConfig {
        self.resolve(&Overrides::default()).unwrap()
    }

    /// A configuration error (the library's kind) whose fix is not a setting: its message
    /// and hint.
    fn err(&self, opts: &Overrides) -> (String, Option<String>) {
        let (message, hint, fix) = self.config_error(opts);
        assert_eq!(fix, None, "{message}");
        (message, hint)
    }

    /// A configuration error whose fix is a setting the user gives: its message and fix.
    fn err_fix(&self, opts: &Overrides) -> (String, Fix) {
        let (message, hint, fix) = self.config_error(opts);
        assert_eq!(hint, None, "{message}");
        (message, fix.expect("a fix"))
    }

    fn config_error(&self, opts: &Overrides) -> (String, Option<String>, Option<Fix>) {
        match self.resolve(opts) {
            Err(Error::Config { message, hint, fix }) => (message, hint, fix),
            other => panic!("not a configuration error: {other:?}"),
        }
    }
}

fn cloud(name: &str) -> Overrides {
    Overrides {
        cloud: Some(name.into()),
        ..Default::default()
    }
}

const ONE: &str = "clouds:
  dev:
    auth:
      auth_url: http://k/v3
      username: u
      password: p
      project_name: demo
    region_name: R1
";

// ---- files (spec §1) -----------------------------------------------------------------

#[test]
fn search_order_is_cwd_xdg_home_site_etc() {
    let f = Fixture::new(&[]);
    let d = f.dir.path();
    let dirs = f.env.search_dirs();
    assert_eq!(
        dirs,
        [
            d.join("cwd"),
            d.join("xdg/openstack"),
            d.join("home/.config/openstack"),
            d.join("site/openstack"),
            PathBuf::from("/etc/openstack"),
        ]
    );
}

#[test]
fn the_only_cloud_is_selected_from_the_cwd() {
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)]);
    let c = f.ok();
    assert_eq!(c.name, "dev");
    assert_eq!(c.region_name.as_deref(), Some("R1"));
    assert_eq!(c.auth_value("user_domain_id"), Some("default"));
    assert_eq!(c.auth_value("project_domain_id"), Some("default"));
    assert_eq!(c.clouds_file, Some(f.dir.path().join("cwd/clouds.yaml")));
    assert_eq!(c.interface, "public");
    assert!(c.verify);
    assert_eq!(c.compute_api_version, "2.1");
}

#[test]
fn first_file_wins_in_order_yaml_yml_json_and_the_env_file_first() {
    let f = Fixture::new(&[
        ("cwd/clouds.yml", ONE),
        ("cwd/clouds.json", r#"{"clouds": {"json": {}}}"#),
        ("xdg/openstack/clouds.yaml", "clouds: {other: {}}"),
        (
            "elsewhere.json",
            &serde_json::to_string(
                &serde_yaml::from_str::<Value>(&ONE.replace("dev", "env")).unwrap(),
            )
            .unwrap(),
        ),
    ]);
    assert_eq!(f.ok().name, "dev");
    let f = f.var("OS_CLIENT_CONFIG_FILE", "../elsewhere.json");
    assert_eq!(f.ok().name, "env");
}

#[test]
fn a_missing_env_file_falls_back_to_the_search() {
    let f = Fixture::new(&[("xdg/openstack/clouds.yaml", ONE)])
        .var("OS_CLIENT_CONFIG_FILE", "/nonexistent.yaml");
    let c = f.ok();
    assert_eq!(c.name, "dev");
    assert_eq!(
        c.warnings,
        [
            "config file /nonexistent.yaml named by OS_CLIENT_CONFIG_FILE does not exist; \
          searching the usual places"
        ]
    );
}

#[test]
fn a_named_file_that_cannot_be_used_is_an_error_a_found_one_a_warning() {
    let f = Fixture::new(&[
        ("xdg/openstack/clouds.yaml", ONE),
        ("cwd/bad.yaml", "\u{0}\u{1}"),
    ]);
    std::fs::write(f.dir.path().join("cwd/bin.yaml"), [0xff, 0xfe, 0x00]).unwrap();
    let named = f.var("OS_CLIENT_CONFIG_FILE", "bin.yaml");
    let (msg, hint) = named.err(&Overrides::default());
    assert_eq!(
        msg,
        format!(
            "cannot use config file {} (OS_CLIENT_CONFIG_FILE): not UTF-8 text",
            named.env.cwd.join("bin.yaml").display()
        )
    );
    assert_eq!(
        hint.as_deref(),
        Some("fix the file, or point OS_CLIENT_CONFIG_FILE at another one")
    );
    let found = Fixture::new(&[
        ("cwd/clouds.yaml", &format!("k: {}", "[".repeat(40_000))),
        ("xdg/openstack/clouds.yaml", ONE),
    ]);
    let c = found.ok();
    assert_eq!(c.name, "dev");
    assert_eq!(
        c.warnings,
        [format!(
            "skipping config file {}: nested deeper than 64 levels",
            found.env.cwd.join("clouds.yaml").display()
        )]
    );
}

#[cfg(unix)]
#[test]
fn config_files_must_be_regular_files() {
    let f = Fixture::new(&[("xdg/openstack/clouds.yaml", ONE)]);
    std::fs::create_dir_all(&f.env.cwd).unwrap();
    std::os::unix::fs::symlink("/dev/zero", f.env.cwd.join("clouds.yaml")).unwrap();
    let c = f.ok();
    assert_eq!(
        c.warnings,
        [format!(
            "skipping config file {}: not a regular file",
            f.env.cwd.join("clouds.yaml").display()
        )]
    );
}

#[test]
fn secure_yaml_is_deep_merged_over_clouds_yaml() {
    let f = Fixture::new(&[
        (
            "cwd/clouds.yaml",
            &ONE.replace("password: p", "password: old"),
        ),
        (
            "home/.config/openstack/secure.yaml",
            "clouds:\n  dev:\n    auth:\n      password: new\n",
        ),
    ]);
    let c = f.ok();
    assert_eq!(c.auth_value("password"), Some("new"));
    assert_eq!(c.auth_value("username"), Some("u"));
    assert_eq!(
        c.secure_file,
        Some(f.dir.path().join("home/.config/openstack/secure.yaml"))
    );
}

#[test]
fn secure_yaml_may_define_a_cloud_of_its_own() {
    let f = Fixture::new(&[
        ("cwd/clouds.yaml", ONE),
        (
            "cwd/secure.yaml",
            "clouds:\n  extra:\n    auth: {auth_url: http://x/v3, username: a, password: b}\n",
        ),
    ]);
    assert_eq!(
        f.resolve(&cloud("extra")).unwrap().auth_value("username"),
        Some("a")
    );
}

#[test]
fn invalid_yaml_is_skipped_with_a_warning_naming_line_and_column() {
    let f = Fixture::new(&[
        ("cwd/clouds.yaml", "clouds:\n  dev: [\n"),
        ("xdg/openstack/clouds.yaml", ONE),
    ]);
    let c = f.ok();
    assert_eq!(c.name, "dev");
    assert!(
        c.warnings[0].starts_with(&format!(
            "skipping config file {}",
            f.dir.path().join("cwd/clouds.yaml").display()
        )),
        "{:?}",
        c.warnings
    );
    assert!(
        c.warnings[0].contains("line 3 column 1"),
        "{:?}",
        c.warnings
    );
}

#[test]
fn a_document_that_is_not_a_mapping_is_an_error() {
    let f = Fixture::new(&[("cwd/clouds.yaml", "- a\n- b\n")]);
    let (msg, _) = f.err(&Overrides::default());
    assert!(
        msg.ends_with("clouds.yaml is empty or not a valid mapping"),
        "{msg}"
    );
}

#[test]
fn an_empty_file_stops_the_search_and_has_no_clouds() {
    let f = Fixture::new(&[("cwd/clouds.yaml", ""), ("xdg/openstack/clouds.yaml", ONE)]);
    let (msg, _) = f.err(&cloud("dev"));
    assert!(msg.starts_with("cloud 'dev' was not found in"), "{msg}");
}

#[test]
fn no_file_and_no_variables_lists_the_searched_directories() {
    let f = Fixture::new(&[]);
    let (msg, hint) = f.err(&Overrides::default());
    assert_eq!(msg, "no clouds.yaml found and no OS_* credentials set");
    let hint = hint.unwrap();
    assert!(hint.contains(&f.env.cwd.display().to_string()), "{hint}");
    assert!(hint.contains("/etc/openstack"), "{hint}");
}

// ---- selection (spec §2) -------------------------------------------------------------

#[test]
fn unknown_cloud_lists_the_known_ones() {
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)]);
    let (msg, hint) = f.err(&cloud("prod"));
    assert!(msg.starts_with("cloud 'prod' was not found in"));
    assert_eq!(hint.as_deref(), Some("known clouds: dev"));
}

#[test]
fn several_clouds_and_none_selected_is_an_error_naming_them() {
    let f = Fixture::new(&[("cwd/clouds.yaml", &format!("{ONE}  prod: {{}}\n"))]);
    let (msg, fix) = f.err_fix(&Overrides::default());
    assert!(msg.ends_with("defines several: dev, prod"), "{msg}");
    assert_eq!(fix, Fix::ChooseCloud);
}

#[test]
fn os_variables_make_the_envvars_cloud_which_beats_a_single_file_cloud() {
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)])
        .var("OS_AUTH_URL", "http://env/v3")
        .var("OS_USERNAME", "envuser")
        .var("OS_PASSWORD", "envpw")
        .var("OS_TENANT_NAME", "t");
    let c = f.ok();
    assert_eq!(c.name, "envvars");
    assert_eq!(c.clouds_file, None);
    assert_eq!(c.auth_value("auth_url"), Some("http://env/v3"));
    assert_eq!(c.auth_value("project_name"), Some("t"));
    // Selector variables alone do not make one.
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)]).var("OS_REGION_NAME", "R1");
    assert_eq!(f.ok().name, "dev");
}

#[test]
fn os_cloud_name_renames_envvars_and_a_clash_is_fatal() {
    let f = Fixture::new(&[("cwd/clouds.yaml", &ONE.replace("dev", "envvars"))]);
    let (msg, _) = f.err(&Overrides::default());
    assert!(msg.contains("defines a cloud named 'envvars'"), "{msg}");
    let f = Fixture::new(&[])
        .var("OS_CLOUD_NAME", "mine")
        .var("OS_AUTH_URL", "http://e/v3")
        .var("OS_USERNAME", "u")
        .var("OS_PASSWORD", "p");
    assert_eq!(f.ok().name, "mine");
    assert_eq!(f.resolve(&cloud("mine")).unwrap().name, "mine");
}

#[test]
fn options_beat_the_file() {
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)]);
    let opts = Overrides {
        password: Some("flag".into()),
        project_id: Some("pid".into()),
        ..Default::default()
    };
    let c = f.resolve(&opts).unwrap();
    assert_eq!(c.auth_value("password"), Some("flag"));
    assert_eq!(c.auth_value("project_id"), Some("pid"));
}

// ---- fixes, aliases, types (spec §4) -------------------------------------------------

#[test]
fn domain_name_fans_out_when_project_scoped_and_tenant_aliases_apply() {
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        "clouds:\n  c:\n    auth: {auth_url: u, username: a, password: p, tenant-name: t, domain_name: D}\n",
    )]);
    let c = f.ok();
    assert_eq!(c.auth_value("project_name"), Some("t"));
    assert_eq!(c.auth_value("user_domain_name"), Some("D"));
    assert_eq!(c.auth_value("project_domain_name"), Some("D"));
    assert_eq!(c.auth_value("domain_name"), None);
    assert_eq!(c.auth_value("user_domain_id"), None);
}

#[test]
fn top_level_auth_keys_beat_the_auth_mapping_and_numbers_become_strings() {
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        "clouds:\n  c:\n    project_id: 12345\n    username: top\n    auth: {auth_url: u, username: inner, password: p, project_id: x}\n",
    )]);
    let c = f.ok();
    assert_eq!(c.auth_value("project_id"), Some("12345"));
    assert_eq!(c.auth_value("username"), Some("top"));
}

#[test]
fn endpoint_type_is_interface_and_timeouts_are_api_timeout() {
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        &format!("{ONE}    endpoint_type: internal\n    compute_timeout: 7\n"),
    )]);
    let c = f.ok();
    assert_eq!(c.interface, "internal");
    assert_eq!(c.api_timeout, Some(7.0));
}

#[test]
fn api_timeout_is_a_number_of_seconds_or_a_configuration_error() {
    for (yaml, want) in [
        ("30", 30.0),
        ("2.5", 2.5),
        ("'45'", 45.0),
        ("604800", 604_800.0),
    ] {
        let file = format!("{ONE}    api_timeout: {yaml}\n");
        let c = Fixture::new(&[("cwd/clouds.yaml", &file)]).ok();
        assert_eq!(c.api_timeout, Some(want), "{yaml}");
        assert_eq!(c.http_options().timeout.as_secs_f64(), want);
    }
    // Each panicked in `http_options` (an unchecked `Duration::from_secs_f64`) before.
    for (yaml, given) in [
        ("-1", "-1"),
        ("nan", "\"nan\""),
        ("inf", "\"inf\""),
        ("1e300", "1e+300"),
        ("''", "\"\""),
        ("abc", "\"abc\""),
        ("0", "0"),
        ("604801", "604801"),
        ("[1]", "[1]"),
    ] {
        let file = format!("{ONE}    api_timeout: {yaml}\n");
        let (message, hint) = Fixture::new(&[("cwd/clouds.yaml", &file)]).err(&cloud("dev"));
        assert_eq!(
            message,
            format!(
                "api_timeout {given} is not a number of seconds above 0 and at most 604800 \
                 (a week)"
            ),
            "{yaml}"
        );
        assert_eq!(
            hint.as_deref(),
            Some("set api_timeout (or OS_API_TIMEOUT, --timeout) to e.g. 30 or 2.5")
        );
    }
    // Its aliases go through the same rule.
    let file = format!("{ONE}    compute_timeout: -5\n");
    let (message, _) = Fixture::new(&[("cwd/clouds.yaml", &file)]).err(&cloud("dev"));
    assert!(
        message.starts_with("api_timeout \"-5\" is not"),
        "{message}"
    );
}

#[test]
fn os_timeout_variables_follow_the_same_rule() {
    let envvars = |var: &str, value: &str| {
        Fixture::new(&[])
            .var("OS_AUTH_URL", "http://k/v3")
            .var("OS_USERNAME", "u")
            .var("OS_PASSWORD", "p")
            .var("OS_PROJECT_NAME", "demo")
            .var(var, value)
    };
    for var in ["OS_API_TIMEOUT", "OS_TIMEOUT", "OS_COMPUTE_TIMEOUT"] {
        assert_eq!(envvars(var, "12.5").ok().api_timeout, Some(12.5), "{var}");
        for bad in ["-1", "nan", "inf", "1e300", "abc", " "] {
            let (message, _) = envvars(var, bad).err(&Overrides::default());
            assert_eq!(
                message,
                format!(
                    "api_timeout {bad:?} is not a number of seconds above 0 and at most 604800 \
                     (a week)"
                ),
                "{var}={bad}"
            );
        }
    }
}

#[test]
fn a_timeout_set_by_hand_never_panics() {
    let mut c = Fixture::new(&[("cwd/clouds.yaml", ONE)]).ok();
    for bad in [-1.0, f64::NAN, f64::INFINITY, 1e300] {
        c.api_timeout = Some(bad);
        assert_eq!(c.http_options().timeout.as_secs(), 30, "{bad}");
    }
}

#[test]
fn yaml_1_1_booleans_for_verify_and_insecure() {
    let f = Fixture::new(&[("cwd/clouds.yaml", &format!("{ONE}    verify: 'no'\n"))]);
    assert!(!f.ok().verify);
    let f = Fixture::new(&[("cwd/clouds.yaml", &format!("{ONE}    insecure: 'On'\n"))]);
    assert!(!f.ok().verify);
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)]);
    let opts = Overrides {
        insecure: true,
        ..Default::default()
    };
    assert!(!f.resolve(&opts).unwrap().verify);
}

#[test]
fn tls_paths_expand_the_home_directory() {
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        &format!("{ONE}    cacert: ~/ca.pem\n    cert: /c.pem\n    key: ~/k.pem\n"),
    )]);
    let c = f.ok();
    assert_eq!(c.cacert, Some(f.dir.path().join("home/ca.pem")));
    assert_eq!(c.cert, Some(PathBuf::from("/c.pem")));
    assert_eq!(c.key, Some(f.dir.path().join("home/k.pem")));
}

#[test]
fn placeholders_are_formatted_and_unknown_ones_fail() {
    let yaml = "clouds:\n  c:\n    region_name: RegionOne\n    auth: {auth_url: 'https://{region_name}.example.com/v3', username: a, password: p}\n    compute_endpoint_override: 'https://nova.{region_name}.x/v2.1'\n";
    let c = Fixture::new(&[("cwd/clouds.yaml", yaml)]).ok();
    assert_eq!(
        c.auth_value("auth_url"),
        Some("https://RegionOne.example.com/v3")
    );
    assert_eq!(
        c.compute_endpoint_override.as_deref(),
        Some("https://nova.RegionOne.x/v2.1")
    );
    let bad = yaml.replace("nova.{region_name}", "nova.{nope}");
    let (msg, _) = Fixture::new(&[("cwd/clouds.yaml", &bad)]).err(&Overrides::default());
    assert_eq!(
        msg,
        "compute_endpoint_override \"https://nova.{nope}.x/v2.1\" refers to an unknown setting {nope}"
    );
}

#[test]
fn the_image_endpoint_and_api_version_are_read_as_openstacksdk_reads_them() {
    let c = Fixture::new(&[("cwd/clouds.yaml", ONE)]).ok();
    assert_eq!(
        (c.image_endpoint_override, c.image_api_version.as_str()),
        (None, "2")
    );
    let yaml = format!(
        "{ONE}    image_endpoint_override: 'https://glance.{{region_name}}.x'\n    image_api_version: '2.5'\n"
    );
    let c = Fixture::new(&[("cwd/clouds.yaml", &yaml)]).ok();
    assert_eq!(
        c.image_endpoint_override.as_deref(),
        Some("https://glance.R1.x")
    );
    assert_eq!(c.image_api_version, "2.5");
    // openstacksdk's older spelling, and OS_IMAGE_API_VERSION for the envvars cloud.
    let yaml = format!("{ONE}    image_endpoint: https://g\n    image_api_version: 2\n");
    let c = Fixture::new(&[("cwd/clouds.yaml", &yaml)]).ok();
    assert_eq!(c.image_endpoint_override.as_deref(), Some("https://g"));
    assert_eq!(c.image_api_version, "2");
    let c = Fixture::new(&[])
        .var("OS_AUTH_URL", "http://k/v3")
        .var("OS_USERNAME", "u")
        .var("OS_PASSWORD", "p")
        .var("OS_PROJECT_NAME", "p")
        .var("OS_IMAGE_API_VERSION", "2.16")
        .ok();
    assert_eq!(c.image_api_version, "2.16");
    for bad in ["1", "3"] {
        let yaml = format!("{ONE}    image_api_version: '{bad}'\n");
        let (msg, hint) = Fixture::new(&[("cwd/clouds.yaml", &yaml)]).err(&Overrides::default());
        assert_eq!(
            msg,
            format!(
                "image API version \"{bad}\" is not supported: nova-images speaks the image API v2"
            )
        );
        assert_eq!(
            hint.as_deref(),
            Some("set image_api_version to 2, or leave it unset")
        );
    }
}

#[test]
fn the_default_domain_option_fills_missing_domains() {
    let f = Fixture::new(&[("cwd/clouds.yaml", ONE)]);
    let opts = Overrides {
        default_domain: Some("corp".into()),
        ..Default::default()
    };
    let c = f.resolve(&opts).unwrap();
    assert_eq!(c.auth_value("user_domain_id"), Some("corp"));
    assert_eq!(c.auth_value("project_domain_id"), Some("corp"));
}
