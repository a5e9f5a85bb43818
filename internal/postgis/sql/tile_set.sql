-- A whole tile: the layers drawn at its zoom, each an ST_AsMVT bytea (tile_layer.sql or
-- tile_label_layer.sql), concatenated (an MVT tile is a list of layers, so concatenated tiles are one
-- tile), with the version of the dataset it was made from. One statement means one round trip and
-- one snapshot: every layer, and the version that keys the cache, come from the same data even while
-- a reload commits. The version is read from the view current_dataset_version (0024), which is
-- planned with the statement; the function parkmap_dataset_version was planned at every call.
-- {{layers}} is filled once at startup, one text per tileset and zoom band.
SELECT (SELECT version FROM current_dataset_version) AS version,
       {{layers}} AS mvt
