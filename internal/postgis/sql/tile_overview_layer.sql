-- The overview layer of a collection too dense to draw at this zoom (catalog.Overview): the tile's
-- 32×32 cells, each a square with how many features it holds and their total 亩. The database keeps
-- the counts per z18 tile ({{view}}: x, y, parcels, area_mu; data/schema/0020_parcel_cells.sql); a
-- cell of tile (z, x, y) is a tile of z+5, so the cells are the z18 counts grouped by (x, y) >> (13 - z)
-- over the z18 range of this tile. Cells align with tiles: one never straddles two. Placeholders as
-- in tile_layer.sql; $1 ≤ 13 (tiles.OverviewMaxZoom). A cell's feature id is its place among the
-- tiles of z+5, cx · 2^(z+5) + cy + 1 (below 2^36): unique in the layer, and the same cell has the
-- same id in every version.
SELECT ST_AsMVT(t, {{layer_name}}::text, 4096, 'mvt_geom', 'feature_id')
FROM (
    SELECT ST_AsMVTGeom(ST_TileEnvelope($1 + 5, c.cx, c.cy), ST_TileEnvelope($1, $2, $3), 4096, 0, false) AS mvt_geom,
           (c.cx::bigint << ($1 + 5)) + c.cy + 1 AS feature_id, c.parcels, round(c.area_mu::numeric, 1)::float8 AS area_mu
    FROM (
        SELECT v.x >> (13 - $1) AS cx, v.y >> (13 - $1) AS cy, sum(v.parcels)::int AS parcels, sum(v.area_mu) AS area_mu
        FROM {{view}} AS v
        WHERE v.x >= $2 << (18 - $1) AND v.x < ($2 + 1) << (18 - $1)
          AND v.y >= $3 << (18 - $1) AND v.y < ($3 + 1) << (18 - $1) {{guard}}
        GROUP BY 1, 2
    ) AS c
) AS t
