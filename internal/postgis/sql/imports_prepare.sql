-- A version being prepared (0018): its history row without a number yet ($1 layer … as imports_insert),
-- for its rows to be written outside the publish; the publish numbers it (imports_number.sql).
INSERT INTO layer_imports (layer, version, file_name, sha256, feature_count, total_mu, crs_read, crs_used,
                           encoding, mapping, imported_by, note)
VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)
RETURNING id
