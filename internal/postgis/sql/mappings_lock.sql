-- SaveMapping: the mapping it replaces, locked for the rest of the transaction, so that the audit's
-- "before" is what the save overwrites.
SELECT layer, name, mapping::text, area_unit, crs, encoding, saved_by, saved_at
FROM import_mappings
WHERE layer = $1 AND name = $2
FOR UPDATE
