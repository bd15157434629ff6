//! The command-line interface: clap definitions only, no behaviour.
//!
//! Conventions (after xh's): doc comments are the help text (first line for `-h`, the rest
//! for `--help` and the man pages); `short = 'x'` is explicit; value names are upper case.
//! Every connection option mirrors openstackclient's spelling and reads its `OS_*` variable.

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

pub use crate::app::output::{Format, Quote, RecordFormat};
pub use connection::ConnectionArgs;
pub use global::GlobalArgs;

mod connection;
mod convert;
mod global;

const EXIT_STATUS: &str = "\
Exit status:
  0    success
  1    API error or other runtime failure
  2    usage error (bad option or argument)
  3    configuration error (clouds.yaml, unknown cloud, missing option)
  4    authentication or authorization failed (HTTP 401/403)
  5    image (or name, or metadata key) not found
  6    name matches more than one image
  7    wait: the image did not reach the status within --max-wait
  130  interrupted (Ctrl-C)";

/// Command-line client for the OpenStack Compute (Nova) images API.
///
/// Reads credentials from clouds.yaml (and OS_* variables) exactly as the `openstack` CLI
/// does, authenticates with Keystone v3 and lists, shows, waits for and deletes images, and
/// reads and changes their metadata, through Nova's images API (microversion 2.1).
#[derive(Debug, Parser)]
#[command(name = "nova-images", version, after_long_help = EXIT_STATUS)]
pub struct Cli {
    /// Verbosity, debugging and transport behaviour.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// Cloud selection and overrides.
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List images, following every page
    ///
    /// Filters are applied by the server. Without --limit every page is fetched; nothing is
    /// printed unless every page arrived.
    List(ListArgs),

    /// Show one image, by ID or exact name
    ///
    /// IMAGE is tried as an ID first; only when no image has that ID is it looked up as an
    /// exact, case-sensitive name. Several images with the name exit 6 and list them, unless
    /// --newest or --oldest picks one.
    Show(ShowArgs),

    /// Wait until an image reaches a status (ACTIVE by default)
    ///
    /// Polls the image every --interval seconds. Fails at once (exit 1) when the image goes
    /// to ERROR or disappears, unless that is what is awaited; gives up after --max-wait
    /// seconds (exit 7). Progress goes to stderr: a bar on a terminal, else one line per
    /// change ("image X: SAVING 25%"), nothing with -q. Nothing is written to stdout.
    Wait(WaitArgs),

    /// Delete one or more images
    ///
    /// Every ID is attempted; each failure is reported on stderr and the exit status is
    /// non-zero if any failed. Nothing is written to stdout.
    Delete(DeleteArgs),

    /// Print the ID of the image with exactly this name
    ///
    /// The match is exact and case-sensitive, over all pages. No match exits 5; several
    /// matches exit 6 and list the candidates.
    IdFromName(IdFromNameArgs),

    /// Show the resolved configuration, offline
    ///
    /// Runs the same resolution and checks as any command (files, OS_* variables, options),
    /// everything short of the network, so a configuration `list` would refuse is refused
    /// here with the same message and exit status.
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Manage the cloud's cached token
    #[command(subcommand)]
    Auth(AuthCommand),

    /// Manage the token cache
    ///
    /// Tokens are cached per identity in $XDG_CACHE_HOME/nova-images (default
    /// ~/.cache/nova-images), files readable by you only, and reused while they stay valid
    /// for at least a minute. --no-token-cache or `cache: {auth: false}` in clouds.yaml
    /// turns the cache off.
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Read and change an image's metadata (its Glance properties)
    ///
    /// Nova's image-metadata API. Keys are 1 to 255 letters, digits, spaces and `- _ : .`;
    /// values at most 255 characters; both are checked before any request (exit 2).
    Metadata(MetadataArgs),

    /// Print the shell completion script for bash, zsh, fish, powershell or elvish
    ///
    /// Reads no configuration and makes no request. The same scripts ship in the source
    /// tree under completions/; see the README for where each shell looks for them.
    Completion(CompletionArgs),
}

/// `list` options.
#[derive(Debug, Args)]
#[command(mut_arg("format", |format| format.value_parser(list_formats())))]
pub struct ListArgs {
    /// Only images with exactly this name
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub name: Option<String>,

