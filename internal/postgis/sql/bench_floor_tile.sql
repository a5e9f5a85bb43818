-- The floor for an uncached parcels tile (issue 11): PostGIS's own cost for the same geometry,
-- with no attribute, no label layer, no overview and no version: the GiST index probe, the
-- transform and the encoding only. The load script times parkmap's tiles against it. live_parcels
-- reads the current version's rows of parcel_versions through (import_id, geom) GiST index, with a
-- one-time filter for the bundled table, so this is the bare table's plan.
SELECT ST_AsMVT(t, 'parcels')
FROM (
    SELECT ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3)) AS geom
    FROM live_parcels
    WHERE geom && ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)
) AS t
