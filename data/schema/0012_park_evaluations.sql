-- Park evaluations (绩效评价, issue 12): the county grades its recognised parks A/B/C/D each year under
-- the Wenzhou method (温小微园办〔2020〕2号). Two tables:
--
--   evaluation_rounds  one row per year's notice: who issued it, when, the method, the dimensions, how
--                      many parks it evaluated of how many recognised, and how many got each grade. It
--                      is the dataset's (data/seed/evaluations.json): `parkmap load` replaces it whole,
--                      like the plan's tables; nobody edits it through the service.
--   park_evaluations   one row per park and year: the grade, the park's name as the notice prints it,
--                      how that name was matched to the plan's park, the source, who entered it and
--                      when. A round's counts say how many parks got each grade; these rows say which,
--                      where it is known. The 2025 notice graded 11 parks and names 4 of them, so 4 rows
--                      and 7 parks "no data": nothing here is guessed.
--
-- park_evaluations is keyed by the park's id without a foreign key, for the reason park_facts gives
-- (0009): the plan's load replaces parks wholesale, and grades entered by people must outlive it. It
-- holds the dataset's grades and the planners' side by side: origin says whose a row is. A load
-- deletes and inserts only the rows whose origin is 'dataset', and never overwrites a planner's row
-- for the same park and year (INSERT … ON CONFLICT DO NOTHING): a planner's correction stands.
-- A planner's edit of a dataset row replaces it (DELETE and INSERT in one transaction) by a row of
-- origin 'planner'; the writer cannot INSERT origin at all (column grant below), so it cannot pass
-- its rows off as the dataset's.
CREATE TABLE evaluation_rounds (
    year             integer PRIMARY KEY CHECK (year >= 2018),
    issuer           text    NOT NULL CHECK (char_length(issuer) BETWEEN 1 AND 200),
    -- The notice's own title where it is known; NULL where only its issuer and date are.
    title            text    CHECK (char_length(title) BETWEEN 1 AND 300),
    notice_date      date    NOT NULL,
    method           text    NOT NULL CHECK (char_length(method) BETWEEN 1 AND 300),
    dimensions       text[]  NOT NULL CHECK (cardinality(dimensions) BETWEEN 1 AND 30),
    parks_evaluated  integer NOT NULL CHECK (parks_evaluated >= 0),
    parks_recognised integer NOT NULL CHECK (parks_recognised >= 0),
    count_a          integer NOT NULL CHECK (count_a >= 0),
    count_b          integer NOT NULL CHECK (count_b >= 0),
    count_c          integer NOT NULL CHECK (count_c >= 0),
    count_d          integer NOT NULL CHECK (count_d >= 0),
    source           text    NOT NULL CHECK (char_length(source) BETWEEN 1 AND 300),
    CONSTRAINT evaluation_rounds_evaluated_of_recognised CHECK (parks_evaluated <= parks_recognised),
    CONSTRAINT evaluation_rounds_counts_add_up CHECK (count_a + count_b + count_c + count_d = parks_evaluated)
);

CREATE TABLE park_evaluations (
    park_id        text        NOT NULL,
    year           integer     NOT NULL CHECK (year >= 2018),
    grade          text        NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
    -- The park's name as the notice prints it (NULL: the planner gave none), and why that name is this
    -- park (the dataset's matches are explicit, never fuzzy; see data/PROVENANCE.md).
    name_in_notice text        CHECK (char_length(name_in_notice) BETWEEN 1 AND 100),
    match_note     text        CHECK (char_length(match_note) BETWEEN 1 AND 500),
    source         text        NOT NULL CHECK (char_length(source) BETWEEN 1 AND 300),
    origin         text        NOT NULL DEFAULT 'planner' CHECK (origin IN ('dataset', 'planner')),
    entered_by     text        NOT NULL CHECK (char_length(entered_by) BETWEEN 1 AND 100),
    entered_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (park_id, year)
);
CREATE INDEX park_evaluations_year ON park_evaluations (year, grade);

-- The layer version (0005, 0009) follows the grades, since the map colours parks by their latest:
-- an edit or a load changes the dataset version, so cached tiles and ETags are invalidated. The
-- trigger function is 0009's SECURITY DEFINER one: the writer needs nothing on layer_versions.
SELECT parkmap_track_layer('park_evaluations', 'park_evaluations');
SELECT parkmap_track_layer('evaluation_rounds', 'evaluation_rounds');

-- The published park gains its latest grade and the year of it (NULL: no grade known). The columns
-- of 0009 keep their names and order; the new ones come after them (CREATE OR REPLACE VIEW may only
-- append).
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
       coalesce(f.version, 0) AS facts_version, f.updated_at AS facts_updated_at,
       e.grade AS evaluation_grade, e.year AS evaluation_year
FROM parks p
JOIN towns t ON t.code = p.town_code
JOIN zones z ON z.id = p.zone_id
LEFT JOIN park_facts f ON f.park_id = p.id
LEFT JOIN LATERAL (SELECT pe.grade, pe.year FROM park_evaluations pe WHERE pe.park_id = p.id
                   ORDER BY pe.year DESC LIMIT 1) e ON true;

-- Grants. The reader reads both. The writer (a planner's PUT and DELETE of one grade) reads the
-- grades, inserts a row with every column but origin (which then defaults to 'planner'), and deletes
-- one; an edit is a DELETE and an INSERT, so it needs no UPDATE. It writes nothing on the rounds.
GRANT SELECT ON evaluation_rounds, park_evaluations TO parkmap_reader;
GRANT SELECT, DELETE ON park_evaluations TO parkmap_writer;
GRANT INSERT (park_id, year, grade, name_in_notice, match_note, source, entered_by, entered_at)
    ON park_evaluations TO parkmap_writer;
