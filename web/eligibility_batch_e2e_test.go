package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/web"
)

// The batch of all redevelopment areas, as CSV (with a byte-order mark for Excel) with the identifiers
// scripts read (lang=en), and as GeoJSON.
func TestEligibilityBatchOfAllRedevelopmentAreas(t *testing.T) {
	base := testenv.Server(t)
	body := []byte(`{"collection":"redevelopment","proposal":{"plot_ratio":2.2}}`)
	_, recs := batchCSV(t, base, "lang=en", body)
	header := recs[0]
	if !slices.Equal(header[:5], []string{"id", "name", "area_mu", "verdict", "no_basic_farmland"}) || len(recs) != 51 {
		t.Fatalf("header %v, %d rows", header, len(recs)-1)
	}
	col := func(name string) int { return slices.Index(header, name) }
	rows := map[string][]string{}
	for i, r := range recs[1:] {
		if want := fmt.Sprintf("RD-%03d", i+1); r[0] != want || !strings.Contains(r[1], "示意") {
			t.Errorf("row %d: %v", i+1, r[:3])
		}
		rows[r[0]] = r
	}
	for id, want := range map[string][2]string{
		"RD-018": {"redevelopment_site_area", "pass"}, "RD-016": {"redevelopment_site_area", "fail"},
		"RD-033": {"block_site_area", "pass"}, "RD-012": {"block_site_area", "fail"},
		"RD-040": {"no_basic_farmland", "fail"}, "RD-043": {"no_ecological_red_line", "fail"},
		"RD-009": {"flood_zone_assessed", "needs_information"},
	} {
		if got := rows[id][col(want[0])]; got != want[1] {
			t.Errorf("%s %s: %s, want %s", id, want[0], got, want[1])
		}
	}
	if rows["RD-012"][col("verdict")] != "not_eligible" || rows["RD-012"][col("area_mu")] != "29.9" {
		t.Errorf("RD-012: %v", rows["RD-012"][:4])
	}

	status, h, b := post(t, base+"/api/eligibility/batch?format=geojson", "application/json", body)
	if status != 200 || h.Get("Content-Type") != "application/geo+json" {
		t.Fatalf("geojson: %d %s", status, h.Get("Content-Type"))
	}
	var fc struct {
		Type         string         `json:"type"`
		RulesVersion string         `json:"rules_version"`
		Summary      map[string]int `json:"summary"`
		Features     []struct {
			ID       string `json:"id"`
			Geometry struct {
				Type string `json:"type"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 50 || fc.RulesVersion != "2019-05-v1" ||
		fc.Summary["not_eligible"]+fc.Summary["needs_information"]+fc.Summary["eligible"] != 50 {
		t.Fatalf("%s, %d features, summary %v", fc.Type, len(fc.Features), fc.Summary)
	}
	for _, f := range fc.Features {
		if f.Geometry.Type != "MultiPolygon" || f.Properties["verdict"] == nil || f.Properties["block_site_area"] == nil {
			t.Errorf("%s: %s %v", f.ID, f.Geometry.Type, f.Properties["verdict"])
		}
	}
}

// A FeatureCollection in the bureau's CGCS2000 Gauss-Krüger (EPSG:4549, with a GeoJSON 2008 crs member),
// with per-feature proposals and one bad feature that becomes an error row.
func TestEligibilityBatchOfFeatures(t *testing.T) {
	base := testenv.Server(t)
	body := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4549"}},
	"proposal":{"type":"new_park","plot_ratio":2.2},
	"features":[
	 {"type":"Feature","properties":{"id":"a","name":"甲地块"},"geometry":{"type":"Polygon","coordinates":[[[554667,3062219],[554767,3062219],[554767,3062319],[554667,3062319],[554667,3062219]]]}},
	 {"type":"Feature","properties":{"id":"b","plot_ratio":1.5},"geometry":{"type":"Polygon","coordinates":[[[554667,3062219],[554767,3062219],[554767,3062319],[554667,3062319],[554667,3062219]]]}},
	 {"type":"Feature","properties":{"id":"c"},"geometry":{"type":"Polygon","coordinates":[[[554667,3062219],[554767,3062219],[554767,3062319],[554667,3062319]]]}}
	]}`
	status, _, b := post(t, base+"/api/eligibility/batch?format=csv&lang=en", "application/json", []byte(body))
	if status != 200 {
		t.Fatalf("%d: %s", status, b)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("%v, %d records", err, len(recs))
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	if r := recs[1]; r[0] != "a" || r[1] != "甲地块" || r[2] != "15" || r[col("park_plot_ratio")] != "pass" || !strings.Contains(r[col("towns")], "昆阳镇") {
		t.Errorf("a (100 m × 100 m = 15 亩 in 昆阳镇): %v", r)
	}
	if r := recs[2]; r[col("park_plot_ratio")] != "fail" || r[col("verdict")] != "not_eligible" {
		t.Errorf("b at plot ratio 1.5: %v", r)
	}
	if r := recs[3]; r[col("verdict")] != "error" || !strings.Contains(r[col("error")], "features[2].geometry") {
		t.Errorf("c (unclosed): %v", r)
	}
	for _, tc := range []struct {
		path, body string
		status     int
		field      string
	}{
		{"/api/eligibility/batch?format=ods", `{"collection":"redevelopment"}`, 400, "format"},
		{"/api/eligibility/batch?format=csv&lang=fr", `{"collection":"redevelopment"}`, 400, "lang"},
		{"/api/eligibility/batch?limit=5", `{"collection":"redevelopment"}`, 400, "limit"},
		{"/api/eligibility/batch", `{"collection":"parks"}`, 400, "collection"},
		{"/api/eligibility/batch", `{"type":"Feature"}`, 400, "type"},
		{"/api/eligibility/batch", `{"parcel_ids":[]}`, 400, "parcel_ids"},
		{"/api/eligibility/batch", `{"type":"FeatureCollection","crs":"EPSG:2000","features":[]}`, 400, "crs"},
		{"/api/eligibility/batch", `{"type":"FeatureCollection","features":[` + strings.TrimSuffix(strings.Repeat(`{"type":"Feature","geometry":null},`, 5001), ",") + `]}`, 400, "features"},
		{"/api/eligibility/batch", `{"collection":"redevelopment","pad":"` + strings.Repeat("x", web.MaxBatchBytes) + `"}`, 413, "body"},
	} {
		t.Run(tc.field, func(t *testing.T) {
			status, _, b := post(t, base+tc.path, "application/json", []byte(tc.body))
			var e struct{ Code, Description, Field string }
			_ = json.Unmarshal(b, &e)
			if status != tc.status || e.Field != tc.field || !strings.Contains(e.Description, tc.field) {
				t.Errorf("status %d %+v; want %d naming %s", status, e, tc.status, tc.field)
			}
		})
	}
	// parcel_ids: an unknown one is its row's error, not the batch's.
	status, _, b = post(t, base+"/api/eligibility/batch?format=csv&lang=en", "application/json", []byte(`{"parcel_ids":["RD-018","RD-999"]}`))
	if status != 200 || !bytes.Contains(b, []byte("RD-999")) || !bytes.Contains(b, []byte(",error,")) {
		t.Errorf("parcel_ids with an unknown id: %d %s", status, b)
	}
}

// BenchmarkEligibilityCheck times one check of the 45-亩 block over HTTP, end to end.
func BenchmarkEligibilityCheck(b *testing.B) {
	base := testenv.Server(b)
	body := []byte(`{"geometry":` + block45() + `,"proposal":{"type":"low_efficiency_block","plot_ratio":2.2}}`)
	for b.Loop() {
		if status, _, out := post(b, base+"/api/eligibility", "application/json", body); status != 200 {
			b.Fatalf("%d: %s", status, out)
		}
	}
}

// BenchmarkEligibilityBatchRedevelopment times the batch of all 50 redevelopment areas over HTTP, as CSV.
func BenchmarkEligibilityBatchRedevelopment(b *testing.B) {
	base := testenv.Server(b)
	body := []byte(`{"collection":"redevelopment","proposal":{"plot_ratio":2.2}}`)
	for b.Loop() {
		if status, _, out := post(b, base+"/api/eligibility/batch?format=csv", "application/json", body); status != 200 {
			b.Fatalf("%d: %s", status, out)
		}
	}
}

// batchCSV posts body to the batch check as format=csv with the extra query, checks it is a CSV
// download with a UTF-8 byte-order mark, and returns its bytes and its records.
func batchCSV(t *testing.T, base, query string, body []byte) ([]byte, [][]string) {
	t.Helper()
	status, h, b := post(t, base+"/api/eligibility/batch?format=csv&"+query, "application/json", body)
	if status != 200 || h.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(h.Get("Content-Disposition"), ".csv") {
		t.Fatalf("status %d %s: %.300s", status, h.Get("Content-Type"), b)
	}
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("the CSV has no UTF-8 byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return b, recs
}
