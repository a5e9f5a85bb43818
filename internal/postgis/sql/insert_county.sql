INSERT INTO county (id, name, adcode, provenance, source, geom)
VALUES (1, $1, $2, 'real', $3, ST_Multi(ST_GeomFromWKB($4, 4326)))
