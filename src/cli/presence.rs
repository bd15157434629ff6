//! `presence` options: which names, the filters checked here, the targets and the output.

use clap::Args;
use clap::builder::ArgPredicate;

use super::Format;
use super::images::{FanOutArgs, OlderThanArgs, SelectArgs};
use super::output::{FormatOptions, JqArgs, list_formats};

/// `presence` options.
#[derive(Debug, Args)]
pub struct PresenceArgs {
    /// Exact image names (case-sensitive); or --match instead
    #[arg(
        value_name = "NAME",
        value_parser = crate::cli::image_arg,
        required_unless_present = "pattern",
        conflicts_with = "pattern"
    )]
    pub names: Vec<String>,

    /// The filters checked here (--match: every name it finds is a row).
    #[command(flatten)]
    pub select: SelectArgs,

    /// By age.
    #[command(flatten)]
    pub older: OlderThanArgs,

    /// A name on several images in a target passes when the newest of them is ACTIVE
    ///
    /// Without it a name passes in a target only when exactly one image there has it and
    /// that image is ACTIVE. With it, what `show --newest NAME` would take there must be
    /// ACTIVE (newest by created; ties: highest ID).
    #[arg(long, help_heading = "Name options")]
    pub newest: bool,

    /// Add each target's Size and Created columns (those of the newest image with the name)
    #[arg(long, help_heading = "Output options")]
    pub long: bool,

    /// Output format
    ///
    /// table is for people; json, yaml and jsonl give one object per name with a map of the
    /// targets; value and csv the table's cells.
    #[arg(
        short = 'f',
        long,
        default_value = "table",
        value_parser = list_formats(),
        value_name = "FORMAT",
        help_heading = "Output options",
        default_value_if("jq", ArgPredicate::IsPresent, "json")
    )]
    pub format: Format,

    /// A jq filter over the per-name objects.
    #[command(flatten)]
    pub jq: JqArgs,

    /// JSON, CSV and table options.
    #[command(flatten)]
    pub options: FormatOptions,

    /// Several clouds and regions at once.
    #[command(flatten)]
    pub fan_out: FanOutArgs,
}
