package web

import (
	"net/http"
	"strconv"

	"github.com/pingyang/parkmap/catalog"
)

// obj is a JSON object of the OpenAPI document; encoding/json writes its keys sorted, so the document
// is byte-stable.
type obj = map[string]any

// handleAPI serves the OpenAPI 3.0 definition of the service.
func (s *server) handleAPI(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, mediaOpenAPI, openAPIDocument(s.baseURL(r), s.Catalog.Collections(), s.RequireLogin))
	return nil
}

// openAPIDocument describes every path, parameter and response of the OGC API, built from the
// catalogue: each collection gets its own paths, so that its filterable properties and its feature
// schema are spelled out. Every $ref points into components.
func openAPIDocument(base string, cols []catalog.Collection, requireLogin bool) obj {
	paths := obj{
		"/": obj{"get": operation("getLandingPage", "Capabilities", "The landing page",
			"Links to the API definition, the conformance classes and the collections. A browser (Accept preferring "+
				"text/html) or f=html gets the web map instead.", []any{ref("parameters", "fLanding")},
			landingResponse())},
		"/conformance": obj{"get": operation("getConformance", "Capabilities", "The conformance classes",
			"The OGC API conformance classes this server implements.", []any{ref("parameters", "fDocument")},
			jsonResponse("The conformance classes", ref("schemas", "confClasses"), mediaJSON))},
		"/api": obj{"get": operation("getAPI", "Capabilities", "This API definition", "This OpenAPI 3.0 document.", nil,
			jsonResponse("The API definition", obj{"type": "object"}, mediaOpenAPI))},
		"/collections": obj{"get": operation("getCollections", "Capabilities", "The collections",
			"Every published collection with its extent and provenance.", []any{ref("parameters", "fDocument")},
			jsonResponse("The collections", ref("schemas", "collections"), mediaJSON))},
	}
	schemas := obj{
		"link":                linkSchema(),
		"landingPage":         objectSchema([]string{"links"}, obj{"title": str(), "description": str(), "links": arrayOf(ref("schemas", "link"))}),
		"confClasses":         objectSchema([]string{"conformsTo"}, obj{"conformsTo": arrayOf(str())}),
		"collections":         objectSchema([]string{"links", "collections"}, obj{"links": arrayOf(ref("schemas", "link")), "collections": arrayOf(ref("schemas", "collection"))}),
		"collection":          collectionSchema(),
		"exception":           objectSchema([]string{"code"}, obj{"code": str(), "description": str(), "field": str()}),
		"pointGeoJSON":        geometrySchema("Point", obj{"type": "array", "minItems": 2, "maxItems": 2, "items": obj{"type": "number"}}),
		"multiPolygonGeoJSON": geometrySchema("MultiPolygon", arrayOf(arrayOf(arrayOf(obj{"type": "array", "minItems": 2, "maxItems": 2, "items": obj{"type": "number"}})))),
		"parkPhase": objectSchema(nil, obj{
			"phase": str(), "area_mu": nullable("number"), "area_approx": obj{"type": "boolean"},
			"building_wan_m2": nullable("number"), "building_approx": obj{"type": "boolean"}, "note": str(), "clause": str(),
		}),
		"planFinding": objectSchema(nil, obj{
			"id": str(), "known": obj{"type": "boolean"}, "sources": arrayOf(str()), "figures": arrayOf(str()),
			"message": str(), "note_zh": nullable("string"),
		}),
		"parkYearlyPlan": objectSchema(nil, obj{
			"source_table": str(), "measure": obj{"type": "string", "enum": []string{"supply", "start", "completion", "output"}},
			"year": obj{"type": "integer"}, "unit": str(), "raw": str(),
			"value": withDescription(nullable("number"), "null where the plan prints no figure (raw is \"—\")"),
		}),
	}
	for _, c := range cols {
		addCollection(paths, schemas, c)
	}
	addPlanPaths(paths, schemas)
	addEligibilityPaths(paths, schemas)
	addParkFactsPaths(paths, schemas)
	addCasesPaths(paths, schemas)
	addEvaluationPaths(paths, schemas)
	addActualsPaths(paths, schemas)
	addExportPaths(paths)
	addStylePaths(paths)
	addTilePaths(paths, schemas, cols)
	addImportPaths(paths, schemas)
	addAccountPaths(paths, schemas)
	annotateAccess(paths, routeTable, requireLogin)
	return obj{
		"openapi": "3.0.3",
		"info": obj{
			"title":       serviceTitle,
			"version":     "1.0.0",
			"description": serviceDescription,
		},
		"servers": []obj{{"url": base}},
		"tags": []obj{
			{"name": "Capabilities", "description": "What the service offers"},
			{"name": "Data", "description": "The features of each collection"},
			{"name": "Tiles", "description": "Vector tiles (Mapbox Vector Tiles on WebMercatorQuad), as TileJSON and OGC API - Tiles describe them"},
			{"name": "Plan", "description": "The plan's targets and yearly plans"},
			{"name": "Parks", "description": "Each park's current facts beside the plan's, their edits and history"},
			{"name": "Actuals", "description": "What actually happened in each park, year by year, with the source of every figure"},
			{"name": "Eligibility", "description": "Whether a parcel can host or feed a park, with the clause behind every answer"},
			{"name": "Accounts", "description": "Logging in, one's own account, user administration and the audit log"},
		},
		"paths": paths,
		"components": obj{
			"schemas":    schemas,
			"parameters": commonParameters(),
			"securitySchemes": obj{
				"session": obj{"type": "apiKey", "in": "cookie", "name": sessionCookie,
					"description": "the session of POST /api/session; writes must also come from this site's own pages (Origin / Sec-Fetch-Site)"},
			},
			"responses": obj{
				"Unauthorized":     errorResponse("Not logged in (or the session ended)."),
				"Forbidden":        errorResponse("Logged in, but the user's roles may not do this; or a cross-origin write."),
				"InvalidParameter": errorResponse("A query parameter is unknown or has an invalid value; description names it."),
				"NotFound":         errorResponse("The collection or feature does not exist."),
				"ServerError":      errorResponse("An internal error; details are logged, never shown."),
			},
		},
	}
}

