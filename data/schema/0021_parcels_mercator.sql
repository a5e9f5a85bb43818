-- A county's cadastre is drawn in Web Mercator tiles thousands of times for each time it is written
-- (issue 11). Reprojecting every parcel on every tile cost about a third of an uncached z14 tile
-- (EXPLAIN ANALYZE at 200,000 parcels: 2,045 parcels, 13.5 ms with ST_Transform, 11 ms without), so
-- the parcels keep a Web Mercator copy of their shape and label point, computed once when a row is
-- written (generated columns: no writer can forget them) and indexed for the tile's envelope, which
-- is itself in Web Mercator (ST_TileEnvelope): the index test needs no transform either.
-- The 4326 geometry stays the one of record: the API, eligibility and exports read it.
-- area_3857 is the shape's area in Web Mercator square metres: the label layer sends a parcel's
-- label only where the parcel is big enough on screen to carry one (tiles.Layer.LabelMinPixels).

ALTER TABLE parcels
    ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    -- A generated column cannot read another (label_point), so the point is found again; it is the
    -- same ST_PointOnSurface of the same shape.
    ADD COLUMN label_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(ST_PointOnSurface(geom), 3857)) STORED,
    ADD COLUMN area_3857 double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 3857))) STORED;
CREATE INDEX parcels_geom_3857_idx ON parcels USING gist (geom_3857);
CREATE INDEX parcels_label_3857_idx ON parcels USING gist (label_3857);

ALTER TABLE parcel_versions
    ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    ADD COLUMN label_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(ST_PointOnSurface(geom), 3857)) STORED,
    ADD COLUMN area_3857 double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 3857))) STORED;
CREATE INDEX parcel_versions_geom_3857_idx ON parcel_versions USING gist (import_id, geom_3857);
CREATE INDEX parcel_versions_label_3857_idx ON parcel_versions USING gist (import_id, label_3857);
-- The 4326 label points were indexed only for the label layer, which now reads label_3857.
DROP INDEX parcel_versions_label_idx;

-- The views gain the three columns at their end (CREATE OR REPLACE VIEW may only append).
CREATE OR REPLACE VIEW live_parcels AS
SELECT code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_table,
       provenance, provenance_note, geom, drawn_area_mu, label_point, import_id, geom_3857, label_3857, area_3857
FROM parcels
WHERE NOT EXISTS (SELECT FROM layer_current WHERE layer = 'parcels')
UNION ALL
SELECT code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, NULL::text,
       'real'::text, source_note, geom, drawn_area_mu, label_point, import_id, geom_3857, label_3857, area_3857
FROM parcel_versions
WHERE import_id = (SELECT import_id FROM layer_current WHERE layer = 'parcels');

CREATE OR REPLACE VIEW api_parcels AS
SELECT pc.code AS id, pc.code, pc.park_id, p.name AS park_name, p.zone_id AS zone, t.name AS town,
       pc.year, pc.area_mu::float8 AS area_mu, round(pc.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       pc.land_source, pc.planned_use, pc.plot_ratio::float8 AS plot_ratio, pc.status, pc.source_table,
       pc.provenance, pc.provenance_note,
       pc.geom, pc.label_point, pc.geom_3857, pc.label_3857, pc.area_3857
FROM live_parcels pc
LEFT JOIN parks p ON p.id = pc.park_id
LEFT JOIN towns t ON t.code = p.town_code;

GRANT SELECT (geom_3857, label_3857, area_3857) ON parcel_versions TO parkmap_reader;
