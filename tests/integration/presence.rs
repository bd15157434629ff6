//! `presence`: each name's state in every target (two fake clouds, one of them with a second
//! region of its own), the exit status a pipeline gates on, a target that is down, --match,
//! and the JSON shape.

use serde_json::{Value, json};

use crate::common::{FakeCloud, FakeImage, hermetic, uuid};

/// The demo credentials of a cloud entry, at `auth_url`.
fn entry(name: &str, auth_url: &str) -> String {
    format!(
        "  {name}:\n    auth:\n      auth_url: {auth_url}\n      username: demo\n      \
         password: secret-demo-pw\n      project_name: demo\n      user_domain_name: Default\n      \
         project_domain_name: Default\n    region_name: RegionOne\n"
    )
}

/// Cloud `one` with RegionOne and RegionTwo (another fake Nova, with images of its own),
/// cloud `two` with RegionOne, and `down` (nothing listens), in a clouds.yaml.
struct Clouds {
    one: FakeCloud,
    one_two: FakeCloud,
    two: FakeCloud,
    dir: tempfile::TempDir,
}

impl Clouds {
    fn new() -> Self {
        let (one, one_two, two) = (FakeCloud::start(), FakeCloud::start(), FakeCloud::start());
        // RegionTwo's Nova takes the token of RegionOne's Keystone, as a real region does.
        one_two.set_noauth(true);
        one.add_region_at("RegionTwo", &one_two.compute_url());
        let dir = tempfile::tempdir().unwrap();
        let yaml = format!(
            "clouds:\n{}{}{}",
            entry("one", &one.identity_url()),
            entry("down", "http://127.0.0.1:9/v3"),
            entry("two", &two.identity_url())
        );
        std::fs::write(dir.path().join("clouds.yaml"), yaml).unwrap();
        Clouds {
            one,
            one_two,
            two,
            dir,
        }
    }

    /// The three targets, in order.
    fn regions(&self) -> [&FakeCloud; 3] {
        [&self.one, &self.one_two, &self.two]
    }

    /// `name` once in every target, ACTIVE and of one size; IDs from `first`.
    fn everywhere(&self, name: &str, first: u32) {
        for (i, cloud) in self.regions().into_iter().enumerate() {
            cloud.add(image(first + i as u32, name, 10, 4096));
        }
    }

    /// `presence ARGS --all-regions --clouds one,two`, hermetic.
    fn presence(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.cmd(&["presence"]);
        cmd.args(args)
            .args(["--all-regions", "--clouds", "one,two"]);
        cmd
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = hermetic(self.dir.path());
        cmd.env("OS_CLIENT_CONFIG_FILE", self.dir.path().join("clouds.yaml"))
            .args(["--retries", "0"])
            .args(args);
        cmd
    }
}

/// An ACTIVE image `n` (its ID `uuid(n)`) created at minute `minute`, of `size` bytes.
fn image(n: u32, name: &str, minute: u32, size: u64) -> FakeImage {
    let mut image = FakeImage::new(&uuid(n), name, minute);
    image.size = Some(size);
    image
}

const HINT: &str = "hint: the table (or -f json) says, target by target, what is there instead\n";

