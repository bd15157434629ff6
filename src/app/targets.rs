//! What a command works on: one cloud, or several clouds and regions at once (`--clouds`,
//! `--all-clouds`, `--all-regions`); one cloud is a fan-out of one. Each cloud is resolved
//! and authenticated as if it were given alone (its own cached token), then has one client
//! per region; the targets come in a fixed order: clouds as given (or as clouds.yaml lists
//! them), then regions in catalog order. A target that cannot be reached is a
//! [`Failure::Target`] in its place.
//!
//! Open connections stay bounded however many targets there are: a cloud of a fan-out
//! authenticates on connections that close once it has its token, and each target is
//! listed on connections of its own ([`Target::lister`]) that close when its turn is over,
//! so only the targets being worked on hold any.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use tokio::task::JoinHandle;

use super::connect::{self, Connection, downgrade_warning, prepare_cloud};
use crate::app::failure::{Failure, Result};
use crate::app::output::Printer;
use crate::cli::FanOutArgs;
use crate::client::{Connected, Images};
use crate::config::{CloudConfig, Env};
use crate::diag::Diag;
use crate::error::Error;
use crate::http::{Http, HttpOptions};
use crate::model::Place;

/// One cloud, or one region of it, ready for requests.
#[derive(Clone)]
pub(crate) struct Target {
    pub place: Place,
    /// The target's images, on its cloud's connections.
    pub nova: Images,
    /// This is the cloud's own region (the one its completion cache is about).
    pub primary: bool,
    /// A fan-out's target is listed on connections of its own, made this way.
    own: Option<HowHttp>,
}

impl Target {
    /// The images to list this target with: in a fan-out on connections of its own, which
    /// close when they and their clones are gone; else `nova`.
    pub(crate) fn lister(&self) -> Result<Images> {
        match &self.own {
            Some(how) => Ok(self.nova.clone().with_http(how.build()?)),
            None => Ok(self.nova.clone()),
        }
    }
}

/// How a cloud's HTTP clients are made (as [`connect::prepare`] makes its one).
#[derive(Clone)]
struct HowHttp {
    options: HttpOptions,
    diag: Diag,
    retries: u32,
}

impl HowHttp {
    fn build(&self) -> crate::error::Result<Http> {
        Ok(Http::new(&self.options)?
            .with_diag(self.diag.clone())
            .with_retries(self.retries))
    }
}

/// The clouds' own HTTP clients (what their re-authentication, and prune's deletes, go
/// by), one for each distinct setting of TLS and timeout rather than one per cloud: a
/// client holds its trusted roots, about 100 KB.
#[derive(Default)]
struct SharedHttp(Vec<(HttpOptions, Http)>);

impl SharedHttp {
    fn get(&mut self, how: &HowHttp) -> crate::error::Result<Http> {
        let same = |o: &HttpOptions| {
            HttpOptions {
                cloud: how.options.cloud.clone(),
                ..o.clone()
            } == how.options
        };
        if let Some((_, http)) = self.0.iter().find(|(o, _)| same(o)) {
            return Ok(http.clone());
        }
        let http = how.build()?;
        self.0.push((how.options.clone(), http.clone()));
        Ok(http)
    }
}

/// A cloud's targets, with what to say about them: warnings, and notes for `-v`.
struct CloudTargets {
    /// In order; a region that cannot be reached is its failure, in its place.
    targets: Vec<Result<Target>>,
    warnings: Vec<String>,
    notes: Vec<String>,
}

/// A job for [`InOrder`].
pub(crate) type Job<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Jobs run at most `window` ahead of the one being consumed, their results taken in
/// order: what waits is bounded by the window, however many jobs there are (a job is made
/// only when its turn to start comes).
pub(crate) struct InOrder<T> {
    pending: Box<dyn Iterator<Item = Job<T>> + Send>,
    running: std::collections::VecDeque<JoinHandle<T>>,
    window: usize,
}

impl<T: Send + 'static> InOrder<T> {
    pub(crate) fn new<I>(jobs: I, window: usize) -> Self
    where
        I: IntoIterator<Item = Job<T>>,
        I::IntoIter: Send + 'static,
    {
        let mut this = InOrder {
            pending: Box::new(jobs.into_iter()),
            running: Default::default(),
            window: window.max(1),
        };
        this.fill();
        this
    }

    fn fill(&mut self) {
        while self.running.len() < self.window {
            match self.pending.next() {
                Some(job) => self.running.push_back(tokio::spawn(job)),
                None => break,
            }
        }
    }

    /// The next job's result, `Err` if it panicked; `None` after the last.
    pub(crate) async fn next(&mut self) -> Option<std::result::Result<T, String>> {
        let handle = self.running.pop_front()?;
        self.fill();
        Some(handle.await.map_err(|e| e.to_string()))
    }
}

