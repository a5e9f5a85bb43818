-- PutGrade (the grade it replaces) and DeleteGrade: remove the park's ($1) grade of the year ($2),
-- returning it as it was (the caller adds the park's name). The DELETE locks the row, so what it returns is what the audit calls before.
DELETE FROM park_evaluations
WHERE park_id = $1 AND year = $2
RETURNING park_id, ''::text AS park_name, year, grade, coalesce(name_in_notice, ''), coalesce(match_note, ''), source, origin,
          entered_by, entered_at
