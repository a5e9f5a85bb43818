-- The working copy filled from ogr2ogr's staging table. The {{…}} are identifiers only, each put in
-- by the importer through pgx.Identifier after it checked them against the staging table's columns
-- (imports_stage_columns.sql): {{source}} the staging table, the others the file's field mapped to
-- that layer field (cast to text), or a fixed default (fid for an id, $1 for a kind given once, NULL).
-- No value is ever part of the text.
INSERT INTO pg_temp.import_work (fid, id, name, kind_raw, park_raw, year_raw, area_raw, land_source, use,
                                 plot_ratio_raw, status, owner, town_raw, geom)
SELECT s.fid, {{id}}, {{name}}, {{kind}}, {{park}}, {{year}}, {{area}}, {{land_source}}, {{use}},
       {{plot_ratio}}, {{status}}, {{owner}}, {{town}}, s.geom
FROM {{source}} s