// addCollection adds the three paths of collection c and the schemas of its features.
func addCollection(paths, schemas obj, c catalog.Collection) {
	props := obj{}
	var filters []any
	for _, p := range c.Properties {
		props[p.Name] = withDescription(propertySchema(p), p.Title)
		if p.Filter {
			filters = append(filters, filterParameter(p))
		}
	}
	if c.ID == "parks" {
		props["phases"] = withDescription(arrayOf(ref("schemas", "parkPhase")), "construction phases (§三)")
		props["yearly_plan"] = withDescription(arrayOf(ref("schemas", "parkYearlyPlan")), "yearly plan (附件6 / 附件7)")
		props["inconsistencies"] = withDescription(arrayOf(ref("schemas", "planFinding")),
			"the plan's own disagreements about this park, both figures kept (parkmap check-data)")
	}
	geomRef := ref("schemas", "multiPolygonGeoJSON")
	if c.GeometryType == "Point" {
		geomRef = ref("schemas", "pointGeoJSON")
	}
	schemas[c.ID+"Properties"] = obj{"type": "object", "properties": props}
	schemas[c.ID+"Feature"] = objectSchema([]string{"type", "id", "geometry", "properties"}, obj{
		"type":       obj{"type": "string", "enum": []string{"Feature"}},
		"id":         str(),
		"geometry":   geomRef,
		"properties": ref("schemas", c.ID+"Properties"),
		"links":      arrayOf(ref("schemas", "link")),
	})
	schemas[c.ID+"FeatureCollection"] = objectSchema([]string{"type", "features"}, obj{
		"type":           obj{"type": "string", "enum": []string{"FeatureCollection"}},
		"numberMatched":  obj{"type": "integer", "minimum": 0},
		"numberReturned": obj{"type": "integer", "minimum": 0},
		"timeStamp":      obj{"type": "string", "format": "date-time"},
		"links":          arrayOf(ref("schemas", "link")),
		"features":       arrayOf(ref("schemas", c.ID+"Feature")),
	})

	itemParams := []any{
		ref("parameters", "bbox"), ref("parameters", "bbox-crs"), ref("parameters", "crs"), ref("parameters", "datetime"),
		ref("parameters", "limit"), ref("parameters", "offset"), propertiesParameter(c),
		ref("parameters", "skipGeometry"), sortbyParameter(c), ref("parameters", "filter"), ref("parameters", "filter-lang"),
		ref("parameters", "filter-crs"), ref("parameters", "fDocument"),
	}
	base := "/collections/" + c.ID
	title := c.TitleZh + " (" + c.TitleEn + ")"
	paths[base] = obj{"get": operation("describe_"+c.ID, "Capabilities", "Describe "+title, c.Description,
		[]any{ref("parameters", "fDocument")}, jsonResponse("The collection "+c.ID, ref("schemas", "collection"), mediaJSON))}
	paths[base+"/schema"] = obj{"get": operation("get_"+c.ID+"_schema", "Capabilities", "The schema of "+title,
		"The JSON Schema (2020-12) of the features: every property with its type and Chinese title.",
		[]any{}, jsonResponse("The schema of "+c.ID, obj{"type": "object"}, mediaSchema))}
	paths[base+"/queryables"] = obj{"get": operation("get_"+c.ID+"_queryables", "Capabilities", "The queryables of "+title,
		"What a CQL2 filter on these features may name (OGC API - Features Part 3): every scalar property with its "+
			"type, and the geometry. Lists are not queryable; their flat *_text fields are.",
		[]any{}, jsonResponse("The queryables of "+c.ID, obj{"type": "object"}, mediaSchema))}
	paths[base+"/sortables"] = obj{"get": operation("get_"+c.ID+"_sortables", "Capabilities", "The sortables of "+title,
		"What sortby may name: every scalar property with its type.",
		[]any{}, jsonResponse("The sortables of "+c.ID, obj{"type": "object"}, mediaSchema))}
	paths[base+"/items"] = obj{"get": operation("get_"+c.ID+"_items", "Data", "Features of "+title,
		"A page of features in a stable order; numberMatched counts every match and the next link pages on. "+
			"Property filters match exactly (array properties: contains). "+
			"The page is written as the database sends it, gzip-compressed when Accept-Encoding takes gzip; "+
			"a failure midway aborts the response, so a truncated (invalid) document is the sign of it.",
		append(itemParams, filters...),
		jsonResponse("A page of "+c.ID+" features", ref("schemas", c.ID+"FeatureCollection"), mediaGeoJSON))}
	paths[base+"/items/{featureId}"] = obj{"get": operation("get_"+c.ID+"_item", "Data", "One feature of "+title, "",
		[]any{ref("parameters", "featureId"), ref("parameters", "crs"), propertiesParameter(c),
			ref("parameters", "skipGeometry"), ref("parameters", "fDocument")},
		jsonResponse("One "+c.ID+" feature", ref("schemas", c.ID+"Feature"), mediaGeoJSON))}
}

