#!/usr/bin/env bash
# docker-initdb.sh: makes the database parkmap and its owner, as a superuser. The one place that does
# it, for both clusters parkmap runs on:
#   - the postgis image's /docker-entrypoint-initdb.d (docker-compose.yml mounts it there; it runs
#     once, on an empty volume, as POSTGRES_USER over the local socket);
#   - scripts/pgcluster.sh start, on every start of the private dev/test cluster (it sets PSQL,
#     PGHOST, PGPORT and PGUSER).
# It is idempotent, so it can also be run again by hand on an existing volume:
#   docker compose exec db /docker-entrypoint-initdb.d/20-parkmap.sh
#
# What it ensures (issue 9: nothing at run time connects as a superuser):
#   - the role parkmap_owner: LOGIN CREATEROLE NOSUPERUSER NOCREATEDB. It runs `parkmap migrate` and
#     `parkmap load`; CREATEROLE is there so that migration 0007 can create parkmap_reader and
#     parkmap_writer and set their options and, in migrate, their passwords. Its password is
#     PARKMAP_OWNER_PASSWORD when set (docker); the private cluster trusts 127.0.0.1 and sets none.
#   - the database parkmap, owned by parkmap_owner (an existing one is handed over to it), with the
#     postgis extension, which only a superuser may create (its objects stay the superuser's).
#   - every table, view, sequence and function of schema public that a superuser owns and that is
#     not the extension's is handed to parkmap_owner. A database made by the earlier scripts, where
#     postgres ran the migrations, then keeps working: migrating as parkmap_owner needs ownership
#     ("must be owner of table parks"). REASSIGN OWNED BY postgres cannot do it: it refuses the
#     bootstrap superuser's objects (the system needs them), and it would take the extension's too.
set -euo pipefail

PARKMAP_DB=${PARKMAP_DB:-parkmap}
PSQL=${PSQL:-psql}
export PGUSER=${PGUSER:-${POSTGRES_USER:-postgres}}

parkmap_psql() { "$PSQL" -X -q -v ON_ERROR_STOP=1 --no-password "$@"; }

# The role and the database, from the maintenance database. psql variables carry the password and
# the name (:'pw' is quoted by psql as a literal), so neither is spliced into SQL by the shell.
parkmap_psql -d postgres -v pw="${PARKMAP_OWNER_PASSWORD:-}" -v db="$PARKMAP_DB" <<'SQL'
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parkmap_owner') AS need_role \gset
\if :need_role
CREATE ROLE parkmap_owner LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS;
\endif
SELECT :'pw' <> '' AS set_pw \gset
\if :set_pw
ALTER ROLE parkmap_owner PASSWORD :'pw';
\endif
SELECT NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') AS need_db \gset
\if :need_db
CREATE DATABASE :"db" OWNER parkmap_owner;
\else
ALTER DATABASE :"db" OWNER TO parkmap_owner;
\endif
SQL

# The extension and the hand-over, inside the database.
PGOPTIONS='-c client_min_messages=warning' parkmap_psql -d "$PARKMAP_DB" <<'SQL'
CREATE EXTENSION IF NOT EXISTS postgis;
DO $$
DECLARE
    r record;
BEGIN
    -- Relations: tables, views, materialized views, foreign tables, and the sequences that no
    -- table owns (an identity or serial sequence follows its table and cannot be altered alone).
    FOR r IN
        SELECT c.oid::regclass AS obj,
               CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_roles o ON o.oid = c.relowner
        WHERE n.nspname = 'public' AND o.rolsuper
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND NOT EXISTS (SELECT FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                            AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO parkmap_owner', r.kind, r.obj);
    END LOOP;
    -- Functions and procedures (the migrations' trigger functions).
    FOR r IN
        SELECT p.oid::regprocedure AS obj
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_roles o ON o.oid = p.proowner
        WHERE n.nspname = 'public' AND o.rolsuper AND p.prokind IN ('f', 'p')
          AND NOT EXISTS (SELECT FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO parkmap_owner', r.obj);
    END LOOP;
    -- Types of their own (enums, domains); a table's row type follows its table.
    FOR r IN
        SELECT t.oid::regtype AS obj, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_roles o ON o.oid = t.typowner
        WHERE n.nspname = 'public' AND o.rolsuper AND t.typtype IN ('e', 'd', 'r', 'c')
          AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
          AND NOT EXISTS (SELECT FROM pg_depend d
                          WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO parkmap_owner', r.kind, r.obj);
    END LOOP;
END
$$;
SQL
