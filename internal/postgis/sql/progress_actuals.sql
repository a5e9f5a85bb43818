SELECT a.park_id, a.year, a.measure, a.value::float8, a.source, a.entered_by, a.entered_at
FROM park_actuals a
JOIN parks p ON p.id = a.park_id
ORDER BY p.seq, a.year, a.measure
