//! Several clouds and regions at once: `--all-regions`, `--clouds`, `--all-clouds`; the
//! fixed order, the `cloud` and `region` of each item, and a target that is down.

use serde_json::{Value, json};

use crate::common::{Env, FakeCloud, FakeImage, hermetic, stdout_of, uuid};

/// The demo credentials of a cloud entry, at `auth_url`.
fn entry(name: &str, auth_url: &str) -> String {
    format!(
        "  {name}:\n    auth:\n      auth_url: {auth_url}\n      username: demo\n      \
         password: secret-demo-pw\n      project_name: demo\n      user_domain_name: Default\n      \
         project_domain_name: Default\n    region_name: RegionOne\n"
    )
}

/// Two fake clouds, `one` (images one-a, one-b) and `two` (two-a), and `down` (nothing
/// listens), in a clouds.yaml in that order.
struct Clouds {
    one: FakeCloud,
    two: FakeCloud,
    dir: tempfile::TempDir,
}

impl Clouds {
    fn new() -> Self {
        let (one, two) = (FakeCloud::start(), FakeCloud::start());
        one.add(owned(&uuid(1), "one-a", 1));
        one.add(owned(&uuid(2), "one-b", 2));
        two.add(owned(&uuid(3), "two-a", 3));
        let dir = tempfile::tempdir().unwrap();
        let yaml = format!(
            "clouds:\n{}{}{}",
            entry("one", &one.identity_url()),
            entry("down", "http://127.0.0.1:9/v3"),
            entry("two", &two.identity_url())
        );
        std::fs::write(dir.path().join("clouds.yaml"), yaml).unwrap();
        Clouds { one, two, dir }
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = hermetic(self.dir.path());
        cmd.env("OS_CLIENT_CONFIG_FILE", self.dir.path().join("clouds.yaml"))
            .args(["--retries", "0"])
            .args(args);
        cmd
    }
}

fn owned(id: &str, name: &str, n: u32) -> FakeImage {
    let mut image = FakeImage::new(id, name, n);
    image.owner = fake_cloud::DEMO_PROJECT.into();
    image
}

fn targets(json: &str) -> Vec<(String, String, String)> {
    serde_json::from_str::<Vec<Value>>(json)
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_owned();
            (s("cloud"), s("region"), s("name"))
        })
        .collect()
}

#[test]
fn clouds_are_listed_in_the_order_given_each_item_with_its_cloud_and_region() {
    let c = Clouds::new();
    let json = stdout_of(&mut c.cmd(&["list", "-f", "json", "--clouds", "two,one"]));
    let own = |cloud: &str, name: &str| (cloud.to_owned(), "RegionOne".to_owned(), name.to_owned());
    assert_eq!(
        targets(&json),
        [
            own("two", "two-a"),
            own("one", "one-b"),
            own("one", "one-a")
        ]
    );
    let table = stdout_of(&mut c.cmd(&["list", "--clouds", "one,two", "-c", "name"]));
    assert_eq!(
        table,
        "+-------+-----------+-------+\n\
         | Cloud | Region    | Name  |\n\
         +-------+-----------+-------+\n\
         | one   | RegionOne | one-b |\n\
         | one   | RegionOne | one-a |\n\
         | two   | RegionOne | two-a |\n\
         +-------+-----------+-------+\n"
    );
    let csv = stdout_of(&mut c.cmd(&["list", "--clouds", "two", "-f", "csv", "-c", "id"]));
    assert_eq!(
        csv,
        format!(
            "\"Cloud\",\"Region\",\"ID\"\n\"two\",\"RegionOne\",\"{}\"\n",
            uuid(3)
        )
    );
    let jsonl = stdout_of(&mut c.cmd(&["list", "--clouds", "one", "-f", "jsonl", "-c", "name"]));
    assert_eq!(
        jsonl,
        "{\"cloud\":\"one\",\"region\":\"RegionOne\",\"name\":\"one-b\"}\n\
         {\"cloud\":\"one\",\"region\":\"RegionOne\",\"name\":\"one-a\"}\n"
    );
}

