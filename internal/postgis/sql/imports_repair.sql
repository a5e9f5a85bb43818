-- -repair: every invalid geometry becomes ST_MakeValid's, its polygons only, with the 亩 (spheroid)
-- before and after, so that the preview shows what each repair changed.
WITH bad AS (
    SELECT fid, ST_IsValidReason(geom) AS reason, ST_Area(geom::geography) / (10000.0 / 15.0) AS before_mu
    FROM pg_temp.import_work
    WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) AND NOT ST_IsValid(geom)
)
UPDATE pg_temp.import_work w
SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(w.geom), 3)),
    drawn_mu = ST_Area(ST_Multi(ST_CollectionExtract(ST_MakeValid(w.geom), 3))::geography) / (10000.0 / 15.0)
FROM bad
WHERE bad.fid = w.fid
RETURNING w.fid, coalesce(w.id, ''), bad.reason, bad.before_mu, w.drawn_mu
