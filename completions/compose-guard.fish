# fish completion for compose-guard (installed by install.sh into .../fish/vendor_completions.d/).
# With docker-compose aliased to the guard: `complete -c docker-compose -w compose-guard` in config.fish.
#
# The guard's commands and their options (read once per shell from `compose-guard CMD --help`), compose's commands,
# global flags and common subcommand options, and service names from
# `compose-guard [typed -f/-p/--project-directory/--env-file/--profile] config --services` (a safe call that the guard
# hands straight to the real compose), cached for 30 s.

set -g __compose_guard_guard_cmds lint explain backup backups restore doctor schedule
set -g __compose_guard_compose_cmds attach build commit config cp create down events exec export images kill logs \
    ls pause port ps publish pull push restart rm run scale start stats stop top unpause up version wait watch

# Prints the subcommand (first word that is neither a flag nor a flag's value), or nothing.
function __compose_guard_sub
    set -l words (commandline -opc)
    set -e words[1]
    set -l skip 0
    for w in $words
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $w
            case -f --file -p --project-name --project-directory --env-file --profile --ansi --progress --parallel
                set skip 1
            case '-*'
            case '*'
                echo $w
                return 0
        end
    end
    return 1
end

function __compose_guard_no_sub
    not __compose_guard_sub >/dev/null
end

function __compose_guard_using
    set -l sub (__compose_guard_sub)
    and contains -- $sub $argv
end

# Number of positional words typed after the subcommand.
function __compose_guard_npos
    set -l words (commandline -opc)
    set -l sub (__compose_guard_sub)
    set -l seen 0
    set -l n 0
    for w in $words[2..-1]
        if test $seen -eq 0
            test "$w" = "$sub"; and set seen 1
            continue
        end
        string match -q -- '-*' $w; or set n (math $n + 1)
    end
    echo $n
end

function __compose_guard_services
    set -l words (commandline -opc)
    set -l flags
    set -l take 0
    for w in $words[2..-1]
        if test $take -eq 1
            set -a flags $w
            set take 0
            continue
        end
        switch $w
            case -f --file -p --project-name --project-directory --env-file --profile
                set -a flags $w
                set take 1
            case '--file=*' '--project-name=*' '--project-directory=*' '--env-file=*' '--profile=*'
                set -a flags $w
            case '-*'
            case '*'
                break
        end
    end
    set -l key "$PWD|$flags"
    if test "$key" != "$__compose_guard_services_key"; or test (math (date +%s) - $__compose_guard_services_at) -gt 30
        set -g __compose_guard_services_list ($words[1] $flags config --services 2>/dev/null </dev/null)
        set -g __compose_guard_services_key $key
        set -g __compose_guard_services_at (date +%s)
    end
    printf '%s\n' $__compose_guard_services_list
end
set -q __compose_guard_services_at; or set -g __compose_guard_services_at 0

# Options of a guard command, from its --help (picocli usage), once per shell.
function __compose_guard_guard_opts
    set -l sub (__compose_guard_sub)
    set -l var __compose_guard_opts_$sub
    if not set -q $var
        set -g $var (compose-guard $sub --help 2>/dev/null </dev/null | string match -ar -- '(?:^|[\s,[])(--?[A-Za-z][-A-Za-z0-9]*)' | string match -r -- '^--?[A-Za-z].*' | sort -u)
    end
    printf '%s\n' $$var
end

complete -c compose-guard -f

# Commands
complete -c compose-guard -n __compose_guard_no_sub -a lint -d 'Check the project for mistakes'
complete -c compose-guard -n __compose_guard_no_sub -a explain -d 'Show what a compose command would do'
complete -c compose-guard -n __compose_guard_no_sub -a backup -d 'Back up the project volumes'
complete -c compose-guard -n __compose_guard_no_sub -a backups -d 'List, check and prune backups'
complete -c compose-guard -n __compose_guard_no_sub -a schedule -d 'Scheduled backups of the project'
complete -c compose-guard -n __compose_guard_no_sub -a restore -d 'Restore volumes from a backup'
complete -c compose-guard -n __compose_guard_no_sub -a doctor -d 'Check installation, compose, engine, project'
complete -c compose-guard -n __compose_guard_no_sub -a "$__compose_guard_compose_cmds" -d 'compose command'

# Global flags (before the command)
complete -c compose-guard -n __compose_guard_no_sub -s f -l file -r -F -d 'Compose file'
complete -c compose-guard -n __compose_guard_no_sub -s p -l project-name -x -d 'Project name'
complete -c compose-guard -n __compose_guard_no_sub -l project-directory -x -a '(__fish_complete_directories)' -d 'Project directory'
complete -c compose-guard -n __compose_guard_no_sub -l env-file -r -F -d 'Environment file'
complete -c compose-guard -n __compose_guard_no_sub -l profile -x -d 'Profile to enable'
complete -c compose-guard -n __compose_guard_no_sub -l ansi -x -a 'never always auto' -d 'When to use colours'
complete -c compose-guard -n __compose_guard_no_sub -l progress -x -a 'auto tty plain json quiet' -d 'Progress output'
complete -c compose-guard -n __compose_guard_no_sub -l parallel -x -d 'Maximum parallelism'
complete -c compose-guard -n __compose_guard_no_sub -l dry-run -d 'Dry-run mode'
complete -c compose-guard -n __compose_guard_no_sub -l all-resources -d 'Include all resources'
complete -c compose-guard -n __compose_guard_no_sub -l compatibility -d 'Compatibility mode'
complete -c compose-guard -n __compose_guard_no_sub -l guard-help -d 'compose-guard help'
complete -c compose-guard -n __compose_guard_no_sub -l guard-version -d 'compose-guard version'
complete -c compose-guard -n __compose_guard_no_sub -s h -l help -d 'compose help'
complete -c compose-guard -n __compose_guard_no_sub -s v -l version -d 'compose version'

