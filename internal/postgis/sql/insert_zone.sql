INSERT INTO zones (id, name_zh, name_en, clause, description, industries, color, provenance, geom_method)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'illustrative', $8)
