-- Imports from the page (issue 10): the service imports as parkmap_writer, so the writer gets what an
-- import of the constraints layer needs and nothing more. Which user may import which layer is the
-- service's check (layerimport.Target.Roles: land or data_admin); the database holds the writer to
-- these tables.
--
-- ogr2ogr, connecting as the writer, creates the staging table in import_staging (CREATE), and the
-- importer drops it (the writer owns what it created; the owner's tables stay out of its reach).
GRANT USAGE, CREATE ON SCHEMA import_staging TO parkmap_writer;
-- A published version: its history row, its kept features, which version is current.
GRANT SELECT, INSERT ON layer_imports, constraint_versions TO parkmap_writer;
GRANT SELECT, INSERT, UPDATE ON layer_current TO parkmap_writer;
-- The swap replaces the live rows (DELETE and INSERT: readers never wait).
GRANT SELECT, INSERT, DELETE ON constraints TO parkmap_writer;