#[test]
fn names_present_everywhere_exit_0_each_asked_once_per_target_by_name() {
    let c = Clouds::new();
    c.everywhere("ubuntu", 1);
    c.everywhere("debian", 4);
    c.presence(&["ubuntu", "debian"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(
            "+--------+---------------+---------------+---------------+-----------+\n\
         | Name   | one/RegionOne | one/RegionTwo | two/RegionOne | Same Size |\n\
         +--------+---------------+---------------+---------------+-----------+\n\
         | ubuntu | ACTIVE        | ACTIVE        | ACTIVE        | yes       |\n\
         | debian | ACTIVE        | ACTIVE        | ACTIVE        | yes       |\n\
         +--------+---------------+---------------+---------------+-----------+\n",
        );
    for cloud in c.regions() {
        let asked: Vec<String> = (cloud.nova_calls().iter())
            .map(|call| call.rsplit('?').next().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(asked, ["limit=1000&name=ubuntu", "limit=1000&name=debian"]);
    }
}

#[test]
fn a_name_missing_in_one_region_is_missing_there_and_exits_5_with_the_table() {
    let c = Clouds::new();
    c.everywhere("debian", 4);
    c.one.add(image(1, "ubuntu", 10, 4096));
    c.two.add(image(3, "ubuntu", 10, 4096));
    c.presence(&["ubuntu", "debian"])
        .assert()
        .code(5)
        .stdout(
            "+--------+---------------+---------------+---------------+-----------+\n\
             | Name   | one/RegionOne | one/RegionTwo | two/RegionOne | Same Size |\n\
             +--------+---------------+---------------+---------------+-----------+\n\
             | ubuntu | ACTIVE        | missing       | ACTIVE        | yes       |\n\
             | debian | ACTIVE        | ACTIVE        | ACTIVE        | yes       |\n\
             +--------+---------------+---------------+---------------+-----------+\n",
        )
        .stderr(format!(
            "nova-images: error: 1 of 2 names are not ACTIVE exactly once in every target: \
             \"ubuntu\"\n{HINT}"
        ));
}

#[test]
fn a_duplicated_name_shows_the_newest_status_and_passes_only_with_newest() {
    let c = Clouds::new();
    c.everywhere("ubuntu", 1);
    c.two.add(image(7, "ubuntu", 20, 4096));
    let table = "+--------+---------------+---------------+-------------------+-----------+\n\
                 | Name   | one/RegionOne | one/RegionTwo | two/RegionOne     | Same Size |\n\
                 +--------+---------------+---------------+-------------------+-----------+\n\
                 | ubuntu | ACTIVE        | ACTIVE        | 2 images (ACTIVE) | yes       |\n\
                 +--------+---------------+---------------+-------------------+-----------+\n";
    c.presence(&["ubuntu"]).assert().code(5).stdout(table);
    c.presence(&["ubuntu", "--newest"])
        .assert()
        .code(0)
        .stdout(table)
        .stderr("");
    // The newest is still being uploaded: not even --newest passes.
    c.two
        .edit_image(&uuid(7), |i| i.glance_status = "saving".into());
    c.presence(&["ubuntu", "--newest"])
        .assert()
        .code(5)
        .stdout(predicates::str::contains("| 2 images (SAVING) |"))
        .stderr(format!(
            "nova-images: error: 1 of 1 names have no ACTIVE newest image in every target: \
             \"ubuntu\"\n{HINT}"
        ));
}

#[test]
fn active_images_of_differing_sizes_are_marked_and_long_shows_them() {
    let c = Clouds::new();
    c.everywhere("ubuntu", 1);
    c.one_two.edit_image(&uuid(2), |i| i.size = Some(5000));
    // A SAVING image's size is not compared.
    c.everywhere("debian", 4);
    c.two.edit_image(&uuid(6), |i| {
        i.glance_status = "queued".into();
        i.size = Some(0);
    });
    c.presence(&["ubuntu", "debian", "-f", "csv", "--long"])
        .assert()
        .code(5)
        .stdout(
            "\"Name\",\"one/RegionOne\",\"one/RegionOne Size\",\"one/RegionOne Created\",\
             \"one/RegionTwo\",\"one/RegionTwo Size\",\"one/RegionTwo Created\",\
             \"two/RegionOne\",\"two/RegionOne Size\",\"two/RegionOne Created\",\"Same Size\"\n\
             \"ubuntu\",\"ACTIVE\",4096,\"2024-01-01T00:10:00Z\",\"ACTIVE\",5000,\
             \"2024-01-01T00:10:00Z\",\"ACTIVE\",4096,\"2024-01-01T00:10:00Z\",\"differs\"\n\
             \"debian\",\"ACTIVE\",4096,\"2024-01-01T00:10:00Z\",\"ACTIVE\",4096,\
             \"2024-01-01T00:10:00Z\",\"SAVING\",0,\"2024-01-01T00:10:00Z\",\"yes\"\n",
        );
    // Differing sizes alone do not fail the check.
    c.presence(&["ubuntu", "-f", "value"])
        .assert()
        .code(0)
        .stdout("ubuntu ACTIVE ACTIVE ACTIVE differs\n");
}

#[test]
fn a_target_that_is_down_is_failed_never_missing_and_exits_8() {
    let c = Clouds::new();
    c.everywhere("ubuntu", 1);
    c.everywhere("debian", 4);
    // A region of cloud two whose compute endpoint does not answer.
    c.two
        .add_region_at("RegionDown", "http://127.0.0.1:9/compute/v2.1");
    let out = c
        .cmd(&["presence", "ubuntu", "debian", "--all-regions"])
        .args(["--clouds", "one,down,two"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "+--------+---------------+---------------+--------+---------------+----------------+-----------+\n\
         | Name   | one/RegionOne | one/RegionTwo | down   | two/RegionOne | two/RegionDown | Same Size |\n\
         +--------+---------------+---------------+--------+---------------+----------------+-----------+\n\
         | ubuntu | ACTIVE        | ACTIVE        | failed | ACTIVE        | failed         | yes       |\n\
         | debian | ACTIVE        | ACTIVE        | failed | ACTIVE        | failed         | yes       |\n\
         +--------+---------------+---------------+--------+---------------+----------------+-----------+\n"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<&str> = (err.lines())
        .filter(|l| l.starts_with("nova-images: error:"))
        .collect();
    // Each failed target is told once, though two names were asked for.
    assert_eq!(errors.len(), 3, "{err}");
    assert!(
        errors[0].starts_with("nova-images: error: cloud 'down': "),
        "{err}"
    );
    assert!(
        errors[1].starts_with("nova-images: error: cloud 'two' region 'RegionDown': "),
        "{err}"
    );
    assert_eq!(
        errors[2],
        "nova-images: error: 2 of 5 targets failed; the others are complete"
    );
    // Every target down: no table, their own status.
    c.cmd(&["presence", "ubuntu", "--clouds", "down"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn match_makes_a_row_of_every_name_it_finds_in_one_pass_per_target() {
    let c = Clouds::new();
    c.everywhere("ubuntu-24.04", 1);
    c.everywhere("debian-12", 4);
    c.two.add(image(8, "ubuntu-22.04", 10, 4096));
    c.presence(&["--match", "^ubuntu-"])
        .assert()
        .code(5)
        .stdout(
            "+--------------+---------------+---------------+---------------+-----------+\n\
             | Name         | one/RegionOne | one/RegionTwo | two/RegionOne | Same Size |\n\
             +--------------+---------------+---------------+---------------+-----------+\n\
             | ubuntu-22.04 | missing       | missing       | ACTIVE        | yes       |\n\
             | ubuntu-24.04 | ACTIVE        | ACTIVE        | ACTIVE        | yes       |\n\
             +--------------+---------------+---------------+---------------+-----------+\n",
        )
        .stderr(format!(
            "nova-images: error: 1 of 2 names are not ACTIVE exactly once in every target: \
             \"ubuntu-22.04\"\n{HINT}"
        ));
    for cloud in c.regions() {
        assert_eq!(cloud.nova_calls().len(), 1, "{:?}", cloud.nova_calls());
        assert!(cloud.nova_calls()[0].ends_with("/images/detail?limit=1000"));
    }
    // Nothing matches: exit 5, nothing to show.
    c.presence(&["--match", "^centos"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(
            "nova-images: error: no image whose name matches \"^centos\"\n\
             hint: `nova-images list` with the same filters shows what they select (-v: how \
             many an age left out)\n",
        );
}

#[test]
fn many_names_are_one_pass_per_target() {
    let c = Clouds::new();
    let names: Vec<String> = (0..11).map(|n| format!("img-{n:02}")).collect();
    for (n, name) in names.iter().enumerate() {
        c.everywhere(name, 10 * n as u32);
    }
    let mut args: Vec<&str> = names.iter().map(String::as_str).collect();
    args.extend(["-f", "value"]);
    let out = c.presence(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = String::from_utf8(out.stdout).unwrap();
    assert_eq!(rows.lines().count(), 11);
    assert!(
        rows.starts_with("img-00 ACTIVE ACTIVE ACTIVE yes\nimg-01 "),
        "{rows}"
    );
    for cloud in c.regions() {
        assert_eq!(cloud.nova_calls().len(), 1, "{:?}", cloud.nova_calls());
    }
}

#[test]
fn json_is_one_object_per_name_with_a_map_of_the_targets() {
    let c = Clouds::new();
    c.everywhere("ubuntu", 1);
    c.two.add(image(7, "ubuntu", 20, 8192));
    c.one_two
        .edit_image(&uuid(2), |i| i.glance_status = "saving".into());
    c.two
        .add_region_at("RegionDown", "http://127.0.0.1:9/compute/v2.1");
    let out = c
        .presence(&["ubuntu", "debian", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8));
    let present = |n: u32, status: &str, size: u64, created: &str| {
        json!({"state": "present", "count": 1, "status": status, "id": uuid(n),
               "size": size, "created": created})
    };
    let missing = json!({"state": "missing", "count": 0, "status": null, "id": null,
                         "size": null, "created": null});
    let failed = json!({"state": "failed", "count": null, "status": null, "id": null,
                        "size": null, "created": null});
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        json!([
            {"name": "ubuntu", "everywhere": false, "same_size": false, "targets": {
                "one/RegionOne": present(1, "ACTIVE", 4096, "2024-01-01T00:10:00Z"),
                "one/RegionTwo": present(2, "SAVING", 4096, "2024-01-01T00:10:00Z"),
                "two/RegionOne": {"state": "duplicated", "count": 2, "status": "ACTIVE",
                    "id": uuid(7), "size": 8192, "created": "2024-01-01T00:20:00Z"},
                "two/RegionDown": failed,
            }},
            {"name": "debian", "everywhere": false, "same_size": true, "targets": {
                "one/RegionOne": missing,
                "one/RegionTwo": missing,
                "two/RegionOne": missing,
                "two/RegionDown": failed,
            }},
        ])
    );
}

#[test]
fn one_cloud_is_one_column_and_yaml_is_the_json_shape() {
    let env = crate::common::Env::new();
    env.cloud.add(image(1, "img", 10, 4096));
    env.cmd(&["presence", "img", "gone"])
        .assert()
        .code(5)
        .stdout(
            "+------+----------------+-----------+\n\
         | Name | demo/RegionOne | Same Size |\n\
         +------+----------------+-----------+\n\
         | img  | ACTIVE         | yes       |\n\
         | gone | missing        | yes       |\n\
         +------+----------------+-----------+\n",
        );
    env.cmd(&["presence", "img", "-f", "yaml"]).assert().code(0).stdout(format!(
        "- name: img\n  everywhere: true\n  same_size: true\n  targets:\n    demo/RegionOne:\n      \
         state: present\n      count: 1\n      status: ACTIVE\n      id: {}\n      size: 4096\n      \
         created: 2024-01-01T00:10:00Z\n",
        uuid(1)
    ));
    // Its listing fails: its error and status, as for list, and no table.
    env.cloud.inject(fake_cloud::Fault::status(
        "/compute/v2.1/images/detail",
        500,
        "{}",
    ));
    env.cmd(&["--api", "nova", "--retries", "0", "presence", "img"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn jq_filters_the_per_name_objects() {
    let c = Clouds::new();
    c.everywhere("debian", 4);
    c.one.add(image(1, "ubuntu", 10, 4096));
    let out = c
        .presence(&["ubuntu", "debian"])
        .args(["--jq", ".[] | select(.everywhere | not) | .name"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ubuntu\n");
    // With -f jsonl each name's object is an input of its own.
    c.presence(&["ubuntu", "debian"])
        .args(["-f", "jsonl", "--jq", ".targets | length"])
        .assert()
        .code(5)
        .stdout("3\n3\n");
}
