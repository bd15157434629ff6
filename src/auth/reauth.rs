//! [`Reauth`]: a new token when Nova (or Glance) refuses the one a run holds, once for
//! every request that was refused together, and never again after Keystone refused the
//! credentials.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{ApiChoice, TokenStore, authenticate};
use crate::config::CloudConfig;
use crate::error::{Error, Result};
use crate::http::Http;
use crate::model::Secret;

/// Re-authenticates on demand, for a token that Nova refuses (401) mid-run.
///
/// One `Reauth` serves every client and task of a run that share it (clone the `Arc`):
/// - one re-authentication at a time: a 401 that arrives while one is under way waits for
///   it and gets its outcome (the new token, or its failure) instead of logging in again;
/// - a 401 for a token that was already replaced gets the new token, with no login;
/// - once Keystone refuses the credentials (or the identity endpoint is unusable), there is
///   no further attempt: every later 401 fails at once with that same error, so that a
///   revoked token with a changed password costs one failed login, not one per request
///   (Keystone locks accounts after `lockout_failure_attempts`).
#[derive(Debug)]
pub struct Reauth {
    http: Http,
    cloud: CloudConfig,
    store: Arc<dyn TokenStore>,
    gate: Gate,
}

impl Reauth {
    /// Remembers how to authenticate again.
    pub fn new(http: Http, cloud: CloudConfig, store: Arc<dyn TokenStore>) -> Self {
        Reauth {
            http,
            cloud,
            store,
            gate: Gate::default(),
        }
    }

    /// The token to repeat a request with, after Nova refused `refused` (the token that
    /// request sent; `None` when it sent none). See [`Reauth`] for when this logs in.
    pub async fn renew(&self, refused: Option<&str>) -> Result<Option<Secret>> {
        self.gate
            .renew(refused, || async {
                self.http
                    .diag()
                    .notice("Nova refused the token (401); authenticating again");
                // The refused token must not come back from the cache.
                self.store.forget(&self.cloud);
                authenticate(&self.http, &self.cloud, self.store.as_ref())
                    .await
                    .map(|s| s.token)
            })
            .await
    }

    /// What `--api auto` chose for `key` with this cloud's kept token (see
    /// [`TokenStore::api_choice`]): the identity and its store are here.
    pub fn api_choice(&self, key: &str) -> Option<ApiChoice> {
        self.store.api_choice(&self.cloud, key)
    }

    /// Keeps `--api auto`'s choice of Glance for `key` with this cloud's token.
    pub fn keep_api_choice(&self, key: &str, choice: &ApiChoice) {
        self.store.keep_api_choice(&self.cloud, key, choice);
    }
}

/// The bookkeeping of [`Reauth`], apart from Keystone so that it can be tested alone.
#[derive(Debug, Default)]
struct Gate {
    /// Held for the whole of an attempt: the 401s that arrive meanwhile queue here.
    state: tokio::sync::Mutex<Renewal>,
    /// Attempts finished so far. Read before queueing, it tells a task whether an attempt
    /// ended while it waited (then that attempt was its own) or not (then it may try).
    finished: AtomicU64,
}

#[derive(Debug, Default)]
struct Renewal {
    /// The token of the last successful attempt.
    token: Option<Secret>,
    /// Why the credentials will not work this run: every later 401 fails with it.
    refused: Option<Error>,
    /// How the last attempt ended, for the tasks that waited for it.
    last: Option<Outcome>,
}

#[derive(Debug)]
enum Outcome {
    /// It got [`Renewal::token`].
    Renewed,
    /// It failed in a way that may pass (Keystone unreachable or failing); the error again,
    /// when it can be copied.
    Failed(Option<Error>),
}

impl Gate {
    /// The token after a 401 for `refused`: the outcome of the attempt this task waited for,
    /// the one already renewed, or `attempt`'s. `attempt` runs at most once at a time.
    async fn renew<F, Fut>(&self, refused: Option<&str>, attempt: F) -> Result<Option<Secret>>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Secret>>>,
    {
        let seen = self.finished.load(Ordering::SeqCst);
        let mut state = self.state.lock().await;
        if let Some(error) = state.refused.as_ref().and_then(replay) {
            return Err(error);
        }
        if self.finished.load(Ordering::SeqCst) != seen {
            match &state.last {
                Some(Outcome::Renewed) => return Ok(state.token.clone()),
                Some(Outcome::Failed(failure)) => {
                    if let Some(error) = failure.as_ref().and_then(replay) {
                        return Err(error);
                    }
                }
                None => {}
            }
        }
        if let Some(token) = &state.token
            && Some(token.expose()) != refused
        {
            return Ok(Some(token.clone()));
        }
        let outcome = attempt().await;
        self.finished.fetch_add(1, Ordering::SeqCst);
        state.last = Some(match &outcome {
            Ok(token) => {
                state.token = token.clone();
                Outcome::Renewed
            }
            Err(error) if is_final(error) => {
                state.refused = replay(error);
                Outcome::Failed(replay(error))
            }
            Err(error) => Outcome::Failed(replay(error)),
        });
        outcome
    }
}

