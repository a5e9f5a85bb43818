package web

// addPlanPaths documents the plan's own resources beside the OGC ones: progress against the 2022
// targets and the yearly plans (issue 5).
func addPlanPaths(paths, schemas obj) {
	num := nullable("number")
	schemas["progress"] = objectSchema([]string{"year", "targets"}, obj{
		"year": obj{"type": "integer"}, "as_of": str(), "source": str(),
		"targets": arrayOf(objectSchema(nil, obj{
			"id": str(), "name_zh": str(), "name_en": str(), "unit": str(), "comparator": str(),
			"baseline": num, "baseline_as_of": str(), "baseline_source": str(), "baseline_note": str(),
			"target": obj{"type": "number"}, "target_year": obj{"type": "integer"},
			"planned":         withDescription(num, "the plan's own figure for the year, from 附件6/附件7; null where the plan gives no path"),
			"planned_note":    str(),
			"planned_partial": obj{"type": "boolean"},
			"actual":          withDescription(num, "always null: parkmap holds the plan, not reports of its execution"),
			"actual_note":     str(), "clause": str(),
		})),
	})
	schemas["yearlyPlan"] = objectSchema([]string{"group", "series"}, obj{
		"group": str(),
		"series": arrayOf(objectSchema(nil, obj{
			"group": str(), "key": str(), "name": str(), "measure": str(), "unit": str(),
			"years": arrayOf(obj{"type": "integer"}), "planned": arrayOf(num), "cumulative": arrayOf(num),
			"sources": arrayOf(str()),
		})),
	})
	paths["/api/progress"] = obj{"get": operation("get_progress", "Plan", "Progress against the 2022 targets",
		"Every quantified target of §二(五) with its baseline, the plan's path to the year and the (absent) actual figure.",
		[]any{obj{"name": "year", "in": "query", "required": false, "description": "2018–2022",
			"schema": obj{"type": "integer", "minimum": 2018, "maximum": 2022, "default": 2022}}},
		jsonResponse("Progress for the year", ref("schemas", "progress"), mediaJSON))}
	paths["/api/plan/yearly"] = obj{"get": operation("get_yearly_plan", "Plan", "The yearly plans (附件6, 附件7)",
		"Land supply, starts, completions and output per year, for the county, each zone or each park.",
		[]any{obj{"name": "group", "in": "query", "required": false,
			"schema": obj{"type": "string", "enum": []string{"all", "zone", "park"}, "default": "all"}}},
		jsonResponse("Series per group and measure", ref("schemas", "yearlyPlan"), mediaJSON))}
}
