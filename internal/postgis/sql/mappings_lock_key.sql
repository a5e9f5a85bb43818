-- SaveMapping, first: one save at a time per mapping ($1, "<layer>/<name>"), also of a name not yet
-- saved (then mappings_lock's FOR UPDATE has no row to lock, and two first saves would both audit an
-- empty "before"). Advisory: no table is locked, readers never wait.
SELECT pg_advisory_xact_lock(hashtext('parkmap.import_mappings'), hashtext($1))
