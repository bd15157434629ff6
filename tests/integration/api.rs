//! `--api nova|glance` (and `NOVA_IMAGES_API`, `nova_images_api` in clouds.yaml): every
//! command gives the same stdout through Glance as through Nova's images API, over several
//! pages and every filter, and each path keeps to its own API (the fake cloud's request log).

use serde_json::{Value, json};

use crate::common::{Env, FakeImage, stdout_of};

/// Images of every kind Nova's view treats differently: real clouds' property shapes,
/// snapshots (`server`, `OS-DCF:diskConfig`), each Glance status, no size, no name, a
/// private image of the demo project (demo may change and delete it).
pub(crate) fn catalog(env: &Env) {
    for n in 0..9u32 {
        let mut image = FakeImage::nova_shaped(
            &format!("a0000000-0000-4000-8000-{n:012}"),
            &format!("image-{}", n % 4),
            n,
        );
        image.glance_status = ["active", "queued", "saving", "deactivated"][n as usize % 4].into();
        image.owner = fake_cloud::DEMO_PROJECT.into();
        env.cloud.add(image);
    }
    let mut odd = FakeImage::new("b0000000-0000-4000-8000-000000000001", "odd", 20);
    odd.name = None;
    odd.size = None;
    odd.min_ram = 64;
    odd.properties = serde_json::from_value(json!({
        "block_device_mapping": "[{\"boot_index\": 0, \"source_type\": \"snapshot\"}]",
        "mappings": "[]", "kernel_id": null, "auto_disk_config": "False"
    }))
    .unwrap();
    env.cloud.add(odd);
    let mut mine = FakeImage::new("b0000000-0000-4000-8000-000000000002", "mine", 21);
    mine.owner = fake_cloud::DEMO_PROJECT.into();
    mine.public = false;
    env.cloud.add(mine);
}

/// A fake cloud with [`catalog`].
pub(crate) fn cataloged() -> Env {
    let env = Env::new();
    catalog(&env);
    env
}

/// `args` run with `--api API` in front.
fn with_api<'a>(api: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--api", api];
    all.extend_from_slice(args);
    all
}

/// The run's stdout, exit code and stderr.
pub(crate) fn run(env: &Env, args: &[&str]) -> (String, Option<i32>, String) {
    let out = env.cmd(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `links` removed everywhere in a JSON document (the one field the paths show differently).
fn unlinked(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("links");
            map.values_mut().for_each(unlinked);
        }
        Value::Array(items) => items.iter_mut().for_each(unlinked),
        _ => {}
    }
}

/// Runs `args` through Nova then through Glance on the same cloud: the same stdout (links
/// removed from JSON with `json`) and the same exit code; each path asked only its API.
fn same(env: &Env, args: &[&str], json: bool) -> String {
    env.cloud.clear_requests();
    let (nova, nova_code, nova_err) = run(env, &with_api("nova", args));
    assert!(
        env.cloud.glance_calls().is_empty(),
        "{args:?}: nova asked glance"
    );
    env.cloud.clear_requests();
    let (glance, glance_code, glance_err) = run(env, &with_api("glance", args));
    let asked_nova_images = (env.cloud.nova_calls().iter()).any(|c| c.contains("/images"));
    assert!(!asked_nova_images, "{args:?}: glance asked nova's images");
    assert_eq!(nova_code, glance_code, "{args:?}\n{nova_err}\n{glance_err}");
    if json {
        let parse = |s: &str| {
            let mut v: Value = serde_json::from_str(s).unwrap();
            unlinked(&mut v);
            v
        };
        assert_eq!(parse(&nova), parse(&glance), "{args:?}");
    } else {
        assert_eq!(nova, glance, "{args:?}");
    }
    nova
}

