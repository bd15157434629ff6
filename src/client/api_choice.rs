//! Which images API `--api auto` uses, from what probes of the two found: Nova's images
//! API when it answers; Glance when Nova's is not there (its images routes 404 at the
//! pinned microversion while the compute endpoint answers, 410 Gone, no compute endpoint
//! but an image endpoint, or 5xx after the retries) and Glance answers. A pure function of
//! the probes, so that whoever probes (doctor, the listing commands) decides alike.

/// What asking Nova's images API (`GET /images/detail?limit=1`) found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NovaProbe {
    /// It answered with a page.
    Answers,
    /// The catalog has no compute endpoint (and none is configured). Only doctor probes
    /// for it; `auto` needs no probe to see it (see `Connected::images_at`).
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    NoEndpoint,
    /// The images route answered 404; `compute_answers`: the compute endpoint itself did
    /// (its version document), so the route, not the endpoint, is missing.
    NotFound { compute_answers: bool },
    /// 410 Gone: Nova dropped the proxy.
    Gone,
    /// 5xx, after the retries.
    ServerError(u16),
    /// Anything else (refused token, 4xx, unreachable, timeout, a bad body).
    Failed,
}

impl NovaProbe {
    /// What a failed request of Nova's images API says of it; `compute_answers`: whether
    /// the compute endpoint's version document answered (it matters for a 404 only).
    pub(crate) fn of(error: &crate::error::Error, compute_answers: bool) -> Self {
        match error {
            crate::error::Error::Api(api) => match api.status {
                404 => NovaProbe::NotFound { compute_answers },
                410 => NovaProbe::Gone,
                status @ 500..=599 => NovaProbe::ServerError(status),
                _ => NovaProbe::Failed,
            },
            _ => NovaProbe::Failed,
        }
    }
}

/// What asking Glance (`GET /v2/images?limit=1`) found: did it answer?
pub(crate) type GlanceAnswers = bool;

/// The images API chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Api {
    Nova,
    Glance,
}

/// The choice, and why: `None` when neither API can serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub api: Option<Api>,
    pub why: String,
}

/// The rule of `--api auto` (see the module's docs), for a request at `microversion`.
pub(crate) fn choose(nova: NovaProbe, glance: GlanceAnswers, microversion: &str) -> Choice {
    let pick = |api, why: String| Choice { api, why };
    let missing = match nova {
        NovaProbe::Answers => {
            return pick(Some(Api::Nova), "Nova's images API answers".into());
        }
        NovaProbe::NoEndpoint => "the catalog has no compute endpoint".to_owned(),
        NovaProbe::NotFound {
            compute_answers: true,
        } => format!(
            "Nova's images routes answer 404 at microversion {microversion} while the compute \
             endpoint answers"
        ),
        NovaProbe::Gone => "Nova's images API answers 410 Gone".to_owned(),
        NovaProbe::ServerError(status) => {
            format!("Nova's images API answers {status} after the retries")
        }
        // A 404 from an endpoint that does not answer at all is a wrong endpoint, not a
        // removed API: Glance would hide the mistake.
        NovaProbe::NotFound {
            compute_answers: false,
        }
        | NovaProbe::Failed => {
            return pick(None, "Nova's images API fails; no fallback applies".into());
        }
    };
    if glance {
        pick(Some(Api::Glance), format!("{missing}, and Glance answers"))
    } else {
        pick(None, format!("{missing}, and Glance does not answer"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_takes_nova_when_it_answers_else_glance_only_where_nova_is_not_there() {
        let found = |nova, glance| choose(nova, glance, "2.1").api;
        let missing = [
            NovaProbe::NoEndpoint,
            NovaProbe::NotFound {
                compute_answers: true,
            },
            NovaProbe::Gone,
            NovaProbe::ServerError(504),
        ];
        assert_eq!(found(NovaProbe::Answers, true), Some(Api::Nova));
        assert_eq!(found(NovaProbe::Answers, false), Some(Api::Nova));
        for nova in missing {
            assert_eq!(found(nova, true), Some(Api::Glance), "{nova:?}");
            assert_eq!(found(nova, false), None, "{nova:?}");
        }
        let wrong = NovaProbe::NotFound {
            compute_answers: false,
        };
        for nova in [wrong, NovaProbe::Failed] {
            assert_eq!(found(nova, true), None, "{nova:?}");
        }
    }

    #[test]
    fn the_reason_names_what_was_found() {
        let gone = NovaProbe::NotFound {
            compute_answers: true,
        };
        assert_eq!(
            choose(gone, true, "2.35").why,
            "Nova's images routes answer 404 at microversion 2.35 while the compute endpoint \
             answers, and Glance answers"
        );
        assert_eq!(
            choose(NovaProbe::Answers, false, "2.1").why,
            "Nova's images API answers"
        );
    }
}
