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