    /// Only images with this status: ACTIVE, SAVING, DELETED, ERROR or UNKNOWN (any case), or
    /// a Glance status such as queued
    ///
    /// The statuses are those nova-images shows. ACTIVE is sent to the server; the others
    /// stand for several Glance statuses (or ones Glance names differently), so they are
    /// selected here, page by page, and --limit still counts matching images. Anything else
    /// is passed to the server as it is (Nova hands it to Glance lower-cased). Glance leaves
    /// killed images (ERROR) out of every list, so ERROR usually finds nothing.
    #[arg(long, value_name = "STATUS", help_heading = "Filters")]
    pub status: Option<String>,

    /// Only images changed since this time (ISO 8601, e.g. 2024-01-31T12:00:00Z)
    #[arg(long, value_name = "TIME", help_heading = "Filters")]
    pub changes_since: Option<String>,

    /// Only snapshots of this server (ID or URL)
    #[arg(long, value_name = "SERVER", help_heading = "Filters")]
    pub server: Option<String>,

    /// Only images of this type (e.g. snapshot, backup)
    #[arg(long = "type", value_name = "TYPE", help_heading = "Filters")]
    pub image_type: Option<String>,

    /// Only images whose minimum RAM (MiB) equals this value
    #[arg(long, value_name = "MIB", help_heading = "Filters")]
    pub min_ram: Option<u64>,

    /// Only images whose minimum disk (GiB) equals this value
    #[arg(long, value_name = "GIB", help_heading = "Filters")]
    pub min_disk: Option<u64>,

    /// Start after the image with this ID
    #[arg(long, value_name = "ID", help_heading = "Paging")]
    pub marker: Option<String>,

    /// Show at most N images (stops paging early)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Paging")]
    pub limit: Option<u32>,

    /// Images per request (the API's `limit`)
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..), help_heading = "Paging")]
    pub page_size: u32,

    /// Add Progress, Min Disk, Min RAM, Size, Created and Updated columns
    #[arg(long, help_heading = "Output options")]
    pub long: bool,

    /// Format and columns.
    #[command(flatten)]
    pub output: OutputArgs,

    /// Sort by this column (repeatable; the first is the primary key)
    ///
    /// Sorted here, after every page arrived, in every format. Numbers sort numerically,
    /// text by code point, and empty (null) values come last in either direction. Column
    /// names are those of -c.
    #[arg(
        long = "sort-column",
        value_name = "NAME",
        help_heading = "Output options"
    )]
    pub sort_columns: Vec<String>,

    /// Sort in ascending order (the default)
    #[arg(
        long,
        overrides_with = "sort_descending",
        help_heading = "Output options"
    )]
    pub sort_ascending: bool,

    /// Sort in descending order
    #[arg(
        long,
        overrides_with = "sort_ascending",
        help_heading = "Output options"
    )]
    pub sort_descending: bool,

    /// Print the table header even when no image matched
    #[arg(long, help_heading = "Table options")]
    pub print_empty: bool,
}

/// `show` options.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Image ID or exact name (tried as an ID first)
    #[arg(value_name = "IMAGE", add = crate::app::complete::images())]
    pub image: String,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,

    /// Format and columns.
    #[command(flatten)]
    pub output: OutputArgs,

    /// Prefix for the variable names of -f shell
    ///
    /// Letters, digits and '_', not starting with a digit, so that the names stay valid.
    #[arg(long, value_name = "PREFIX", value_parser = shell_prefix, help_heading = "Shell options")]
    pub prefix: Option<String>,
}

