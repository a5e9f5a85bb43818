-- UpdateParkFacts of a park never edited (version 0): the first row, at version 1. If another edit
-- inserted it meanwhile, nothing is written and no row returned: the caller answers a conflict.
INSERT INTO park_facts (park_id, status, firms_in_residence, industries, development_mode, operator, contact,
                        notes, recognition_year, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (park_id) DO NOTHING
RETURNING version, updated_at
