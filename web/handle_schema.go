package web

import (
	"net/http"
	"strings"

	"github.com/pingyang/parkmap/catalog"
)

// handleSchema serves /collections/{id}/schema: the JSON Schema (2020-12) of a collection's features,
// every property with its type and Chinese title (OGC API - Features Part 5, the "schema" of the
// returnables), linked from the collection as describedby, so that a client need not guess a
// column's type from the first features it reads (issue 13). GDAL 3.6's OAPIF driver does not read
// it yet: it types from the first ten features, and a number null in all ten reads as text.
func (s *server) handleSchema(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	props := obj{}
	for _, p := range c.PublishedProperties() {
		_, column := c.Property(p.Name)
		props[p.Name] = propertyJSONSchema(p, !column)
	}
	props[catalog.GeometryQueryable] = geometryQueryableSchema(c)
	writeJSON(w, http.StatusOK, mediaSchema, schemaDocument(s.baseURL(r), c, "/schema", props))
	return nil
}

// handleQueryables serves /collections/{id}/queryables (OGC API - Features Part 3): what a CQL2
// filter may name, with its type, as JSON Schema. Closed (additionalProperties false): a name not
// listed is refused by the filter, naming it.
func (s *server) handleQueryables(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	props := obj{catalog.GeometryQueryable: geometryQueryableSchema(c)}
	for _, p := range c.Properties {
		if p.Queryable() {
			props[p.Name] = propertyJSONSchema(p, false)
		}
	}
	doc := schemaDocument(s.baseURL(r), c, "/queryables", props)
	doc["additionalProperties"] = false
	writeJSON(w, http.StatusOK, mediaSchema, doc)
	return nil
}

// handleSortables serves /collections/{id}/sortables: what sortby may name, as JSON Schema.
func (s *server) handleSortables(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	props := obj{}
	for _, p := range c.Properties {
		if p.Sortable() {
			props[p.Name] = propertyJSONSchema(p, false)
		}
	}
	doc := schemaDocument(s.baseURL(r), c, "/sortables", props)
	doc["additionalProperties"] = false
	writeJSON(w, http.StatusOK, mediaSchema, doc)
	return nil
}

// schemaDocument is a JSON Schema (2020-12) of c's features at path under the collection.
func schemaDocument(base string, c catalog.Collection, path string, props obj) obj {
	return obj{
		"$schema":    "https://json-schema.org/draft/2020-12/schema",
		"$id":        collectionURL(base, c, path),
		"type":       "object",
		"title":      c.TitleZh + " / " + c.TitleEn,
		"properties": props,
	}
}

// geometryQueryableSchema is the geometry's entry: its GeoJSON schema ($ref, which ogc-client reads for the
// type) and Part 5's format and role.
func geometryQueryableSchema(c catalog.Collection) obj {
	return obj{
		"title":      "几何 / geometry",
		"$ref":       "https://geojson.org/schema/" + c.GeometryType + ".json",
		"format":     "geometry-" + strings.ToLower(c.GeometryType),
		"x-ogc-role": "primary-geometry",
	}
}

// mediaSchema is a JSON Schema document's media type.
const mediaSchema = "application/schema+json"

// propertyJSONSchema is one property's schema: its JSON type. A list of the view is a list of names
// (text[]); a derived list (a park's phases, yearly plan, inconsistencies) is one of objects.
func propertyJSONSchema(p catalog.Property, derived bool) obj {
	out := obj{"title": p.Title}
	switch p.Type {
	case "array":
		out["type"] = "array"
		if derived {
			out["items"] = obj{"type": "object"}
		} else {
			out["items"] = obj{"type": "string"}
		}
	default:
		out["type"] = p.Type
	}
	if p.Format != "" {
		out["format"] = p.Format
	}
	if p.Name == "id" || p.Name == "code" && p.Type == "string" {
		out["x-ogc-role"] = "id"
	}
	return out
}
