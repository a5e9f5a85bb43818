-- Staging tables of imports that died before their clean-up (a kill -9 between ogr2ogr and the
-- drop): their names carry the Unix time they were made (<layer>_<seconds>_<hex>), and those
-- older than $1 seconds are listed for dropping. A running import's table is younger.
SELECT c.relname::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'import_staging' AND c.relkind = 'r'
  AND c.relname ~ '^[a-z]+_[0-9]+_[0-9a-f]+$'
  AND split_part(c.relname, '_', 2)::bigint < extract(epoch FROM now())::bigint - $1::bigint
