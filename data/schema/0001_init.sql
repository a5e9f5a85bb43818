-- parkmap schema, version 1. Geometry is stored in SRID 4326 (CGCS2000 / EPSG:4490 is the same at map
-- scale). Areas in 亩 are computed on geography (the WGS84 spheroid), never in EPSG:3857, and kept as
-- generated columns so that a drawn area can never drift from its shape.

CREATE EXTENSION IF NOT EXISTS postgis;

-- One row per load, so that tiles and responses can be keyed by the data they were made from.
CREATE TABLE dataset_meta (
    id          integer PRIMARY KEY CHECK (id = 1),
    version     text        NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    source      text        NOT NULL
);

CREATE TABLE county (
    id          integer PRIMARY KEY CHECK (id = 1),
    name        text NOT NULL,
    adcode      text NOT NULL,
    provenance  text NOT NULL CHECK (provenance IN ('real', 'illustrative')),
    source      text NOT NULL,
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    area_km2    double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / 1e6) STORED
);

CREATE TABLE zones (
    id          text PRIMARY KEY,
    name_zh     text NOT NULL UNIQUE,
    name_en     text NOT NULL,
    clause      text NOT NULL,
    description text NOT NULL,
    industries  text[] NOT NULL,
    color       text NOT NULL,
    provenance  text NOT NULL CHECK (provenance IN ('real', 'illustrative')),
    geom_method text NOT NULL,
    geom        geometry(MultiPolygon, 4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
    area_mu     double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / (10000.0 / 15.0)) STORED,
    label_point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED
);

CREATE TABLE towns (
    code            text PRIMARY KEY,
    name            text NOT NULL UNIQUE,
    kind            text NOT NULL,
    zone_id         text NOT NULL REFERENCES zones (id),
    zone_basis      text NOT NULL CHECK (zone_basis IN ('named', 'inferred')),
    seat_provenance text NOT NULL CHECK (seat_provenance IN ('real', 'illustrative')),
    seat_source     text NOT NULL,
    geom            geometry(Point, 4326) NOT NULL
);

CREATE TABLE parks (
    id                        text PRIMARY KEY,
    seq                       integer NOT NULL UNIQUE,
    name                      text NOT NULL UNIQUE,
    aliases                   text[] NOT NULL DEFAULT '{}',
    town_code                 text NOT NULL REFERENCES towns (code),
    zone_id                   text NOT NULL REFERENCES zones (id),
    zone_basis                text NOT NULL CHECK (zone_basis IN ('named', 'inferred')),
    zone_clause               text NOT NULL,
    status                    text NOT NULL CHECK (status IN ('已竣工', '在建', '新建', '拟建')),
    plan_area_mu              numeric NOT NULL CHECK (plan_area_mu > 0),
    enterprise_land_mu        numeric,
    enterprise_land_alt       text,
    enterprise_land_alt_source text,
    building_area_wan_m2      numeric NOT NULL,
    building_area_alt_wan_m2  numeric,
    building_area_alt_source  text,
    industries                text[] NOT NULL,
    firms                     integer NOT NULL,
    firms_basis               text NOT NULL CHECK (firms_basis IN ('入驻', '计划')),
    dev_mode                  text NOT NULL,
    dev_mode_note             text,
    park_type                 text NOT NULL,
    construction              text NOT NULL,
    counts_as_parks           integer NOT NULL DEFAULT 1,
    counts_as_parks_note      text,
    sources                   text[] NOT NULL,
    provenance                text NOT NULL CHECK (provenance IN ('real', 'illustrative')),
    geom                      geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    drawn_area_mu             double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / (10000.0 / 15.0)) STORED,
    label_point               geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED
);
CREATE INDEX parks_zone_idx ON parks (zone_id);
CREATE INDEX parks_town_idx ON parks (town_code);
CREATE INDEX parks_status_idx ON parks (status);

CREATE TABLE park_phases (
    park_id          text NOT NULL REFERENCES parks (id) ON DELETE CASCADE,
    ord              integer NOT NULL,
    phase            text NOT NULL,
    area_mu          numeric,
    area_approx      boolean NOT NULL DEFAULT false,
    building_wan_m2  numeric,
    building_approx  boolean NOT NULL DEFAULT false,
    note             text NOT NULL,
    clause           text NOT NULL,
    PRIMARY KEY (park_id, ord)
);

