//! `--api auto` (the default): Nova's images API while it answers; Glance's, said once on
//! stderr and kept with the token, where Nova's is gone (its routes 404 while the compute
//! endpoint answers, 410, 5xx after the retries, no compute endpoint), and never on an
//! ordinary 404 or a 503 that a retry cures, nor in the middle of a listing.

use fake_cloud::Fault;

use crate::api::{cataloged, run};
use crate::common::{Env, uuid};

const LIST: &[&str] = &[
    "list", "-f", "value", "-c", "id", "-c", "name", "-c", "status",
];

/// What `--api API` prints for `args`, as a reference.
fn through(env: &Env, api: &str, args: &[&str]) -> String {
    let mut all = vec!["--api", api];
    all.extend_from_slice(args);
    let (out, code, err) = run(env, &all);
    assert_eq!((code, err.as_str()), (Some(0), ""), "{api} {args:?}");
    out
}

/// The requests since the last clear, Keystone's left out, as "METHOD uri".
fn calls(env: &Env) -> Vec<String> {
    (env.cloud.requests("").iter())
        .filter(|r| !r.uri.starts_with("/identity"))
        .map(|r| format!("{} {}", r.method, r.uri))
        .collect()
}

/// `args` with `--no-token-cache` in front: each run decides afresh.
fn fresh<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [&["--no-token-cache"][..], args].concat()
}

/// The warning of a switch to Glance on the demo cloud, for `why`.
fn switched(why: &str) -> String {
    format!(
        "nova-images: warning: cloud 'demo' region 'RegionOne': {why}, and Glance answers: \
         using Glance's images API (--api auto)\n"
    )
}

#[test]
fn a_listing_turns_to_glance_where_novas_images_routes_answer_404_410_or_5xx() {
    let env = cataloged();
    let glance = through(&env, "glance", LIST);
    assert_eq!(glance.lines().count(), 11);
    let cases = [
        (
            404,
            "Nova's images routes answer 404 at microversion 2.1 while the compute endpoint \
             answers",
            &["GET /compute/v2.1/"][..],
        ),
        (410, "Nova's images API answers 410 Gone", &[]),
        (504, "Nova's images API answers 504 after the retries", &[]),
    ];
    for (status, why, version) in cases {
        env.cloud.set_nova_images_gone(Some(status));
        env.cloud.clear_requests();
        let (out, code, err) = run(&env, &fresh(&[&["--retries", "1"], LIST].concat()));
        assert_eq!((out.as_str(), code), (glance.as_str(), Some(0)), "{status}");
        assert_eq!(err, switched(why), "{status}");
        // Nova's listing (twice for a 5xx: the retry), the compute endpoint for a 404,
        // Glance's discovery and one image, then the listing from Glance.
        let tries = if status == 504 { 2 } else { 1 };
        let mut expected = vec!["GET /compute/v2.1/images/detail?limit=1000"; tries];
        expected.extend(version);
        expected.extend([
            "GET /image/",
            "GET /image/v2/images?limit=1",
            "GET /image/v2/images?limit=1000",
        ]);
        assert_eq!(calls(&env), expected, "{status}");
        // -q: the same, and nothing said.
        let (out, code, err) = run(&env, &fresh(&[&["-q"], LIST].concat()));
        assert_eq!(
            (out.as_str(), code, err.as_str()),
            (glance.as_str(), Some(0), "")
        );
    }
}

#[test]
fn filters_and_pages_asked_of_nova_are_asked_of_glance_alike() {
    let env = cataloged();
    let args = [
        "list",
        "--status",
        "ACTIVE",
        "--page-size",
        "2",
        "--long",
        "-f",
        "json",
    ];
    let glance = through(&env, "glance", &args);
    env.cloud.set_nova_images_gone(Some(404));
    env.cloud.clear_requests();
    let (out, code, _) = run(&env, &fresh(&args));
    assert_eq!((out, code), (glance, Some(0)));
    let asked = calls(&env);
    assert_eq!(
        asked[..3],
        [
            "GET /compute/v2.1/images/detail?limit=2&status=ACTIVE",
            "GET /compute/v2.1/",
            "GET /image/",
        ]
    );
    assert!(
        asked.contains(&"GET /image/v2/images?limit=2&status=active".to_owned()),
        "{asked:?}"
    );
}

