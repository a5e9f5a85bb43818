package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

// Every OGC resource has an HTML view (Part 1, /conf/html) that a person can read: the collections,
// a collection, a page of items with its next page, a feature with its flat figures, the conformance
// classes; each links its JSON form, loads only this server's stylesheet and no script (the CSP), and
// the JSON forms stay JSON for clients that ask for JSON (issue 13).
func TestHTMLViews(t *testing.T) {
	base := testenv.Server(t)
	var wanyang ogcFeature
	ogcGetOK(t, base+"/collections/parks/items/wanyang", "application/geo+json", &wanyang)
	page := ogcItems(t, base, "parks", "limit=5")
	last := page.Features[4].Properties["name"].(string)
	views := []struct {
		path  string
		wants []string
	}{
		{"/collections?f=html", []string{"图层列表", "小微企业园", "/collections/parks/items?f=html"}},
		{"/collections/parcels?f=html", []string{"供地地块", "http://www.opengis.net/def/crs/EPSG/0/4549", "时间范围"}},
		{"/collections/parks/items?f=html&limit=5", []string{"共 20 个要素，本页 5 个", "下一页", "offset=5", "园区名称", last}},
		{"/collections/parks/items/wanyang?f=html", []string{"万洋众创城", "2019年计划供地（亩）", "66.9",
			wanyang.Properties["phases_text"].(string), "MultiPolygon"}},
		{"/conformance?f=html", []string{"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html"}},
	}
	script := regexp.MustCompile(`(?i)<script|\sstyle=|\son[a-z]+=`)
	for _, v := range views {
		res := fetch(t, http.MethodGet, base+v.path)
		body := string(res.body)
		if res.status != http.StatusOK || res.header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("%s: %d %s: %.300s", v.path, res.status, res.header.Get("Content-Type"), body)
			continue
		}
		for _, w := range append(v.wants, `rel="stylesheet" href="`+base+"/static/ogc.css?v=", "f=json") {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", v.path, w)
			}
		}
		if m := script.FindString(body); m != "" {
			t.Errorf("%s has %q: the CSP forbids inline script and style", v.path, m)
		}
		if csp := res.header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'self'") {
			t.Errorf("%s: CSP %q", v.path, csp)
		}
	}
	// A browser's Accept gets HTML at the plain URL, GDAL's JSON; the two have different ETags.
	html := fetch(t, http.MethodGet, base+"/collections/parks/items/wanyang", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	js := fetch(t, http.MethodGet, base+"/collections/parks/items/wanyang", "Accept", "application/geo+json, application/json")
	if !strings.HasPrefix(html.header.Get("Content-Type"), "text/html") || js.header.Get("Content-Type") != "application/geo+json" ||
		html.header.Get("ETag") == js.header.Get("ETag") {
		t.Errorf("negotiation: HTML %s (%s), JSON %s (%s)", html.header.Get("Content-Type"), html.header.Get("ETag"),
			js.header.Get("Content-Type"), js.header.Get("ETag"))
	}
	if res := fetch(t, http.MethodGet, base+"/static/ogc.css"); res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/css") {
		t.Errorf("ogc.css: %d %s", res.status, res.header.Get("Content-Type"))
	}
	if res := fetch(t, http.MethodGet, base+"/collections/parks/items?f=pdf"); res.status != http.StatusBadRequest {
		t.Errorf("f=pdf: %d", res.status)
	}
}
