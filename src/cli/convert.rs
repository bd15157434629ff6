//! From the clap structs to what the layers below take: connection options to the library's
//! [`Overrides`], output options to the renderers' [`OutputOpts`].

use super::{ConnectionArgs, FormatOptions, ListArgs, MapOutputArgs, OutputArgs, ShowArgs};
use crate::app::output::{Format, OutputOpts};
use crate::config::Overrides;
use crate::error::Result;

impl From<&ConnectionArgs> for Overrides {
    fn from(a: &ConnectionArgs) -> Self {
        Overrides {
            cloud: a.os_cloud.clone(),
            auth_type: a.os_auth_type.clone(),
            auth_url: a.os_auth_url.clone(),
            username: a.os_username.clone(),
            user_id: a.os_user_id.clone(),
            password: a.os_password.clone(),
            project_name: a.os_project_name.clone(),
            project_id: a.os_project_id.clone(),
            user_domain_name: a.os_user_domain_name.clone(),
            user_domain_id: a.os_user_domain_id.clone(),
            project_domain_name: a.os_project_domain_name.clone(),
            project_domain_id: a.os_project_domain_id.clone(),
            domain_name: a.os_domain_name.clone(),
            domain_id: a.os_domain_id.clone(),
            token: a.os_token.clone(),
            application_credential_id: a.os_application_credential_id.clone(),
            application_credential_name: a.os_application_credential_name.clone(),
            application_credential_secret: a.os_application_credential_secret.clone(),
            region_name: a.os_region_name.clone(),
            interface: a.os_interface.clone(),
            endpoint: a.os_endpoint.clone(),
            compute_api_version: a.os_compute_api_version.clone(),
            cacert: a.os_cacert.clone(),
            cert: a.os_cert.clone(),
            key: a.os_key.clone(),
            insecure: a.insecure,
            api_timeout: a.timeout.map(|t| t.as_secs_f64()),
            default_domain: Some(a.os_default_domain.clone()),
        }
    }
}

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
