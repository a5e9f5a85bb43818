-- ParkGrades: one park's grades ($1 the park), newest first.
SELECT e.park_id, p.name, e.year, e.grade, coalesce(e.name_in_notice, ''), coalesce(e.match_note, ''), e.source,
       e.origin, e.entered_by, e.entered_at
FROM park_evaluations e
JOIN parks p ON p.id = e.park_id
WHERE e.park_id = $1
ORDER BY e.year DESC
