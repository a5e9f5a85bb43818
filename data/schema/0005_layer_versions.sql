-- Per-layer content versions (issue 8). Every write to a layer's table, whoever makes it (the loader
-- today, imports and edits later), bumps that layer's row here and announces it on the channel
-- parkmap_versions; PostgreSQL delivers the notification on commit, and not at all on rollback, so a
-- server hears of exactly the changes it can now read. The dataset version that keys cached tiles and
-- ETags is a hash of all the rows (parkmap_dataset_version), read by the server's watcher and by the
-- tile statement itself, in the tile's own snapshot.

-- version comes from one sequence, so it only grows, even across layers and rolled-back writes.
-- xact is the transaction that last bumped the row: a load of thousands of INSERT statements then
-- costs one row update per layer, not one per statement.
CREATE SEQUENCE layer_version_seq;

CREATE TABLE layer_versions (
    layer      text PRIMARY KEY,
    version    bigint      NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    xact       xid8
);

-- bump_layer_version is the statement-level trigger of every layer table; TG_ARGV[0] names the layer.
CREATE FUNCTION bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO layer_versions AS lv (layer, version, changed_at, xact)
    VALUES (TG_ARGV[0], nextval('layer_version_seq'), now(), pg_current_xact_id())
    ON CONFLICT (layer) DO UPDATE
        SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at, xact = EXCLUDED.xact
        WHERE lv.xact IS DISTINCT FROM EXCLUDED.xact;
    -- Identical notifications within one transaction are folded into one by PostgreSQL.
    PERFORM pg_notify('parkmap_versions', TG_ARGV[0]);
    RETURN NULL;
END
$$;

-- parkmap_track_layer puts the trigger on a layer table and gives it a first version. Later
-- migrations that create a layer table (or swap one in) call it rather than repeat the DDL.
CREATE FUNCTION parkmap_track_layer(tbl regclass, layer_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TRIGGER IF EXISTS layer_version ON %s', tbl);
    EXECUTE format('CREATE TRIGGER layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version(%L)', tbl, layer_name);
    INSERT INTO layer_versions (layer, version) VALUES (layer_name, nextval('layer_version_seq'))
    ON CONFLICT (layer) DO NOTHING;
END
$$;

SELECT parkmap_track_layer(t::regclass, t)
FROM unnest(ARRAY['county', 'zones', 'towns', 'parks', 'park_phases', 'parcels', 'redevelopment',
                  'constraints', 'plan_tables', 'plan_cells', 'plan_findings', 'targets',
                  'dataset_meta']) AS t;

-- parkmap_dataset_version is the version of the whole dataset: 16 hex digits of a hash of every
-- layer's version and change time. The time (as epoch microseconds, independent of the session's
-- TimeZone) keeps a rebuilt database, whose sequence starts again, from reusing an old version.
CREATE FUNCTION parkmap_dataset_version() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(left(md5(string_agg(
               layer || '=' || version || '@' || (extract(epoch FROM changed_at) * 1000000)::bigint,
               ',' ORDER BY layer)), 16), '')
    FROM layer_versions
$$;
