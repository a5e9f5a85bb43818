package layerimport

import (
	"math"
	"slices"
	"testing"
)

// FuzzParseAreaUnit: a unit read is one of the four, and reads again as itself.
func FuzzParseAreaUnit(f *testing.F) {
	for _, s := range []string{"公顷", "ha", "亩", "m2", "㎡", "km2", "", "英亩", "ｈａ", "Square Metres"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseAreaUnit(s)
		if err != nil {
			return
		}
		if u == "" {
			return
		}
		if !slices.Contains([]string{UnitMu, UnitHectare, UnitSquareMetre, UnitSquareKm}, u) {
			t.Fatalf("ParseAreaUnit(%q) = %q", s, u)
		}
		if again, err := ParseAreaUnit(u); err != nil || again != u {
			t.Fatalf("ParseAreaUnit(%q) = %q, %v", u, again, err)
		}
	})
}

// FuzzDetectAreaUnit: a unit told has its factor within UnitBand of the median ratio.
func FuzzDetectAreaUnit(f *testing.F) {
	f.Add(1.0, 15.0, 0.07, 1.0, 700.0, 1.05)
	f.Add(0.0, 3.0, -2.0, 5.0, math.MaxFloat64, 1e-300)
	f.Fuzz(func(t *testing.T, v1, d1, v2, d2, v3, d3 float64) {
		vals, drawn := []float64{v1, v2, v3}, []float64{d1, d2, d3}
		unit, reason, zh, ok := DetectAreaUnit(vals, drawn)
		if reason == "" || zh == "" {
			t.Fatal("no reason")
		}
		if !ok {
			return
		}
		var ratios []float64
		for i := range vals {
			if vals[i] > 0 && drawn[i] > 0 && !math.IsInf(vals[i], 0) {
				ratios = append(ratios, vals[i]/drawn[i])
			}
		}
		slices.Sort(ratios)
		if m := median(ratios) * ToMu(1, unit); math.IsNaN(m) || math.Abs(m-1) > UnitBand+1e-9 {
			t.Fatalf("%s told from ratios %v", unit, ratios)
		}
	})
}
