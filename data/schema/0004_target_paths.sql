-- Baselines and year-by-year paths of the 2022 targets (issue 5): where the plan states a baseline,
-- and how its yearly tables (附件6, 附件7) trace a target. path is geo.TargetPath as JSON.
ALTER TABLE targets
    ADD COLUMN baseline        numeric,
    ADD COLUMN baseline_as_of  text,
    ADD COLUMN baseline_source text,
    ADD COLUMN baseline_note   text,
    ADD COLUMN path            jsonb;
