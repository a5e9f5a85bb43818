-- The columns ogr2ogr created in an import's staging table ($1 schema, $2 table), to check a mapping's
-- field names before they are used as identifiers.
SELECT column_name::text FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position