#[test]
fn list_is_the_same_through_glance_in_every_format_filter_and_page_size() {
    let env = cataloged();
    let filters: &[&[&str]] = &[
        &[],
        &["--name", "image-1"],
        &["--status", "ACTIVE"],
        &["--status", "SAVING"],
        &["--status", "all"],
        &["--changes-since", "2024-01-01T00:03:00Z"],
        &["--min-ram", "64"],
        &["--min-disk", "10"],
        &["--type", "snapshot"],
        &["--limit", "3"],
        &["--marker", "a0000000-0000-4000-8000-000000000005"],
        &["--match", "^image-[12]$"],
        &["--property", "os_distro=ubuntu"],
        &["--older-than", "1d"],
    ];
    for filter in filters {
        for page in ["1000", "2"] {
            let mut args = vec!["list", "--page-size", page];
            args.extend_from_slice(filter);
            for format in [&["--long"][..], &["-f", "value"], &["-f", "csv", "--long"]] {
                let mut all = args.clone();
                all.extend_from_slice(format);
                same(&env, &all, false);
            }
            let mut all = args.clone();
            all.extend_from_slice(&["-f", "json", "--long"]);
            same(&env, &all, true);
        }
    }
    // Not empty: the comparison is of something.
    let listed = same(&env, &["list", "-f", "value", "-c", "id"], false);
    assert_eq!(listed.lines().count(), 11, "{listed}");
    // Sorting, and a server's snapshots.
    same(&env, &["list", "--sort-column", "Name", "--long"], false);
    let server =
        stdout_of(&mut env.cmd(&["show", "a0000000-0000-4000-8000-000000000000", "-f", "json"]));
    let server: Value = serde_json::from_str(&server).unwrap();
    if let Some(id) = server.pointer("/server/id").and_then(Value::as_str) {
        same(&env, &["list", "--server", id, "-f", "value"], false);
    }
}

#[test]
fn show_id_from_name_metadata_get_and_presence_are_the_same_through_glance() {
    let env = cataloged();
    for id in [
        "a0000000-0000-4000-8000-000000000000",
        "a0000000-0000-4000-8000-000000000003",
        "b0000000-0000-4000-8000-000000000001",
    ] {
        same(&env, &["show", id], false);
        same(&env, &["show", id, "-f", "json"], true);
        same(&env, &["metadata", "list", id], false);
    }
    same(&env, &["show", "mine"], false);
    same(&env, &["show", "no-such-image"], false);
    same(
        &env,
        &["show", "c0000000-0000-4000-8000-000000000000"],
        false,
    );
    same(&env, &["id-from-name", "mine"], false);
    same(&env, &["id-from-name", "image-1"], false);
    same(
        &env,
        &["id-from-name", "--match", "^image-", "--newest"],
        false,
    );
    same(&env, &["metadata", "get", "mine", "nothing"], false);
    same(
        &env,
        &[
            "metadata",
            "get",
            "a0000000-0000-4000-8000-000000000000",
            "os_distro",
        ],
        false,
    );
    same(&env, &["presence", "mine", "image-1", "gone"], false);
    same(&env, &["wait", "mine"], false);
}

/// Runs `args` on two fresh clouds with the same images, through Nova and through Glance:
/// the same stdout and exit code, and the same images left.
fn same_change(args: &[&str]) {
    let (nova_env, glance_env) = (cataloged(), cataloged());
    let (nova, nova_code, nova_err) = run(&nova_env, &with_api("nova", args));
    let (glance, glance_code, glance_err) = run(&glance_env, &with_api("glance", args));
    assert!(nova_env.cloud.glance_calls().is_empty(), "{args:?}");
    let asked_nova_images = (glance_env.cloud.nova_calls().iter()).any(|c| c.contains("/images"));
    assert!(!asked_nova_images, "{args:?}: glance asked nova's images");
    assert_eq!(
        (nova_code, &nova),
        (glance_code, &glance),
        "{args:?}\n{nova_err}\n{glance_err}"
    );
    let left = |env: &Env| {
        stdout_of(&mut env.cmd(&["--api", "nova", "list", "--long", "--status", "all"]))
    };
    assert_eq!(left(&nova_env), left(&glance_env), "{args:?}");
    let meta = |env: &Env| run(env, &["--api", "nova", "metadata", "list", "mine"]).0;
    assert_eq!(meta(&nova_env), meta(&glance_env), "{args:?}");
}

#[test]
fn changes_are_the_same_through_glance() {
    for args in [
        &["metadata", "set", "mine", "a=1", "b=2"][..],
        &["metadata", "replace", "mine", "c=3"],
        &["metadata", "unset", "mine", "nothing"],
        &["delete", "mine"],
        &["delete", "mine", "--wait"],
        &["delete", "mine", "-f", "json"],
        // stderr names the URL of each API; stdout and the exit code are the same.
        &["delete", "mine", "no-such-image"],
        &[
            "delete",
            "a0000000-0000-4000-8000-000000000000",
            "a0000000-0000-4000-8000-000000000001",
        ],
        &["prune", "--keep", "1", "--match", "^image-", "--dry-run"],
        &[
            "prune", "--keep", "1", "--match", "^image-", "--yes", "--status", "all",
        ],
    ] {
        same_change(args);
    }
}

