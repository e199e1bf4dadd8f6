#!/usr/bin/env bash
# README's quick start, literally, on a fresh Debian 12: a minimal root filesystem with only git and CA certificates
# (mmdebstrap, then `docker import`), the checkout cloned in, and the README's install line run as root in it.
# It must install a JDK and Maven from Debian's packages, build, install and run the guard in a compose project.
#   fresh-machine.sh REPO_DIR      exit 0 when the README line worked; its output is shown either way
# The image is cached (cgit-fresh/bookworm-minimal:1); each run starts a new container from it.
set -euo pipefail
repo=$(cd "${1:?usage: fresh-machine.sh REPO_DIR}" && pwd -P)
image=cgit-fresh/bookworm-minimal:1

uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
uri=${uri:-http://deb.debian.org/debian}
if ! docker image inspect "$image" >/dev/null 2>&1; then
  mmdebstrap --quiet --variant=minbase --include=git,ca-certificates bookworm - "$uri" | docker import - "$image" >/dev/null
fi

# The install line is the first line of the code block after the marker in README.md.
line=$(awk '/<!-- quickstart:install -->/ { m = 1; next } m && /^```/ { if (in_block) exit; in_block = 1; next }
            m && in_block { print; exit }' "$repo/README.md")
[ -n "$line" ] || { echo "fresh-machine.sh: no install line after <!-- quickstart:install --> in README.md" >&2; exit 2; }
echo "README's install line: $line"

# This workplace reaches package registries through an intercepting proxy: its CA goes into the container's trust
# store before anything else (a test's concern only; on a real server the distribution's CA bundle is enough).
name=cgit-fresh-$$
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
docker run --name "$name" --rm -i \
  -v "$repo/.git:/origin.git:ro" \
  -v /usr/local/share/ca-certificates:/host-ca:ro \
  -e LINE="$line" "$image" bash -euo pipefail -c '
    cp /host-ca/*.crt /usr/local/share/ca-certificates/ 2>/dev/null && update-ca-certificates >/dev/null 2>&1 || true
    git config --global --add safe.directory "*"
    git clone -q /origin.git /root/compose-guard
    mkdir -p /srv/myapp
    printf "services:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n" > /srv/myapp/compose.yaml
    cd /root/compose-guard
    echo "+ $LINE"
    eval "$LINE"
    echo "fresh-machine: the README line exited 0"
    command -v compose-guard
    java -version 2>&1 | head -1
    mvn -v 2>/dev/null | head -1'