/// `delete` options.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Image IDs or exact names (each tried as an ID first); `-` reads them from stdin
    #[arg(
        value_name = "IMAGE",
        required_unless_present = "stdin",
        add = crate::app::complete::images()
    )]
    pub images: Vec<String>,

    /// Which image a name means when several have it.
    #[command(flatten)]
    pub pick: PickArgs,

    /// Read image IDs or names from stdin, one per line (blank lines and `#` comments skipped)
    #[arg(long)]
    pub stdin: bool,

    /// Show what would be deleted (each image is looked up) and delete nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Return only once each deleted image answers 404 (polls; see --max-wait, --interval)
    #[arg(long)]
    pub wait: bool,

    /// With --wait: give up after this many seconds in all (exit 7)
    #[arg(long, value_name = "SECONDS", default_value_t = 600.0, value_parser = parse_seconds, requires = "wait")]
    pub max_wait: f64,

    /// With --wait: seconds between two looks at an image
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = parse_seconds, requires = "wait")]
    pub interval: f64,

    /// Deletions in flight at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: u32,

    /// Print per-image results on stdout: json or yaml (default: nothing on success)
    #[arg(short = 'f', long, value_enum, value_name = "FORMAT")]
    pub format: Option<ResultFormat>,
}

/// Formats of per-item results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// A JSON array of {id, result, ...}
    Json,
    /// A YAML sequence of {id, result, ...}
    Yaml,
}

/// `id-from-name` options.
#[derive(Debug, Args)]
pub struct IdFromNameArgs {
    /// Exact image name
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,
}

/// `--newest` / `--oldest`: which image a name means when several images have it.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct PickArgs {
    /// When several images have the name, take the newest (latest created; ties: highest ID)
    #[arg(long, conflicts_with = "oldest", help_heading = "Name options")]
    pub newest: bool,

    /// When several images have the name, take the oldest (earliest created; ties: lowest ID)
    #[arg(long, help_heading = "Name options")]
    pub oldest: bool,
}

/// `wait` options.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Image ID or exact name (tried as an ID first)
    #[arg(value_name = "IMAGE", add = crate::app::complete::images())]
    pub image: String,

    /// The status to wait for (any case)
    ///
    /// Waiting for DELETED also ends when the image is gone (404). ERROR ends the wait with
    /// exit 1 unless ERROR or DELETED is awaited.
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        default_value_t = ImageStatus::Active,
        value_name = "STATUS"
    )]
    pub status: ImageStatus,

    /// Give up after this many seconds (exit 7)
    ///
    /// The limit of the whole wait; --timeout stays the limit of each HTTP request.
    /// Fractions are allowed.
    #[arg(long, value_name = "SECONDS", default_value_t = 600.0, value_parser = parse_seconds)]
    pub max_wait: f64,

    /// Seconds between two looks at the image (fractions allowed, e.g. 0.5)
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = parse_seconds)]
    pub interval: f64,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,
}

/// The statuses nova-images shows: Nova's mapping of Glance's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageStatus {
    /// Usable (Glance active)
    #[value(name = "ACTIVE")]
    Active,
    /// Being uploaded or snapshotted (Glance queued or saving)
    #[value(name = "SAVING")]
    Saving,
    /// Deleted, or gone (Glance deleted or pending_delete)
    #[value(name = "DELETED")]
    Deleted,
    /// Failed (Glance killed)
    #[value(name = "ERROR")]
    Error,
    /// Any other Glance status (deactivated, uploading, importing, ...)
    #[value(name = "UNKNOWN")]
    Unknown,
}

impl ImageStatus {
    /// The status as Nova writes it, e.g. `ACTIVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageStatus::Active => "ACTIVE",
            ImageStatus::Saving => "SAVING",
            ImageStatus::Deleted => "DELETED",
            ImageStatus::Error => "ERROR",
            ImageStatus::Unknown => "UNKNOWN",
        }
    }
}

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
    #[arg(value_name = "IMAGE", add = crate::app::complete::images())]
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
    #[arg(value_name = "IMAGE", add = crate::app::complete::images())]
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
    #[arg(value_name = "IMAGE", add = crate::app::complete::images())]
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
    #[arg(value_name = "IMAGE", add = crate::app::complete::images())]
    pub image: String,

    /// Keys to remove
    #[arg(value_name = "KEY", required = true)]
    pub keys: Vec<String>,

    /// Which image a name picks.
    #[command(flatten)]
    pub pick: PickArgs,
}

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
    #[arg(short = 'f', long, value_enum, default_value_t = RecordFormat::Table, value_name = "FORMAT")]
    pub format: RecordFormat,

    /// Show passwords, tokens and secrets instead of `<redacted>`
    #[arg(long)]
    pub unmask: bool,
}

