-- Flat attributes (issue 13): what a client that holds no lists or objects can keep. QGIS 3.22's
-- OAPIF provider reads a JSON-typed field (a park's phases, yearly plan and inconsistencies, and a
-- list whose first features are empty) as NULL, and a Shapefile has neither lists nor long text;
-- so every nested attribute also has scalar siblings in the same feature: lists joined with 、 into
-- *_text, the yearly plan (附件6 / 附件7) one number per measure and year, the phases (§三) and the
-- plan's inconsistencies as a count and one text each. Chosen over a separate "flat" profile of each
-- collection because a client needs nothing to find them: QGIS, ogr2ogr and a Shapefile export get
-- them from the URL they already use, and they filter, sort and export like any other column.
--
-- The yearly plan's columns are the plan's own span (supply and start 2018-2021, completion and
-- output 2018-2022); a year the park's table does not give, or gives as "—", is null there, and
-- yearly_plan_source says which table the park is in. The store's tests check that every figure of
-- yearly_plan is in exactly one of these columns, so a year outside them could not go unnoticed.
CREATE VIEW park_flat_plan AS
SELECT y.park_id,
       string_agg(DISTINCT y.source_table, '、') AS yearly_plan_source,
       max(y.value::float8) FILTER (WHERE y.measure = 'supply' AND y.year = 2018) AS supply_2018_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'supply' AND y.year = 2019) AS supply_2019_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'supply' AND y.year = 2020) AS supply_2020_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'supply' AND y.year = 2021) AS supply_2021_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'start' AND y.year = 2018) AS start_2018_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'start' AND y.year = 2019) AS start_2019_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'start' AND y.year = 2020) AS start_2020_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'start' AND y.year = 2021) AS start_2021_mu,
       max(y.value::float8) FILTER (WHERE y.measure = 'completion' AND y.year = 2018) AS completion_2018_wan_m2,
       max(y.value::float8) FILTER (WHERE y.measure = 'completion' AND y.year = 2019) AS completion_2019_wan_m2,
       max(y.value::float8) FILTER (WHERE y.measure = 'completion' AND y.year = 2020) AS completion_2020_wan_m2,
       max(y.value::float8) FILTER (WHERE y.measure = 'completion' AND y.year = 2021) AS completion_2021_wan_m2,
       max(y.value::float8) FILTER (WHERE y.measure = 'completion' AND y.year = 2022) AS completion_2022_wan_m2,
       max(y.value::float8) FILTER (WHERE y.measure = 'output' AND y.year = 2018) AS output_2018_yi_yuan,
       max(y.value::float8) FILTER (WHERE y.measure = 'output' AND y.year = 2019) AS output_2019_yi_yuan,
       max(y.value::float8) FILTER (WHERE y.measure = 'output' AND y.year = 2020) AS output_2020_yi_yuan,
       max(y.value::float8) FILTER (WHERE y.measure = 'output' AND y.year = 2021) AS output_2021_yi_yuan,
       max(y.value::float8) FILTER (WHERE y.measure = 'output' AND y.year = 2022) AS output_2022_yi_yuan
FROM park_yearly_plan y
GROUP BY y.park_id;

-- A park's phases as one text in the plan's order, "一期：约135亩，约22万㎡，已竣工…；二期：…",
-- every figure as printed (约 where the plan says about), with the clause they come from.
CREATE VIEW park_flat_phases AS
SELECT ph.park_id,
       count(*)::int AS phase_count,
       string_agg(ph.phase || '：'
                  || concat_ws('，',
                       CASE WHEN ph.area_mu IS NOT NULL THEN
                           CASE WHEN ph.area_approx THEN '约' ELSE '' END || trim_scale(ph.area_mu) || '亩' END,
                       CASE WHEN ph.building_wan_m2 IS NOT NULL THEN
                           CASE WHEN ph.building_approx THEN '约' ELSE '' END || trim_scale(ph.building_wan_m2) || '万㎡' END,
                       nullif(ph.note, '')),
                  '；' ORDER BY ph.ord) AS phases_text,
       string_agg(DISTINCT ph.clause, '、') AS phases_clause
