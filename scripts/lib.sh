# shellcheck shell=bash
# lib.sh: sourced by run.sh, test.sh and bench.sh. One place for "start the
# private cluster if needed, and on exit stop what this script started".
# Callers set server_pid when they start a server in the background, and may
# define on_cleanup, which runs after the server stops and before the cluster does.

started_cluster=0
server_pid=

# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if declare -F on_cleanup >/dev/null; then
    on_cleanup || true
  fi
  if ((started_cluster)); then
    scripts/pgcluster.sh stop || true
  fi
  exit "$status"
}

# cluster_up starts the cluster unless it runs already (remembering which),
# installs the cleanup trap, and exports one URL per role (issue 9: nothing at
# run time connects as a superuser):
#   DATABASE_URL            parkmap_owner: parkmap migrate, parkmap load
#   PARKMAP_READER_URL      parkmap_reader: parkmap serve -db, check-parcels
#   PARKMAP_WRITER_URL      parkmap_writer: parkmap serve -write-db
#   PARKMAP_TEST_ADMIN_URL  the superuser, for the tests' database creation only
cluster_up() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if ! scripts/pgcluster.sh status >/dev/null 2>&1; then
    started_cluster=1
  fi
  DATABASE_URL=$(scripts/pgcluster.sh start)
  PARKMAP_READER_URL=$(scripts/pgcluster.sh url reader)
  PARKMAP_WRITER_URL=$(scripts/pgcluster.sh url writer)
  PARKMAP_TEST_ADMIN_URL=$(scripts/pgcluster.sh admin-url)
  export DATABASE_URL PARKMAP_READER_URL PARKMAP_WRITER_URL PARKMAP_TEST_ADMIN_URL
}
