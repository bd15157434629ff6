//! Regions, vendor profiles and placeholders.

use super::*;

// ---- regions (spec §2.5) -------------------------------------------------------------

#[test]
fn regions_list_picks_the_first_and_applies_values() {
    let yaml = ONE.replace(
        "    region_name: R1\n",
        "    regions:\n      - R1\n      - name: R2\n        values:\n          interface: internal\n",
    );
    let f = Fixture::new(&[("cwd/clouds.yaml", &yaml)]);
    let c = f.ok();
    assert_eq!(
        (c.region_name.as_deref(), c.interface.as_str()),
        (Some("R1"), "public")
    );
    let opts = Overrides {
        region_name: Some("R2".into()),
        ..cloud("dev")
    };
    let c = f.resolve(&opts).unwrap();
    assert_eq!(
        (c.region_name.as_deref(), c.interface.as_str()),
        (Some("R2"), "internal")
    );
    let opts = Overrides {
        region_name: Some("r2".into()),
        ..cloud("dev")
    };
    let (msg, _) = f.err(&opts);
    assert_eq!(
        msg,
        "region r2 is not a valid region name for cloud dev; valid choices are R1, R2 (region names are case sensitive)"
    );
}

#[test]
fn a_bad_region_entry_is_reported() {
    let yaml = ONE.replace(
        "    region_name: R1\n",
        "    regions:\n      - {name: R1, bogus: 1}\n",
    );
    let (msg, _) = Fixture::new(&[("cwd/clouds.yaml", &yaml)]).err(&Overrides::default());
    assert!(msg.starts_with("invalid region entry at: {"), "{msg}");
}

#[test]
fn without_known_regions_the_requested_one_is_used() {
    let f = Fixture::new(&[("cwd/clouds.yaml", &ONE.replace("    region_name: R1\n", ""))]);
    assert_eq!(f.ok().region_name, None);
    let opts = Overrides {
        region_name: Some("Any".into()),
        ..Default::default()
    };
    assert_eq!(
        f.resolve(&opts).unwrap().region_name.as_deref(),
        Some("Any")
    );
}

// ---- profiles (spec §1.6) ------------------------------------------------------------

#[test]
fn a_profile_from_clouds_public_fills_what_the_cloud_lacks() {
    let f = Fixture::new(&[
        (
            "cwd/clouds.yaml",
            "clouds:\n  c:\n    profile: acme\n    auth: {username: a, password: p}\n",
        ),
        (
            "cwd/clouds-public.yaml",
            "public-clouds:\n  acme:\n    auth: {auth_url: 'https://acme/v3', username: ignored}\n    regions: [east, west]\n",
        ),
    ]);
    let c = f.ok();
    assert_eq!(c.auth_value("auth_url"), Some("https://acme/v3"));
    assert_eq!(c.auth_value("username"), Some("a"));
    assert_eq!(c.region_name.as_deref(), Some("east"));
}

#[test]
fn deprecated_profiles_warn_and_shutdown_ones_fail() {
    let public = "public-clouds:\n  old:\n    profile:\n      status: deprecated\n      message: moving\n      auth: {auth_url: 'https://o/v3'}\n  gone:\n    status: shutdown\n    message: closed in 2020\n";
    let f = Fixture::new(&[
        (
            "cwd/clouds.yaml",
            "clouds:\n  a:\n    cloud: old\n    auth: {username: u, password: p}\n  b:\n    profile: gone\n",
        ),
        ("cwd/clouds-public.yaml", public),
    ]);
    let c = f.resolve(&cloud("a")).unwrap();
    assert_eq!(c.auth_value("auth_url"), Some("https://o/v3"));
    assert!(
        c.warnings.iter().any(|w| w.contains("keyword 'cloud'")),
        "{:?}",
        c.warnings
    );
    assert!(
        c.warnings.iter().any(|w| w == "old is deprecated: moving"),
        "{:?}",
        c.warnings
    );
    let (msg, _) = f.err(&cloud("b"));
    assert_eq!(
        msg,
        "gone references a cloud that no longer exists: closed in 2020"
    );
}

#[test]
fn builtin_and_remote_profiles_fail_clearly_and_unknown_ones_warn() {
    let f = Fixture::new(&[(
        "cwd/clouds.yaml",
        "clouds:\n  a: {profile: vexxhost}\n  b: {profile: 'https://x.example/'}\n  c: {profile: nosuch, auth: {auth_url: u, username: a, password: p}}\n",
    )]);
    assert!(
        f.err(&cloud("a"))
            .0
            .contains("built-in vendor profile 'vexxhost'")
    );
    assert!(
        f.err(&cloud("b"))
            .0
            .contains("remote vendor profile https://x.example/")
    );
    let c = f.resolve(&cloud("c")).unwrap();
    assert_eq!(
        c.warnings,
        ["couldn't find the vendor profile 'nosuch' for the cloud 'c'"]
    );
}

