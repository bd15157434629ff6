//! Several clouds and regions at once (`--clouds`, `--all-clouds`, `--all-regions`). Each
//! cloud is resolved and authenticated as if it were given alone (its own cached token),
//! then has one client per region; work on the targets runs `--concurrency` at a time and
//! comes back in a fixed order: clouds as given (or as clouds.yaml lists them), then regions
//! in catalog order. A target that fails is an [`Error::Target`] in its place.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::task::JoinSet;

use super::{Connection, downgrade_warning, prepare};
use crate::app::output::Printer;
use crate::auth::{self, Reauth};
use crate::cli::FanOutArgs;
use crate::client::ComputeClient;
use crate::config::{CloudConfig, Env};
use crate::error::{Error, Result};

/// One cloud, or one region of it, ready for requests.
pub(super) struct Target {
    pub cloud: String,
    pub region: Option<String>,
    pub nova: ComputeClient,
}

/// A cloud's targets, and the warnings to print about them.
type Reached = (Vec<Target>, Vec<String>);

/// A job for [`bounded`].
pub(super) type Job<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Runs `jobs` at most `at_once` at a time; the results in the jobs' order.
pub(super) async fn bounded<T: Send + 'static>(jobs: Vec<Job<T>>, at_once: usize) -> Vec<T> {
    let total = jobs.len();
    let mut results: Vec<Option<T>> = (0..total).map(|_| None).collect();
    let mut pending = jobs.into_iter().enumerate();
    let mut running = JoinSet::new();
    loop {
        while running.len() < at_once.max(1) {
            let Some((index, job)) = pending.next() else {
                break;
            };
            running.spawn(async move { (index, job.await) });
        }
        match running.join_next().await {
            Some(Ok((index, result))) => results[index] = Some(result),
            // A job that panicked leaves its place empty; nothing here panics.
            Some(Err(_)) => {}
            None => break,
        }
    }
    results.into_iter().flatten().collect()
}

/// The clouds to work on: `--clouds` in order, `--all-clouds` (the files' clouds in order),
/// else the one the connection options choose.
fn cloud_names(fan: &FanOutArgs, conn: &Connection, env: &Env) -> Result<Vec<Option<String>>> {
    if !fan.clouds.is_empty() {
        return Ok(fan.clouds.iter().map(|c| Some(c.clone())).collect());
    }
    if fan.all_clouds {
        let names: Vec<Option<String>> = crate::config::list_clouds(env, &mut Vec::new())?
            .into_iter()
            .filter(|(_, file)| file.is_some())
            .map(|(name, _)| Some(name))
            .collect();
        if names.is_empty() {
            return Err(Error::config(
                "--all-clouds: no clouds.yaml defines a cloud",
                Some("see `nova-images config clouds`".into()),
            ));
        }
        return Ok(names);
    }
    Ok(vec![conn.args.os_cloud.clone()])
}

/// Every target, or the error of each that cannot be reached, in the fixed order.
pub(super) async fn connect_all(
    fan: &FanOutArgs,
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<Vec<Result<Target>>> {
    // Configuration (and any password prompt) one cloud after the other; then the
    // authentications at once.
    let mut jobs: Vec<Job<Result<Reached>>> = Vec::new();
    for name in cloud_names(fan, conn, env)? {
        let mut args = conn.args.clone();
        args.os_cloud = name.clone();
        if fan.all_regions {
            args.os_region_name = None;
        }
        let one = Connection {
            args,
            retries: conn.retries,
            token_cache: conn.token_cache,
        };
        let label = name.clone().unwrap_or_default();
        let all_regions = fan.all_regions;
        match prepare(&one, env, printer) {
            Ok((cloud, http, cache)) => jobs.push(Box::pin(async move {
                let session = auth::authenticate(&http, &cloud, &cache)
                    .await
                    .map_err(|e| target_error(&cloud.name, None, e))?;
                let reauth = Arc::new(Reauth::new(http.clone(), cloud.clone(), Arc::new(cache)));
                let mut targets = Vec::new();
                let mut warnings = Vec::new();
                for (region, url) in regions(&cloud, &session, all_regions) {
                    warnings.extend(downgrade_warning(&cloud, &url));
                    let nova = client(&http, &cloud, &url, &session, &reauth)
                        .map_err(|e| target_error(&cloud.name, region.clone(), e))?;
                    targets.push(Target {
                        cloud: cloud.name.clone(),
                        region,
                        nova,
                    });
                }
                Ok((targets, warnings))
            })),
            Err(e) => {
                let e = target_error(&label, None, e);
                jobs.push(Box::pin(async move { Err(e) }));
            }
        }
    }
    let mut targets = Vec::new();
    for result in bounded(jobs, fan.concurrency as usize).await {
        match result {
            Ok((found, warnings)) => {
                warnings.iter().for_each(|w| printer.warn(w));
                targets.extend(found.into_iter().map(Ok));
            }
            Err(e) => targets.push(Err(e)),
        }
    }
    Ok(targets)
}

/// The regions to list and their compute endpoints: every one of the catalog with
/// `--all-regions` (unless the endpoint is given), else the cloud's one.
fn regions(
    cloud: &CloudConfig,
    session: &auth::Session,
    all: bool,
) -> Vec<(Option<String>, String)> {
    if all && cloud.compute_endpoint_override.is_none() {
        let found = auth::compute_regions(&session.catalog, &cloud.interface);
        if !found.is_empty() {
            return found.into_iter().map(|(r, url)| (Some(r), url)).collect();
        }
    }
    vec![(cloud.region_name.clone(), session.compute_url.clone())]
}

/// A client for one region: the cloud's token, microversion and re-authentication.
fn client(
    http: &crate::http::Http,
    cloud: &CloudConfig,
    url: &str,
    session: &auth::Session,
    reauth: &Arc<Reauth>,
) -> Result<ComputeClient> {
    Ok(
        ComputeClient::new(http.clone(), url, session.token.clone())?
            .with_microversion(&cloud.compute_api_version)?
            .with_shared_reauth(reauth.clone()),
    )
}

fn target_error(cloud: &str, region: Option<String>, error: Error) -> Error {
    Error::Target {
        cloud: cloud.to_owned(),
        region,
        source: Box::new(error),
    }
}
