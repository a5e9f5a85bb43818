-- PutGrade: the planner's grade (origin takes its default, 'planner': the writer may not set it). If
-- another edit inserted the park-year meanwhile, nothing is written and no row returned: the caller
-- answers a conflict.
INSERT INTO park_evaluations (park_id, year, grade, name_in_notice, source, entered_by)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (park_id, year) DO NOTHING
RETURNING origin, entered_at
