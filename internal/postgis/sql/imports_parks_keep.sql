-- The version's park boundaries, kept for good ($1 the version's id, $2 the provenance note, $3 the
-- 亩 in one unit of the file's area field): one row per matched park, the union of its features.
INSERT INTO park_versions (import_id, park_id, source_ids, matched_by, file_area_mu, source_note, geom)
SELECT $1, park_id, array_agg(DISTINCT id ORDER BY id), min(matched_by), sum(area_mu) * $3::float8, $2,
       ST_Multi(ST_CollectionExtract(ST_Union(geom), 3))
FROM pg_temp.import_work
WHERE park_id IS NOT NULL
GROUP BY park_id
