package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

func TestOGCBadInput(t *testing.T) {
	base := testenv.Server(t)
	tests := []struct {
		path   string
		status int
		names  string // what the description must name
	}{
		{"/collections/nope", 404, "nope"},
		{"/collections/nope/items", 404, "nope"},
		{"/collections/nope/items/wanyang", 404, "nope"},
		{"/collections/parks/items/nope", 404, "nope"},
		{"/collections/parks/items/%FF%FE", 404, "parks"},
		{"/collections/parks/items/a%00b", 404, "parks"},
		{"/collections/parks/items/" + url.PathEscape("'; DROP TABLE parks; --"), 404, "DROP TABLE"},
		{"/?foo=1", 400, "foo"},
		{"/conformance?foo=1", 400, "foo"},
		{"/api?foo=1", 400, "foo"},
		{"/collections?bbox=1,2,3,4", 400, "bbox"},
		{"/collections/parks?limit=5", 400, "limit"},
		{"/collections/parks/items/wanyang?limit=5", 400, "limit"},
		{"/collections/parks/items?foo=1", 400, "foo"},
		{"/collections/parks/items?name=x", 400, "name"},
		{"/collections/parks/items?datetime=2019-13-01", 400, "datetime"},
		{"/collections/parks/items?%zz", 400, "query"},
		{"/collections/parks/items?bbox=120,27,121", 400, "bbox"},
		{"/collections/parks/items?bbox=120,27,121,28,29", 400, "bbox"},
		{"/collections/parks/items?bbox=", 400, "bbox"},
		{"/collections/parks/items?bbox=a,b,c,d", 400, "bbox"},
		{"/collections/parks/items?bbox=NaN,27,121,28", 400, "bbox"},
		{"/collections/parks/items?bbox=120,27,Inf,28", 400, "bbox"},
		{"/collections/parks/items?bbox=120,27,-Infinity,28", 400, "bbox"},
		{"/collections/parks/items?bbox=120,27,181,28", 400, "bbox"},
		{"/collections/parks/items?bbox=-180.5,27,121,28", 400, "bbox"},
		{"/collections/parks/items?bbox=120,-91,121,28", 400, "bbox"},
		{"/collections/parks/items?bbox=120,27,121,90.1", 400, "bbox"},
		{"/collections/parks/items?bbox=120,28,121,27", 400, "bbox"},
		{"/collections/parks/items?bbox=121,27,120,28", 400, "antimeridian"},
		{"/collections/parks/items?bbox=120,27,121,28&bbox-crs=EPSG:9999", 400, "bbox-crs"},
		{"/collections/parks/items?bbox=120,27,121,28&bbox-crs=EPSG:4326", 400, "latitude 120"},
		{"/collections/parks/items?bbox=3060000,540000,3050000,560000&bbox-crs=EPSG:4549", 400, "lower corner"},
		{"/collections/parks/items?bbox=3050000,540000,3060000&bbox-crs=EPSG:4549", 400, "bbox"},
		{"/collections/parks/items?crs=EPSG:9999", 400, "crs"},
		{"/collections/parks/items?crs=EPSG:4549&crs=EPSG:4490", 400, "crs"},
		{"/collections/parks/items/wanyang?crs=" + url.QueryEscape("http://www.opengis.net/def/crs/EPSG/0/2000"), 400, "EPSG/0/2000"},
		{"/collections/parks/items?bbox=120,27,121,28&bbox=1,2,3,4", 400, "bbox"},
		{"/collections/parks/items?limit=-1", 400, "limit"},
		{"/collections/parks/items?limit=0", 400, "limit"},
		{"/collections/parks/items?limit=ten", 400, "limit"},
		{"/collections/parks/items?limit=1.5", 400, "limit"},
		{"/collections/parks/items?offset=-1", 400, "offset"},
		{"/collections/parks/items?offset=x", 400, "offset"},
		{"/collections/parks/items?offset=99999999999999999999", 400, "offset"},
		{"/collections/parks/items?status=", 400, "status"},
		{"/collections/parks/items?town=%FF", 400, "town"},
		{"/collections/parks/items?town=a%00b", 400, "town"},
		{"/collections/parcels/items?year=abc", 400, "year"},
		{"/collections/parcels/items?year=2019.5", 400, "year"},
		{"/collections/parcels/items?year=99999999999", 400, "year"},
		{"/collections/redevelopment/items?old_factory=yes", 400, "old_factory"},
		{"/collections/redevelopment/items?old_factory=1", 400, "old_factory"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, ct, body := ogcGet(t, base+tt.path)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			if ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var e struct{ Code, Description string }
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("body is not JSON: %s", body)
			}
			if e.Code == "" || !strings.Contains(e.Description, tt.names) {
				t.Errorf("code %q, description %q; want it to name %q", e.Code, e.Description, tt.names)
			}
			for _, leak := range []string{"ERROR:", "SQLSTATE", "pq:", "pgx", "internal"} {
				if bytes.Contains(body, []byte(leak)) {
					t.Errorf("body carries %q: %s", leak, body)
				}
			}
		})
	}
}

