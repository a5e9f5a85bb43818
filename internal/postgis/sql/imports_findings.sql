-- Every per-feature fault of a staged import: empty or invalid geometries (with ST_IsValidReason),
-- missing ids (when $2) and duplicate ones (when $1: a park may come in parts, and its findings say so), and the 亩 outside the
-- county (spheroid), wholly or partly. Each layer adds its own (imports_<layer>_findings.sql).
-- The county comes first in ST_Covers and ST_Intersects: PostGIS then prepares it once for all rows
-- (ST_CoveredBy(feature, county) prepared nothing: 29 s for 20,000 features instead of 0.5 s).
WITH w AS (SELECT * FROM pg_temp.import_work),
county AS (SELECT geom FROM county WHERE id = 1)
SELECT fid, coalesce(id, ''), 'empty', '', 0::float8 FROM w WHERE geom IS NULL OR ST_IsEmpty(geom)
UNION ALL
SELECT fid, coalesce(id, ''), 'invalid', ST_IsValidReason(geom), 0 FROM w
    WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) AND NOT ST_IsValid(geom)
UNION ALL
SELECT fid, '', 'no_id', '', 0 FROM w WHERE coalesce(btrim(id), '') = '' AND $2::bool
UNION ALL
SELECT w.fid, w.id, 'duplicate_id', d.n || ' features', 0
    FROM w JOIN (SELECT id, count(*) AS n FROM w WHERE btrim(id) <> '' GROUP BY id HAVING count(*) > 1) d ON d.id = w.id
    WHERE $1::bool
UNION ALL
SELECT o.fid, o.id, 'outside_county', CASE WHEN o.inside THEN 'partly' ELSE 'entirely' END, o.mu
FROM (SELECT w.fid, coalesce(w.id, '') AS id, ST_Intersects(c.geom, w.geom) AS inside,
             CASE WHEN ST_Covers(c.geom, w.geom) THEN 0
                  ELSE ST_Area(ST_Difference(w.geom, c.geom)::geography) / (10000.0 / 15.0) END AS mu
      FROM w, county c
      WHERE w.geom IS NOT NULL AND NOT ST_IsEmpty(w.geom) AND ST_IsValid(w.geom)) o
WHERE o.mu >= 0.01
ORDER BY 1, 3
