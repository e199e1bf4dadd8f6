#!/usr/bin/env bash
# Installs compose-guard from this checkout (building it first if needed).
#
#   ./install.sh [--prefix DIR] [--alias] [--deps]  install or upgrade in place (default DIR: ~/.local, /usr/local as root)
#   ./install.sh [--prefix DIR] --uninstall         remove exactly what an earlier install put there
#
# What it needs to build and run (a Java 17+ JDK and Maven) comes from the distribution's packages: as root on
# Debian/Ubuntu it installs what is missing with apt-get (saying what); as another user it stops with the exact
# command, or runs it through sudo with --deps. Where a suitable JDK and Maven exist, nothing is installed.
#
# Layout: DIR/bin/compose-guard (the launcher), DIR/lib/compose-guard/{compose-guard.jar,lib/*.jar},
# completions and man pages under DIR/share when the checkout has them, and the list of every installed file in
# DIR/lib/compose-guard/installed-files (what --uninstall removes, and nothing else).
# --alias also installs two small shims (marked compose-guard-shim, so the guard never mistakes them for the
# real compose): DIR/bin/docker-compose and the docker CLI plugin ${DOCKER_CONFIG:-~/.docker}/cli-plugins/docker-compose,
# so that both `docker-compose` and `docker compose` go through the guard. Once installed, aliases are kept by
# later upgrades until --uninstall.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi   # started as `sh install.sh`
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# MARKER, is_guard_file and the shims' text, shared with `compose-guard --guard-alias`.
CG_ALIAS_LIB=1 . "$repo/bin/compose-guard-alias"

die() { echo "install.sh: $*" >&2; exit 1; }
note() { echo "install.sh: $*" >&2; }

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

prefix=
want_alias=0
uninstall=0
with_sudo=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --alias) want_alias=1; shift ;;
    --uninstall) uninstall=1; shift ;;
    --deps) with_sudo=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

if [ -z "$prefix" ]; then
  if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix=${HOME:?HOME is not set}/.local; fi
