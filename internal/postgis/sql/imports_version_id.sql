-- The id of version $2 of layer $1.
SELECT id FROM layer_imports WHERE layer = $1 AND version = $2
