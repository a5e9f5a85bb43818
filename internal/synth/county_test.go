package synth

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestCleanRing(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     orb.Ring
		want   orb.Ring
		noArea bool
	}{
		{"repeats and closing vertex", orb.Ring{{0, 0}, {0, 0}, {2, 0}, {2, 2}, {2, 2}, {0, 2}, {0, 0}},
			orb.Ring{{0, 0}, {2, 0}, {2, 2}, {0, 2}}, false},
		{"spike", orb.Ring{{0, 0}, {2, 0}, {3, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}},
			orb.Ring{{0, 0}, {2, 0}, {2, 2}, {0, 2}}, false},
		{"spike after repeats", orb.Ring{{0, 0}, {2, 0}, {2, 1}, {2, 1}, {2, 0}, {2, 2}, {0, 2}},
			orb.Ring{{0, 0}, {2, 0}, {2, 2}, {0, 2}}, false},
		{"spike across the seam", orb.Ring{{1, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}, {-1, 0}, {0, 0}, {1, 0}},
			orb.Ring{{1, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}, false},
		{"spike on the first vertex", orb.Ring{{-1, 0}, {0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}, {-1, 0}},
			orb.Ring{{0, 0}, {2, 0}, {2, 2}, {0, 2}}, false},
		{"islet flattened to a line", orb.Ring{{0, 0}, {0, 0}, {1, 0}, {1, 0}, {0, 0}}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cleanRing(tc.in)
			if tc.noArea {
				if len(got) >= 3 && planar.Area(got) != 0 {
					t.Errorf("cleanRing = %v, want no area left", got)
				}
				return
			}
			if !got.Equal(tc.want) {
				t.Errorf("cleanRing = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSplitPinches(t *testing.T) {
	// A figure eight: two squares touching at (2,2).
	eight := orb.Ring{{0, 0}, {2, 0}, {2, 2}, {4, 2}, {4, 4}, {2, 4}, {2, 2}, {0, 2}}
	loops := splitPinches(eight)
	if len(loops) != 2 || planar.Area(loops[0]) != 4 || planar.Area(loops[1]) != 4 {
		t.Errorf("figure eight split into %v", loops)
	}
}

func TestCleanPolygon(t *testing.T) {
	// A 10×10 square whose boundary runs into an inner loop at (5,0): the loop (clockwise inside a
	// counter-clockwise ring) is a hole touching the exterior at one point.
	withHole := orb.Ring{{0, 0}, {5, 0}, {4, 1}, {4, 3}, {6, 3}, {6, 1}, {5, 0}, {10, 0}, {10, 10}, {0, 10}}
	var st countyStats
	parts, err := cleanPolygon(orb.Polygon{withHole}, &st)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 1 || len(parts[0]) != 2 || st.SplitHoles != 1 {
		t.Fatalf("parts %v, stats %+v; want one polygon with one hole", parts, st)
	}
	// Lobes: the ring leaves the square at (10,5) and loops round outside it, either way round (the
	// second one twisted); each lobe becomes a part of its own.
	for _, lobe := range []orb.Ring{
		{{0, 0}, {10, 0}, {10, 5}, {12, 4}, {12, 6}, {10, 5}, {10, 10}, {0, 10}},
		{{0, 0}, {10, 0}, {10, 5}, {12, 6}, {12, 4}, {10, 5}, {10, 10}, {0, 10}},
	} {
		st = countyStats{}
		parts, err = cleanPolygon(orb.Polygon{lobe}, &st)
		if err != nil {
			t.Fatal(err)
		}
		if len(parts) != 2 || st.SplitParts != 1 {
			t.Fatalf("parts %v, stats %+v; want two polygons", parts, st)
		}
	}
	// An inner loop running the same way as the ring would count its area twice: refused.
	doubled := orb.Ring{{0, 0}, {5, 0}, {6, 1}, {6, 3}, {4, 3}, {4, 1}, {5, 0}, {10, 0}, {10, 10}, {0, 10}}
	if _, err := cleanPolygon(orb.Polygon{doubled}, &countyStats{}); err == nil {
		t.Error("a doubled inner loop was accepted")
	}
	// Nothing left: dropped.
	st = countyStats{}
	parts, _ = cleanPolygon(orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}, &st)
	if len(parts) != 0 || st.DroppedParts != 1 {
		t.Errorf("degenerate polygon gave %v, stats %+v", parts, st)
	}
}

// TestCountyRepairs pins down what the real source needs: of 13 encoded parts one islet is flattened
// to a line by the quantisation and goes; the mainland ring passes three times through a vertex it
// visited before, giving two holes and one lobe that becomes a part of its own.
func TestCountyRepairs(t *testing.T) {
	mp, st, err := buildCounty(echartsJS(t))
	if err != nil {
		t.Fatal(err)
	}
	want := countyStats{DecodedVertices: 5222, Vertices: 2379, SourceParts: 13, DroppedParts: 1,
		PinchSplits: 3, SplitParts: 1, SplitHoles: 2}
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	if len(mp) != 13 {
		t.Errorf("%d parts, want 13", len(mp))
	}
}
