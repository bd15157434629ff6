//! Output options: format, columns and the JSON, CSV, table and shell options, with the
//! parsers of their values.

use clap::{Args, ValueEnum};

use super::{Format, Quote};

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

/// `--jq`: a jq filter over the JSON a command prints (list, show, presence, doctor, delete, prune,
/// config).
#[derive(Debug, Clone, Default, Args)]
pub struct JqArgs {
    /// Filter the JSON output with a jq expression (implies -f json)
    ///
    /// Each result is printed on a line of its own: a string as it is, any other value as
    /// compact JSON (as gh --jq does). The input is what -f json prints, whole (a listing is
    /// one array, held in memory); with list -f jsonl each image is an input, filtered as
    /// its page arrives. jq's language and standard library (by jaq), no jq binary needed.
    /// The expression is checked before any request: an error in it exits 2. An error while
    /// it runs (e.g. indexing a string) exits 1, after the whole lines printed before it.
    #[arg(long, value_name = "EXPR", help_heading = "Output options")]
    pub jq: Option<String>,
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
pub(super) fn list_formats() -> impl clap::builder::TypedValueParser<Value = Format> {
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

/// `--prefix` must keep `PREFIX` + name a valid shell variable name.
pub(super) fn shell_prefix(prefix: &str) -> Result<String, String> {
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
