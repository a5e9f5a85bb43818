-- ApplyActuals, per park-year: whether the plan has the park (an unknown park is a 404, and rolls the
-- whole transaction back).
SELECT EXISTS (SELECT FROM parks WHERE id = $1)
