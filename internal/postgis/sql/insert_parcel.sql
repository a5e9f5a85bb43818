INSERT INTO parcels (code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_table,
    provenance, geom)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ST_Multi(ST_GeomFromWKB($11, 4326)))
