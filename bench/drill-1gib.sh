#!/usr/bin/env bash
# Benchmark (not a test): time to recover a ~1 GiB PostgreSQL 15 volume. Fills a real PostgreSQL (test image) with
# ~SIZE_MIB of rows, takes `compose-guard backup`, then `compose-guard backups drill` (restore into a scratch volume,
# start PostgreSQL on it, wait until it answers, count every table's rows). docs/DISASTER-RECOVERY.md records it.
#   bench/drill-1gib.sh [SIZE_MIB]      (default 1024)
# Needs: a Docker Engine, docker-compose, the test images (src/test/docker/build-images.sh), a JDK and Maven (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
project=cgbench-drill$$
work=$(mktemp -d)
cleanup() {
  (cd "$work" && docker-compose -p $project down -v >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT

: "${CG_CLASSES:=$PWD/target/classes}"; [ -n "${CG_CP:-}" ] || { mvn -B -o -q compile dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null; CG_CP=$(cat "$work/cp"); }
cp="$CG_CLASSES:$CG_CP"
guard() { (cd "$work" && COMPOSE_GUARD_BACKUP_DIR="$work/backups" java -XX:+UseSerialGC -cp "$cp" dev.composeguard.Main "$@"); }

cat > "$work/docker-compose.yml" <<'YAML'
services:
  db:
    image: compose-guard-test/postgres:15
    environment:
      PGHOST: /tmp
    command:
      - sh
      - -c
      - >-
        export D=/var/lib/postgresql/data; mkdir -p $$D && chown postgres:postgres $$D && chmod 700 $$D &&
        su postgres -s /bin/sh -c 'if [ ! -s $$D/PG_VERSION ]; then initdb -D $$D -U postgres --auth=trust >/dev/null; fi;
        exec postgres -D $$D -c listen_addresses=localhost -k /tmp'
    volumes:
      - pgdata:/var/lib/postgresql/data
volumes:
  pgdata: {}
YAML
(cd "$work" && docker-compose -p $project up -d >/dev/null 2>&1)
c=$(docker ps -q --filter label=com.docker.compose.project=$project)
until docker exec "$c" psql -U postgres -c 'select 1' >/dev/null 2>&1; do sleep 1; done
# ~1.1 KiB per row on disk (measured: 1872 rows per MiB gave 2117 MiB for 1024): rows = MiB * 905
docker exec "$c" psql -q -U postgres -c "create table big as select g as id, repeat(md5(g::text), 16) as v
  from generate_series(1, $((mib * 905))) g; checkpoint;" >/dev/null
echo "volume: $(docker exec "$c" du -sm /var/lib/postgresql/data | cut -f1) MiB"
guard backup -p $project 2>"$work/backup.err" >/dev/null || { cat "$work/backup.err"; exit 1; }
start=$(date +%s.%N)
guard backups drill -p $project 2>"$work/drill.err" | sed 's/^/  /'
end=$(date +%s.%N)
printf 'backups drill (restore + start + count), wall clock: %.1f s\n' "$(echo "$end - $start" | bc)"
