package web

import (
	"github.com/pingyang/parkmap/layerimport"
)

// addImportPaths documents the layer imports (issue 10): the importable layers, a file's preview and
// its publish, a layer's versions and a rollback.
func addImportPaths(paths, schemas obj) {
	num, integer := obj{"type": "number"}, obj{"type": "integer"}
	schemas["importField"] = objectSchema([]string{"name", "title", "title_en", "type", "required"}, obj{
		"name": str(), "title": str(), "title_en": str(), "required": obj{"type": "boolean"},
		"type":    obj{"type": "string", "enum": anyOf([]string{layerimport.TypeText, layerimport.TypeNumber, layerimport.TypeInteger, layerimport.TypeArea})},
		"aliases": withDescription(arrayOf(str()), "source field names that suggest this field"),
	})
	schemas["importTarget"] = objectSchema([]string{"layer", "title", "title_en", "fields", "roles", "replaces", "may_import"}, obj{
		"layer": str(), "title": str(), "title_en": str(), "fields": arrayOf(ref("schemas", "importField")),
		"roles": withDescription(arrayOf(str()), "roles that may import and roll back this layer"), "replaces": str(),
		"may_import": withDescription(obj{"type": "boolean"}, "whether the caller holds one of roles"),
	})
	finding := objectSchema([]string{"fid", "id", "code"}, obj{
		"fid": integer, "id": str(), "detail": str(), "mu": num,
		"code": obj{"type": "string", "enum": anyOf([]string{layerimport.Invalid, layerimport.Empty, layerimport.UnknownKind,
			layerimport.NoID, layerimport.DuplicateID, layerimport.OutsideCounty})},
	})
	schemas["importPreview"] = objectSchema([]string{"layer", "file", "sha256", "count", "extent", "crs_used", "source"}, obj{
		"layer": str(), "file": str(), "sha256": withDescription(str(), "of the uploaded file: a publish sends it back as expect_sha256"),
		"count": integer, "extent": withDescription(arrayOf(num), "min lon, min lat, max lon, max lat"),
		"crs_read": str(), "crs_used": str(), "encoding": str(),
		"mapping":         obj{"type": "object", "additionalProperties": str()},
		"total_mu":        num,
		"kinds":           arrayOf(objectSchema(nil, obj{"kind": str(), "count": integer, "mu": num})),
		"findings":        withDescription(arrayOf(finding), "outside_county with detail partly is a warning; every other finding blocks a publish"),
		"repairs":         arrayOf(objectSchema(nil, obj{"fid": integer, "id": str(), "reason": str(), "before_mu": num, "after_mu": num})),
		"current_version": withDescription(integer, "the version the diff is against (0: the bundled illustrative layer)"),
		"diff": arrayOf(objectSchema(nil, obj{"change": obj{"type": "string", "enum": []any{"added", "removed", "changed"}},
			"id": str(), "kind": str(), "before_mu": num, "after_mu": num})),
		"published_version": withDescription(integer, "the version this publish became"),
		"timings_ms":        obj{"type": "object", "additionalProperties": num},
		"source": objectSchema(nil, obj{"dataset": str(), "kind": str(), "datasets": arrayOf(str()), "crs_reason": str(),
			"encoding_reason": str(), "fields": arrayOf(str()), "warnings": arrayOf(str())}),
		"suggested":        arrayOf(objectSchema(nil, obj{"field": str(), "source": str(), "reason": str(), "reason_zh": str()})),
		"area_check":       obj{"type": "object", "description": "the mapped area field against the drawn areas"},
		"staged":           withDescription(obj{"type": "object"}, "GeoJSON FeatureCollection (lon/lat) of the first 2000 staged features"),
		"staged_truncated": obj{"type": "boolean"},
	})
	errorWithPreview := obj{"allOf": []any{ref("schemas", "exception"), objectSchema([]string{"preview"}, obj{"preview": ref("schemas", "importPreview")})}}
	schemas["importVersions"] = objectSchema([]string{"layer", "versions"}, obj{"layer": str(), "versions": arrayOf(objectSchema(nil, obj{
		"version": integer, "file": str(), "sha256": str(), "features": integer, "total_mu": num, "crs_read": str(), "crs_used": str(),
		"encoding": str(), "mapping": obj{"type": "object"}, "imported_by": str(), "created_at": obj{"type": "string", "format": "date-time"},
		"note": str(), "current": obj{"type": "boolean"},
	}))})

	layerParam := obj{"name": "layer", "in": "path", "required": true, "schema": obj{"type": "string",
		"enum": anyOf([]string{layerimport.LayerParks, layerimport.LayerParcels, layerimport.LayerRedevelopment, layerimport.LayerConstraints})}}

	targets := operation("import_targets", "Imports", "The layers a file can be imported into",
		"Each layer's fields (what a mapping fills), titles, the roles that may import it, and whether the caller may.", []any{},
		jsonResponse("The layers", objectSchema([]string{"targets", "max_file_bytes"}, obj{"targets": arrayOf(ref("schemas", "importTarget")),
			"max_file_bytes": withDescription(integer, "the cap on an uploaded file")}), mediaJSON))
	paths["/api/imports/targets"] = obj{"get": targets}

	form := objectSchema([]string{"file"}, obj{
		"file": withDescription(obj{"type": "string", "format": "binary"}, "a zip (a Shapefile or File Geodatabase must come zipped), "+
			".gpkg, .geojson, .json, .kml, .kmz, .dxf, .txt (部标), .csv or .xlsx; its name's extension tells its format"),
		"crs":           withDescription(str(), "overrides the file's CRS, e.g. EPSG:4528"),
		"encoding":      withDescription(str(), "UTF-8, GBK or GB18030: overrides the .cpg (checked against the bytes)"),
		"dataset":       withDescription(str(), "which dataset of an upload holding several (as the preview lists them)"),
		"source_layer":  withDescription(str(), "which layer of a multi-layer file"),
		"kind":          withDescription(str(), "constraints: the one kind of every feature (基本农田, 生态保护红线, 城镇开发边界, 洪涝风险区)"),
		"repair":        obj{"type": "string", "enum": []any{"true", "false"}, "description": "repair invalid geometries with ST_MakeValid"},
		"note":          withDescription(str(), "why this version (at most 500 characters)"),
		"area_unit":     obj{"type": "string", "enum": anyOf([]string{"公顷", "亩", "㎡"}), "description": "unit of the mapped area field (default: told from the data)"},
		"mapping":       withDescription(str(), "a JSON object, layer field → file field, e.g. {\"kind\":\"LX\",\"id\":\"BSM\"}"),
		"expect_sha256": withDescription(str(), "publish only: the sha256 the preview returned; another file is 400 naming expect_sha256"),
	})
	for _, publish := range []bool{false, true} {
		id, path, summary, desc := "import_preview", "/api/imports/{layer}/preview", "Preview a file as the layer's next version (roles of the layer)",
			"Reads the file (zip entries unpacked with caps; no path may leave the upload), decides its CRS and encoding (each with why), "+
				"stages it and answers the preview: count, extent, mapping, findings, repairs, the diff against the current version and "+
				"up to 2000 staged features as GeoJSON. Nothing live changes. A blocking finding answers 400 with the error and the preview."
		if publish {
			id, path, summary, desc = "import_publish", "/api/imports/{layer}/publish", "Publish a previewed file as the layer's next version (roles of the layer)",
				"As the preview, then, when nothing blocks, one transaction records the version, replaces the live rows (provenance real) "+
					"and audits it (layer.publish). expect_sha256 is required. A refused publish answers its error's status with the preview."
		}
		op := operation(id, "Imports", summary, desc, []any{layerParam}, jsonResponse("The preview (published_version set by a publish)", ref("schemas", "importPreview"), mediaJSON))
		op["requestBody"] = obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": form}}}
		resp := op["responses"].(obj)
		resp["400"] = jsonResponse("A field at fault (named by field), or findings that block: the error, with the preview when the file was read", errorWithPreview, mediaJSON)
		resp["413"] = errorResponse("The file is over the cap (max_file_bytes of /api/imports/targets)")
		resp["503"] = errorResponse("No write database: imports are unavailable")
		paths[path] = obj{"post": op}
	}

	versions := operation("import_versions", "Imports", "A layer's published versions",
		"Oldest first: file, sha256, features, 亩, CRS, encoding, mapping, who, when, note, and which is current.", []any{layerParam},
		jsonResponse("The versions", ref("schemas", "importVersions"), mediaJSON))
	paths["/api/imports/{layer}/versions"] = obj{"get": versions}

	rollback := operation("import_rollback", "Imports", "Make a published version live again (roles of the layer)",
		"A swap of the version's kept rows in one transaction, audited (layer.rollback, before/after version). An unknown version is 404.",
		[]any{layerParam}, jsonResponse("What was done", objectSchema([]string{"layer", "version", "before"}, obj{
			"layer": str(), "version": integer, "before": withDescription(integer, "the version current before")}), mediaJSON))
	rollback["requestBody"] = obj{"required": true, "content": obj{mediaJSON: obj{"schema": obj{"type": "object", "additionalProperties": false,
		"required": []string{"version"}, "properties": obj{"version": obj{"type": "integer", "minimum": 1}}}}}}
	paths["/api/imports/{layer}/rollback"] = obj{"post": rollback}
}
