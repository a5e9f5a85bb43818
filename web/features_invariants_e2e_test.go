package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

// The invariants below hold for the bundled dataset whatever its illustrative shapes: they come from
// the plan's figures (data/seed) and from RFC 7946, and they are checked through the HTTP API only.

func TestOGCInvariants(t *testing.T) {
	base := testenv.Server(t)
	for _, tt := range []struct {
		name  string
		check func(*testing.T, string)
	}{
		{"parks", checkParkTotals},
		{"zone filter", checkZoneFilter},
		{"chinese round trip", checkChineseRoundTrip},
		{"integer and boolean filters", checkTypedFilters},
		{"bbox paging", checkBBoxPaging},
		{"limit clamped", checkLimitClamped},
		{"links absolute", checkLinks},
		{"geometry", checkGeometries},
		{"collections provenance", checkCollectionsProvenance},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, base) })
	}
}

// checkParkTotals checks the 20 parks: seq order, provenance, the park card arrays, and the plan's area
// totals by status (已竣工 616.5, 在建 1481.9, 新建 + 拟建 1669 亩).
func checkParkTotals(t *testing.T, base string) {
	fc := ogcItems(t, base, "parks", "")
	if fc.NumberMatched != 20 || fc.NumberReturned != 20 {
		t.Fatalf("parks: numberMatched %d, numberReturned %d; want 20, 20", fc.NumberMatched, fc.NumberReturned)
	}
	if _, ok := fc.link("next"); ok {
		t.Error("a complete page has a next link")
	}
	area := map[string]float64{}
	for i, f := range fc.Features {
		p := f.Properties
		if seq, _ := p["seq"].(float64); int(seq) != i+1 {
			t.Errorf("feature %d has seq %v: parks are not in seq order", i, p["seq"])
		}
		if f.ID != p["id"] {
			t.Errorf("feature id %q, properties.id %v", f.ID, p["id"])
		}
		if p["provenance"] != "illustrative" || p["provenance_note"] == "" || p["provenance_note"] == nil {
			t.Errorf("%s: provenance %v, note %v", f.ID, p["provenance"], p["provenance_note"])
		}
		for _, k := range []string{"phases", "yearly_plan", "industries", "sources", "aliases"} {
			if _, ok := p[k].([]any); !ok {
				t.Errorf("%s: %s is %T, want a JSON array", f.ID, k, p[k])
			}
		}
		status := p["status"].(string)
		if status == "拟建" {
			status = "新建"
		}
		area[status] += p["plan_area_mu"].(float64)
	}
	for status, want := range map[string]float64{"已竣工": 616.5, "在建": 1481.9, "新建": 1669} {
		if math.Abs(area[status]-want) > 1e-6 {
			t.Errorf("plan_area_mu of %s parks adds up to %v, want %v", status, area[status], want)
		}
	}
}

// checkZoneFilter checks zone=... against each zone's park_count.
func checkZoneFilter(t *testing.T, base string) {
	zones := ogcItems(t, base, "zones", "")
	total := 0
	for _, z := range zones.Features {
		fc := ogcItems(t, base, "parks", "zone="+url.QueryEscape(z.ID))
		if want := int(z.Properties["park_count"].(float64)); fc.NumberMatched != want {
			t.Errorf("zone=%s: %d parks, the zone's park_count is %d", z.ID, fc.NumberMatched, want)
		}
		for _, f := range fc.Features {
			if f.Properties["zone"] != z.ID {
				t.Errorf("zone=%s returned %s of zone %v", z.ID, f.ID, f.Properties["zone"])
			}
		}
		total += fc.NumberMatched
	}
	if total != 20 {
		t.Errorf("the zones' parks add up to %d, want 20", total)
	}
	if fc := ogcItems(t, base, "parks", "zone=nowhere"); fc.NumberMatched != 0 || len(fc.Features) != 0 {
		t.Errorf("zone=nowhere matched %d", fc.NumberMatched)
	}
}

