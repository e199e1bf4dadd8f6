# bash completion for compose-guard                                    -*- shell-script -*-
#
# Installed by install.sh as .../bash-completion/completions/compose-guard. When docker-compose is the guard's
# alias and you want the guard's own commands completed there too, add to ~/.bashrc:
#     complete -F _compose_guard docker-compose
#
# Completes the guard's commands and options, compose's commands, global flags and the options of common
# subcommands, and service names of the current project. Service names come from
# `compose-guard [the -f/-p/--project-directory/--env-file/--profile you typed] config --services`: a safe call the
# guard hands straight to the real compose; they are cached for 30 s per directory and flags. The options of
# the guard's own commands are read once per shell from `compose-guard CMD --help`.

_compose_guard_guard_cmds="lint explain backup backups restore doctor schedule"
_compose_guard_compose_cmds="attach build commit config cp create down events exec export images kill logs ls pause port ps publish pull push restart rm run scale start stats stop top unpause up version wait watch"
_compose_guard_globals="-f --file -p --project-name --project-directory --env-file --profile --ansi --progress --parallel --dry-run --all-resources --compatibility -h --help -v --version --guard-help --guard-version"

# Options of compose subcommands (compose v2; v1 accepts a subset).
_compose_guard_compose_opts() {
  case "$1" in
    up) echo "-d --detach --build --no-build --no-deps --force-recreate --no-recreate --remove-orphans --pull --quiet-pull --wait --wait-timeout --abort-on-container-exit --abort-on-container-failure --exit-code-from --scale -t --timeout --no-start --no-color --no-log-prefix --attach --no-attach --attach-dependencies --always-recreate-deps -V --renew-anon-volumes --watch -y --yes --menu --timestamps" ;;
    down) echo "-v --volumes --rmi --remove-orphans -t --timeout" ;;
    ps) echo "-a --all -q --quiet --services --status --filter --format --no-trunc --orphans" ;;
    logs) echo "-f --follow --tail -t --timestamps --since --until --no-color --no-log-prefix --index" ;;
    exec) echo "-d --detach -e --env -T --no-TTY -u --user -w --workdir --index --privileged" ;;
    run) echo "-d --detach --rm -e --env -T --no-TTY -u --user -w --workdir --entrypoint --name -p --publish -v --volume -l --label --no-deps --service-ports --use-aliases --build --pull -i --interactive --cap-add --cap-drop --quiet-pull --remove-orphans" ;;
    build) echo "--no-cache --pull --push -q --quiet --build-arg --ssh --memory -m --with-dependencies --builder --check --print" ;;
    pull) echo "-q --quiet --ignore-buildable --ignore-pull-failures --include-deps --policy" ;;
    push) echo "-q --quiet --ignore-push-failures --include-deps" ;;
    config) echo "-q --quiet --services --volumes --profiles --images --hash --format -o --output --resolve-image-digests --no-interpolate --no-normalize --no-path-resolution --no-consistency --environment --variables --networks --models" ;;
    restart|stop) echo "-t --timeout --no-deps" ;;
    rm) echo "-f --force -s --stop -v --volumes" ;;
    create) echo "--build --no-build --force-recreate --no-recreate --pull --quiet-pull --remove-orphans --scale -y --yes" ;;
    kill) echo "-s --signal --remove-orphans" ;;
    images) echo "-q --quiet --format" ;;
    ls) echo "-a --all -q --quiet --filter --format" ;;
    port) echo "--index --protocol" ;;
    events) echo "--json --since --until" ;;
    cp) echo "-a --archive -L --follow-link --index" ;;
    stats) echo "-a --all --format --no-stream --no-trunc" ;;
    wait) echo "--down-project" ;;
    watch) echo "--no-up --prune --quiet" ;;
    version) echo "-f --format --short" ;;
    *) ;;
  esac
  echo "-h --help"
}

declare -gA _compose_guard_opt_cache 2>/dev/null || true

# Options of a guard command, from its --help (picocli usage), once per shell; sets _compose_guard_reply.
_compose_guard_guard_opts() {
  local cmd=$1 sub=$2
  if [ -z "${_compose_guard_opt_cache[$sub]+x}" ]; then
    _compose_guard_opt_cache[$sub]=$("$cmd" "$sub" --help 2>/dev/null </dev/null |
      grep -oE '(^|[[:space:],[])--?[A-Za-z][-A-Za-z0-9]*' | tr -d ' ,[\t' | sort -u | tr '\n' ' ')
  fi
  _compose_guard_reply=${_compose_guard_opt_cache[$sub]}
}

