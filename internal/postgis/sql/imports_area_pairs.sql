-- An import's area check, measured: for every staged feature its fid, id, the mapped area field as
-- the file has it (text: the pure check, layerimport.CheckAreas, parses it and says what it cannot)
-- and its drawn area in 亩 on the spheroid (0 for a feature without a shape). The importer's session
-- fills pg_temp.import_work first (drawn_mu is measured once there).
SELECT w.fid, coalesce(w.id, ''), coalesce(w.area_raw, ''),
       coalesce(w.drawn_mu, 0)::float8
FROM pg_temp.import_work w
ORDER BY w.fid