fi
case "$prefix" in
  *$'\n'*) die "the prefix must not contain a newline" ;;
  /*) ;;
  *) prefix=$PWD/$prefix ;;
esac
prefix=${prefix%/}
[ -n "$prefix" ] || prefix=/

bindir=$prefix/bin
libdir=$prefix/lib/compose-guard
sharedir=$prefix/share
manifest=$libdir/installed-files
plugin_dir=${DOCKER_CONFIG:-${HOME:?HOME is not set}/.docker}/cli-plugins

# ---------------------------------------------------------------------------------------------- uninstall
if [ "$uninstall" = 1 ]; then
  if [ ! -f "$manifest" ]; then
    note "nothing to uninstall: no $manifest"
    exit 0
  fi
  dirs=()
  while IFS= read -r line; do
    kind=${line%% *}; path=${line#* }
    case "$kind" in
      f)
        case "$path" in
          */docker-compose)
            # A shim: remove it only while it is still ours (the user may have put a real compose there since).
            if is_guard_file "$path"; then rm -f -- "$path"; elif [ -e "$path" ]; then note "kept $path: it is no longer compose-guard's shim"; fi ;;
          *) rm -f -- "$path" ;;
        esac ;;
      d) dirs+=("$path") ;;
    esac
  done < "$manifest"
  rm -f -- "$manifest"
  # Directories this installer created, deepest first, only when empty.
  if [ ${#dirs[@]} -gt 0 ]; then
    while IFS= read -r d; do
      rmdir -- "$d" 2>/dev/null || true
    done < <(printf '%s\n' "${dirs[@]}" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
  fi
  rmdir -- "$libdir" 2>/dev/null || true
  echo "compose-guard uninstalled from $prefix"
  exit 0
fi

# ---------------------------------------------------------------------------------------------- build
jar=$repo/target/compose-guard.jar
needs_build() {
  [ -f "$jar" ] && [ -d "$repo/target/lib" ] || return 0
  [ -d "$repo/src/main" ] || return 1
  [ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]
}
# ---------------------------------------------------------------------------------------------- what it needs
java_major() { # the feature version of the java (or javac) named by $1, empty when absent
  local v
  v=$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }') || return 0
  case "$v" in 1.*) v=${v#1.} ;; esac
  printf '%s' "${v%%[.+-]*}"
}
jdk_ok() { # a javac and a java of 17 or newer (JAVA_HOME first, as Maven and the launcher use it)
  local bin=
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then bin=$JAVA_HOME/bin; fi
  if [ -z "$bin" ]; then bin=$(dirname -- "$(command -v javac 2>/dev/null || echo /nonexistent/javac)"); fi
  [ -x "$bin/javac" ] && [ -x "$bin/java" ] || return 1
  local m; m=$(java_major "$bin/java"); [ -n "$m" ] && [ "$m" -ge 17 ]
}
jre_ok() {
  local j=
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then j=$JAVA_HOME/bin/java; else j=$(command -v java 2>/dev/null) || return 1; fi
  local m; m=$(java_major "$j"); [ -n "$m" ] && [ "$m" -ge 17 ]
}
jdk_package() { # the distribution's JDK package of 17 or newer: its default when that is new enough, else 17
  local dflt
  dflt=$(apt-cache depends default-jdk-headless 2>/dev/null | sed -n 's/.*Depends: openjdk-\([0-9]*\)-jdk-headless.*/\1/p' | head -1)
  if [ -n "$dflt" ] && [ "$dflt" -ge 17 ]; then echo default-jdk-headless; else echo openjdk-17-jdk-headless; fi
}
ensure_deps() { # $1: 1 when a build is needed (JDK + Maven), 0 when only a runtime is
  local pkgs=()
  if [ "$1" = 1 ]; then
    jdk_ok || pkgs+=(JDK)
    command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  else
    jre_ok || pkgs+=(JDK)
  fi
  [ ${#pkgs[@]} -gt 0 ] || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    local what="a Java 17+ JDK"
    [ "$1" = 1 ] && what="a Java 17+ JDK and Maven (mvn)"
    die "compose-guard needs $what to build and run, and this system has no apt-get to install them:" \
        "install them with your package manager, then re-run ./install.sh. Nothing was installed."
  fi
  local as_root=() i
  if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
  fi
  # The package list needs apt's index; read it before naming the JDK package.
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$')" ]; then
    if [ "$(id -u)" -eq 0 ] || [ "$with_sudo" = 1 ]; then
      note "reading the package index (apt-get update) …"
      "${as_root[@]}" apt-get update -qq || die "apt-get update failed; nothing was installed"
    fi
  fi
  for i in "${!pkgs[@]}"; do [ "${pkgs[$i]}" = JDK ] && pkgs[$i]=$(jdk_package); done
  local cmd="apt-get install -y --no-install-recommends ${pkgs[*]}"
  if [ "$(id -u)" -ne 0 ] && [ "$with_sudo" = 0 ]; then
    die "compose-guard needs ${pkgs[*]} to build and run. Install them with:" \
        "sudo $cmd   (or re-run ./install.sh --deps to do it through sudo). Nothing was installed."
  fi
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    die "--deps needs sudo, which is not installed; as root run: $cmd. Nothing was installed."
  fi
  note "installing ${pkgs[*]} from the distribution's packages (needed to build and run compose-guard) …"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 ||
    die "installing ${pkgs[*]} failed (see above); compose-guard was not installed"
}

if needs_build; then
  ensure_deps 1
  command -v mvn >/dev/null || die "target/compose-guard.jar is missing or older than the sources, and Maven (mvn) is not installed to build it"
  note "building compose-guard (mvn package) …"
  (cd "$repo" && mvn -B -q -Dstyle.color=never -DskipTests package) || die "the build failed (see above); nothing was installed"
  [ -f "$jar" ] || die "the build did not produce target/compose-guard.jar; nothing was installed"
else
  ensure_deps 0
fi

version=$(awk '/<artifactId>compose-guard<\/artifactId>/ { seen = 1 }
               seen && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$repo/pom.xml" 2>/dev/null || true)
[ -n "$version" ] || version=unknown

# ---------------------------------------------------------------------------------------------- checks first
# Keep aliases installed by an earlier run (an upgrade must not silently switch the guard off).
old_files=()
old_dirs=()
if [ -f "$manifest" ]; then
  while IFS= read -r line; do
    case "${line%% *}" in
      f) old_files+=("${line#* }") ;;
      d) old_dirs+=("${line#* }") ;;
    esac
  done < "$manifest"
fi
for f in ${old_files[@]+"${old_files[@]}"}; do
  case "$f" in
    */docker-compose)
      if [ "$want_alias" = 0 ]; then
        note "keeping the aliases installed earlier; remove them with --uninstall"
        want_alias=1
      fi ;;
  esac
done

if [ "$want_alias" = 1 ]; then
  for target in "$bindir/docker-compose" "$plugin_dir/docker-compose"; do
    if [ -e "$target" ] || [ -L "$target" ]; then
      if ! is_guard_file "$target"; then
        die "$target exists and is not compose-guard's: it will not be overwritten (it may be your real compose)." \
            "Move it to a directory the guard searches (e.g. /usr/local/lib/docker/cli-plugins for the plugin, or" \
            "another directory on PATH for docker-compose), or point COMPOSE_GUARD_REAL_COMPOSE at it, then re-run." \
            "Nothing was installed."
      fi
    fi
  done
fi

# ---------------------------------------------------------------------------------------------- install
new_files=()
new_dirs=(${old_dirs[@]+"${old_dirs[@]}"})

ensure_dir() { # mkdir -p, remembering every directory this installer creates
  local d=$1 missing=()
  while [ ! -d "$d" ]; do missing+=("$d"); d=$(dirname -- "$d"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  mkdir -p -- "$1"
  new_dirs+=("${missing[@]}")
}

put() { # put SRC DEST MODE: atomic replace (a running launcher keeps reading its old inode)
  local src=$1 dest=$2 mode=$3
  ensure_dir "$(dirname -- "$dest")"
  cp -- "$src" "$dest.cg-tmp.$$"
  chmod "$mode" "$dest.cg-tmp.$$"
  mv -f -- "$dest.cg-tmp.$$" "$dest"
  new_files+=("$dest")
}

put_text() { # put_text DEST MODE < text
  local tmp
  tmp=$(mktemp)
  cat > "$tmp"
  put "$tmp" "$1" "$2"
  rm -f -- "$tmp"
}

ensure_dir "$libdir"
put "$repo/bin/compose-guard" "$bindir/compose-guard" 0755
put "$repo/bin/compose-guard-alias" "$libdir/compose-guard-alias" 0755
put "$jar" "$libdir/compose-guard.jar" 0644
if [ -d "$repo/target/lib" ]; then
  for j in "$repo"/target/lib/*.jar; do
    [ -f "$j" ] && put "$j" "$libdir/lib/${j##*/}" 0644
  done
fi

# Completions and man pages, whatever the checkout has.
if [ -d "$repo/completions" ]; then
  for c in "$repo"/completions/*; do
    [ -f "$c" ] || continue
    name=${c##*/}
    case "$name" in
      *.bash) put "$c" "$sharedir/bash-completion/completions/${name%.bash}" 0644 ;;
      _*)     put "$c" "$sharedir/zsh/site-functions/$name" 0644 ;;
      *.zsh)  put "$c" "$sharedir/zsh/site-functions/_${name%.zsh}" 0644 ;;
      *.fish) put "$c" "$sharedir/fish/vendor_completions.d/$name" 0644 ;;
      *)      put "$c" "$sharedir/compose-guard/completions/$name" 0644 ;;
    esac
  done
