-- The redevelopment layer's own findings: a kind that is none of 专栏3's four (blocking), and a town
-- the file names that is none of the county's (a warning: the area is imported without a town).
SELECT fid, coalesce(id, ''), 'unknown_kind', coalesce(kind_raw, '(empty)'), 0::float8
FROM pg_temp.import_work WHERE kind IS NULL
UNION ALL
SELECT fid, coalesce(id, ''), 'unmatched', town_raw, 0
FROM pg_temp.import_work WHERE town_code IS NULL AND coalesce(btrim(town_raw), '') <> ''
ORDER BY 1, 3
