-- Mappings: every saved mapping of layer $1, by name.
SELECT layer, name, mapping::text, area_unit, crs, encoding, saved_by, saved_at
FROM import_mappings
WHERE layer = $1
ORDER BY name
