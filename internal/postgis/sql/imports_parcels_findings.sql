-- The parcels layer's own finding: a park name that names none of the plan's parks (a warning: the
-- parcel is imported without a park).
SELECT fid, coalesce(id, ''), 'unmatched', park_raw, 0::float8
FROM pg_temp.import_work WHERE park_id IS NULL AND coalesce(btrim(park_raw), '') <> ''
ORDER BY 1
