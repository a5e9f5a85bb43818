-- SaveCase: the case under the number cases_next_number gave (the number itself is a generated column).
INSERT INTO eligibility_cases (year, seq, request, crs, geom, proposal, answer, rules_version, verdict, parcel_id, note, created_by)
VALUES ($1, $2, $3::jsonb, $4, ST_Multi(ST_SetSRID(ST_GeomFromWKB($5), 4326)), $6::jsonb, $7::jsonb, $8, $9, NULLIF($10, ''), $11, $12)
RETURNING number