-- The plan's tables cell by cell, as printed: value is NULL where the plan prints no figure ("—",
-- "（已竣工）"), never 0; raw keeps the printed text and annotation what stood beside the number.
CREATE TABLE plan_tables (
    id      text PRIMARY KEY,
    title   text NOT NULL,
    clause  text NOT NULL,
    note    text
);

CREATE TABLE plan_cells (
    table_id     text NOT NULL REFERENCES plan_tables (id) ON DELETE CASCADE,
    row_ord      integer NOT NULL,           -- 0 for the printed total row
    row_label    text NOT NULL,
    park_id      text REFERENCES parks (id),
    is_total     boolean NOT NULL,
    column_key   text NOT NULL,
    column_label text NOT NULL,
    unit         text NOT NULL,
    measure      text,                       -- supply / start / completion / output (附件6, 附件7)
    year         integer,
    raw          text NOT NULL,
    value        numeric,
    annotation   text NOT NULL DEFAULT '',
    PRIMARY KEY (table_id, row_ord, column_key)
);
CREATE INDEX plan_cells_park_idx ON plan_cells (park_id);

-- The yearly plans of 附件6 and 附件7 per park, measure and year.
CREATE VIEW park_yearly_plan AS
SELECT park_id, table_id AS source_table, measure, year, unit, raw, value
FROM plan_cells
WHERE measure IS NOT NULL AND NOT is_total;

-- What `parkmap check-data` finds when it checks the plan against itself (geo.CheckPlan): every
-- printed total and repeated figure, agreeing or not. known marks the plan's own inconsistencies.
CREATE TABLE plan_findings (
    id       text PRIMARY KEY,
    kind     text NOT NULL,
    ok       boolean NOT NULL,
    known    boolean NOT NULL,
    park_id  text REFERENCES parks (id),
    sources  text[] NOT NULL,
    figures  text[] NOT NULL,
    message  text NOT NULL,
    note_zh  text
);
CREATE INDEX plan_findings_park_idx ON plan_findings (park_id);

CREATE TABLE targets (
    id          text PRIMARY KEY,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    unit        text NOT NULL,
    comparator  text NOT NULL CHECK (comparator IN ('=', '>=')),
    target      numeric NOT NULL,
    year        integer NOT NULL,
    clause      text NOT NULL,
    text        text NOT NULL
);

CREATE TABLE parcels (
    code          text PRIMARY KEY,
    park_id       text NOT NULL REFERENCES parks (id),
    year          integer NOT NULL CHECK (year BETWEEN 2018 AND 2022),
    area_mu       numeric NOT NULL CHECK (area_mu > 0),
    land_source   text NOT NULL CHECK (land_source IN ('新增', '存量', '低效再开发', '拆后')),
    planned_use   text NOT NULL,
    plot_ratio    numeric NOT NULL,
    status        text NOT NULL,
    source_table  text NOT NULL REFERENCES plan_tables (id),
    provenance    text NOT NULL CHECK (provenance IN ('real', 'illustrative')),
    geom          geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    drawn_area_mu double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / (10000.0 / 15.0)) STORED,
    label_point   geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED
);
CREATE INDEX parcels_park_idx ON parcels (park_id);

CREATE TABLE redevelopment (
    id                 text PRIMARY KEY,
    name               text NOT NULL,
    town_code          text NOT NULL REFERENCES towns (code),
    kind               text NOT NULL CHECK (kind IN ('旧厂房', '低效工业区块', '闲置土地', '拆后土地')),
    site_area_mu       numeric NOT NULL CHECK (site_area_mu > 0),
    current_plot_ratio numeric NOT NULL,
    provenance         text NOT NULL CHECK (provenance IN ('real', 'illustrative')),
    geom               geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    drawn_area_mu      double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / (10000.0 / 15.0)) STORED,
    label_point        geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED
);
CREATE INDEX redevelopment_town_idx ON redevelopment (town_code);

CREATE INDEX county_geom_idx ON county USING gist (geom);
CREATE INDEX zones_geom_idx ON zones USING gist (geom);
CREATE INDEX towns_geom_idx ON towns USING gist (geom);
CREATE INDEX parks_geom_idx ON parks USING gist (geom);
CREATE INDEX parks_label_idx ON parks USING gist (label_point);
CREATE INDEX parcels_geom_idx ON parcels USING gist (geom);
CREATE INDEX redevelopment_geom_idx ON redevelopment USING gist (geom);
