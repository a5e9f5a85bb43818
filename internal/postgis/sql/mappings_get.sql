-- Mapping: the saved mapping of layer $1 named $2.
SELECT layer, name, mapping::text, area_unit, crs, encoding, saved_by, saved_at
FROM import_mappings
WHERE layer = $1 AND name = $2
