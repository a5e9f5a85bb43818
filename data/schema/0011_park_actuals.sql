-- What actually happened (issue 12): a park's figures for a year, one row per park, year and measure,
-- each with its own source (the report or file it came from) and who entered it and when. Long rather
-- than wide so that every figure carries its provenance: a figure from the 2023 统计年报 and one typed
-- from a town's letter may sit in the same park-year. A figure absent is "no data", never zero.
--
-- Keyed by park id without a foreign key, for the reason park_facts gives (0009): the plan's load
-- replaces parks wholesale, and figures entered by people must outlive it.
--
-- The measures (plan.ActualMeasures holds the same list with names and units; a test compares them):
--   land_supplied_mu        供地 (亩), the year's land supplied
--   floor_started_wan_m2    开工面积 (万㎡), floor area started in the year
--   floor_completed_wan_m2  竣工面积 (万㎡), floor area completed in the year
--   output_yi               产值 (亿元), the year's industrial output
--   tax_wan                 税收 (万元), the year's tax
--   firms                   入驻企业 (家), firms in residence at the year's end
--   firms_above_scale       规上企业 (家), firms above designated size at the year's end
--   investment_yi           投资 (亿元), the year's investment
-- Years start at the plan's first (2018); the upper bound moves with the calendar (no later than the
-- current year in China Standard Time), so the service checks it: a CHECK must not depend on now().
CREATE TABLE park_actuals (
    park_id    text        NOT NULL,
    year       integer     NOT NULL CHECK (year >= 2018),
    measure    text        NOT NULL,
    value      numeric     NOT NULL,
    source     text        NOT NULL,
    entered_by text        NOT NULL,
    entered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (park_id, year, measure),
    CONSTRAINT park_actuals_measure_known CHECK (measure IN ('land_supplied_mu', 'floor_started_wan_m2',
        'floor_completed_wan_m2', 'output_yi', 'tax_wan', 'firms', 'firms_above_scale', 'investment_yi')),
    CONSTRAINT park_actuals_value_range CHECK (value >= 0 AND value < 1e9),
    CONSTRAINT park_actuals_counts_whole CHECK (measure NOT IN ('firms', 'firms_above_scale') OR value = trunc(value)),
    CONSTRAINT park_actuals_source_length CHECK (char_length(source) BETWEEN 1 AND 300)
);
CREATE INDEX park_actuals_year ON park_actuals (year, measure);

-- Grants. The reader reads the figures. The writer enters, corrects and clears them: clearing a
-- figure (back to "no data") is a DELETE, audited with the figure it removed, so it holds DELETE here
-- (unlike park_facts, whose "no current value" is a NULL column).
GRANT SELECT ON park_actuals TO parkmap_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON park_actuals TO parkmap_writer;
