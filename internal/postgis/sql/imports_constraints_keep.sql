-- The version's features, kept for good ($1 the version's id, $2 the provenance note of each).
INSERT INTO constraint_versions (import_id, id, kind, name, source_note, geom)
SELECT $1, id, kind, name, $2, geom FROM pg_temp.import_work
