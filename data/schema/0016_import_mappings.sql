-- Saved field mappings of layer imports (issue 10): a county bureau sends the same ledger again and
-- again (县自然资源局供地台账, next quarter), its fields named its own way (DKBH, YDMJ in 公顷, a GBK
-- Shapefile without .cpg or .prj). The user matches the fields once and saves it under the source's
-- name; the next file from the same source is read the same way.
--
-- mapping is the layer's field -> the file's field (a JSON object of strings); area_unit is the
-- area field's unit ('' : told from the data each time), crs and encoding are used where a file
-- declares none ('' : none saved). The service checks the rest (layerimport.SavedMapping.Check: the
-- layer's fields, the name's length); the CHECKs here keep a row from another writer sane.
CREATE TABLE import_mappings (
    layer     text        NOT NULL CHECK (layer IN ('parks', 'parcels', 'redevelopment', 'constraints')),
    name      text        NOT NULL CHECK (name <> '' AND char_length(name) <= 100),
    mapping   jsonb       NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
    area_unit text        NOT NULL DEFAULT '' CHECK (area_unit IN ('', '亩', '公顷', '㎡', '平方公里')),
    crs       text        NOT NULL DEFAULT '',
    encoding  text        NOT NULL DEFAULT '',
    saved_by  text        NOT NULL CHECK (saved_by <> ''),
    saved_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (layer, name)
);

-- A mapping names a source's fields, nothing private: the reader may list them (the page shows them
-- before an import); the writer saves, replaces and deletes them for the page's importers (which
-- user may is the service's check, layerimport.Target.Roles), each change audited.
GRANT SELECT ON import_mappings TO parkmap_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON import_mappings TO parkmap_writer;
