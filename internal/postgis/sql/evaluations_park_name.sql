-- ParkGrades, PutGrade and DeleteGrade, first: the plan's name of the park $1 (no row: no such park).
SELECT name FROM parks WHERE id = $1
