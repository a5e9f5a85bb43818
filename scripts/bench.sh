#!/usr/bin/env bash
# bench.sh (make bench): speed is measured here, never by timed assertions in tests.
# Runs the Go benchmarks against the private PostGIS cluster, then starts a
# server on a spare loopback port and loads it with parkload (bounded in count
# and time, loopback only). Stops the server, and the cluster if it started it.
# The load runs as the owner (DATABASE_URL), the server as parkmap_reader and
# parkmap_writer, as in production (scripts/lib.sh).
# PARKMAP_BENCH_COUNTY=200000 adds the county-scale tile section at the end (minutes; see there),
# with a county's constraints layer too (PARKMAP_BENCH_CONSTRAINTS farmland patches, 30000 unless set);
# PARKMAP_BENCH_ONLY=county runs that section alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ADDR=${PARKMAP_BENCH_ADDR:-127.0.0.1:18089}
scripts/install-deps.sh
go build -o bin/parkmap ./cmd/parkmap
go build -o bin/parkload ./cmd/parkload
go build -o bin/parkmap-synth ./cmd/parkmap-synth

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
cluster_up

# serve READER_URL WRITER_URL LOG starts bin/parkmap serve on $ADDR in the background (server_pid, which
# lib.sh's cleanup stops) and waits until it answers /readyz, for at most ten seconds.
serve() {
  bin/parkmap serve -addr "$ADDR" -db "$1" -write-db "$2" 2>"$3" &
  server_pid=$!
  for _ in $(seq 100); do
    bin/parkmap healthcheck -url "http://$ADDR/readyz" 2>/dev/null && return
    sleep 0.1
  done
}

# PARKMAP_BENCH_ONLY=county skips to the county-scale section below (with PARKMAP_BENCH_COUNTY).
if [[ ${PARKMAP_BENCH_ONLY:-} != county ]]; then
echo "== go test -bench (benchtime 2s)"
go test -run '^$' -bench . -benchtime 2s -benchmem ./... | grep -E '^(Benchmark|ok|FAIL|---)' || true

echo "== load (parkmap load into $DATABASE_URL)"
/usr/bin/time -f 'load: %es wall, %MkB max RSS' bin/parkmap load >/dev/null
# A user for the logged-in run below, with a password only this run knows.
bench_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$bench_pw" | bin/parkmap user passwd -password-stdin bench.planner >/dev/null 2>&1 ||
  printf '%s\n' "$bench_pw" | bin/parkmap user add -username bench.planner -display-name 压测用户 -unit 开发环境 \
    -roles planner -password-stdin >/dev/null

serve "$PARKMAP_READER_URL" "$PARKMAP_WRITER_URL" /dev/null
echo "== parkload, cold then warm (tile cache filled)"
bin/parkload -base "http://$ADDR" -c 8 -n 400 -d 30s
bin/parkload -base "http://$ADDR" -c 8 -n 4000 -d 60s
echo "== parkload, warm, logged in (the session and account read on every request)"
PARKLOAD_PASSWORD=$bench_pw bin/parkload -base "http://$ADDR" -c 8 -n 4000 -d 60s -login bench.planner
echo "== page weight (headless Chromium: a planner's first load, then the charts' ECharts chunk)"
PARKMAP_URL="http://$ADDR/" node web/ui/test/pageweight.mjs
fi

