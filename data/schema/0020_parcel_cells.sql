-- The parcels' overview (issue 11): at county zoom a tile of a 200,000-parcel cadastre held every
-- parcel, 4-19 MB. Below zoom 14 the parcels are drawn as counts in square cells instead
-- (catalog.Overview), and the counts are kept here, per version, at the finest cells the overview
-- draws: 1/32 of a z13 tile (about 150 m), which are exactly the tiles of z18, so a cell is (x, y) of
-- the z18 tile holding the parcel's label point and a coarser zoom's cell is (x >> k, y >> k). A z8
-- tile then sums a few thousand cells instead of reading 200,000 parcels (1 s of heap reads).
--
-- Triggers keep the cells: every insert, delete or update of parcels (the bundled rows, key 0) and of
-- parcel_versions (an import's rows, key import_id) adds or subtracts its rows' counts, from the
-- statement's transition tables, so no write path can forget them. They run SECURITY DEFINER: the
-- writer gets no rights on the cells, which only the triggers write.
CREATE TABLE parcel_cells (
    import_id bigint  NOT NULL, -- 0 for the bundled rows of `parkmap load`
    x         integer NOT NULL,
    y         integer NOT NULL,
    parcels   integer NOT NULL CHECK (parcels >= 0), -- 0 only inside a trigger, which then deletes it
    area_mu   double precision NOT NULL,
    PRIMARY KEY (import_id, x, y)
);
CREATE INDEX parcel_cells_empty_idx ON parcel_cells (import_id) WHERE parcels = 0;

-- The z18 tile of a point given in degrees: Web Mercator by its formula (as the tile SQL computes it).
CREATE FUNCTION parkmap_z18_tile(p geometry) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog AS $$
    SELECT ARRAY[floor((public.ST_X(p) + 180) / 360 * 262144)::integer,
                 floor((1 - ln(tan(radians(public.ST_Y(p))) + 1 / cos(radians(public.ST_Y(p)))) / pi()) / 2 * 262144)::integer]
$$;

CREATE FUNCTION parkmap_count_parcel_cells() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- The bundled table's rows count under key 0 whatever their import_id (an older import's mark).
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE public.parcel_cells c SET parcels = c.parcels - g.n, area_mu = c.area_mu - g.mu
        FROM (SELECT CASE WHEN TG_TABLE_NAME = 'parcels' THEN 0 ELSE o.import_id END AS import_id,
                     t[1] AS x, t[2] AS y, count(*)::int AS n, sum(o.area_mu)::float8 AS mu
              FROM old_rows o CROSS JOIN LATERAL public.parkmap_z18_tile(public.ST_PointOnSurface(o.geom)) AS t
              GROUP BY 1, 2, 3) AS g
        WHERE (c.import_id, c.x, c.y) = (g.import_id, g.x, g.y);
        -- Cells left with no parcel go (found by the partial index).
        DELETE FROM public.parcel_cells WHERE parcels = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO public.parcel_cells AS c (import_id, x, y, parcels, area_mu)
        SELECT CASE WHEN TG_TABLE_NAME = 'parcels' THEN 0 ELSE n.import_id END, t[1], t[2], count(*), sum(n.area_mu)
        FROM new_rows n CROSS JOIN LATERAL public.parkmap_z18_tile(public.ST_PointOnSurface(n.geom)) AS t
        GROUP BY 1, 2, 3
        ON CONFLICT (import_id, x, y) DO UPDATE
            SET parcels = c.parcels + EXCLUDED.parcels, area_mu = c.area_mu + EXCLUDED.area_mu;
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION parkmap_count_parcel_cells() FROM PUBLIC;

-- A statement-level trigger may name transition tables for one event only, so each event has its own.
CREATE TRIGGER parcels_cells_insert AFTER INSERT ON parcels REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_parcel_cells();
CREATE TRIGGER parcels_cells_delete AFTER DELETE ON parcels REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_parcel_cells();
CREATE TRIGGER parcels_cells_update AFTER UPDATE ON parcels REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_parcel_cells();
CREATE TRIGGER parcel_versions_cells_insert AFTER INSERT ON parcel_versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_parcel_cells();
CREATE TRIGGER parcel_versions_cells_delete AFTER DELETE ON parcel_versions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_parcel_cells();
CREATE TRIGGER parcel_versions_cells_update AFTER UPDATE ON parcel_versions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_parcel_cells();

-- The rows already there.
INSERT INTO parcel_cells (import_id, x, y, parcels, area_mu)
SELECT k, t[1], t[2], count(*), sum(area_mu)
FROM (SELECT 0::bigint AS k, geom, area_mu FROM parcels
      UNION ALL SELECT import_id, geom, area_mu FROM parcel_versions) AS r
CROSS JOIN LATERAL parkmap_z18_tile(ST_PointOnSurface(r.geom)) AS t
GROUP BY 1, 2, 3;

-- The live cells: the current version's, else the bundled rows', as live_parcels chooses.
CREATE VIEW live_parcel_cells AS
SELECT x, y, parcels, area_mu FROM parcel_cells
WHERE import_id = coalesce((SELECT import_id FROM layer_current WHERE layer = 'parcels'), 0);

GRANT SELECT ON live_parcel_cells TO parkmap_reader, parkmap_writer;
