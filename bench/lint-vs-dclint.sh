#!/usr/bin/env bash
# lint of a generated 500-service compose file: compose-guard against dclint, interleaved (bench/interleave.py: every
# command once per round, so the load of this shared machine hits both alike) and counterbalanced (the order flips
# every round: a JVM right after dclint runs ~15 % slower than after another JVM, see interleave.py), with the ratio
# of the medians. BENCH_ORDER= (empty) keeps one order: the guard then always runs right after dclint.
#
#   bench/lint-vs-dclint.sh [ROUNDS]      (default 10; 2 warm-up rounds first)
#
# compose-guard runs as users run it: installed by install.sh into a temporary prefix (its launcher, JVM flags and
# class-data archive); COMPOSE_GUARD_BIN=PATH times another installed launcher instead. dclint is installed with npm
# into bench/out/dclint once. The compose for the guard is a stand-in that only answers `version`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
rounds=${1:-10}
out=$repo/bench/out
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$repo/bench/projects.sh"

if [ -n "${COMPOSE_GUARD_BIN:-}" ]; then
  bin=$COMPOSE_GUARD_BIN
else
  ./install.sh --prefix "$work/prefix" >/dev/null 2>"$work/install.err" || { cat "$work/install.err" >&2; exit 1; }
  bin=$work/prefix/bin/compose-guard
fi
dclint=$out/dclint/node_modules/.bin/dclint
if [ ! -x "$dclint" ]; then
  mkdir -p "$out/dclint"
  timeout 300 npm install --prefix "$out/dclint" --no-audit --no-fund --silent dclint >/dev/null
fi
gen_project "$work/p500" cgbench-p500 500
printf '#!/bin/sh\necho "Docker Compose version v2.40.3"\n' > "$work/docker-compose"
chmod +x "$work/docker-compose"

cd "$work/p500"
echo "lint, 500 services: compose-guard $("$bin" --guard-version | cut -d' ' -f2), dclint $("$dclint" --version | tail -1); $rounds rounds, order ${BENCH_ORDER-abba}; load $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH_ORDER=${BENCH_ORDER-abba} COMPOSE_GUARD_REAL_COMPOSE=$work/docker-compose XDG_CACHE_HOME=$work/cache \
  python3 "$repo/bench/interleave.py" "$rounds" "$bin lint" "$dclint compose.yaml" | tee "$work/result"
g=$(awk 'NR == 1 { print $3 }' "$work/result")
d=$(awk 'NR == 2 { print $3 }' "$work/result")
echo "dclint / compose-guard (wall medians): $(awk -v d="$d" -v g="$g" 'BEGIN { printf "%.2f", d / g }')x; load $(cut -d' ' -f1-3 /proc/loadavg)"
