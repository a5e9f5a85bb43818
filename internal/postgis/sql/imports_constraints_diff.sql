-- The diff of a staged import against the live layer (the current version, or the bundled rows):
-- ids added, removed, and changed (kind, name or geometry), with their 亩 before and after.
WITH w AS (SELECT id, kind, name, geom, drawn_mu AS mu
           FROM pg_temp.import_work WHERE geom IS NOT NULL)
SELECT 'added', w.id, coalesce(w.kind, ''), NULL::float8, w.mu FROM w
    WHERE NOT EXISTS (SELECT FROM constraints c WHERE c.id = w.id)
UNION ALL
SELECT 'removed', c.id, c.kind, c.area_mu, NULL FROM constraints c
    WHERE NOT EXISTS (SELECT FROM w WHERE w.id = c.id)
UNION ALL
SELECT 'changed', w.id, coalesce(w.kind, ''), c.area_mu, w.mu FROM w JOIN constraints c ON c.id = w.id
    WHERE w.kind IS DISTINCT FROM c.kind OR w.name IS DISTINCT FROM c.name OR NOT ST_OrderingEquals(w.geom, c.geom)
ORDER BY 2, 1
