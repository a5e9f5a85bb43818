-- The towns swap's second half: the version's ($1) boundaries become the towns'.
UPDATE towns t
SET boundary = v.geom, boundary_note = v.source_note, import_id = v.import_id
FROM town_versions v
WHERE v.import_id = $1 AND v.code = t.code
