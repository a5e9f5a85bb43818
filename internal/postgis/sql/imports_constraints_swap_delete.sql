-- The swap's first half: the live rows go (ROW EXCLUSIVE: readers see them until the commit).
DELETE FROM constraints
