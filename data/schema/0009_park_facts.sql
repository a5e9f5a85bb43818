-- Park facts that can change (issue 12): what a planner knows now about a park, beside what the plan
-- printed in 2019. The plan's figures stay in parks, which `parkmap load` replaces wholesale by its
-- staged swap (DELETE and INSERT of every row); an edit kept there would be wiped by the next load.
-- park_facts is therefore a table of its own that the loader never touches, keyed by the park's id
-- with no foreign key: a key to parks would either block the swap's DELETE or (ON DELETE CASCADE)
-- delete the edits with it. The published view joins it by id after every load; a facts row whose
-- park a future dataset drops stays (with its audit history) and is simply not shown.
--
-- Every column but the key is nullable: NULL means "no current value: the plan's stands". version
-- is the optimistic lock (the ETag of GET /api/parks/{id}/facts, the If-Match of its PATCH); it
-- starts at 1 with the first edit (a park with no row is version 0).
CREATE TABLE park_facts (
    park_id            text PRIMARY KEY,
    status             text,
    firms_in_residence integer,
    industries         text[],
    development_mode   text,
    operator           text,
    contact            text,
    notes              text,
    recognition_year   integer,
    version            bigint      NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         text        NOT NULL,
    -- The plan's four statuses (parks.status) and 已认定, a park the county has recognised (认定).
    -- parkfacts.Statuses holds the same list; a test compares them.
    CONSTRAINT park_facts_status_known CHECK (status IN ('已竣工', '在建', '新建', '拟建', '已认定')),
    CONSTRAINT park_facts_dev_mode_known CHECK (development_mode IN ('工业地产', '龙头企业开发', '政府主导企业自建', '国资公司代建', '待定')),
    CONSTRAINT park_facts_firms_range CHECK (firms_in_residence BETWEEN 0 AND 100000),
    CONSTRAINT park_facts_industries_size CHECK (cardinality(industries) BETWEEN 1 AND 12),
    -- The upper bound (next year) moves with the calendar, so the service checks it; a CHECK must not
    -- depend on now().
    CONSTRAINT park_facts_recognition_year CHECK (recognition_year >= 2018),
    CONSTRAINT park_facts_text_length CHECK (char_length(operator) <= 100 AND char_length(contact) <= 100
                                             AND char_length(notes) <= 2000),
    CONSTRAINT park_facts_version_positive CHECK (version >= 1)
);

-- The layer version (0005) follows the facts as it follows the layers: an edit changes the dataset
-- version, so cached tiles, their ETags and every client's copy are invalidated, and every server
-- hears of it by NOTIFY on commit.
--
-- The trigger runs bump_layer_version as the role that writes: the writer now. Rather than grant the
-- writer INSERT and UPDATE on layer_versions and USAGE on its sequence, with which it could set any
-- layer's version to anything (rewind one, hand out a version twice, stop tiles from ever changing),
-- the function becomes SECURITY DEFINER: it runs with its owner's rights and does one thing only,
-- give the layer named by its trigger a fresh number, and only when a tracked table really changes.
-- A SECURITY DEFINER function must not find objects through a search_path its caller controls: it is
-- fixed, every name in it is schema-qualified, and nobody may call it but as a trigger (EXECUTE is
-- revoked from PUBLIC; PostgreSQL checks EXECUTE on a trigger function when the trigger is created,
-- not when it fires).
CREATE OR REPLACE FUNCTION bump_layer_version() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO public.layer_versions AS lv (layer, version, changed_at, xact)
    VALUES (TG_ARGV[0], nextval('public.layer_version_seq'), now(), pg_current_xact_id())
    ON CONFLICT (layer) DO UPDATE
        SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at, xact = EXCLUDED.xact
        WHERE lv.xact IS DISTINCT FROM EXCLUDED.xact;
    -- Identical notifications within one transaction are folded into one by PostgreSQL.
    PERFORM pg_notify('parkmap_versions', TG_ARGV[0]);
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION bump_layer_version() FROM PUBLIC;

SELECT parkmap_track_layer('park_facts', 'park_facts');

-- The published park: the current value where one exists, else the plan's, and the plan's own beside
-- it (plan_*) so that the card can show both. firms_basis follows firms: a current count is 入驻.
-- The columns of 0006 keep their names and order; the new ones come after them (CREATE OR REPLACE
-- VIEW may only append).
CREATE OR REPLACE VIEW api_parks AS
SELECT p.id, p.seq, p.name, p.aliases, t.name AS town, p.town_code, p.zone_id AS zone, z.name_zh AS zone_name,
       p.zone_basis, p.zone_clause, coalesce(f.status, p.status) AS status,
       p.plan_area_mu::float8 AS plan_area_mu, round(p.drawn_area_mu::numeric, 2)::float8 AS drawn_area_mu,
       p.enterprise_land_mu::float8 AS enterprise_land_mu, p.enterprise_land_alt, p.enterprise_land_alt_source,
       p.building_area_wan_m2::float8 AS building_area_wan_m2,
       p.building_area_alt_wan_m2::float8 AS building_area_alt_wan_m2, p.building_area_alt_source,
       coalesce(f.industries, p.industries) AS industries,
       array_to_string(coalesce(f.industries, p.industries), '、') AS industry_text,
       coalesce(f.firms_in_residence, p.firms) AS firms,
       CASE WHEN f.firms_in_residence IS NULL THEN p.firms_basis ELSE '入驻' END AS firms_basis,
       coalesce(f.development_mode, p.dev_mode) AS dev_mode, p.dev_mode_note, p.park_type, p.construction,
       p.counts_as_parks, p.counts_as_parks_note, p.sources,
       p.provenance, p.provenance_note,
       p.geom, p.label_point,
       p.status AS plan_status, p.industries AS plan_industries, p.firms AS plan_firms,
       p.firms_basis AS plan_firms_basis, p.dev_mode AS plan_dev_mode,
       f.operator, f.contact, f.notes AS facts_notes, f.recognition_year,
       coalesce(f.version, 0) AS facts_version, f.updated_at AS facts_updated_at
FROM parks p
JOIN towns t ON t.code = p.town_code
JOIN zones z ON z.id = p.zone_id
LEFT JOIN park_facts f ON f.park_id = p.id;

-- Grants. The reader reads the facts (the view reads them with the view owner's rights, but
-- GET /api/parks/{id}/facts reads the table). The writer reads, adds and changes facts, never deletes
-- them: going back to the plan's value is an edit to NULL, audited like any other. It needs nothing on
-- layer_versions (see above).
GRANT SELECT ON park_facts TO parkmap_reader;
GRANT SELECT, INSERT, UPDATE ON park_facts TO parkmap_writer;
