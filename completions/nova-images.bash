_nova__images() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="nova__images"
                ;;
            nova__images,auth)
                cmd="nova__images__subcmd__auth"
                ;;
            nova__images,cache)
                cmd="nova__images__subcmd__cache"
                ;;
            nova__images,completion)
                cmd="nova__images__subcmd__completion"
                ;;
            nova__images,config)
                cmd="nova__images__subcmd__config"
                ;;
            nova__images,delete)
                cmd="nova__images__subcmd__delete"
                ;;
            nova__images,doctor)
                cmd="nova__images__subcmd__doctor"
                ;;
            nova__images,help)
                cmd="nova__images__subcmd__help"
                ;;
            nova__images,id-from-name)
                cmd="nova__images__subcmd__id__subcmd__from__subcmd__name"
                ;;
            nova__images,list)
                cmd="nova__images__subcmd__list"
                ;;
            nova__images,metadata)
                cmd="nova__images__subcmd__metadata"
                ;;
            nova__images,presence)
                cmd="nova__images__subcmd__presence"
                ;;
            nova__images,prune)
                cmd="nova__images__subcmd__prune"
                ;;
            nova__images,refresh-completion-cache)
                cmd="nova__images__subcmd__refresh__subcmd__completion__subcmd__cache"
                ;;
            nova__images,show)
                cmd="nova__images__subcmd__show"
                ;;
            nova__images,wait)
                cmd="nova__images__subcmd__wait"
                ;;
            nova__images__subcmd__auth,help)
                cmd="nova__images__subcmd__auth__subcmd__help"
                ;;
            nova__images__subcmd__auth,revoke)
                cmd="nova__images__subcmd__auth__subcmd__revoke"
                ;;
            nova__images__subcmd__auth__subcmd__help,help)
                cmd="nova__images__subcmd__auth__subcmd__help__subcmd__help"
                ;;
            nova__images__subcmd__auth__subcmd__help,revoke)
                cmd="nova__images__subcmd__auth__subcmd__help__subcmd__revoke"
                ;;
            nova__images__subcmd__cache,clear)
                cmd="nova__images__subcmd__cache__subcmd__clear"
                ;;
            nova__images__subcmd__cache,help)
                cmd="nova__images__subcmd__cache__subcmd__help"
                ;;
            nova__images__subcmd__cache__subcmd__help,clear)
                cmd="nova__images__subcmd__cache__subcmd__help__subcmd__clear"
                ;;
            nova__images__subcmd__cache__subcmd__help,help)
                cmd="nova__images__subcmd__cache__subcmd__help__subcmd__help"
                ;;
            nova__images__subcmd__config,clouds)
                cmd="nova__images__subcmd__config__subcmd__clouds"
                ;;
            nova__images__subcmd__config,help)
                cmd="nova__images__subcmd__config__subcmd__help"
                ;;
            nova__images__subcmd__config,show)
                cmd="nova__images__subcmd__config__subcmd__show"
                ;;
            nova__images__subcmd__config__subcmd__help,clouds)
                cmd="nova__images__subcmd__config__subcmd__help__subcmd__clouds"
                ;;
            nova__images__subcmd__config__subcmd__help,help)
                cmd="nova__images__subcmd__config__subcmd__help__subcmd__help"
                ;;
            nova__images__subcmd__config__subcmd__help,show)
                cmd="nova__images__subcmd__config__subcmd__help__subcmd__show"
                ;;
            nova__images__subcmd__help,auth)
                cmd="nova__images__subcmd__help__subcmd__auth"
                ;;
            nova__images__subcmd__help,cache)
                cmd="nova__images__subcmd__help__subcmd__cache"
                ;;
            nova__images__subcmd__help,completion)
                cmd="nova__images__subcmd__help__subcmd__completion"
                ;;
            nova__images__subcmd__help,config)
                cmd="nova__images__subcmd__help__subcmd__config"
                ;;
            nova__images__subcmd__help,delete)
                cmd="nova__images__subcmd__help__subcmd__delete"
                ;;
            nova__images__subcmd__help,doctor)
                cmd="nova__images__subcmd__help__subcmd__doctor"
                ;;
            nova__images__subcmd__help,help)
                cmd="nova__images__subcmd__help__subcmd__help"
                ;;
            nova__images__subcmd__help,id-from-name)
                cmd="nova__images__subcmd__help__subcmd__id__subcmd__from__subcmd__name"
                ;;
            nova__images__subcmd__help,list)
                cmd="nova__images__subcmd__help__subcmd__list"
                ;;
            nova__images__subcmd__help,metadata)
                cmd="nova__images__subcmd__help__subcmd__metadata"
                ;;
            nova__images__subcmd__help,presence)
                cmd="nova__images__subcmd__help__subcmd__presence"
                ;;
            nova__images__subcmd__help,prune)
                cmd="nova__images__subcmd__help__subcmd__prune"
                ;;
            nova__images__subcmd__help,refresh-completion-cache)
                cmd="nova__images__subcmd__help__subcmd__refresh__subcmd__completion__subcmd__cache"
                ;;
            nova__images__subcmd__help,show)
                cmd="nova__images__subcmd__help__subcmd__show"
                ;;
            nova__images__subcmd__help,wait)
                cmd="nova__images__subcmd__help__subcmd__wait"
                ;;
            nova__images__subcmd__help__subcmd__auth,revoke)
                cmd="nova__images__subcmd__help__subcmd__auth__subcmd__revoke"
                ;;
            nova__images__subcmd__help__subcmd__cache,clear)
                cmd="nova__images__subcmd__help__subcmd__cache__subcmd__clear"
                ;;
            nova__images__subcmd__help__subcmd__config,clouds)
                cmd="nova__images__subcmd__help__subcmd__config__subcmd__clouds"
                ;;
            nova__images__subcmd__help__subcmd__config,show)
                cmd="nova__images__subcmd__help__subcmd__config__subcmd__show"
                ;;
            nova__images__subcmd__help__subcmd__metadata,get)
                cmd="nova__images__subcmd__help__subcmd__metadata__subcmd__get"
                ;;
            nova__images__subcmd__help__subcmd__metadata,list)
                cmd="nova__images__subcmd__help__subcmd__metadata__subcmd__list"
                ;;
            nova__images__subcmd__help__subcmd__metadata,replace)
                cmd="nova__images__subcmd__help__subcmd__metadata__subcmd__replace"
                ;;
            nova__images__subcmd__help__subcmd__metadata,set)
                cmd="nova__images__subcmd__help__subcmd__metadata__subcmd__set"
                ;;
            nova__images__subcmd__help__subcmd__metadata,unset)
                cmd="nova__images__subcmd__help__subcmd__metadata__subcmd__unset"
                ;;
            nova__images__subcmd__metadata,get)
                cmd="nova__images__subcmd__metadata__subcmd__get"
                ;;
            nova__images__subcmd__metadata,help)
                cmd="nova__images__subcmd__metadata__subcmd__help"
                ;;
            nova__images__subcmd__metadata,list)
                cmd="nova__images__subcmd__metadata__subcmd__list"
                ;;
            nova__images__subcmd__metadata,replace)
                cmd="nova__images__subcmd__metadata__subcmd__replace"
                ;;
            nova__images__subcmd__metadata,set)
                cmd="nova__images__subcmd__metadata__subcmd__set"
                ;;
            nova__images__subcmd__metadata,unset)
                cmd="nova__images__subcmd__metadata__subcmd__unset"
                ;;
            nova__images__subcmd__metadata__subcmd__help,get)
                cmd="nova__images__subcmd__metadata__subcmd__help__subcmd__get"
                ;;
            nova__images__subcmd__metadata__subcmd__help,help)
                cmd="nova__images__subcmd__metadata__subcmd__help__subcmd__help"
                ;;
            nova__images__subcmd__metadata__subcmd__help,list)
                cmd="nova__images__subcmd__metadata__subcmd__help__subcmd__list"
                ;;
            nova__images__subcmd__metadata__subcmd__help,replace)
                cmd="nova__images__subcmd__metadata__subcmd__help__subcmd__replace"
                ;;
            nova__images__subcmd__metadata__subcmd__help,set)
                cmd="nova__images__subcmd__metadata__subcmd__help__subcmd__set"
                ;;
            nova__images__subcmd__metadata__subcmd__help,unset)
                cmd="nova__images__subcmd__metadata__subcmd__help__subcmd__unset"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        nova__images)
            opts="-v -q -h -V --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help --version list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__auth)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__auth__subcmd__help)
            opts="revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__auth__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__auth__subcmd__help__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__auth__subcmd__revoke)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__cache)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help clear help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__cache__subcmd__clear)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__cache__subcmd__help)
            opts="clear help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__cache__subcmd__help__subcmd__clear)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__cache__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__completion)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__config)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help show clouds help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__config__subcmd__clouds)
            opts="-f -v -q -h --format --jq --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__config__subcmd__help)
            opts="show clouds help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__config__subcmd__help__subcmd__clouds)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__config__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__config__subcmd__show)
            opts="-f -v -q -h --format --jq --unmask --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__delete)
            opts="-f -v -q -h --match --property --newer-than --older-than --newest --oldest --stdin --dry-run --wait --max-wait --interval --concurrency --format --skip-in-use --all-projects --jq --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-wait)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json yaml" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "json yaml" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__doctor)
            opts="-f -v -q -h --format --jq --all-regions --clouds --all-clouds --concurrency --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "table json" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --clouds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help)
            opts="list show wait delete prune id-from-name presence config doctor auth cache metadata completion refresh-completion-cache help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__auth)
            opts="revoke"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__auth__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__cache)
            opts="clear"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__cache__subcmd__clear)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__completion)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__config)
            opts="show clouds"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__config__subcmd__clouds)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__config__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__doctor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__id__subcmd__from__subcmd__name)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__metadata)
            opts="list get set replace unset"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__metadata__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__metadata__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__metadata__subcmd__replace)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__metadata__subcmd__set)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__metadata__subcmd__unset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__presence)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__refresh__subcmd__completion__subcmd__cache)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__help__subcmd__wait)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__id__subcmd__from__subcmd__name)
            opts="-v -q -h --match --property --newer-than --older-than --newest --oldest --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__list)
            opts="-c -f -v -q -h --name --status --changes-since --server --type --min-ram --min-disk --match --property --newer-than --older-than --marker --limit --page-size --long --column --noindent --quote --max-width --fit-width --jq --sort-column --sort-ascending --sort-descending --print-empty --all-regions --clouds --all-clouds --concurrency --format --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --changes-since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --min-ram)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --min-disk)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --marker)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --page-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --quote)
                    COMPREPLY=($(compgen -W "all minimal nonnumeric none" -- "${cur}"))
                    return 0
                    ;;
                --max-width)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort-column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --clouds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml value csv jsonl" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml value csv jsonl" -- "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help list get set replace unset help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__get)
            opts="-f -v -q -h --match --property --newer-than --older-than --newest --oldest --format --noindent --quote --max-width --fit-width --prefix --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                --quote)
                    COMPREPLY=($(compgen -W "all minimal nonnumeric none" -- "${cur}"))
                    return 0
                    ;;
                --max-width)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__help)
            opts="list get set replace unset help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__help__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__help__subcmd__replace)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__help__subcmd__set)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__help__subcmd__unset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__list)
            opts="-f -v -q -h --match --property --newer-than --older-than --newest --oldest --format --noindent --quote --max-width --fit-width --prefix --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                --quote)
                    COMPREPLY=($(compgen -W "all minimal nonnumeric none" -- "${cur}"))
                    return 0
                    ;;
                --max-width)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__replace)
            opts="-f -v -q -h --match --property --newer-than --older-than --newest --oldest --format --noindent --quote --max-width --fit-width --prefix --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                --quote)
                    COMPREPLY=($(compgen -W "all minimal nonnumeric none" -- "${cur}"))
                    return 0
                    ;;
                --max-width)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__set)
            opts="-f -v -q -h --match --property --newer-than --older-than --newest --oldest --format --noindent --quote --max-width --fit-width --prefix --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell" -- "${cur}"))
                    return 0
                    ;;
                --quote)
                    COMPREPLY=($(compgen -W "all minimal nonnumeric none" -- "${cur}"))
                    return 0
                    ;;
                --max-width)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__metadata__subcmd__unset)
            opts="-v -q -h --match --property --newer-than --older-than --newest --oldest --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__presence)
            opts="-f -v -q -h --match --property --newer-than --older-than --newest --long --format --jq --noindent --quote --max-width --fit-width --all-regions --clouds --all-clouds --concurrency --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml value csv jsonl" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml value csv jsonl" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --quote)
                    COMPREPLY=($(compgen -W "all minimal nonnumeric none" -- "${cur}"))
                    return 0
                    ;;
                --max-width)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --clouds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__prune)
            opts="-y -f -v -q -h --keep --group-by --keep-any-status --older-than --name --status --changes-since --server --type --min-ram --min-disk --match --property --newer-than --page-size --dry-run --yes --wait --max-wait --interval --skip-in-use --all-projects --format --jq --all-regions --clouds --all-clouds --concurrency --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --keep)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-by)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --changes-since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --min-ram)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --min-disk)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --page-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-wait)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --clouds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__refresh__subcmd__completion__subcmd__cache)
            opts="-v -q -h --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__show)
            opts="-c -f -v -q -h --match --property --newer-than --older-than --newest --oldest --column --noindent --quote --max-width --fit-width --jq --prefix --format --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --quote)
                    COMPREPLY=($(compgen -W "all minimal nonnumeric none" -- "${cur}"))
                    return 0
                    ;;
                --max-width)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell jsonl" -- "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -W "table json yaml value csv shell jsonl" -- "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nova__images__subcmd__wait)
            opts="-v -q -h --status --max-wait --interval --match --property --newer-than --older-than --newest --oldest --verbose --quiet --debug --timing --retries --no-token-cache --os-cloud --os-auth-type --os-auth-url --os-username --os-user-id --os-password --os-project-name --os-project-id --os-user-domain-name --os-user-domain-id --os-project-domain-name --os-project-domain-id --os-domain-name --os-domain-id --os-default-domain --os-token --os-application-credential-id --os-application-credential-name --os-application-credential-secret --os-region-name --os-interface --os-endpoint --os-compute-api-version --api --os-cacert --os-cert --os-key --insecure --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --status)
                    COMPREPLY=($(compgen -W "ACTIVE SAVING DELETED ERROR UNKNOWN" -- "${cur}"))
                    return 0
                    ;;
                --max-wait)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --match)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --property)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --newer-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cloud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-auth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-user-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-project-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-domain-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-default-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-application-credential-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-region-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-interface)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-compute-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api)
                    COMPREPLY=($(compgen -W "auto nova glance" -- "${cur}"))
                    return 0
                    ;;
                --os-cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --os-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _nova__images -o nosort -o bashdefault -o default nova-images
else
    complete -F _nova__images -o bashdefault -o default nova-images
fi
