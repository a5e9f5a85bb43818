-- The diff of a staged parcels import against the live parcels (live_parcels: the current version or
-- the bundled rows), by code, with 亩 before and after.
-- A feature without an id is a no_id finding (blocking), not a change.
WITH w AS (SELECT id, park_id, year, geom, drawn_mu AS mu
           FROM pg_temp.import_work WHERE geom IS NOT NULL AND btrim(id) <> '')
SELECT 'added', w.id, coalesce(w.year::text, ''), NULL::float8, w.mu FROM w
    WHERE NOT EXISTS (SELECT FROM live_parcels c WHERE c.code = w.id)
UNION ALL
SELECT 'removed', c.code, coalesce(c.year::text, ''), c.drawn_area_mu, NULL FROM live_parcels c
    WHERE NOT EXISTS (SELECT FROM w WHERE w.id = c.code)
UNION ALL
SELECT 'changed', w.id, coalesce(w.year::text, ''), c.drawn_area_mu, w.mu FROM w JOIN live_parcels c ON c.code = w.id
    WHERE w.park_id IS DISTINCT FROM c.park_id OR w.year IS DISTINCT FROM c.year OR NOT ST_OrderingEquals(w.geom, c.geom)
ORDER BY 2, 1