func commonParameters() obj {
	return obj{
		"bbox": obj{
			"name": "bbox", "in": "query", "required": false, "style": "form", "explode": false,
			"description": "Only features that intersect the box minLon,minLat,maxLon,maxLat (CRS84), or in bbox-crs its lower and " +
				"upper corners in that CRS's axis order (EPSG:4326 and EPSG:4490 minLat,minLon,maxLat,maxLon; EPSG:4549 and " +
				"EPSG:4528 northing first; EPSG:3857 easting first). A 6-number box with heights is accepted (geographic CRSs) " +
				"and its heights ignored. A box crossing the antimeridian (minLon > maxLon) is not supported.",
			"schema": obj{"type": "array", "minItems": 4, "maxItems": 6, "items": obj{"type": "number"}},
		},
		"bbox-crs": obj{
			"name": "bbox-crs", "in": "query", "required": false,
			"description": "The CRS of bbox (OGC API - Features Part 2), by its URI; EPSG:4490 and [EPSG:4490] are taken too. Default CRS84.",
			"schema":      obj{"type": "string", "format": "uri", "enum": catalog.CRSURIs(), "default": crs84},
		},
		"crs": obj{
			"name": "crs", "in": "query", "required": false,
			"description": "The CRS of the geometries (OGC API - Features Part 2), by its URI; EPSG:4490 and [EPSG:4490] are taken too. " +
				"Coordinates keep the CRS's axis order: EPSG:4326 and EPSG:4490 latitude first, EPSG:4549 and EPSG:4528 " +
				"(CGCS2000 3° Gauss-Krüger CM 120°E, without and with the zone prefix 40) northing first, EPSG:3857 easting " +
				"first. The Content-Crs header names the CRS of the response. Default CRS84 (longitude, latitude).",
			"schema": obj{"type": "string", "format": "uri", "enum": catalog.CRSURIs(), "default": crs84},
		},
		"datetime": obj{
			"name": "datetime", "in": "query", "required": false, "style": "form", "explode": false,
			"description": "An RFC 3339 date-time or date, or an interval start/end where either end may be .. or empty " +
				"(open). A time without an offset is China Standard Time (UTC+8); a date is its whole day. Parcels " +
				"match by their supply year (a year runs from 1 January 00:00 CST); the other collections carry no " +
				"time and accept the parameter without selecting by it.",
			"schema": str(),
		},
		"filter": obj{
			"name": "filter", "in": "query", "required": false,
			"description": "A CQL2 Text filter (OGC API - Features Part 3) over the collection's queryables: AND, OR, NOT, " +
				"= <> < <= > >=, LIKE (% and _), BETWEEN, IN, IS NULL (each with NOT), text in single quotes ('' for a quote), " +
				"numbers, TRUE/FALSE, DATE('YYYY-MM-DD') (a day on China Standard Time) and TIMESTAMP('RFC 3339'), and " +
				"S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DISJOINT, S_EQUALS, S_TOUCHES, S_OVERLAPS, S_CROSSES on geometry " +
				"and a WKT (POINT … MULTIPOLYGON) or BBOX literal in filter-crs. At most 32 KB, 10,000 vertices and " +
				"parentheses 32 deep. Anything else is a 400 naming the token and its position, e.g. " +
				"town = '鳌江镇' AND S_INTERSECTS(geometry, BBOX(120.4,27.5,120.7,27.8)).",
			"schema": str(),
		},
		"filter-lang": obj{
			"name": "filter-lang", "in": "query", "required": false,
			"description": "The language of filter: cql2-text, the only one served.",
			"schema":      obj{"type": "string", "enum": []string{cql2Text}, "default": cql2Text},
		},
		"filter-crs": obj{
			"name": "filter-crs", "in": "query", "required": false,
			"description": "The CRS of filter's geometry literals, by its URI (as crs); coordinates in that CRS's axis order. Default CRS84.",
			"schema":      obj{"type": "string", "format": "uri", "enum": catalog.CRSURIs(), "default": crs84},
		},
		"skipGeometry": obj{
			"name": "skipGeometry", "in": "query", "required": false,
			"description": "true: each feature's geometry is null (the attributes only).",
			"schema":      obj{"type": "boolean", "default": false},
		},
		"limit": obj{
			"name": "limit", "in": "query", "required": false, "style": "form", "explode": false,
			"description": "The page size. A value above " + strconv.Itoa(maxLimit) + " is served as " + strconv.Itoa(maxLimit) + " (and the next link pages on with it).",
			"schema":      obj{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit},
		},
		"offset": obj{
			"name": "offset", "in": "query", "required": false,
			"description": "How many matching features to skip (the next and prev links set it).",
			"schema":      obj{"type": "integer", "minimum": 0, "default": 0},
		},
		"fLanding": obj{
			"name": "f", "in": "query", "required": false,
			"description": "The encoding: json (the landing document) or html (the web map). Without it, the Accept header decides.",
			"schema":      obj{"type": "string", "enum": []string{"json", "html"}},
		},
		"f": obj{
			"name": "f", "in": "query", "required": false,
			"description": "The encoding; parkmap serves JSON only.",
			"schema":      obj{"type": "string", "enum": []string{"json", "geojson"}},
		},
		"fDocument": obj{
			"name": "f", "in": "query", "required": false,
			"description": "The encoding: json (geojson for features), or html, a page a person reads (server-rendered, no script); " +
				"an Accept header preferring text/html gets html too.",
			"schema": obj{"type": "string", "enum": []string{"json", "geojson", "html"}},
		},
		"featureId": obj{
			"name": "featureId", "in": "path", "required": true,
			"description": "The id of the feature.",
			"schema":      str(),
		},
	}
}

