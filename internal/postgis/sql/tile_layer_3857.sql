-- One layer of a vector tile, as tile_layer.sql, from a view whose {{geom}} is already in Web
-- Mercator (tiles.Layer.Mercator: stored and GiST-indexed by the database, 0021_parcels_mercator.sql):
-- neither the features nor the tile's envelope are reprojected, and the && test is the index's own
-- operand. Placeholders, and the OFFSET 0, as in tile_layer.sql.
SELECT ST_AsMVT(t, {{layer_name}}::text, 4096, 'mvt_geom', 'feature_id')
FROM (
    SELECT ST_AsMVTGeom(v.{{geom}}, ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS mvt_geom,
           v.feature_id, {{columns}}
    FROM {{view}} AS v
    WHERE v.{{geom}} && ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) {{guard}}
    OFFSET 0
) AS t
WHERE t.mvt_geom IS NOT NULL
