//! Options about the run itself rather than the cloud: verbosity, debugging, timing,
//! retries and the token cache.

use clap::Args;

/// Options about the run itself rather than the cloud.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Show notices on stderr: retries, re-authentication
    #[arg(short = 'v', long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Show only errors on stderr (no warnings, no progress)
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,

    /// Log every HTTP request (as curl) and response on stderr; secrets are masked
    #[arg(long, global = true, conflicts_with = "quiet")]
    pub debug: bool,

    /// After the output, print the time of every HTTP call on stderr
    #[arg(long, global = true)]
    pub timing: bool,

    /// Retries of a request that failed for a transient reason (0 disables)
    #[arg(long, global = true, value_name = "N", default_value_t = 3)]
    pub retries: u32,

    /// Neither read nor write the token cache (see `nova-images cache`)
    #[arg(long, global = true)]
    pub no_token_cache: bool,
}
