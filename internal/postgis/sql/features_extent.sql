-- The bounding box of a collection's geometries; NULLs when it has none.
SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(v.geom) AS e FROM {{view}} v) x
