//! The commands about nova-images itself rather than images: config, auth, cache and
//! completion.

use clap::builder::ArgPredicate;
use clap::{Args, Subcommand};

use super::RecordFormat;
use super::output::JqArgs;

/// `config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// The selected cloud as nova-images resolves it (secrets redacted)
    Show(ConfigShowArgs),
    /// Every cloud known from clouds.yaml and secure.yaml, and `envvars` when OS_*
    /// variables make one, with the file it came from
    Clouds(ConfigCloudsArgs),
}

/// `config show` options.
#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = RecordFormat::Table, value_name = "FORMAT",
          default_value_if("jq", ArgPredicate::IsPresent, "json"))]
    pub format: RecordFormat,

    /// A jq filter over the JSON.
    #[command(flatten)]
    pub jq: JqArgs,

    /// Show passwords, tokens and secrets instead of `<redacted>`
    #[arg(long)]
    pub unmask: bool,
}

/// `config clouds` options.
#[derive(Debug, Args)]
pub struct ConfigCloudsArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = RecordFormat::Table, value_name = "FORMAT",
          default_value_if("jq", ArgPredicate::IsPresent, "json"))]
    pub format: RecordFormat,

    /// A jq filter over the JSON.
    #[command(flatten)]
    pub jq: JqArgs,
}

/// `auth` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Revoke the selected cloud's cached token at Keystone and forget it
    Revoke,
}

/// `cache` subcommands.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Forget every cached token (reads no configuration)
    Clear,
}

/// `completion` options.
#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// The shell to write the script for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::aot::Shell,
}

/// `doctor` options.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = DoctorFormat::Table, value_name = "FORMAT",
          default_value_if("jq", ArgPredicate::IsPresent, "json"))]
    pub format: DoctorFormat,

    /// A jq filter over the JSON.
    #[command(flatten)]
    pub jq: JqArgs,

    /// Which clouds and regions to check.
    #[command(flatten)]
    pub fan_out: super::FanOutArgs,
}

/// The formats of `doctor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DoctorFormat {
    /// For people: one line per check, a check mark or a cross, a failure's hint below it
    Table,
    /// JSON: an array with one object per target, its checks in order
    Json,
}
