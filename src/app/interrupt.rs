//! Ctrl-C and SIGTERM: one process-wide interrupt state.
//!
//! A task on the runtime's worker threads waits for the signals ([`watch`]). On the first
//! one, unless a command has claimed an orderly stop ([`claim`]), it reports `interrupted`
//! and ends the process with exit 130 itself: the main thread may be blocked writing to a
//! full stdout pipe and would never see it. A command holding a [`Claim`] (delete and prune,
//! while deleting) is told instead ([`Claim::requested`], [`Claim::wait`]), starts nothing
//! new, reports what happened and exits 130 on its own. A second signal always ends the
//! process at once.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

use crate::app::failure::Failure;
use crate::app::report::{self, exit};
use crate::diag::{Diag, Level};

/// How long deletes in flight are awaited after an interrupt before they are abandoned
/// (their outcome then unknown): long enough for a slow cloud to answer a DELETE, short
/// enough for a person waiting at Ctrl-C.
pub(crate) const GRACE: Duration = Duration::from_secs(10);

/// The process's interrupt state.
static PROCESS: Interrupt = Interrupt::new();

/// Installs the SIGINT and SIGTERM handlers and spawns the task that acts on them, on the
/// current runtime (call it inside the runtime's context). Should the handlers not install,
/// the signals keep their default action, which also ends the process.
pub(crate) fn watch() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            return;
        };
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
                PROCESS.signal(end);
            }
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async {
        while tokio::signal::ctrl_c().await.is_ok() {
            PROCESS.signal(end);
        }
    });
}

/// Claims an orderly stop for the process until the claim is dropped: a signal meanwhile no
/// longer ends the process but is the claimant's to act on.
pub(crate) fn claim() -> Claim {
    PROCESS.claim()
}

/// Ends the process as an interrupt does: `nova-images: error: interrupted` on stderr (the
/// report's wording) and exit 130, from whichever thread this runs on.
fn end() {
    use std::io::{IsTerminal, Write};
    let mut stderr = std::io::stderr();
    if stderr.is_terminal() {
        // A progress bar or a question may be on the line: start it afresh.
        let _ = write!(stderr, "\r\x1b[2K");
    }
    let diag = Diag::new(Box::new(stderr), Level::Normal);
    for line in report::lines(&Failure::Interrupted) {
        diag.line(&line);
    }
    std::process::exit(i32::from(exit::INTERRUPTED));
}

/// Signals seen, orderly stops claimed, and the waiters of the claimants.
pub(crate) struct Interrupt {
    state: Mutex<State>,
    /// Set with the first signal; read without the lock by claimants.
    requested: AtomicBool,
    notify: Notify,
}

#[derive(Default)]
struct State {
    signals: u32,
    claims: usize,
}

impl Interrupt {
    pub(crate) const fn new() -> Self {
        Interrupt {
            state: Mutex::new(State {
                signals: 0,
                claims: 0,
            }),
            requested: AtomicBool::new(false),
            notify: Notify::const_new(),
        }
    }

    /// A signal arrived: `end` runs when the process must end now (nobody claimed an orderly
    /// stop, or this is the second signal), with the lock held, so that no claim is made in
    /// between that the end would ignore; else the claimants are woken.
    pub(crate) fn signal(&self, end: impl FnOnce()) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.signals = state.signals.saturating_add(1);
        self.requested.store(true, Ordering::SeqCst);
        if state.claims == 0 || state.signals > 1 {
            end();
            return;
        }
        drop(state);
        self.notify.notify_waiters();
    }

    pub(crate) fn claim(&'static self) -> Claim {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.claims += 1;
        Claim { interrupt: self }
    }
}

/// An orderly stop claimed (see [`claim`]); dropping it gives the signals back their default
/// effect: ending the process at once.
pub(crate) struct Claim {
    interrupt: &'static Interrupt,
}

impl Claim {
    /// Has a signal arrived (during the claim, or before it)?
    pub(crate) fn requested(&self) -> bool {
        self.interrupt.requested.load(Ordering::SeqCst)
    }

    /// Returns once a signal has arrived (at once if one already has).
    pub(crate) async fn wait(&self) {
        loop {
            let notified = self.interrupt.notify.notified();
            tokio::pin!(notified);
            // Registered before the flag is read, so that no wake-up falls in between.
            notified.as_mut().enable();
            if self.requested() {
                return;
            }
            notified.await;
        }
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut state = (self.interrupt.state)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        state.claims = state.claims.saturating_sub(1);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::cell::Cell;

    /// An interrupt state of a test's own (never the process's).
    pub(crate) fn fresh() -> &'static Interrupt {
        Box::leak(Box::new(Interrupt::new()))
    }

    #[test]
    fn without_a_claim_the_first_signal_ends_the_process() {
        let interrupt = fresh();
        let ended = Cell::new(false);
        interrupt.signal(|| ended.set(true));
        assert!(ended.get());
    }

    #[test]
    fn a_claim_takes_the_first_signal_and_never_the_second() {
        let interrupt = fresh();
        let claim = interrupt.claim();
        assert!(!claim.requested());
        let ended = Cell::new(0);
        interrupt.signal(|| ended.set(ended.get() + 1));
        assert_eq!(ended.get(), 0);
        assert!(claim.requested());
        interrupt.signal(|| ended.set(ended.get() + 1));
        assert_eq!(ended.get(), 1);
    }

    #[test]
    fn a_dropped_claim_gives_the_signal_back() {
        let interrupt = fresh();
        drop(interrupt.claim());
        let ended = Cell::new(false);
        interrupt.signal(|| ended.set(true));
        assert!(ended.get());
    }

    #[tokio::test]
    async fn claimants_are_woken_and_a_late_claim_sees_the_signal() {
        let interrupt = fresh();
        let claim = interrupt.claim();
        let waiting = tokio::spawn(async move {
            claim.wait().await;
            claim.requested()
        });
        tokio::task::yield_now().await;
        interrupt.signal(|| panic!("claimed: the process must not end"));
        assert!(waiting.await.unwrap());
        let late = interrupt.claim();
        late.wait().await;
    }
}
