INSERT INTO park_phases (park_id, ord, phase, area_mu, area_approx, building_wan_m2, building_approx, note, clause)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
