-- The channel on which every layer table's trigger announces a change (data/schema/0005_layer_versions.sql);
-- the Versions watcher listens on its own connection and reads dataset_version.sql on each notification.
LISTEN parkmap_versions
