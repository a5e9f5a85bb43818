-- The publish of a prepared version ($1 its id, $2 its layer): the layer's next number (the caller
-- holds the swap lock, so two publishes cannot take the same one).
UPDATE layer_imports
SET version = (SELECT coalesce(max(version), 0) + 1 FROM layer_imports WHERE layer = $2), created_at = now()
WHERE id = $1 AND version IS NULL
RETURNING version