// propertiesParameter is the properties parameter of c's items: a comma-separated subset of its
// properties (an empty value: none).
func propertiesParameter(c catalog.Collection) obj {
	var names []string
	for _, p := range c.Properties {
		names = append(names, p.Name)
	}
	for _, p := range c.Derived {
		names = append(names, p.Name)
	}
	return obj{
		"name": "properties", "in": "query", "required": false, "style": "form", "explode": false,
		"description": "Only these properties, comma-separated (an empty value: none); each feature keeps the " +
			"catalogue's order of them.",
		"schema": obj{"type": "array", "uniqueItems": true, "items": obj{"type": "string", "enum": names}},
	}
}

// sortbyParameter is the sortby parameter of c's items: scalar properties, each with an optional +
// (ascending, the default) or - (descending).
func sortbyParameter(c catalog.Collection) obj {
	var keys []string
	for _, p := range c.Properties {
		if p.Sortable() {
			keys = append(keys, p.Name, "+"+p.Name, "-"+p.Name)
		}
	}
	return obj{
		"name": "sortby", "in": "query", "required": false, "style": "form", "explode": false,
		"description": "Sort keys, comma-separated, each a property with + (ascending, the default) or - " +
			"(descending). Text sorts by pinyin; missing values sort last either way; the collection's stable " +
			"order breaks ties.",
		"schema": obj{"type": "array", "uniqueItems": true, "items": obj{"type": "string", "enum": keys}},
	}
}

