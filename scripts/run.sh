#!/usr/bin/env bash
# run.sh (make run): installs what is missing, builds the web map's assets and
# bin/parkmap (which embeds them), starts the private PostGIS cluster (or reuses
# a running one), then runs `parkmap migrate` and `parkmap load` as the owner
# role parkmap_owner (DATABASE_URL) and `parkmap serve` as parkmap_reader and
# parkmap_writer (PARKMAP_READER_URL, PARKMAP_WRITER_URL; see scripts/lib.sh). Ctrl-C or SIGTERM stops the server, then the cluster if this
# script started it; the data in .pgdata stays for the next run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ADDR=${PARKMAP_ADDR:-127.0.0.1:8080}

scripts/install-deps.sh
# Build before starting the cluster: a broken build then costs no start/stop. The web map's assets
# (npm ci when needed, then esbuild) come first: go build embeds them.
scripts/build-web.sh
go build -o bin/parkmap ./cmd/parkmap

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
cluster_up
echo "run: DATABASE_URL=$DATABASE_URL (migrate, load)" >&2
echo "run: PARKMAP_READER_URL=$PARKMAP_READER_URL PARKMAP_WRITER_URL=$PARKMAP_WRITER_URL (serve)" >&2

bin/parkmap migrate
bin/parkmap load
# A local administrator for development, made once with a random password kept beside the cluster
# (git-ignored, readable by this user only; make db-reset removes both). A real deployment makes
# its first admin with `parkmap user add` and no such file.
admin_pw_file=.pgdata/dev-admin-password
if [[ ! -s $admin_pw_file ]]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$admin_pw_file")
  # A new file for an admin made before it (by hand, or by an older run.sh): give it this password.
  if bin/parkmap user list | grep -q '^admin '; then
    bin/parkmap user passwd -password-stdin admin <"$admin_pw_file" >&2
  fi
fi
bin/parkmap user add -username admin -display-name 本地管理员 -unit 开发环境 -roles admin,viewer \
  -password-stdin -if-absent <"$admin_pw_file" >&2
# In the background so that a signal reaches this script's trap at once; a
# non-interactive shell's background job ignores SIGINT, so the trap's SIGTERM
# is what stops the server.
bin/parkmap serve -addr "$ADDR" -db "$PARKMAP_READER_URL" -write-db "$PARKMAP_WRITER_URL" &
server_pid=$!
echo "run: serving on http://$ADDR/ (pid $server_pid); Ctrl-C stops the server and the database" >&2
echo "run: log in (登录) as admin with the password $(cat "$admin_pw_file") (kept in $admin_pw_file, unless you changed it in the page); add users with bin/parkmap user add" >&2
wait "$server_pid"
