//! End-to-end tests of names where IDs go (`show`, `id-from-name`; `wait` and `metadata`
//! use the same resolution) and of `list --status`, which means the status nova-images
//! shows. Each asserts exact output, exit codes and the requests sent.

use predicates::prelude::*;

use crate::common::{Env, FakeImage, on_terminal, seed, stdout_of, uuid};

/// Two images called `dup` (uuid(1) older, uuid(2) newer) and one called `solo` (uuid(3)).
fn dups(env: &Env) {
    env.cloud.add(FakeImage::new(&uuid(1), "dup", 1));
    env.cloud.add(FakeImage::new(&uuid(2), "dup", 2));
    env.cloud.add(FakeImage::new(&uuid(3), "solo", 3));
}

fn id_of(env: &Env, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend_from_slice(&["-f", "value", "-c", "id"]);
    stdout_of(&mut env.cmd(&all))
}

// ---- names --------------------------------------------------------------------------------

#[test]
fn show_takes_an_exact_name_after_trying_it_as_an_id() {
    let env = Env::new();
    dups(&env);
    assert_eq!(id_of(&env, &["show", "solo"]), format!("{}\n", uuid(3)));
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/solo",
            "GET /compute/v2.1/images/detail?name=solo"
        ]
    );
}

#[test]
fn an_id_needs_one_request() {
    let env = Env::new();
    dups(&env);
    assert_eq!(id_of(&env, &["show", &uuid(3)]), format!("{}\n", uuid(3)));
    assert_eq!(
        env.cloud.nova_calls(),
        [format!("GET /compute/v2.1/images/{}", uuid(3))]
    );
}