# Service names of the project the typed flags select; cached 30 s; sets _compose_guard_reply.
_compose_guard_services_key= _compose_guard_services_at=0 _compose_guard_services_list=
_compose_guard_services() { # cmd [global flags…]
  local cmd=$1; shift
  local key="$PWD|$*"
  if [ "$key" != "$_compose_guard_services_key" ] || [ $((SECONDS - _compose_guard_services_at)) -gt 30 ]; then
    _compose_guard_services_list=$("$cmd" "$@" config --services 2>/dev/null </dev/null | tr '\n' ' ')
    _compose_guard_services_key=$key _compose_guard_services_at=$SECONDS
  fi
  _compose_guard_reply=$_compose_guard_services_list
}

_compose_guard() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local cmd=${COMP_WORDS[0]} i w sub= subidx=0
  local -a globals=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case "$w" in
      -f|--file|-p|--project-name|--project-directory|--env-file|--profile)
        globals+=("$w" "${COMP_WORDS[i+1]}"); ((i++)) ;;
      --ansi|--progress|--parallel|-c|--context|-H|--host|--log-level) ((i++)) ;;
      --file=*|--project-name=*|--project-directory=*|--env-file=*|--profile=*) globals+=("$w") ;;
      -*) ;;
      *) sub=$w; subidx=$i; break ;;
    esac
  done

  case "$prev" in
    -f|--file|--env-file|-o|--output) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    --project-directory|-w|--workdir) COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    --ansi) COMPREPLY=($(compgen -W "never always auto" -- "$cur")); return ;;
    --progress) COMPREPLY=($(compgen -W "auto tty plain json quiet" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json sarif github table" -- "$cur")); return ;;
    --volume) return ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning info never" -- "$cur")); return ;;
    --pull|--policy) COMPREPLY=($(compgen -W "always missing never build" -- "$cur")); return ;;
    --rmi) COMPREPLY=($(compgen -W "all local" -- "$cur")); return ;;
    -p|--project-name|--profile|--parallel|-t|--timeout|--tail|--since|--until|-e|--env|-u|--user|--scale|--name|--max-age|--keep-*|--to)
      return ;;
  esac

  if [ -z "$sub" ]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$_compose_guard_globals" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$_compose_guard_guard_cmds $_compose_guard_compose_cmds" -- "$cur"))
    fi
    return
  fi

  local guard=0
  case " $_compose_guard_guard_cmds " in *" $sub "*) guard=1 ;; esac
  if [[ $cur == -* ]]; then
    if [ "$guard" = 1 ]; then
      _compose_guard_guard_opts "$cmd" "$sub"
      COMPREPLY=($(compgen -W "$_compose_guard_reply" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(_compose_guard_compose_opts "$sub")" -- "$cur"))
    fi
    return
  fi

  # Positional words after the subcommand.
  local npos=0
  for ((i = subidx + 1; i < COMP_CWORD; i++)); do
    [[ ${COMP_WORDS[i]} == -* ]] || ((npos++))
  done
  case "$sub" in
    backups)
      [ "$npos" -eq 0 ] && COMPREPLY=($(compgen -W "list verify push prune check" -- "$cur")) ;;
    schedule)
      [ "$npos" -eq 0 ] && COMPREPLY=($(compgen -W "install status remove" -- "$cur")) ;;
    lint|explain|doctor|backup|restore|ls|version|config|events|wait) ;;
    exec|run|cp|port|attach|commit|export)
      # the service, then the container's own command or paths
      if [ "$npos" -eq 0 ]; then
        _compose_guard_services "$cmd" ${globals[@]+"${globals[@]}"}
        COMPREPLY=($(compgen -W "$_compose_guard_reply" -- "$cur"))
      fi ;;
    *)
      _compose_guard_services "$cmd" ${globals[@]+"${globals[@]}"}
      COMPREPLY=($(compgen -W "$_compose_guard_reply" -- "$cur")) ;;
  esac
}

complete -F _compose_guard compose-guard
