-- Grades: every known grade of a park the plan has, newest year first, then in the plan's order.
SELECT e.park_id, p.name, e.year, e.grade, coalesce(e.name_in_notice, ''), coalesce(e.match_note, ''), e.source,
       e.origin, e.entered_by, e.entered_at
FROM park_evaluations e
JOIN parks p ON p.id = e.park_id
ORDER BY e.year DESC, p.seq
