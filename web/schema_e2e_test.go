package web_test

import (
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

// Each collection links the JSON Schema of its features (describedby), which types every property
// the features carry, so a client need not guess a column's type from its first features.
func TestCollectionSchema(t *testing.T) {
	base := testenv.Server(t)
	for _, c := range catalog.DefaultCollections() {
		var col struct {
			Links []ogcLink `json:"links"`
		}
		ogcGetOK(t, base+"/collections/"+c.ID, "application/json", &col)
		href := ""
		for _, l := range col.Links {
			if l.Rel == "describedby" && l.Type == "application/schema+json" {
				href = l.Href
			}
		}
		if href != base+"/collections/"+c.ID+"/schema" {
			t.Fatalf("%s links its schema at %q", c.ID, href)
		}
		var schema struct {
			Schema     string `json:"$schema"`
			ID         string `json:"$id"`
			Properties map[string]struct {
				Type  string `json:"type"`
				Title string `json:"title"`
			} `json:"properties"`
		}
		ogcGetOK(t, href, "application/schema+json", &schema)
		if schema.Schema != "https://json-schema.org/draft/2020-12/schema" || schema.ID != href {
			t.Errorf("%s: $schema %q, $id %q", c.ID, schema.Schema, schema.ID)
		}
		items := ogcItems(t, base, c.ID, "limit=1")
		for name := range items.Features[0].Properties {
			p, ok := c.Published(name)
			got, listed := schema.Properties[name]
			if !ok || !listed || got.Type != p.Type || got.Title != p.Title {
				t.Errorf("%s.%s: the schema gives %+v, the catalogue %s %q", c.ID, name, got, p.Type, p.Title)
			}
		}
	}
}
