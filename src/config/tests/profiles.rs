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
    assert_eq!(
        c.profile_source,
        Some(ProfileSource::File {
            path: f.dir.path().join("cwd/clouds-public.yaml"),
            overrides_bundled: false
        })
    );
}

#[test]
fn a_profile_says_where_it_came_from() {
    let clouds = "clouds:\n  c:\n    profile: citycloud\n    auth: {username: a, password: p, project_name: x}\n";
    let bundled = Fixture::new(&[("cwd/clouds.yaml", clouds)]).ok();
    assert_eq!(bundled.profile_source, Some(ProfileSource::Bundled));
    let public = "public-clouds:\n  citycloud:\n    auth: {auth_url: 'https://elsewhere/v3'}\n";
    let f = Fixture::new(&[
        ("cwd/clouds.yaml", clouds),
        ("cwd/clouds-public.yaml", public),
    ]);
    let replaced = f.ok();
    assert_eq!(
        replaced.auth_value("auth_url"),
        Some("https://elsewhere/v3")
    );
    assert_eq!(
        replaced.profile_source,
        Some(ProfileSource::File {
            path: f.dir.path().join("cwd/clouds-public.yaml"),
            overrides_bundled: true
        })
    );
    let none = Fixture::new(&[("cwd/clouds.yaml", ONE)]).ok();
    assert_eq!((none.profile, none.profile_source), (None, None));
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
fn remote_profiles_fail_clearly_and_unknown_ones_warn() {
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
        assert_eq!(c.profile, None, "{label}");
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

// ---- bundled vendor profiles --------------------------------------------------------

/// A cloud entry with the given extra lines and credentials, without auth_url.
fn entry(extra: &str) -> String {
    format!("clouds:\n  c:\n{extra}    auth: {{username: u, password: p, project_name: demo}}\n")
}

#[test]
fn bundled_profiles_resolve_as_openstacksdk_does() {
    // (cloud entry lines, --os-region-name, auth_url, region_name)
    let cases = [
        // A plain profile: auth_url, domains and one region_name.
        (
            "    profile: auro\n",
            None,
            "https://api.van2.auro.io:5000/v3",
            "RegionOne",
        ),
        // The legacy `cloud:` key names a profile too.
        (
            "    cloud: elastx\n",
            None,
            "https://ops.elastx.cloud:5000/v3",
            "se-sto",
        ),
        // `regions` as names: the first, or the one asked for.
        (
            "    profile: switchengines\n",
            None,
            "https://keystone.cloud.switch.ch:5000/v3",
            "LS",
        ),
        (
            "    profile: switchengines\n",
            Some("ZH"),
            "https://keystone.cloud.switch.ch:5000/v3",
            "ZH",
        ),
        // `regions` as `{name, values}` (the one YAML profile).
        (
            "    profile: limestonenetworks\n",
            None,
            "https://auth.cloud.lstn.net:5000/v3",
            "us-dfw-1",
        ),
        (
            "    profile: limestonenetworks\n",
            Some("us-slc"),
            "https://auth.cloud.lstn.net:5000/v3",
            "us-slc",
        ),
        // `{region_name}` in the profile's auth_url, from the first region or the option.
        (
            "    profile: citycloud\n",
            None,
            "https://Buf1.citycloud.com:5000/v3/",
            "Buf1",
        ),
        (
            "    profile: otc\n",
            Some("eu-nl"),
            "https://iam.eu-nl.otc.t-systems.com/v3",
            "eu-nl",
        ),
        // The cloud's own region_name replaces the profile's regions.
        (
            "    profile: citycloud\n    region_name: Fra1\n",
            None,
            "https://Fra1.citycloud.com:5000/v3/",
            "Fra1",
        ),
    ];
    for (extra, wanted, url, want_region) in cases {
        let f = Fixture::new(&[("cwd/clouds.yaml", &entry(extra))]);
        let c = f.resolve(&region(wanted.unwrap_or_default())).unwrap();
        assert_eq!(c.auth_value("auth_url"), Some(url), "{extra}");
        assert_eq!(c.region_name.as_deref(), Some(want_region), "{extra}");
        assert_eq!(c.auth_value("username"), Some("u"), "{extra}");
    }
    // The profile's domains are the cloud's; without them the default domain fills in.
    let c = Fixture::new(&[("cwd/clouds.yaml", &entry("    profile: auro\n"))]).ok();
    assert_eq!(c.auth_value("user_domain_name"), Some("Default"));
    assert_eq!(c.auth_value("project_domain_name"), Some("Default"));
    assert_eq!(c.auth_value("user_domain_id"), None);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // The cloud's own auth values win over the profile's.
    let yaml =
        entry("    profile: auro\n").replace("auth: {", "auth: {auth_url: 'https://mine/v3', ");
    let c = Fixture::new(&[("cwd/clouds.yaml", &yaml)]).ok();
    assert_eq!(c.auth_value("auth_url"), Some("https://mine/v3"));
}

#[test]
fn a_deprecated_bundled_profile_warns_with_its_message() {
    let c = Fixture::new(&[("cwd/clouds.yaml", &entry("    profile: fuga\n"))]).ok();
    assert_eq!(c.profile.as_deref(), Some("fuga"));
    assert_eq!(
        c.warnings,
        ["fuga is deprecated: the API Endpoint is no longer responsive"]
    );
    assert_eq!(
        c.auth_value("auth_url"),
        Some("https://identity.api.fuga.io:5000")
    );
    assert_eq!(c.region_name.as_deref(), Some("cystack"));
}

#[test]
fn shutdown_bundled_profiles_fail_with_their_message() {
    let cases = [
        (
            "betacloud",
            "betacloud references a cloud that no longer exists: betacloud.de has ceased business",
        ),
        (
            "ibmcloud",
            "ibmcloud references a cloud that no longer exists: the API Endpoint is no longer responsive",
        ),
        (
            "internap",
            "internap references a cloud that no longer exists: Internap have been rebranded as HorizonIQ",
        ),
        (
            "ultimum",
            "ultimum references a cloud that no longer exists: ultimum-cloud.com has ceased business",
        ),
        (
            "unitedstack",
            "unitedstack references a cloud that no longer exists: the API Endpoint is no longer responsive",
        ),
    ];
    for (profile, want) in cases {
        let f = Fixture::new(&[(
            "cwd/clouds.yaml",
            &entry(&format!("    profile: {profile}\n")),
        )]);
        let (msg, hint) = f.err(&Overrides::default());
        assert_eq!(msg, want);
        assert_eq!(hint.as_deref(), Some("cloud 'c' needs another profile"));
    }
}

#[test]
fn a_region_not_in_the_profile_names_the_valid_ones() {
    let cases = [
        (
            "    profile: switchengines\n",
            "zh",
            "region zh is not a valid region name for cloud c; valid choices are LS, ZH (region names are case sensitive)",
        ),
        (
            "    profile: auro\n",
            "RegionTwo",
            "region RegionTwo is not a valid region name for cloud c; valid choices are RegionOne (region names are case sensitive)",
        ),
        // Only the cloud's own region_name is known then, as in openstacksdk.
        (
            "    profile: citycloud\n    region_name: Fra1\n",
            "Sto2",
            "region Sto2 is not a valid region name for cloud c; valid choices are Fra1 (region names are case sensitive)",
        ),
    ];
    for (extra, wanted, want) in cases {
        let f = Fixture::new(&[("cwd/clouds.yaml", &entry(extra))]);
        assert_eq!(f.err(&region(wanted)).0, want);
    }
}

#[test]
fn clouds_public_overrides_a_bundled_profile_of_the_same_name() {
    let public = "public-clouds:\n  citycloud:\n    auth: {auth_url: 'https://{region_name}.mirror.example/v3'}\n    regions: [Mine]\n  vexxhost:\n    auth: {auth_url: 'https://vexx.example/v3'}\n    region_name: ca-ymq-1\n";
    let cases = [
        ("citycloud", "https://Mine.mirror.example/v3", "Mine"),
        // A bundled profile that is remote works once clouds-public has it.
        ("vexxhost", "https://vexx.example/v3", "ca-ymq-1"),
    ];
    for (profile, url, want_region) in cases {
        let f = Fixture::new(&[
            (
                "cwd/clouds.yaml",
                &entry(&format!("    profile: {profile}\n")),
            ),
            ("cwd/clouds-public.yaml", public),
        ]);
        let c = f.ok();
        assert_eq!(c.auth_value("auth_url"), Some(url), "{profile}");
        assert_eq!(c.region_name.as_deref(), Some(want_region), "{profile}");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }
}

#[test]
fn remote_bundled_profiles_are_refused_by_name() {
    for (profile, url) in [
        ("ovh", "https://ovhcloud.com"),
        ("vexxhost", "https://vexxhost.com"),
    ] {
        let f = Fixture::new(&[(
            "cwd/clouds.yaml",
            &entry(&format!("    profile: {profile}\n")),
        )]);
        let (msg, hint) = f.err(&Overrides::default());
        assert_eq!(
            msg,
            format!(
                "cloud 'c' uses openstacksdk's built-in vendor profile '{profile}', which is the remote profile {url} that nova-images does not fetch"
            )
        );
        assert_eq!(
            hint,
            Some(format!(
                "copy the profile into clouds-public.yaml under `public-clouds: {profile}:`, or put its auth_url and regions in the cloud entry"
            ))
        );
    }
}
