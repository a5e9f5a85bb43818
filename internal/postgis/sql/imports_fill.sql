-- The working copy filled from ogr2ogr's staging table, every derived column computed here in one
-- pass (an UPDATE of 200,000 rows afterwards would rewrite each row, geometry and all, once per step).
-- The {{…}} are identifiers and fixed expressions only, put in by the importer: {{source}} the staging
-- table (pgx.Identifier), the field placeholders the file's field mapped to that layer field (checked
-- against the staging table's columns, cast to text) or a fixed default (fid for an id, $1 for a kind
-- given once, p0.given_kind: $1, NULL), {{grp}} and {{name}} the layer's fixed expressions (layerOps). No value is ever
-- part of the text.
--
-- An area stays in the file's unit here (the keep converts it, once the unit is told or given).
-- r is the file's fields as text; n parses the numbers and looks the park, town and kind up in
-- pg_temp.import_keys (imports_keys_*.sql: every accepted spelling, normalised as here).
INSERT INTO pg_temp.import_work (fid, id, name, kind_raw, kind, park_raw, park_id, park_name, matched_by,
                                 year_raw, year, area_raw, area_mu, land_source, use, plot_ratio_raw, plot_ratio,
                                 status, owner, town_raw, town_code, grp, drawn_mu, geom)
SELECT n.fid, {{final_id}}, {{name}}, n.kind_raw, n.kind, n.park_raw, n.park_id, n.park_name, n.matched_by,
       n.year_raw, n.year, n.area_raw, n.area_mu, n.land_source, n.use, n.plot_ratio_raw, n.plot_ratio,
       n.status, n.owner, n.town_raw, n.town_code, {{grp}}, n.drawn_mu, n.geom
FROM (
    SELECT r.*,
           CASE WHEN btrim(r.year_raw) ~ '^[0-9]{4}(\.0*)?$' THEN floor(btrim(r.year_raw)::numeric)::int END AS year,
           CASE WHEN btrim(r.area_raw) ~ '^[+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$' THEN btrim(r.area_raw)::float8 END AS area_mu,
           CASE WHEN btrim(r.plot_ratio_raw) ~ '^[+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$' THEN btrim(r.plot_ratio_raw)::float8 END AS plot_ratio,
           pk.value AS park_id, pk.label AS park_name, pk.how AS matched_by, tk.value AS town_code, tk.label AS town_name,
           kk.value AS kind,
           ST_Area(r.geom::geography) / (10000.0 / 15.0) AS drawn_mu
    FROM (SELECT s.fid, {{id}} AS id, {{name_raw}} AS name_raw, {{kind}} AS kind_raw, {{park}} AS park_raw,
                 {{year}} AS year_raw, {{area}} AS area_raw, {{land_source}} AS land_source, {{use}} AS use,
                 {{plot_ratio}} AS plot_ratio_raw, {{status}} AS status, {{owner}} AS owner, {{town}} AS town_raw, s.geom
          FROM {{source}} s, (SELECT $1::text AS given_kind) p0) r
    LEFT JOIN LATERAL (SELECT k.value, k.label, k.how FROM pg_temp.import_keys k
                       WHERE k.class = 'park' AND k.key = lower(regexp_replace(r.park_raw, '\s', '', 'g'))
                       ORDER BY k.rank, k.value LIMIT 1) pk ON r.park_raw IS NOT NULL
    LEFT JOIN LATERAL (SELECT k.value, k.label FROM pg_temp.import_keys k
                       WHERE k.class = 'town' AND k.key = regexp_replace(btrim(r.town_raw), '(镇|乡|街道)$', '')
                       ORDER BY k.rank, k.value LIMIT 1) tk ON r.town_raw IS NOT NULL
    LEFT JOIN LATERAL (SELECT k.value FROM pg_temp.import_keys k
                       WHERE k.class = 'kind' AND k.key = lower(btrim(r.kind_raw))
                       ORDER BY k.rank LIMIT 1) kk ON r.kind_raw IS NOT NULL
) n
