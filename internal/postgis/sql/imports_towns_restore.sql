-- The towns swap's first half: every town loses its imported boundary, and the zones get back their
-- bundled (seat-Voronoi) shapes; imports_towns_zones.sql makes them again when every town has one.
WITH t AS (
    UPDATE towns SET boundary = NULL, boundary_note = NULL, import_id = NULL WHERE import_id IS NOT NULL RETURNING 1
)
UPDATE zones z
SET geom = b.geom, provenance = b.provenance, provenance_note = b.provenance_note, geom_method = b.geom_method
FROM zone_bundled_shapes b
WHERE b.zone_id = z.id AND z.geom_method IS DISTINCT FROM b.geom_method
