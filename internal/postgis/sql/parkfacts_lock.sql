-- UpdateParkFacts, first: lock the park's facts row (if it has one) for the rest of the transaction,
-- so that the version compared and the facts audited as "before" are the ones the update replaces.
SELECT version FROM park_facts WHERE park_id = $1 FOR UPDATE
