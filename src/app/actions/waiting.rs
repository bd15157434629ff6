//! Waiting on images: how long and how often (`--wait`, `--max-wait`, `--interval`), one
//! look at an image that may be gone, and a deadline over any work.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::app::failure::{Failure, ForImage, Result};
use crate::client::Images;
use crate::error::Error;
use crate::model::Image;

/// `--wait`: how long, and how often, to look for deleted images.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Waiting {
    pub(crate) deadline: Instant,
    pub(crate) interval: Duration,
    pub(crate) seconds: f64,
}

impl Waiting {
    /// Polls `id` until it answers 404, or fails with [`Failure::WaitTimedOut`] (exit 7).
    pub(crate) async fn until_gone(&self, nova: &Images, id: &str) -> Result<()> {
        let timed_out = |last: String| Failure::WaitTimedOut {
            image: id.to_owned(),
            target: "DELETED".into(),
            last,
            seconds: self.seconds,
        };
        let mut last = "no answer".to_owned();
        loop {
            match before_deadline(self.deadline, image_or_gone(nova, id)).await {
                None => return Err(timed_out(last)),
                Some(Ok(None)) => return Ok(()),
                Some(Ok(Some(image))) => {
                    last = format!("still {}", image.status);
                    let remaining = self.deadline.saturating_duration_since(Instant::now());
                    if remaining.is_zero() {
                        return Err(timed_out(last));
                    }
                    tokio::time::sleep(self.interval.min(remaining)).await;
                    if Instant::now() >= self.deadline {
                        return Err(timed_out(last));
                    }
                }
                Some(Err(e)) => return Err(e.for_image(id)),
            }
        }
    }
}

/// The image by ID; `None` when it is gone (404).
pub(crate) async fn image_or_gone(nova: &Images, id: &str) -> Result<Option<Image>> {
    match nova.get(id).await {
        Ok(image) => Ok(Some(image)),
        Err(Error::Api(api)) if api.status == 404 => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `work`'s result, or `None` when the deadline came first.
pub(crate) async fn before_deadline<T>(
    deadline: Instant,
    work: impl Future<Output = T>,
) -> Option<T> {
    tokio::time::timeout_at(tokio::time::Instant::from_std(deadline), work)
        .await
        .ok()
}
