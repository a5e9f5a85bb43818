package geodesy

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// Known pairs: AMap (GCJ-02) town centres and their WGS84 equivalents as published with 6 decimals in the
// project's reference notes (Vonng/adcode data/adcode/330326.csv, CC BY 4.0). Six decimals leave ±5e-7°.
var gcjKnown = []struct {
	name     string
	gcj, wgs orb.Point
}{
	{"昆阳镇", orb.Point{120.558056, 27.668686}, orb.Point{120.554103, 27.672023}},
	{"鳌江镇", orb.Point{120.559037, 27.591027}, orb.Point{120.555092, 27.594362}},
	{"南麂镇", orb.Point{121.083856, 27.462385}, orb.Point{121.079555, 27.465396}},
	{"怀溪镇", orb.Point{120.196266, 27.652676}, orb.Point{120.191887, 27.655816}},
}

func TestGCJ02KnownPoints(t *testing.T) {
	for _, k := range gcjKnown {
		t.Run(k.name, func(t *testing.T) {
			w := WGS84FromGCJ02(k.gcj)
			if d := maxAbs(w, k.wgs); d > 1.1e-6 {
				t.Errorf("WGS84FromGCJ02(%v) = %v, want %v (off by %.2g°)", k.gcj, w, k.wgs, d)
			}
			g := GCJ02FromWGS84(k.wgs)
			if d := maxAbs(g, k.gcj); d > 1.1e-6 {
				t.Errorf("GCJ02FromWGS84(%v) = %v, want %v (off by %.2g°)", k.wgs, g, k.gcj, d)
			}
		})
	}
}

func TestGCJ02OffsetAtKunyang(t *testing.T) {
	// The documented size of the offset at Kunyang: about +0.0039° lon, −0.0034° lat (~500 m).
	w := orb.Point{120.5541, 27.67202}
	g := GCJ02FromWGS84(w)
	dLon, dLat := g[0]-w[0], g[1]-w[1]
	if math.Abs(dLon-0.0039) > 0.0002 || math.Abs(dLat+0.0034) > 0.0002 {
		t.Errorf("offset at Kunyang = (%+.5f, %+.5f), want about (+0.0039, -0.0034)", dLon, dLat)
	}
}

func TestGCJ02RoundTrip(t *testing.T) {
	// A grid over Pingyang and its surroundings, plus points spread over China.
	var pts []orb.Point
	for lon := 119.9; lon <= 121.3; lon += 0.07 {
		for lat := 27.3; lat <= 27.9; lat += 0.03 {
			pts = append(pts, orb.Point{lon, lat})
		}
	}
	pts = append(pts, orb.Point{116.391, 39.907}, orb.Point{121.47, 31.23}, orb.Point{87.6, 43.8},
		orb.Point{113.26, 23.13}, orb.Point{126.6, 45.75}, orb.Point{109.5, 18.25})
	for _, p := range pts {
		if d := maxAbs(GCJ02FromWGS84(WGS84FromGCJ02(p)), p); d > 1e-9 {
			t.Errorf("forward(inverse(%v)) off by %.2g°", p, d)
		}
		if d := maxAbs(WGS84FromGCJ02(GCJ02FromWGS84(p)), p); d > 1e-9 {
			t.Errorf("inverse(forward(%v)) off by %.2g°", p, d)
		}
		if d := maxAbs(GCJ02FromWGS84(p), p); d < 1e-4 || d > 0.02 {
			t.Errorf("offset at %v is %.3g°, outside the plausible 1e-4..0.02°", p, d)
		}
	}
}

func TestGCJ02OutsideChinaUnchanged(t *testing.T) {
	for _, p := range []orb.Point{{2.35, 48.85}, {-74, 40.7}, {139.7, 35.7}, {0, 0}} {
		if g := GCJ02FromWGS84(p); g != p {
			t.Errorf("GCJ02FromWGS84(%v) = %v, want unchanged", p, g)
		}
		if w := WGS84FromGCJ02(p); w != p {
			t.Errorf("WGS84FromGCJ02(%v) = %v, want unchanged", p, w)
		}
	}
}

func maxAbs(a, b orb.Point) float64 {
	return math.Max(math.Abs(a[0]-b[0]), math.Abs(a[1]-b[1]))
}
