-- Every version of a layer ($1), oldest first, and whether it is the live one.
SELECT i.version, i.file_name, i.sha256, i.feature_count, i.total_mu, i.crs_read, i.crs_used, i.encoding,
       i.mapping::text, i.imported_by, i.created_at, i.note, coalesce(c.import_id = i.id, false)
FROM layer_imports i LEFT JOIN layer_current c ON c.layer = i.layer
WHERE i.layer = $1 AND i.version IS NOT NULL
ORDER BY i.version