#[test]
fn one_image_commands_turn_to_glance_after_asking_novas_listing() {
    let env = cataloged();
    let id = "b0000000-0000-4000-8000-000000000002";
    let show = ["show", id, "-f", "json"];
    let nova = through(&env, "nova", &show);
    env.cloud.set_nova_images_gone(Some(404));
    env.cloud.clear_requests();
    let (out, code, err) = run(&env, &fresh(&show));
    let unlinked = |s: &str| {
        let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
        v.as_object_mut().unwrap().remove("links");
        v
    };
    assert_eq!((unlinked(&out), code), (unlinked(&nova), Some(0)), "{err}");
    assert_eq!(
        err,
        switched(
            "Nova's images routes answer 404 at microversion 2.1 while the compute endpoint \
             answers"
        )
    );
    assert_eq!(
        calls(&env),
        [
            format!("GET /compute/v2.1/images/{id}"),
            "GET /compute/v2.1/images/detail?limit=1".into(),
            "GET /compute/v2.1/".into(),
            "GET /image/".into(),
            "GET /image/v2/images?limit=1".into(),
            format!("GET /image/v2/images/{id}"),
        ]
    );
    // A change, too: metadata set goes to Glance, once.
    env.cloud.clear_requests();
    let (_, code, err) = run(&env, &fresh(&["metadata", "set", id, "k=v"]));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(env.cloud.properties(id)["k"], "v");
}

#[test]
fn an_ordinary_missing_image_and_a_cured_503_stay_on_nova() {
    let env = cataloged();
    // Nova's own "Image not found.": the API is there; nothing else is asked.
    env.cloud.clear_requests();
    let missing = uuid(999);
    let (out, code, err) = run(&env, &fresh(&["show", &missing]));
    assert_eq!((out.as_str(), code), ("", Some(5)), "{err}");
    assert!(err.contains("Image not found."), "{err}");
    assert_eq!(
        calls(&env),
        [
            format!("GET /compute/v2.1/images/{missing}"),
            format!("GET /compute/v2.1/images/detail?name={missing}"),
        ]
    );
    // A 503 the retry cures: Nova's answer, and no word of Glance.
    let nova = through(&env, "nova", LIST);
    env.cloud
        .inject(Fault::status("/compute/v2.1/images/detail", 503, "busy"));
    env.cloud.clear_requests();
    let (out, code, err) = run(&env, &fresh(&[&["--retries", "1"], LIST].concat()));
    assert_eq!((out, code, err.as_str()), (nova, Some(0), ""));
    assert_eq!(
        calls(&env),
        ["GET /compute/v2.1/images/detail?limit=1000"; 2]
    );
}

#[test]
fn a_listing_that_nova_began_is_never_finished_by_glance() {
    let env = cataloged();
    env.cloud.inject(Fault::pass("/compute/v2.1/images/detail"));
    env.cloud
        .inject(Fault::status("/compute/v2.1/images/detail", 504, "timeout"));
    env.cloud.clear_requests();
    let (out, code, err) = run(
        &env,
        &fresh(&[
            "--retries",
            "0",
            "list",
            "--page-size",
            "2",
            "-f",
            "value",
            "-c",
            "id",
        ]),
    );
    assert_eq!((out.as_str(), code), ("", Some(1)), "{err}");
    assert!(err.contains("504"), "{err}");
    assert!(env.cloud.glance_calls().is_empty(), "{:?}", calls(&env));
}

