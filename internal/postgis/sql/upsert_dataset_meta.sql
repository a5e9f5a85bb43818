INSERT INTO dataset_meta (id, version, source) VALUES (1, $1, $2)
ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, source = EXCLUDED.source, loaded_at = now()
