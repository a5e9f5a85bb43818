-- The diff of a staged redevelopment import against the live areas, by id, with 亩 before and after.
-- A feature without an id is a no_id finding (blocking), not a change.
WITH w AS (SELECT id, kind, name, town_code, geom, drawn_mu AS mu
           FROM pg_temp.import_work WHERE geom IS NOT NULL AND btrim(id) <> '')
SELECT 'added', w.id, coalesce(w.kind, ''), NULL::float8, w.mu FROM w
    WHERE NOT EXISTS (SELECT FROM redevelopment c WHERE c.id = w.id)
UNION ALL
SELECT 'removed', c.id, c.kind, c.drawn_area_mu, NULL FROM redevelopment c
    WHERE NOT EXISTS (SELECT FROM w WHERE w.id = c.id)
UNION ALL
SELECT 'changed', w.id, coalesce(w.kind, ''), c.drawn_area_mu, w.mu FROM w JOIN redevelopment c ON c.id = w.id
    WHERE w.kind IS DISTINCT FROM c.kind OR w.name IS DISTINCT FROM c.name OR w.town_code IS DISTINCT FROM c.town_code
       OR NOT ST_OrderingEquals(w.geom, c.geom)
ORDER BY 2, 1
