INSERT INTO targets (id, name_zh, name_en, unit, comparator, target, year, clause, text,
    baseline, baseline_as_of, baseline_source, baseline_note, path)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULLIF($11, ''), NULLIF($12, ''), NULLIF($13, ''), $14)