// TestOpenAPI checks that /api is an OpenAPI 3.0 document whose every $ref resolves inside it and that
// describes each collection's paths and filters.
func TestOpenAPI(t *testing.T) {
	base := testenv.Server(t)
	var doc map[string]any
	ogcGetOK(t, base+"/api", "application/vnd.oai.openapi+json;version=3.0", &doc)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.0.") {
		t.Fatalf("openapi = %q, want 3.0.x", v)
	}
	info, _ := doc["info"].(map[string]any)
	if info["title"] == nil || info["version"] == nil {
		t.Errorf("info lacks title or version: %v", info)
	}
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k == "$ref" {
					refs = append(refs, x.(string))
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if len(refs) == 0 {
		t.Error("no $ref at all: the components are not used")
	}
	for _, r := range refs {
		if _, err := resolvePointer(doc, r); err != nil {
			t.Errorf("$ref %s: %v", r, err)
		}
	}

	paths, _ := doc["paths"].(map[string]any)
	want := []string{"/", "/conformance", "/api", "/collections"}
	for _, c := range catalog.DefaultCollections() {
		want = append(want, "/collections/"+c.ID, "/collections/"+c.ID+"/items", "/collections/"+c.ID+"/items/{featureId}")
	}
	for _, p := range want {
		if _, ok := paths[p]; !ok {
			t.Errorf("path %s is missing", p)
		}
	}
	opIDs := map[string]bool{}
	for path, item := range paths {
		ops := 0
		for method, v := range item.(map[string]any) {
			if op, ok := v.(map[string]any); ok {
				ops++
				checkOperation(t, doc, path, method, op, opIDs)
			}
		}
		if ops == 0 {
			t.Errorf("%s has no operation", path)
		}
	}
}

// checkOperation checks one operation of the document: a unique operationId, a 2xx response,
// parameters with name, in and schema, its path parameters declared, and for an /items path one
// parameter per filterable property.
func checkOperation(t *testing.T, doc map[string]any, path, method string, op map[string]any, opIDs map[string]bool) {
	t.Helper()
	where := method + " " + path
	id, _ := op["operationId"].(string)
	if id == "" || opIDs[id] {
		t.Errorf("%s: operationId %q is empty or repeated", where, id)
	}
	opIDs[id] = true
	responses, _ := op["responses"].(map[string]any)
	ok2xx := false
	for code := range responses {
		ok2xx = ok2xx || strings.HasPrefix(code, "2")
	}
	if !ok2xx {
		t.Errorf("%s: no 2xx response", where)
	}
	names := map[string]map[string]any{}
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		param := p.(map[string]any)
		if r, ok := param["$ref"].(string); ok {
			v, err := resolvePointer(doc, r)
			if err != nil {
				continue // reported by the caller's $ref walk
			}
			param = v.(map[string]any)
		}
		name, _ := param["name"].(string)
		if name == "" || param["in"] == nil || param["schema"] == nil {
			t.Errorf("%s: parameter %v lacks name, in or schema", where, param)
		}
		names[name] = param
	}
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") {
			name := strings.Trim(seg, "{}")
			if p := names[name]; p == nil || p["in"] != "path" || p["required"] != true {
				t.Errorf("%s: path parameter %s is not declared as a required path parameter", where, name)
			}
		}
	}
	if c, ok := catalog.Default().Collection(strings.TrimSuffix(strings.TrimPrefix(path, "/collections/"), "/items")); ok && method == "get" && strings.HasSuffix(path, "/items") {
		for _, p := range c.Properties {
			if _, declared := names[p.Name]; declared != p.Filter {
				t.Errorf("%s: parameter %s declared %v, filterable %v", where, p.Name, declared, p.Filter)
			}
		}
		for _, n := range []string{"bbox", "limit", "offset"} {
			if names[n] == nil {
				t.Errorf("%s: no %s parameter", where, n)
			}
		}
	}
}

// resolvePointer resolves a local JSON pointer reference ("#/a/b") in doc.
func resolvePointer(doc any, ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("not a reference inside the document")
	}
	v := doc
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%q is inside a non-object", tok)
		}
		if v, ok = m[tok]; !ok {
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			return nil, fmt.Errorf("no %q (have %v)", tok, keys)
		}
	}
	return v, nil
}
