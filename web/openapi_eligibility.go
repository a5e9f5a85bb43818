package web

// addEligibilityPaths documents the parcel eligibility check (issue 4): one check, a batch, and the rules.
func addEligibilityPaths(paths, schemas obj) {
	num, anyValue := obj{"type": "number"}, obj{}
	schemas["eligibilityRequest"] = withDescription(objectSchema(nil, obj{
		"parcel_id": withDescription(str(), "a land-supply parcel (GD2019-001) or a redevelopment area (RD-018); or give geometry"),
		"geometry":  withDescription(obj{"type": "object"}, "a GeoJSON Polygon or MultiPolygon, closed rings, at most 10000 vertices; an invalid shape is reported (ST_IsValidReason), never repaired"),
		"crs":       obj{"type": "string", "enum": []string{"EPSG:4326", "GCJ02", "EPSG:4528", "EPSG:4549"}, "default": "EPSG:4326"},
		"proposal": withDescription(obj{"type": "object", "additionalProperties": true, "properties": obj{
			"type": obj{"type": "string", "enum": []string{"new_park", "old_factory_redevelopment", "low_efficiency_block", "custom_plot"}},
		}}, "type and the facts only the applicant knows (plot_ratio, leading_industry_share, …): see GET /api/eligibility/rules"),
	}), "At most 1 MB. Nothing is stored.")
	rule := objectSchema(nil, obj{
		"id": str(), "title_zh": str(), "title_en": str(),
		"result": obj{"type": "string", "enum": []string{"pass", "fail", "needs_information", "not_applicable"}},
		"fact":   str(), "value": anyValue, "op": str(), "threshold": anyValue, "unit": str(), "clause": str(), "basis": str(),
		"quote_zh": str(), "missing": arrayOf(str()), "reason_zh": str(), "reason_en": str(),
	})
	schemas["eligibilityAnswer"] = objectSchema([]string{"verdict", "rules_version", "facts", "rules"}, obj{
		"verdict":       obj{"type": "string", "enum": []string{"eligible", "not_eligible", "needs_information"}},
		"rules_version": str(), "summary_zh": str(), "summary_en": str(),
		"proposal": obj{"type": "object"},
		"facts": objectSchema(nil, obj{
			"area_m2": num, "area_mu": num, "site_area_mu": num, "site_area_basis": str(),
			"inside_county": obj{"type": "string", "enum": []string{"fully", "partly", "outside"}}, "outside_county_mu": num,
			"zones": arrayOf(obj{"type": "object"}), "towns": arrayOf(obj{"type": "object"}), "towns_method": str(),
			"overlap_parks_mu": num, "overlap_parks": arrayOf(obj{"type": "object"}),
			"overlap_redevelopment_mu": num, "overlap_redevelopment": arrayOf(obj{"type": "object"}),
			"constraints": arrayOf(obj{"type": "object"}), "nearest_same_industry_park": obj{"type": "object", "nullable": true},
		}),
		"rules":         arrayOf(rule),
		"missing_facts": arrayOf(str()),
	})
	body := func(schema obj) obj {
		return obj{"required": true, "content": obj{mediaJSON: obj{"schema": schema}}}
	}
	check := operation("check_eligibility", "Eligibility", "Check one parcel",
		"Whether a parcel (by id) or a drawn shape can host or feed a park, rule by rule, with the plan's clause behind every answer.",
		[]any{}, jsonResponse("The answer", ref("schemas", "eligibilityAnswer"), mediaJSON))
	check["requestBody"] = body(ref("schemas", "eligibilityRequest"))
	check["responses"].(obj)["413"] = errorResponse("The body is over 1 MB")
	batch := operation("check_eligibility_batch", "Eligibility", "Check many parcels",
		"A GeoJSON FeatureCollection (properties may carry proposal facts; top-level proposal and crs are defaults), "+
			"{\"parcel_ids\": [...]} or {\"collection\": \"redevelopment\"}; at most 5000 features and 16 MB. A feature that cannot be "+
			"checked becomes a row with its error.",
		[]any{obj{"name": "format", "in": "query", "required": false,
			"description": "geojson, or a spreadsheet for people: csv (UTF-8 with a BOM, CRLF) or xlsx",
			"schema":      obj{"type": "string", "enum": []string{"geojson", "csv", "xlsx"}, "default": "geojson"}},
			obj{"name": "lang", "in": "query", "required": false,
				"description": "The spreadsheet's words: zh (the default) titles every column in Chinese and writes verdicts and " +
					"results as the page does; en keeps the identifiers (id, verdict, rule ids, pass/fail) that scripts read. " +
					"GeoJSON's keys are the identifiers either way.",
				"schema": obj{"type": "string", "enum": []string{"zh", "en"}, "default": "zh"}}},
		obj{"description": "One row per parcel: id, name, area, verdict, one column per rule",
			"content": obj{mediaGeoJSON: obj{"schema": obj{"type": "object"}}, mediaCSV: obj{"schema": str()},
				mediaXLSX: obj{"schema": obj{"type": "string", "format": "binary"}}}})
	batch["requestBody"] = body(obj{"type": "object"})
	batch["responses"].(obj)["413"] = errorResponse("The body is over 16 MB")
	paths["/api/eligibility"] = obj{"post": check}
	paths["/api/eligibility/batch"] = obj{"post": batch}
	paths["/api/eligibility/rules"] = obj{"get": operation("get_eligibility_rules", "Eligibility", "The rules in force",
		"data/rules/eligibility.json: version, proposal types, facts, and every rule with its clause, thresholds and the types it applies to.",
		nil, jsonResponse("The rules", obj{"type": "object"}, mediaJSON))}
}
