#!/usr/bin/env bash
# Benchmark (not a test): `compose-guard backup` of a 1 GiB volume against the post-mortem's method,
# `docker run … tar czf`, on the same data. Prints one line per method; docs/BACKUP.md records the numbers.
#   bench/backup-1gib.sh [SIZE_MIB]      (default 1024; half random bytes, half repetitive text)
# Needs: a Docker Engine, the test images (src/test/docker/build-images.sh), a JDK and Maven (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
project=cgbench$$
vol=${project}_data
work=$(mktemp -d)
cleanup() { docker volume rm -f "$vol" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

mvn -B -o -q compile dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp="$PWD/target/classes:$(cat "$work/cp")"

docker volume create --label com.docker.compose.project=$project --label com.docker.compose.volume=data "$vol" >/dev/null
half=$((mib / 2))
docker run --rm --network none -v "$vol":/v compose-guard-test/busybox:1 sh -c "
  mkdir -p /v/random /v/text
  i=0; while [ \$i -lt $((half / 4)) ]; do head -c 4194304 /dev/urandom > /v/random/r\$i; i=\$((i+1)); done
  i=0; while [ \$i -lt $((half / 4)) ]; do yes \"row \$i: the quick brown fox jumps over the lazy dog 0123456789\" | head -c 4194304 > /v/text/t\$i; i=\$((i+1)); done"
sync
echo "volume $vol: $(docker run --rm -v "$vol":/v:ro compose-guard-test/busybox:1 du -sm /v | cut -f1) MiB"

mkdir -p "$work/guard" "$work/tar" "$work/cwd"
start=$(date +%s.%N)
(cd "$work/cwd" && COMPOSE_GUARD_BACKUP_DIR="$work/guard" java -XX:+UseSerialGC -cp "$cp" dev.composeguard.Main \
  backup -p $project --no-dumps 2>"$work/guard.err" >/dev/null)
grep -E 'backed up' "$work/guard.err" | sed 's/^/  /' || true
end=$(date +%s.%N)
gsize=$(du -sb "$work/guard" | cut -f1)
printf 'compose-guard backup (stream + gzip + fsync + SHA-256 + verify + recount): %.1f s, %d MiB archive\n' \
  "$(echo "$end - $start" | bc)" $((gsize / 1048576))

start=$(date +%s.%N)
docker run --rm --network none -v "$vol":/v:ro -v "$work/tar":/out compose-guard-test/busybox:1 \
  tar czf /out/backup.tar.gz -C /v .
end=$(date +%s.%N)
tsize=$(stat -c %s "$work/tar/backup.tar.gz")
printf 'docker run ... tar czf (busybox, no fsync, no checksum, no verification):    %.1f s, %d MiB archive\n' \
  "$(echo "$end - $start" | bc)" $((tsize / 1048576))
