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
	if p.Name == "id" || p.Name == "code" && p.Type == "string" {
		out["x-ogc-role"] = "id"
	}
	return out
}