#[test]
fn a_cloud_that_is_down_is_one_error_and_the_others_are_whole() {
    let c = Clouds::new();
    let out = c
        .cmd(&["list", "-f", "json", "--all-clouds"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8));
    let names: Vec<String> = targets(&String::from_utf8(out.stdout).unwrap())
        .into_iter()
        .map(|(cloud, _, name)| format!("{cloud}/{name}"))
        .collect();
    assert_eq!(names, ["one/one-b", "one/one-a", "two/two-a"]);
    let err = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("nova-images: error:"))
        .collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors[0].starts_with("nova-images: error: cloud 'down': "),
        "{err}"
    );
    assert!(errors[0].contains("http://127.0.0.1:9/v3"), "{err}");
    assert_eq!(
        errors[1],
        "nova-images: error: 1 of 3 targets failed; the others are complete"
    );
    // All of them failed: their own exit status.
    let out = c.cmd(&["list", "--clouds", "down"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, b"");
    // The clouds that answered were asked exactly once for their images.
    assert_eq!(c.one.requests("/compute/").len(), 1);
    assert_eq!(c.two.requests("/compute/").len(), 1);
}

#[test]
fn every_region_of_the_catalog_with_one_token() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(1), "img", 1));
    env.cloud.add_region("RegionTwo");
    let json = stdout_of(&mut env.cmd(&["list", "-f", "json", "--all-regions", "-c", "id"]));
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        json!([{"cloud": "demo", "region": "RegionOne", "id": uuid(1)},
               {"cloud": "demo", "region": "RegionTwo", "id": uuid(1)}])
    );
    // One token for both regions, each region's own endpoint.
    assert_eq!(env.cloud.requests("/identity/v3/auth/tokens").len(), 1);
    let uris: Vec<String> = env
        .cloud
        .requests("/compute/")
        .into_iter()
        .map(|l| l.uri)
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.starts_with("/compute/v2.1/images/detail")),
        "{uris:?}"
    );
    assert!(
        uris.iter()
            .any(|u| u.contains("/images/detail") && !u.starts_with("/compute/v2.1/images")),
        "{uris:?}"
    );
}

#[test]
fn single_target_output_keeps_its_shape_and_other_commands_refuse_fan_out() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(1), "img", 1));
    let json = stdout_of(&mut env.cmd(&["list", "-f", "json", "-c", "id"]));
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        json!([{"id": uuid(1)}])
    );
    for args in [
        &["show", "img", "--all-regions"][..],
        &["delete", "img", "--clouds", "a,b"],
        &["id-from-name", "img", "--all-clouds"],
    ] {
        let out = env.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8(out.stderr)
                .unwrap()
                .contains("unexpected argument")
        );
    }
}

#[test]
fn prune_keeps_the_newest_of_each_name_per_cloud_and_survives_a_cloud_that_is_down() {
    let c = Clouds::new();
    c.one.add(owned(&uuid(4), "one-a", 4));
    c.two.add(owned(&uuid(5), "two-a", 5));
    let out = c
        .cmd(&[
            "prune",
            "--keep",
            "1",
            "--all-clouds",
            "--yes",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(8),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let shown: Vec<(String, String, String, String)> = plan
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("").to_owned();
            (s("cloud"), s("id"), s("action"), s("result"))
        })
        .collect();
    let row = |cloud: &str, i: u32, action: &str, result: &str| {
        (
            cloud.to_owned(),
            uuid(i),
            action.to_owned(),
            result.to_owned(),
        )
    };
    assert_eq!(
        shown,
        [
            row("one", 4, "keep", ""),
            row("one", 1, "delete", "deleted"),
            row("one", 2, "keep", ""),
            row("two", 5, "keep", ""),
            row("two", 3, "delete", "deleted"),
        ]
    );
    assert_eq!(c.one.image_ids(), [uuid(2), uuid(4)]);
    assert_eq!(c.two.image_ids(), [uuid(5)]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("nova-images: error: cloud 'down': "), "{err}");
}

