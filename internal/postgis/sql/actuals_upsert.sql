-- ApplyActuals: set one figure (park $1, year $2, measure $3) to value $4 from source $5, entered by
-- $6 now; a figure there was is replaced with its provenance.
INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (park_id, year, measure) DO UPDATE
SET value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, entered_at = now()