#[test]
fn the_choice_is_kept_with_the_token_until_the_cache_is_cleared() {
    let env = cataloged();
    let glance = through(&env, "glance", LIST);
    env.cloud.set_nova_images_gone(Some(410));
    let (out, _, err) = run(&env, LIST);
    assert_eq!(
        (out.as_str(), err),
        (
            glance.as_str(),
            switched("Nova's images API answers 410 Gone")
        )
    );
    // The next run goes to Glance at once (the image endpoint it found, no discovery).
    env.cloud.clear_requests();
    let (out, code, err) = run(&env, LIST);
    assert_eq!((out.as_str(), code), (glance.as_str(), Some(0)));
    assert_eq!(
        err,
        "nova-images: warning: cloud 'demo' region 'RegionOne': Nova's images API answers 410 \
         Gone, and Glance answers (found earlier with this token): using Glance's images API \
         (--api auto)\n"
    );
    assert_eq!(calls(&env), ["GET /image/v2/images?limit=1000"]);
    // Forgotten with the token.
    assert_eq!(run(&env, &["cache", "clear"]).1, Some(0));
    env.cloud.clear_requests();
    run(&env, LIST);
    assert_eq!(calls(&env)[0], "GET /compute/v2.1/images/detail?limit=1000");
}

#[test]
fn without_a_compute_endpoint_glance_serves_at_once() {
    let env = cataloged();
    let glance = through(&env, "glance", LIST);
    env.cloud.set_no_compute(true);
    env.cloud.clear_requests();
    let (out, code, err) = run(&env, &fresh(LIST));
    assert_eq!((out.as_str(), code), (glance.as_str(), Some(0)));
    assert_eq!(
        err,
        "nova-images: warning: cloud 'demo' region 'RegionOne': the catalog has no compute \
         endpoint: using Glance's images API (--api auto)\n"
    );
    assert_eq!(
        calls(&env),
        ["GET /image/", "GET /image/v2/images?limit=1000"]
    );
    // Every region: the image service's.
    let all = [&LIST[..1], &["--all-regions"], &LIST[1..]].concat();
    let (out, code, err) = run(&env, &fresh(&all));
    let placed: String = glance
        .lines()
        .map(|l| format!("demo RegionOne {l}\n"))
        .collect();
    assert_eq!((out, code), (placed, Some(0)), "{err}");
    // Nova's API only: nothing to ask.
    let (out, code, err) = run(&env, &fresh(&[&["--api", "nova"], LIST].concat()));
    assert_eq!((out.as_str(), code), ("", Some(4)));
    assert_eq!(
        err,
        "nova-images: error: cloud 'demo': no public compute endpoint in region RegionOne in \
         the service catalog: the catalog has no compute service\nhint: check region_name and \
         interface of the cloud, or set the compute endpoint with --os-endpoint\n"
    );
}

#[test]
fn doctor_sees_the_missing_compute_endpoint_and_glance_serving() {
    let env = cataloged();
    env.cloud.set_no_compute(true);
    let (out, code, err) = run(&env, &fresh(&["doctor", "-f", "json"]));
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let checks = report[0]["checks"].as_array().unwrap();
    let check = |name: &str| {
        (checks.iter())
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name}: {out}"))
            .clone()
    };
    assert_eq!(check("compute API")["ok"], false);
    assert_eq!(check("Glance images")["ok"], true);
    assert_eq!(
        check("images API")["detail"],
        "glance: the catalog has no compute endpoint, and Glance answers"
    );
}

#[test]
fn each_target_of_a_fan_out_decides_and_says_so_once() {
    let env = cataloged();
    let args = [
        "list",
        "--clouds",
        "demo,admin",
        "-f",
        "value",
        "-c",
        "id",
        "-c",
        "name",
    ];
    let glance = through(&env, "glance", &args);
    env.cloud.set_nova_images_gone(Some(404));
    let (out, code, err) = run(&env, &fresh(&args));
    assert_eq!((out.as_str(), code), (glance.as_str(), Some(0)));
    let why = "Nova's images routes answer 404 at microversion 2.1 while the compute endpoint \
               answers, and Glance answers: using Glance's images API (--api auto)";
    let mut said: Vec<&str> = err.lines().collect();
    said.sort();
    assert_eq!(
        said,
        [
            format!("nova-images: warning: cloud 'admin' region 'RegionOne': {why}"),
            format!("nova-images: warning: cloud 'demo' region 'RegionOne': {why}"),
        ]
    );
}

