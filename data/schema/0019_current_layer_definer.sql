-- 0018's bump_current_layer ran as the role that writes layer_current: the service's writer, which by
-- design (0009) holds nothing on layer_versions, so every publish and rollback over HTTP failed with
-- "permission denied for table layer_versions" (found by TestImportsInBrowser; the command line
-- publishes as the database's owner and never saw it). It becomes SECURITY DEFINER like
-- bump_layer_version: it gives the layer named by the changed row a fresh number and nothing else,
-- with a fixed search_path and every name schema-qualified, callable only as the trigger.
CREATE OR REPLACE FUNCTION bump_current_layer() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    l text := CASE WHEN TG_OP = 'DELETE' THEN OLD.layer ELSE NEW.layer END;
BEGIN
    INSERT INTO public.layer_versions AS lv (layer, version, changed_at, xact)
    VALUES (l, nextval('public.layer_version_seq'), now(), pg_current_xact_id())
    ON CONFLICT (layer) DO UPDATE
        SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at, xact = EXCLUDED.xact
        WHERE lv.xact IS DISTINCT FROM EXCLUDED.xact;
    PERFORM pg_notify('parkmap_versions', l);
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION bump_current_layer() FROM PUBLIC;