/// `config clouds` options.
#[derive(Debug, Args)]
pub struct ConfigCloudsArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = RecordFormat::Table, value_name = "FORMAT")]
    pub format: RecordFormat,
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

/// Format and column selection shared by `list` and `show`.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output options")]
pub struct OutputArgs {
    /// Output format
    ///
    /// table is for people; json, yaml, value and csv carry the raw values for scripts.
    #[arg(short = 'f', long, value_enum, default_value_t = Format::Table, value_name = "FORMAT")]
    pub format: Format,

    /// Show only this column (repeatable)
    ///
    /// Names match case-insensitively, ignoring spaces, '-' and '_': `-c min_disk`,
    /// `-c "Min Disk"` and `-c minDisk` are the same column. The same names work in every
    /// format.
    #[arg(short = 'c', long = "column", value_name = "NAME")]
    pub columns: Vec<String>,

    /// JSON, CSV and table options.
    #[command(flatten)]
    pub options: FormatOptions,
}

/// The options of the formats that have some, shared by every command that renders data.
#[derive(Debug, Clone, Args)]
pub struct FormatOptions {
    /// Print JSON on one line
    #[arg(long, help_heading = "JSON options")]
    pub noindent: bool,

    /// When to quote CSV fields
    #[arg(long, value_enum, default_value_t = Quote::Nonnumeric, value_name = "WHEN", help_heading = "CSV options")]
    pub quote: Quote,

    /// Maximum table width; below 1 means none
    ///
    /// On a terminal tables fit its width; piped, they are never wrapped unless this or
    /// --fit-width asks. The option beats the environment variable.
    #[arg(
        long,
        value_name = "N",
        env = "CLIFF_MAX_TERM_WIDTH",
        default_value_t = 0,
        allow_negative_numbers = true,
        help_heading = "Table options"
    )]
    pub max_width: i64,

    /// Fit the table to the terminal's width even when stdout is piped
    ///
    /// The width is that of the terminal on stderr. On a terminal tables always fit.
    /// CLIFF_FIT_WIDTH=1 turns it on, 0 off.
    #[arg(
        long,
        env = "CLIFF_FIT_WIDTH",
        value_parser = clap::builder::BoolishValueParser::new(),
        help_heading = "Table options"
    )]
    pub fit_width: bool,
}

/// Format options of the metadata commands, which print a key/value map.
#[derive(Debug, Clone, Args)]
pub struct MapOutputArgs {
    /// Output format: table, json, yaml, value, csv or shell
    ///
    /// table: Key/Value rows sorted by key; json and yaml: the metadata as one object; value:
    /// the values alone, one per line in key order (for get: just the value); csv: the
    /// Key/Value rows; shell: one KEY='value' line per key.
    #[arg(
        short = 'f',
        long,
        default_value = "table",
        value_parser = map_formats(),
        value_name = "FORMAT",
        help_heading = "Output options"
    )]
    pub format: Format,

    /// JSON, CSV and table options.
    #[command(flatten)]
    pub options: FormatOptions,

    /// Prefix for the variable names of -f shell
    ///
    /// Letters, digits and '_', not starting with a digit, so that the names stay valid.
    #[arg(long, value_name = "PREFIX", value_parser = shell_prefix, help_heading = "Shell options")]
    pub prefix: Option<String>,
}

/// `-f` of `list`: every format but shell, which describes a single image.
fn list_formats() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(
        Format::value_variants()
            .iter()
            .filter(|f| **f != Format::Shell)
            .filter_map(ValueEnum::to_possible_value),
    )
    .try_map(|name| <Format as ValueEnum>::from_str(&name, false))
}

/// `-f` of the metadata commands: every format, named without the image-specific help.
fn map_formats() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["table", "json", "yaml", "value", "csv", "shell"])
        .try_map(|name| <Format as ValueEnum>::from_str(&name, false))
}

/// A positive, finite number of seconds that a `Duration` can hold (at most 10^9 s).
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if t > 0.0 && t <= 1e9 => Ok(t),
        _ => Err(format!(
            "{s:?} is not a positive number of seconds (at most 1000000000)"
        )),
    }
}

