package web_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

// Each collection links its queryables, which list exactly what a filter may name, typed as the
// filter compares them; the conformance document claims Part 3 and CQL2 Text.
func TestQueryables(t *testing.T) {
	base := testenv.Server(t)
	var conf struct {
		ConformsTo []string `json:"conformsTo"`
	}
	ogcGetOK(t, base+"/conformance", "application/json", &conf)
	for _, want := range []string{
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
		"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
		"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
		"http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
	} {
		if !slices.Contains(conf.ConformsTo, want) {
			t.Errorf("conformance lacks %s", want)
		}
	}
	for _, c := range catalog.DefaultCollections() {
		var col struct {
			Links []ogcLink `json:"links"`
		}
		ogcGetOK(t, base+"/collections/"+c.ID, "application/json", &col)
		href := ""
		for _, l := range col.Links {
			if l.Rel == "http://www.opengis.net/def/rel/ogc/1.0/queryables" {
				href = l.Href
			}
		}
		if href != base+"/collections/"+c.ID+"/queryables" {
			t.Fatalf("%s links its queryables at %q", c.ID, href)
		}
		var doc struct {
			ID         string `json:"$id"`
			Additional *bool  `json:"additionalProperties"`
			Properties map[string]struct {
				Type, Title, Format, Ref string
				Role                     string `json:"x-ogc-role"`
			} `json:"properties"`
		}
		body := ogcGetOK(t, href, "application/schema+json", nil)
		if err := json.Unmarshal([]byte(strings.ReplaceAll(string(body), `"$ref"`, `"ref"`)), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.ID != href || doc.Additional == nil || *doc.Additional {
			t.Errorf("%s queryables: $id %q, additionalProperties %v", c.ID, doc.ID, doc.Additional)
		}
		q := c.Queryables()
		if len(doc.Properties) != len(q) {
			t.Errorf("%s: %d queryables listed, %d served", c.ID, len(doc.Properties), len(q))
		}
		for name := range q {
			got, ok := doc.Properties[name]
			switch {
			case !ok:
				t.Errorf("%s: queryable %s is not listed", c.ID, name)
			case name == "geometry":
				if got.Role != "primary-geometry" || !strings.HasSuffix(got.Ref, "/"+c.GeometryType+".json") {
					t.Errorf("%s geometry: %+v", c.ID, got)
				}
			default:
				p, _ := c.Property(name)
				if got.Type != p.Type || got.Title != p.Title || got.Format != p.Format {
					t.Errorf("%s.%s: listed %+v, catalogue %s %q %q", c.ID, name, got, p.Type, p.Title, p.Format)
				}
			}
		}
	}
}

// A filter selects through HTTP as the store does (the store's tests hold the SQL oracle), keeps the
// other parameters, pages on with it in the next link, and reads geometry literals in filter-crs.
func TestFilterOverHTTP(t *testing.T) {
	base := testenv.Server(t)
	q := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	all := ogcAllItems(t, base, "parks", "")
	var aojiang []string
	for _, f := range all {
		if f.Properties["town"] == "鳌江镇" {
			aojiang = append(aojiang, f.ID)
		}
	}
	got := ogcItems(t, base, "parks", q("filter", "town = '鳌江镇'", "filter-lang", "cql2-text"))
	if got.NumberMatched != len(aojiang) || len(aojiang) == 0 {
		t.Errorf("town = '鳌江镇': %d matched, %d parks of 鳌江镇", got.NumberMatched, len(aojiang))
	}
	page := ogcItems(t, base, "parks", q("filter", "plan_area_mu > 0", "limit", "3", "sortby", "-plan_area_mu"))
	next, ok := page.link("next")
	if !ok || !strings.Contains(next, "filter=plan_area_mu") {
		t.Errorf("the next link does not keep the filter: %q", next)
	}
	// One park's point on the surface, sent back northing first in CGCS2000 Gauss-Krüger, finds it.
	one := ogcItems(t, base, "towns", q("crs", "EPSG:4549", "limit", "1"))
	var pt []float64
	if err := json.Unmarshal(one.Features[0].Geometry.Coordinates, &pt); err != nil || len(pt) != 2 {
		t.Fatalf("town geometry %s: %v", one.Features[0].Geometry.Coordinates, err)
	}
	n, e := pt[0], pt[1]
	box := fmt.Sprintf("%.3f,%.3f,%.3f,%.3f", n-10, e-10, n+10, e+10)
	hit := ogcItems(t, base, "towns", q("filter", "S_INTERSECTS(geometry, BBOX("+box+"))", "filter-crs", "EPSG:4549"))
	if hit.NumberMatched != 1 || hit.Features[0].ID != one.Features[0].ID {
		t.Errorf("a 20 m box around %s in EPSG:4549 finds %d towns", one.Features[0].ID, hit.NumberMatched)
	}
}

// Every malformed or unknown filter is a 400 that names the token and where it is, in English and
// Chinese, without database text.
func TestFilterBadInput(t *testing.T) {
	base := testenv.Server(t)
	for _, tc := range []struct{ query, names string }{
		{"filter=" + url.QueryEscape("town = 1"), "near '1'"},
		{"filter=" + url.QueryEscape("nope = 'x'"), "'nope' is not a queryable"},
		{"filter=" + url.QueryEscape("aliases = 'x'"), "'aliases' is not a queryable"},
		{"filter=" + url.QueryEscape("town = 'a' AND"), "ends before"},
		{"filter=" + url.QueryEscape("town = 'a' ;DROP TABLE x"), "unexpected ';'"},
		{"filter=" + url.QueryEscape("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))"), "ring not closed"},
		{"filter=" + url.QueryEscape("area_mu * 2 > 1"), "unexpected '*'"},
		{"filter=" + url.QueryEscape(strings.Repeat("(", 50)+"TRUE"+strings.Repeat(")", 50)), "nested"},
		{"filter=" + url.QueryEscape(strings.Repeat("town = 'a' OR ", 3000)+"TRUE"), "32 KB"},
		{"filter=%FF", "UTF-8"},
		{"filter=", "empty"},
		{"filter=TRUE&filter-lang=cql2-json", "cql2-json"},
		{"filter=TRUE&filter-crs=EPSG:9999", "filter-crs"},
		{"filter=TRUE&filter=FALSE", "filter"},
	} {
		status, ct, body := ogcGet(t, base+"/collections/parks/items?"+tc.query)
		var e struct {
			Code, Description string
			Errors            []struct {
				Field         string
				DescriptionZh string `json:"description_zh"`
			}
		}
		if err := json.Unmarshal(body, &e); err != nil || status != 400 || ct != "application/json" {
			t.Errorf("%s: %d %s %s", tc.query, status, ct, body)
			continue
		}
		// The filter's own errors come in Chinese too (the other parameters' errors are English, as they were).
		zh := strings.HasPrefix(tc.query, "filter=") && !strings.Contains(tc.query, "&")
		if !strings.Contains(e.Description, tc.names) || zh && (len(e.Errors) != 1 || e.Errors[0].DescriptionZh == "") {
			t.Errorf("%s: %q does not name %q", tc.query, e.Description, tc.names)
		}
		if len(body) > 2000 || strings.Contains(string(body), "SQLSTATE") || strings.Contains(string(body), "ERROR:") {
			t.Errorf("%s: body %d bytes: %.300s", tc.query, len(body), body)
		}
	}
}
