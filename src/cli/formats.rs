//! The output formats and CSV quoting modes: named on the command line (clap's `ValueEnum`),
//! rendered by `app::output`.

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people
    Table,
    /// JSON: an array for list, an object for show
    Json,
    /// YAML: a sequence for list, a mapping for show
    Yaml,
    /// The fields separated by a space, one image per line (show: one field per line), no header
    Value,
    /// CSV (RFC 4180) with a header row; see --quote
    Csv,
    /// NAME='value' lines for the shell's eval (show only); see --prefix
    Shell,
    /// JSON Lines: one compact JSON object per line, written as each page arrives
    Jsonl,
}

/// Formats of the configuration commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    /// A table for people
    Table,
    /// JSON
    Json,
    /// YAML
    Yaml,
}

/// When CSV fields are quoted (Python's csv quoting modes, as in cliff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Quote {
    /// Every field
    All,
    /// Only fields holding a comma, a double quote or a line break
    Minimal,
    /// Every field that is not a number
    Nonnumeric,
    /// No field; commas, quotes, backslashes and line breaks get a backslash before them
    None,
}
