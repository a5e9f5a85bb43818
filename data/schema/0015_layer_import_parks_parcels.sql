-- Imports of the parks' boundaries, the land-supply parcels and the redevelopment areas (issue 10),
-- beside the constraints layer of 0013: each a numbered version in layer_imports, its features kept
-- in a <layer>_versions table so that a rollback is a swap of rows already checked.
ALTER TABLE layer_imports DROP CONSTRAINT layer_imports_layer_check;
ALTER TABLE layer_imports ADD CONSTRAINT layer_imports_layer_check
    CHECK (layer IN ('constraints', 'parks', 'parcels', 'redevelopment'));

-- Parks: a version is a set of real boundaries for some of the plan's 20 parks, matched by id, name
-- or alias (never guessed). The plan's attributes stay the plan's; only the shape and its provenance
-- change. A park the version lacks keeps (or gets back) its bundled illustrative shape, which the load
-- keeps in park_bundled_shapes for that purpose.
CREATE TABLE park_versions (
    import_id   bigint NOT NULL REFERENCES layer_imports (id),
    park_id     text   NOT NULL,
    source_ids  text[] NOT NULL,          -- the file's values that matched (several: a park in parts)
    matched_by  text   NOT NULL CHECK (matched_by IN ('id', 'name', 'alias')),
    file_area_mu double precision,        -- the file's own area field, in 亩, when mapped
    source_note text   NOT NULL CHECK (source_note <> ''),
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    PRIMARY KEY (import_id, park_id)
);
CREATE TABLE park_bundled_shapes (
    park_id         text PRIMARY KEY,
    provenance      text NOT NULL,
    provenance_note text NOT NULL,
    geom            geometry(MultiPolygon, 4326) NOT NULL
);
INSERT INTO park_bundled_shapes SELECT id, provenance, provenance_note, geom FROM parks;
ALTER TABLE parks ADD COLUMN import_id bigint REFERENCES layer_imports (id);

-- Parcels: a version replaces the whole layer. A bureau's parcel need not belong to one of the plan's
-- parks, nor to its years, nor to its four land sources, so the imported columns are looser than the
-- bundled ones; the loader's own checks (load_check.sql) still hold the bundled rows to the plan. The
-- foreign keys to parks and plan_tables go: a reload of the plan deletes and rewrites parks, and must not
-- be refused by (or cascade into) the county's parcels.
ALTER TABLE parcels DROP CONSTRAINT parcels_park_id_fkey;
ALTER TABLE parcels DROP CONSTRAINT parcels_source_table_fkey;
ALTER TABLE parcels DROP CONSTRAINT parcels_year_check;
ALTER TABLE parcels ADD CONSTRAINT parcels_year_check CHECK (year BETWEEN 1949 AND 2100);
ALTER TABLE parcels DROP CONSTRAINT parcels_land_source_check;
ALTER TABLE parcels ADD CONSTRAINT parcels_land_source_check CHECK (land_source <> '');
ALTER TABLE parcels ALTER COLUMN park_id DROP NOT NULL,
                    ALTER COLUMN year DROP NOT NULL,
                    ALTER COLUMN land_source DROP NOT NULL,
                    ALTER COLUMN planned_use DROP NOT NULL,
                    ALTER COLUMN plot_ratio DROP NOT NULL,
                    ALTER COLUMN status DROP NOT NULL,
                    ALTER COLUMN source_table DROP NOT NULL;
ALTER TABLE parcels ADD COLUMN import_id bigint REFERENCES layer_imports (id);
-- 权利人 (the owner) is kept with the version, not published: the API and tiles are public.
CREATE TABLE parcel_versions (
    import_id   bigint NOT NULL REFERENCES layer_imports (id),
    code        text   NOT NULL,
    park_id     text,
    year        integer,
    area_mu     numeric NOT NULL CHECK (area_mu > 0),
    land_source text,
    planned_use text,
    plot_ratio  numeric,
    status      text,
    owner       text,
    source_note text   NOT NULL CHECK (source_note <> ''),
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    PRIMARY KEY (import_id, code)
);

-- Redevelopment areas: the same, their town by name when the file gives one.
ALTER TABLE redevelopment DROP CONSTRAINT redevelopment_town_code_fkey;
ALTER TABLE redevelopment ALTER COLUMN town_code DROP NOT NULL,
                          ALTER COLUMN current_plot_ratio DROP NOT NULL;
ALTER TABLE redevelopment ADD COLUMN import_id bigint REFERENCES layer_imports (id);
CREATE TABLE redevelopment_versions (
    import_id          bigint NOT NULL REFERENCES layer_imports (id),
    id                 text   NOT NULL,
    name               text   NOT NULL,
    town_code          text,
    kind               text   NOT NULL CHECK (kind IN ('旧厂房', '低效工业区块', '闲置土地', '拆后土地')),
    site_area_mu       numeric NOT NULL CHECK (site_area_mu > 0),
    current_plot_ratio numeric,
    source_note        text   NOT NULL CHECK (source_note <> ''),
    geom               geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    PRIMARY KEY (import_id, id)
);

-- The views keep their columns; a parcel without a park, an area without a town, reads NULL there.
CREATE OR REPLACE VIEW api_parcels AS
SELECT pc.code AS id, pc.code, pc.park_id, p.name AS park_name, p.zone_id AS zone, t.name AS town,
       pc.year, pc.area_mu::float8 AS area_mu, round(pc.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       pc.land_source, pc.planned_use, pc.plot_ratio::float8 AS plot_ratio, pc.status, pc.source_table,
       pc.provenance, pc.provenance_note,
       pc.geom, pc.label_point
FROM parcels pc
LEFT JOIN parks p ON p.id = pc.park_id
LEFT JOIN towns t ON t.code = p.town_code;

CREATE OR REPLACE VIEW api_redevelopment AS
SELECT r.id, r.name, t.name AS town, r.town_code, t.zone_id AS zone, r.kind,
       r.site_area_mu::float8 AS site_area_mu, round(r.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       r.current_plot_ratio::float8 AS current_plot_ratio, (r.kind = '旧厂房') AS old_factory,
       r.provenance, r.provenance_note,
       r.geom, r.label_point
FROM redevelopment r
LEFT JOIN towns t ON t.code = r.town_code;

GRANT SELECT ON park_versions, redevelopment_versions, park_bundled_shapes TO parkmap_reader;
GRANT SELECT (import_id, code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_note, geom)
    ON parcel_versions TO parkmap_reader;
-- The writer imports from the page (roles checked by the service: layerimport.Target.Roles).
GRANT SELECT, INSERT ON park_versions, parcel_versions, redevelopment_versions TO parkmap_writer;
GRANT SELECT ON park_bundled_shapes TO parkmap_writer;
GRANT SELECT, UPDATE (geom, provenance, provenance_note, import_id) ON parks TO parkmap_writer;
GRANT SELECT, INSERT, DELETE ON parcels, redevelopment TO parkmap_writer;
