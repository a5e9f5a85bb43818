-- Eligibility cases (issue 12): the land bureau's record of a check. A case keeps the request as
-- submitted (JSON, the geometry in its own CRS), the shape as checked (EPSG:4326, for search by
-- location), the proposal and the answer as returned (verdict, facts, every rule) under the rules
-- version of the day. A case is a record: it is never changed or deleted (see the trigger below).
--
-- The case number is the county's style, 平阳准入〔2026〕0001号: numbered per calendar year (in
-- China Standard Time) without gaps among committed cases. A sequence cannot give that: nextval is
-- never rolled back, so a save that fails after taking its number (a constraint, a lost connection,
-- the audit insert) would leave a hole in the register. The number therefore comes from a counter
-- row per year, incremented by an UPDATE (INSERT … ON CONFLICT DO UPDATE) in the save's own
-- transaction: the row stays locked until that transaction ends, so concurrent saves of a year take
-- their numbers one after the other, and a rollback takes the increment back with it. The cost is
-- that saves of one year serialise on that row for the length of their (short) transaction.
CREATE TABLE eligibility_case_counters (
    year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    last integer NOT NULL CHECK (last >= 1)
);

CREATE TABLE eligibility_cases (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year          integer     NOT NULL,
    seq           integer     NOT NULL CHECK (seq >= 1),
    -- The number is derived from year and seq here, in one place; four digits, more past 9999.
    number        text        GENERATED ALWAYS AS ('平阳准入〔' || year::text || '〕' ||
                                   CASE WHEN seq < 10000 THEN lpad(seq::text, 4, '0') ELSE seq::text END || '号') STORED,
    request       jsonb       NOT NULL, -- as submitted, the note taken out
    crs           text        NOT NULL, -- the request's CRS (EPSG:4326 for a parcel_id)
    geom          geometry(MultiPolygon, 4326) NOT NULL, -- the shape as checked, converted to EPSG:4326
    proposal      jsonb       NOT NULL, -- the answer's proposal: type (and how it was chosen) and facts
    answer        jsonb       NOT NULL, -- as returned: verdict, rules_version, facts, every rule
    rules_version text        NOT NULL,
    verdict       text        NOT NULL CHECK (verdict IN ('eligible', 'not_eligible', 'needs_information')),
    parcel_id     text,
    note          text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT eligibility_cases_number_unique UNIQUE (number),
    CONSTRAINT eligibility_cases_year_seq_unique UNIQUE (year, seq)
);
CREATE INDEX eligibility_cases_verdict ON eligibility_cases (verdict, id DESC);
CREATE INDEX eligibility_cases_parcel ON eligibility_cases (parcel_id, id DESC) WHERE parcel_id IS NOT NULL;
CREATE INDEX eligibility_cases_created_at ON eligibility_cases (created_at DESC);
CREATE INDEX eligibility_cases_geom ON eligibility_cases USING gist (geom);

-- Append-only, like audit_log: the writer's grants allow no UPDATE or DELETE, and this trigger stops
-- everyone else (the owner included) from rewriting the register.
CREATE FUNCTION eligibility_cases_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'eligibility_cases is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER eligibility_cases_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON eligibility_cases
    FOR EACH STATEMENT EXECUTE FUNCTION eligibility_cases_append_only();

-- Grants. The reader lists and reads cases. The writer adds cases and reads them back; on the
-- counter it needs SELECT, INSERT and UPDATE (the upsert that numbers a case), never DELETE.
GRANT SELECT ON eligibility_cases TO parkmap_reader;
GRANT SELECT, INSERT ON eligibility_cases TO parkmap_writer;
GRANT SELECT, INSERT, UPDATE ON eligibility_case_counters TO parkmap_writer;