// ---- regions and placeholders of profiles -------------------------------------------

fn region(r: &str) -> Overrides {
    Overrides {
        region_name: Some(r.into()),
        ..Default::default()
    }
}

#[test]
fn a_profile_not_found_keeps_the_cloud_s_region_name_with_secure_yaml() {
    let url = "https://identity.{region_name}.example.com/v3";
    // (where the region is set, the clouds.yaml entry, the secure.yaml entry)
    let cases = [
        (
            "clouds.yaml",
            "    region_name: R1\n",
            "    auth: {password: p}\n",
        ),
        // The dashed spelling was lost: regions were looked up before keys were normalised.
        (
            "clouds.yaml, dashed",
            "    region-name: R1\n",
            "    auth: {password: p}\n",
        ),
        (
            "secure.yaml",
            "",
            "    region_name: R1\n    auth: {password: p}\n",
        ),
        (
            "secure.yaml, dashed",
            "",
            "    region-name: R1\n    auth: {password: p}\n",
        ),
    ];
    for (label, clouds, secure) in cases {
        let f = Fixture::new(&[
            (
                "cwd/clouds.yaml",
                &format!(
                    "clouds:\n  c:\n    profile: nosuch\n{clouds}    auth: {{auth_url: '{url}', username: u, project_name: demo}}\n"
                ),
            ),
            ("cwd/secure.yaml", &format!("clouds:\n  c:\n{secure}")),
        ]);
        let c = f.ok();
        assert_eq!(c.region_name.as_deref(), Some("R1"), "{label}");
        assert_eq!(
            c.auth_value("auth_url"),
            Some("https://identity.R1.example.com/v3"),
            "{label}"
        );
        assert_eq!(c.auth_value("password"), Some("p"), "{label}");
        assert_eq!(
            c.warnings,
            ["couldn't find the vendor profile 'nosuch' for the cloud 'c'"],
            "{label}"
        );
    }
}

#[test]
fn placeholders_in_auth_url_are_filled_with_the_selected_region() {
    let url = "'https://identity.{region_name}.example.com/v3'";
    let own = |regions: &str| {
        format!("clouds:\n  c:\n{regions}    auth: {{auth_url: {url}, username: u, password: p}}\n")
    };
    let profiled = |regions: &str| {
        (
            own("    profile: acme\n").replace(&format!("auth_url: {url}, "), ""),
            format!("public-clouds:\n  acme:\n{regions}    auth: {{auth_url: {url}}}\n"),
        )
    };
    let listed = "    regions: [R1, R2]\n";
    // (clouds.yaml, clouds-public.yaml, --os-region-name, auth_url)
    let cases = [
        // The cloud's own auth_url, inside `auth:`.
        (
            own(listed),
            String::new(),
            "",
            "https://identity.R1.example.com/v3",
        ),
        (
            own(listed),
            String::new(),
            "R2",
            "https://identity.R2.example.com/v3",
        ),
        (
            own("    region_name: R1\n"),
            String::new(),
            "",
            "https://identity.R1.example.com/v3",
        ),
        (
            own(""),
            String::new(),
            "Any",
            "https://identity.Any.example.com/v3",
        ),
        // No region at all: empty, as openstacksdk's region_name is then ''.
        (
            own(""),
            String::new(),
            "",
            "https://identity..example.com/v3",
        ),
        // A profile's auth_url, with the profile's regions.
        {
            let (c, p) = profiled(listed);
            (c, p, "", "https://identity.R1.example.com/v3")
        },
        {
            let (c, p) = profiled(listed);
            (c, p, "R2", "https://identity.R2.example.com/v3")
        },
        // A profile's auth_url, with the cloud's own region_name.
        {
            let (c, p) = profiled(listed);
            (
                c.replace(
                    "    profile: acme\n",
                    "    profile: acme\n    region_name: R9\n",
                ),
                p,
                "",
                "https://identity.R9.example.com/v3",
            )
        },
    ];
    for (clouds, public, wanted, want) in cases {
        let mut files = vec![("cwd/clouds.yaml", clouds.as_str())];
        if !public.is_empty() {
            files.push(("cwd/clouds-public.yaml", public.as_str()));
        }
        let c = Fixture::new(&files).resolve(&region(wanted)).unwrap();
        assert_eq!(c.auth_value("auth_url"), Some(want), "{clouds}{public}");
    }
    let bad = own(listed).replace("{region_name}", "{nope}");
    let (msg, _) = Fixture::new(&[("cwd/clouds.yaml", &bad)]).err(&Overrides::default());
    assert_eq!(
        msg,
        "auth_url \"https://identity.{nope}.example.com/v3\" refers to an unknown setting {nope}"
    );
}
