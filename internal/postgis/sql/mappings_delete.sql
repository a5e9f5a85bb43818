-- DeleteMapping: the saved mapping of layer $1 named $2 is removed; the row comes back for the audit.
DELETE FROM import_mappings
WHERE layer = $1 AND name = $2
RETURNING layer, name, mapping::text, area_unit, crs, encoding, saved_by, saved_at
