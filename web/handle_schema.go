package web

import (
	"net/http"
	"strings"

	"github.com/pingyang/parkmap/catalog"
)

// handleSchema serves /collections/{id}/schema: the JSON Schema (2020-12) of a collection's features,
// every property with its type and Chinese title (OGC API - Features Part 5, the "schema" of the
// returnables), linked from the collection as describedby. A client that types its fields from the
// first features it reads (GDAL's OAPIF driver reads ten) would type a column whose first ten
// values are null as text; with the schema it knows the column is a number (issue 13).
func (s *server) handleSchema(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	props := obj{}
	for _, p := range append(append([]catalog.Property(nil), c.Properties...), c.Derived...) {
		props[p.Name] = propertyJSONSchema(p)
	}
	props["geometry"] = obj{"format": "geometry-" + strings.ToLower(c.GeometryType), "x-ogc-role": "primary-geometry"}
	writeJSON(w, http.StatusOK, mediaSchema, obj{
		"$schema":    "https://json-schema.org/draft/2020-12/schema",
		"$id":        collectionURL(s.baseURL(r), c, "/schema"),
		"type":       "object",
		"title":      c.TitleZh + " / " + c.TitleEn,
		"properties": props,
	})
	return nil
}

// mediaSchema is a JSON Schema document's media type.
const mediaSchema = "application/schema+json"

// propertyJSONSchema is one property's schema: its JSON type (a list of strings for the catalogue's
// arrays of names; an array of objects for a park's phases, yearly plan and inconsistencies).
func propertyJSONSchema(p catalog.Property) obj {
	out := obj{"title": p.Title}
	switch p.Type {
	case "array":
		out["type"] = "array"
		if len(p.Flat) == 1 {
			out["items"] = obj{"type": "string"}
		} else {
			out["items"] = obj{"type": "object"}
		}
	default:
		out["type"] = p.Type
	}
	if p.Name == "id" || p.Name == "code" && p.Type == "string" {
		out["x-ogc-role"] = "id"
	}
	return out
}
