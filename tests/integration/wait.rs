//! End-to-end tests of `wait`: the fake cloud changes an image's status after so many GETs
//! (`FakeCloud::schedule`), and `--interval` in fractions of a second keeps them fast.

use predicates::prelude::*;

use crate::common::{Env, FakeImage, on_terminal, uuid};

const FAST: [&str; 2] = ["--interval", "0.02"];

/// One image, uuid(1), in Glance status `status`.
fn image(env: &Env, status: &str) -> String {
    let mut image = FakeImage::new(&uuid(1), "snap", 1);
    image.glance_status = status.into();
    env.cloud.add(image);
    uuid(1)
}

fn wait<'a>(id: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["wait", id];
    args.extend_from_slice(&FAST);
    args.extend_from_slice(extra);
    args
}

#[test]
fn waits_through_saving_to_active_printing_each_change() {
    let env = Env::new();
    let id = image(&env, "queued");
    env.cloud.schedule(&id, 3, Some("saving"));
    env.cloud.schedule(&id, 5, Some("active"));
    env.cmd(&wait(&id, &[]))
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "image {id}: SAVING 25%\nimage {id}: SAVING 50%\nimage {id}: ACTIVE 100%\n"
        ));
    // The first look is the ID lookup; then one GET per interval until ACTIVE.
    assert_eq!(
        env.cloud.nova_calls(),
        vec![format!("GET /compute/v2.1/images/{id}"); 5]
    );
}

#[test]
fn an_image_already_active_needs_one_look() {
    let env = Env::new();
    let id = image(&env, "active");
    env.cmd(&["wait", &id])
        .assert()
        .success()
        .stdout("")
        .stderr(format!("image {id}: ACTIVE 100%\n"));
    assert_eq!(env.cloud.nova_calls().len(), 1);
}

#[test]
fn quiet_prints_nothing() {
    let env = Env::new();
    let id = image(&env, "queued");
    env.cloud.schedule(&id, 2, Some("active"));
    env.cmd(&wait(&id, &["-q"]))
        .assert()
        .success()
        .stdout("")
        .stderr("");
}

#[test]
fn a_name_is_resolved_once_then_polled_by_id() {
    let env = Env::new();
    let id = image(&env, "saving");
    // The lookup by name counts no GET of the image: its first GET by ID sees ACTIVE.
    env.cloud.schedule(&id, 1, Some("active"));
    env.cmd(&wait("snap", &[]))
        .assert()
        .success()
        .stderr("image snap: SAVING 50%\nimage snap: ACTIVE 100%\n");
    assert_eq!(
        env.cloud.nova_calls(),
        [
            "GET /compute/v2.1/images/snap".to_owned(),
            "GET /compute/v2.1/images/detail?name=snap".to_owned(),
            format!("GET /compute/v2.1/images/{id}"),
        ]
    );
}

#[test]
fn times_out_with_exit_7_and_the_last_status() {
    let env = Env::new();
    let id = image(&env, "queued");
    let started = std::time::Instant::now();
    env.cmd(&wait(&id, &["--max-wait", "0.3"]))
        .assert()
        .code(7)
        .stdout("")
        .stderr(format!(
            "image {id}: SAVING 25%\n\
             nova-images: error: image {id}: still SAVING (25%) after 0.3 s waiting for ACTIVE\n\
             hint: wait longer with --timeout SECONDS (on wait, the limit of the whole wait)\n"
        ));
    let elapsed = started.elapsed().as_secs_f64();
    assert!(elapsed < 5.0, "took {elapsed} s");
    // It kept looking until the limit.
    assert!(env.cloud.nova_calls().len() > 3);
}

#[test]
fn a_slow_answer_counts_against_the_limit() {
    let env = Env::new();
    let id = image(&env, "queued");
    env.cloud.set_nova_delay(std::time::Duration::from_secs(3));
    let started = std::time::Instant::now();
    env.cmd(&wait(&id, &["--max-wait", "0.5"]))
        .assert()
        .code(7)
        .stderr(format!(
            "nova-images: error: image {id}: no answer after 0.5 s waiting for ACTIVE\n\
             hint: wait longer with --timeout SECONDS (on wait, the limit of the whole wait)\n"
        ));
    assert!(started.elapsed().as_secs_f64() < 2.5);
}

#[test]
fn error_ends_the_wait_at_once_with_exit_1() {
    let env = Env::new();
    let id = image(&env, "saving");
    env.cloud.schedule(&id, 2, Some("killed"));
    env.cmd(&wait(&id, &["--max-wait", "30"]))
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "image {id}: SAVING 50%\nimage {id}: ERROR 0%\n\
             nova-images: error: image {id}: the status is ERROR while waiting for ACTIVE\n\
             hint: see `nova-images show {id}` for the image's state\n"
        ));
    assert_eq!(env.cloud.nova_calls().len(), 2);
}

#[test]
fn waiting_for_error_succeeds_on_error() {
    let env = Env::new();
    let id = image(&env, "saving");
    env.cloud.schedule(&id, 2, Some("killed"));
    env.cmd(&wait(&id, &["--status", "error", "-q"]))
        .assert()
        .success();
}

