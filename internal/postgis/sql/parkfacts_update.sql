-- UpdateParkFacts of a park at version $11: the new facts and the next version, only if the row is
-- still at that version (no row returned otherwise: the caller answers a conflict).
UPDATE park_facts
SET status = $2, firms_in_residence = $3, industries = $4, development_mode = $5, operator = $6,
    contact = $7, notes = $8, recognition_year = $9, updated_by = $10,
    version = version + 1, updated_at = now()
WHERE park_id = $1 AND version = $11
RETURNING version, updated_at
