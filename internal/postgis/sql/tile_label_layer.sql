-- The label layer of a polygon collection: one point per feature, in exactly one tile. Unlike shapes,
-- a label point is not repeated in the neighbours' buffers: it belongs to the tile whose half-open
-- envelope [xmin, xmax) x [ymin, ymax) holds it in Web Mercator, so each label is drawn once and a
-- point on a tile edge is not lost or doubled. The && prefilter (with a hair of margin for the
-- reprojection) uses the GiST index where the table has one. Placeholders, and the OFFSET 0, as in tile_layer.sql.
SELECT ST_AsMVT(t, {{layer_name}}::text, 4096, 'mvt_geom', 'feature_id')
FROM (
    SELECT ST_AsMVTGeom(p.pt, e.env, 4096, 0, false) AS mvt_geom,
           v.feature_id, {{columns}}
    FROM (SELECT ST_TileEnvelope($1, $2, $3) AS env) AS e
    JOIN {{view}} AS v ON v.{{geom}} && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 1.0 / 4096), 4326)
    CROSS JOIN LATERAL (SELECT ST_Transform(v.{{geom}}, 3857) AS pt) AS p
    WHERE ST_X(p.pt) >= ST_XMin(e.env) AND ST_X(p.pt) < ST_XMax(e.env)
      AND ST_Y(p.pt) >= ST_YMin(e.env) AND ST_Y(p.pt) < ST_YMax(e.env) {{guard}}
    OFFSET 0
) AS t
WHERE t.mvt_geom IS NOT NULL