/// `--prefix` must keep `PREFIX` + name a valid shell variable name.
fn shell_prefix(prefix: &str) -> Result<String, String> {
    let valid = prefix
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !prefix.starts_with(|c: char| c.is_ascii_digit());
    if valid {
        Ok(prefix.to_owned())
    } else {
        Err("use letters, digits and '_', not starting with a digit".into())
    }
}

/// The clap command, for completions and man pages.
pub fn command() -> clap::Command {
    Cli::command()
}

/// The completion script for `shell`: what `nova-images completion` prints and completions/
/// holds.
pub fn completion_script(shell: clap_complete::aot::Shell) -> Vec<u8> {
    const BIN: &str = "nova-images";
    let mut script = Vec::new();
    clap_complete::aot::generate(shell, &mut command(), BIN, &mut script);
    if shell != clap_complete::aot::Shell::Bash {
        return script;
    }
    // clap_complete 4.6 spells the bash case labels of a hyphenated binary's subcommands
    // (`nova__subcmd__images__subcmd__list`) unlike the state it matches them against
    // (`nova__images__subcmd__list`), so no subcommand option would complete
    // (clap-rs/clap#6421). Respelling the labels fixes that, and does nothing once clap does.
    let wrong = format!("{}__subcmd__", BIN.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", BIN.replace('-', "__"));
    String::from_utf8_lossy(&script)
        .replace(&wrong, &right)
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("nova-images").chain(args.iter().copied()))
    }

    #[test]
    fn verify_cli() {
        command().debug_assert();
    }

    #[test]
    fn list_defaults_to_pages_of_1000() {
        let Command::List(list) = parse(&["list"]).unwrap().command else {
            panic!("not list")
        };
        assert_eq!(list.page_size, 1000);
        assert_eq!(list.limit, None);
        assert_eq!(list.output.format, Format::Table);
    }

    #[test]
    fn limit_zero_is_a_usage_error() {
        assert!(parse(&["list", "--limit", "0"]).is_err());
        assert!(parse(&["list", "--page-size", "0"]).is_err());
    }

    #[test]
    fn delete_needs_an_id() {
        assert!(parse(&["delete"]).is_err());
    }

    #[test]
    fn newest_and_oldest_conflict() {
        assert!(parse(&["show", "x", "--newest", "--oldest"]).is_err());
        let Command::IdFromName(args) = parse(&["id-from-name", "x", "--oldest"]).unwrap().command
        else {
            panic!("not id-from-name")
        };
        assert!(args.pick.oldest && !args.pick.newest);
    }

    #[test]
    fn wait_defaults_and_fractions() {
        let Command::Wait(w) = parse(&["wait", "x"]).unwrap().command else {
            panic!("not wait")
        };
        assert_eq!(
            (w.status, w.max_wait, w.interval),
            (ImageStatus::Active, 600.0, 2.0)
        );
        let Command::Wait(w) = parse(&["wait", "x", "--status", "deleted", "--interval", "0.05"])
            .unwrap()
            .command
        else {
            panic!("not wait")
        };
        assert_eq!((w.status, w.interval), (ImageStatus::Deleted, 0.05));
        for bad in ["0", "-1", "nan", "inf", "1e300", "soon"] {
            assert!(parse(&["wait", "x", "--interval", bad]).is_err(), "{bad}");
        }
        assert!(parse(&["wait", "x", "--status", "gone"]).is_err());
    }

    #[test]
    fn metadata_set_needs_pairs_and_takes_every_format() {
        assert!(parse(&["metadata", "set", "img"]).is_err());
        assert!(parse(&["metadata", "unset", "img"]).is_err());
        let Command::Metadata(m) = parse(&["metadata", "get", "img", "k", "-f", "shell"])
            .unwrap()
            .command
        else {
            panic!("not metadata")
        };
        let MetadataCommand::Get(get) = m.command else {
            panic!("not get")
        };
        assert_eq!(get.output.format, Format::Shell);
    }

    #[test]
    fn connection_options_are_global() {
        let cli = parse(&["list", "--os-cloud", "prod"]).unwrap();
        assert_eq!(cli.connection.os_cloud.as_deref(), Some("prod"));
    }
}
