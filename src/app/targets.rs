//! What a command works on: one cloud, or several clouds and regions at once (`--clouds`,
//! `--all-clouds`, `--all-regions`); one cloud is a fan-out of one. Each cloud is resolved
//! and authenticated as if it were given alone (its own cached token), then has one client
//! per region; the targets come in a fixed order: clouds as given (or as clouds.yaml lists
//! them), then regions in catalog order. A target that cannot be reached is an
//! [`Error::Target`] in its place.
//!
//! Open connections stay bounded however many targets there are: a cloud of a fan-out
//! authenticates on connections that close once it has its token, and each target is
//! listed on connections of its own ([`Target::lister`]) that close when its turn is over,
//! so only the targets being worked on hold any.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::task::JoinHandle;

use super::connect::{self, Connection, downgrade_warning, prepare_cloud};
use crate::app::output::Printer;
use crate::cli::FanOutArgs;
use crate::client::{ComputeClient, Connected};
use crate::config::{CloudConfig, Env};
use crate::diag::Diag;
use crate::error::{Error, Result};
use crate::http::{Http, HttpOptions};
use crate::model::Place;

/// One cloud, or one region of it, ready for requests.
pub(crate) struct Target {
    pub place: Place,
    /// The target's client, on its cloud's connections.
    pub nova: ComputeClient,
    /// This is the cloud's own region (the one its completion cache is about).
    pub primary: bool,
    /// How a fan-out's target gets a client on connections of its own.
    own: Option<Own>,
}

impl Target {
    /// The client to list this target with: in a fan-out one on connections of its own,
    /// which close when it and its clones are gone; else `nova`.
    pub(crate) fn lister(&self) -> Result<ComputeClient> {
        match &self.own {
            Some(own) => own.connected.client_on(own.how.build()?, &own.compute_url),
            None => Ok(self.nova.clone()),
        }
    }
}

/// What a target of a fan-out needs for a client of its own: its cloud, endpoint and how
/// the cloud's HTTP clients are made.
struct Own {
    connected: Arc<Connected>,
    compute_url: String,
    how: HowHttp,
}

/// How a cloud's HTTP clients are made (as [`connect::prepare`] makes its one).
#[derive(Clone)]
struct HowHttp {
    options: HttpOptions,
    diag: Diag,
    retries: u32,
}

impl HowHttp {
    fn build(&self) -> Result<Http> {
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
    fn get(&mut self, how: &HowHttp) -> Result<Http> {
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

/// A cloud's targets, and the warnings to print about them.
type CloudTargets = (Vec<Target>, Vec<String>);

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
fn cloud_names(fan: &FanOutArgs, conn: &Connection, env: &Env) -> Result<Vec<Option<String>>> {
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
                let mut connected =
                    crate::client::connect_apart(auth, http, &cloud, Arc::new(cache))
                        .await
                        .map_err(failed)?;
                let regions = regions(&cloud, &connected, all_regions);
                // The cloud is kept until its last target is done; its catalog is done
                // with now.
                connected.session.catalog = Vec::new();
                cloud_targets(&cloud, own_region, Arc::new(connected), how, regions)
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
            Ok((found, warnings)) => {
                warnings.iter().for_each(|w| printer.warn(w));
                targets.extend(found.into_iter().map(Ok));
            }
            Err(e) => targets.push(Err(e)),
        }
    }
    Ok(targets)
}

/// The targets of one authenticated cloud, with the warnings about them.
fn cloud_targets(
    cloud: &CloudConfig,
    own_region: Option<String>,
    connected: Arc<Connected>,
    how: HowHttp,
    regions: Vec<(Option<String>, String)>,
) -> Result<CloudTargets> {
    let mut targets = Vec::new();
    let mut warnings = Vec::new();
    for (region, url) in regions {
        warnings.extend(downgrade_warning(cloud, &url));
        let nova = connected
            .client_at(&url)
            .map_err(|e| target_error(&cloud.name, region.clone(), e))?;
        targets.push(Target {
            primary: region == own_region,
            place: Place {
                cloud: cloud.name.clone(),
                region,
            },
            nova,
            own: Some(Own {
                connected: connected.clone(),
                compute_url: url,
                how: how.clone(),
            }),
        });
    }
    Ok((targets, warnings))
}

/// The regions to work on and their compute endpoints: every one of the catalog with
/// `--all-regions` (unless the endpoint is given), else the cloud's one.
fn regions(cloud: &CloudConfig, connected: &Connected, all: bool) -> Vec<(Option<String>, String)> {
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
pub(crate) fn panicked() -> Error {
    Error::io(
        "the work on this target stopped unexpectedly",
        std::io::Error::other("task panicked"),
    )
}

/// `error` as the failure of one target, which its message names once: an error that
/// already names the cloud (configuration, authentication) keeps its own words, the region
/// put beside the cloud's name.
pub(crate) fn target_error(cloud: &str, region: Option<String>, error: Error) -> Error {
    let named = format!("cloud '{cloud}'");
    if !error.to_string().contains(&named) {
        return Error::Target {
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
        Error::Config { message, hint, fix } => Error::Config {
            message: message.replacen(&named, &place, 1),
            hint,
            fix,
        },
        Error::Auth { message, hint, fix } => Error::Auth {
            message: message.replacen(&named, &place, 1),
            hint,
            fix,
        },
        error => Error::Target {
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
        nova: connected.client()?,
        place: Place {
            cloud: cloud.name,
            region: cloud.region_name,
        },
        primary: true,
        own: None,
    })
}
