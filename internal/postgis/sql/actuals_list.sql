-- Actuals: the figures of one park ($1, '' for every park) in years $2 to $3, in the plan's park
-- order (figures of a park no longer in the plan last, by id), then year, then the measures' order
-- ($4, plan.ActualMeasures' ids).
SELECT a.park_id, coalesce(p.name, ''), a.year, a.measure, a.value::float8, a.source, a.entered_by, a.entered_at
FROM park_actuals a
LEFT JOIN parks p ON p.id = a.park_id
WHERE ($1 = '' OR a.park_id = $1) AND a.year BETWEEN $2 AND $3
ORDER BY p.seq NULLS LAST, a.park_id, a.year, array_position($4::text[], a.measure)
