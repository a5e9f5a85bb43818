package web

import "github.com/pingyang/parkmap/parkfacts"

// addParkFactsPaths documents a park's current facts, their edit and its history (issue 12).
func addParkFactsPaths(paths, schemas obj) {
	facts := func(required bool) obj {
		props := obj{
			"status":             withDescription(obj{"type": "string", "nullable": true, "enum": append(anyOf(parkfacts.Statuses), nil)}, "null: the plan's stands"),
			"firms_in_residence": obj{"type": "integer", "nullable": true, "minimum": 0, "maximum": parkfacts.MaxFirms},
			"industries":         obj{"type": "array", "nullable": true, "minItems": 1, "maxItems": parkfacts.MaxIndustries, "items": obj{"type": "string", "maxLength": parkfacts.MaxIndustry}},
			"development_mode":   obj{"type": "string", "nullable": true, "enum": append(anyOf(parkfacts.DevModes), nil)},
			"operator":           withDescription(obj{"type": "string", "nullable": true, "maxLength": parkfacts.MaxOperator}, "运营主体"),
			"contact":            obj{"type": "string", "nullable": true, "maxLength": parkfacts.MaxContact},
			"notes":              obj{"type": "string", "nullable": true, "maxLength": parkfacts.MaxNotes},
			"recognition_year":   withDescription(obj{"type": "integer", "nullable": true, "minimum": parkfacts.FirstRecognitionYear}, "认定年份: from 2018 to next year"),
		}
		o := obj{"type": "object", "properties": props}
		if !required {
			o["additionalProperties"] = false
			o["description"] = "Only the fields to change; null goes back to the plan's value. Any other field is a 400."
		}
		return o
	}
	schemas["parkFacts"] = objectSchema([]string{"park_id", "facts", "plan", "version"}, obj{
		"park_id": str(), "name": str(), "facts": facts(true),
		"plan": objectSchema(nil, obj{"status": str(), "firms": obj{"type": "integer"}, "firms_basis": str(),
			"industries": arrayOf(str()), "development_mode": str()}),
		"version":         withDescription(obj{"type": "integer"}, "the ETag; 0 for facts never edited"),
		"updated_at":      nullable("string"),
		"updated_by":      withDescription(str(), "logged-in callers only"),
		"dataset_version": withDescription(str(), "in an edit's answer: the dataset version that keys tiles from now on"),
	})
	schemas["parkFactsPatch"] = facts(false)
	schemas["parkHistory"] = objectSchema([]string{"park_id", "entries"}, obj{
		"park_id": str(),
		"entries": arrayOf(objectSchema(nil, obj{"id": obj{"type": "integer"}, "at": str(), "actor": str(),
			"display_name": str(), "unit": str(), "before": obj{"type": "object"}, "after": obj{"type": "object"}})),
	})
	id := obj{"name": "id", "in": "path", "required": true, "schema": str(), "description": "the park's id, as in /collections/parks/items"}
	get := operation("get_park_facts", "Parks", "A park's current facts beside the plan's",
		"The facts a planner has given (null where none: the plan's value stands) and the plan's own; the ETag is the version.",
		[]any{id}, jsonResponse("The park's facts", ref("schemas", "parkFacts"), mediaJSON))
	patch := operation("patch_park_facts", "Parks", "Edit a park's facts (role planner)",
		"Only the fields to change. If-Match (the ETag of the GET) is required: 428 without it, 409 with a stale one "+
			"(the body then carries current and sent). Validation errors list every field (errors[], in English and Chinese). "+
			"The change and its audit row are one transaction.",
		[]any{id, obj{"name": "If-Match", "in": "header", "required": true, "schema": str()}},
		jsonResponse("The facts as edited", ref("schemas", "parkFacts"), mediaJSON))
	patch["requestBody"] = obj{"required": true, "content": obj{mediaJSON: obj{"schema": ref("schemas", "parkFactsPatch")}}}
	resp := patch["responses"].(obj)
	resp["409"] = errorResponse("The facts changed since the If-Match version; current and sent are in the body.")
	resp["428"] = errorResponse("If-Match is missing.")
	paths["/api/parks/{id}/facts"] = obj{"get": get, "patch": patch}
	hist := operation("get_park_history", "Parks", "The edits of a park's facts (logged-in users)",
		"From the audit log, newest first: who, when, before and after.",
		[]any{id}, jsonResponse("The park's history", ref("schemas", "parkHistory"), mediaJSON))
	paths["/api/parks/{id}/history"] = obj{"get": hist}
}

func anyOf(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}
