-- The label layer of a polygon collection, as tile_label_layer.sql, from a view whose label point
-- {{geom}} is already in Web Mercator (tiles.Layer.Mercator): the point belongs to the tile whose
-- half-open envelope [xmin, xmax) x [ymin, ymax) holds it, so a label is drawn once and a point on a
-- tile edge is neither lost nor doubled. The && test uses the GiST index, but it compares boxes of
-- float4, rounded outwards (1 m at Pingyang's Mercator x of 1.34e7): a point up to a metre left of or
-- below the tile passes it too, so all four half-open tests stay (without the near ones, 80 of 30,010
-- constraint labels were sent twice at z16). The envelope's bounds are float8 arithmetic on z, x
-- and y ({{xmin}}, {{xmax}}, {{ymin}}, {{ymax}}: tileBoundSQL), the same operations in the same order as
-- PostGIS's ST_TileEnvelope and so the same numbers (TestTileBoundSQLIsTheEnvelopes): ST_XMin(e.env)
-- and its kind were called on every row the index returned, a fifth of the label layer's time at
-- z16. {{label_size}} is empty, or the size test of tiles.Layer.LabelMinPixels (labelSizeAt). Other
-- placeholders, and the OFFSET 0, as in tile_layer.sql.
SELECT ST_AsMVT(t, {{layer_name}}::text, 4096, 'mvt_geom', 'feature_id')
FROM (
    SELECT ST_AsMVTGeom(v.{{geom}}, e.env, 4096, 0, false) AS mvt_geom,
           v.feature_id, {{columns}}
    FROM (SELECT ST_TileEnvelope($1, $2, $3) AS env) AS e
    JOIN {{view}} AS v ON v.{{geom}} && ST_TileEnvelope($1, $2, $3)
    WHERE ST_X(v.{{geom}}) >= {{xmin}} AND ST_X(v.{{geom}}) < {{xmax}}
      AND ST_Y(v.{{geom}}) >= {{ymin}} AND ST_Y(v.{{geom}}) < {{ymax}} {{label_size}} {{guard}}
    OFFSET 0
) AS t
WHERE t.mvt_geom IS NOT NULL
