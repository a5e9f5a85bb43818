-- The constraints layer (三区三线) at county scale (issue 11), as 0020 and 0021 did for the parcels.
-- A county's 永久基本农田 is tens of thousands of patches of hundreds of vertices. Measured on
-- parkmap-synth -constraints 30000 (30,010 features, 1.9 M vertices): a z14 tile took 40 ms and read
-- 5,500 buffers because the label layer had no index it could use (label_point unindexed: a
-- sequential scan of the whole layer per tile, transforming every point), and the tiles of z9-z12
-- reached 3.5 MB (z9), 3.0 MB (z10), 2.3 MB (z11), 0.8 MB (z12): 18,000 features a tile, each with its
-- id, name and 亩, and as many label points.
--
-- Mercator copies, as parcels have them (0021): the shape, its label point and its Web Mercator
-- area, computed once when a row is written and GiST-indexed, so a tile reads them as they are and
-- the label layer sends a label only where the feature is big enough to carry one (LabelMinPixels).
-- Only the live table gets them: the tiles read api_constraints, which reads constraints alone; a
-- published version's rows (constraint_versions) are copied into it by the swap, which computes them
-- there, so the history table would pay for columns nothing reads.
ALTER TABLE constraints
    ADD COLUMN geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    -- A generated column cannot read another (label_point): the same ST_PointOnSurface of the same shape.
    ADD COLUMN label_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(ST_PointOnSurface(geom), 3857)) STORED,
    ADD COLUMN area_3857 double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 3857))) STORED;
CREATE INDEX constraints_geom_3857_idx ON constraints USING gist (geom_3857);
CREATE INDEX constraints_label_3857_idx ON constraints USING gist (label_3857);

-- The overview (catalog.Overview, as the parcels' of 0020): a tile of zoom 13 or less that holds more
-- features than a tile can carry draws them as counts in cells of 1/32 of a tile, kept here per z18
-- tile of the feature's label point. Statement triggers keep the cells from the transition tables,
-- so neither `parkmap load`'s swap nor an import's can forget them; SECURITY DEFINER, so the writer
-- (which imports from the page) gets no right on the cells. The count column is named parcels, as
-- the overview layer's fields are (tiles.OverviewFields): it counts features, whatever they are.
CREATE TABLE constraint_cells (
    x       integer NOT NULL,
    y       integer NOT NULL,
    parcels integer NOT NULL CHECK (parcels >= 0), -- 0 only inside a trigger, which then deletes it
    area_mu double precision NOT NULL,
    PRIMARY KEY (x, y)
);
CREATE INDEX constraint_cells_empty_idx ON constraint_cells (x) WHERE parcels = 0;

CREATE FUNCTION parkmap_count_constraint_cells() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE public.constraint_cells c SET parcels = c.parcels - g.n, area_mu = c.area_mu - g.mu
        FROM (SELECT t[1] AS x, t[2] AS y, count(*)::int AS n, sum(o.area_mu)::float8 AS mu
              FROM old_rows o CROSS JOIN LATERAL public.parkmap_z18_tile(o.label_point) AS t
              GROUP BY 1, 2) AS g
        WHERE (c.x, c.y) = (g.x, g.y);
        DELETE FROM public.constraint_cells WHERE parcels = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO public.constraint_cells AS c (x, y, parcels, area_mu)
        SELECT t[1], t[2], count(*), sum(n.area_mu)
        FROM new_rows n CROSS JOIN LATERAL public.parkmap_z18_tile(n.label_point) AS t
        GROUP BY 1, 2
        ON CONFLICT (x, y) DO UPDATE
            SET parcels = c.parcels + EXCLUDED.parcels, area_mu = c.area_mu + EXCLUDED.area_mu;
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION parkmap_count_constraint_cells() FROM PUBLIC;

CREATE TRIGGER constraints_cells_insert AFTER INSERT ON constraints REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_constraint_cells();
CREATE TRIGGER constraints_cells_delete AFTER DELETE ON constraints REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_constraint_cells();
CREATE TRIGGER constraints_cells_update AFTER UPDATE ON constraints REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_count_constraint_cells();
-- A TRUNCATE has no transition table: it empties the cells with the rows.
CREATE FUNCTION parkmap_truncate_constraint_cells() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM public.constraint_cells;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION parkmap_truncate_constraint_cells() FROM PUBLIC;
CREATE TRIGGER constraints_cells_truncate AFTER TRUNCATE ON constraints
    FOR EACH STATEMENT EXECUTE FUNCTION parkmap_truncate_constraint_cells();

-- The rows already there.
INSERT INTO constraint_cells (x, y, parcels, area_mu)
SELECT t[1], t[2], count(*), sum(area_mu)
FROM constraints CROSS JOIN LATERAL parkmap_z18_tile(label_point) AS t
GROUP BY 1, 2;

CREATE VIEW live_constraint_cells AS SELECT x, y, parcels, area_mu FROM constraint_cells;

-- The view gains the three columns at its end (CREATE OR REPLACE VIEW may only append); the reader's
-- SELECT on it (0007) stands.
CREATE OR REPLACE VIEW api_constraints AS
SELECT c.id, c.kind, c.name, round(c.area_mu::numeric, 2)::float8 AS area_mu,
       c.provenance, c.source_note AS provenance_note,
       c.geom, c.label_point, c.geom_3857, c.label_3857, c.area_3857
FROM constraints c;

GRANT SELECT ON live_constraint_cells TO parkmap_reader, parkmap_writer;
