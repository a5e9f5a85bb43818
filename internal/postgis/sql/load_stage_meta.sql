INSERT INTO pg_temp.load_dataset_meta (id, version, source) VALUES (1, $1, $2)
