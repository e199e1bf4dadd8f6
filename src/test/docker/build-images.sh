#!/usr/bin/env bash
# Builds the local images the integration tests use. No registry is reachable, so every image is a
# `docker import` of a root filesystem made on this machine. Idempotent: existing images are kept.
#   compose-guard-test/busybox:1   busybox-static with its applet links (sh, tar, sleep, cat …)
set -euo pipefail

have() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have compose-guard-test/busybox:1; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/bin" "$root/tmp" "$root/data" "$root/etc"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
  tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - compose-guard-test/busybox:1 >/dev/null
  echo "built compose-guard-test/busybox:1"
fi

# Real database servers for the logical-dump tests (backup issue): Debian packages in a root filesystem made by
# mmdebstrap from the local apt configuration, then `docker import`. No entrypoint: tests start the server with an
# explicit command. Cached: an image that exists is kept. Set CG_DB_IMAGES=0 to skip (each takes 30-90 s).
#   compose-guard-test/postgres:15   postgresql-15 (binaries in /usr/lib/postgresql/15/bin)
#   compose-guard-test/mariadb:1     mariadb-server
#   compose-guard-test/redis:1       redis-server
build_db() {
  local image=$1 pkgs=$2 root
  have "$image" && return 0
  command -v mmdebstrap >/dev/null || { echo "mmdebstrap missing: $image not built" >&2; return 0; }
  root=$(mktemp -d)
  if mmdebstrap --quiet --variant=apt --include="$pkgs" bookworm "$root/r.tar" >/dev/null 2>"$root/log"; then
    docker import -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'CMD ["sh"]' "$root/r.tar" "$image" >/dev/null
    echo "built $image"
  else
    echo "mmdebstrap failed for $image (see below); the dump tests that need it will fail" >&2
    tail -5 "$root/log" >&2
  fi
  rm -rf "$root"
}
if [ "${CG_DB_IMAGES:-1}" != 0 ]; then
  build_db compose-guard-test/postgres:15 postgresql-15
  build_db compose-guard-test/mariadb:1 mariadb-server
  build_db compose-guard-test/redis:1 redis-server
fi

# Exact-restore tests (archive issue): Debian's GNU tar and the tools that set and list what tar must keep
# (setfattr/getfattr, setfacl, setcap) plus zstd for the manual restore of docs/DISASTER-RECOVERY.md.
#   compose-guard-test/tools:1       attr acl libcap2-bin zstd (GNU tar is in every Debian root)
build_tools() {
  local image=compose-guard-test/tools:1 root
  have "$image" && return 0
  command -v mmdebstrap >/dev/null || { echo "mmdebstrap missing: $image not built" >&2; return 0; }
  root=$(mktemp -d)
  if mmdebstrap --quiet --variant=apt --include=attr,acl,libcap2-bin,zstd bookworm "$root/r.tar" >/dev/null 2>"$root/log"; then
    docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["sh"]' \
      "$root/r.tar" "$image" >/dev/null
    echo "built $image"
  else
    echo "mmdebstrap failed for $image; the exact-restore tests will be skipped" >&2
    tail -5 "$root/log" >&2
  fi
  rm -rf "$root"
}
if [ "${CG_DB_IMAGES:-1}" != 0 ]; then
  build_tools
fi
