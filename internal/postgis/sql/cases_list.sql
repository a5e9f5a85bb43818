-- Cases: newest first, with optional filters ('' and 0 and NULL mean "any"); a number matches by any
-- part of it (0007, 〔2026〕), a parcel exactly. A location filter, $8-$11 a box (minLon, minLat,
-- maxLon, maxLat) and $12-$13 a point (lon, lat), keeps the cases whose shape intersects it (for a
-- point: contains or touches it); ST_Intersects is answered from the GiST index on geom.
SELECT c.id, c.number, c.crs, c.proposal, c.rules_version, c.verdict, c.parcel_id, c.note, c.created_by,
       coalesce(u.display_name, ''), coalesce(u.unit, ''), c.created_at,
       coalesce(c.answer->>'summary_zh', ''), coalesce(c.answer->>'summary_en', ''),
       (c.answer->'facts'->>'area_mu')::float8
FROM eligibility_cases c
LEFT JOIN app_users u ON u.username = c.created_by
WHERE ($1 = '' OR strpos(c.number, $1) > 0)
  AND ($2 = '' OR c.parcel_id = $2)
  AND ($3 = '' OR c.verdict = $3)
  AND ($4::bigint = 0 OR c.id < $4)
  AND ($5::timestamptz IS NULL OR c.created_at >= $5)
  AND ($6::timestamptz IS NULL OR c.created_at < $6)
  AND ($8::float8 IS NULL OR ST_Intersects(c.geom, ST_MakeEnvelope($8, $9::float8, $10::float8, $11::float8, 4326)))
  AND ($12::float8 IS NULL OR ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint($12, $13::float8), 4326)))
ORDER BY c.id DESC
LIMIT $7
