-- The constraints layer's own fault: a kind that names none of layerimport's kinds.
SELECT fid, coalesce(id, ''), 'unknown_kind', coalesce(kind_raw, '(empty)'), 0::float8
FROM pg_temp.import_work WHERE kind IS NULL
ORDER BY 1
