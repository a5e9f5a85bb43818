-- The parks layer's own findings: a feature whose park field names none of the plan's parks
-- (unmatched, listed with its value, not imported), and a park that several features make up (merged:
-- a park in phases is one boundary, their union).
SELECT fid, coalesce(park_raw, ''), 'unmatched', coalesce(park_raw, '(empty)'), 0::float8
FROM pg_temp.import_work WHERE park_id IS NULL
UNION ALL
SELECT w.fid, w.park_id, 'merged', d.n || ' features', 0
FROM pg_temp.import_work w
JOIN (SELECT park_id, count(*) AS n FROM pg_temp.import_work WHERE park_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d
  ON d.park_id = w.park_id
ORDER BY 1, 3
