//! The options of the image commands: list, show, wait, delete and id-from-name, the
//! filters checked here (--match, --property, --older-than, --newer-than) and the
//! --newest/--oldest pick they share.

use std::time::Duration;

use clap::builder::ArgPredicate;
use clap::{Args, ValueEnum};

use super::output::{JqArgs, OutputArgs, list_formats, shell_prefix};
use crate::client::{NamePattern, Property};

/// `list` options.
#[derive(Debug, Args)]
#[command(mut_arg("format", |format| {
    format
        .value_parser(list_formats())
        .default_value_if("jq", ArgPredicate::IsPresent, "json")
}))]
pub struct ListArgs {
    /// Which images.
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Which images, by age.
    #[command(flatten)]
    pub older: OlderThanArgs,

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

    /// A jq filter over the JSON.
    #[command(flatten)]
    pub jq: JqArgs,

    /// Sort by this column (repeatable; the first is the primary key)
    ///
    /// Sorted here, after every page arrived, in every format. Numbers sort numerically,
    /// text by code point, created and updated by time whatever the offset (the same time:
    /// by ID), and empty (null) values and unreadable times come last in either direction.
    /// Column names are those of -c.
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

    /// Several clouds and regions at once.
    #[command(flatten)]
    pub fan_out: FanOutArgs,
}

/// `--skip-in-use` and `--all-projects` (`delete`, `prune`).
#[derive(Debug, Clone, Copy, Default, Args)]
#[command(next_help_heading = "In-use options")]
pub struct InUseArgs {
    /// Before deleting, ask Nova which servers were booted from each image, and keep those
    /// images
    ///
    /// One `GET /servers/detail?image=ID` per image. It cannot see servers booted from a
    /// volume, volumes created from the image, nor (without --all-projects) other projects'
    /// servers: the cloud may still refuse such an image as in use.
    #[arg(long)]
    pub skip_in_use: bool,

    /// With --skip-in-use: ask about every project's servers (`all_tenants`; Nova allows it
    /// to admins only)
    #[arg(long, requires = "skip_in_use")]
    pub all_projects: bool,
}

/// Several clouds and regions at once (`list`, `prune`).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Fan-out options")]
pub struct FanOutArgs {
    /// Every region with a compute endpoint of the interface in the token's catalog
    ///
    /// One token serves them all. Each item gains `cloud` and `region` (in tables the Cloud
    /// and Region columns come first).
    #[arg(long)]
    pub all_regions: bool,

    /// These clouds of clouds.yaml, in this order (comma-separated; beats --os-cloud)
    ///
    /// Each is resolved and authenticated as if given alone, with its own cached token.
    /// Items gain `cloud` and `region`. A cloud that fails is one error line; the others are
    /// listed whole, and the exit status is 8 (all failed: their own status).
    #[arg(
        long,
        value_name = "A,B,...",
        value_delimiter = ',',
        conflicts_with = "all_clouds"
    )]
    pub clouds: Vec<String>,

    /// Every cloud of clouds.yaml, in the file's order (the OS_* cloud only when named with
    /// --clouds)
    #[arg(long)]
    pub all_clouds: bool,

    /// With several clouds or regions: how many are listed at once (prune: the deletions in
    /// flight on each)
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: u32,
}

impl FanOutArgs {
    /// Is more than the one cloud and region of the connection options asked for?
    pub fn fans_out(&self) -> bool {
        self.all_regions || self.all_clouds || !self.clouds.is_empty()
    }
}

/// The filters of `list` and `prune`.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only images with exactly this name
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub name: Option<String>,

    /// Only images with this status: ACTIVE, SAVING, DELETED, ERROR or UNKNOWN (any case), or
    /// a Glance status such as queued
    ///
    /// The statuses are those nova-images shows. ACTIVE is sent to the server; the others
    /// stand for several Glance statuses (or ones Glance names differently), so they are
    /// selected here, page by page (list --limit still counts matching images). Anything else
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

    /// The filters no server has, checked here.
    #[command(flatten)]
    pub select: SelectArgs,
}

impl FilterArgs {
    /// Is any filter given?
    pub fn any(&self) -> bool {
        self.name.is_some()
            || self.status.is_some()
            || self.changes_since.is_some()
            || self.server.is_some()
            || self.image_type.is_some()
            || self.min_ram.is_some()
            || self.min_disk.is_some()
            || self.select.any()
    }
}

/// The filters no server has, checked here on every image it sends (list, prune, and the
/// commands that take an image). They combine with each other and with the server's
/// filters: an image is selected when every one holds.
#[derive(Debug, Clone, Default, Args)]
pub struct SelectArgs {
    /// Only images whose name matches REGEX (a search anywhere in the name, as grep does)
    ///
    /// Rust regex syntax (https://docs.rs/regex): `^` and `$` anchor, `(?i)` ignores case.
    /// An image without a name never matches. A command that takes an image takes --match
    /// instead of it: the one image whose name matches (see --newest, --oldest).
    #[arg(long = "match", value_name = "REGEX", value_parser = NamePattern::new, help_heading = "Filters")]
    pub pattern: Option<NamePattern>,

    /// Only images with this metadata property, or with this value of it (repeatable; all
    /// must hold)
    ///
    /// KEY alone: the image has the key, whatever its value (null too). KEY=VALUE, split at
    /// the first '=': the value's plain text is exactly VALUE (a string as it is, a number
    /// or boolean as JSON writes it, e.g. 4 or true); a null value equals no VALUE. Keys
    /// and values are case-sensitive.
    #[arg(
        long = "property",
        value_name = "KEY[=VALUE]",
        value_parser = Property::parse,
        help_heading = "Filters"
    )]
    pub properties: Vec<Property>,

    /// Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w
    ///
    /// Compared with the image's `created` time, as an instant. An image whose creation
    /// time is missing or unreadable is never selected by an age (-v says how many were
    /// left out).
    #[arg(long, value_name = "AGE", value_parser = crate::time::age, help_heading = "Filters")]
    pub newer_than: Option<Duration>,
}

