# shellcheck shell=bash
# env.sh: the environment of `make run` and `make test`, for your own shell, so that go test,
# bin/parkmap and psql reach the private cluster the way the scripts do:
#
#   source scripts/env.sh        # from bash, in the repository or anywhere else
#   go test ./internal/postgis -run Feature
#
# It starts the private cluster if it is not running (scripts/pgcluster.sh start; it stays up: stop
# it with make db-stop) and exports one URL per role, as scripts/lib.sh does for the scripts:
#   DATABASE_URL            parkmap_owner: parkmap migrate, parkmap load
#   PARKMAP_READER_URL      parkmap_reader: parkmap serve -db, check-parcels
#   PARKMAP_WRITER_URL      parkmap_writer: parkmap serve -write-db
#   PARKMAP_TEST_ADMIN_URL  the superuser, for the tests' database creation only
#   PARKMAP_REQUIRE_DB=1    a database test fails, never skips, as in make test
# and puts the pinned tools (.tools/bin: staticcheck) first on PATH. Sourced, it changes no shell
# option and sets no trap; run as a script it only says how to use it.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  echo "env.sh sets variables in your shell: source it (source scripts/env.sh), do not run it" >&2
  exit 2
fi
parkmap_env() {
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  DATABASE_URL=$("$repo/scripts/pgcluster.sh" start) || return 1
  PARKMAP_READER_URL=$("$repo/scripts/pgcluster.sh" url reader) || return 1
  PARKMAP_WRITER_URL=$("$repo/scripts/pgcluster.sh" url writer) || return 1
  PARKMAP_TEST_ADMIN_URL=$("$repo/scripts/pgcluster.sh" admin-url) || return 1
  PARKMAP_REQUIRE_DB=1
  export DATABASE_URL PARKMAP_READER_URL PARKMAP_WRITER_URL PARKMAP_TEST_ADMIN_URL PARKMAP_REQUIRE_DB
  case ":$PATH:" in
  *":$repo/.tools/bin:"*) ;;
  *) export PATH="$repo/.tools/bin:$PATH" ;;
  esac
  echo "parkmap env: DATABASE_URL=$DATABASE_URL (cluster up; make db-stop stops it)" >&2
}
parkmap_env
