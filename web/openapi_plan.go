package web

// addPlanPaths documents the plan's own resources beside the OGC ones: progress against the 2022
// targets and the yearly plans (issue 5).
func addPlanPaths(paths, schemas obj) {
	num := nullable("number")
	schemas["progress"] = objectSchema([]string{"year", "targets"}, obj{
		"year": obj{"type": "integer"}, "first_year": obj{"type": "integer"}, "last_year": obj{"type": "integer"},
		"as_of": str(), "source": str(), "actual_source": str(),
		"indicators": arrayOf(objectSchema(nil, obj{
			"id": str(), "name_zh": str(), "name_en": str(), "unit": str(),
			"value": withDescription(num, "null (no data) where no park reports the measure and its denominator"),
			"parks": obj{"type": "integer"}, "basis": str(),
		})),
		"targets": arrayOf(objectSchema(nil, obj{
			"id": str(), "name_zh": str(), "name_en": str(), "unit": str(), "comparator": str(),
			"baseline": num, "baseline_as_of": str(), "baseline_source": str(), "baseline_note": str(),
			"target": obj{"type": "number"}, "target_year": obj{"type": "integer"},
			"planned":         withDescription(num, "the plan's own figure for the year, from 附件6/附件7; null where the plan gives no path"),
			"planned_note":    str(),
			"planned_partial": obj{"type": "boolean"},
			"actual":          withDescription(num, "from the parks' entered figures (GET /api/actuals) where they can measure the target; null (no data) otherwise"),
			"actual_note":     str(), "actual_basis": str(), "clause": str(),
			"actual_parks":    withDescription(obj{"type": "integer"}, "parks whose figures the actual rests on"),
			"actual_parks_of": obj{"type": "integer"},
			"actual_years":    arrayOf(obj{"type": "integer"}), "actual_sources": arrayOf(str()),
			"actual_entered_at":  nullable("string"),
			"completion_rate":    withDescription(num, "actual over target (1 = reached); null without an actual"),
			"target_met":         withDescription(nullable("boolean"), "whether the target year's actual reached the target; null before that year or without figures"),
			"target_year_actual": num,
		})),
	})
	schemas["yearlyPlan"] = objectSchema([]string{"group", "series"}, obj{
		"group": str(),
		"series": arrayOf(objectSchema(nil, obj{
			"group": str(), "key": str(), "name": str(), "measure": str(), "unit": str(),
			"years": arrayOf(obj{"type": "integer"}), "planned": arrayOf(num), "cumulative": arrayOf(num),
			"sources":        arrayOf(str()),
			"actual_measure": str(), "actual": arrayOf(num), "actual_cumulative": arrayOf(num),
			"actual_parks": arrayOf(obj{"type": "integer"}),
		})),
	})
	paths["/api/progress"] = obj{"get": operation("get_progress", "Plan", "Progress against the 2022 targets",
		"Every quantified target of §二(五) with its baseline, the plan's path to the year, the actual from the parks' figures, the completion rate and whether the 2022 target was met; and the year's derived indicators.",
		[]any{obj{"name": "year", "in": "query", "required": false, "description": "2018 to the current year (the programme goes on after 2022)",
			"schema": obj{"type": "integer", "minimum": 2018, "default": 2022}}},
		jsonResponse("Progress for the year", ref("schemas", "progress"), mediaJSON))}
	paths["/api/plan/yearly"] = obj{"get": operation("get_yearly_plan", "Plan", "The yearly plans (附件6, 附件7)",
		"Land supply, starts, completions and output per year, planned and actual, for the county, each zone or each park; to 2022 or the last year with actual figures.",
		[]any{obj{"name": "group", "in": "query", "required": false,
			"schema": obj{"type": "string", "enum": []string{"all", "zone", "park"}, "default": "all"}}},
		jsonResponse("Series per group and measure", ref("schemas", "yearlyPlan"), mediaJSON))}
}
