#!/usr/bin/env bash
# Benchmark (not a test): `compose-guard backup` and `restore` of a volume against the post-mortem's method,
# `docker run … tar czf` / `tar xzf`, on the same data in the same run, printed as ratios (the machine is shared
# and noisy: compare ratios of one run, never seconds across runs). docs/BACKUP.md and PERFORMANCE.md record them.
#   bench/backup-1gib.sh [SIZE_MIB]      (default 512; half random bytes, half repetitive text, 4 MiB files)
#   TAR_IMAGE=compose-guard-test/postgres:15 bench/backup-1gib.sh   also times the GNU tar reader (exact archives)
# Needs: a Docker Engine, the test images (src/test/docker/build-images.sh), a JDK and Maven (offline).
# COMPOSE_GUARD_TIMINGS=1 adds the guard's phase timings of each run to the output.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-512}
project=cgbench$$
vol=${project}_data
work=$(mktemp -d)
cleanup() {
  docker volume rm -f "$vol" "${project}_r1" "${project}_r2" "${project}_r3" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The guard as users run it: installed by install.sh (which builds when the jar is older than the sources) with its
# launcher, JVM flags and class-data archive. COMPOSE_GUARD_BIN=PATH times another installed launcher instead.
if [ -n "${COMPOSE_GUARD_BIN:-}" ]; then
  bin=$COMPOSE_GUARD_BIN
else
  ./install.sh --prefix "$work/prefix" >/dev/null 2>"$work/install.err" || { cat "$work/install.err" >&2; exit 1; }
  bin=$work/prefix/bin/compose-guard
fi

docker volume create --label com.docker.compose.project=$project --label com.docker.compose.volume=data "$vol" >/dev/null
half=$((mib / 2))
docker run --rm --network none -v "$vol":/v compose-guard-test/busybox:1 sh -c "
  mkdir -p /v/random /v/text
  i=0; while [ \$i -lt $((half / 4)) ]; do head -c 4194304 /dev/urandom > /v/random/r\$i; i=\$((i+1)); done
  i=0; while [ \$i -lt $((half / 4)) ]; do yes \"row \$i: the quick brown fox jumps over the lazy dog 0123456789\" | head -c 4194304 > /v/text/t\$i; i=\$((i+1)); done"
sync
echo "volume $vol: $(docker run --rm -v "$vol":/v:ro compose-guard-test/busybox:1 du -sm /v | cut -f1) MiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
guard() { # guard ENV... -- ARGS...: runs the guard, prints seconds; its peak RSS (KiB) goes to $work/rss.kib
  local envs=() ; while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  local s e; s=$(now)
  (cd "$work" && env COMPOSE_GUARD_BACKUP_DIR="$work/store" "${envs[@]}" /usr/bin/time -f '%M' -o "$work/rss.kib" \
    "$bin" "$@" 2>>"$work/guard.err" >"$work/out")
  e=$(now); echo "$e - $s" | bc
}
mkdir -p "$work/store" "$work/tar"

# 1. the post-mortem's method
s=$(now)
docker run --rm --network none -v "$vol":/v:ro -v "$work/tar":/out compose-guard-test/busybox:1 \
  tar czf /out/backup.tar.gz -C /v .
t_czf=$(echo "$(now) - $s" | bc)
docker volume create "${project}_r1" >/dev/null
s=$(now)
docker run --rm --network none -v "${project}_r1":/v -v "$work/tar":/in:ro compose-guard-test/busybox:1 \
  tar xzf /in/backup.tar.gz -C /v
t_xzf=$(echo "$(now) - $s" | bc)

# 2. compose-guard, default (zstd, engine stream) and gzip for comparison, then GNU tar when asked
t_b=$(guard x=1 -- backup -p $project --no-dumps)
rss=$(( $(tail -1 "$work/rss.kib") / 1024 ))
id=$(basename "$(cat "$work/out")")
zsize=$(du -sb "$work/store/$id/volumes" | cut -f1)
t_r=$(guard x=1 -- restore "$id" --volume "$vol" --to "${project}_r2")
t_bg=$(guard COMPOSE_GUARD_COMPRESSION=gzip -- backup -p $project --no-dumps)
if [ -n "${TAR_IMAGE:-}" ]; then
  t_bt=$(guard COMPOSE_GUARD_TAR_IMAGE="$TAR_IMAGE" -- backup -p $project --no-dumps)
  idt=$(basename "$(cat "$work/out")")
  t_rt=$(guard COMPOSE_GUARD_TAR_IMAGE="$TAR_IMAGE" -- restore "$idt" --volume "$vol" --to "${project}_r3")
fi
tsize=$(stat -c %s "$work/tar/backup.tar.gz")

printf '%-72s %7.1f s  %4d MiB\n' "docker run … tar czf (busybox gzip -6; no fsync, checksum or verification)" "$t_czf" $((tsize / 1048576))
printf '%-72s %7.1f s\n' "docker run … tar xzf" "$t_xzf"
printf '%-72s %7.1f s  %4d MiB  peak RSS %d MiB\n' "compose-guard backup (zstd -1 x2, engine stream, fsync, SHA-256, verify, recount)" "$t_b" $((zsize / 1048576)) "$rss"
printf '%-72s %7.1f s\n' "compose-guard restore --to (one pass: verify + check entries while extracting, recount)" "$t_r"
printf '%-72s %7.1f s\n' "compose-guard backup with COMPOSE_GUARD_COMPRESSION=gzip (level 1)" "$t_bg"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'RATIOS: backup / tar czf = %.2f (target <= 0.5)   restore / tar xzf = %.2f (target <= 1.5)   gzip backup / tar czf = %.2f\n' \
  "$(echo "$t_b / $t_czf" | bc -l)" "$(echo "$t_r / $t_xzf" | bc -l)" "$(echo "$t_bg / $t_czf" | bc -l)"
if [ -n "${TAR_IMAGE:-}" ]; then
  printf 'GNU tar reader (%s): backup %.1f s = %.2f x tar czf; restore %.1f s = %.2f x tar xzf\n' "$TAR_IMAGE" \
    "$t_bt" "$(echo "$t_bt / $t_czf" | bc -l)" "$t_rt" "$(echo "$t_rt / $t_xzf" | bc -l)"
fi
grep -v '^compose-guard: warning: no configuration file' "$work/guard.err" | sed 's/^/  /' | head -20 || true
