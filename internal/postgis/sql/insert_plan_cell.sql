INSERT INTO plan_cells (table_id, row_ord, row_label, park_id, is_total, column_key, column_label, unit,
    measure, year, raw, value, annotation)
VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7, $8, NULLIF($9, ''), NULLIF($10, 0), $11, $12, $13)
