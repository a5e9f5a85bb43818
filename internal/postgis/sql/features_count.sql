-- The number of a collection's features that match, for a page past the last one (which returns no
-- row to carry the window count).
SELECT count(*) FROM {{view}} v WHERE {{where}}
