-- After the parks are replaced (in the load's swap): their bundled shapes are kept aside, for an
-- import's swap to give back to a park its version lacks, and the current imported version of the
-- parks layer (if any) is applied again, so that a reload of the plan never undoes the county's real
-- boundaries.
DELETE FROM park_bundled_shapes;
INSERT INTO park_bundled_shapes (park_id, provenance, provenance_note, geom)
SELECT id, provenance, provenance_note, geom FROM pg_temp.load_parks;
UPDATE parks p
SET geom = v.geom, provenance = 'real', provenance_note = v.source_note, import_id = v.import_id
FROM park_versions v JOIN layer_current c ON c.import_id = v.import_id AND c.layer = 'parks'
WHERE v.park_id = p.id