#[test]
fn an_image_that_disappears_ends_the_wait_with_exit_1() {
    let env = Env::new();
    let id = image(&env, "queued");
    env.cloud.schedule(&id, 2, None);
    env.cmd(&wait(&id, &[])).assert().code(1).stderr(format!(
        "image {id}: SAVING 25%\n\
             nova-images: error: image {id}: the image disappeared (404) while waiting for ACTIVE\n\
             hint: see `nova-images show {id}` for the image's state\n"
    ));
}

#[test]
fn waiting_for_deleted_ends_with_the_404() {
    let env = Env::new();
    let id = image(&env, "active");
    env.cloud.schedule(&id, 3, None);
    env.cmd(&wait(&id, &["--status", "DELETED"]))
        .assert()
        .success()
        .stdout("")
        .stderr(format!("image {id}: ACTIVE 100%\nimage {id}: DELETED\n"));
    assert_eq!(env.cloud.nova_calls().len(), 3);
}

#[test]
fn waiting_for_deleted_of_an_image_already_gone_succeeds_at_once() {
    let env = Env::new();
    env.cmd(&wait(&uuid(9), &["--status", "deleted"]))
        .assert()
        .success()
        .stderr(format!("image {}: DELETED\n", uuid(9)));
}

#[test]
fn waiting_for_deleted_goes_on_through_error() {
    let env = Env::new();
    let id = image(&env, "killed");
    env.cloud.schedule(&id, 2, None);
    env.cmd(&wait(&id, &["--status", "deleted"]))
        .assert()
        .success()
        .stderr(format!("image {id}: ERROR 0%\nimage {id}: DELETED\n"));
}

#[test]
fn a_missing_image_exits_5_and_an_ambiguous_name_6() {
    let env = Env::new();
    env.cmd(&wait(&uuid(9), &[]))
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "returned 404 Not Found: Image not found.",
        ));
    env.cloud.add(FakeImage::new(&uuid(1), "dup", 1));
    env.cloud.add(FakeImage::new(&uuid(2), "dup", 2));
    env.cmd(&wait("dup", &[])).assert().code(6);
    env.cmd(&wait("dup", &["--oldest", "-q"]))
        .assert()
        .success();
}

#[test]
fn bad_intervals_and_statuses_are_usage_errors() {
    let env = Env::new();
    for args in [
        ["wait", "x", "--interval", "0"],
        ["wait", "x", "--max-wait", "-1"],
        ["wait", "x", "--status", "READY"],
    ] {
        env.cmd(&args).assert().code(2).stdout("");
    }
    assert_eq!(env.cloud.request_count(), 0);
}

#[test]
fn a_terminal_gets_a_progress_bar() {
    let env = Env::new();
    let id = image(&env, "queued");
    env.cloud.schedule(&id, 3, Some("saving"));
    env.cloud.schedule(&id, 6, Some("active"));
    let Some((screen, code)) = on_terminal(&env, &["wait", &id, "--interval", "0.15"]) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains(&format!("]  25% image {id}: SAVING")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("]  50% image {id}: SAVING")),
        "{screen}"
    );
    assert!(!screen.contains("]   0%"), "no empty bar: {screen}");
    // No plain lines on a terminal, and the bar is cleared at the end.
    assert!(!screen.contains("SAVING 25%"), "{screen}");
    assert!(screen.ends_with("\u{1b}[2K"), "{screen:?}");
}

#[test]
fn timeout_bounds_the_whole_wait_as_kubectl_wait_does() {
    let env = Env::new();
    let id = image(&env, "saving");
    // `--timeout` after the command, and before it: the whole wait, not each request.
    for args in [
        vec!["wait", id.as_str(), "--timeout", "1", "--interval", "0.1"],
        vec!["--timeout", "1", "wait", id.as_str(), "--interval", "0.1"],
    ] {
        let started = std::time::Instant::now();
        env.cmd(&args)
            .assert()
            .code(7)
            .stderr(predicate::str::contains(format!(
                "image {id}: still SAVING (50%) after 1 s waiting for ACTIVE"
            )));
        let took = started.elapsed();
        assert!(took.as_secs_f64() < 5.0, "{took:?}");
        assert!(took.as_secs_f64() >= 1.0, "{took:?}");
    }
    // --max-wait wins when both are given.
    let started = std::time::Instant::now();
    env.cmd(&[
        "wait",
        &id,
        "--timeout",
        "30",
        "--max-wait",
        "0.5",
        "--interval",
        "0.1",
    ])
    .assert()
    .code(7);
    assert!(started.elapsed().as_secs_f64() < 5.0);
    // delete --wait --timeout too: the DELETE is answered 204 but the image stays.
    env.cloud
        .inject(fake_cloud::Fault::status("/compute/v2.1/images/", 204, ""));
    let started = std::time::Instant::now();
    env.cmd(&[
        "delete",
        &id,
        "--wait",
        "--timeout",
        "1",
        "--interval",
        "0.1",
    ])
    .assert()
    .code(7)
    .stderr(predicate::str::contains("after 1 s waiting for DELETED"));
    let took = started.elapsed().as_secs_f64();
    assert!((1.0..5.0).contains(&took), "{took}");
}
