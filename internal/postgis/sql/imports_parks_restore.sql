-- The parks swap's first half: every park with an imported shape gets its bundled one back.
UPDATE parks p
SET geom = b.geom, provenance = b.provenance, provenance_note = b.provenance_note, import_id = NULL
FROM park_bundled_shapes b
WHERE b.park_id = p.id AND p.import_id IS NOT NULL
