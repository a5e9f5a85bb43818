-- One swap at a time: a second load's swap waits here, then replaces what the first one wrote, instead
-- of both deleting the same old rows and colliding on the new keys. An advisory lock takes no lock
-- on any table, so readers are never behind it.
SELECT pg_advisory_xact_lock(hashtext('parkmap.load'))