impl<T> Drop for InOrder<T> {
    fn drop(&mut self) {
        self.running.iter().for_each(JoinHandle::abort);
    }
}

/// The clouds to work on: `--clouds` in order (each once), `--all-clouds` (the files'
/// clouds in order), else the one the connection options choose.
pub(crate) fn cloud_names(
    fan: &FanOutArgs,
    conn: &Connection,
    env: &Env,
) -> Result<Vec<Option<String>>> {
    if !fan.clouds.is_empty() {
        let mut seen = HashSet::new();
        return Ok((fan.clouds.iter())
            .filter(|c| seen.insert(c.as_str()))
            .map(|c| Some(c.clone()))
            .collect());
    }
    if fan.all_clouds {
        let names: Vec<Option<String>> = crate::config::list_clouds(env, &mut Vec::new())?
            .into_iter()
            .filter(|(_, file)| file.is_some())
            .map(|(name, _)| Some(name))
            .collect();
        if names.is_empty() {
            return Err(Failure::config(
                "--all-clouds: no clouds.yaml defines a cloud",
                Some("see `nova-images config clouds`".into()),
            ));
        }
        return Ok(names);
    }
    Ok(vec![conn.args.os_cloud.clone()])
}

/// Every target, or the error of each that cannot be reached, in the fixed order.
pub(crate) async fn connect_all(
    fan: &FanOutArgs,
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<Vec<Result<Target>>> {
    // Configuration (and any password prompt) one cloud after the other; then the
    // authentications, `--concurrency` at a time.
    let mut jobs: Vec<Job<Result<CloudTargets>>> = Vec::new();
    let mut labels = Vec::new();
    let mut shared = SharedHttp::default();
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
        labels.push(label.clone());
        let all_regions = fan.all_regions;
        let diag = printer.diag().clone();
        let prepared = prepare_cloud(&one, env, printer).and_then(|(cloud, cache)| {
            let how = HowHttp {
                options: cloud.http_options(),
                diag,
                retries: conn.retries,
            };
            let http = shared.get(&how)?;
            Ok((cloud, cache, how, http))
        });
        match prepared {
            Ok((mut cloud, cache, how, http)) => jobs.push(Box::pin(async move {
                // Every region of the catalog is listed: the configured one need not be
                // there, so authentication must not look for it.
                let own_region = cloud.region_name.clone();
                if all_regions {
                    cloud.region_name = None;
                }
                let failed = |e| target_error(&cloud.name, None, e);
                let auth = how.build().map_err(failed)?;
                let cache = std::sync::Arc::new(cache);
                let connected = crate::client::connect_apart(auth, http, &cloud, cache)
                    .await
                    .map_err(failed)?;
                cloud_targets(&cloud, own_region, &connected, all_regions, how).await
            })),
            Err(e) => {
                let e = target_error(&label, None, e);
                jobs.push(Box::pin(async move { Err(e) }));
            }
        }
    }
    let mut targets = Vec::new();
    let mut running = InOrder::new(jobs, fan.concurrency as usize);
    for label in labels {
        let Some(result) = running.next().await else {
            break;
        };
        match result.unwrap_or_else(|_| Err(target_error(&label, None, panicked()))) {
            Ok(found) => {
                found.warnings.iter().for_each(|w| printer.warn(w));
                found.notes.iter().for_each(|n| printer.diag().info(n));
                targets.extend(found.targets);
            }
            Err(e) => targets.push(Err(e)),
        }
    }
    Ok(targets)
}

/// The targets of one authenticated cloud, with what to say about them. Regions whose
/// compute endpoint is one URL are one target (the first of them): one token on one
/// endpoint sees the same images, which would otherwise be listed, planned and deleted once
/// for each region.
async fn cloud_targets(
    cloud: &CloudConfig,
    own_region: Option<String>,
    connected: &Connected,
    all_regions: bool,
    how: HowHttp,
) -> Result<CloudTargets> {
    let mut found = CloudTargets {
        targets: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
    };
    for (region, url) in regions(cloud, connected, all_regions) {
        let nova = match connected.images_at(region.as_deref(), &url).await {
            Ok(nova) => nova,
            Err(e) => {
                (found.targets).push(Err(target_error(&cloud.name, region.clone(), e)));
                continue;
            }
        };
        let same =
            (found.targets.iter_mut().flatten()).find(|t| t.nova.endpoint() == nova.endpoint());
        if let Some(first) = same {
            // Its completion cache is the cloud's own when either region is.
            first.primary |= region == own_region;
            found.notes.push(format!(
                "cloud '{}': region '{}' has the compute endpoint of region '{}' ({}): one \
                 target, shown as '{}'",
                cloud.name,
                region.as_deref().unwrap_or_default(),
                first.place.region.as_deref().unwrap_or_default(),
                nova.endpoint(),
                first.place.region.as_deref().unwrap_or_default(),
            ));
            continue;
        }
        found.warnings.extend(downgrade_warning(cloud, &url));
        found.targets.push(Ok(Target {
            primary: region == own_region,
            place: Place {
                cloud: cloud.name.clone(),
                region,
            },
            nova,
            own: Some(how.clone()),
        }));
    }
    Ok(found)
}

