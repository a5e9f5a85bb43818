package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Reading the generated files back for Check: each file is a FeatureCollection whose features carry
// exactly the expected property keys.

type readFeature struct {
	Props    json.RawMessage
	Geometry orb.Geometry
}

type rawCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Type       string            `json:"type"`
		Properties json.RawMessage   `json:"properties"`
		Geometry   *geojson.Geometry `json:"geometry"`
	} `json:"features"`
}

// readCollection parses a file and checks each feature's property keys against keys (in any order).
func readCollection(name string, b []byte, keys []string) ([]readFeature, error) {
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return nil, fmt.Errorf("%s: empty or without a trailing newline", name)
	}
	var fc rawCollection
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("%s: type %q", name, fc.Type)
	}
	want := append([]string(nil), keys...)
	sort.Strings(want)
	out := make([]readFeature, 0, len(fc.Features))
	for i, f := range fc.Features {
		if f.Type != "Feature" || f.Geometry == nil || f.Geometry.Coordinates == nil {
			return nil, fmt.Errorf("%s feature %d: not a feature with a geometry", name, i)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(f.Properties, &m); err != nil {
			return nil, fmt.Errorf("%s feature %d: properties: %w", name, i, err)
		}
		got := make([]string, 0, len(m))
		for k := range m {
			got = append(got, k)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			return nil, fmt.Errorf("%s feature %d: properties %v, want %v", name, i, got, want)
		}
		out = append(out, readFeature{Props: f.Properties, Geometry: f.Geometry.Coordinates})
	}
	return out, nil
}

// rectFromGeometry accepts exactly what the generator draws: a MultiPolygon of one polygon whose only
// ring is the closed, counter-clockwise, axis-aligned rectangle starting at its south-west corner.
func rectFromGeometry(g orb.Geometry) (rect, error) {
	mp, ok := g.(orb.MultiPolygon)
	if !ok || len(mp) != 1 || len(mp[0]) != 1 {
		return rect{}, fmt.Errorf("want a MultiPolygon of one single-ring polygon, got %T", g)
	}
	r := rectOf(mp[0][0].Bound())
	if !mp[0][0].Equal(r.ring()) {
		return rect{}, fmt.Errorf("ring %v is not a counter-clockwise axis-aligned rectangle", mp[0][0])
	}
	if r.MinLon >= r.MaxLon || r.MinLat >= r.MaxLat {
		return rect{}, fmt.Errorf("degenerate rectangle %v", r)
	}
	return r, nil
}

// hasDecimals reports whether v has at most d decimals (as written in the file).
func hasDecimals(v float64, d int) bool {
	s := math.Pow(10, float64(d))
	return math.Abs(v*s-math.Round(v*s)) < 1e-6
}

// densify returns the rectangle's corners and points along its edges at most stepM metres apart.
func densify(r rect, stepM float64) []orb.Point {
	w, h := r.sizeM()
	nx := int(math.Ceil(w / stepM))
	ny := int(math.Ceil(h / stepM))
	var pts []orb.Point
	for i := 0; i <= nx; i++ {
		x := r.MinLon + (r.MaxLon-r.MinLon)*float64(i)/float64(nx)
		pts = append(pts, orb.Point{x, r.MinLat}, orb.Point{x, r.MaxLat})
	}
	for j := 1; j < ny; j++ {
		y := r.MinLat + (r.MaxLat-r.MinLat)*float64(j)/float64(ny)
		pts = append(pts, orb.Point{r.MinLon, y}, orb.Point{r.MaxLon, y})
	}
	return pts
}
