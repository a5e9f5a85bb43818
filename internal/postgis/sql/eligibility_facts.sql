-- The geometry facts of an eligibility check, in one statement, for a valid shape in WGS84 ($1 WKB).
-- $2 is the parcel's own park (its overlap is flagged own, and it is no "nearest park"), $3 the parcel's
-- own redevelopment area (left out of the overlaps), $4 the leading industries to match (NULL: the own
-- park's). Areas are on the spheroid (geography), never in a projection; overlaps in 亩.
-- A town is its imported boundary (0017) where it has one; otherwise the Voronoi cell of its seat,
-- built as derive_zones.sql builds the zones, so a shape's towns agree with its zones. The last two
-- columns say how many towns have a boundary, for the answer's towns_method.
-- Parks are read with their current status and industries (park_facts over the plan's, as api_parks
-- shows them), so that the check answers about the parks as they are now; NOT MATERIALIZED keeps the
-- parks' spatial index usable in each place the list is read.
WITH cur AS NOT MATERIALIZED (
    SELECT p.id, p.name, p.seq, p.provenance, p.geom, coalesce(f.status, p.status) AS status,
           coalesce(f.industries, p.industries) AS industries
    FROM parks p LEFT JOIN park_facts f ON f.park_id = p.id
), g AS MATERIALIZED (
    SELECT ST_Multi(ST_GeomFromWKB($1::bytea, 4326)) AS geom
), inside AS MATERIALIZED (
    SELECT CASE WHEN ST_CoveredBy(g.geom, c.geom) THEN g.geom
                ELSE ST_CollectionExtract(ST_Intersection(g.geom, c.geom), 3) END AS geom
    FROM g, county c
    WHERE c.id = 1
), cells AS (
    -- A town without a boundary gives up to the bounded ones what their boundaries cover, so that no
    -- place is in two towns while only some boundaries are imported.
    SELECT t.code, t.name,
           CASE WHEN t.boundary IS NOT NULL THEN t.boundary
                WHEN b.u IS NULL THEN v.cell
                ELSE ST_Difference(v.cell, b.u) END AS cell
    FROM (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(tw.geom), 0,
                  (SELECT ST_Expand(geom, 0.5) FROM county WHERE id = 1)))).geom AS cell
          FROM towns tw) v
    JOIN towns t ON ST_Intersects(v.cell, t.geom)
    CROSS JOIN (SELECT ST_Union(boundary) AS u FROM towns WHERE boundary IS NOT NULL) b
), ind AS (
    SELECT coalesce(nullif($4::text[], '{}'), (SELECT p.industries FROM cur p WHERE p.id = $2::text)) AS list,
           CASE WHEN cardinality($4::text[]) > 0 THEN 'proposal' WHEN $2::text IS NOT NULL THEN 'park' END AS basis
)
SELECT
    ST_Area(g.geom::geography) AS area_m2,
    greatest(ST_Area(g.geom::geography) - coalesce((SELECT ST_Area(i.geom::geography) FROM inside i), 0), 0)
        / (10000.0 / 15.0) AS outside_mu,
    (SELECT coalesce(json_agg(json_build_object('id', x.id, 'name', x.name_zh, 'area_mu', x.mu) ORDER BY x.mu DESC, x.id), '[]')
     FROM (SELECT z.id, z.name_zh, ST_Area(ST_Intersection(g.geom, z.geom)::geography) / (10000.0 / 15.0) AS mu
           FROM zones z WHERE ST_Intersects(g.geom, z.geom)) x
     WHERE x.mu > 0) AS zones,
    (SELECT coalesce(json_agg(json_build_object('id', x.code, 'name', x.name, 'area_mu', x.mu) ORDER BY x.mu DESC, x.code), '[]')
     FROM (SELECT c.code, c.name, ST_Area(ST_Intersection(i.geom, c.cell)::geography) / (10000.0 / 15.0) AS mu
           FROM cells c, inside i WHERE ST_Intersects(i.geom, c.cell)) x
     WHERE x.mu > 0) AS towns,
    (SELECT coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'status', x.status, 'own', x.own,
                                                'overlap_mu', x.mu, 'provenance', x.provenance) ORDER BY x.seq), '[]')
     FROM (SELECT p.id, p.name, p.status, p.seq, p.provenance, coalesce(p.id = $2::text, false) AS own,
                  ST_Area(ST_Intersection(g.geom, p.geom)::geography) / (10000.0 / 15.0) AS mu
           FROM cur p WHERE ST_Intersects(g.geom, p.geom)) x
     WHERE x.mu > 0) AS parks,
    (SELECT coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'kind', x.kind,
                                                'overlap_mu', x.mu, 'provenance', x.provenance) ORDER BY x.id), '[]')
     FROM (SELECT r.id, r.name, r.kind, r.provenance, ST_Area(ST_Intersection(g.geom, r.geom)::geography) / (10000.0 / 15.0) AS mu
           FROM redevelopment r WHERE ST_Intersects(g.geom, r.geom) AND r.id IS DISTINCT FROM $3::text) x
     WHERE x.mu > 0) AS redevelopment,
    (SELECT coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'kind', x.kind,
                                                'overlap_mu', x.mu, 'provenance', x.provenance) ORDER BY x.kind, x.id), '[]')
     FROM (SELECT k.id, k.name, k.kind, k.provenance, ST_Area(ST_Intersection(g.geom, k.geom)::geography) / (10000.0 / 15.0) AS mu
           FROM constraints k WHERE ST_Intersects(g.geom, k.geom)) x
     WHERE x.mu > 0) AS constraints,
    (SELECT coalesce(array_agg(DISTINCT k.kind ORDER BY k.kind), '{}') FROM constraints k) AS constraint_kinds,
    (SELECT list FROM ind) AS industries,
    (SELECT basis FROM ind) AS industries_basis,
    (SELECT json_build_object('id', p.id, 'name', p.name, 'status', p.status, 'industries', p.industries,
                              'distance_m', ST_Distance(g.geom::geography, p.geom::geography))
     FROM cur p, ind
     WHERE p.id IS DISTINCT FROM $2::text
       AND EXISTS (SELECT 1 FROM unnest(p.industries) pi, unnest(ind.list) qi
                   WHERE qi <> '' AND (strpos(pi, qi) > 0 OR strpos(qi, pi) > 0))
     ORDER BY ST_Distance(g.geom::geography, p.geom::geography), p.seq
     LIMIT 1) AS nearest,
    ST_X(pt.geom) AS lon, ST_Y(pt.geom) AS lat,
    ST_XMin(g.geom) AS min_lon, ST_YMin(g.geom) AS min_lat, ST_XMax(g.geom) AS max_lon, ST_YMax(g.geom) AS max_lat,
    coalesce((SELECT version FROM dataset_meta WHERE id = 1), '') AS data_version,
    (SELECT count(*) FILTER (WHERE boundary IS NOT NULL) FROM towns)::int AS towns_bounded,
    (SELECT count(*) FROM towns)::int AS towns_total
FROM g, LATERAL (SELECT ST_PointOnSurface(g.geom) AS geom) pt
