package web_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

// updateGolden reports whether -update was given: it rewrites the golden files under testdata/ogc. The
// flag is shared with any other test file of the binary that declares it first.
var updateGolden = goldenFlag()

func goldenFlag() func() bool {
	if f := flag.Lookup("update"); f != nil {
		return func() bool { return f.Value.String() == "true" }
	}
	p := flag.Bool("update", false, "rewrite the golden files under testdata")
	return func() bool { return *p }
}

// goldenBase replaces the test server's address in golden files.
const goldenBase = "http://parkmap.test"

type ogcLink struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
	Type string `json:"type"`
}

type ogcGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

type ogcFeature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   *ogcGeometry   `json:"geometry"`
	Properties map[string]any `json:"properties"`
	Links      []ogcLink      `json:"links"`
}

type ogcFeatureCollection struct {
	Type           string       `json:"type"`
	NumberMatched  int          `json:"numberMatched"`
	NumberReturned int          `json:"numberReturned"`
	TimeStamp      string       `json:"timeStamp"`
	Links          []ogcLink    `json:"links"`
	Features       []ogcFeature `json:"features"`
}

func (fc ogcFeatureCollection) link(rel string) (string, bool) {
	for _, l := range fc.Links {
		if l.Rel == rel {
			return l.Href, true
		}
	}
	return "", false
}

// ogcGet fetches url and returns the status, the Content-Type and the body.
func ogcGet(t testing.TB, url string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// ogcGetOK fetches url, requires a 200 of the given media type and decodes the body into v.
func ogcGetOK(t testing.TB, url, media string, v any) []byte {
	t.Helper()
	status, ct, body := ogcGet(t, url)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", url, status, body)
	}
	if ct != media {
		t.Errorf("GET %s: Content-Type %q, want %q", url, ct, media)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
	}
	return body
}

func ogcItems(t testing.TB, base, collection, query string) ogcFeatureCollection {
	t.Helper()
	u := base + "/collections/" + collection + "/items"
	if query != "" {
		u += "?" + query
	}
	var fc ogcFeatureCollection
	ogcGetOK(t, u, "application/geo+json", &fc)
	if fc.Type != "FeatureCollection" || fc.NumberReturned != len(fc.Features) {
		t.Fatalf("%s: type %q, numberReturned %d for %d features", u, fc.Type, fc.NumberReturned, len(fc.Features))
	}
	return fc
}

// ogcAllItems follows next links from the first page of query and returns every feature.
func ogcAllItems(t testing.TB, base, collection, query string) []ogcFeature {
	t.Helper()
	fc := ogcItems(t, base, collection, query)
	all := fc.Features
	for pages := 0; ; pages++ {
		next, ok := fc.link("next")
		if !ok {
			break
		}
		if pages > 1000 {
			t.Fatalf("%s?%s: more than 1000 pages", collection, query)
		}
		var page ogcFeatureCollection
		ogcGetOK(t, next, "application/geo+json", &page)
		fc = page
		all = append(all, fc.Features...)
	}
	return all
}

func TestOGCGolden(t *testing.T) {
	base := testenv.Server(t)
	tests := []struct{ name, path, media string }{
		{"landing", "/", "application/json"},
		{"conformance", "/conformance", "application/json"},
		{"collections", "/collections", "application/json"},
		{"collection_parks", "/collections/parks", "application/json"},
		{"parks_status_zaijian", "/collections/parks/items?status=" + url.QueryEscape("在建"), "application/geo+json"},
		{"parks_wanyang", "/collections/parks/items/wanyang", "application/geo+json"},
		{"zones_items", "/collections/zones/items", "application/geo+json"},
		{"towns_limit5_offset5", "/collections/towns/items?limit=5&offset=5", "application/geo+json"},
		{"redevelopment_bbox", "/collections/redevelopment/items?bbox=120.5,27.55,120.62,27.7", "application/geo+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := ogcGetOK(t, base+tt.path, tt.media, nil)
			checkOGCGolden(t, filepath.Join("testdata", "ogc", tt.name+".json"), normaliseOGC(t, body, base))
		})
	}
}

// normaliseOGC parses a response, replacing the server's address and the time stamp, which change
// from run to run.
func normaliseOGC(t *testing.T, body []byte, base string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(bytes.ReplaceAll(body, []byte(base), []byte(goldenBase)), &v); err != nil {
		t.Fatalf("response is not JSON: %v", err)
	}
	if m, ok := v.(map[string]any); ok {
		if _, ok := m["timeStamp"]; ok {
			m["timeStamp"] = "(timeStamp)"
		}
	}
	return v
}

func checkOGCGolden(t *testing.T, path string, got any) {
	t.Helper()
	pretty := func(v any) []byte {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, pretty(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./web -run TestOGCGolden -update to create it)", err)
	}
	var want any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	// The first textual difference may be a coordinate within the epsilon: report the real one by path.
	if d := goldenDiff(got, want); d != "" {
		t.Fatalf("%s differs at %s (run with -update to accept)", path, d)
	}
}

// BenchmarkItems measures /collections/{id}/items end to end: HTTP, parsing, one query, encoding.
func BenchmarkItems(b *testing.B) {
	base := testenv.Server(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	for _, bb := range []struct{ name, path string }{
		{"parks", "/collections/parks/items"},
		{"parks_status", "/collections/parks/items?status=" + url.QueryEscape("在建")},
		{"parks_bbox", "/collections/parks/items?bbox=120.5,27.55,120.62,27.7"},
		{"park_wanyang", "/collections/parks/items/wanyang"},
		{"parcels_1000", "/collections/parcels/items?limit=1000"},
		{"towns", "/collections/towns/items"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			var bytesRead int64
			for b.Loop() {
				resp, err := client.Get(base + bb.path)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("status %d", resp.StatusCode)
				}
				bytesRead = n
			}
			b.SetBytes(bytesRead)
		})
	}
}

// BenchmarkCollections measures the metadata endpoints that compute extents from the data.
func BenchmarkCollections(b *testing.B) {
	base := testenv.Server(b)
	for _, path := range []string{"/collections", "/collections/parks"} {
		b.Run(strings.TrimPrefix(path, "/"), func(b *testing.B) {
			for b.Loop() {
				resp, err := http.Get(base + path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("status %d", resp.StatusCode)
				}
			}
		})
	}
}
