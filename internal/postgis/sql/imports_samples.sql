-- The first rows of a staging table ({{source}}, an identifier put in by the importer) as JSON objects
-- of their attribute fields, the samples a mapping's suggestion reads values from.
SELECT (to_jsonb(s) - 'geom' - 'fid')::text FROM {{source}} s ORDER BY s.fid LIMIT 200
