-- A park's yearly plan (附件6 / 附件7), as a derived property of the park's feature. v is the api_parks row.
-- A yearly figure the plan does not give ("—") has value null and keeps its printed text in raw.
(SELECT coalesce(json_agg(json_build_object(
            'source_table', y.source_table,
            'measure', y.measure,
            'year', y.year,
            'unit', y.unit,
            'raw', y.raw,
            'value', y.value::float8)
        ORDER BY y.source_table, array_position(ARRAY['supply', 'start', 'completion', 'output'], y.measure), y.measure, y.year), '[]'::json)
 FROM park_yearly_plan y WHERE y.park_id = v.id) AS yearly_plan
