-- One layer of a vector tile: the shapes of a collection's view inside tile ($1, $2, $3) = (z, x, y),
-- clipped to the tile plus a 64-unit buffer so that strokes and fills join across tile edges.
-- The && test against the envelope (widened by the same buffer, 64/4096 of a tile) in the view's SRID
-- lets PostGIS use the GiST index. The {{...}} placeholders are filled once at startup with fixed
-- identifiers from the tile catalogue (pgx.Identifier.Sanitize) and the bind parameter of the layer's
-- name; no value is ever spliced into this text. {{guard}} is empty, or a density test (tiles.Density,
-- tile_dense_count.sql) that keeps the layer to the tiles dense enough, or sparse enough, for it.
-- A shape that vanishes at this zoom (mvt_geom NULL) is dropped outside the subquery, which OFFSET 0
-- keeps from being merged into this one: merged, the test (as a WHERE, or as an aggregate FILTER,
-- which this had) is a second call of ST_AsMVTGeom per feature, measured at half a z16 tile's time.
SELECT ST_AsMVT(t, {{layer_name}}::text, 4096, 'mvt_geom', 'feature_id')
FROM (
    SELECT ST_AsMVTGeom(ST_Transform(v.{{geom}}, 3857), ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS mvt_geom,
           v.feature_id, {{columns}}
    FROM {{view}} AS v
    WHERE v.{{geom}} && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326) {{guard}}
    OFFSET 0
) AS t
WHERE t.mvt_geom IS NOT NULL