# The guard's own commands: options from their --help; explain takes a compose command
complete -c compose-guard -n "__compose_guard_using $__compose_guard_guard_cmds; and string match -q -- '-*' (commandline -ct)" -a '(__compose_guard_guard_opts)'
complete -c compose-guard -n '__compose_guard_using lint' -l format -x -a 'text json sarif github'
complete -c compose-guard -n '__compose_guard_using explain doctor backups' -l format -x -a 'text json'
complete -c compose-guard -n '__compose_guard_using lint' -l fail-on -x -a 'error warning info never'
complete -c compose-guard -n '__compose_guard_using backups; and test (__compose_guard_npos) -eq 0' -a 'list verify push prune check'
complete -c compose-guard -n '__compose_guard_using schedule; and test (__compose_guard_npos) -eq 0' -a 'install status remove'
complete -c compose-guard -n '__compose_guard_using lint' -F

# Compose subcommand options (compose v2; v1 accepts a subset)
complete -c compose-guard -n '__compose_guard_using up' -s d -l detach -d 'Run in the background'
complete -c compose-guard -n '__compose_guard_using up create' -l build -d 'Build images first'
complete -c compose-guard -n '__compose_guard_using up create' -l force-recreate -d 'Recreate containers'
complete -c compose-guard -n '__compose_guard_using up create' -l no-recreate -d 'Keep existing containers'
complete -c compose-guard -n '__compose_guard_using up down create kill' -l remove-orphans -d 'Remove orphan containers'
complete -c compose-guard -n '__compose_guard_using up create pull' -l pull -x -a 'always missing never' -d 'Pull policy'
complete -c compose-guard -n '__compose_guard_using up' -l wait -d 'Wait for services to be healthy'
complete -c compose-guard -n '__compose_guard_using up' -s V -l renew-anon-volumes -d 'Recreate anonymous volumes'
complete -c compose-guard -n '__compose_guard_using down rm' -s v -l volumes -d 'Remove volumes'
complete -c compose-guard -n '__compose_guard_using down' -l rmi -x -a 'all local' -d 'Remove images'
complete -c compose-guard -n '__compose_guard_using up down stop restart' -s t -l timeout -x -d 'Timeout in seconds'
complete -c compose-guard -n '__compose_guard_using ps ls' -s a -l all -d 'All, also stopped'
complete -c compose-guard -n '__compose_guard_using ps images ls config pull push' -s q -l quiet -d 'Quiet'
complete -c compose-guard -n '__compose_guard_using ps' -l services -d 'Service names only'
complete -c compose-guard -n '__compose_guard_using logs' -s f -l follow -d 'Follow output'
complete -c compose-guard -n '__compose_guard_using logs' -l tail -x -d 'Lines from the end'
complete -c compose-guard -n '__compose_guard_using logs' -s t -l timestamps -d 'Show timestamps'
complete -c compose-guard -n '__compose_guard_using exec run' -s T -l no-TTY -d 'No pseudo-terminal'
complete -c compose-guard -n '__compose_guard_using exec run' -s e -l env -x -d 'Set an environment variable'
complete -c compose-guard -n '__compose_guard_using exec run' -s u -l user -x -d 'Run as this user'
complete -c compose-guard -n '__compose_guard_using exec run' -s w -l workdir -x -d 'Working directory'
complete -c compose-guard -n '__compose_guard_using run' -l rm -d 'Remove the container afterwards'
complete -c compose-guard -n '__compose_guard_using rm' -s f -l force -d 'Do not ask'
complete -c compose-guard -n '__compose_guard_using rm' -s s -l stop -d 'Stop first'
complete -c compose-guard -n '__compose_guard_using config' -l services -d 'Service names'
complete -c compose-guard -n '__compose_guard_using config' -l volumes -d 'Volume names'
complete -c compose-guard -n '__compose_guard_using config' -l profiles -d 'Profile names'
complete -c compose-guard -n '__compose_guard_using build' -l no-cache -d 'Do not use the cache'

# Service names
complete -c compose-guard -n 'not string match -q -- "-*" (commandline -ct); and __compose_guard_using build create down events images kill logs pause ps pull push restart rm scale start stats stop top unpause up watch' -a '(__compose_guard_services)' -d service
complete -c compose-guard -n 'not string match -q -- "-*" (commandline -ct); and __compose_guard_using exec run cp port attach commit export; and test (__compose_guard_npos) -eq 0' -a '(__compose_guard_services)' -d service
