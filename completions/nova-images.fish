# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nova_images_global_optspecs
    string join \n v/verbose q/quiet debug timing retries= no-token-cache os-cloud= os-auth-type= os-auth-url= os-username= os-user-id= os-password= os-project-name= os-project-id= os-user-domain-name= os-user-domain-id= os-project-domain-name= os-project-domain-id= os-domain-name= os-domain-id= os-default-domain= os-token= os-application-credential-id= os-application-credential-name= os-application-credential-secret= os-region-name= os-interface= os-endpoint= os-compute-api-version= api= os-cacert= os-cert= os-key= insecure timeout= h/help V/version
end

function __fish_nova_images_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_nova_images_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_nova_images_using_subcommand
    set -l cmd (__fish_nova_images_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c nova-images -n "__fish_nova_images_needs_command" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_needs_command" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_needs_command" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_needs_command" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_needs_command" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_needs_command" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_needs_command" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_needs_command" -s V -l version -d 'Print version'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "list" -d 'List images, following every page'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "show" -d 'Show one image, by ID or exact name'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "wait" -d 'Wait until an image reaches a status (ACTIVE by default)'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "delete" -d 'Delete one or more images'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "prune" -d 'Delete all but the newest images of each name'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "id-from-name" -d 'Print the ID of the image with exactly this name, or whose name matches --match'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "presence" -d 'Check that images are there, ACTIVE, once, in every cloud and region'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "config" -d 'Show the resolved configuration, offline'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "doctor" -d 'Check the way to the images: configuration, Keystone, endpoints, both images APIs'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "auth" -d 'Manage the cloud\'s cached token'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "cache" -d 'Manage the token cache'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "metadata" -d 'Read and change an image\'s metadata (its Glance properties)'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "completion" -d 'Print the shell completion script for bash, zsh, fish, powershell or elvish'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "refresh-completion-cache" -d 'Refresh the live-completion cache of the cloud (internal: what a TAB starts)'
complete -c nova-images -n "__fish_nova_images_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l name -d 'Only images with exactly this name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l status -d 'Only images with this status: ACTIVE, SAVING, DELETED, ERROR or UNKNOWN (any case), or a Glance status such as queued' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l changes-since -d 'Only images changed since this time (ISO 8601, e.g. 2024-01-31T12:00:00Z)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l server -d 'Only snapshots of this server (ID or URL)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l type -d 'Only images of this type (e.g. snapshot, backup)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l min-ram -d 'Only images whose minimum RAM (MiB) equals this value' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l min-disk -d 'Only images whose minimum disk (GiB) equals this value' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l marker -d 'Start after the image with this ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l limit -d 'Show at most N images (stops paging early)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l page-size -d 'Images per request (the API\'s `limit`)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -s c -l column -d 'Show only this column (repeatable)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l quote -d 'When to quote CSV fields' -r -f -a "all\t'Every field'
minimal\t'Only fields holding a comma, a double quote or a line break'
nonnumeric\t'Every field that is not a number'
none\t'No field; commas, quotes, backslashes and line breaks get a backslash before them'"
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l max-width -d 'Maximum table width; below 1 means none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l sort-column -d 'Sort by this column (repeatable; the first is the primary key)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l clouds -d 'These clouds of clouds.yaml, in this order (comma-separated; beats --os-cloud)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l concurrency -d 'With several clouds or regions: how many are listed at once (prune: the deletions in flight on each)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -s f -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON: an array for list, an object for show'
yaml\t'YAML: a sequence for list, a mapping for show'
value\t'The fields separated by a space, one image per line (show: one field per line), no header'
csv\t'CSV (RFC 4180) with a header row; see --quote'
jsonl\t'JSON Lines: one compact JSON object per line, written as each page arrives'"
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l long -d 'Add Progress, Min Disk, Min RAM, Size, Created and Updated columns'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l noindent -d 'Print JSON on one line'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l fit-width -d 'Fit the table to the terminal\'s width even when stdout is piped'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l sort-ascending -d 'Sort in ascending order (the default)'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l sort-descending -d 'Sort in descending order'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l print-empty -d 'Print the table header even when no image matched'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l all-regions -d 'Every region with a compute endpoint of the interface in the token\'s catalog'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l all-clouds -d 'Every cloud of clouds.yaml, in the file\'s order (the OS_* cloud only when named with --clouds)'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -s c -l column -d 'Show only this column (repeatable)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l quote -d 'When to quote CSV fields' -r -f -a "all\t'Every field'
minimal\t'Only fields holding a comma, a double quote or a line break'
nonnumeric\t'Every field that is not a number'
none\t'No field; commas, quotes, backslashes and line breaks get a backslash before them'"
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l max-width -d 'Maximum table width; below 1 means none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l prefix -d 'Prefix for the variable names of -f shell' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -s f -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON: an array for list, an object for show'
yaml\t'YAML: a sequence for list, a mapping for show'
value\t'The fields separated by a space, one image per line (show: one field per line), no header'
csv\t'CSV (RFC 4180) with a header row; see --quote'
shell\t'NAME=\'value\' lines for the shell\'s eval (show only); see --prefix'
jsonl\t'JSON Lines: one compact JSON object per line, written as each page arrives'"
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l noindent -d 'Print JSON on one line'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l fit-width -d 'Fit the table to the terminal\'s width even when stdout is piped'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l status -d 'The status to wait for (any case)' -r -f -a "ACTIVE\t'Usable (Glance active)'
SAVING\t'Being uploaded or snapshotted (Glance queued or saving)'
DELETED\t'Deleted, or gone (Glance deleted or pending_delete)'
ERROR\t'Failed (Glance killed)'
UNKNOWN\t'Any other Glance status (deactivated, uploading, importing, ...)'"
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l max-wait -d 'Give up after this many seconds in all (default 600; exit 7); also --timeout' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l interval -d 'Seconds between two looks at the image (fractions allowed, e.g. 0.5)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l max-wait -d 'With --wait: give up after this many seconds in all (default 600; exit 7)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l interval -d 'With --wait: seconds between two looks at an image' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l concurrency -d 'Deletions in flight at once' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -s f -l format -d 'Print per-image results on stdout: json or yaml (default: nothing on success)' -r -f -a "json\t'A JSON array of {id, result, ...}'
yaml\t'A YAML sequence of {id, result, ...}'"
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l stdin -d 'Read image IDs or names from stdin, one per line (blank lines and `#` comments skipped)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l dry-run -d 'Show what would be deleted (each image is looked up) and delete nothing'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l wait -d 'Return only once each deleted image answers 404 (polls; see --timeout, --interval)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l skip-in-use -d 'Before deleting, ask Nova which servers were booted from each image, and keep those images'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l all-projects -d 'With --skip-in-use: ask about every project\'s servers (`all_tenants`; Nova allows it to admins only)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l keep -d 'Keep the newest N images of each name (by creation time; ties: highest ID)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l group-by -d 'Group images by the part of their name REGEX captures, not by the whole name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l older-than -d 'Delete only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l name -d 'Only images with exactly this name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l status -d 'Only images with this status: ACTIVE, SAVING, DELETED, ERROR or UNKNOWN (any case), or a Glance status such as queued' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l changes-since -d 'Only images changed since this time (ISO 8601, e.g. 2024-01-31T12:00:00Z)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l server -d 'Only snapshots of this server (ID or URL)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l type -d 'Only images of this type (e.g. snapshot, backup)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l min-ram -d 'Only images whose minimum RAM (MiB) equals this value' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l min-disk -d 'Only images whose minimum disk (GiB) equals this value' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l page-size -d 'Images per request (the API\'s `limit`)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l max-wait -d 'With --wait: give up after this many seconds in all (default 600; exit 7)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l interval -d 'With --wait: seconds between two looks at an image' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -s f -l format -d 'The plan (and the results) on stdout: table, json or yaml' -r -f -a "table\t'A table for people'
json\t'JSON'
yaml\t'YAML'"
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l clouds -d 'These clouds of clouds.yaml, in this order (comma-separated; beats --os-cloud)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l concurrency -d 'With several clouds or regions: how many are listed at once (prune: the deletions in flight on each)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l keep-any-status -d 'Let any image fill a keep slot, whatever its status'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l dry-run -d 'Print the plan and delete nothing (no DELETE is sent)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -s y -l yes -d 'Delete the planned images without asking (needed when stdin or stderr is not a terminal)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l wait -d 'Return only once each deleted image answers 404 (polls; see --timeout, --interval)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l skip-in-use -d 'Before deleting, ask Nova which servers were booted from each image, and keep those images'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l all-projects -d 'With --skip-in-use: ask about every project\'s servers (`all_tenants`; Nova allows it to admins only)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l all-regions -d 'Every region with a compute endpoint of the interface in the token\'s catalog'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l all-clouds -d 'Every cloud of clouds.yaml, in the file\'s order (the OS_* cloud only when named with --clouds)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand id-from-name" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -s f -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON: an array for list, an object for show'
yaml\t'YAML: a sequence for list, a mapping for show'
value\t'The fields separated by a space, one image per line (show: one field per line), no header'
csv\t'CSV (RFC 4180) with a header row; see --quote'
jsonl\t'JSON Lines: one compact JSON object per line, written as each page arrives'"
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l quote -d 'When to quote CSV fields' -r -f -a "all\t'Every field'
minimal\t'Only fields holding a comma, a double quote or a line break'
nonnumeric\t'Every field that is not a number'
none\t'No field; commas, quotes, backslashes and line breaks get a backslash before them'"
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l max-width -d 'Maximum table width; below 1 means none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l clouds -d 'These clouds of clouds.yaml, in this order (comma-separated; beats --os-cloud)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l concurrency -d 'With several clouds or regions: how many are listed at once (prune: the deletions in flight on each)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l newest -d 'A name on several images in a target passes when the newest of them is ACTIVE'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l long -d 'Add each target\'s Size and Created columns (those of the newest image with the name)'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l noindent -d 'Print JSON on one line'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l fit-width -d 'Fit the table to the terminal\'s width even when stdout is piped'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l all-regions -d 'Every region with a compute endpoint of the interface in the token\'s catalog'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l all-clouds -d 'Every cloud of clouds.yaml, in the file\'s order (the OS_* cloud only when named with --clouds)'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand presence" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -f -a "show" -d 'The selected cloud as nova-images resolves it (secrets redacted)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -f -a "clouds" -d 'Every cloud known from clouds.yaml and secure.yaml, and `envvars` when OS_* variables make one, with the file it came from'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and not __fish_seen_subcommand_from show clouds help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -s f -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON'
yaml\t'YAML'"
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l unmask -d 'Show passwords, tokens and secrets instead of `<redacted>`'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -s f -l format -d 'Output format' -r -f -a "table\t'A table for people'
json\t'JSON'
yaml\t'YAML'"
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from clouds" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'The selected cloud as nova-images resolves it (secrets redacted)'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "clouds" -d 'Every cloud known from clouds.yaml and secure.yaml, and `envvars` when OS_* variables make one, with the file it came from'
complete -c nova-images -n "__fish_nova_images_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -s f -l format -d 'Output format' -r -f -a "table\t'For people: one line per check, a check mark or a cross, a failure\'s hint below it'
json\t'JSON: an array with one object per target, its checks in order'"
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l jq -d 'Filter the JSON output with a jq expression (implies -f json)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l clouds -d 'These clouds of clouds.yaml, in this order (comma-separated; beats --os-cloud)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l concurrency -d 'With several clouds or regions: how many are listed at once (prune: the deletions in flight on each)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l all-regions -d 'Every region with a compute endpoint of the interface in the token\'s catalog'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l all-clouds -d 'Every cloud of clouds.yaml, in the file\'s order (the OS_* cloud only when named with --clouds)'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -f -a "revoke" -d 'Revoke the selected cloud\'s cached token at Keystone and forget it'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and not __fish_seen_subcommand_from revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke the selected cloud\'s cached token at Keystone and forget it'
complete -c nova-images -n "__fish_nova_images_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -f -a "clear" -d 'Forget every cached token (reads no configuration)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and not __fish_seen_subcommand_from clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Forget every cached token (reads no configuration)'
complete -c nova-images -n "__fish_nova_images_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -f -a "list" -d 'Print every metadata key and value of an image'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -f -a "get" -d 'Print the value of one metadata key'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -f -a "set" -d 'Add or change keys, keeping the others; prints the image\'s metadata afterwards'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -f -a "replace" -d 'Replace all metadata with exactly these keys; prints the new metadata'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -f -a "unset" -d 'Remove keys; prints nothing'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and not __fish_seen_subcommand_from list get set replace unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -s f -l format -d 'Output format: table, json, yaml, value, csv or shell' -r -f -a "table\t''
json\t''
yaml\t''
value\t''
csv\t''
shell\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l quote -d 'When to quote CSV fields' -r -f -a "all\t'Every field'
minimal\t'Only fields holding a comma, a double quote or a line break'
nonnumeric\t'Every field that is not a number'
none\t'No field; commas, quotes, backslashes and line breaks get a backslash before them'"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l max-width -d 'Maximum table width; below 1 means none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l prefix -d 'Prefix for the variable names of -f shell' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l noindent -d 'Print JSON on one line'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l fit-width -d 'Fit the table to the terminal\'s width even when stdout is piped'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -s f -l format -d 'Output format: table, json, yaml, value, csv or shell' -r -f -a "table\t''
json\t''
yaml\t''
value\t''
csv\t''
shell\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l quote -d 'When to quote CSV fields' -r -f -a "all\t'Every field'
minimal\t'Only fields holding a comma, a double quote or a line break'
nonnumeric\t'Every field that is not a number'
none\t'No field; commas, quotes, backslashes and line breaks get a backslash before them'"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l max-width -d 'Maximum table width; below 1 means none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l prefix -d 'Prefix for the variable names of -f shell' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l noindent -d 'Print JSON on one line'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l fit-width -d 'Fit the table to the terminal\'s width even when stdout is piped'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -s f -l format -d 'Output format: table, json, yaml, value, csv or shell' -r -f -a "table\t''
json\t''
yaml\t''
value\t''
csv\t''
shell\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l quote -d 'When to quote CSV fields' -r -f -a "all\t'Every field'
minimal\t'Only fields holding a comma, a double quote or a line break'
nonnumeric\t'Every field that is not a number'
none\t'No field; commas, quotes, backslashes and line breaks get a backslash before them'"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l max-width -d 'Maximum table width; below 1 means none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l prefix -d 'Prefix for the variable names of -f shell' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l noindent -d 'Print JSON on one line'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l fit-width -d 'Fit the table to the terminal\'s width even when stdout is piped'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -s f -l format -d 'Output format: table, json, yaml, value, csv or shell' -r -f -a "table\t''
json\t''
yaml\t''
value\t''
csv\t''
shell\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l quote -d 'When to quote CSV fields' -r -f -a "all\t'Every field'
minimal\t'Only fields holding a comma, a double quote or a line break'
nonnumeric\t'Every field that is not a number'
none\t'No field; commas, quotes, backslashes and line breaks get a backslash before them'"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l max-width -d 'Maximum table width; below 1 means none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l prefix -d 'Prefix for the variable names of -f shell' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l noindent -d 'Print JSON on one line'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l fit-width -d 'Fit the table to the terminal\'s width even when stdout is piped'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from replace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l match -d 'Only images whose name matches REGEX (a search anywhere in the name, as grep does)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l property -d 'Only images with this metadata property, or with this value of it (repeatable; all must hold)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l newer-than -d 'Only images created less than AGE ago (or exactly AGE ago): 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l older-than -d 'Only images created more than AGE ago: 90s, 45m, 12h, 30d or 2w' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l newest -d 'When several images have the name (or match), take the newest (latest created; ties: highest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l oldest -d 'When several images have the name (or match), take the oldest (earliest created; ties: lowest ID)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from help" -f -a "list" -d 'Print every metadata key and value of an image'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the value of one metadata key'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from help" -f -a "set" -d 'Add or change keys, keeping the others; prints the image\'s metadata afterwards'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from help" -f -a "replace" -d 'Replace all metadata with exactly these keys; prints the new metadata'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove keys; prints nothing'
complete -c nova-images -n "__fish_nova_images_using_subcommand metadata; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l retries -d 'Retries of a request that failed for a transient reason (0 disables)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-cloud -d 'Cloud name in clouds.yaml' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-auth-type -d 'Authentication type: password, v3password, token, v3token, v3applicationcredential, admin_token or none' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-auth-url -d 'Authentication URL (Keystone)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-username -d 'User name' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-user-id -d 'User ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-password -d 'Password (prompted for on a terminal when missing)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-project-name -d 'Project name to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-project-id -d 'Project ID to scope to' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-user-domain-name -d 'Domain name of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-user-domain-id -d 'Domain ID of the user' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-project-domain-name -d 'Domain name of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-project-domain-id -d 'Domain ID of the project' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-domain-name -d 'Domain name: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-domain-id -d 'Domain ID: for user and project when project-scoped, else the scope' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-default-domain -d 'Domain ID assumed for a user or project given without one' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-token -d 'Token, for the token, v3token and admin_token auth types' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-application-credential-id -d 'Application credential ID' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-application-credential-name -d 'Application credential name (with --os-username or --os-user-id)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-application-credential-secret -d 'Application credential secret' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-region-name -d 'Region of the compute endpoint' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-interface -d 'Endpoint interface in the catalog: public, internal or admin' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-endpoint -d 'Compute endpoint to use instead of the catalog\'s (required by admin_token and none)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-compute-api-version -d 'Compute microversion to send: 2.1 to 2.35 (default 2.1)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l api -d 'Images API to use: auto (default), nova or glance' -r -f -a "auto\t''
nova\t''
glance\t''"
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-cacert -d 'CA bundle (PEM) to verify the cloud\'s TLS certificates, added to the system roots' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-cert -d 'Client certificate (PEM) for mutual TLS' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l os-key -d 'Private key (PEM) of the client certificate' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l timeout -d 'Seconds to wait for each HTTP request (default 30, or api_timeout in clouds.yaml)' -r
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -s v -l verbose -d 'Show notices on stderr: retries, re-authentication'
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -s q -l quiet -d 'Show only errors on stderr (no warnings, no progress)'
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l debug -d 'Log every HTTP request (as curl) and response on stderr; secrets are masked'
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l timing -d 'After the output, print the time of every HTTP call on stderr'
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l no-token-cache -d 'Neither read nor write the token cache (see `nova-images cache`)'
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -l insecure -d 'Do not verify TLS certificates (unsafe; warns on every run)'
complete -c nova-images -n "__fish_nova_images_using_subcommand refresh-completion-cache" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "list" -d 'List images, following every page'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "show" -d 'Show one image, by ID or exact name'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "wait" -d 'Wait until an image reaches a status (ACTIVE by default)'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "delete" -d 'Delete one or more images'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "prune" -d 'Delete all but the newest images of each name'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "id-from-name" -d 'Print the ID of the image with exactly this name, or whose name matches --match'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "presence" -d 'Check that images are there, ACTIVE, once, in every cloud and region'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "config" -d 'Show the resolved configuration, offline'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "doctor" -d 'Check the way to the images: configuration, Keystone, endpoints, both images APIs'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "auth" -d 'Manage the cloud\'s cached token'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "cache" -d 'Manage the token cache'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "metadata" -d 'Read and change an image\'s metadata (its Glance properties)'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "completion" -d 'Print the shell completion script for bash, zsh, fish, powershell or elvish'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "refresh-completion-cache" -d 'Refresh the live-completion cache of the cloud (internal: what a TAB starts)'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and not __fish_seen_subcommand_from list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'The selected cloud as nova-images resolves it (secrets redacted)'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "clouds" -d 'Every cloud known from clouds.yaml and secure.yaml, and `envvars` when OS_* variables make one, with the file it came from'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "revoke" -d 'Revoke the selected cloud\'s cached token at Keystone and forget it'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Forget every cached token (reads no configuration)'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from metadata" -f -a "list" -d 'Print every metadata key and value of an image'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from metadata" -f -a "get" -d 'Print the value of one metadata key'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from metadata" -f -a "set" -d 'Add or change keys, keeping the others; prints the image\'s metadata afterwards'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from metadata" -f -a "replace" -d 'Replace all metadata with exactly these keys; prints the new metadata'
complete -c nova-images -n "__fish_nova_images_using_subcommand help; and __fish_seen_subcommand_from metadata" -f -a "unset" -d 'Remove keys; prints nothing'
