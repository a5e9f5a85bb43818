#!/usr/bin/env bash
# pgcluster.sh: the private PostgreSQL 15 + PostGIS cluster used by `make run`
# and `make test`. It lives in $REPO/.pgdata (git-ignored), listens only on
# 127.0.0.1 at a spare port chosen on first start, and never touches the
# system cluster. Authentication is trust on 127.0.0.1 (a throwaway cluster), so
# the URLs of the roles below differ only in their user name.
#
#   start      init on first use, start if stopped, ensure the role
#              parkmap_owner and the database parkmap it owns, with postgis
#              (scripts/docker-initdb.sh; an existing database made by the
#              earlier script, owned by postgres, is handed over); prints the
#              owner's URL. Safe to call repeatedly and concurrently.
#   stop       fast shutdown if running
#   status     prints running/stopped; exit 0 if running, 3 otherwise
#   url [owner|reader|writer]
#              postgres://parkmap_owner@127.0.0.1:PORT/parkmap?sslmode=disable,
#              or parkmap_reader / parkmap_writer (made by migration 0007, so
#              they exist once `parkmap migrate` has run). Default owner:
#              DATABASE_URL for migrate and load; the reader and writer URLs are
#              serve's PARKMAP_READER_URL and PARKMAP_WRITER_URL.
#   admin-url  the superuser postgres on the maintenance database postgres:
#              PARKMAP_TEST_ADMIN_URL, for the tests' database creation only
#   psql       psql on the parkmap database as the superuser; extra arguments
#              go to psql
#
# As root, the server runs as the postgres OS user (PostgreSQL refuses root).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PGROOT=$REPO/.pgdata
DATA=$PGROOT/data
PORTFILE=$PGROOT/port
LOGDIR=$PGROOT/log
SOCKDIR=$PGROOT/run
FIRST_PORT=55432

die() { echo "pgcluster: $*" >&2; exit 1; }

find_bindir() {
  local d
  for d in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null || true)"; do
    [[ -n $d && -x $d/pg_ctl && -x $d/initdb ]] && { echo "$d"; return; }
  done
  die "PostgreSQL 15 server binaries not found (initdb, pg_ctl); run scripts/install-deps.sh"
}
BIN=$(find_bindir)

# as_owner runs a server-side command as the cluster's OS user.
if [[ $(id -u) -eq 0 ]]; then
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

port() {
  [[ -s $PORTFILE ]] || die "not initialised ($DATA); run: scripts/pgcluster.sh start"
  cat "$PORTFILE"
}
# url USER [DB]: the URL of USER on DB (default parkmap).
url() { echo "postgres://$1@127.0.0.1:$(port)/${2:-parkmap}?sslmode=disable"; }

# role_url [owner|reader|writer]: the URL of one of parkmap's roles on its database.
role_url() {
  case "${1:-owner}" in
    owner | reader | writer) url "parkmap_${1:-owner}" ;;
    *) die "url: unknown role ${1} (owner, reader or writer)" ;;
  esac
}

# port_in_use: something accepts TCP connections on 127.0.0.1:$1 (a listener on
# 0.0.0.0 counts), or ss shows a listener on that port on any address.
port_in_use() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    return 0
  fi
  command -v ss >/dev/null 2>&1 && [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
}

pick_port() {
  local p
  for ((p = FIRST_PORT; p < FIRST_PORT + 200; p++)); do
    port_in_use "$p" || { echo "$p"; return; }
  done
  die "no free port in $FIRST_PORT-$((FIRST_PORT + 199))"
}

running() { as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1; }

# make_traversable lets the postgres user reach $PGROOT when the checkout sits
# under a directory it cannot enter (a clone under /root, say): it adds search
# (x, not read) permission for postgres, by ACL where possible.
make_traversable() {
  local d='' part
  local -a parts
  IFS=/ read -ra parts <<<"${PGROOT#/}"
  for part in "${parts[@]}"; do
    d+=/$part
    runuser -u postgres -- test -x "$d" 2>/dev/null && continue
    if command -v setfacl >/dev/null 2>&1; then
      setfacl -m u:postgres:x "$d"
    else
      chmod o+x "$d"
    fi
    echo "pgcluster: gave the postgres user search permission on $d" >&2
  done
}

