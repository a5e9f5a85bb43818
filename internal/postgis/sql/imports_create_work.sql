-- The session's working copy of an import (pg_temp.import_constraints): one row per staged feature,
-- the mapped id, kind and name as text, the geometry as ogr2ogr wrote it. The checks, the repairs,
-- the diff and the publish all read it under this one fixed name.
DROP TABLE IF EXISTS pg_temp.import_constraints;
CREATE TEMP TABLE import_constraints (
    fid      bigint PRIMARY KEY,
    id       text,
    raw_kind text,
    kind     text,
    name     text,
    geom     geometry(MultiPolygon, 4326)
)
