-- Database roles (issue 9). Nothing at run time connects as a superuser:
--   parkmap_owner  owns the database and its objects; runs migrations and loads. It is created
--                  outside the migrations, by whoever creates the database (scripts/pgcluster.sh,
--                  scripts/docker-initdb.sh), with CREATEROLE so that this migration can make:
--   parkmap_reader the serving pool: SELECT on what is published, read-only by default, a statement
--                  timeout. It has no write grant at all, so BEGIN READ WRITE cannot help a bug.
--   parkmap_writer the write pool: only the grants each write path needs, given by the migration that
--                  creates that path's table (accounts, sessions and the audit log in 0008).
-- Roles belong to the cluster, not the database: several databases (the test clusters' clones, a
-- staging copy) share them, and each database grants them its own objects. Two migrations running
-- at once in two databases may both try to create a role; the loser's error is caught, as is an
-- existing role, so the settings below are made only by the one that created it.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['parkmap_reader', 'parkmap_writer'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            CONTINUE;
        END IF;
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r);
            EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', r, '30s');
            EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', r, '60s');
            IF r = 'parkmap_reader' THEN
                EXECUTE format('ALTER ROLE %I SET default_transaction_read_only = on', r);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created meanwhile by a migration in another database
        END;
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO parkmap_reader, parkmap_writer;

-- The reader sees every table and view that exists so far (0001-0006: the plan, the layers, their
-- versions and the published api_* views). Later migrations grant what they add, explicitly: a table
-- holding secrets (0008's accounts and sessions) must never be readable by accident.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO parkmap_reader;
-- The writer reads what its write paths join against (the parks an edit or an audit row names).
GRANT SELECT ON ALL TABLES IN SCHEMA public TO parkmap_writer;
