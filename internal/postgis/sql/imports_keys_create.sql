-- The lookups of an import's fill (pg_temp.import_keys, filled by imports_keys_fill.sql): every
-- accepted spelling of a park, a town and a kind, normalised as imports_fill.sql normalises the
-- file's value. A few hundred rows, looked up by (class, key).
DROP TABLE IF EXISTS pg_temp.import_keys;
CREATE TEMP TABLE import_keys (
    class text NOT NULL, -- park, town or kind
    key   text NOT NULL,
    value text NOT NULL, -- the park's id, the town's code, the canonical kind
    label text NOT NULL,
    how   text NOT NULL, -- id, name, alias, code
    rank  integer NOT NULL
);
CREATE INDEX ON pg_temp.import_keys (class, key)
