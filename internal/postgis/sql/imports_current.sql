-- The current version of a layer ($1): 0 when it holds the bundled rows.
SELECT coalesce((SELECT i.version FROM layer_current c JOIN layer_imports i ON i.id = c.import_id WHERE c.layer = $1), 0)
