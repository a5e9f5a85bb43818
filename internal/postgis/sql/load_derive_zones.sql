-- Zone polygons are illustrative: no public source draws them. They are derived in staging (Store.Load)
-- from the staged county and seats. Each town seat gets its Voronoi cell (planar, in degrees), cells are
-- merged by the zone the plan puts their town in (§二(四)), and the result is clipped to the county
-- outline. Parks are drawn so that their nearest seat is their own town's, so every park falls inside
-- its zone.
WITH frame AS (
    SELECT ST_Expand(geom, 0.5) AS box, geom AS county FROM pg_temp.load_county WHERE id = 1
), cells AS (
    SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(t.geom), 0, f.box))).geom AS cell
    FROM pg_temp.load_towns t, frame f
    GROUP BY f.box
), zoned AS (
    SELECT t.zone_id, ST_Union(c.cell) AS cells
    FROM cells c JOIN pg_temp.load_towns t ON ST_Intersects(c.cell, t.geom)
    GROUP BY t.zone_id
)
UPDATE pg_temp.load_zones z
SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(zoned.cells, f.county)), 3))
FROM zoned, frame f
WHERE z.id = zoned.zone_id