#[test]
fn all_clouds_without_a_clouds_yaml_says_so() {
    let dir = tempfile::tempdir().unwrap();
    hermetic(dir.path())
        .args(["list", "--all-clouds"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(
            "nova-images: error: --all-clouds: no clouds.yaml defines a cloud\n\
             hint: see `nova-images config clouds`\n",
        );
}

#[test]
fn all_regions_never_needs_the_configured_region() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(1), "img", 1));
    env.cloud.add_region("RegionTwo");
    let json = stdout_of(
        env.cmd(&["list", "-f", "json", "--all-regions", "-c", "id"])
            .env("OS_REGION_NAME", "Atlantis"),
    );
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        json!([{"cloud": "demo", "region": "RegionOne", "id": uuid(1)},
               {"cloud": "demo", "region": "RegionTwo", "id": uuid(1)}])
    );
}

#[test]
fn regions_on_one_compute_endpoint_are_listed_once() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(1), "img", 1));
    env.cloud.add_region_at_same_endpoint("RegionTwo");
    env.cloud.add_region_at_same_endpoint("RegionThree");
    let json = stdout_of(&mut env.cmd(&["list", "-f", "json", "--all-regions", "-c", "id"]));
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        json!([{"cloud": "demo", "region": "RegionOne", "id": uuid(1)}])
    );
    assert_eq!(env.cloud.requests("/compute/").len(), 1);
}

#[test]
fn a_cloud_named_twice_is_one_target() {
    let c = Clouds::new();
    let json = stdout_of(&mut c.cmd(&["list", "-f", "json", "--clouds", "two,two"]));
    assert_eq!(targets(&json).len(), 1);
    assert_eq!(c.two.requests("/compute/").len(), 1);
}

/// `cmd` (a hermetic run of the binary) with at most `limit` files open: a shell sets
/// `ulimit -n`, then becomes the binary.
fn with_open_files(cmd: &assert_cmd::Command, limit: u32) -> assert_cmd::Command {
    let mut sh = assert_cmd::Command::new("sh");
    sh.arg("-c")
        .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => sh.env(key, value),
            None => sh.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        sh.current_dir(dir);
    }
    sh
}

/// `(cloud, region)` of each item, in order, and the names listed for each.
fn by_target(json: &str) -> Vec<((String, String), Vec<String>)> {
    let mut seen: Vec<((String, String), Vec<String>)> = Vec::new();
    for (cloud, region, name) in targets(json) {
        match seen.last_mut() {
            Some((place, names)) if *place == (cloud.clone(), region.clone()) => names.push(name),
            _ => seen.push(((cloud, region), vec![name])),
        }
    }
    seen
}

#[test]
fn a_hundred_regions_are_listed_whole_with_64_files_open() {
    let env = Env::new();
    for i in 0..3 {
        env.cloud
            .add(FakeImage::new(&uuid(i), &format!("img-{i}"), i));
    }
    // Each region's compute endpoint on a port of its own, as other hosts would be.
    let regions: Vec<String> = (1..=100).map(|r| format!("R{r:03}")).collect();
    env.cloud.add_regions(regions.clone());
    let cmd = env.cmd(&["list", "-f", "json", "--all-regions", "-c", "name"]);
    let out = with_open_files(&cmd, 64).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let expected: Vec<((String, String), Vec<String>)> = ["RegionOne".to_owned()]
        .into_iter()
        .chain(regions)
        .map(|r| {
            let names = ["img-2", "img-1", "img-0"].map(String::from).to_vec();
            (("demo".to_owned(), r), names)
        })
        .collect();
    assert_eq!(by_target(&String::from_utf8(out.stdout).unwrap()), expected);
}

