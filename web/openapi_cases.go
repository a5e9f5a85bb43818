package web

import "github.com/pingyang/parkmap/cases"

// addCasesPaths documents the land bureau's register of eligibility checks (issue 12).
func addCasesPaths(paths, schemas obj) {
	schemas["eligibilityCaseRequest"] = withDescription(obj{"allOf": []any{ref("schemas", "eligibilityRequest"),
		objectSchema(nil, obj{"note": obj{"type": "string", "maxLength": cases.MaxNote}})}},
		"The body of POST /api/eligibility and a note; any other field is a 400. The service runs the check itself.")
	caseProps := obj{
		"id": obj{"type": "integer"}, "number": withDescription(str(), "平阳准入〔2026〕0001号: numbered per calendar year without gaps"),
		"request":       withDescription(obj{"type": "object"}, "the request as submitted (the note taken out), the geometry in its own CRS"),
		"crs":           str(),
		"geometry":      withDescription(obj{"type": "object"}, "the shape as checked, converted to EPSG:4326 (GeoJSON MultiPolygon)"),
		"proposal":      obj{"type": "object"},
		"answer":        withDescription(ref("schemas", "eligibilityAnswer"), "the answer as returned when the case was saved"),
		"rules_version": str(), "verdict": obj{"type": "string", "enum": anyOf(cases.Verdicts)},
		"parcel_id": nullable("string"), "note": str(), "created_by": str(), "created_by_name": str(), "created_by_unit": str(),
		"created_at": str(),
	}
	schemas["eligibilityCase"] = objectSchema([]string{"number", "answer", "rules_version", "verdict"}, caseProps)
	reopened := obj{}
	for k, v := range caseProps {
		reopened[k] = v
	}
	reopened["today"] = withDescription(ref("schemas", "eligibilityAnswer"), "the same request under today's rules; only when their version differs from the case's")
	reopened["today_error"] = withDescription(str(), "why today's rules could not answer the saved request")
	schemas["eligibilityCaseReopened"] = objectSchema([]string{"number", "answer", "rules_version", "verdict"}, reopened)
	summary := obj{}
	for _, k := range []string{"id", "number", "crs", "proposal", "rules_version", "verdict", "parcel_id", "note", "created_by",
		"created_by_name", "created_by_unit", "created_at"} {
		summary[k] = caseProps[k]
	}
	summary["summary_zh"], summary["summary_en"], summary["area_mu"] = str(), str(), obj{"type": "number"}
	schemas["eligibilityCases"] = objectSchema([]string{"cases"}, obj{
		"cases":       arrayOf(objectSchema(nil, summary)),
		"next_before": withDescription(obj{"type": "integer"}, "when the page is full: the before of the next page"),
	})

	save := operation("save_eligibility_case", "Eligibility", "Save a check as a numbered case (role land)",
		"Runs the check of the body (never trusting an answer from the client) and saves request, answer, the rules version and the "+
			"reviewer as a case with its audit row, in one transaction. A parcel outside the county is saved with the check's own answer.",
		[]any{}, jsonResponse("unused", obj{}, mediaJSON))
	resp := save["responses"].(obj)
	delete(resp, "200")
	resp["201"] = obj{"description": "The case as saved; Location is its URL",
		"headers": obj{"Location": obj{"schema": str()}},
		"content": obj{mediaJSON: obj{"schema": ref("schemas", "eligibilityCase")}}}
	resp["413"] = errorResponse("The body is over 1 MB")
	save["requestBody"] = obj{"required": true, "content": obj{mediaJSON: obj{"schema": ref("schemas", "eligibilityCaseRequest")}}}
	q := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "schema": schema, "description": desc}
	}
	list := operation("list_eligibility_cases", "Eligibility", "The register of cases (logged-in users)",
		"Newest first, with filters, by location too (bbox, point; answered from the GiST index on the cases' shapes). "+
			"With f=csv (UTF-8 with a byte-order mark) or f=xlsx, every case the filters find (limit and before page the JSON only) "+
			"as a file with the headers 案例编号,日期,地块,结论,规则版本,审查人,备注; a cell beginning with = + - @ is prefixed with an apostrophe.",
		[]any{
			q("number", "any part of the case number (0007, 〔2026〕)", str()),
			q("parcel", "the parcel id, exactly", str()),
			q("verdict", "", obj{"type": "string", "enum": anyOf(cases.Verdicts)}),
			q("since", "saved at or after: a date (China Standard Time) or an RFC 3339 time", str()),
			q("until", "saved before: an RFC 3339 time, or a date, which includes that day", str()),
			q("limit", "", obj{"type": "integer", "minimum": 1, "maximum": cases.MaxLimit, "default": cases.DefaultLimit}),
			q("before", "a case id: the next page (next_before)", obj{"type": "integer"}),
			q("bbox", "minLon,minLat,maxLon,maxLat (WGS84): cases whose shape intersects the box", str()),
			q("point", "lon,lat (WGS84): cases whose shape contains or touches the point", str()),
			q("f", "json (the default), csv or xlsx", obj{"type": "string", "enum": []string{"json", "csv", "xlsx"}, "default": "json"}),
		},
		jsonResponse("The cases", ref("schemas", "eligibilityCases"), mediaJSON))
	list["responses"].(obj)["200"].(obj)["content"].(obj)[mediaCSV] = obj{"schema": str()}
	list["responses"].(obj)["200"].(obj)["content"].(obj)[mediaXLSX] = obj{"schema": obj{"type": "string", "format": "binary"}}
	get := operation("get_eligibility_case", "Eligibility", "Reopen a case (logged-in users)",
		"The case as saved and, when the rules in force have another version, today's answer to the same request beside it.",
		[]any{obj{"name": "number", "in": "path", "required": true, "schema": str(), "description": "the case number, percent-encoded"}},
		jsonResponse("The case", ref("schemas", "eligibilityCaseReopened"), mediaJSON))
	paths["/api/eligibility/cases"] = obj{"post": save, "get": list}
	paths["/api/eligibility/cases/{number}"] = obj{"get": get}
}
