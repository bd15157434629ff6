//! The command-line interface: clap definitions only, no behaviour.
//!
//! Conventions (after xh's): doc comments are the help text (first line for `-h`, the rest
//! for `--help` and the man pages); `short = 'x'` is explicit; value names are upper case.
//! Every connection option mirrors openstackclient's spelling and reads its `OS_*` variable.

use clap::{CommandFactory, Parser, Subcommand};

pub use admin::{
    AuthCommand, CacheCommand, CompletionArgs, ConfigCloudsArgs, ConfigCommand, ConfigShowArgs,
    DoctorArgs, DoctorFormat,
};
pub use connection::ConnectionArgs;
pub use formats::{Format, Quote, RecordFormat};
pub use global::GlobalArgs;
pub use images::{
    ChooseArgs, DEFAULT_MAX_WAIT, DeleteArgs, FanOutArgs, FilterArgs, IdFromNameArgs, ImageStatus,
    InUseArgs, ListArgs, OlderThanArgs, PickArgs, ResultFormat, SelectArgs, ShowArgs, WaitArgs,
};
pub use metadata::{
    MetadataArgs, MetadataCommand, MetadataGetArgs, MetadataListArgs, MetadataSetArgs,
    MetadataUnsetArgs,
};
pub use output::{FormatOptions, JqArgs, MapOutputArgs, OutputArgs};
pub use presence::PresenceArgs;
pub use prune::PruneArgs;

mod admin;
mod connection;
mod convert;
mod formats;
mod global;
mod images;
mod metadata;
mod output;
mod presence;
mod prune;

