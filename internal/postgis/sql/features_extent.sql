-- The bounding box of a collection's geometries and the first and last year of its time property
-- ({{time}}: the column, or NULL for a collection without time); NULLs when it has no features.
SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), first_year, last_year
FROM (SELECT ST_Extent(v.geom) AS e, min({{time}})::int AS first_year, max({{time}})::int AS last_year
      FROM {{view}} v) x