#[test]
fn the_api_comes_from_the_flag_the_variable_or_clouds_yaml_in_that_order() {
    let env = cataloged();
    let yaml = std::fs::read_to_string(env.clouds_file()).unwrap();
    let yaml = yaml.replace(
        "    region_name: RegionOne\n  admin:",
        "    region_name: RegionOne\n    nova_images_api: glance\n  admin:",
    );
    std::fs::write(env.clouds_file(), yaml).unwrap();
    // What each run asked: Glance (g) or Nova's images (n).
    let asked = |cmd: &mut assert_cmd::Command| {
        env.cloud.clear_requests();
        stdout_of(cmd);
        let nova = (env.cloud.nova_calls().iter()).any(|c| c.contains("/images"));
        match (nova, !env.cloud.glance_calls().is_empty()) {
            (true, false) => "n",
            (false, true) => "g",
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(asked(&mut env.cmd(&["list"])), "g");
    assert_eq!(
        asked(env.cmd(&["list"]).env("NOVA_IMAGES_API", "nova")),
        "n"
    );
    assert_eq!(
        asked(
            env.cmd(&["--api", "glance", "list"])
                .env("NOVA_IMAGES_API", "nova")
        ),
        "g"
    );
    assert_eq!(asked(&mut env.cmd_as("admin", &["list"])), "n");
    assert_eq!(
        asked(
            env.cmd_as("admin", &["list"])
                .env("NOVA_IMAGES_API", "glance")
        ),
        "g"
    );
    // A value that is none of the three, named.
    env.cmd(&["--api", "cinder", "list"]).assert().code(2);
    let yaml = std::fs::read_to_string(env.clouds_file()).unwrap();
    std::fs::write(
        env.clouds_file(),
        yaml.replace("nova_images_api: glance", "nova_images_api: cinder"),
    )
    .unwrap();
    let (out, code, err) = run(&env, &["list"]);
    assert_eq!((out.as_str(), code), ("", Some(3)), "{err}");
    assert!(
        err.contains("images API \"cinder\" is not one of auto, nova, glance"),
        "{err}"
    );
}

#[test]
fn fan_out_lists_every_cloud_through_glance() {
    let env = cataloged();
    same(&env, &["list", "--clouds", "demo,admin", "--long"], false);
    same(&env, &["list", "--all-clouds", "-f", "json"], true);
    same(
        &env,
        &["prune", "--all-clouds", "--keep", "1", "--dry-run"],
        false,
    );
}

#[test]
fn glance_serves_when_novas_images_routes_answer_404_410_or_504_and_nova_does_not() {
    let env = cataloged();
    let all = stdout_of(&mut env.cmd(&["--api", "nova", "list", "-f", "value", "-c", "id"]));
    assert_eq!(all.lines().count(), 11, "{all}");
    for status in [404, 410, 504] {
        env.cloud.set_nova_images_gone(Some(status));
        for args in [
            &["list", "-f", "value", "-c", "id"][..],
            &["show", "mine", "-f", "value", "-c", "id"],
            &[
                "metadata",
                "list",
                "a0000000-0000-4000-8000-000000000000",
                "-f",
                "value",
            ],
            &["id-from-name", "mine"],
        ] {
            let (glance, code, err) = run(&env, &with_api("glance", args));
            assert_eq!(code, Some(0), "{status} {args:?}: {err}");
            assert!(
                !glance.is_empty() && err.is_empty(),
                "{status} {args:?}: {err}"
            );
            if args[0] == "list" {
                assert_eq!(glance, all);
            }
            let (nova, code, _) = run(
                &env,
                &with_api("nova", &[&["--retries", "0"][..], args].concat()),
            );
            assert_eq!(
                (nova.as_str(), code == Some(0)),
                ("", false),
                "{status} {args:?}"
            );
        }
    }
    env.cloud.set_nova_images_gone(None);
    assert_eq!(
        stdout_of(&mut env.cmd(&["--api", "nova", "list", "-f", "value", "-c", "id"])),
        all
    );
}
