-- ActualParks: the plan's parks as the actual figures name them, in the plan's order (the template's
-- rows, and the ids an upload is matched against).
SELECT p.id, p.name, p.seq
FROM parks p
ORDER BY p.seq