# County scale (issue 11), opt-in because it takes minutes: PARKMAP_BENCH_COUNTY=200000 draws that
# many illustrative parcels, imports them into a database of their own on the same cluster (the
# bundled one, which `make run` uses, is left as it was), starts a fresh server on it (an empty tile
# cache, so the first request of each tile is cold) and runs parkload's tile mode: cold, uncached again
# (-render: forced renders) and warm per zoom against the bare ST_AsMVT floor and the in-memory static
# ceiling. The database and the temp files go at exit, whatever happens. The same database gets a county-scale constraints layer
# (parkmap-synth -constraints, 三区三线 of PARKMAP_BENCH_CONSTRAINTS farmland patches and a few large
# red-line areas, in CGCS2000), whose tileset is measured after the parcels'.
county=${PARKMAP_BENCH_COUNTY:-}
[[ -n $county ]] || exit 0
[[ $county =~ ^[0-9]+$ ]] && ((10#$county > 0 && 10#$county <= 1000000)) ||
  { echo "PARKMAP_BENCH_COUNTY=$county: want a count of parcels, 1 to 1000000" >&2; exit 2; }
constraints=${PARKMAP_BENCH_CONSTRAINTS:-30000}
[[ $constraints =~ ^[0-9]+$ ]] && ((10#$constraints > 0 && 10#$constraints <= 200000)) ||
  { echo "PARKMAP_BENCH_CONSTRAINTS=$constraints: want a count of farmland patches, 1 to 200000" >&2; exit 2; }
if [[ -n $server_pid ]]; then
  kill -TERM "$server_pid" && wait "$server_pid" || true
  server_pid=
fi
county_tmp=$(mktemp -d)
county_db=parkmap_bench_county
county_owner=${DATABASE_URL/\/parkmap\?//$county_db?}
county_admin=${PARKMAP_TEST_ADMIN_URL/\/postgres\?//$county_db?}
# shellcheck disable=SC2317 # runs from the EXIT trap (lib.sh cleanup)
on_cleanup() {
  rm -rf "$county_tmp"
  psql -X -q "$PARKMAP_TEST_ADMIN_URL" -c "DROP DATABASE IF EXISTS $county_db WITH (FORCE)" || true
}
psql -X -q -v ON_ERROR_STOP=1 "$PARKMAP_TEST_ADMIN_URL" \
  -c "DROP DATABASE IF EXISTS $county_db WITH (FORCE)" -c "CREATE DATABASE $county_db OWNER parkmap_owner"
PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$county_admin" -c 'CREATE EXTENSION postgis'

echo "== county scale: $county illustrative parcels (parkmap-synth), imported into $county_db"
/usr/bin/time -f 'synth: %es wall' bin/parkmap-synth -cadastre "$county" -o "$county_tmp/cadastre.geojson"
DATABASE_URL=$county_owner bin/parkmap migrate >/dev/null
DATABASE_URL=$county_owner bin/parkmap load >/dev/null
/usr/bin/time -f 'import: %es wall, %MkB max RSS' bin/parkmap import parcels "$county_tmp/cadastre.geojson" \
  -map id=DKBH -map year=GDNF -map area=YDMJ -map use=TDYT -area-unit 亩 -db "$county_owner" | tail -n 1
rm -f "$county_tmp/cadastre.geojson"
echo "== county scale: $constraints illustrative farmland patches and the large areas (parkmap-synth -constraints)"
/usr/bin/time -f 'synth: %es wall' bin/parkmap-synth -constraints "$constraints" -o "$county_tmp/constraints.geojson"
/usr/bin/time -f 'import: %es wall, %MkB max RSS' bin/parkmap import constraints "$county_tmp/constraints.geojson" \
  -map id=BSM -map kind=LX -map name=MC -db "$county_owner" | tail -n 1
rm -f "$county_tmp/constraints.geojson"
# As a DBA would after a bulk load, so that autovacuum does not pick the fresh rows up while the
# first zooms are measured.
/usr/bin/time -f 'vacuum analyze: %es wall' psql -X -q "$county_admin" -c 'VACUUM (ANALYZE)'
county_reader=${PARKMAP_READER_URL/\/parkmap\?//$county_db?}
county_writer=${PARKMAP_WRITER_URL/\/parkmap\?//$county_db?}
serve "$county_reader" "$county_writer" "$county_tmp/serve.log"
echo "== parkload -tiles, county scale (each run ≤ 30 s; the whole ≤ 20 min)"
timeout 20m bin/parkload -base "http://$ADDR" -tiles "${PARKMAP_BENCH_ZOOMS:-8-16}" -set parcels \
  -db "$county_reader" -c 4 -n 5000 -render 400 -d 30s -per-zoom 100
# The constraints tileset, on the same server: parkload finds its tiles from the parcels' label
# points (the cadastre lies around the town seats, as the farmland patches do), and its floor is the
# parcels' bare ST_AsMVT, so the ratios are not like for like: the sizes (max, >500KB) and times are
# the figures to read.
echo "== parkload -tiles, county constraints (each run ≤ 30 s; the whole ≤ 10 min)"
timeout 10m bin/parkload -base "http://$ADDR" -tiles "${PARKMAP_BENCH_CONSTRAINT_ZOOMS:-9-16}" -set constraints \
  -db "$county_reader" -c 4 -n 2000 -render 200 -d 30s -per-zoom 100