// checkChineseRoundTrip filters by a Chinese town name and finds the names intact, as UTF-8.
func checkChineseRoundTrip(t *testing.T, base string) {
	u := base + "/collections/parks/items?town=" + url.QueryEscape("萧江镇")
	var fc ogcFeatureCollection
	body := ogcGetOK(t, u, "application/geo+json", &fc)
	if fc.NumberMatched != 3 || len(fc.Features) != 3 {
		t.Fatalf("town=萧江镇: %d parks, want 3", fc.NumberMatched)
	}
	for _, f := range fc.Features {
		name, _ := f.Properties["name"].(string)
		if f.Properties["town"] != "萧江镇" || !strings.HasPrefix(name, "萧江") {
			t.Errorf("%s: town %v, name %q", f.ID, f.Properties["town"], name)
		}
		if !bytes.Contains(body, []byte(name)) {
			t.Errorf("%q is not in the body as UTF-8", name)
		}
	}
	if bytes.Contains(body, []byte(`\u`)) {
		t.Error(`the body has \u escapes; Chinese should be plain UTF-8`)
	}
}

// checkTypedFilters checks an integer (parcels year) and a boolean (old_factory) filter against
// counts made from the unfiltered features.
func checkTypedFilters(t *testing.T, base string) {
	all := ogcAllItems(t, base, "parcels", "limit=1000")
	byYear := map[int]int{}
	for _, f := range all {
		byYear[int(f.Properties["year"].(float64))]++
	}
	for year, n := range byYear {
		if fc := ogcItems(t, base, "parcels", fmt.Sprintf("year=%d&limit=1", year)); fc.NumberMatched != n {
			t.Errorf("year=%d matched %d, want %d", year, fc.NumberMatched, n)
		}
	}
	red := ogcAllItems(t, base, "redevelopment", "")
	old := 0
	for _, f := range red {
		if f.Properties["old_factory"] == true {
			old++
		}
	}
	yes, no := ogcItems(t, base, "redevelopment", "old_factory=true"), ogcItems(t, base, "redevelopment", "old_factory=false")
	if yes.NumberMatched != old || yes.NumberMatched+no.NumberMatched != len(red) {
		t.Errorf("old_factory true/false matched %d/%d; want %d/%d", yes.NumberMatched, no.NumberMatched, old, len(red)-old)
	}
}

// checkBBoxPaging pages through a bbox by 3 with next and prev and compares with one page.
func checkBBoxPaging(t *testing.T, base string) {
	const bbox = "120.5,27.55,120.62,27.7"
	box := [4]float64{120.5, 27.55, 120.62, 27.7}
	whole := ogcItems(t, base, "redevelopment", "bbox="+bbox+"&limit=1000")
	if whole.NumberMatched < 4 {
		t.Fatalf("bbox %s holds %d areas; pick a box with more", bbox, whole.NumberMatched)
	}
	all := ogcItems(t, base, "redevelopment", "limit=1000")
	if whole.NumberMatched >= all.NumberMatched {
		t.Errorf("bbox %s matched all %d areas; it should filter", bbox, all.NumberMatched)
	}
	for _, f := range whole.Features {
		if b := featureBounds(t, f); b[0] > box[2] || b[2] < box[0] || b[1] > box[3] || b[3] < box[1] {
			t.Errorf("%s (bounds %v) is outside the bbox", f.ID, b)
		}
	}
	first := ogcItems(t, base, "redevelopment", "bbox="+bbox+"&limit=3")
	if _, ok := first.link("prev"); ok {
		t.Error("the first page has a prev link")
	}
	next, ok := first.link("next")
	if !ok {
		t.Fatal("the first page has no next link")
	}
	nu, _ := url.Parse(next)
	if nu.Query().Get("bbox") != bbox || nu.Query().Get("limit") != "3" || nu.Query().Get("offset") != "3" {
		t.Errorf("next link %s does not keep bbox and limit", next)
	}
	var second ogcFeatureCollection
	ogcGetOK(t, next, "application/geo+json", &second)
	prev, ok := second.link("prev")
	if !ok {
		t.Fatal("the second page has no prev link")
	}
	var back ogcFeatureCollection
	ogcGetOK(t, prev, "application/geo+json", &back)
	if featureIDs(back.Features) != featureIDs(first.Features) {
		t.Errorf("prev of page 2 is %s, page 1 was %s", featureIDs(back.Features), featureIDs(first.Features))
	}
	paged := ogcAllItems(t, base, "redevelopment", "bbox="+bbox+"&limit=3")
	if featureIDs(paged) != featureIDs(whole.Features) {
		t.Errorf("paging by 3 gives %s, one page gives %s", featureIDs(paged), featureIDs(whole.Features))
	}
}

