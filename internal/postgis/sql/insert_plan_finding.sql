INSERT INTO plan_findings (id, kind, ok, known, park_id, sources, figures, message, note_zh)
VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, $7, $8, NULLIF($9, ''))
