package synth

import (
	"bytes"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// The benchmark cadastre is what its comment promises: n parcels of 5-20 vertices and 0.3-60 亩
// (measured on a local plane at each parcel's own latitude, not the generator's single one), inside
// the county, none overlapping, and the same bytes every run.
func TestCadastre(t *testing.T) {
	county, towns := bundledGeo(t)
	const n = 3000
	var a, b bytes.Buffer
	if err := Cadastre(&a, county, towns, n); err != nil {
		t.Fatal(err)
	}
	if err := Cadastre(&b, county, towns, n); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("a second run differs (%v)", err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(a.Bytes())
	if err != nil || len(fc.Features) != n {
		t.Fatalf("%d features, %v", len(fc.Features), err)
	}
	cfc, _ := geojson.UnmarshalFeatureCollection(county)
	outline := cfc.Features[0].Geometry
	var rings []orb.Ring
	minMu, maxMu, small := math.Inf(1), 0.0, 0
	for _, f := range fc.Features {
		p, ok := f.Geometry.(orb.Polygon)
		if !ok || len(p) != 1 {
			t.Fatalf("%v: not a one-ring polygon", f.Properties["DKBH"])
		}
		r := p[0]
		if v := len(r) - 1; v < 5 || v > 20 || r[0] != r[len(r)-1] {
			t.Fatalf("%v: %d vertices", f.Properties["DKBH"], v)
		}
		c, _ := planar.CentroidArea(r)
		if !planar.MultiPolygonContains(outline.(orb.MultiPolygon), c) {
			t.Errorf("%v lies outside the county", f.Properties["DKBH"])
		}
		mx, my := 111320*math.Cos(c.Lat()*math.Pi/180), 110574.0
		mu := math.Abs(planar.Area(r)) * mx * my * 15 / 10000
		minMu, maxMu = min(minMu, mu), max(maxMu, mu)
		if mu < 3 {
			small++
		}
		rings = append(rings, r)
	}
	if minMu < 0.29 || maxMu > 60.5 || maxMu < 30 || small < n/2 {
		t.Errorf("areas %.2f-%.2f 亩, %d of %d under 3 亩: want 0.3-60, mostly small", minMu, maxMu, small, n)
	}
	checkNoOverlap(t, rings, "parcels")
}
