-- A staged import's count, extent (lon/lat) and total 亩 on the spheroid, and per group (grp: a
-- constraint's kind, a parcel's year, a park).
SELECT count(*)::int,
       coalesce(ST_XMin(ST_Extent(geom)), 0), coalesce(ST_YMin(ST_Extent(geom)), 0),
       coalesce(ST_XMax(ST_Extent(geom)), 0), coalesce(ST_YMax(ST_Extent(geom)), 0),
       coalesce(sum(drawn_mu), 0),
       (SELECT coalesce(json_agg(json_build_object('kind', k.kind, 'count', k.n, 'mu', k.mu) ORDER BY k.kind), '[]')
        FROM (SELECT coalesce(grp, '(无)') AS kind, count(*) AS n,
                     coalesce(sum(drawn_mu), 0) AS mu
              FROM pg_temp.import_work GROUP BY 1) k)
FROM pg_temp.import_work
