package synth

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// The benchmark constraints layer is what its comment promises: n farmland patches of 20-300
// vertices and the few large areas of thousands, each marked illustrative, in the county, none
// overlapping another, in a file that declares CGCS2000, and the same bytes every run.
func TestConstraintLayer(t *testing.T) {
	county, towns := bundledGeo(t)
	const n = 2000
	var a, b bytes.Buffer
	if err := ConstraintLayer(&a, county, towns, n); err != nil {
		t.Fatal(err)
	}
	if err := ConstraintLayer(&b, county, towns, n); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("a second run differs (%v)", err)
	}
	var head struct {
		CRS struct {
			Properties struct{ Name string } `json:"properties"`
		} `json:"crs"`
	}
	if err := json.Unmarshal(a.Bytes(), &head); err != nil || head.CRS.Properties.Name != "urn:ogc:def:crs:EPSG::4490" {
		t.Errorf("crs %q (%v), want EPSG:4490 declared", head.CRS.Properties.Name, err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	large := constraintRedLines + constraintFloodZones
	if len(fc.Features) != n+large {
		t.Fatalf("%d features, want %d patches and %d large areas", len(fc.Features), n, large)
	}
	cfc, _ := geojson.UnmarshalFeatureCollection(county)
	outline := cfc.Features[0].Geometry.(orb.MultiPolygon)
	kinds := map[string]int{}
	ids := map[string]bool{}
	var rings []orb.Ring
	maxPatch := 0
	for i, f := range fc.Features {
		id, kind, name := f.Properties.MustString("BSM"), f.Properties.MustString("LX"), f.Properties.MustString("MC")
		if ids[id] || !strings.HasSuffix(name, "（示意）") || !strings.HasPrefix(f.Properties.MustString("SJLY"), "illustrative") {
			t.Fatalf("feature %d: id %q (seen before: %v), name %q, SJLY %q: want unique ids, every feature illustrative", i, id, ids[id], name, f.Properties["SJLY"])
		}
		ids[id] = true
		kinds[kind]++
		p, ok := f.Geometry.(orb.Polygon)
		if !ok || len(p) != 1 {
			t.Fatalf("%s: not a one-ring polygon", id)
		}
		r := p[0]
		v := len(r) - 1
		switch {
		case r[0] != r[len(r)-1]:
			t.Fatalf("%s: ring not closed", id)
		case planar.Area(r) <= 0:
			t.Fatalf("%s: ring not counter-clockwise", id)
		case kind == "永久基本农田" && (v < 20 || v > 300):
			t.Fatalf("%s: a farmland patch of %d vertices, want 20-300", id, v)
		case kind == "生态保护红线" && v < 2000:
			t.Fatalf("%s: a red-line area of %d vertices, want thousands", id, v)
		}
		if kind == "永久基本农田" {
			maxPatch = max(maxPatch, v)
		}
		// A large area lies wholly inside the county; a patch by its centre (as a cadastre's parcel),
		// which near the coast may put an edge of it past the outline's generalised line.
		inside := []orb.Point{}
		if kind == "永久基本农田" {
			c, _ := planar.CentroidArea(r)
			inside = append(inside, c)
		} else {
			inside = append(inside, r...)
		}
		for _, q := range inside {
			if !planar.MultiPolygonContains(outline, q) {
				t.Fatalf("%s lies outside the county", id)
			}
		}
		rings = append(rings, r)
	}
	if kinds["永久基本农田"] != n || kinds["生态保护红线"] != constraintRedLines || kinds["洪涝风险区"] != constraintFloodZones || maxPatch < 200 {
		t.Errorf("kinds %v, the largest patch %d vertices", kinds, maxPatch)
	}
	checkNoOverlap(t, rings, "features")
}

// A count of none is refused, and so is a county file that is not one.
func TestConstraintLayerErrors(t *testing.T) {
	county, towns := bundledGeo(t)
	var w bytes.Buffer
	if err := ConstraintLayer(&w, county, towns, 0); err == nil {
		t.Error("0 patches: no error")
	}
	if err := ConstraintLayer(&w, []byte(`{"type":"FeatureCollection","features":[]}`), towns, 10); err == nil {
		t.Error("an empty county: no error")
	}
	if err := ConstraintLayer(&w, county, []byte(`{"type":"FeatureCollection","features":[]}`), 10); err == nil {
		t.Error("no town seats: no error")
	}
}