init_cluster() {
  local locale=C t0=${EPOCHREALTIME/./}
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
  rm -rf "$DATA" # left over from an interrupted initdb
  mkdir -p "$LOGDIR" "$SOCKDIR"
  pick_port >"$PORTFILE"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres:postgres "$PGROOT"
    make_traversable
  fi
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale="$locale" \
    >"$LOGDIR/initdb.log" 2>&1 || { cat "$LOGDIR/initdb.log" >&2; die "initdb failed"; }

  # A Unix socket path is limited to ~107 bytes; in a deeply nested checkout we
  # listen on TCP only (everything here connects over TCP anyway).
  local sockdir=$SOCKDIR
  if ((${#SOCKDIR} + 16 > 100)); then sockdir=; fi
  # Settings for a throwaway dev/test cluster: fsync, synchronous_commit and
  # full_page_writes are off because speed matters more than surviving a power
  # cut here (a crash can corrupt it: `make db-reset` recreates it). Never copy
  # these to a real deployment.
  cat >>"$DATA/postgresql.conf" <<EOF

# --- parkmap private dev/test cluster (scripts/pgcluster.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '${sockdir//\'/\'\'}'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = on
log_directory = '${LOGDIR//\'/\'\'}'
log_filename = 'postgresql-%a.log'
log_truncate_on_rotation = on
log_rotation_size = 0
log_min_duration_statement = 1000
EOF
  local ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
  echo "pgcluster: initialised $DATA (port $(port)) in ${ms} ms" >&2
}

# ensure_app_db: the owner role, the database it owns and postgis, as the
# superuser, on every start (cheap, and it upgrades a .pgdata made by the
# earlier script, where postgres owned everything).
ensure_app_db() {
  PSQL=$BIN/psql PGHOST=127.0.0.1 PGPORT=$(port) PGUSER=postgres PGDATABASE='' \
    PARKMAP_OWNER_PASSWORD='' "$REPO/scripts/docker-initdb.sh"
}

start() {
  [[ -f $DATA/PG_VERSION ]] || init_cluster
  if ! running; then
    # A port that was free at init can be taken since (another checkout's cluster).
    if port_in_use "$(port)"; then
      local old
      old=$(port)
      pick_port >"$PORTFILE"
      echo "pgcluster: port $old is in use, moving to $(port)" >&2
    fi
    # 9>&- : the server must not inherit the start lock, or it would hold it forever.
    as_owner "$BIN/pg_ctl" start -D "$DATA" -w -t 60 -l "$LOGDIR/startup.log" \
      -o "-p $(port)" >/dev/null 9>&- ||
      { tail -n 20 "$LOGDIR/startup.log" >&2; die "server did not start; see $LOGDIR"; }
  fi
  local i
  for ((i = 0; i < 100; i++)); do
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$(port)" -U postgres && break
    sleep 0.1
  done
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$(port)" -U postgres || die "server not ready on port $(port)"
  ensure_app_db
  role_url owner
}

stop() {
  if [[ -f $DATA/PG_VERSION ]] && running; then
    as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null
    echo "pgcluster: stopped" >&2
  else
    echo "pgcluster: not running" >&2
  fi
}

# lock serialises start/stop between concurrent invocations.
lock() {
  mkdir -p "$PGROOT"
  exec 9>>"$PGROOT/lock"
  flock -w 120 9 || die "timed out waiting for $PGROOT/lock"
}

case "${1:-}" in
  start) lock; start ;;
  stop) lock; stop ;;
  status)
    if [[ -f $DATA/PG_VERSION ]] && running; then
      echo "running: $(role_url owner)"
    else
      echo "stopped"
      exit 3
    fi
    ;;
  url) role_url "${2:-owner}" ;;
  admin-url) url postgres postgres ;;
  psql) shift; exec "$BIN/psql" -X "$(url postgres)" "$@" ;;
  *) die "usage: $0 {start|stop|status|url [owner|reader|writer]|admin-url|psql [args]}" ;;
esac
