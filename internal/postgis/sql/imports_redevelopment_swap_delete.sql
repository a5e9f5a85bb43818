-- The redevelopment swap's first half: the live rows go (readers see them until the commit).
DELETE FROM redevelopment
