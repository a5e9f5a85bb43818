package web

import (
	"github.com/pingyang/parkmap/evaluations"
	"github.com/pingyang/parkmap/plan"
)

// addEvaluationPaths documents the parks' evaluation grades (绩效评价, issue 12): the rounds with their
// counts, every known grade, a park's grades by year, and a planner's PUT and DELETE of one.
func addEvaluationPaths(paths, schemas obj) {
	grade := obj{"type": "string", "enum": anyOf(plan.Grades)}
	schemas["evaluationRound"] = objectSchema([]string{"year", "issuer", "date", "parks_evaluated", "grade_counts", "grades_known"}, obj{
		"year": obj{"type": "integer"}, "issuer": str(), "title": withDescription(str(), "the notice's title, where known"),
		"date": withDescription(str(), "YYYY-MM-DD"), "method": str(), "dimensions": arrayOf(str()),
		"parks_evaluated": obj{"type": "integer"}, "parks_recognised": obj{"type": "integer"},
		"grade_counts": withDescription(obj{"type": "object", "additionalProperties": obj{"type": "integer"}}, "how many parks got each grade: {A:3,B:4,C:3,D:1}"),
		"source":       str(),
		"grades_known": withDescription(obj{"type": "integer"}, "how many of the parks graded have their grade here; the rest are no data, never guessed"),
	})
	schemas["parkEvaluation"] = objectSchema([]string{"park_id", "park_name", "year", "grade", "source"}, obj{
		"park_id": str(), "park_name": withDescription(str(), "the plan's name"), "year": obj{"type": "integer"}, "grade": grade,
		"name_in_notice": withDescription(str(), "the park's name as the notice prints it"),
		"match_note":     withDescription(str(), "why the notice's name is this park (explicit, never fuzzy)"),
		"source":         str(), "origin": obj{"type": "string", "enum": []string{plan.OriginDataset, plan.OriginPlanner}},
		"entered_by": withDescription(str(), "logged-in callers only"), "entered_at": str(),
	})
	schemas["evaluations"] = objectSchema([]string{"grade_scale", "rounds", "grades"}, obj{
		"grade_scale": arrayOf(grade), "rounds": arrayOf(ref("schemas", "evaluationRound")),
		"grades": arrayOf(ref("schemas", "parkEvaluation")),
	})
	schemas["parkEvaluations"] = objectSchema([]string{"park_id", "name", "evaluations", "rounds"}, obj{
		"park_id": str(), "name": str(), "evaluations": withDescription(arrayOf(ref("schemas", "parkEvaluation")), "newest first"),
		"rounds": arrayOf(ref("schemas", "evaluationRound")),
	})
	schemas["parkEvaluationPut"] = obj{"type": "object", "additionalProperties": false, "required": []string{"grade", "source"},
		"properties": obj{
			"grade":          grade,
			"source":         withDescription(obj{"type": "string", "minLength": 1, "maxLength": evaluations.MaxSource}, "the notice or file the grade comes from"),
			"name_in_notice": obj{"type": "string", "maxLength": evaluations.MaxNameInNotice},
		}}
	schemas["parkEvaluationChange"] = objectSchema([]string{"park_id", "year"}, obj{
		"park_id": str(), "year": obj{"type": "integer"},
		"evaluation":      withDescription(ref("schemas", "parkEvaluation"), "the grade now (null after a DELETE)"),
		"before":          withDescription(ref("schemas", "parkEvaluation"), "the grade replaced or removed (null if none)"),
		"dataset_version": withDescription(str(), "the dataset version that keys tiles from now on"),
	})
	id := obj{"name": "id", "in": "path", "required": true, "schema": str(), "description": "the park's id, as in /collections/parks/items"}
	year := obj{"name": "year", "in": "path", "required": true, "schema": obj{"type": "integer", "minimum": plan.FirstEvaluationYear},
		"description": "from 2018 to the current year (China Standard Time)"}
	paths["/api/evaluations"] = obj{"get": operation("get_evaluations", "Parks", "Park evaluations (绩效评价): every round and every known grade",
		"Each round's notice with how many parks it graded and how many got each grade (grade_counts), and grades_known: how many of those "+
			"parks have their grade here. A park graded by a notice that does not name it has no grade: no data, never guessed.",
		[]any{}, jsonResponse("The rounds and the grades", ref("schemas", "evaluations"), mediaJSON))}
	paths["/api/parks/{id}/evaluations"] = obj{"get": operation("get_park_evaluations", "Parks", "A park's evaluation grades by year",
		"", []any{id}, jsonResponse("The park's grades, newest first, and the rounds", ref("schemas", "parkEvaluations"), mediaJSON))}
	put := operation("put_park_evaluation", "Parks", "Set a park's grade of a year (role planner)",
		"Replaces the park's grade of the year, the bundled one included; the change and its audit row (park.evaluation) are one transaction. "+
			"Validation errors list every field (errors[], in English and Chinese); an unknown park is a 404 naming id.",
		[]any{id, year}, jsonResponse("The grade as set, and the one it replaced", ref("schemas", "parkEvaluationChange"), mediaJSON))
	put["requestBody"] = obj{"required": true, "content": obj{mediaJSON: obj{"schema": ref("schemas", "parkEvaluationPut")}}}
	del := operation("delete_park_evaluation", "Parks", "Remove a park's grade of a year (role planner)",
		"Audited (park.evaluation) in the same transaction. A year without a grade is a 404 naming year. A bundled grade removed comes back with the next parkmap load.",
		[]any{id, year}, jsonResponse("The grade removed", ref("schemas", "parkEvaluationChange"), mediaJSON))
	paths["/api/parks/{id}/evaluations/{year}"] = obj{"put": put, "delete": del}
}
