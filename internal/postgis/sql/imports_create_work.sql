-- The session's working copy of an import (pg_temp.import_work): one row per staged feature, every
-- mapped field as the file gave it (text; *_raw when it is parsed next), what the layer's own step
-- made of it (kind, park_id, year, numbers, town_code: imports_fill.sql derives them), grp (what the preview totals by: a kind, a
-- year, a park) and the geometry as ogr2ogr wrote it. One superset for every layer, so that the
-- common checks, repairs and totals read one fixed name; a layer leaves the columns it lacks NULL.
DROP TABLE IF EXISTS pg_temp.import_work;
CREATE TEMP TABLE import_work (
    fid            bigint PRIMARY KEY,
    id             text,
    name           text,
    kind_raw       text,
    kind           text,
    park_raw       text,
    park_id        text,
    park_name      text,
    matched_by     text,
    year_raw       text,
    year           integer,
    area_raw       text,
    area_mu        double precision, -- the file's area field in 亩 (its unit told or given)
    land_source    text,
    use            text,
    plot_ratio_raw text,
    plot_ratio     double precision,
    status         text,
    owner          text,
    town_raw       text,
    town_code      text,
    grp            text,
    drawn_mu       double precision, -- ST_Area on the spheroid, once (the checks, totals and diff read it)
    geom           geometry(MultiPolygon, 4326)
)