func filterParameter(p catalog.Property) obj {
	schema := obj{"type": p.Type}
	desc := "Only features whose " + p.Name + " (" + p.Title + ") equals this value."
	if p.Type == "array" {
		schema = str()
		desc = "Only features whose " + p.Name + " (" + p.Title + ") contains this value."
	}
	return obj{"name": p.Name, "in": "query", "required": false, "description": desc, "schema": schema}
}

func propertySchema(p catalog.Property) obj {
	if p.Type == "array" {
		s := arrayOf(str())
		s["nullable"] = true
		return s
	}
	return nullable(p.Type)
}

func collectionSchema() obj {
	bbox := obj{"type": "array", "minItems": 4, "maxItems": 4, "items": obj{"type": "number"}}
	return objectSchema([]string{"id", "links"}, obj{
		"id": str(), "title": str(), "description": str(),
		"provenance": obj{"type": "string", "enum": []string{"illustrative", "real", "mixed"},
			"description": "as the features say: illustrative (the shapes are schematic), real (a public source or the county's imported data), mixed (some of each, e.g. parks with some boundaries imported)"},
		"itemType": str(),
		"crs":      arrayOf(str()), "storageCrs": str(),
		"extent": objectSchema(nil, obj{"spatial": objectSchema(nil, obj{
			"bbox": arrayOf(bbox), "crs": str(),
		})}),
		"links": arrayOf(ref("schemas", "link")),
	})
}

func linkSchema() obj {
	return objectSchema([]string{"href", "rel"}, obj{
		"href": obj{"type": "string", "format": "uri"}, "rel": str(), "type": str(), "title": str(),
	})
}

func geometrySchema(kind string, coordinates obj) obj {
	return objectSchema([]string{"type", "coordinates"}, obj{
		"type":        obj{"type": "string", "enum": []string{kind}},
		"coordinates": coordinates,
	})
}

func operation(id, tag, summary, description string, params []any, ok obj) obj {
	op := obj{
		"operationId": id,
		"tags":        []string{tag},
		"summary":     summary,
		"responses": obj{
			"200": ok,
			"400": ref("responses", "InvalidParameter"),
			"404": ref("responses", "NotFound"),
			"500": ref("responses", "ServerError"),
		},
	}
	if description != "" {
		op["description"] = description
	}
	if params != nil {
		op["parameters"] = params
	} else {
		op["parameters"] = []any{ref("parameters", "f")}
	}
	return op
}

func jsonResponse(description string, schema obj, media string) obj {
	return obj{"description": description, "content": obj{media: obj{"schema": schema}}}
}

// landingResponse is the landing document as JSON, or the web map as HTML.
func landingResponse() obj {
	r := jsonResponse("The landing page (JSON) or the web map (HTML)", ref("schemas", "landingPage"), mediaJSON)
	r["content"].(obj)["text/html"] = obj{"schema": str()}
	return r
}

func errorResponse(description string) obj {
	return jsonResponse(description, ref("schemas", "exception"), mediaJSON)
}

func objectSchema(required []string, props obj) obj {
	o := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func ref(kind, name string) obj { return obj{"$ref": "#/components/" + kind + "/" + name} }
func str() obj                  { return obj{"type": "string"} }
func arrayOf(items obj) obj     { return obj{"type": "array", "items": items} }
func nullable(typ string) obj   { return obj{"type": typ, "nullable": true} }
func withDescription(o obj, d string) obj {
	if _, isRef := o["$ref"]; isRef {
		return o // OpenAPI 3.0 ignores siblings of $ref
	}
	o["description"] = d
	return o
}
