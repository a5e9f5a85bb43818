package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// A GIS client revalidating a collection, a page of items or one feature gets 304 with the weak ETag
// it was given, until the data changes: then the old tag gets the new document. Another question
// has another tag, and an error carries none (issue 13).
func TestDocumentsRevalidate(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	testenv.WaitFor(t, "the server to read a dataset version", func() bool { return readyVersion(t, base) != "" })

	paths := []string{"/collections/parks", "/collections/parks/items?limit=5", "/collections/parks/items/" + editPark,
		"/collections/parks/items/" + editPark + "?crs=EPSG:4549"}
	tags := map[string]string{}
	seen := map[string]string{}
	for _, p := range paths {
		res := fetch(t, http.MethodGet, base+p)
		tag := res.header.Get("ETag")
		if res.status != http.StatusOK || !strings.HasPrefix(tag, `W/"`) || res.header.Get("Cache-Control") != "public, no-cache" {
			t.Fatalf("%s: %d, ETag %q, Cache-Control %q", p, res.status, tag, res.header.Get("Cache-Control"))
		}
		if other, dup := seen[tag]; dup {
			t.Errorf("%s and %s share the ETag %s", p, other, tag)
		}
		seen[tag], tags[p] = p, tag
		again := fetch(t, http.MethodGet, base+p, "If-None-Match", tag)
		if again.status != http.StatusNotModified || len(again.body) != 0 || again.header.Get("ETag") != tag {
			t.Errorf("%s revalidated: %d, %d bytes, ETag %q", p, again.status, len(again.body), again.header.Get("ETag"))
		}
		if other := fetch(t, http.MethodGet, base+p, "If-None-Match", `W/"other"`); other.status != http.StatusOK {
			t.Errorf("%s with another tag: %d", p, other.status)
		}
	}
	for _, p := range []string{"/collections/parks/items/no-such-park", "/collections/parks/items?crs=EPSG:9999"} {
		if res := fetch(t, http.MethodGet, base+p); res.status < 400 || res.header.Get("ETag") != "" || res.header.Get("Content-Crs") != "" {
			t.Errorf("%s: %d with ETag %q, Content-Crs %q", p, res.status, res.header.Get("ETag"), res.header.Get("Content-Crs"))
		}
	}

	r := planner.patchFacts(editPark, `"0"`, `{"status":"已认定"}`)
	f := decodeFacts(t, r)
	if r.status != http.StatusOK {
		t.Fatalf("edit: %v", r)
	}
	testenv.WaitFor(t, "the server to hear of the edit", func() bool { return readyVersion(t, base) == f.DatasetVersion })
	for _, p := range paths {
		res := fetch(t, http.MethodGet, base+p, "If-None-Match", tags[p])
		if res.status != http.StatusOK || res.header.Get("ETag") == tags[p] {
			t.Errorf("%s after the edit, with the old tag: %d, ETag %q", p, res.status, res.header.Get("ETag"))
		}
	}
	if res := fetch(t, http.MethodGet, base+"/collections/parks/items/"+editPark, "If-None-Match", tags["/collections/parks/items/"+editPark]); !strings.Contains(string(res.body), "已认定") {
		t.Errorf("the feature after the edit: %.200s", res.body)
	}
}
