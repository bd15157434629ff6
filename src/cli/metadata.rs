//! The options of `metadata` and its subcommands: list, get, set, replace and unset.

use clap::{Args, Subcommand};

use super::images::PickArgs;
use super::output::MapOutputArgs;

/// `metadata` options.
#[derive(Debug, Args)]
pub struct MetadataArgs {
    /// What to do with the metadata.
    #[command(subcommand)]
    pub command: MetadataCommand,
}

/// The `metadata` subcommands.
#[derive(Debug, Subcommand)]
pub enum MetadataCommand {
    /// Print every metadata key and value of an image
    List(MetadataListArgs),

    /// Print the value of one metadata key
    Get(MetadataGetArgs),

    /// Add or change keys, keeping the others; prints the image's metadata afterwards
    ///
    /// One POST: the pairs are merged into the image's metadata.
    Set(MetadataSetArgs),

    /// Replace all metadata with exactly these keys; prints the new metadata
    ///
    /// One PUT: every key not given is removed.
    Replace(MetadataSetArgs),

    /// Remove keys; prints nothing
    ///
    /// One DELETE per key. Every key is attempted; each failure is reported on stderr and
    /// the exit status is non-zero if any failed.
    Unset(MetadataUnsetArgs),
}

/// `metadata list` options.
#[derive(Debug, Args)]
pub struct MetadataListArgs {
    /// Image ID or exact name (tried as an ID first)
    #[arg(value_name = "IMAGE", value_parser = crate::cli::image_arg)]
    pub image: String,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,

    /// Format.
    #[command(flatten)]
    pub output: MapOutputArgs,
}

/// `metadata get` options.
#[derive(Debug, Args)]
pub struct MetadataGetArgs {
    /// Image ID or exact name (tried as an ID first)
    #[arg(value_name = "IMAGE", value_parser = crate::cli::image_arg)]
    pub image: String,

    /// The key (case-sensitive)
    #[arg(value_name = "KEY")]
    pub key: String,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,

    /// Format.
    #[command(flatten)]
    pub output: MapOutputArgs,
}

/// `metadata set` and `metadata replace` options.
#[derive(Debug, Args)]
pub struct MetadataSetArgs {
    /// Image ID or exact name (tried as an ID first)
    #[arg(value_name = "IMAGE", value_parser = crate::cli::image_arg)]
    pub image: String,

    /// Key and value, split at the first '=' (repeatable; a later pair wins)
    #[arg(value_name = "KEY=VALUE", required = true)]
    pub pairs: Vec<String>,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,

    /// Format.
    #[command(flatten)]
    pub output: MapOutputArgs,
}

/// `metadata unset` options.
#[derive(Debug, Args)]
pub struct MetadataUnsetArgs {
    /// Image ID or exact name (tried as an ID first)
    #[arg(value_name = "IMAGE", value_parser = crate::cli::image_arg)]
    pub image: String,

    /// Keys to remove
    #[arg(value_name = "KEY", required = true)]
    pub keys: Vec<String>,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,
}
