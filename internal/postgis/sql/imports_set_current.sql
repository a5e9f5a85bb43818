-- Which version of the layer ($1) is live now ($2 its id; $3 who set it).
INSERT INTO layer_current (layer, import_id, set_by) VALUES ($1, $2, $3)
ON CONFLICT (layer) DO UPDATE SET import_id = EXCLUDED.import_id, since = now(), set_by = EXCLUDED.set_by