/// The regions to work on and their compute endpoints: every one of the catalog with
/// `--all-regions` (unless the endpoint is given), else the cloud's one.
pub(crate) fn regions(
    cloud: &CloudConfig,
    connected: &Connected,
    all: bool,
) -> Vec<(Option<String>, String)> {
    if all && cloud.compute_endpoint_override.is_none() {
        let found = connected.regions(&cloud.interface);
        if !found.is_empty() {
            return found.into_iter().map(|(r, url)| (Some(r), url)).collect();
        }
    }
    vec![(
        cloud.region_name.clone(),
        connected.session.compute_url.clone(),
    )]
}

/// The error of a task that ended in a panic: its target failed.
pub(crate) fn panicked() -> Failure {
    Failure::io(
        "the work on this target stopped unexpectedly",
        std::io::Error::other("task panicked"),
    )
}

/// `error` as the failure of one target, which its message names once: an error that
/// already names the cloud (configuration, authentication) keeps its own words, the region
/// put beside the cloud's name.
pub(crate) fn target_error(
    cloud: &str,
    region: Option<String>,
    error: impl Into<Failure>,
) -> Failure {
    let error = error.into();
    let named = format!("cloud '{cloud}'");
    if !error.to_string().contains(&named) {
        return Failure::Target {
            cloud: cloud.to_owned(),
            region,
            source: Box::new(error),
        };
    }
    let Some(region) = region else {
        return error;
    };
    let place = format!("{named} region '{region}'");
    match error {
        Failure::Lib(Error::Config { message, hint, fix }) => Failure::Lib(Error::Config {
            message: message.replacen(&named, &place, 1),
            hint,
            fix,
        }),
        Failure::Lib(Error::Auth { message, hint, fix }) => Failure::Lib(Error::Auth {
            message: message.replacen(&named, &place, 1),
            hint,
            fix,
        }),
        error => Failure::Target {
            cloud: cloud.to_owned(),
            region: Some(region),
            source: Box::new(error),
        },
    }
}

/// The cloud of the connection options, as a target of its own.
pub(crate) async fn this_cloud(
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<Target> {
    let (connected, cloud) = connect::connect_cloud(conn, env, printer).await?;
    Ok(Target {
        nova: connected.images().await?,
        place: Place {
            cloud: cloud.name,
            region: cloud.region_name,
        },
        primary: true,
        own: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the listing pipeline and `connect_all` do with each job's outcome, in order.
    async fn outcomes(jobs: Vec<Job<Result<String>>>, places: &[Place]) -> Vec<String> {
        let mut running = InOrder::new(jobs, 2);
        let mut seen = Vec::new();
        for place in places {
            let Some(result) = running.next().await else {
                break;
            };
            let outcome = result.unwrap_or_else(|_| {
                Err(target_error(&place.cloud, place.region.clone(), panicked()))
            });
            seen.push(outcome.unwrap_or_else(|e| format!("failed: {e}")));
        }
        assert!(running.next().await.is_none(), "a job too many");
        seen
    }

    #[tokio::test]
    async fn a_job_that_panics_is_its_targets_failure_and_the_others_still_come_in_order() {
        let place = |cloud: &str, region: Option<&str>| Place {
            cloud: cloud.into(),
            region: region.map(Into::into),
        };
        let places = [
            place("a", Some("R1")),
            place("a", Some("R2")),
            place("b", None),
            place("c", None),
        ];
        let jobs: Vec<Job<Result<String>>> = vec![
            // The first finishes last: results still come in the jobs' order.
            Box::pin(async {
                tokio::task::yield_now().await;
                Ok("a/R1".to_owned())
            }),
            Box::pin(async { panic!("a bug in the job") }),
            Box::pin(async { panic!("another") }),
            Box::pin(async { Ok("c".to_owned()) }),
        ];
        let stopped = "the work on this target stopped unexpectedly: task panicked";
        assert_eq!(
            outcomes(jobs, &places).await,
            [
                "a/R1".to_owned(),
                format!("failed: cloud 'a' region 'R2': {stopped}"),
                format!("failed: cloud 'b': {stopped}"),
                "c".to_owned(),
            ]
        );
    }
}
