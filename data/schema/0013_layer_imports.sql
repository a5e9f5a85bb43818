-- Imported layer versions (issue 10), first for the constraints layer (基本农田, 生态保护红线, 城镇开发边界,
-- 洪涝风险区): the county's own files, read by GDAL (`parkmap import constraints FILE`), checked in a
-- staging schema, then published as a numbered version of the layer.
--
-- layer_imports is one row per published version: the file it came from (name and sha256), what was
-- in it (feature count, total 亩 on the spheroid), how it was read (the CRS the file declared and the
-- one used, the text encoding, the field mapping), who imported it, when, and why (note). version
-- counts per layer from 1.
CREATE TABLE layer_imports (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    layer         text        NOT NULL CHECK (layer IN ('constraints')),
    version       integer     NOT NULL CHECK (version >= 1),
    file_name     text        NOT NULL CHECK (file_name <> ''),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    feature_count integer     NOT NULL CHECK (feature_count >= 0),
    total_mu      double precision NOT NULL,
    crs_read      text        NOT NULL, -- '' when the file declared none
    crs_used      text        NOT NULL CHECK (crs_used <> ''),
    encoding      text        NOT NULL,  -- '' when GDAL's own choice (.cpg, or UTF-8) was used
    mapping       jsonb       NOT NULL,
    imported_by   text        NOT NULL CHECK (imported_by <> ''),
    created_at    timestamptz NOT NULL DEFAULT now(),
    note          text        NOT NULL DEFAULT '',
    UNIQUE (layer, version)
);

-- layer_current says which version of a layer is live: at most one row per layer, so that "which is
-- current" can never be two answers. No row: the layer holds the bundled illustrative rows of
-- `parkmap load`.
CREATE TABLE layer_current (
    layer     text        PRIMARY KEY,
    import_id bigint      NOT NULL REFERENCES layer_imports (id),
    since     timestamptz NOT NULL DEFAULT now(),
    set_by    text        NOT NULL
);

-- Every published version keeps its features, so that a rollback is a swap of rows already checked,
-- never a re-import of a file that may be gone. The columns are the live table's; area_mu is on the
-- spheroid as there.
CREATE TABLE constraint_versions (
    import_id   bigint NOT NULL REFERENCES layer_imports (id),
    id          text   NOT NULL,
    kind        text   NOT NULL CHECK (kind <> ''),
    name        text   NOT NULL,
    source_note text   NOT NULL CHECK (source_note <> ''),
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    area_mu     double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / (10000.0 / 15.0)) STORED,
    PRIMARY KEY (import_id, id)
);

-- The live table says which version each row came from (NULL: the bundled illustrative row).
ALTER TABLE constraints ADD COLUMN import_id bigint REFERENCES layer_imports (id);

-- How this coexists with `parkmap load`: the live table, constraints, is what eligibility, the tiles
-- and the API read, and it holds exactly one thing: the current imported version's rows when the layer
-- has one (layer_current), else the bundled illustrative rows. A load replaces the bundled rows only
-- while no imported version is current (its swap is guarded by layer_current); once the county's real
-- layer is published, reloading the bundled dataset leaves it alone. A real version supersedes the
-- bundled layer as a whole (its kinds included), never mixing with it: an eligibility answer about
-- 基本农田 must not rest half on the bureau's data and half on an illustrative shape.
--
-- Provenance per feature: an imported row is provenance 'real' with a source_note naming the file,
-- its sha256 and the import date; a bundled one stays 'illustrative' with its own note.

-- The staging schema: ogr2ogr writes one fresh table per import here (import_staging.constraints_<hex>),
-- the checks read it, and the importer drops it in every case. Only the owner (who imports) uses it;
-- neither run-time role has any right on it.
CREATE SCHEMA import_staging;
REVOKE ALL ON SCHEMA import_staging FROM PUBLIC;

-- The version history is public (who imported which file when), as the audit log is to the reader.
-- Imports run as the owner on the command line; the writer gets nothing until the page imports.
GRANT SELECT ON layer_imports, layer_current, constraint_versions TO parkmap_reader;
