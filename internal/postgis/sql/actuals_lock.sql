-- ApplyActuals, per park-year: the park-year's figures, locked for the rest of the transaction, so
-- that the figures audited as "before" are those the change replaces.
SELECT measure, value::float8, source
FROM park_actuals
WHERE park_id = $1 AND year = $2
FOR UPDATE
