//! From the command line's output options to the renderers' [`OutputOpts`], with the column
//! names checked before any request.

use crate::app::failure::Result;
use crate::app::output::OutputOpts;
use crate::cli::{Format, FormatOptions, ListArgs, MapOutputArgs, OutputArgs, ShowArgs};

/// `format` with the JSON, CSV and table options of the command line.
fn with_options(format: Format, options: &FormatOptions) -> OutputOpts {
    OutputOpts {
        noindent: options.noindent,
        quote: options.quote,
        max_width: options.max_width,
        fit_width: options.fit_width,
        ..OutputOpts::new(format)
    }
}

fn shared(args: &OutputArgs) -> OutputOpts {
    OutputOpts {
        columns: args.columns.clone(),
        ..with_options(args.format, &args.options)
    }
}

impl ListArgs {
    /// `list`'s output options, with every column name checked.
    pub fn output_opts(&self) -> Result<OutputOpts> {
        let opts = OutputOpts {
            long: self.long,
            sort_columns: self.sort_columns.clone(),
            descending: self.sort_descending,
            print_empty: self.print_empty,
            ..shared(&self.output)
        };
        opts.check_columns()?;
        Ok(opts)
    }
}

impl ShowArgs {
    /// `show`'s output options, with every column name checked.
    pub fn output_opts(&self) -> Result<OutputOpts> {
        let opts = OutputOpts {
            prefix: self.prefix.clone().unwrap_or_default(),
            ..shared(&self.output)
        };
        opts.check_columns()?;
        Ok(opts)
    }
}

impl MapOutputArgs {
    /// The metadata commands' output options (no columns: the keys are the data).
    pub fn output_opts(&self) -> OutputOpts {
        OutputOpts {
            prefix: self.prefix.clone().unwrap_or_default(),
            ..with_options(self.format, &self.options)
        }
    }
}
