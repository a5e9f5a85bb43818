SELECT id, name_zh, name_en, unit, comparator, target::float8, year, clause, text,
       baseline::float8, coalesce(baseline_as_of, ''), coalesce(baseline_source, ''), coalesce(baseline_note, ''), path
FROM targets
ORDER BY clause, id
