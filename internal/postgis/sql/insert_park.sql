INSERT INTO parks (id, seq, name, aliases, town_code, zone_id, zone_basis, zone_clause, status,
    plan_area_mu, enterprise_land_mu, enterprise_land_alt, enterprise_land_alt_source,
    building_area_wan_m2, building_area_alt_wan_m2, building_area_alt_source,
    industries, firms, firms_basis, dev_mode, dev_mode_note, park_type, construction,
    counts_as_parks, counts_as_parks_note, sources, provenance, geom)
VALUES ($1, $2, $3, $4, (SELECT code FROM towns WHERE name = $5), $6, $7, $8, $9,
    $10, $11, NULLIF($12, ''), NULLIF($13, ''),
    $14, $15, NULLIF($16, ''),
    $17, $18, $19, $20, NULLIF($21, ''), $22, $23,
    $24, NULLIF($25, ''), $26, 'illustrative', ST_Multi(ST_GeomFromWKB($27, 4326)))
