#!/usr/bin/env bash
# test.sh (make test, CI): installs what is missing, npm ci (when node_modules is
# missing or stale) and the web map's build, the web map's unit tests (node
# --test), starts the private PostGIS cluster if it is not running, runs go vet
# and go test -race against it (the browser tests among them), and stops the
# cluster again if this run started it, pass or fail.
# The database is required: PARKMAP_REQUIRE_DB=1, and pgtest fails (never
# skips) without PARKMAP_TEST_ADMIN_URL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh
if ! command -v npm >/dev/null 2>&1; then
  echo "test: npm is not installed; install Node.js 20+ with npm, then run make test again" >&2
  exit 1
fi
# The assets first: go test embeds them, and the browser tests load them.
scripts/build-web.sh
npm test

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
cluster_up
export PARKMAP_REQUIRE_DB=1
echo "test: PARKMAP_TEST_ADMIN_URL=$PARKMAP_TEST_ADMIN_URL" >&2

vet_status=0
go vet ./... || vet_status=$?
test_status=0
go test -race -count=1 ./... || test_status=$?
if ((vet_status != 0 && test_status == 0)); then
  echo "test: go vet failed" >&2
  exit "$vet_status"
fi
exit "$test_status"
