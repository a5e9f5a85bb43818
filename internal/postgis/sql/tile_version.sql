-- The version of the loaded dataset, which keys the tile cache and the tiles' ETags.
SELECT coalesce((SELECT version FROM dataset_meta WHERE id = 1), '')
