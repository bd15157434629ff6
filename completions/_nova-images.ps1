
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'nova-images' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'nova-images'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'nova-images' {
            [CompletionResult]::new('--os-cloud', '--os-cloud', [CompletionResultType]::ParameterName, 'Cloud name in clouds.yaml')
            [CompletionResult]::new('--os-auth-type', '--os-auth-type', [CompletionResultType]::ParameterName, 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none')
            [CompletionResult]::new('--os-auth-url', '--os-auth-url', [CompletionResultType]::ParameterName, 'Authentication URL (Keystone)')
            [CompletionResult]::new('--os-username', '--os-username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--os-user-id', '--os-user-id', [CompletionResultType]::ParameterName, 'User ID')
            [CompletionResult]::new('--os-password', '--os-password', [CompletionResultType]::ParameterName, 'Password (prompted for on a terminal when missing)')
            [CompletionResult]::new('--os-project-name', '--os-project-name', [CompletionResultType]::ParameterName, 'Project name to scope to')
            [CompletionResult]::new('--os-project-id', '--os-project-id', [CompletionResultType]::ParameterName, 'Project ID to scope to')
            [CompletionResult]::new('--os-user-domain-name', '--os-user-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the user')
            [CompletionResult]::new('--os-user-domain-id', '--os-user-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the user')
            [CompletionResult]::new('--os-project-domain-name', '--os-project-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the project')
            [CompletionResult]::new('--os-project-domain-id', '--os-project-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the project')
            [CompletionResult]::new('--os-domain-name', '--os-domain-name', [CompletionResultType]::ParameterName, 'Domain name: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-domain-id', '--os-domain-id', [CompletionResultType]::ParameterName, 'Domain ID: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-default-domain', '--os-default-domain', [CompletionResultType]::ParameterName, 'Domain ID assumed for a user or project given without one')
            [CompletionResult]::new('--os-token', '--os-token', [CompletionResultType]::ParameterName, 'Token, for the token, v3token and admin_token auth types')
            [CompletionResult]::new('--os-application-credential-id', '--os-application-credential-id', [CompletionResultType]::ParameterName, 'Application credential ID')
            [CompletionResult]::new('--os-application-credential-name', '--os-application-credential-name', [CompletionResultType]::ParameterName, 'Application credential name (with --os-username or --os-user-id)')
            [CompletionResult]::new('--os-application-credential-secret', '--os-application-credential-secret', [CompletionResultType]::ParameterName, 'Application credential secret')
            [CompletionResult]::new('--os-region-name', '--os-region-name', [CompletionResultType]::ParameterName, 'Region of the compute endpoint')
            [CompletionResult]::new('--os-interface', '--os-interface', [CompletionResultType]::ParameterName, 'Endpoint interface in the catalog: public, internal or admin')
            [CompletionResult]::new('--os-endpoint', '--os-endpoint', [CompletionResultType]::ParameterName, 'Compute endpoint to use instead of the catalog''s (required by admin_token and none)')
            [CompletionResult]::new('--os-compute-api-version', '--os-compute-api-version', [CompletionResultType]::ParameterName, 'Compute microversion to send: 2.1 to 2.35 (default 2.1)')
            [CompletionResult]::new('--os-cacert', '--os-cacert', [CompletionResultType]::ParameterName, 'CA bundle (PEM) to verify the cloud''s TLS certificates, added to the system roots')
            [CompletionResult]::new('--os-cert', '--os-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--os-key', '--os-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the client certificate')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (unsafe; warns on every run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List images, following every page')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one image')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one or more images')
            [CompletionResult]::new('id-from-name', 'id-from-name', [CompletionResultType]::ParameterValue, 'Print the ID of the image with exactly this name')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print the shell completion script for bash, zsh, fish, powershell or elvish')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nova-images;list' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only images with exactly this name')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only images with this status (ACTIVE, SAVING, ...)')
            [CompletionResult]::new('--changes-since', '--changes-since', [CompletionResultType]::ParameterName, 'Only images changed since this time (ISO 8601, e.g. 2024-01-31T12:00:00Z)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Only snapshots of this server (ID or URL)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only images of this type (e.g. snapshot, backup)')
            [CompletionResult]::new('--min-ram', '--min-ram', [CompletionResultType]::ParameterName, 'Only images whose minimum RAM (MiB) equals this value')
            [CompletionResult]::new('--min-disk', '--min-disk', [CompletionResultType]::ParameterName, 'Only images whose minimum disk (GiB) equals this value')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'Start after the image with this ID')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N images (stops paging early)')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Images per request (the API''s `limit`)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Show only this column (repeatable)')
            [CompletionResult]::new('--column', '--column', [CompletionResultType]::ParameterName, 'Show only this column (repeatable)')
            [CompletionResult]::new('--quote', '--quote', [CompletionResultType]::ParameterName, 'When to quote CSV fields')
            [CompletionResult]::new('--max-width', '--max-width', [CompletionResultType]::ParameterName, 'Maximum table width; below 1 means none')
            [CompletionResult]::new('--sort-column', '--sort-column', [CompletionResultType]::ParameterName, 'Sort by this column (repeatable; the first is the primary key)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--os-cloud', '--os-cloud', [CompletionResultType]::ParameterName, 'Cloud name in clouds.yaml')
            [CompletionResult]::new('--os-auth-type', '--os-auth-type', [CompletionResultType]::ParameterName, 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none')
            [CompletionResult]::new('--os-auth-url', '--os-auth-url', [CompletionResultType]::ParameterName, 'Authentication URL (Keystone)')
            [CompletionResult]::new('--os-username', '--os-username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--os-user-id', '--os-user-id', [CompletionResultType]::ParameterName, 'User ID')
            [CompletionResult]::new('--os-password', '--os-password', [CompletionResultType]::ParameterName, 'Password (prompted for on a terminal when missing)')
            [CompletionResult]::new('--os-project-name', '--os-project-name', [CompletionResultType]::ParameterName, 'Project name to scope to')
            [CompletionResult]::new('--os-project-id', '--os-project-id', [CompletionResultType]::ParameterName, 'Project ID to scope to')
            [CompletionResult]::new('--os-user-domain-name', '--os-user-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the user')
            [CompletionResult]::new('--os-user-domain-id', '--os-user-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the user')
            [CompletionResult]::new('--os-project-domain-name', '--os-project-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the project')
            [CompletionResult]::new('--os-project-domain-id', '--os-project-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the project')
            [CompletionResult]::new('--os-domain-name', '--os-domain-name', [CompletionResultType]::ParameterName, 'Domain name: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-domain-id', '--os-domain-id', [CompletionResultType]::ParameterName, 'Domain ID: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-default-domain', '--os-default-domain', [CompletionResultType]::ParameterName, 'Domain ID assumed for a user or project given without one')
            [CompletionResult]::new('--os-token', '--os-token', [CompletionResultType]::ParameterName, 'Token, for the token, v3token and admin_token auth types')
            [CompletionResult]::new('--os-application-credential-id', '--os-application-credential-id', [CompletionResultType]::ParameterName, 'Application credential ID')
            [CompletionResult]::new('--os-application-credential-name', '--os-application-credential-name', [CompletionResultType]::ParameterName, 'Application credential name (with --os-username or --os-user-id)')
            [CompletionResult]::new('--os-application-credential-secret', '--os-application-credential-secret', [CompletionResultType]::ParameterName, 'Application credential secret')
            [CompletionResult]::new('--os-region-name', '--os-region-name', [CompletionResultType]::ParameterName, 'Region of the compute endpoint')
            [CompletionResult]::new('--os-interface', '--os-interface', [CompletionResultType]::ParameterName, 'Endpoint interface in the catalog: public, internal or admin')
            [CompletionResult]::new('--os-endpoint', '--os-endpoint', [CompletionResultType]::ParameterName, 'Compute endpoint to use instead of the catalog''s (required by admin_token and none)')
            [CompletionResult]::new('--os-compute-api-version', '--os-compute-api-version', [CompletionResultType]::ParameterName, 'Compute microversion to send: 2.1 to 2.35 (default 2.1)')
            [CompletionResult]::new('--os-cacert', '--os-cacert', [CompletionResultType]::ParameterName, 'CA bundle (PEM) to verify the cloud''s TLS certificates, added to the system roots')
            [CompletionResult]::new('--os-cert', '--os-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--os-key', '--os-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the client certificate')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Add Progress, Min Disk, Min RAM, Size, Created and Updated columns')
            [CompletionResult]::new('--noindent', '--noindent', [CompletionResultType]::ParameterName, 'Print JSON on one line')
            [CompletionResult]::new('--fit-width', '--fit-width', [CompletionResultType]::ParameterName, 'Fit the table to the terminal''s width even when stdout is piped')
            [CompletionResult]::new('--sort-ascending', '--sort-ascending', [CompletionResultType]::ParameterName, 'Sort in ascending order (the default)')
            [CompletionResult]::new('--sort-descending', '--sort-descending', [CompletionResultType]::ParameterName, 'Sort in descending order')
            [CompletionResult]::new('--print-empty', '--print-empty', [CompletionResultType]::ParameterName, 'Print the table header even when no image matched')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (unsafe; warns on every run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nova-images;show' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Show only this column (repeatable)')
            [CompletionResult]::new('--column', '--column', [CompletionResultType]::ParameterName, 'Show only this column (repeatable)')
            [CompletionResult]::new('--quote', '--quote', [CompletionResultType]::ParameterName, 'When to quote CSV fields')
            [CompletionResult]::new('--max-width', '--max-width', [CompletionResultType]::ParameterName, 'Maximum table width; below 1 means none')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Prefix for the variable names of -f shell')
            [CompletionResult]::new('--os-cloud', '--os-cloud', [CompletionResultType]::ParameterName, 'Cloud name in clouds.yaml')
            [CompletionResult]::new('--os-auth-type', '--os-auth-type', [CompletionResultType]::ParameterName, 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none')
            [CompletionResult]::new('--os-auth-url', '--os-auth-url', [CompletionResultType]::ParameterName, 'Authentication URL (Keystone)')
            [CompletionResult]::new('--os-username', '--os-username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--os-user-id', '--os-user-id', [CompletionResultType]::ParameterName, 'User ID')
            [CompletionResult]::new('--os-password', '--os-password', [CompletionResultType]::ParameterName, 'Password (prompted for on a terminal when missing)')
            [CompletionResult]::new('--os-project-name', '--os-project-name', [CompletionResultType]::ParameterName, 'Project name to scope to')
            [CompletionResult]::new('--os-project-id', '--os-project-id', [CompletionResultType]::ParameterName, 'Project ID to scope to')
            [CompletionResult]::new('--os-user-domain-name', '--os-user-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the user')
            [CompletionResult]::new('--os-user-domain-id', '--os-user-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the user')
            [CompletionResult]::new('--os-project-domain-name', '--os-project-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the project')
            [CompletionResult]::new('--os-project-domain-id', '--os-project-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the project')
            [CompletionResult]::new('--os-domain-name', '--os-domain-name', [CompletionResultType]::ParameterName, 'Domain name: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-domain-id', '--os-domain-id', [CompletionResultType]::ParameterName, 'Domain ID: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-default-domain', '--os-default-domain', [CompletionResultType]::ParameterName, 'Domain ID assumed for a user or project given without one')
            [CompletionResult]::new('--os-token', '--os-token', [CompletionResultType]::ParameterName, 'Token, for the token, v3token and admin_token auth types')
            [CompletionResult]::new('--os-application-credential-id', '--os-application-credential-id', [CompletionResultType]::ParameterName, 'Application credential ID')
            [CompletionResult]::new('--os-application-credential-name', '--os-application-credential-name', [CompletionResultType]::ParameterName, 'Application credential name (with --os-username or --os-user-id)')
            [CompletionResult]::new('--os-application-credential-secret', '--os-application-credential-secret', [CompletionResultType]::ParameterName, 'Application credential secret')
            [CompletionResult]::new('--os-region-name', '--os-region-name', [CompletionResultType]::ParameterName, 'Region of the compute endpoint')
            [CompletionResult]::new('--os-interface', '--os-interface', [CompletionResultType]::ParameterName, 'Endpoint interface in the catalog: public, internal or admin')
            [CompletionResult]::new('--os-endpoint', '--os-endpoint', [CompletionResultType]::ParameterName, 'Compute endpoint to use instead of the catalog''s (required by admin_token and none)')
            [CompletionResult]::new('--os-compute-api-version', '--os-compute-api-version', [CompletionResultType]::ParameterName, 'Compute microversion to send: 2.1 to 2.35 (default 2.1)')
            [CompletionResult]::new('--os-cacert', '--os-cacert', [CompletionResultType]::ParameterName, 'CA bundle (PEM) to verify the cloud''s TLS certificates, added to the system roots')
            [CompletionResult]::new('--os-cert', '--os-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--os-key', '--os-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the client certificate')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)')
            [CompletionResult]::new('--noindent', '--noindent', [CompletionResultType]::ParameterName, 'Print JSON on one line')
            [CompletionResult]::new('--fit-width', '--fit-width', [CompletionResultType]::ParameterName, 'Fit the table to the terminal''s width even when stdout is piped')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (unsafe; warns on every run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nova-images;delete' {
            [CompletionResult]::new('--os-cloud', '--os-cloud', [CompletionResultType]::ParameterName, 'Cloud name in clouds.yaml')
            [CompletionResult]::new('--os-auth-type', '--os-auth-type', [CompletionResultType]::ParameterName, 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none')
            [CompletionResult]::new('--os-auth-url', '--os-auth-url', [CompletionResultType]::ParameterName, 'Authentication URL (Keystone)')
            [CompletionResult]::new('--os-username', '--os-username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--os-user-id', '--os-user-id', [CompletionResultType]::ParameterName, 'User ID')
            [CompletionResult]::new('--os-password', '--os-password', [CompletionResultType]::ParameterName, 'Password (prompted for on a terminal when missing)')
            [CompletionResult]::new('--os-project-name', '--os-project-name', [CompletionResultType]::ParameterName, 'Project name to scope to')
            [CompletionResult]::new('--os-project-id', '--os-project-id', [CompletionResultType]::ParameterName, 'Project ID to scope to')
            [CompletionResult]::new('--os-user-domain-name', '--os-user-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the user')
            [CompletionResult]::new('--os-user-domain-id', '--os-user-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the user')
            [CompletionResult]::new('--os-project-domain-name', '--os-project-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the project')
            [CompletionResult]::new('--os-project-domain-id', '--os-project-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the project')
            [CompletionResult]::new('--os-domain-name', '--os-domain-name', [CompletionResultType]::ParameterName, 'Domain name: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-domain-id', '--os-domain-id', [CompletionResultType]::ParameterName, 'Domain ID: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-default-domain', '--os-default-domain', [CompletionResultType]::ParameterName, 'Domain ID assumed for a user or project given without one')
            [CompletionResult]::new('--os-token', '--os-token', [CompletionResultType]::ParameterName, 'Token, for the token, v3token and admin_token auth types')
            [CompletionResult]::new('--os-application-credential-id', '--os-application-credential-id', [CompletionResultType]::ParameterName, 'Application credential ID')
            [CompletionResult]::new('--os-application-credential-name', '--os-application-credential-name', [CompletionResultType]::ParameterName, 'Application credential name (with --os-username or --os-user-id)')
            [CompletionResult]::new('--os-application-credential-secret', '--os-application-credential-secret', [CompletionResultType]::ParameterName, 'Application credential secret')
            [CompletionResult]::new('--os-region-name', '--os-region-name', [CompletionResultType]::ParameterName, 'Region of the compute endpoint')
            [CompletionResult]::new('--os-interface', '--os-interface', [CompletionResultType]::ParameterName, 'Endpoint interface in the catalog: public, internal or admin')
            [CompletionResult]::new('--os-endpoint', '--os-endpoint', [CompletionResultType]::ParameterName, 'Compute endpoint to use instead of the catalog''s (required by admin_token and none)')
            [CompletionResult]::new('--os-compute-api-version', '--os-compute-api-version', [CompletionResultType]::ParameterName, 'Compute microversion to send: 2.1 to 2.35 (default 2.1)')
            [CompletionResult]::new('--os-cacert', '--os-cacert', [CompletionResultType]::ParameterName, 'CA bundle (PEM) to verify the cloud''s TLS certificates, added to the system roots')
            [CompletionResult]::new('--os-cert', '--os-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--os-key', '--os-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the client certificate')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (unsafe; warns on every run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nova-images;id-from-name' {
            [CompletionResult]::new('--os-cloud', '--os-cloud', [CompletionResultType]::ParameterName, 'Cloud name in clouds.yaml')
            [CompletionResult]::new('--os-auth-type', '--os-auth-type', [CompletionResultType]::ParameterName, 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none')
            [CompletionResult]::new('--os-auth-url', '--os-auth-url', [CompletionResultType]::ParameterName, 'Authentication URL (Keystone)')
            [CompletionResult]::new('--os-username', '--os-username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--os-user-id', '--os-user-id', [CompletionResultType]::ParameterName, 'User ID')
            [CompletionResult]::new('--os-password', '--os-password', [CompletionResultType]::ParameterName, 'Password (prompted for on a terminal when missing)')
            [CompletionResult]::new('--os-project-name', '--os-project-name', [CompletionResultType]::ParameterName, 'Project name to scope to')
            [CompletionResult]::new('--os-project-id', '--os-project-id', [CompletionResultType]::ParameterName, 'Project ID to scope to')
            [CompletionResult]::new('--os-user-domain-name', '--os-user-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the user')
            [CompletionResult]::new('--os-user-domain-id', '--os-user-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the user')
            [CompletionResult]::new('--os-project-domain-name', '--os-project-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the project')
            [CompletionResult]::new('--os-project-domain-id', '--os-project-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the project')
            [CompletionResult]::new('--os-domain-name', '--os-domain-name', [CompletionResultType]::ParameterName, 'Domain name: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-domain-id', '--os-domain-id', [CompletionResultType]::ParameterName, 'Domain ID: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-default-domain', '--os-default-domain', [CompletionResultType]::ParameterName, 'Domain ID assumed for a user or project given without one')
            [CompletionResult]::new('--os-token', '--os-token', [CompletionResultType]::ParameterName, 'Token, for the token, v3token and admin_token auth types')
            [CompletionResult]::new('--os-application-credential-id', '--os-application-credential-id', [CompletionResultType]::ParameterName, 'Application credential ID')
            [CompletionResult]::new('--os-application-credential-name', '--os-application-credential-name', [CompletionResultType]::ParameterName, 'Application credential name (with --os-username or --os-user-id)')
            [CompletionResult]::new('--os-application-credential-secret', '--os-application-credential-secret', [CompletionResultType]::ParameterName, 'Application credential secret')
            [CompletionResult]::new('--os-region-name', '--os-region-name', [CompletionResultType]::ParameterName, 'Region of the compute endpoint')
            [CompletionResult]::new('--os-interface', '--os-interface', [CompletionResultType]::ParameterName, 'Endpoint interface in the catalog: public, internal or admin')
            [CompletionResult]::new('--os-endpoint', '--os-endpoint', [CompletionResultType]::ParameterName, 'Compute endpoint to use instead of the catalog''s (required by admin_token and none)')
            [CompletionResult]::new('--os-compute-api-version', '--os-compute-api-version', [CompletionResultType]::ParameterName, 'Compute microversion to send: 2.1 to 2.35 (default 2.1)')
            [CompletionResult]::new('--os-cacert', '--os-cacert', [CompletionResultType]::ParameterName, 'CA bundle (PEM) to verify the cloud''s TLS certificates, added to the system roots')
            [CompletionResult]::new('--os-cert', '--os-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--os-key', '--os-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the client certificate')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (unsafe; warns on every run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nova-images;completion' {
            [CompletionResult]::new('--os-cloud', '--os-cloud', [CompletionResultType]::ParameterName, 'Cloud name in clouds.yaml')
            [CompletionResult]::new('--os-auth-type', '--os-auth-type', [CompletionResultType]::ParameterName, 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none')
            [CompletionResult]::new('--os-auth-url', '--os-auth-url', [CompletionResultType]::ParameterName, 'Authentication URL (Keystone)')
            [CompletionResult]::new('--os-username', '--os-username', [CompletionResultType]::ParameterName, 'User name')
            [CompletionResult]::new('--os-user-id', '--os-user-id', [CompletionResultType]::ParameterName, 'User ID')
            [CompletionResult]::new('--os-password', '--os-password', [CompletionResultType]::ParameterName, 'Password (prompted for on a terminal when missing)')
            [CompletionResult]::new('--os-project-name', '--os-project-name', [CompletionResultType]::ParameterName, 'Project name to scope to')
            [CompletionResult]::new('--os-project-id', '--os-project-id', [CompletionResultType]::ParameterName, 'Project ID to scope to')
            [CompletionResult]::new('--os-user-domain-name', '--os-user-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the user')
            [CompletionResult]::new('--os-user-domain-id', '--os-user-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the user')
            [CompletionResult]::new('--os-project-domain-name', '--os-project-domain-name', [CompletionResultType]::ParameterName, 'Domain name of the project')
            [CompletionResult]::new('--os-project-domain-id', '--os-project-domain-id', [CompletionResultType]::ParameterName, 'Domain ID of the project')
            [CompletionResult]::new('--os-domain-name', '--os-domain-name', [CompletionResultType]::ParameterName, 'Domain name: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-domain-id', '--os-domain-id', [CompletionResultType]::ParameterName, 'Domain ID: for user and project when project-scoped, else the scope')
            [CompletionResult]::new('--os-default-domain', '--os-default-domain', [CompletionResultType]::ParameterName, 'Domain ID assumed for a user or project given without one')
            [CompletionResult]::new('--os-token', '--os-token', [CompletionResultType]::ParameterName, 'Token, for the token, v3token and admin_token auth types')
            [CompletionResult]::new('--os-application-credential-id', '--os-application-credential-id', [CompletionResultType]::ParameterName, 'Application credential ID')
            [CompletionResult]::new('--os-application-credential-name', '--os-application-credential-name', [CompletionResultType]::ParameterName, 'Application credential name (with --os-username or --os-user-id)')
            [CompletionResult]::new('--os-application-credential-secret', '--os-application-credential-secret', [CompletionResultType]::ParameterName, 'Application credential secret')
            [CompletionResult]::new('--os-region-name', '--os-region-name', [CompletionResultType]::ParameterName, 'Region of the compute endpoint')
            [CompletionResult]::new('--os-interface', '--os-interface', [CompletionResultType]::ParameterName, 'Endpoint interface in the catalog: public, internal or admin')
            [CompletionResult]::new('--os-endpoint', '--os-endpoint', [CompletionResultType]::ParameterName, 'Compute endpoint to use instead of the catalog''s (required by admin_token and none)')
            [CompletionResult]::new('--os-compute-api-version', '--os-compute-api-version', [CompletionResultType]::ParameterName, 'Compute microversion to send: 2.1 to 2.35 (default 2.1)')
            [CompletionResult]::new('--os-cacert', '--os-cacert', [CompletionResultType]::ParameterName, 'CA bundle (PEM) to verify the cloud''s TLS certificates, added to the system roots')
            [CompletionResult]::new('--os-cert', '--os-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--os-key', '--os-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the client certificate')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (unsafe; warns on every run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nova-images;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List images, following every page')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one image')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one or more images')
            [CompletionResult]::new('id-from-name', 'id-from-name', [CompletionResultType]::ParameterValue, 'Print the ID of the image with exactly this name')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print the shell completion script for bash, zsh, fish, powershell or elvish')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nova-images;help;list' {
            break
        }
        'nova-images;help;show' {
            break
        }
        'nova-images;help;delete' {
            break
        }
        'nova-images;help;id-from-name' {
            break
        }
        'nova-images;help;completion' {
            break
        }
        'nova-images;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
