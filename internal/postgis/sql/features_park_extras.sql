-- A park's construction phases (§三), its yearly plan (附件6 / 附件7) and the plan's own
-- inconsistencies about it (check-data's findings that disagree, both figures kept), carried in the park's
-- properties so that a park card needs one request. v is the api_parks row. A yearly figure the plan
-- does not give ("—") has value null and keeps its printed text in raw.
(SELECT coalesce(json_agg(json_build_object(
            'phase', ph.phase,
            'area_mu', ph.area_mu::float8,
            'area_approx', ph.area_approx,
            'building_wan_m2', ph.building_wan_m2::float8,
            'building_approx', ph.building_approx,
            'note', ph.note,
            'clause', ph.clause) ORDER BY ph.ord), '[]'::json)
 FROM park_phases ph WHERE ph.park_id = v.id) AS phases,
(SELECT coalesce(json_agg(json_build_object(
            'source_table', y.source_table,
            'measure', y.measure,
            'year', y.year,
            'unit', y.unit,
            'raw', y.raw,
            'value', y.value::float8)
        ORDER BY y.source_table, array_position(ARRAY['supply', 'start', 'completion', 'output'], y.measure), y.measure, y.year), '[]'::json)
 FROM park_yearly_plan y WHERE y.park_id = v.id) AS yearly_plan,
(SELECT coalesce(json_agg(json_build_object(
            'id', f.id,
            'known', f.known,
            'sources', f.sources,
            'figures', f.figures,
            'message', f.message,
            'note_zh', f.note_zh) ORDER BY f.id), '[]'::json)
 FROM plan_findings f WHERE f.park_id = v.id AND NOT f.ok) AS inconsistencies
