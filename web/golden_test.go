package web_test

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"testing"
)

// coordEpsilon is how far apart, in degrees (about 0.1 mm), a golden file's geometry coordinates and
// a response's may be: PostGIS and GEOS versions may round the last digit of a computed coordinate
// (a label point, a clipped zone) differently, and that must not break the golden files.
const coordEpsilon = 1e-9

// goldenDiff compares a parsed response with a parsed golden file. Numbers under a "coordinates" key
// (GeoJSON geometries) compare within coordEpsilon; every other value, numbers included, exactly. It
// returns the path of the first difference, or "" when they agree.
func goldenDiff(got, want any) string { return diffAt("$", got, want, false) }

func diffAt(path string, got, want any, coords bool) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: got %T, want an object", path, got)
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, gok := g[k]
			wv, wok := w[k]
			if gok != wok {
				return fmt.Sprintf("%s.%s: present in response %v, in golden file %v", path, k, gok, wok)
			}
			if d := diffAt(path+"."+k, gv, wv, coords || k == "coordinates"); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: got %v, want %d items", path, got, len(w))
		}
		for i := range w {
			if d := diffAt(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], coords); d != "" {
				return d
			}
		}
		return ""
	case float64:
		g, ok := got.(float64)
		if ok && (g == w || coords && math.Abs(g-w) <= coordEpsilon) {
			return ""
		}
		return fmt.Sprintf("%s: got %v, want %v", path, got, w)
	default:
		if !reflect.DeepEqual(got, want) {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
		return ""
	}
}

func TestGoldenDiff(t *testing.T) {
	feature := func(x, area float64) any {
		return map[string]any{
			"type":       "Feature",
			"properties": map[string]any{"area_mu": area, "name": "园"},
			"geometry":   map[string]any{"type": "Point", "coordinates": []any{x, 27.6}},
		}
	}
	for _, tt := range []struct {
		name      string
		got, want any
		same      bool
	}{
		{"identical", feature(120.5, 10), feature(120.5, 10), true},
		{"coordinate within 1e-9", feature(120.5+5e-10, 10), feature(120.5, 10), true},
		{"coordinate off by 1e-8", feature(120.5+1e-8, 10), feature(120.5, 10), false},
		{"property number exact", feature(120.5, 10+1e-12), feature(120.5, 10), false},
		{"extra key", map[string]any{"a": 1.0, "b": 2.0}, map[string]any{"a": 1.0}, false},
		{"missing key", map[string]any{}, map[string]any{"a": 1.0}, false},
		{"string", map[string]any{"a": "x"}, map[string]any{"a": "y"}, false},
		{"array length", []any{1.0}, []any{1.0, 2.0}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := goldenDiff(tt.got, tt.want)
			if (d == "") != tt.same {
				t.Errorf("goldenDiff = %q, want same = %v", d, tt.same)
			}
		})
	}
}
