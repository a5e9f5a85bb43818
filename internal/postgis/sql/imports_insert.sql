-- A new version of a layer: the next number of that layer (the caller holds the swap lock, so two
-- publishes cannot take the same one; UNIQUE (layer, version) would refuse it anyway).
INSERT INTO layer_imports (layer, version, file_name, sha256, feature_count, total_mu, crs_read, crs_used,
                           encoding, mapping, imported_by, note)
SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11
FROM layer_imports WHERE layer = $1
RETURNING id, version
