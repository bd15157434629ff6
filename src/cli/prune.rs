//! The options of `prune`: which images (list's filters and --older-than), how many of each
//! name (or --group-by group) to keep, and how the deletes run (delete's options).

use std::time::Duration;

use clap::Args;
use clap::builder::ArgPredicate;

use super::RecordFormat;
use super::images::{FanOutArgs, FilterArgs, InUseArgs};
use super::output::JqArgs;
use crate::client::NamePattern;

/// `prune` options.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Keep the newest N images of each name (by creation time; ties: highest ID)
    ///
    /// The images selected are grouped by exact name (or by --group-by); in each group the N
    /// created last are kept whatever their age. 0 keeps none (with --older-than: none that
    /// is old enough).
    #[arg(long, value_name = "N")]
    pub keep: u32,

    /// Group images by the part of their name REGEX captures, not by the whole name
    ///
    /// The group key is the text of the first capture group (the whole match when REGEX has
    /// none; empty when that group takes no part in the match): with '^(ci-build)-\d{8}',
    /// ci-build-20240601-1 and ci-build-20240602-4 are one group, ci-build. --keep counts
    /// in each group. Images whose name does not match are left out of the plan, never
    /// deleted (-v says how many). Every filter (--match, --property, ...) applies first.
    /// The plan shows each image's group (a Group column, a "group" key).
    #[arg(long, value_name = "REGEX", value_parser = NamePattern::new)]
    pub group_by: Option<NamePattern>,

    /// Let any image fill a keep slot, whatever its status
    ///
    /// By default only ACTIVE images count towards --keep: images still saving, or broken,
    /// are kept when newer than the last one kept, and never take a usable image's place.
    #[arg(long)]
    pub keep_any_status: bool,

    /// Delete only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w
    ///
    /// A whole number and a unit: s(econds), m(inutes), h(ours), d(ays) or w(eeks). Images
    /// among the newest --keep of their name are kept however old; of the others, those not
    /// older than AGE (created AGE ago or later) are kept too. Compared with the image's
    /// `created` time, as an instant (its offset applied).
    #[arg(long, value_name = "AGE", value_parser = crate::time::age)]
    pub older_than: Option<Duration>,

    /// Which images: list's filters.
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Images per request (the API's `limit`)
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..), help_heading = "Paging")]
    pub page_size: u32,

    /// Print the plan and delete nothing (no DELETE is sent)
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,

    /// Delete the planned images without asking (needed when stdin or stderr is not a
    /// terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Return only once each deleted image answers 404 (polls; see --timeout, --interval)
    #[arg(long, conflicts_with = "dry_run")]
    pub wait: bool,

    /// With --wait: give up after this many seconds in all (default 600; exit 7)
    ///
    /// With --wait, --timeout means the same (the whole wait, as with kubectl wait); each
    /// HTTP request then keeps its own limit (api_timeout in clouds.yaml, else 30 s).
    #[arg(long, value_name = "SECONDS", value_parser = crate::time::seconds, requires = "wait")]
    pub max_wait: Option<Duration>,

    /// With --wait: seconds between two looks at an image
    #[arg(long, value_name = "SECONDS", default_value = "2", value_parser = crate::time::seconds, requires = "wait")]
    pub interval: Duration,

    /// Images servers still use: kept, with the servers named in the plan.
    #[command(flatten)]
    pub in_use: InUseArgs,

    /// The plan (and the results) on stdout: table, json or yaml
    #[arg(short = 'f', long, value_enum, default_value_t = RecordFormat::Table, value_name = "FORMAT",
          default_value_if("jq", ArgPredicate::IsPresent, "json"))]
    pub format: RecordFormat,

    /// A jq filter over the plan (and the results).
    #[command(flatten)]
    pub jq: JqArgs,

    /// Several clouds and regions at once; --concurrency is also the deletions in flight
    /// on each.
    #[command(flatten)]
    pub fan_out: FanOutArgs,
}
