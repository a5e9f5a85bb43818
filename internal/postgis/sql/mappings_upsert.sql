-- SaveMapping: the mapping named $2 of layer $1 becomes $3..$6, saved by $7 now; a mapping of that
-- name is replaced (the source's new way of writing its files).
INSERT INTO import_mappings (layer, name, mapping, area_unit, crs, encoding, saved_by)
VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
ON CONFLICT (layer, name) DO UPDATE
SET mapping = excluded.mapping, area_unit = excluded.area_unit, crs = excluded.crs,
    encoding = excluded.encoding, saved_by = excluded.saved_by, saved_at = now()
RETURNING saved_at
