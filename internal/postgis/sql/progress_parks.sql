SELECT p.id, p.name, p.zone_id, p.status, p.counts_as_parks, p.plan_area_mu::float8,
       p.building_area_wan_m2::float8, f.recognition_year
FROM parks p
LEFT JOIN park_facts f ON f.park_id = p.id
ORDER BY p.seq