/// A failure that another attempt in the same run would only repeat: Keystone refused the
/// credentials, or the identity endpoint or catalog is unusable.
fn is_final(error: &Error) -> bool {
    matches!(error, Error::Auth { .. } | Error::Config { .. })
}

/// The same error again, for the tasks that share one attempt's outcome; `None` for the
/// kinds that cannot be copied (a transport or I/O error), whose tasks then try themselves.
fn replay(error: &Error) -> Option<Error> {
    Some(match error {
        Error::Auth { message, hint, fix } => Error::Auth {
            message: message.clone(),
            hint: hint.clone(),
            fix: fix.clone(),
        },
        Error::Config { message, hint, fix } => Error::Config {
            message: message.clone(),
            hint: hint.clone(),
            fix: fix.clone(),
        },
        Error::Api(api) => Error::Api(api.clone()),
        Error::Timeout {
            method,
            url,
            seconds,
        } => Error::Timeout {
            method: method.clone(),
            url: url.clone(),
            seconds: *seconds,
        },
        Error::Decode {
            method,
            url,
            message,
        } => Error::Decode {
            method: method.clone(),
            url: url.clone(),
            message: message.clone(),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attempt that counts itself, takes a while (so that others queue meanwhile) and
    /// ends with `outcome`.
    async fn counted(
        attempts: &std::sync::atomic::AtomicUsize,
        outcome: Result<Option<Secret>>,
    ) -> Result<Option<Secret>> {
        attempts.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        outcome
    }

    /// `tasks` concurrent 401s for `refused` on one gate; each attempt ends with `outcome()`.
    /// The attempts made, and each task's answer.
    async fn concurrent(
        gate: &Arc<Gate>,
        tasks: usize,
        refused: &'static str,
        outcome: fn() -> Result<Option<Secret>>,
    ) -> (usize, Vec<Result<Option<Secret>>>) {
        let attempts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..tasks {
            let (gate, attempts) = (gate.clone(), attempts.clone());
            set.spawn(async move {
                gate.renew(Some(refused), || counted(&attempts, outcome()))
                    .await
            });
        }
        let answers = set.join_all().await;
        (attempts.load(Ordering::SeqCst), answers)
    }

    fn new_token() -> Result<Option<Secret>> {
        Ok(Some(Secret::new("T1")))
    }

    fn refusal() -> Result<Option<Secret>> {
        Err(Error::auth(
            "authentication failed for cloud 'c': 401",
            None,
        ))
    }

    fn keystone_down() -> Result<Option<Secret>> {
        Err(Error::Timeout {
            method: "POST".into(),
            url: "http://k/v3/auth/tokens".into(),
            seconds: 1.0,
        })
    }

    fn expose(answer: &Result<Option<Secret>>) -> Option<&str> {
        answer.as_ref().ok()?.as_ref().map(Secret::expose)
    }

    #[tokio::test]
    async fn concurrent_401s_share_one_attempt_and_its_token() {
        let gate = Arc::new(Gate::default());
        let (attempts, answers) = concurrent(&gate, 8, "T0", new_token).await;
        assert_eq!(attempts, 1);
        assert!(answers.iter().all(|a| expose(a) == Some("T1")));
        // A late 401 for the old token gets the new one without logging in.
        let (attempts, answers) = concurrent(&gate, 3, "T0", refusal).await;
        assert_eq!(attempts, 0);
        assert!(answers.iter().all(|a| expose(a) == Some("T1")));
        // The new token refused too: one more attempt.
        let (attempts, _) = concurrent(&gate, 3, "T1", new_token).await;
        assert_eq!(attempts, 1);
    }

    #[tokio::test]
    async fn a_refusal_ends_every_later_attempt_with_the_same_error() {
        let gate = Arc::new(Gate::default());
        let (attempts, answers) = concurrent(&gate, 8, "T0", refusal).await;
        assert_eq!(attempts, 1);
        let (attempts, later) = concurrent(&gate, 8, "T0", new_token).await;
        assert_eq!(
            attempts, 0,
            "no login after Keystone refused the credentials"
        );
        for answer in answers.iter().chain(&later) {
            assert!(
                matches!(answer, Err(Error::Auth { message, .. })
                    if message == "authentication failed for cloud 'c': 401"),
                "{answer:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_failure_that_may_pass_is_shared_by_its_waiters_only() {
        let gate = Arc::new(Gate::default());
        let (attempts, answers) = concurrent(&gate, 8, "T0", keystone_down).await;
        assert_eq!(attempts, 1);
        assert!(
            answers
                .iter()
                .all(|a| matches!(a, Err(Error::Timeout { .. })))
        );
        // A 401 after that attempt ended may try again, and then succeeds.
        let (attempts, answers) = concurrent(&gate, 4, "T0", new_token).await;
        assert_eq!(attempts, 1);
        assert!(answers.iter().all(|a| expose(a) == Some("T1")));
    }

    #[test]
    fn the_gate_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Reauth>();
    }
}
