#!/usr/bin/env bash
# test.sh (make test, CI): installs what is missing (Debian packages, and the
# pinned Go tools into .tools/bin), npm ci (when node_modules is missing or
# stale) and the web map's build, the web map's unit tests (node --test),
# starts the private PostGIS cluster if it is not running, runs go vet,
# staticcheck, the go mod tidy check and go test -race against it (the browser
# tests among them), and stops the cluster again if this run started it, pass
# or fail. Every check runs even when an earlier one failed; the exit status
# is the first failure's.
# Tests have no wall-clock limits of their own (they wait for conditions): a
# slow or busy machine is bounded only by go test's -timeout below.
# The database is required: PARKMAP_REQUIRE_DB=1, and pgtest fails (never
# skips) without PARKMAP_TEST_ADMIN_URL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh
scripts/install-tools.sh
export PATH="$PWD/.tools/bin:$PATH"
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

# A generous bound for each package's test binary on a slow or busy machine (two
# cores, other jobs beside it); go test's default is 10 minutes.
go_test_timeout=${PARKMAP_GO_TEST_TIMEOUT:-60m}

status=0
check() {
  local rc=0
  "$@" || rc=$?
  if ((rc != 0)); then
    echo "test: FAILED ($rc): $*" >&2
    ((status != 0)) || status=$rc
  fi
}
# shellcheck disable=SC2317 # called through check
tidy() {
  # go mod tidy -diff prints what tidy would change and exits non-zero.
  if ! go mod tidy -diff; then
    echo "test: go.mod or go.sum is not tidy: run go mod tidy" >&2
    return 1
  fi
}
check go vet ./...
check staticcheck ./...
check tidy
check go test -race -count=1 -timeout "$go_test_timeout" ./...
exit "$status"
