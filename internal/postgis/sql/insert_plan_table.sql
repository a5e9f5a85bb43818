INSERT INTO plan_tables (id, title, clause, note) VALUES ($1, $2, $3, NULLIF($4, ''))