impl SelectArgs {
    /// Is any of these filters given?
    pub fn any(&self) -> bool {
        self.pattern.is_some() || !self.properties.is_empty() || self.newer_than.is_some()
    }
}

/// `--older-than` as a filter (list, and the commands that take an image; prune's own
/// --older-than means something else).
#[derive(Debug, Clone, Default, Args)]
pub struct OlderThanArgs {
    /// Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w
    ///
    /// A whole number and a unit: s(econds), m(inutes), h(ours), d(ays) or w(eeks).
    /// Compared with the image's `created` time, as an instant. An image whose creation
    /// time is missing or unreadable is never selected by an age (-v says how many were
    /// left out).
    #[arg(long, value_name = "AGE", value_parser = crate::time::age, help_heading = "Filters")]
    pub older_than: Option<Duration>,
}

/// Which image a command that takes one works on, besides its argument: the filters
/// checked here (with --match instead of the argument), and --newest/--oldest.
#[derive(Debug, Clone, Default, Args)]
pub struct ChooseArgs {
    /// The filters checked here.
    #[command(flatten)]
    pub select: SelectArgs,

    /// By age.
    #[command(flatten)]
    pub older: OlderThanArgs,

    /// Which of several.
    #[command(flatten)]
    pub pick: PickArgs,
}

/// `show` options.
#[derive(Debug, Args)]
#[command(mut_arg("format", |format| format.default_value_if("jq", ArgPredicate::IsPresent, "json")))]
pub struct ShowArgs {
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

    /// Format and columns.
    #[command(flatten)]
    pub output: OutputArgs,

    /// A jq filter over the JSON.
    #[command(flatten)]
    pub jq: JqArgs,

    /// Prefix for the variable names of -f shell
    ///
    /// Letters, digits and '_', not starting with a digit, so that the names stay valid.
    #[arg(long, value_name = "PREFIX", value_parser = shell_prefix, help_heading = "Shell options")]
    pub prefix: Option<String>,
}

/// `delete` options.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Image IDs or exact names (each tried as an ID first); `-` reads them from stdin; or
    /// --match instead
    #[arg(
        value_name = "IMAGE",
        required_unless_present_any = ["stdin", "pattern"],
        conflicts_with = "pattern",
        value_parser = crate::cli::image_arg
    )]
    pub images: Vec<String>,

    /// Which image a name (or --match) means.
    #[command(flatten)]
    pub choose: ChooseArgs,

    /// Read image IDs or names from stdin, one per line (blank lines and `#` comments skipped)
    #[arg(long, conflicts_with = "pattern")]
    pub stdin: bool,

    /// Show what would be deleted (each image is looked up) and delete nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Return only once each deleted image answers 404 (polls; see --timeout, --interval)
    #[arg(long)]
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

    /// Deletions in flight at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: u32,

    /// Print per-image results on stdout: json or yaml (default: nothing on success)
    #[arg(
        short = 'f',
        long,
        value_enum,
        value_name = "FORMAT",
        default_value_if("jq", ArgPredicate::IsPresent, "json")
    )]
    pub format: Option<ResultFormat>,

    /// Images servers still use.
    #[command(flatten)]
    pub in_use: InUseArgs,
    /// A jq filter over the per-image results.
    #[command(flatten)]
    pub jq: JqArgs,
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
    /// Exact image name; or --match instead
    #[arg(
        value_name = "NAME",
        value_parser = crate::cli::image_arg,
        required_unless_present = "pattern",
        conflicts_with = "pattern"
    )]
    pub name: Option<String>,

    /// Which image a name (or --match) picks.
    #[command(flatten)]
    pub choose: ChooseArgs,
}

/// `--newest` / `--oldest`: which image a name means when several images have it.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct PickArgs {
    /// When several images have the name (or match), take the newest (latest created; ties:
    /// highest ID)
    #[arg(long, conflicts_with = "oldest", help_heading = "Name options")]
    pub newest: bool,

    /// When several images have the name (or match), take the oldest (earliest created;
    /// ties: lowest ID)
    #[arg(long, help_heading = "Name options")]
    pub oldest: bool,
}

/// `wait` options.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Image ID or exact name (tried as an ID first); or --match instead
    #[arg(
        value_name = "IMAGE",
        value_parser = crate::cli::image_arg,
        required_unless_present = "pattern",
        conflicts_with = "pattern"
    )]
    pub image: Option<String>,

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

    /// Give up after this many seconds in all (default 600; exit 7); also --timeout
    ///
    /// The limit of the whole wait. On wait, --timeout means the same, as with kubectl wait
    /// (--max-wait wins when both are given); each HTTP request then keeps its own limit
    /// (api_timeout in clouds.yaml, else 30 s). Fractions are allowed.
    #[arg(long, value_name = "SECONDS", value_parser = crate::time::seconds)]
    pub max_wait: Option<Duration>,

    /// Seconds between two looks at the image (fractions allowed, e.g. 0.5)
    #[arg(long, value_name = "SECONDS", default_value = "2", value_parser = crate::time::seconds)]
    pub interval: Duration,

    /// Which image a name (or --match) picks.
    #[command(flatten)]
    pub choose: ChooseArgs,
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

/// The whole wait of `wait` and `delete --wait` when neither --max-wait nor --timeout says.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(600);
