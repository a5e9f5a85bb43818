-- The working copy filled from ogr2ogr's staging table. The {{…}} are identifiers only, each put in
-- by the importer through pgx.Identifier after it checked them against the staging table's columns
-- (imports_stage_columns.sql): {{source}} the staging table, {{id}} {{kind}} {{name}} the mapped
-- field (or fid / the -kind value $1 / NULL). No value is ever part of the text.
INSERT INTO pg_temp.import_constraints (fid, id, raw_kind, name, geom)
SELECT s.fid, {{id}}, {{kind}}, {{name}}, s.geom FROM {{source}} s
