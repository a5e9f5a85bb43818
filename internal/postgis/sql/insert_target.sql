INSERT INTO targets (id, name_zh, name_en, unit, comparator, target, year, clause, text)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
