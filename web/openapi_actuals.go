package web

import (
	"github.com/pingyang/parkmap/actuals"
	"github.com/pingyang/parkmap/plan"
)

// addActualsPaths documents the actual yearly figures: the list and its exports, a park-year's
// entry, the xlsx template and an upload's preview and apply (issue 12).
func addActualsPaths(paths, schemas obj) {
	ids := anyOf(actuals.MeasureIDs())
	num := obj{"type": "number", "minimum": 0, "maximum": actuals.MaxValue, "exclusiveMaximum": true} // OpenAPI 3.0: a flag
	schemas["actualMeasure"] = objectSchema([]string{"id", "name_zh", "unit", "whole", "stock"}, obj{
		"id": obj{"type": "string", "enum": ids}, "name_zh": str(), "name_en": str(), "unit": str(),
		"whole": withDescription(obj{"type": "boolean"}, "a count: whole numbers only"),
		"stock": withDescription(obj{"type": "boolean"}, "a count at the year's end (does not add up over years)"),
	})
	schemas["actualFigure"] = objectSchema([]string{"park_id", "year", "measure", "value", "source", "entered_at"}, obj{
		"park_id": str(), "park_name": str(), "year": obj{"type": "integer"}, "measure": obj{"type": "string", "enum": ids},
		"value": num, "source": withDescription(str(), "the report or file the figure came from"),
		"entered_by": withDescription(str(), "logged-in callers only"), "entered_at": obj{"type": "string", "format": "date-time"},
	})
	schemas["actualsList"] = objectSchema([]string{"first_year", "last_year", "measures", "figures"}, obj{
		"first_year": obj{"type": "integer", "enum": []int{plan.FirstPlanYear}},
		"last_year":  withDescription(obj{"type": "integer"}, "the current year in China Standard Time"),
		"measures":   arrayOf(ref("schemas", "actualMeasure")),
		"figures":    withDescription(arrayOf(ref("schemas", "actualFigure")), "in the plan's park order, then year, then measure order"),
	})
	figures := obj{}
	for _, m := range plan.ActualMeasures {
		f := obj{"type": "number", "nullable": true, "minimum": 0, "maximum": actuals.MaxValue, "exclusiveMaximum": true,
			"description": m.NameZh + "（" + m.Unit + "）; null clears the figure"}
		if m.Whole {
			f["type"] = "integer"
		}
		figures[m.ID] = f
	}
	schemas["actualsPut"] = obj{"type": "object", "additionalProperties": false, "required": []string{"figures"},
		"properties": obj{
			"source":  withDescription(obj{"type": "string", "minLength": 1, "maxLength": actuals.MaxSource}, "required when a figure is set"),
			"figures": obj{"type": "object", "additionalProperties": false, "minProperties": 1, "properties": figures},
		}}
	schemas["actualsParkYear"] = objectSchema([]string{"park_id", "year", "figures"}, obj{
		"park_id": str(), "year": obj{"type": "integer"}, "figures": arrayOf(ref("schemas", "actualFigure")),
	})
	statuses := anyOf([]string{actuals.StatusNew, actuals.StatusChanged, actuals.StatusSame, actuals.StatusEmpty, actuals.StatusError})
	schemas["actualsPreview"] = objectSchema([]string{"applied", "template", "sheet", "summary", "rows", "errors"}, obj{
		"applied": obj{"type": "boolean"}, "template": str(), "sheet": str(),
		"summary": withDescription(objectSchema(nil, obj{"rows": obj{"type": "integer"}, "changed": obj{"type": "integer"},
			"unchanged": obj{"type": "integer"}, "cleared": obj{"type": "integer"}, "errors": obj{"type": "integer"}}),
			"rows: data rows read; changed: cells new or changed; unchanged: cells equal to the figure there is; "+
				"cleared: always 0 (an empty cell never clears); errors: the entries of errors"),
		"rows": arrayOf(objectSchema(nil, obj{"row": obj{"type": "integer"}, "park_id": str(), "park_name": str(), "year": obj{"type": "integer"},
			"cells": arrayOf(objectSchema(nil, obj{"cell": str(), "measure": str(), "raw": str(), "value": nullable("number"),
				"before": nullable("number"), "status": obj{"type": "string", "enum": statuses}, "message": str(), "message_zh": str()}))})),
		"errors": arrayOf(objectSchema(nil, obj{"cell": str(), "field": str(), "message": str(), "message_zh": str()})),
	})

	q := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "schema": schema, "description": desc}
	}
	year := obj{"type": "integer", "minimum": plan.FirstPlanYear}
	list := operation("list_actuals", "Actuals", "The parks' actual yearly figures",
		"Every figure with its source; who entered it only for logged-in callers. f=csv is UTF-8 with a byte-order mark and "+
			"Chinese headers (园区编号,园区名称,年份,指标,数值,单位,来源,录入时间), text starting with = + - @ prefixed with '; "+
			"f=xlsx is the same rows in a sheet 实际数据.",
		[]any{q("park", "one park's id", str()), q("from", "first year (default 2018)", year), q("to", "last year (default the current year)", year),
			q("f", "", obj{"type": "string", "enum": []string{"json", "csv", "xlsx"}, "default": "json"})},
		jsonResponse("The figures", ref("schemas", "actualsList"), mediaJSON))
	list["responses"].(obj)["200"].(obj)["content"].(obj)[mediaCSV] = obj{"schema": str()}
	list["responses"].(obj)["200"].(obj)["content"].(obj)[mediaXLSX] = obj{"schema": obj{"type": "string", "format": "binary"}}
	paths["/api/actuals"] = obj{"get": list}

	put := operation("put_park_actuals", "Actuals", "Enter a park-year's figures (role planner)",
		"A number sets a figure (with the body's source; entered_by is the caller), null clears it, a measure left out stays. "+
			"Negative, non-numeric, fractional counts and values of 1e9 or more are 400 listing each field (figures.tax_wan); "+
			"a year before 2018 or in the future is 400 naming year; an unknown park 404. One transaction, one audit row "+
			"(park.actuals, key <park_id>/<year>, before/after {measure: {value, source}}).",
		[]any{obj{"name": "id", "in": "path", "required": true, "schema": str()}, obj{"name": "year", "in": "path", "required": true, "schema": year}},
		jsonResponse("The park-year after the change", ref("schemas", "actualsParkYear"), mediaJSON))
	put["requestBody"] = obj{"required": true, "content": obj{mediaJSON: obj{"schema": ref("schemas", "actualsPut")}}}
	paths["/api/parks/{id}/actuals/{year}"] = obj{"put": put}

	tmpl := operation("actuals_template", "Actuals", "The xlsx template (role planner)",
		"Sheet 实际数据: a title, the headers in row 2, one row per park (plan order) and year with the figures there are; "+
			"sheet 说明 explains units and rules and holds the template's identity ("+actuals.TemplateID+").",
		[]any{q("from", "first year (default 2018)", year), q("to", "last year (default the current year)", year)},
		obj{"description": "The template (Content-Disposition attachment)", "content": obj{mediaXLSX: obj{"schema": obj{"type": "string", "format": "binary"}}}})
	paths["/api/actuals/template.xlsx"] = obj{"get": tmpl}

	imp := operation("import_actuals", "Actuals", "Preview or apply an uploaded template (role planner)",
		"The body is the xlsx (at most 5 MB). Without apply: a cell-by-cell preview, nothing written. With apply=true and no "+
			"error: every change in one transaction (one audit row per park-year); with errors: 422 and the preview, nothing "+
			"written. An empty cell is no figure in this file (never zero, never a clear). Source: the row's 来源, else "+
			"\"xlsx: <filename> 行N\". A file that is not the template is 400 naming file.",
		[]any{q("apply", "", obj{"type": "boolean", "default": false}), q("filename", "the uploaded file's name, for the default source", str())},
		jsonResponse("The preview (applied true once written)", ref("schemas", "actualsPreview"), mediaJSON))
	imp["requestBody"] = obj{"required": true, "content": obj{mediaXLSX: obj{"schema": obj{"type": "string", "format": "binary"}}}}
	resp := imp["responses"].(obj)
	resp["413"] = errorResponse("The file is over 5 MB")
	resp["422"] = jsonResponse("apply=true with errors: nothing written; the preview says where", ref("schemas", "actualsPreview"), mediaJSON)
	paths["/api/actuals/import"] = obj{"post": imp}
}