// checkLimitClamped checks that a limit over 10,000 is served as 10,000, in the page and in its links,
// and that a page past the end is empty but still counts the matches.
func checkLimitClamped(t *testing.T, base string) {
	fc := ogcItems(t, base, "parcels", "limit=50000&offset=1")
	if want := min(fc.NumberMatched-1, 10000); fc.NumberReturned != want {
		t.Errorf("limit=50000&offset=1 returned %d of %d features, want %d", fc.NumberReturned, fc.NumberMatched, want)
	}
	prev, ok := fc.link("prev")
	if pu, _ := url.Parse(prev); !ok || pu.Query().Get("limit") != "10000" || pu.Query().Get("offset") != "0" {
		t.Errorf("prev link %q does not carry the clamped limit and offset 0", prev)
	}
	if next, ok := fc.link("next"); ok {
		if nu, _ := url.Parse(next); nu.Query().Get("limit") != "10000" || nu.Query().Get("offset") != "10001" {
			t.Errorf("next link %s does not carry the clamped limit", next)
		}
	} else if fc.NumberMatched > 10001 {
		t.Errorf("%d parcels match, 10000 returned from offset 1, no next link", fc.NumberMatched)
	}
	past := ogcItems(t, base, "parks", "offset=40")
	if past.NumberMatched != 20 || len(past.Features) != 0 {
		t.Errorf("offset past the end: numberMatched %d, %d features", past.NumberMatched, len(past.Features))
	}
}

// checkLinks checks that links are absolute and keep the query, and the time stamp.
func checkLinks(t *testing.T, base string) {
	fc := ogcItems(t, base, "towns", "limit=5&offset=5&kind="+url.QueryEscape("镇"))
	for _, l := range fc.Links {
		if !strings.HasPrefix(l.Href, base+"/") {
			t.Errorf("%s link %s is not absolute on the server", l.Rel, l.Href)
		}
	}
	for _, rel := range []string{"self", "next", "prev", "collection"} {
		if _, ok := fc.link(rel); !ok && (rel != "next" || fc.NumberMatched > 10) {
			t.Errorf("no %s link", rel)
		}
	}
	if self, _ := fc.link("self"); !strings.Contains(self, "kind=") {
		t.Errorf("self link %s lost the filter", self)
	}
	ts, err := time.Parse(time.RFC3339, fc.TimeStamp)
	if err != nil || time.Since(ts) > time.Minute {
		t.Errorf("timeStamp %q: %v", fc.TimeStamp, err)
	}
}

// checkGeometries checks RFC 7946 geometry on every feature of every collection.
func checkGeometries(t *testing.T, base string) {
	for _, c := range catalog.DefaultCollections() {
		for _, f := range ogcAllItems(t, base, c.ID, "limit=1000") {
			checkOGCGeometry(t, c, f)
		}
	}
}