#[test]
fn prune_lists_and_deletes_through_the_api_its_listing_chose() {
    let env = cataloged();
    env.cloud.set_nova_images_gone(Some(410));
    let args = [
        "prune",
        "--keep",
        "1",
        "--match",
        "^image-",
        "--yes",
        "--all-regions",
        "-f",
        "json",
    ];
    let before = env.cloud.image_ids().len();
    env.cloud.clear_requests();
    let (out, code, err) = run(&env, &fresh(&args));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err.matches("using Glance's images API").count(), 1, "{err}");
    let deleted = out.matches(r#""result":"deleted""#).count()
        + out.matches(r#""result": "deleted""#).count();
    assert!(deleted > 0, "{out}");
    assert_eq!(env.cloud.image_ids().len(), before - deleted);
    let deletes = (env.cloud.glance_calls().iter())
        .filter(|c| c.starts_with("DELETE /image/v2/images/"))
        .count();
    assert_eq!(deletes, deleted);
    assert_eq!(
        env.cloud.nova_calls(),
        ["GET /compute/v2.1/images/detail?limit=1000"]
    );
}

#[test]
fn a_region_without_an_image_endpoint_fails_alone() {
    let env = cataloged();
    env.cloud.add_regions(["R2"]);
    let (out, code, err) = run(
        &env,
        &[
            "--api",
            "glance",
            "list",
            "--all-regions",
            "-f",
            "value",
            "-c",
            "id",
        ],
    );
    let ids = through(&env, "nova", &["list", "-f", "value", "-c", "id"]);
    let placed: String = ids
        .lines()
        .map(|l| format!("demo RegionOne {l}\n"))
        .collect();
    assert_eq!((out, code), (placed, Some(8)));
    assert_eq!(
        err,
        "nova-images: error: cloud 'demo' region 'R2': no public image endpoint in region R2 in \
         the service catalog; image offers: public in RegionOne\nhint: set \
         image_endpoint_override in clouds.yaml\nnova-images: error: 1 of 2 targets failed; the \
         others are complete\n"
    );
}

#[test]
fn without_a_compute_endpoint_the_servers_cannot_be_asked_and_the_error_says_why() {
    let env = cataloged();
    env.cloud.set_no_compute(true);
    let id = "b0000000-0000-4000-8000-000000000002";
    let (out, code, err) = run(&env, &fresh(&["-q", "delete", id, "--skip-in-use"]));
    assert_eq!((out.as_str(), code), ("", Some(3)));
    assert_eq!(
        err,
        format!(
            "nova-images: error: image {id}: the catalog has no compute endpoint to ask which \
             servers use an image (only Nova knows)\nhint: check region_name and interface of \
             the cloud, or set the compute endpoint with --os-endpoint\nnova-images: error: \
             deleted 0 of 1; 1 failed\n"
        )
    );
    assert!(env.cloud.image_ids().contains(&id.to_owned()));
}

#[test]
fn a_404_from_an_endpoint_that_answers_nothing_is_a_wrong_endpoint_not_a_removed_api() {
    let env = cataloged();
    env.cloud.set_nova_images_gone(Some(404));
    // The listing's 404 (the switch), then the compute endpoint's version document: 404 too.
    env.cloud.inject(Fault::pass("/compute/v2.1/"));
    env.cloud
        .inject(Fault::status("/compute/v2.1/", 404, "no such thing"));
    env.cloud.clear_requests();
    let (out, code, err) = run(&env, &fresh(&["--retries", "0", "-v", "list"]));
    assert_eq!((out.as_str(), code), ("", Some(1)), "{err}");
    assert!(
        err.contains(
            "cloud 'demo' region 'RegionOne': --api auto: Nova's images API fails; no fallback \
             applies"
        ),
        "{err}"
    );
    assert!(err.contains("returned 404 Not Found"), "{err}");
    assert_eq!(
        calls(&env),
        [
            "GET /compute/v2.1/images/detail?limit=1000",
            "GET /compute/v2.1/"
        ]
    );
}
