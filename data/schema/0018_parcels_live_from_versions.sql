-- A county's cadastre publishes in a flip, not a rewrite (issue 10: publish ≤ 1 s at 200,000
-- parcels). An imported parcels version is written once, into parcel_versions, while it is prepared
-- (the rows are invisible until the version is current); publishing it is then one row of
-- layer_current, and a rollback the same. The live layer is the view live_parcels: the bundled rows
-- of `parkmap load` while no imported version is current, else the current version's rows. Before
-- this, a publish deleted and re-inserted every live row (10-18 s for 200,000 parcels, measured by
-- BenchmarkParcels200k), and a rollback did it again.

-- A version being prepared has no number yet: it gets one, and becomes current, in the publish.
ALTER TABLE layer_imports ALTER COLUMN version DROP NOT NULL;

-- The live layer's derived columns, computed once when a version is written, as parcels has them.
ALTER TABLE parcel_versions
    ADD COLUMN drawn_area_mu double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / (10000.0 / 15.0)) STORED,
    ADD COLUMN label_point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED;
-- btree_gist (a trusted contrib extension, which the database's owner may create) lets one GiST
-- index answer "this version's rows in this tile": (import_id, geom), and the label layer's points.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX parcel_versions_geom_idx ON parcel_versions USING gist (import_id, geom);
CREATE INDEX parcel_versions_label_idx ON parcel_versions USING gist (import_id, label_point);

CREATE VIEW live_parcels AS
SELECT code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_table,
       provenance, provenance_note, geom, drawn_area_mu, label_point, import_id
FROM parcels
WHERE NOT EXISTS (SELECT FROM layer_current WHERE layer = 'parcels')
UNION ALL
SELECT code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, NULL::text,
       'real'::text, source_note, geom, drawn_area_mu, label_point, import_id
FROM parcel_versions
WHERE import_id = (SELECT import_id FROM layer_current WHERE layer = 'parcels');

CREATE OR REPLACE VIEW api_parcels AS
SELECT pc.code AS id, pc.code, pc.park_id, p.name AS park_name, p.zone_id AS zone, t.name AS town,
       pc.year, pc.area_mu::float8 AS area_mu, round(pc.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       pc.land_source, pc.planned_use, pc.plot_ratio::float8 AS plot_ratio, pc.status, pc.source_table,
       pc.provenance, pc.provenance_note,
       pc.geom, pc.label_point
FROM live_parcels pc
LEFT JOIN parks p ON p.id = pc.park_id
LEFT JOIN towns t ON t.code = p.town_code;

-- A layer whose current version changes without a write to its table (the parcels' flip) moves its
-- layer version as a write would: tiles and ETags follow at once.
CREATE FUNCTION bump_current_layer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    l text := CASE WHEN TG_OP = 'DELETE' THEN OLD.layer ELSE NEW.layer END;
BEGIN
    INSERT INTO layer_versions AS lv (layer, version, changed_at, xact)
    VALUES (l, nextval('layer_version_seq'), now(), pg_current_xact_id())
    ON CONFLICT (layer) DO UPDATE
        SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at, xact = EXCLUDED.xact
        WHERE lv.xact IS DISTINCT FROM EXCLUDED.xact;
    PERFORM pg_notify('parkmap_versions', l);
    RETURN NULL;
END
$$;
CREATE TRIGGER layer_current_version AFTER INSERT OR UPDATE OR DELETE ON layer_current
    FOR EACH ROW EXECUTE FUNCTION bump_current_layer();

-- A prepared version whose publish never came (refused, or its process killed) is discarded, rows
-- and all. The writer may not delete history: it calls this, which removes only an unnumbered one.
CREATE FUNCTION parkmap_discard_prepared_import(prepared bigint) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM parcel_versions WHERE import_id = (SELECT id FROM layer_imports WHERE id = prepared AND version IS NULL);
    DELETE FROM layer_imports WHERE id = prepared AND version IS NULL;
$$;
REVOKE ALL ON FUNCTION parkmap_discard_prepared_import(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION parkmap_discard_prepared_import(bigint) TO parkmap_writer;

GRANT SELECT ON live_parcels TO parkmap_reader, parkmap_writer;
GRANT SELECT (drawn_area_mu, label_point) ON parcel_versions TO parkmap_reader;
-- The publish numbers the prepared version.
GRANT UPDATE (version) ON layer_imports TO parkmap_writer;
