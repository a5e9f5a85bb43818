INSERT INTO constraints (id, kind, name, provenance, source_note, geom)
VALUES ($1, $2, $3, $4, $5, ST_Multi(ST_GeomFromWKB($6, 4326)))
