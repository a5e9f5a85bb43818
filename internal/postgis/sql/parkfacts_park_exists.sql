-- ParkHistory, first: whether the plan has the park at all (an unknown park is a 404, not an empty history).
SELECT EXISTS (SELECT FROM parks WHERE id = $1)
