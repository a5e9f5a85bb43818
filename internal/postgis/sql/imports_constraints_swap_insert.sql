-- The swap's second half: the version's rows ($1) become the live layer, provenance real.
INSERT INTO constraints (id, kind, name, provenance, source_note, geom, import_id)
SELECT id, kind, name, 'real', source_note, geom, import_id FROM constraint_versions WHERE import_id = $1
