INSERT INTO redevelopment (id, name, town_code, kind, site_area_mu, current_plot_ratio, provenance, geom)
VALUES ($1, $2, (SELECT code FROM towns WHERE name = $3), $4, $5, $6, $7, ST_Multi(ST_GeomFromWKB($8, 4326)))
