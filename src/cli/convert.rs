//! From the clap structs to the library's types: connection options to [`Overrides`], the
//! filters checked here to [`Criteria`]. (The output options convert in `app::options`, next
//! to what they convert into.)

use std::time::Duration;

use super::ConnectionArgs;
use super::images::SelectArgs;
use crate::client::Criteria;
use crate::config::Overrides;
use crate::time::Timestamp;

impl SelectArgs {
    /// The criteria of these filters and of an `--older-than` (prune's means something
    /// else), ages counted back from `now`.
    pub fn criteria(&self, older_than: Option<Duration>, now: Timestamp) -> Criteria {
        let mut criteria = Criteria {
            pattern: self.pattern.clone(),
            properties: self.properties.clone(),
            ..Criteria::default()
        };
        if let Some(age) = older_than {
            criteria = criteria.older_than(age, now);
        }
        if let Some(age) = self.newer_than {
            criteria = criteria.newer_than(age, now);
        }
        criteria
    }
}

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
            nova_images_api: a.api.clone(),
            cacert: a.os_cacert.clone(),
            cert: a.os_cert.clone(),
            key: a.os_key.clone(),
            insecure: a.insecure,
            api_timeout: a.timeout.map(|t| t.as_secs_f64()),
            default_domain: Some(a.os_default_domain.clone()),
        }
    }
}
