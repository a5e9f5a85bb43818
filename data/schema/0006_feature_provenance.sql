-- Provenance is per feature (issue 8): each layer table carries its own provenance_note, filled by the
-- loader from the dataset (data/seed/provenance.json, or a feature's own provenance_note), and the
-- api_* views read the column instead of writing one text for every row. A layer may then hold real
-- and illustrative features side by side, each saying where it came from. Towns (seat_source) and
-- constraints (source_note) had per-feature notes already.
--
-- Rows already loaded get the texts the views used to print, so that a database migrated but not yet
-- reloaded serves the same responses; the next load writes the dataset's own.
ALTER TABLE county ADD COLUMN provenance_note text;
ALTER TABLE zones ADD COLUMN provenance_note text;
ALTER TABLE parks ADD COLUMN provenance_note text;
ALTER TABLE parcels ADD COLUMN provenance_note text;
ALTER TABLE redevelopment ADD COLUMN provenance_note text;

UPDATE county SET provenance_note = 'real: decoded from a public outline; see source';
UPDATE zones SET provenance_note = 'illustrative: ' || geom_method;
UPDATE parks SET provenance_note = '示意图形：该园区无公开坐标，位置与轮廓为示意，面积按规划亩数绘制 / Illustrative shape: no public coordinates exist for this park; position and outline are schematic, drawn to the plan''s area';
UPDATE parcels SET provenance_note = '示意地块：按' || source_table || '的年度供地计划数绘制，位置与轮廓为示意 / Illustrative parcel: drawn to the yearly supply figure of ' || source_table || '; position and outline are schematic';
UPDATE redevelopment SET provenance_note = '示意区块：专栏3只给出全县合计3447.19亩（其中旧厂房约四分之一），各区块位置、面积与容积率均为示意 / Illustrative area: 专栏3 gives only the county total of 3447.19 亩 (about a quarter old factories); each area''s place, size and plot ratio are schematic';

ALTER TABLE county ALTER COLUMN provenance_note SET NOT NULL, ADD CHECK (provenance_note <> '');
ALTER TABLE zones ALTER COLUMN provenance_note SET NOT NULL, ADD CHECK (provenance_note <> '');
ALTER TABLE parks ALTER COLUMN provenance_note SET NOT NULL, ADD CHECK (provenance_note <> '');
ALTER TABLE parcels ALTER COLUMN provenance_note SET NOT NULL, ADD CHECK (provenance_note <> '');
ALTER TABLE redevelopment ALTER COLUMN provenance_note SET NOT NULL, ADD CHECK (provenance_note <> '');

-- The same views as 0002, column for column, with provenance_note read from the row.
CREATE OR REPLACE VIEW api_county AS
SELECT '330326'::text AS id, c.name, c.adcode, round(c.area_km2::numeric, 1)::float8 AS area_km2,
       c.provenance, c.source, c.provenance_note,
       c.geom, ST_PointOnSurface(c.geom) AS label_point
FROM county c;

CREATE OR REPLACE VIEW api_zones AS
SELECT z.id, z.name_zh AS name, z.name_zh, z.name_en, z.clause, z.description, z.industries, z.color,
       round(z.area_mu::numeric, 1)::float8 AS area_mu,
       (SELECT count(*) FROM parks p WHERE p.zone_id = z.id)::int AS park_count,
       (SELECT array_agg(t.name ORDER BY t.code) FROM towns t WHERE t.zone_id = z.id) AS towns,
       z.provenance, z.provenance_note,
       z.geom, z.label_point
FROM zones z;

CREATE OR REPLACE VIEW api_parks AS
SELECT p.id, p.seq, p.name, p.aliases, t.name AS town, p.town_code, p.zone_id AS zone, z.name_zh AS zone_name,
       p.zone_basis, p.zone_clause, p.status,
       p.plan_area_mu::float8 AS plan_area_mu, round(p.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       p.enterprise_land_mu::float8 AS enterprise_land_mu, p.enterprise_land_alt, p.enterprise_land_alt_source,
       p.building_area_wan_m2::float8 AS building_area_wan_m2,
       p.building_area_alt_wan_m2::float8 AS building_area_alt_wan_m2, p.building_area_alt_source,
       p.industries, array_to_string(p.industries, '、') AS industry_text,
       p.firms, p.firms_basis, p.dev_mode, p.dev_mode_note, p.park_type, p.construction,
       p.counts_as_parks, p.counts_as_parks_note, p.sources,
       p.provenance, p.provenance_note,
       p.geom, p.label_point
FROM parks p
JOIN towns t ON t.code = p.town_code
JOIN zones z ON z.id = p.zone_id;

CREATE OR REPLACE VIEW api_parcels AS
SELECT pc.code AS id, pc.code, pc.park_id, p.name AS park_name, p.zone_id AS zone, t.name AS town,
       pc.year, pc.area_mu::float8 AS area_mu, round(pc.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       pc.land_source, pc.planned_use, pc.plot_ratio::float8 AS plot_ratio, pc.status, pc.source_table,
       pc.provenance, pc.provenance_note,
       pc.geom, pc.label_point
FROM parcels pc
JOIN parks p ON p.id = pc.park_id
JOIN towns t ON t.code = p.town_code;

CREATE OR REPLACE VIEW api_redevelopment AS
SELECT r.id, r.name, t.name AS town, r.town_code, t.zone_id AS zone, r.kind,
       r.site_area_mu::float8 AS site_area_mu, round(r.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       r.current_plot_ratio::float8 AS current_plot_ratio, (r.kind = '旧厂房') AS old_factory,
       r.provenance, r.provenance_note,
       r.geom, r.label_point
FROM redevelopment r
JOIN towns t ON t.code = r.town_code;
