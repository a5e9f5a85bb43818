-- The first $1 staged features as a GeoJSON FeatureCollection (RFC 7946: lon/lat, CCW exteriors, 6
-- decimals, about 0.1 m) for the preview's map, each with its fid, id and group; and whether the file
-- has more than $1.
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', w.fid,
           'properties', json_build_object('fid', w.fid, 'id', w.id, 'group', w.grp),
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(w.geom), 6)::json) ORDER BY w.fid), '[]'::json))::text,
       (SELECT count(*) FROM pg_temp.import_work WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)) > $1
FROM (SELECT fid, id, grp, geom FROM pg_temp.import_work
      WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) ORDER BY fid LIMIT $1) w
