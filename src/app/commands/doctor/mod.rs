//! `nova-images doctor`: each step on the way to the images, checked in order for each
//! target (cloud, or cloud and region): configuration, Keystone, the endpoints, the compute
//! API's versions, both images APIs (one page each, timed), which `--api auto` would use,
//! the token cache and the clock. A failed configuration or authentication ends a cloud's
//! checks; the exit status is that of the first failure of a target no API can serve.

mod checks;

use std::sync::Arc;
use std::time::Instant;

use serde_json::{Value, json};

use super::Connection;
use crate::app::connect::prepare;
use crate::app::failure::{Failure, Result};
use crate::app::output::Printer;
use crate::app::targets;
use crate::cli::{DoctorArgs, DoctorFormat};
use crate::config::Env;
use crate::diag::escape_for_terminal;
use crate::model::Place;
use checks::{Check, Region, configuration, failed, keystone};

/// A target's checks, and the failure that keeps every images API from it, if one does.
struct Report {
    place: Place,
    checks: Vec<Check>,
    failure: Option<Failure>,
}

pub(super) async fn run(
    args: DoctorArgs,
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let mut reports = Vec::new();
    for name in targets::cloud_names(&args.fan_out, conn, env)? {
        let mut one = Connection {
            args: conn.args.clone(),
            retries: conn.retries,
            token_cache: conn.token_cache,
        };
        one.args.os_cloud = name.clone();
        if args.fan_out.all_regions {
            one.args.os_region_name = None;
        }
        let place = Place {
            cloud: name.unwrap_or_default(),
            region: None,
        };
        reports.extend(check_cloud(&one, place, args.fan_out.all_regions, env, printer).await);
    }
    let text = match args.format {
        DoctorFormat::Table => lines(&reports, args.fan_out.fans_out()),
        DoctorFormat::Json => json_text(&reports),
    };
    printer.data(text.as_bytes())?;
    outcome(reports, printer)
}

/// Exit 0 when every target has an images API; one target's failure as it is; with
/// several, each failure reported and then "some targets failed".
fn outcome(reports: Vec<Report>, printer: &mut Printer) -> Result<()> {
    let total = reports.len();
    if total == 1 {
        return reports
            .into_iter()
            .find_map(|r| r.failure)
            .map_or(Ok(()), Err);
    }
    let causes: Vec<Failure> = reports
        .into_iter()
        .filter_map(|r| {
            let failure = r.failure?;
            Some(targets::target_error(
                &r.place.cloud,
                r.place.region,
                failure,
            ))
        })
        .collect();
    if causes.is_empty() {
        return Ok(());
    }
    causes.iter().for_each(|c| printer.error(c));
    Err(Failure::SomeTargets {
        failed: causes.len(),
        total,
        causes,
    })
}

/// The checks of one cloud: configuration and Keystone once, the rest for each region
/// (its own, or every one of the catalog with `all_regions`).
async fn check_cloud(
    conn: &Connection,
    mut place: Place,
    all_regions: bool,
    env: &Env,
    printer: &mut Printer,
) -> Vec<Report> {
    let (mut cloud, http, cache) = match prepare(conn, env, printer) {
        Ok(prepared) => prepared,
        Err(e) => return vec![stopped(place, "configuration", e)],
    };
    place.cloud = cloud.name.clone();
    place.region = cloud.region_name.clone();
    let mut checks = vec![configuration(&cloud)];
    if all_regions {
        // Every region of the catalog is checked: the configured one need not be there.
        cloud.region_name = None;
    }
    let cached = cache.fresh_until(&cloud);
    let started = Instant::now();
    let store = Arc::new(cache.clone());
    let connected = match crate::client::connect(http.clone(), &cloud, store).await {
        Ok(connected) => connected,
        Err(e) => {
            let mut report = stopped(place, "Keystone", e.into());
            checks.append(&mut report.checks);
            report.checks = checks;
            return vec![report];
        }
    };
    checks.push(keystone(
        &cloud,
        cached.is_some(),
        started.elapsed().as_millis(),
    ));
    let mut reports = Vec::new();
    for (region, compute_url) in targets::regions(&cloud, &connected, all_regions) {
        let common = checks.iter().map(Check::copy).collect();
        let here = Place {
            cloud: place.cloud.clone(),
            region: region.clone().or_else(|| place.region.clone()),
        };
        let region = Region {
            cloud: &cloud,
            connected: &connected,
            http: &http,
            cache: &cache,
            name: region.as_deref(),
            compute_url: &compute_url,
        };
        reports.push(region.check(here, common).await);
    }
    reports
}

/// The report of a target whose checks stopped at `name`, which failed with `failure`.
fn stopped(place: Place, name: &'static str, failure: Failure) -> Report {
    Report {
        place,
        checks: vec![failed(name, &failure, None)],
        failure: Some(failure),
    }
}

/// The text for people: one line per check, `✓` or `✗`, its name and what it found; a
/// failure's hint on the line below. With several targets, each under its name.
fn lines(reports: &[Report], fanned: bool) -> String {
    let width = (reports.iter().flat_map(|r| &r.checks))
        .map(|c| c.name.len())
        .max()
        .unwrap_or_default();
    let mut text = String::new();
    for (i, report) in reports.iter().enumerate() {
        if fanned {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(&format!("{}:\n", heading(&report.place)));
        }
        for check in &report.checks {
            let mark = if check.ok { '✓' } else { '✗' };
            // Server text (error messages) can hold anything: escaped as on stderr.
            let detail = escape_for_terminal(&check.detail, false);
            text.push_str(&format!("{mark} {:width$}  {detail}\n", check.name));
            if let Some(hint) = &check.hint {
                let hint = escape_for_terminal(hint, false);
                text.push_str(&format!("  {:width$}  hint: {hint}\n", ""));
            }
        }
    }
    text
}

/// A target's name: `cloud 'NAME'`, and its region.
fn heading(place: &Place) -> String {
    match &place.region {
        Some(region) => format!("cloud '{}' region '{region}'", place.cloud),
        None => format!("cloud '{}'", place.cloud),
    }
}

/// `-f json`: one object per target, its checks in order.
fn json_text(reports: &[Report]) -> String {
    let targets: Vec<Value> = reports
        .iter()
        .map(|r| {
            json!({
                "cloud": r.place.cloud,
                "region": r.place.region,
                "ok": r.failure.is_none(),
                "checks": r.checks.iter().map(Check::doc).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&targets).unwrap_or_default();
    text.push('\n');
    text
}
