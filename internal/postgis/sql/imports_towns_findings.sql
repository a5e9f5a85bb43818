-- The towns layer's own findings: a feature whose town field names none of the county's towns
-- (unmatched: listed, not imported), and a town several features make up (merged: their union).
SELECT fid, coalesce(town_raw, ''), 'unmatched', coalesce(town_raw, '(empty)'), 0::float8
FROM pg_temp.import_work WHERE town_code IS NULL
UNION ALL
SELECT w.fid, w.town_code, 'merged', d.n || ' features', 0
FROM pg_temp.import_work w
JOIN (SELECT town_code, count(*) AS n FROM pg_temp.import_work WHERE town_code IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d
  ON d.town_code = w.town_code
ORDER BY 1, 3
