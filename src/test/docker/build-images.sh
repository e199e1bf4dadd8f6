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