FROM park_phases ph
GROUP BY ph.park_id;

-- The plan's inconsistencies about a park, in Chinese, in the order of the derived list (by id).
CREATE VIEW park_flat_inconsistencies AS
SELECT f.park_id, count(*)::int AS inconsistency_count,
       string_agg(coalesce(f.note_zh, f.message), '；' ORDER BY f.id) AS inconsistencies_text
FROM plan_findings f
WHERE NOT f.ok AND f.park_id IS NOT NULL
GROUP BY f.park_id;

-- The views gain the flat columns at their end (CREATE OR REPLACE VIEW may only append).
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
       parkmap_feature_id('parks', p.id) AS feature_id,
       array_to_string(p.aliases, '、') AS aliases_text,
       array_to_string(p.sources, '、') AS sources_text,
       array_to_string(p.industries, '、') AS plan_industry_text,
       fp.yearly_plan_source,
       fp.supply_2018_mu, fp.supply_2019_mu, fp.supply_2020_mu, fp.supply_2021_mu,
       fp.start_2018_mu, fp.start_2019_mu, fp.start_2020_mu, fp.start_2021_mu,
       fp.completion_2018_wan_m2, fp.completion_2019_wan_m2, fp.completion_2020_wan_m2,
       fp.completion_2021_wan_m2, fp.completion_2022_wan_m2,
       fp.output_2018_yi_yuan, fp.output_2019_yi_yuan, fp.output_2020_yi_yuan,
       fp.output_2021_yi_yuan, fp.output_2022_yi_yuan,
       coalesce(ph.phase_count, 0) AS phase_count, ph.phases_text, ph.phases_clause,
       coalesce(fi.inconsistency_count, 0) AS inconsistency_count, fi.inconsistencies_text
FROM parks p
JOIN towns t ON t.code = p.town_code
JOIN zones z ON z.id = p.zone_id
LEFT JOIN park_facts f ON f.park_id = p.id
LEFT JOIN LATERAL (SELECT pe.grade, pe.year FROM park_evaluations pe WHERE pe.park_id = p.id
                   ORDER BY pe.year DESC LIMIT 1) e ON true
LEFT JOIN park_flat_plan fp ON fp.park_id = p.id
LEFT JOIN park_flat_phases ph ON ph.park_id = p.id
LEFT JOIN park_flat_inconsistencies fi ON fi.park_id = p.id;

CREATE OR REPLACE VIEW api_zones AS
SELECT z.id, z.name_zh AS name, z.name_zh, z.name_en, z.clause, z.description, z.industries, z.color,
       round(z.area_mu::numeric, 1)::float8 AS area_mu,
       (SELECT count(*) FROM parks p WHERE p.zone_id = z.id)::int AS park_count,
       (SELECT array_agg(t.name ORDER BY t.code) FROM towns t WHERE t.zone_id = z.id) AS towns,
       z.provenance, z.provenance_note,
       z.geom, z.label_point,
       parkmap_feature_id('zones', z.id) AS feature_id,
       array_to_string(z.industries, '、') AS industry_text,
       (SELECT string_agg(t.name, '、' ORDER BY t.code) FROM towns t WHERE t.zone_id = z.id) AS towns_text
FROM zones z;

-- A number property is written with a decimal point even when it is whole (30.0, not 30). QGIS 3.22's
-- OAPIF provider types each field from the first page of ten features it reads; a column whose first
-- ten values are whole or null is typed Integer, and every later 6.5 in it is read as NULL (found with
-- supply_2018_mu and completion_2020_wan_m2). A JSON client reads 30.0 and 30 as the same number.
CREATE FUNCTION parkmap_json_real(x float8) RETURNS json
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN x = trunc(x) AND abs(x) < 1e15 THEN (trunc(x)::numeric::text || '.0')::json ELSE to_json(x) END
$$;
