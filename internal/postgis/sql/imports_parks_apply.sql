-- The parks swap's second half: the version's ($1) boundaries become the live shapes, provenance real.
UPDATE parks p
SET geom = v.geom, provenance = 'real', provenance_note = v.source_note, import_id = v.import_id
FROM park_versions v
WHERE v.import_id = $1 AND v.park_id = p.id
