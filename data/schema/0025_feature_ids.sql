-- MVT feature ids (issue 11: lean tiles). Every feature of every vector tile layer carries an
-- integer id, so a client can address it: MapLibre's feature-state (hover, the picked parcel) needs
-- one, and GDAL/QGIS read it as the MVT id. Our keys are text (parcel codes, constraint ids, park
-- ids), and MVT ids are unsigned integers, so the id is derived from the key:
--
--   parkmap_feature_id(collection, key) = the first 52 bits of md5(collection || '/' || key), + 1.
--
-- Why a hash and not a registry table of assigned numbers: the id is the same for the same parcel in
-- every version and on every server (a replica, an exported archive, a rebuilt database) with
-- nothing to keep in step; the import paths write no extra table, and the stored column costs the
-- tile nothing to read. 52 bits keep the id exact in JavaScript (below 2^53), where MapLibre holds
-- it as a number; + 1 keeps it from 0, which ST_AsMVT would send and a client may read as "no id".
-- The price is a chance of two keys sharing an id: about n² / 2^53, 4.4e-6 for a 200,000-parcel
-- cadastre. A shared id would only make two features share a highlight; the API, the eligibility
-- checks and every export address features by their text key, never by this id.
--
-- The label point of a polygon carries its polygon's id (the collection's, not the label layer's),
-- so a client can tie a label to its shape.
CREATE FUNCTION parkmap_feature_id(collection text, key text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ('x' || lpad(left(md5(collection || '/' || key), 13), 16, '0'))::bit(64)::bigint + 1
$$;

-- The two big layers store it (computed once when a row is written, read from the row by a tile);
-- the small ones (20 parks, 3 zones, 17 towns, 1 county, 50 redevelopment sites) compute it in
-- their views.
ALTER TABLE parcels ADD COLUMN feature_id bigint GENERATED ALWAYS AS (public.parkmap_feature_id('parcels', code)) STORED;
ALTER TABLE parcel_versions ADD COLUMN feature_id bigint GENERATED ALWAYS AS (public.parkmap_feature_id('parcels', code)) STORED;
ALTER TABLE constraints ADD COLUMN feature_id bigint GENERATED ALWAYS AS (public.parkmap_feature_id('constraints', id)) STORED;
GRANT SELECT (feature_id) ON parcel_versions TO parkmap_reader;

-- The views gain feature_id at their end (CREATE OR REPLACE VIEW may only append).
CREATE OR REPLACE VIEW live_parcels AS
SELECT code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_table,
       provenance, provenance_note, geom, drawn_area_mu, label_point, import_id, geom_3857, label_3857, area_3857,
       feature_id
FROM parcels
WHERE NOT EXISTS (SELECT FROM layer_current WHERE layer = 'parcels')
UNION ALL
SELECT code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, NULL::text,
       'real'::text, source_note, geom, drawn_area_mu, label_point, import_id, geom_3857, label_3857, area_3857,
       feature_id
FROM parcel_versions
WHERE import_id = (SELECT import_id FROM layer_current WHERE layer = 'parcels');

CREATE OR REPLACE VIEW api_parcels AS
SELECT pc.code AS id, pc.code, pc.park_id, p.name AS park_name, p.zone_id AS zone, t.name AS town,
       pc.year, pc.area_mu::float8 AS area_mu, round(pc.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       pc.land_source, pc.planned_use, pc.plot_ratio::float8 AS plot_ratio, pc.status, pc.source_table,
       pc.provenance, pc.provenance_note,
       pc.geom, pc.label_point, pc.geom_3857, pc.label_3857, pc.area_3857,
       pc.feature_id
FROM live_parcels pc
LEFT JOIN parks p ON p.id = pc.park_id
LEFT JOIN towns t ON t.code = p.town_code;

CREATE OR REPLACE VIEW api_constraints AS
SELECT c.id, c.kind, c.name, round(c.area_mu::numeric, 2)::float8 AS area_mu,
       c.provenance, c.source_note AS provenance_note,
       c.geom, c.label_point, c.geom_3857, c.label_3857, c.area_3857,
       c.feature_id
FROM constraints c;

CREATE OR REPLACE VIEW api_parks AS
SELECT p.id, p.seq, p.name, p.aliases, t.name AS town, p.town_code, p.zone_id AS zone, z.name_zh AS zone_name,
       p.zone_basis, p.zone_clause, coalesce(f.status, p.status) AS status,
       p.plan_area_mu::float8 AS plan_area_mu, round(p.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       p.enterprise_land_mu::float8 AS enterprise_land_mu, p.enterprise_land_alt, p.enterprise_land_alt_source,
       p.building_area_wan_m2::float8 AS building_area_wan_m2,
       p.building_area_alt_wan_m2::float8 AS building_area_alt_wan_m2, p.building_area_alt_source,
       coalesce(f.industries, p.industries) AS industries,
       array_to_string(coalesce(f.industries, p.industries), '、') AS industry_text,
       coalesce(f.firms_in_residence, p.firms) AS firms,
       CASE WHEN f.firms_in_residence IS NULL THEN p.firms_basis ELSE '入驻' END AS firms_basis,
       coalesce(f.development_mode, p.dev_mode) AS dev_mode, p.dev_mode_note, p.park_type, p.construction,
       p.counts_as_parks, p.counts_as_parks_note, p.sources,
       p.provenance, p.provenance_note,
       p.geom, p.label_point,
       p.status AS plan_status, p.industries AS plan_industries, p.firms AS plan_firms,
       p.firms_basis AS plan_firms_basis, p.dev_mode AS plan_dev_mode,
       f.operator, f.contact, f.notes AS facts_notes, f.recognition_year,
       coalesce(f.version, 0) AS facts_version, f.updated_at AS facts_updated_at,
       e.grade AS evaluation_grade, e.year AS evaluation_year,
       parkmap_feature_id('parks', p.id) AS feature_id
FROM parks p
JOIN towns t ON t.code = p.town_code
JOIN zones z ON z.id = p.zone_id
LEFT JOIN park_facts f ON f.park_id = p.id
LEFT JOIN LATERAL (SELECT pe.grade, pe.year FROM park_evaluations pe WHERE pe.park_id = p.id
                   ORDER BY pe.year DESC LIMIT 1) e ON true;

CREATE OR REPLACE VIEW api_zones AS
SELECT z.id, z.name_zh AS name, z.name_zh, z.name_en, z.clause, z.description, z.industries, z.color,
       round(z.area_mu::numeric, 1)::float8 AS area_mu,
       (SELECT count(*) FROM parks p WHERE p.zone_id = z.id)::int AS park_count,
       (SELECT array_agg(t.name ORDER BY t.code) FROM towns t WHERE t.zone_id = z.id) AS towns,
       z.provenance, z.provenance_note,
       z.geom, z.label_point,
       parkmap_feature_id('zones', z.id) AS feature_id
FROM zones z;

CREATE OR REPLACE VIEW api_towns AS
SELECT t.code AS id, t.code, t.name, t.kind, t.zone_id AS zone, z.name_zh AS zone_name, t.zone_basis,
       t.seat_provenance AS provenance, t.seat_source AS provenance_note,
       t.geom, t.geom AS label_point,
       parkmap_feature_id('towns', t.code) AS feature_id
FROM towns t JOIN zones z ON z.id = t.zone_id;

CREATE OR REPLACE VIEW api_county AS
SELECT '330326'::text AS id, c.name, c.adcode, round(c.area_km2::numeric, 1)::float8 AS area_km2,
       c.provenance, c.source, c.provenance_note,
       c.geom, ST_PointOnSurface(c.geom) AS label_point,
       parkmap_feature_id('county', '330326') AS feature_id
FROM county c;

CREATE OR REPLACE VIEW api_redevelopment AS
SELECT r.id, r.name, t.name AS town, r.town_code, t.zone_id AS zone, r.kind,
       r.site_area_mu::float8 AS site_area_mu, round(r.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       r.current_plot_ratio::float8 AS current_plot_ratio, (r.kind = '旧厂房') AS old_factory,
       r.provenance, r.provenance_note,
       r.geom, r.label_point,
       parkmap_feature_id('redevelopment', r.id) AS feature_id
FROM redevelopment r
LEFT JOIN towns t ON t.code = r.town_code;
