//! The options that select the cloud and override clouds.yaml, each with its `OS_*`
//! variable.

use std::time::Duration;

use clap::Args;

/// Options that select the cloud and override clouds.yaml.
///
/// Each reads its `OS_*` variable; command-line and environment values beat clouds.yaml, as
/// with the `openstack` CLI.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Connection options")]
pub struct ConnectionArgs {
    /// Cloud name in clouds.yaml
    ///
    /// Without it: the cloud made from OS_* variables if any are set, else the only cloud in
    /// clouds.yaml.
    #[arg(long, global = true, env = "OS_CLOUD", value_name = "NAME")]
    pub os_cloud: Option<String>,

    /// Authentication type: password, v3password, token, v3token, v3applicationcredential,
    /// admin_token or none
    #[arg(long, global = true, env = "OS_AUTH_TYPE", value_name = "TYPE")]
    pub os_auth_type: Option<String>,

    /// Authentication URL (Keystone)
    #[arg(long, global = true, env = "OS_AUTH_URL", value_name = "URL")]
    pub os_auth_url: Option<String>,

    /// User name
    #[arg(long, global = true, env = "OS_USERNAME", value_name = "NAME")]
    pub os_username: Option<String>,

    /// User ID
    #[arg(long, global = true, env = "OS_USER_ID", value_name = "ID")]
    pub os_user_id: Option<String>,

    /// Password (prompted for on a terminal when missing)
    #[arg(
        long,
        global = true,
        env = "OS_PASSWORD",
        hide_env_values = true,
        value_name = "PASSWORD"
    )]
    pub os_password: Option<String>,

    /// Project name to scope to
    #[arg(long, global = true, env = "OS_PROJECT_NAME", value_name = "NAME")]
    pub os_project_name: Option<String>,

    /// Project ID to scope to
    #[arg(long, global = true, env = "OS_PROJECT_ID", value_name = "ID")]
    pub os_project_id: Option<String>,

    /// Domain name of the user
    #[arg(long, global = true, env = "OS_USER_DOMAIN_NAME", value_name = "NAME")]
    pub os_user_domain_name: Option<String>,

    /// Domain ID of the user
    #[arg(long, global = true, env = "OS_USER_DOMAIN_ID", value_name = "ID")]
    pub os_user_domain_id: Option<String>,

    /// Domain name of the project
    #[arg(
        long,
        global = true,
        env = "OS_PROJECT_DOMAIN_NAME",
        value_name = "NAME"
    )]
    pub os_project_domain_name: Option<String>,

    /// Domain ID of the project
    #[arg(long, global = true, env = "OS_PROJECT_DOMAIN_ID", value_name = "ID")]
    pub os_project_domain_id: Option<String>,

    /// Domain name: for user and project when project-scoped, else the scope
    #[arg(long, global = true, env = "OS_DOMAIN_NAME", value_name = "NAME")]
    pub os_domain_name: Option<String>,

    /// Domain ID: for user and project when project-scoped, else the scope
    #[arg(long, global = true, env = "OS_DOMAIN_ID", value_name = "ID")]
    pub os_domain_id: Option<String>,

    /// Domain ID assumed for a user or project given without one
    #[arg(
        long,
        global = true,
        env = "OS_DEFAULT_DOMAIN",
        value_name = "ID",
        default_value = "default"
    )]
    pub os_default_domain: String,

    /// Token, for the token, v3token and admin_token auth types
    #[arg(
        long,
        global = true,
        env = "OS_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub os_token: Option<String>,

    /// Application credential ID
    #[arg(
        long,
        global = true,
        env = "OS_APPLICATION_CREDENTIAL_ID",
        value_name = "ID"
    )]
    pub os_application_credential_id: Option<String>,

    /// Application credential name (with --os-username or --os-user-id)
    #[arg(
        long,
        global = true,
        env = "OS_APPLICATION_CREDENTIAL_NAME",
        value_name = "NAME"
    )]
    pub os_application_credential_name: Option<String>,

    /// Application credential secret
    #[arg(
        long,
        global = true,
        env = "OS_APPLICATION_CREDENTIAL_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub os_application_credential_secret: Option<String>,

    /// Region of the compute endpoint
    #[arg(long, global = true, env = "OS_REGION_NAME", value_name = "NAME")]
    pub os_region_name: Option<String>,

    /// Endpoint interface in the catalog: public, internal or admin
    #[arg(long, global = true, env = "OS_INTERFACE", value_name = "INTERFACE")]
    pub os_interface: Option<String>,

    /// Compute endpoint to use instead of the catalog's (required by admin_token and none)
    #[arg(long, global = true, env = "OS_ENDPOINT", value_name = "URL")]
    pub os_endpoint: Option<String>,

    /// Compute microversion to send: 2.1 to 2.35 (default 2.1)
    ///
    /// Nova removed the images API at 2.36.
    #[arg(
        long,
        global = true,
        env = "OS_COMPUTE_API_VERSION",
        value_name = "VERSION"
    )]
    pub os_compute_api_version: Option<String>,

    /// Images API to use: auto (default), nova or glance
    ///
    /// nova: Nova's images API only. glance: the image service (Glance v2), shown exactly as
    /// Nova shows it (only links differ). auto: Nova's, and Glance's where Nova's images API
    /// is gone (its routes answer 404 or 410, 5xx after the retries, or no compute endpoint),
    /// said once on stderr and kept with the cached token. Also nova_images_api in
    /// clouds.yaml.
    #[arg(
        long,
        global = true,
        env = "NOVA_IMAGES_API",
        value_name = "API",
        value_parser = ["auto", "nova", "glance"]
    )]
    pub api: Option<String>,

    /// CA bundle (PEM) to verify the cloud's TLS certificates, added to the system roots
    #[arg(long, global = true, env = "OS_CACERT", value_name = "FILE")]
    pub os_cacert: Option<String>,

    /// Client certificate (PEM) for mutual TLS
    #[arg(long, global = true, env = "OS_CERT", value_name = "FILE")]
    pub os_cert: Option<String>,

    /// Private key (PEM) of the client certificate
    #[arg(long, global = true, env = "OS_KEY", value_name = "FILE")]
    pub os_key: Option<String>,

    /// Do not verify TLS certificates (unsafe; warns on every run)
    #[arg(long, global = true)]
    pub insecure: bool,

    /// Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)
    ///
    /// A number above 0 and at most 604800 (a week); fractions allowed. On wait and delete
    /// --wait it is the limit of the whole wait instead (as --max-wait).
    #[arg(long, global = true, value_name = "SECONDS", value_parser = crate::time::seconds)]
    pub timeout: Option<Duration>,
}
