-- The published shape of each collection: one flat view per collection, joined with the names a reader
-- needs (town, zone) and carrying the provenance of its geometry. The API and the tiles read only these
-- views, so that what a GIS client, a tile and the web page see is the same.

CREATE VIEW api_county AS
SELECT '330326'::text AS id, c.name, c.adcode, round(c.area_km2::numeric, 1)::float8 AS area_km2,
       c.provenance, c.source,
       'real: decoded from a public outline; see source'::text AS provenance_note,
       c.geom, ST_PointOnSurface(c.geom) AS label_point
FROM county c;

CREATE VIEW api_zones AS
SELECT z.id, z.name_zh AS name, z.name_zh, z.name_en, z.clause, z.description, z.industries, z.color,
       round(z.area_mu::numeric, 1)::float8 AS area_mu,
       (SELECT count(*) FROM parks p WHERE p.zone_id = z.id)::int AS park_count,
       (SELECT array_agg(t.name ORDER BY t.code) FROM towns t WHERE t.zone_id = z.id) AS towns,
       z.provenance,
       ('illustrative: ' || z.geom_method)::text AS provenance_note,
       z.geom, z.label_point
FROM zones z;

CREATE VIEW api_towns AS
SELECT t.code AS id, t.code, t.name, t.kind, t.zone_id AS zone, z.name_zh AS zone_name, t.zone_basis,
       t.seat_provenance AS provenance, t.seat_source AS provenance_note,
       t.geom, t.geom AS label_point
FROM towns t JOIN zones z ON z.id = t.zone_id;

CREATE VIEW api_parks AS
SELECT p.id, p.seq, p.name, p.aliases, t.name AS town, p.town_code, p.zone_id AS zone, z.name_zh AS zone_name,
       p.zone_basis, p.zone_clause, p.status,
       p.plan_area_mu::float8 AS plan_area_mu, round(p.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       p.enterprise_land_mu::float8 AS enterprise_land_mu, p.enterprise_land_alt, p.enterprise_land_alt_source,
       p.building_area_wan_m2::float8 AS building_area_wan_m2,
       p.building_area_alt_wan_m2::float8 AS building_area_alt_wan_m2, p.building_area_alt_source,
       p.industries, array_to_string(p.industries, '、') AS industry_text,
       p.firms, p.firms_basis, p.dev_mode, p.dev_mode_note, p.park_type, p.construction,
       p.counts_as_parks, p.counts_as_parks_note, p.sources,
       p.provenance,
       '示意图形：该园区无公开坐标，位置与轮廓为示意，面积按规划亩数绘制 / Illustrative shape: no public coordinates exist for this park; position and outline are schematic, drawn to the plan''s area'::text AS provenance_note,
       p.geom, p.label_point
FROM parks p
JOIN towns t ON t.code = p.town_code
JOIN zones z ON z.id = p.zone_id;

CREATE VIEW api_parcels AS
SELECT pc.code AS id, pc.code, pc.park_id, p.name AS park_name, p.zone_id AS zone, t.name AS town,
       pc.year, pc.area_mu::float8 AS area_mu, round(pc.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       pc.land_source, pc.planned_use, pc.plot_ratio::float8 AS plot_ratio, pc.status, pc.source_table,
       pc.provenance,
       '示意地块：按' || pc.source_table || '的年度供地计划数绘制，位置与轮廓为示意 / Illustrative parcel: drawn to the yearly supply figure of ' || pc.source_table || '; position and outline are schematic' AS provenance_note,
       pc.geom, pc.label_point
FROM parcels pc
JOIN parks p ON p.id = pc.park_id
JOIN towns t ON t.code = p.town_code;

CREATE VIEW api_redevelopment AS
SELECT r.id, r.name, t.name AS town, r.town_code, t.zone_id AS zone, r.kind,
       r.site_area_mu::float8 AS site_area_mu, round(r.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       r.current_plot_ratio::float8 AS current_plot_ratio, (r.kind = '旧厂房') AS old_factory,
       r.provenance,
       '示意区块：专栏3只给出全县合计3447.19亩（其中旧厂房约四分之一），各区块位置、面积与容积率均为示意 / Illustrative area: 专栏3 gives only the county total of 3447.19 亩 (about a quarter old factories); each area''s place, size and plot ratio are schematic'::text AS provenance_note,
       r.geom, r.label_point
FROM redevelopment r
JOIN towns t ON t.code = r.town_code;
