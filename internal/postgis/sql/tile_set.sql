-- A whole tile: the layers drawn at its zoom, each an ST_AsMVT bytea (tile_layer.sql or
-- tile_label_layer.sql), concatenated (an MVT tile is a list of layers, so concatenated tiles are one
-- tile), with the version of the dataset it was made from (dataset_version.sql). One statement means
-- one round trip and one snapshot: every layer, and the version that keys the cache, come from the
-- same data even while a reload commits. {{layers}} is filled once at startup, one text per tileset
-- and zoom band.
SELECT parkmap_dataset_version() AS version,
       {{layers}} AS mvt
