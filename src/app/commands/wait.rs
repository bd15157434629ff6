//! `nova-images wait`: poll an image until it reaches a status.

use std::time::Instant;

use crate::app::actions::resolve::{Choice, the_image};
use crate::app::actions::waiting::{before_deadline, image_or_gone};
use crate::app::failure::{Failure, ForImage, Result};
use crate::app::output::Printer;
use crate::app::progress::Progress;
use crate::app::report::{self, exit};
use crate::cli::{DEFAULT_MAX_WAIT, ImageStatus, WaitArgs};
use crate::config::Env;

/// What one look at the image decided.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    /// The status waited for.
    Reached,
    /// A status the image will not leave for the one waited for; the text says which.
    Failed(String),
    /// Look again later.
    Pending,
}

/// The rules of `wait`, as a pure function: the awaited status ends it; ERROR ends it as a
/// failure unless ERROR or DELETED is awaited (an image in ERROR can still be deleted);
/// DELETED ends it as a failure unless DELETED is awaited.
fn judge(status: &str, target: ImageStatus) -> Verdict {
    if status.eq_ignore_ascii_case(target.as_str()) {
        return Verdict::Reached;
    }
    match (status, target) {
        ("ERROR", ImageStatus::Deleted) => Verdict::Pending,
        ("ERROR", _) => Verdict::Failed("the status is ERROR".into()),
        ("DELETED", _) => Verdict::Failed("the image was deleted (status DELETED)".into()),
        _ => Verdict::Pending,
    }
}

/// `nova-images wait`. One function on purpose: every way the wait ends (reached, failed,
/// gone, timed out) is in one loop, in the order they are checked.
pub(super) async fn run(
    args: WaitArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let nova = super::connect(conn, env, printer).await?;
    let choice = Choice::from_args(&args.choose, printer.diag());
    let limit = args.max_wait.unwrap_or(DEFAULT_MAX_WAIT);
    let deadline = Instant::now() + limit;
    let interval = args.interval;
    let target = args.status;
    let mut progress = Progress::percent(printer);
    let failed = |image: &str, what: String| Failure::WaitFailed {
        image: image.to_owned(),
        target: target.as_str().into(),
        what,
    };
    let timed_out = |image: &str, last: String| Failure::WaitTimedOut {
        image: image.to_owned(),
        target: target.as_str().into(),
        last,
        seconds: limit.as_secs_f64(),
    };
    // Until the image is found, it is what was asked for.
    let asked = match (&args.image, &args.choose.select.pattern) {
        (Some(image), _) => image.clone(),
        (None, Some(pattern)) => format!("matching {:?}", pattern.as_str()),
        (None, None) => String::new(),
    };

    // The first look resolves the name; waiting for DELETED is over when there is nothing.
    let first = before_deadline(deadline, the_image(&nova, args.image.as_deref(), &choice)).await;
    let mut image = match first {
        None => return Err(timed_out(&asked, "no answer".into())),
        Some(Err(e))
            if target == ImageStatus::Deleted && report::exit_code(&e) == exit::NOT_FOUND =>
        {
            progress.update(&format!("image {asked}: DELETED"), None);
            return Ok(());
        }
        Some(result) => result?,
    };
    // Found by --match, it is named by its ID.
    let shown = args.image.clone().unwrap_or_else(|| image.id.clone());
    let label = format!("image {shown}");
    let failed = |what| failed(&shown, what);
    let timed_out = |last| timed_out(&shown, last);
    loop {
        progress.update(&format!("{label}: {}", image.status), Some(image.progress));
        match judge(&image.status, target) {
            Verdict::Reached => return Ok(()),
            Verdict::Failed(what) => return Err(failed(what)),
            Verdict::Pending => {}
        }
        let still = || format!("still {} ({}%)", image.status, image.progress);
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(timed_out(still()));
        }
        tokio::time::sleep(interval.min(remaining)).await;
        if Instant::now() >= deadline {
            return Err(timed_out(still()));
        }
        match before_deadline(deadline, image_or_gone(&nova, &image.id)).await {
            None => return Err(timed_out(still())),
            Some(Ok(Some(next))) => image = next,
            Some(Ok(None)) if target == ImageStatus::Deleted => {
                progress.update(&format!("{label}: DELETED"), None);
                return Ok(());
            }
            Some(Ok(None)) => return Err(failed("the image disappeared (404)".into())),
            Some(Err(e)) => return Err(e.for_image(&shown)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_of_waiting() {
        use ImageStatus::{Active, Deleted, Saving, Unknown};
        use Verdict::*;
        let failed_error = Failed("the status is ERROR".into());
        let failed_deleted = Failed("the image was deleted (status DELETED)".into());
        let cases = [
            ("ACTIVE", Active, Reached),
            ("SAVING", Active, Pending),
            ("UNKNOWN", Active, Pending),
            ("ERROR", Active, failed_error.clone()),
            ("ERROR", Saving, failed_error),
            ("ERROR", ImageStatus::Error, Reached),
            ("ERROR", Deleted, Pending),
            ("DELETED", Deleted, Reached),
            ("DELETED", Active, failed_deleted),
            ("UNKNOWN", Unknown, Reached),
            ("ACTIVE", Saving, Pending),
        ];
        for (status, target, want) in cases {
            assert_eq!(
                judge(status, target),
                want,
                "{status} waiting for {target:?}"
            );
        }
    }
}
