//! The options of `metadata` and its subcommands: list, get, set, replace and unset.

use clap::{Args, Subcommand};

use super::images::ChooseArgs;
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
    #[command(
        override_usage = "nova-images metadata list [OPTIONS] <IMAGE>\n       \
                                nova-images metadata list [OPTIONS] --match <REGEX>"
    )]
    List(MetadataListArgs),

    /// Print the value of one metadata key
    #[command(
        override_usage = "nova-images metadata get [OPTIONS] <IMAGE> <KEY>\n       \
                                nova-images metadata get [OPTIONS] --match <REGEX> <KEY>"
    )]
    Get(MetadataGetArgs),

    /// Add or change keys, keeping the others; prints the image's metadata afterwards
    ///
    /// One POST: the pairs are merged into the image's metadata.
    #[command(
        override_usage = "nova-images metadata set [OPTIONS] <IMAGE> <KEY=VALUE>...\n       \
                                nova-images metadata set [OPTIONS] --match <REGEX> <KEY=VALUE>..."
    )]
    Set(MetadataSetArgs),

    /// Replace all metadata with exactly these keys; prints the new metadata
    ///
    /// One PUT: every key not given is removed.
    #[command(
        override_usage = "nova-images metadata replace [OPTIONS] <IMAGE> <KEY=VALUE>...\n       \
                                nova-images metadata replace [OPTIONS] --match <REGEX> <KEY=VALUE>..."
    )]
    Replace(MetadataSetArgs),

    /// Remove keys; prints nothing
    ///
    /// One DELETE per key. Every key is attempted; each failure is reported on stderr and
    /// the exit status is non-zero if any failed.
    #[command(
        override_usage = "nova-images metadata unset [OPTIONS] <IMAGE> <KEY>...\n       \
                                nova-images metadata unset [OPTIONS] --match <REGEX> <KEY>..."
    )]
    Unset(MetadataUnsetArgs),
}

/// `metadata list` options.
#[derive(Debug, Args)]
pub struct MetadataListArgs {
    /// Image ID or exact name (tried as an ID first); or --match instead
    #[arg(
        value_name = "IMAGE",
        value_parser = crate::cli::image_arg,
        required_unless_present = "pattern",
        conflicts_with = "pattern"
    )]
    pub image: Option<String>,

    /// Which image a name (or --match) picks.
    #[command(flatten)]
    pub choose: ChooseArgs,

    /// Format.
    #[command(flatten)]
    pub output: MapOutputArgs,
}

/// `metadata get` options.
#[derive(Debug, Args)]
pub struct MetadataGetArgs {
    /// Image ID or exact name (tried as an ID first); with --match, leave it out
    ///
    /// With --match every argument is a KEY (or KEY=VALUE), the first one included.
    #[arg(
        value_name = "IMAGE",
        value_parser = crate::cli::image_arg,
        required_unless_present = "pattern"
    )]
    pub image: Option<String>,

    /// The key (case-sensitive)
    #[arg(value_name = "KEY", required_unless_present = "pattern")]
    pub key: Option<String>,

    /// Which image a name (or --match) picks.
    #[command(flatten)]
    pub choose: ChooseArgs,

    /// Format.
    #[command(flatten)]
    pub output: MapOutputArgs,
}

/// `metadata set` and `metadata replace` options.
#[derive(Debug, Args)]
pub struct MetadataSetArgs {
    /// Image ID or exact name (tried as an ID first); with --match, leave it out
    ///
    /// With --match every argument is a KEY (or KEY=VALUE), the first one included.
    #[arg(
        value_name = "IMAGE",
        value_parser = crate::cli::image_arg,
        required_unless_present = "pattern"
    )]
    pub image: Option<String>,

    /// Key and value, split at the first '=' (repeatable; a later pair wins)
    #[arg(value_name = "KEY=VALUE", required_unless_present = "pattern")]
    pub pairs: Vec<String>,

    /// Which image a name (or --match) picks.
    #[command(flatten)]
    pub choose: ChooseArgs,

    /// Format.
    #[command(flatten)]
    pub output: MapOutputArgs,
}

/// `metadata unset` options.
#[derive(Debug, Args)]
pub struct MetadataUnsetArgs {
    /// Image ID or exact name (tried as an ID first); with --match, leave it out
    ///
    /// With --match every argument is a KEY (or KEY=VALUE), the first one included.
    #[arg(
        value_name = "IMAGE",
        value_parser = crate::cli::image_arg,
        required_unless_present = "pattern"
    )]
    pub image: Option<String>,

    /// Keys to remove
    #[arg(value_name = "KEY", required_unless_present = "pattern")]
    pub keys: Vec<String>,

    /// Which image a name (or --match) picks.
    #[command(flatten)]
    pub choose: ChooseArgs,
}
