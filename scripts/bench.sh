#!/usr/bin/env bash
# bench.sh (make bench): speed is measured here, never by timed assertions in tests.
# Runs the Go benchmarks against the private PostGIS cluster, then starts a
# server on a spare loopback port and loads it with parkload (bounded in count
# and time, loopback only). Stops the server, and the cluster if it started it.
# The load runs as the owner (DATABASE_URL), the server as parkmap_reader and
# parkmap_writer, as in production (scripts/lib.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ADDR=${PARKMAP_BENCH_ADDR:-127.0.0.1:18089}
scripts/install-deps.sh
go build -o bin/parkmap ./cmd/parkmap
go build -o bin/parkload ./cmd/parkload

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
cluster_up

echo "== go test -bench (benchtime 2s)"
go test -run '^$' -bench . -benchtime 2s -benchmem ./... | grep -E '^(Benchmark|ok|FAIL|---)' || true

echo "== load (parkmap load into $DATABASE_URL)"
/usr/bin/time -f 'load: %es wall, %MkB max RSS' bin/parkmap load >/dev/null
# A user for the logged-in run below, with a password only this run knows.
bench_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$bench_pw" | bin/parkmap user passwd -password-stdin bench.planner >/dev/null 2>&1 ||
  printf '%s\n' "$bench_pw" | bin/parkmap user add -username bench.planner -display-name 压测用户 -unit 开发环境 \
    -roles planner -password-stdin >/dev/null

bin/parkmap serve -addr "$ADDR" -db "$PARKMAP_READER_URL" -write-db "$PARKMAP_WRITER_URL" 2>/dev/null &
server_pid=$!
for _ in $(seq 50); do
  bin/parkmap healthcheck -url "http://$ADDR/readyz" 2>/dev/null && break
  sleep 0.1
done
echo "== parkload, cold then warm (tile cache filled)"
bin/parkload -base "http://$ADDR" -c 8 -n 400 -d 30s
bin/parkload -base "http://$ADDR" -c 8 -n 4000 -d 60s
echo "== parkload, warm, logged in (the session and account read on every request)"
PARKLOAD_PASSWORD=$bench_pw bin/parkload -base "http://$ADDR" -c 8 -n 4000 -d 60s -login bench.planner
