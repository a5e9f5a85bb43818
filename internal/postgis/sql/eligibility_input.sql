-- The shape an eligibility check is about: a registered parcel by id ($1: a land-supply parcel code or a
-- redevelopment area id), or a drawn geometry ($2 WKB in SRID $3: 4326, or 4528/4549 for CGCS2000
-- Gauss-Krüger, which PROJ transforms). One row: what the parcel is (NULLs for a drawn shape), why the
-- geometry is invalid (ST_IsValidReason, in the CRS it was sent in, so its location reads as sent; NULL
-- when valid) and the shape in WGS84. An invalid geometry is reported, never repaired. No row: no such id.
WITH parcel AS (
    SELECT 'parcels'::text AS collection, pc.code AS id, concat_ws(' ', pc.code, p.name) AS name, '供地地块'::text AS kind,
           pc.area_mu::float8 AS recorded_mu, pc.plot_ratio::float8 AS plot_ratio, pc.park_id, t.name AS town,
           pc.provenance, pc.geom
    FROM live_parcels pc
    LEFT JOIN parks p ON p.id = pc.park_id -- an imported parcel need not be in a plan park (0015)
    LEFT JOIN towns t ON t.code = p.town_code
    WHERE pc.code = $1::text
    UNION ALL
    SELECT 'redevelopment', r.id, r.name, r.kind, r.site_area_mu::float8, r.current_plot_ratio::float8, NULL, t.name,
           r.provenance, r.geom
    FROM redevelopment r
    LEFT JOIN towns t ON t.code = r.town_code
    WHERE r.id = $1::text
), drawn AS (
    SELECT ST_SetSRID(ST_GeomFromWKB($2::bytea), $3::int) AS geom
    WHERE $2::bytea IS NOT NULL
), checked AS (
    SELECT d.geom, ST_IsValid(d.geom) AS valid, ST_IsValidReason(d.geom) AS reason FROM drawn d
), wgs AS (
    SELECT c.valid, c.reason, CASE WHEN c.valid THEN ST_Transform(c.geom, 4326) END AS geom FROM checked c
)
SELECT collection, id, name, kind, recorded_mu, plot_ratio, park_id, town, provenance,
       NULL::text AS invalid_reason, ST_AsBinary(geom) AS wkb
FROM parcel
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       CASE WHEN NOT w.valid THEN w.reason WHEN NOT ST_IsValid(w.geom) THEN ST_IsValidReason(w.geom) END,
       CASE WHEN w.valid AND ST_IsValid(w.geom) THEN ST_AsBinary(w.geom) END
FROM wgs w
