-- The yearly plans (附件6, 附件7) cell by cell; value is NULL where the plan prints "—".
SELECT park_id, source_table, measure, unit, year, value::float8
FROM park_yearly_plan
ORDER BY source_table, park_id, measure, year
