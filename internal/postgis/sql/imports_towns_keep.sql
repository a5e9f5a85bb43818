-- The version's town boundaries, kept for good ($1 the version's id, $2 the provenance note): one row
-- per matched town, the union of its features.
INSERT INTO town_versions (import_id, code, source_ids, source_note, geom)
SELECT $1, town_code, array_agg(DISTINCT id ORDER BY id), $2, ST_Multi(ST_CollectionExtract(ST_Union(geom), 3))
FROM pg_temp.import_work
WHERE town_code IS NOT NULL
GROUP BY town_code
