-- The diff of a staged parks import against the live parks: a park that gets its first real shape
-- (added), one whose real shape changes (changed), one whose real shape goes back to the illustrative
-- (removed), with the 亩 drawn before and after.
WITH v AS (SELECT park_id, ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom
           FROM pg_temp.import_work WHERE park_id IS NOT NULL AND geom IS NOT NULL AND ST_IsValid(geom) GROUP BY 1),
w AS (SELECT park_id, geom, ST_Area(geom::geography) / (10000.0 / 15.0) AS mu FROM v)
SELECT CASE WHEN p.provenance = 'real' THEN 'changed' ELSE 'added' END, p.id, p.name, p.drawn_area_mu, w.mu
FROM w JOIN parks p ON p.id = w.park_id
WHERE p.provenance <> 'real' OR NOT ST_OrderingEquals(p.geom, w.geom)
UNION ALL
SELECT 'removed', p.id, p.name, p.drawn_area_mu, b.mu
FROM parks p
JOIN LATERAL (SELECT ST_Area(geom::geography) / (10000.0 / 15.0) AS mu FROM park_bundled_shapes WHERE park_id = p.id) b ON true
WHERE p.import_id IS NOT NULL AND NOT EXISTS (SELECT FROM w WHERE w.park_id = p.id)
ORDER BY 2, 1
