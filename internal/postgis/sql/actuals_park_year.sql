-- ApplyActuals, after a park-year's change: its figures ($1 park, $2 year) in the measures' order ($3).
SELECT park_id, year, measure, value::float8, source, entered_by, entered_at
FROM park_actuals
WHERE park_id = $1 AND year = $2
ORDER BY array_position($3::text[], measure)