#[test]
fn a_hundred_clouds_are_listed_whole_with_64_files_open() {
    let cloud = FakeCloud::start();
    for i in 0..3 {
        cloud.add(owned(&uuid(i), &format!("img-{i}"), i));
    }
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (1..=100).map(|c| format!("c{c:03}")).collect();
    let entries: String = names
        .iter()
        .map(|n| entry(n, &cloud.identity_url()))
        .collect();
    let file = dir.path().join("clouds.yaml");
    std::fs::write(&file, format!("clouds:\n{entries}")).unwrap();
    // Each cloud authenticates (its token not cached).
    let mut cmd = hermetic(dir.path());
    cmd.env("OS_CLIENT_CONFIG_FILE", &file).args([
        "--no-token-cache",
        "list",
        "-f",
        "json",
        "--all-clouds",
        "-c",
        "name",
    ]);
    let out = with_open_files(&cmd, 64).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let expected: Vec<((String, String), Vec<String>)> = names
        .into_iter()
        .map(|c| {
            let names = ["img-2", "img-1", "img-0"].map(String::from).to_vec();
            ((c, "RegionOne".to_owned()), names)
        })
        .collect();
    assert_eq!(by_target(&String::from_utf8(out.stdout).unwrap()), expected);
}

#[test]
fn through_glance_each_target_is_listed_on_connections_of_its_own_too() {
    let c = Clouds::new();
    let args = ["list", "-f", "json", "--clouds", "two,one", "-c", "name"];
    let nova = stdout_of(&mut c.cmd(&args));
    let glance = stdout_of(c.cmd(&args).arg("--api").arg("glance"));
    assert_eq!(targets(&glance), targets(&nova));
    assert_eq!(targets(&glance).len(), 3);
    assert!(!c.one.requests("/image/").is_empty());
}

#[test]
fn when_every_target_fails_nothing_is_printed_in_any_format() {
    let c = Clouds::new();
    for format in ["json", "jsonl", "yaml", "csv", "table", "value"] {
        let out = c
            .cmd(&["list", "--clouds", "down", "-f", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{format}");
    }
}

#[test]
fn a_failed_cloud_is_named_once() {
    let c = Clouds::new();
    let file = c.dir.path().join("clouds.yaml");
    std::fs::write(
        &file,
        format!(
            "clouds:\n{}  nourl:\n    auth:\n      username: demo\n      password: pw\n",
            entry("one", &c.one.identity_url())
        ),
    )
    .unwrap();
    let out = c
        .cmd(&["list", "--clouds", "one,nourl,nosuch", "-c", "name"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8));
    let err = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<&str> = err.lines().filter(|l| l.contains("error:")).collect();
    let not_found = format!(
        "nova-images: error: cloud 'nosuch' was not found in {}",
        file.display()
    );
    assert_eq!(
        errors,
        [
            "nova-images: error: cloud 'nourl' has no auth_url (auth type password)",
            &not_found,
            "nova-images: error: 2 of 3 targets failed; the others are complete",
        ],
        "{err}"
    );
}

#[test]
fn a_region_whose_credentials_are_refused_is_named_once() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(1), "img", 1));
    env.cloud.add_region("RegionTwo");
    // A first run caches the token; then it is revoked and the password refused.
    stdout_of(&mut env.cmd(&["list", "--all-regions"]));
    env.cloud.revoke_all_tokens();
    env.cloud.refuse_passwords(true);
    let out = env
        .cmd(&["--retries", "0", "list", "--all-regions", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let err = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<&str> = err.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 3, "{err}");
    for (line, region) in errors.iter().zip(["RegionOne", "RegionTwo"]) {
        assert!(
            line.starts_with(&format!(
                "nova-images: error: authentication failed for cloud 'demo' region '{region}': "
            )),
            "{err}"
        );
        assert_eq!(line.matches("cloud 'demo'").count(), 1, "{err}");
    }
}

#[test]
fn a_temporary_file_that_cannot_be_made_names_its_directory() {
    let env = Env::new();
    // 20 names of 256 KB: 5 MB of JSON, more than a listing keeps in memory.
    for i in 0..20 {
        let name = format!("{i:02}{}", "n".repeat(256 * 1024));
        env.cloud.add(FakeImage::new(&uuid(i), &name, i));
    }
    let missing = env.dir.path().join("no-such-dir");
    let out = env
        .cmd(&["list", "-f", "json", "-c", "name"])
        .env("TMPDIR", &missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.lines().next().unwrap_or_default(),
        format!(
            "nova-images: error: cannot keep the listing in a temporary file in {}: No such \
             file or directory (os error 2)",
            missing.display()
        ),
        "{err}"
    );
}
