-- Staging for a load (Store.Load): one temporary table per live table, shaped like it (columns, NOT NULL
-- and CHECK constraints, keys, generated columns; not foreign keys or triggers). Temporary tables are
-- private to the loading session, never WAL-logged, invisible to readers and gone with the session,
-- so a load that dies leaves nothing behind. Creating them takes ACCESS SHARE on the live tables for
-- this statement only: a reader never waits on it.
DROP TABLE IF EXISTS pg_temp.load_dataset_meta, pg_temp.load_county, pg_temp.load_zones, pg_temp.load_towns,
    pg_temp.load_plan_tables, pg_temp.load_targets, pg_temp.load_parks, pg_temp.load_park_phases,
    pg_temp.load_plan_cells, pg_temp.load_plan_findings, pg_temp.load_parcels, pg_temp.load_redevelopment,
    pg_temp.load_constraints;
CREATE TEMP TABLE load_dataset_meta (LIKE dataset_meta INCLUDING ALL);
CREATE TEMP TABLE load_county (LIKE county INCLUDING ALL);
CREATE TEMP TABLE load_zones (LIKE zones INCLUDING ALL);
CREATE TEMP TABLE load_towns (LIKE towns INCLUDING ALL);
CREATE TEMP TABLE load_plan_tables (LIKE plan_tables INCLUDING ALL);
CREATE TEMP TABLE load_targets (LIKE targets INCLUDING ALL);
CREATE TEMP TABLE load_parks (LIKE parks INCLUDING ALL);
CREATE TEMP TABLE load_park_phases (LIKE park_phases INCLUDING ALL);
CREATE TEMP TABLE load_plan_cells (LIKE plan_cells INCLUDING ALL);
CREATE TEMP TABLE load_plan_findings (LIKE plan_findings INCLUDING ALL);
CREATE TEMP TABLE load_parcels (LIKE parcels INCLUDING ALL);
CREATE TEMP TABLE load_redevelopment (LIKE redevelopment INCLUDING ALL);
CREATE TEMP TABLE load_constraints (LIKE constraints INCLUDING ALL);