// checkCollectionsProvenance checks /collections: the catalogue's order, provenance and extents.
func checkCollectionsProvenance(t *testing.T, base string) {
	var list struct {
		Collections []struct {
			ID, Description, Provenance string
			Extent                      struct{ Spatial struct{ BBox [][]float64 } }
		}
	}
	ogcGetOK(t, base+"/collections", "application/json", &list)
	if len(list.Collections) != len(catalog.DefaultCollections()) {
		t.Fatalf("%d collections, want %d", len(list.Collections), len(catalog.DefaultCollections()))
	}
	for i, c := range list.Collections {
		// A collection says what its features say: on the bundled data the illustrative collections
		// hold only illustrative shapes, and the town seats are 15 real and 2 illustrative (凤卧镇, 滨海新区).
		want := "real"
		switch {
		case catalog.DefaultCollections()[i].Illustrative:
			want = "illustrative"
		case c.ID == "towns":
			want = "mixed"
		}
		if c.ID != catalog.DefaultCollections()[i].ID || c.Provenance != want || c.Description == "" {
			t.Errorf("collection %d: %s provenance %q description %q; want %s %q", i, c.ID, c.Provenance, c.Description, catalog.DefaultCollections()[i].ID, want)
		}
		b := c.Extent.Spatial.BBox
		if len(b) != 1 || len(b[0]) != 4 || b[0][0] < 119.5 || b[0][2] > 121.5 || b[0][1] < 27 || b[0][3] > 28.2 || b[0][0] >= b[0][2] && c.ID != "county" {
			t.Errorf("%s: extent %v is not a box around Pingyang", c.ID, b)
		}
	}
}

// checkOGCGeometry checks RFC 7946 on one feature: coordinates to at most 7 decimals, exterior rings
// counter-clockwise and holes clockwise (signed area in lon/lat), closed rings.
func checkOGCGeometry(t *testing.T, c catalog.Collection, f ogcFeature) {
	t.Helper()
	if f.Geometry == nil {
		t.Errorf("%s/%s has no geometry", c.ID, f.ID)
		return
	}
	if f.Geometry.Type != c.GeometryType {
		t.Errorf("%s/%s is a %s, the catalogue says %s", c.ID, f.ID, f.Geometry.Type, c.GeometryType)
	}
	checkDecimals := func(p []float64) {
		for _, v := range p {
			if s := fmt.Sprint(v); strings.Contains(s, ".") && len(s)-strings.Index(s, ".")-1 > 7 {
				t.Errorf("%s/%s: coordinate %s has more than 7 decimals", c.ID, f.ID, s)
			}
		}
	}
	switch f.Geometry.Type {
	case "Point":
		var p []float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil || len(p) != 2 {
			t.Errorf("%s/%s: point %s: %v", c.ID, f.ID, f.Geometry.Coordinates, err)
		}
		checkDecimals(p)
	case "MultiPolygon":
		var mp [][][][]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &mp); err != nil {
			t.Fatalf("%s/%s: %v", c.ID, f.ID, err)
		}
		for _, poly := range mp {
			for i, ring := range poly {
				for _, p := range ring {
					checkDecimals(p)
				}
				if len(ring) < 4 || !reflect.DeepEqual(ring[0], ring[len(ring)-1]) {
					t.Errorf("%s/%s: ring %d is not closed", c.ID, f.ID, i)
				}
				if a := signedArea(ring); i == 0 && a <= 0 || i > 0 && a >= 0 {
					t.Errorf("%s/%s: ring %d has signed area %g: exteriors must be CCW, holes CW", c.ID, f.ID, i, a)
				}
			}
		}
	default:
		t.Errorf("%s/%s: unexpected geometry type %s", c.ID, f.ID, f.Geometry.Type)
	}
}

// signedArea is the shoelace area of a ring in degrees², positive when counter-clockwise.
func signedArea(ring [][]float64) float64 {
	var a float64
	for i := 0; i+1 < len(ring); i++ {
		a += ring[i][0]*ring[i+1][1] - ring[i+1][0]*ring[i][1]
	}
	return a / 2
}

// featureBounds returns [minLon, minLat, maxLon, maxLat] of a polygonal feature.
func featureBounds(t *testing.T, f ogcFeature) [4]float64 {
	t.Helper()
	var mp [][][][]float64
	if err := json.Unmarshal(f.Geometry.Coordinates, &mp); err != nil {
		t.Fatalf("%s: %v", f.ID, err)
	}
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, poly := range mp {
		for _, p := range poly[0] {
			b[0], b[1], b[2], b[3] = math.Min(b[0], p[0]), math.Min(b[1], p[1]), math.Max(b[2], p[0]), math.Max(b[3], p[1])
		}
	}
	return b
}

func featureIDs(fs []ogcFeature) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = f.ID
	}
	return strings.Join(s, ",")
}
