package synth

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/geodesy"
)

func TestPlotRatio(t *testing.T) {
	for _, tc := range []struct{ building, plan, want float64 }{
		{5.99, 30, 3.00},   // 2.995 exactly: half up, not the binary 2.99499…
		{33.7, 250, 2.02},  // 2.022
		{22.6, 263, 1.29},  // 1.2890…
		{130, 866.9, 2.25}, // 2.2494…
		{45, 210, 3.21},    // 3.2142…
	} {
		got, err := plotRatio(tc.building, tc.plan)
		if err != nil || got != tc.want {
			t.Errorf("plotRatio(%v, %v) = %v, %v; want %v", tc.building, tc.plan, got, err, tc.want)
		}
	}
	if _, err := plotRatio(1, 0); err == nil {
		t.Error("plotRatio on 0 亩 succeeded")
	}
}

func TestSplitCell(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	if got := splitCell(10000, rng); len(got) != 1 || got[0] != 10000 {
		t.Errorf("100 亩 split into %v, want kept whole", got)
	}
	for _, cents := range []int64{10001, 15000, 59450, 86690} {
		parts := splitCell(cents, rng)
		if len(parts) < 2 || len(parts) > 3 || sum(parts) != cents {
			t.Errorf("splitCell(%d) = %v", cents, parts)
		}
		for _, p := range parts {
			if p < cents/5 {
				t.Errorf("splitCell(%d) = %v: a sliver", cents, parts)
			}
		}
	}
}

func TestFitSum(t *testing.T) {
	got, err := fitSum([]int64{1000, 2000, 3000, 14000}, 25000, 1000, 15000)
	if err != nil {
		t.Fatal(err)
	}
	if sum(got) != 25000 {
		t.Errorf("fitSum = %v, adds to %d", got, sum(got))
	}
	for _, v := range got {
		if v < 1000 || v > 15000 {
			t.Errorf("fitSum = %v: %d out of range", got, v)
		}
	}
	if _, err := fitSum([]int64{1000, 1000}, 40000, 1000, 15000); err == nil {
		t.Error("fitSum beyond n·hi succeeded")
	}
}

func TestRectAround(t *testing.T) {
	for _, mu := range []float64{30, 52.5, 142, 866.9} {
		for _, wide := range []bool{true, false} {
			r := rectAround(orb.Point{120.55, 27.6}, mu, 1.5, wide)
			if e := math.Abs(r.areaMu()-mu) / mu; e > 1e-4 {
				t.Errorf("rectAround(%v 亩) draws %v 亩", mu, r.areaMu())
			}
			if a := r.aspect(); math.Abs(a-1.5) > 0.01 {
				t.Errorf("rectAround(%v 亩, 1.5) has aspect %v", mu, a)
			}
			if w, h := r.sizeM(); (w > h) != wide {
				t.Errorf("rectAround(wide=%v) is %.0f × %.0f m", wide, w, h)
			}
		}
	}
}

func TestRectGap(t *testing.T) {
	kx, ky := geodesy.MetresPerDegree(27.6)
	a := rect{120.5, 27.6, 120.51, 27.61}
	b := rect{120.51 + 300/kx, 27.61 + 400/ky, 120.53, 27.63}
	if g := a.gapM(b); math.Abs(g-500) > 0.5 {
		t.Errorf("gap = %.2f m, want 500 (a 300-400-500 triangle)", g)
	}
	if g := a.gapM(rect{120.505, 27.605, 120.52, 27.62}); g != 0 || !a.interiorsOverlap(rect{120.505, 27.605, 120.52, 27.62}) {
		t.Errorf("overlapping rectangles: gap %v", g)
	}
	if a.interiorsOverlap(rect{120.51, 27.6, 120.52, 27.61}) {
		t.Error("rectangles sharing an edge reported as overlapping")
	}
}

func TestSegRectDist(t *testing.T) {
	for _, tc := range []struct {
		a, b [2]float64
		want float64
	}{
		{[2]float64{-5, 5}, [2]float64{15, 5}, 0},               // crosses
		{[2]float64{2, 2}, [2]float64{3, 3}, 0},                 // inside
		{[2]float64{-3, -10}, [2]float64{-3, 20}, 3},            // parallel to the west edge
		{[2]float64{13, 14}, [2]float64{20, 20}, 5},             // nearest the NE corner
		{[2]float64{-10, 5}, [2]float64{5, 20}, 5 / math.Sqrt2}, // y = x + 15, nearest the NW corner
	} {
		if got := segRectDist(tc.a, tc.b, 0, 0, 10, 10); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("segRectDist(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestVoronoiMargin(t *testing.T) {
	a := seat{Name: "a", P: orb.Point{0, 0}}
	b := seat{Name: "b", P: orb.Point{2, 0}}
	seats := []seat{a, b}
	if m := voronoiMargin(orb.Point{0.5, 7}, a, seats); math.Abs(m-0.5) > 1e-12 {
		t.Errorf("margin %v, want 0.5 (the bisector is x = 1)", m)
	}
	if m := voronoiMargin(orb.Point{1.5, 0}, a, seats); m >= 0 {
		t.Errorf("margin %v for a point nearer b, want negative", m)
	}
}
