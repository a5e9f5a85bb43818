-- Prepared versions whose publish never came (a killed process) and that are older than $1 seconds:
-- discarded, rows and all, by the owner's function (the writer may not delete history itself).
SELECT parkmap_discard_prepared_import(id)
FROM layer_imports
WHERE version IS NULL AND created_at < now() - make_interval(secs => $1::bigint)
