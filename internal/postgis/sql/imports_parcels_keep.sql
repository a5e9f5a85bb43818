-- The version's parcels, kept for good ($1 the version's id, $2 the provenance note, $3 the 亩 in
-- one unit of the file's area field). A parcel without an area field, or with one that is not a
-- number, takes its drawn area (spheroid). The rows are written in the order of their place (the
-- geohash of a point on each), so that the parcels of one tile share a few heap pages: a land
-- bureau's file comes in code order, and a z14 tile of 1,400 parcels written in that order reads
-- 1,372 pages (EXPLAIN (ANALYZE, BUFFERS), issue 11). The writer may not CLUSTER; an ordered
-- insert gives the same layout.
INSERT INTO parcel_versions (import_id, code, park_id, year, area_mu, land_source, planned_use, plot_ratio,
                             status, owner, source_note, geom)
SELECT $1, id, park_id, year, coalesce(area_mu * $3::float8, drawn_mu),
       nullif(btrim(land_source), ''), nullif(btrim(use), ''), plot_ratio, nullif(btrim(status), ''),
       nullif(btrim(owner), ''), $2, geom
FROM pg_temp.import_work
ORDER BY ST_GeoHash(ST_PointOnSurface(geom), 10)
