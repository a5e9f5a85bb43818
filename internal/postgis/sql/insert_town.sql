INSERT INTO towns (code, name, kind, zone_id, zone_basis, seat_provenance, seat_source, geom)
VALUES ($1, $2, $3, $4, $5, $6, $7, ST_GeomFromWKB($8, 4326))