#[test]
fn names_are_exact_and_case_sensitive() {
    let env = Env::new();
    dups(&env);
    env.cmd(&["show", "Solo"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(format!(
            "nova-images: error: image Solo: GET {}/compute/v2.1/images/Solo returned 404 Not Found: Image not found. (request id req-00000003-0000-4000-8000-000000000000)\n\
             hint: no image has this ID, and none is named exactly \"Solo\" (names are case-sensitive); see `nova-images list`\n",
            env.cloud.base_url()
        ));
    env.cmd(&["show", "sol"]).assert().code(5);
}

#[test]
fn a_name_of_several_images_exits_6_listing_every_candidate() {
    let env = Env::new();
    dups(&env);
    env.cmd(&["show", "dup"])
        .assert()
        .code(6)
        .stdout("")
        .stderr(format!(
            "nova-images: error: 2 images named \"dup\": {} (ACTIVE, created 2024-01-01T00:02:00Z), {} (ACTIVE, created 2024-01-01T00:01:00Z)\n\
             hint: use one of the IDs instead of the name, or pick one with --newest or --oldest\n",
            uuid(2),
            uuid(1)
        ));
}

#[test]
fn newest_and_oldest_pick_by_created() {
    let env = Env::new();
    dups(&env);
    assert_eq!(
        id_of(&env, &["show", "dup", "--newest"]),
        format!("{}\n", uuid(2))
    );
    assert_eq!(
        id_of(&env, &["show", "dup", "--oldest"]),
        format!("{}\n", uuid(1))
    );
    // One image needs no pick, and a pick does not matter then.
    assert_eq!(
        id_of(&env, &["show", "solo", "--oldest"]),
        format!("{}\n", uuid(3))
    );
    env.cmd(&["show", "dup", "--newest", "--oldest"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn newest_and_oldest_compare_instants_not_text() {
    let env = Env::new();
    // As text uuid(1) is the newest (…T02…) and uuid(2) the oldest (…T00…); as instants
    // uuid(2) (00:45Z) is the newest and uuid(1) (00:00Z) the oldest. uuid(3)'s date does
    // not exist: it is the oldest of all, never the newest.
    for (i, created) in [
        (1, "2024-01-01T02:00:00+02:00"),
        (2, "2024-01-01T00:45:00.5Z"),
        (3, "2024-02-30T25:61:61Z"),
        (4, "2023-12-31T23:30:00-00:45"),
    ] {
        let mut image = FakeImage::new(&uuid(i), "zoned", 0);
        image.created = created.into();
        image.owner = fake_cloud::DEMO_PROJECT.into();
        env.cloud.add(image);
    }
    let newest = format!("{}\n", uuid(2));
    let oldest = format!("{}\n", uuid(3));
    assert_eq!(id_of(&env, &["show", "zoned", "--newest"]), newest);
    assert_eq!(id_of(&env, &["show", "zoned", "--oldest"]), oldest);
    let id_from_name = |pick: &str| stdout_of(&mut env.cmd(&["id-from-name", "zoned", pick]));
    assert_eq!(id_from_name("--newest"), newest);
    assert_eq!(id_from_name("--oldest"), oldest);
    env.cmd(&["delete", "zoned", "--newest", "--dry-run", "-q"])
        .assert()
        .success();
    env.cmd(&["delete", "zoned", "--newest", "-q"])
        .assert()
        .success();
    let ids = env.cloud.image_ids();
    assert!(!ids.contains(&uuid(2)) && ids.len() == 3, "{ids:?}");
}

#[test]
fn ties_in_created_are_broken_by_id() {
    let env = Env::new();
    // Same creation time; the IDs order them.
    env.cloud.add(FakeImage::new(&uuid(7), "twin", 5));
    env.cloud.add(FakeImage::new(&uuid(4), "twin", 5));
    env.cloud.add(FakeImage::new(&uuid(9), "twin", 5));
    let newest = format!("{}\n", uuid(9));
    let oldest = format!("{}\n", uuid(4));
    assert_eq!(id_of(&env, &["show", "twin", "--newest"]), newest);
    assert_eq!(id_of(&env, &["show", "twin", "--oldest"]), oldest);
    let id_from_name = |pick: &str| stdout_of(&mut env.cmd(&["id-from-name", "twin", pick]));
    assert_eq!(id_from_name("--newest"), newest);
    assert_eq!(id_from_name("--oldest"), oldest);
}

#[test]
fn id_from_name_picks_with_newest_and_oldest() {
    let env = Env::new();
    dups(&env);
    env.cmd(&["id-from-name", "dup", "--newest"])
        .assert()
        .success()
        .stdout(format!("{}\n", uuid(2)))
        .stderr("");
    env.cmd(&["id-from-name", "dup", "--oldest"])
        .assert()
        .success()
        .stdout(format!("{}\n", uuid(1)));
    env.cmd(&["id-from-name", "nope", "--oldest"])
        .assert()
        .code(5);
}

#[test]
fn an_id_wins_over_a_name_that_looks_like_it() {
    let env = Env::new();
    env.cloud.add(FakeImage::new(&uuid(1), "real", 1));
    // Another image whose *name* is the first image's ID.
    env.cloud.add(FakeImage::new(&uuid(2), &uuid(1), 2));
    assert_eq!(id_of(&env, &["show", &uuid(1)]), format!("{}\n", uuid(1)));
    assert_eq!(env.cloud.nova_calls().len(), 1);
    // A name shaped like an ID that no image has is found by name.
    let ghost = "11111111-2222-4333-8444-555555555555";
    env.cloud.add(FakeImage::new(&uuid(3), ghost, 3));
    assert_eq!(id_of(&env, &["show", ghost]), format!("{}\n", uuid(3)));
}

#[test]
fn names_with_spaces_and_slashes_are_escaped_in_the_id_lookup() {
    let env = Env::new();
    env.cloud
        .add(FakeImage::new(&uuid(1), "ubuntu 24.04/minimal", 1));
    assert_eq!(
        id_of(&env, &["show", "ubuntu 24.04/minimal"]),
        format!("{}\n", uuid(1))
    );
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/ubuntu%2024.04%2Fminimal",
            "GET /compute/v2.1/images/detail?name=ubuntu+24.04%2Fminimal"
        ]
    );
}

#[test]
fn an_empty_image_argument_is_a_usage_error() {
    let env = Env::new();
    env.cmd(&["show", ""]).assert().code(2).stderr(
        "error: invalid value '' for '[IMAGE]': the image ID or name is empty\n\n\
             For more information, try '--help'.\n",
    );
}

#[test]
fn a_failed_id_lookup_is_not_taken_for_a_name() {
    let env = Env::new();
    seed(&env, 1);
    env.cloud.inject(fake_cloud::Fault::status(
        "/compute/v2.1/images/x",
        500,
        r#"{"computeFault": {"code": 500, "message": "boom"}}"#,
    ));
    // Nova's own API, for exactly its requests (`auto` would ask its listing whether the
    // images API is still there).
    env.cmd(&["--api", "nova", "--retries", "0", "show", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "nova-images: error: image x: GET ",
        ))
        .stderr(predicate::str::contains(
            "returned 500 Internal Server Error: boom",
        ));
    assert_eq!(env.cloud.nova_calls(), ["GET /compute/v2.1/images/x"]);
}

// ---- list --status ------------------------------------------------------------------------

/// Ten images, listed newest first (9 .. 0); 7 and 1 are queued and 4 saving (all SAVING),
/// 5 deactivated (UNKNOWN).
fn mixed(env: &Env) {
    seed(env, 10);
    for (i, status) in [
        (7, "queued"),
        (4, "saving"),
        (1, "queued"),
        (5, "deactivated"),
    ] {
        env.cloud
            .edit_image(&uuid(i), |image| image.glance_status = status.into());
    }
}

fn list_ids(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "-f", "value", "-c", "id"];
    all.extend_from_slice(args);
    stdout_of(&mut env.cmd(&all))
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn saving_is_selected_here_page_by_page_with_an_exact_limit() {
    let env = Env::new();
    mixed(&env);
    assert_eq!(
        list_ids(
            &env,
            &["--status", "SAVING", "--limit", "2", "--page-size", "3"]
        ),
        [uuid(7), uuid(4)]
    );
    // No status in the query, full pages, and no page after the second match.
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/detail?limit=3".to_owned(),
            format!("GET /compute/v2.1/images/detail?limit=3&marker={}", uuid(7)),
        ]
    );
}

#[test]
fn a_client_side_status_follows_every_page_without_a_limit() {
    let env = Env::new();
    mixed(&env);
    assert_eq!(
        list_ids(&env, &["--status", "saving", "--page-size", "3"]),
        [uuid(7), uuid(4), uuid(1)]
    );
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/detail?limit=3".to_owned(),
            format!("GET /compute/v2.1/images/detail?limit=3&marker={}", uuid(7)),
            format!("GET /compute/v2.1/images/detail?limit=3&marker={}", uuid(4)),
            format!("GET /compute/v2.1/images/detail?limit=3&marker={}", uuid(1)),
        ]
    );
}

