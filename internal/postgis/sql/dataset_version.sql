-- The dataset version (data/schema/0005_layer_versions.sql; a view since 0024): a hash of every
-- layer's content version, which keys the tile cache and the tiles' ETags. The watcher (versions.go)
-- reads it on each change.
SELECT version FROM current_dataset_version
