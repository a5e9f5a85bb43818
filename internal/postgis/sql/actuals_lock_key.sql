-- ApplyActuals, per park-year, first: one writer at a time per park-year ($1, "<park_id>/<year>"),
-- also when it has no figures yet (then actuals_lock's FOR UPDATE has no row to lock, and two first
-- entries would both audit an empty "before"). Advisory: no table is locked, readers never wait.
SELECT pg_advisory_xact_lock(hashtext('parkmap.actuals'), hashtext($1))
