-- The diff of a staged towns import against the live boundaries: a town that gets its first boundary
-- (added), one whose boundary changes (changed), one that loses it (removed), with 亩.
WITH v AS (SELECT town_code, ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom
           FROM pg_temp.import_work WHERE town_code IS NOT NULL AND geom IS NOT NULL AND ST_IsValid(geom) GROUP BY 1),
w AS (SELECT town_code, geom, ST_Area(geom::geography) / (10000.0 / 15.0) AS mu FROM v)
SELECT CASE WHEN t.boundary IS NULL THEN 'added' ELSE 'changed' END, t.code, t.name,
       ST_Area(t.boundary::geography) / (10000.0 / 15.0), w.mu
FROM w JOIN towns t ON t.code = w.town_code
WHERE t.boundary IS NULL OR NOT ST_OrderingEquals(t.boundary, w.geom)
UNION ALL
SELECT 'removed', t.code, t.name, ST_Area(t.boundary::geography) / (10000.0 / 15.0), NULL
FROM towns t
WHERE t.boundary IS NOT NULL AND NOT EXISTS (SELECT FROM w WHERE w.town_code = t.code)
ORDER BY 2, 1