fi
for m in "$repo"/man/*.[1-8] "$repo"/docs/man/*.[1-8]; do
  [ -f "$m" ] || continue
  put "$m" "$sharedir/man/man${m##*.}/${m##*/}" 0644
done

if [ "$want_alias" = 1 ]; then
  # The shims' text is compose-guard-alias's (the same as `compose-guard --guard-alias install` writes).
  # (not a pipe: put_text must run in this shell to record the files for --uninstall)
  put_text "$bindir/docker-compose" 0755 < <(shim_text compose "$bindir/compose-guard" "$version")
  put_text "$plugin_dir/docker-compose" 0755 < <(shim_text plugin "$bindir/compose-guard" "$version")
fi

# A class-data archive for the JDK the launcher runs with (a faster start); a JDK change just misses it.
ensure_dir "$libdir/cds"
if archive=$("$bindir/compose-guard" --guard-train); then new_files+=("$archive"); else note "note: compose-guard will start without a class-data archive (slower, otherwise the same)"; fi

# Files of an earlier install that this one no longer has (old jar versions …).
for f in ${old_files[@]+"${old_files[@]}"}; do
  keep=0
  for n in "${new_files[@]}"; do [ "$n" = "$f" ] && { keep=1; break; }; done
  if [ "$keep" = 0 ] && [ -e "$f" ]; then
    case "$f" in
      */docker-compose) is_guard_file "$f" && rm -f -- "$f" ;;
      *) rm -f -- "$f" ;;
    esac
  fi
done

{
  for f in "${new_files[@]}"; do printf 'f %s\n' "$f"; done
  printf '%s\n' ${new_dirs[@]+"${new_dirs[@]}"} | awk 'NF && !seen[$0]++ { print "d " $0 }'
} > "$manifest.tmp.$$"
mv -f -- "$manifest.tmp.$$" "$manifest"

echo "compose-guard $version installed in $prefix"

# ---------------------------------------------------------------------------------------------- notes
on_path() { case ":$PATH:" in *":$1:"*) return 0 ;; esac; return 1; }
if ! command -v java >/dev/null 2>&1 && { [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; }; then
  note "note: no Java runtime on PATH or in JAVA_HOME: compose-guard needs Java 17 or newer to run"
fi
if ! on_path "$bindir"; then
  note "note: $bindir is not on PATH; run $bindir/compose-guard, or add it: export PATH=\"$bindir:\$PATH\""
fi
if [ "$want_alias" = 1 ]; then
  first=
  IFS=: read -r -a path_dirs <<< "$PATH"
  for d in "${path_dirs[@]}"; do
    [ -n "$d" ] || continue
    if [ -x "$d/docker-compose" ] && [ ! -d "$d/docker-compose" ]; then first=$d/docker-compose; break; fi
  done
  if [ -z "$first" ] || [ ! "$first" -ef "$bindir/docker-compose" ]; then
    note "note: \`docker-compose\` does not go through the guard yet: ${first:-nothing} comes first on PATH." \
         "Put $bindir before it: export PATH=\"$bindir:\$PATH\" (e.g. in ~/.profile)."
  fi
  echo "aliases: $bindir/docker-compose and $plugin_dir/docker-compose now run compose-guard"
fi