#[test]
fn a_limit_larger_than_the_matches_reads_every_page() {
    let env = Env::new();
    mixed(&env);
    assert_eq!(
        list_ids(
            &env,
            &["--status", "Unknown", "--limit", "5", "--page-size", "4"]
        ),
        [uuid(5)]
    );
    assert_eq!(env.cloud.nova_calls().len(), 3);
    assert!(
        env.cloud
            .nova_calls()
            .iter()
            .all(|c| c.contains("limit=4") && !c.contains("status"))
    );
}

#[test]
fn error_is_selected_here_with_no_status_in_the_query() {
    let env = Env::new();
    mixed(&env);
    env.cmd(&["list", "--status", "ERROR", "-f", "json"])
        .assert()
        .success()
        .stdout("[]\n")
        .stderr("");
    assert_eq!(
        env.cloud.nova_calls(),
        ["GET /compute/v2.1/images/detail?limit=1000"]
    );
}

#[test]
fn active_and_glance_statuses_go_to_the_server() {
    let env = Env::new();
    mixed(&env);
    assert_eq!(
        list_ids(&env, &["--status", "active", "--limit", "1"]),
        [uuid(9)]
    );
    assert_eq!(list_ids(&env, &["--status", "queued"]), [uuid(7), uuid(1)]);
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/detail?limit=1&status=ACTIVE",
            "GET /compute/v2.1/images/detail?limit=1000&status=queued"
        ]
    );
}

// ---- list progress ------------------------------------------------------------------------

#[test]
fn paging_shows_no_progress_when_piped() {
    let env = Env::new();
    seed(&env, 6);
    env.cmd(&["list", "--page-size", "2"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn paging_shows_a_spinner_on_a_terminal_but_not_with_quiet() {
    let env = Env::new();
    seed(&env, 6);
    env.cloud
        .set_nova_delay(std::time::Duration::from_millis(250));
    let Some((screen, code)) = on_terminal(&env, &["list", "--page-size", "2"]) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("fetched 6 images, 3 pages"), "{screen}");
    // The spinner's line is cleared before the table is printed.
    assert!(screen.contains("\u{1b}[2K+-----"), "{screen}");
    assert!(screen.contains(&uuid(0)), "{screen}");
    let Some((screen, code)) = on_terminal(&env, &["-q", "list", "--page-size", "2"]) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains("fetched"), "{screen}");
    // One page: nothing to show.
    let Some((screen, _)) = on_terminal(&env, &["list"]) else {
        return;
    };
    assert!(!screen.contains("fetched"), "{screen}");
}