const EXIT_STATUS: &str = "\
Exit status:
  0    success
  1    API error or other runtime failure
  2    usage error (bad option or argument)
  3    configuration error (clouds.yaml, unknown cloud, missing option)
  4    authentication or authorization failed (HTTP 401/403)
  5    image (or name, or metadata key) not found; presence: a name is not ACTIVE exactly
       once in every target
  6    name matches more than one image
  7    wait, delete --wait: the image did not reach the status within --timeout
  8    list, prune, presence across clouds or regions: some targets failed, the others are
       complete
  130  interrupted (Ctrl-C or SIGTERM)";

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
    /// The server's filters (--name, --status, ...) are sent and checked again here; --match,
    /// --property, --older-than and --newer-than are checked here only, page by page. All
    /// combine: an image is listed when every filter holds. Without --limit every page is
    /// fetched; nothing is printed unless every page arrived.
    List(ListArgs),

    /// Show one image, by ID or exact name
    ///
    /// IMAGE is tried as an ID first; only when no image has that ID is it looked up as an
    /// exact, case-sensitive name. Several images with the name exit 6 and list them, unless
    /// --newest or --oldest picks one. Instead of IMAGE, --match REGEX searches every image
    /// for the one whose name matches; the filters (--property, --older-than, ...) narrow
    /// either way.
    #[command(override_usage = "nova-images show [OPTIONS] <IMAGE>\n       \
                                nova-images show [OPTIONS] --match <REGEX>")]
    Show(ShowArgs),

    /// Wait until an image reaches a status (ACTIVE by default)
    ///
    /// Polls the image every --interval seconds. Fails at once (exit 1) when the image goes
    /// to ERROR or disappears, unless that is what is awaited; gives up after --max-wait
    /// seconds (exit 7). Progress goes to stderr: a bar on a terminal, else one line per
    /// change ("image X: SAVING 25%"), nothing with -q. Nothing is written to stdout.
    /// The image is found as `show` finds it (IMAGE, or --match REGEX).
    #[command(override_usage = "nova-images wait [OPTIONS] <IMAGE>\n       \
                                nova-images wait [OPTIONS] --match <REGEX>")]
    Wait(WaitArgs),

    /// Delete one or more images
    ///
    /// Every ID is attempted; each failure is reported on stderr and the exit status is
    /// non-zero if any failed. Nothing is written to stdout unless -f asks. With filters
    /// (--property, --older-than, ...) each image is looked at first and deleted only if they
    /// select it; --match REGEX deletes the one image it selects (several exit 6 unless
    /// --newest or --oldest picks one). On Ctrl-C or SIGTERM no new delete starts, those in
    /// flight get 10 s to end, each image's result is reported all the same, and the exit
    /// status is 130.
    #[command(override_usage = "nova-images delete [OPTIONS] <IMAGE>...\n       \
                                nova-images delete [OPTIONS] --match <REGEX>")]
    Delete(DeleteArgs),

    /// Delete all but the newest images of each name
    ///
    /// Lists the images the filters select (every page; --match, --property and --newer-than
    /// too: images they leave out are never touched), groups them by exact name (or by the
    /// part of it --group-by captures), keeps the newest --keep of each group and, of the
    /// others, deletes those older than --older-than (all of them without it). Images
    /// without a name, whose name --group-by does not match, or whose creation time cannot
    /// be read, are never deleted: they are left out of the plan. The plan goes to
    /// stdout, with each image's result once it was deleted. --dry-run deletes nothing;
    /// without --yes a terminal is asked (`Delete N images? [y/N]`), and without a terminal
    /// nothing is deleted (exit 2). Failures are reported one by one, the others go on. On
    /// Ctrl-C or SIGTERM while deleting, no new delete starts, those in flight get 10 s to
    /// end, and every planned image's result is shown all the same (exit 130).
    Prune(PruneArgs),

    /// Print the ID of the image with exactly this name, or whose name matches --match
    ///
    /// The name is exact and case-sensitive, over all pages; --match REGEX instead searches
    /// every image's name (`id-from-name --match '^ubuntu-24\.04-' --newest`). The filters
    /// (--property, --older-than, ...) narrow either. No image exits 5; several exit 6 and
    /// list the candidates, unless --newest or --oldest picks one.
    #[command(override_usage = "nova-images id-from-name [OPTIONS] <NAME>\n       \
                                nova-images id-from-name [OPTIONS] --match <REGEX>")]
    IdFromName(IdFromNameArgs),

    /// Check that images are there, ACTIVE, once, in every cloud and region
    ///
    /// One row per name (each NAME, or each name --match finds), one column per target (the
    /// cloud; with --all-regions, --clouds or --all-clouds each cloud and region) saying what
    /// is there: its status (ACTIVE, SAVING, ...), `missing`, `N images (STATUS)` when
    /// several images have the name (the newest one's status), or `failed` when the target
    /// could not be asked. Same Size says `differs` when the ACTIVE images of a name do not
    /// all have one size. Each target lists only what it needs (a few names: the server's
    /// name filter, one request each; else one pass), the targets --concurrency at a time.
    /// Exit 0 when every name is ACTIVE exactly once in every target (--newest: the newest
    /// of its images there is ACTIVE); else 5 with the table still printed; 8 when a target
    /// failed (its column says `failed`, never `missing`).
    #[command(override_usage = "nova-images presence [OPTIONS] <NAME>...\n       \
                                nova-images presence [OPTIONS] --match <REGEX>")]
    Presence(PresenceArgs),

    /// Show the resolved configuration, offline
    ///
    /// Runs the same resolution and checks as any command (files, OS_* variables, options),
    /// everything short of the network, so a configuration `list` would refuse is refused
    /// here with the same message and exit status.
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Check the way to the images: configuration, Keystone, endpoints, both images APIs
    ///
    /// One line per check, in order: the configuration found (files, cloud, profile),
    /// Keystone and the token (time taken, auth type), the catalog's compute and image
    /// endpoints, the compute API's version document (min, max and the pinned
    /// microversion), Nova's images API at the pinned microversion and Glance's (the time
    /// for one page of each), which API `--api auto` would use and why, the token cache,
    /// and the clock's offset from the servers' Date headers. A check that fails shows the
    /// error and its hint; the checks that depend on it are skipped. With --all-regions,
    /// --clouds or --all-clouds, each cloud and region in turn. Never prints a secret.
    /// Exit 0 when an images API can serve every target; else the failure's exit status
    /// (4 for refused credentials, 3 for configuration; 8 when only some targets fail).
    Doctor(DoctorArgs),

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

    /// Refresh the live-completion cache of the cloud (internal: what a TAB starts)
    ///
    /// Started detached by live completion when its cache is stale, with the completion
    /// lock of the cloud held; lists at most 5 seconds in all, then releases the lock.
    #[command(name = "refresh-completion-cache", hide = true)]
    RefreshCompletionCache,
}

/// An image ID or name as typed: never empty or only spaces, so that an unset variable
/// (`nova-images delete "$IMAGE"`) is a usage error before any request, not a name that an
/// image may carry (Glance accepts `""`).
pub fn image_arg(value: &str) -> Result<String, String> {
    if value.trim().is_empty() {
        return Err("the image ID or name is empty".into());
    }
    Ok(value.to_owned())
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
    use std::time::Duration;

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
        assert!(args.choose.pick.oldest && !args.choose.pick.newest);
    }

    #[test]
    fn wait_defaults_and_fractions() {
        let Command::Wait(w) = parse(&["wait", "x"]).unwrap().command else {
            panic!("not wait")
        };
        assert_eq!(
            (w.status, w.max_wait.unwrap_or(DEFAULT_MAX_WAIT), w.interval),
            (
                ImageStatus::Active,
                Duration::from_secs(600),
                Duration::from_secs(2)
            )
        );
        let Command::Wait(w) = parse(&["wait", "x", "--status", "deleted", "--interval", "0.05"])
            .unwrap()
            .command
        else {
            panic!("not wait")
        };
        assert_eq!(
            (w.status, w.interval),
            (ImageStatus::Deleted, Duration::from_millis(50))
        );
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
