package geodesy

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// integratedRectArea integrates the ellipsoid's area element M·N·cos φ dφ dλ with composite Simpson's
// rule: an independent derivation of the closed form under test.
func integratedRectArea(minLon, minLat, maxLon, maxLat float64) float64 {
	a, e2 := WGS84A, WGS84F*(2-WGS84F)
	f := func(phi float64) float64 {
		s := math.Sin(phi)
		w := 1 - e2*s*s
		return a * a * (1 - e2) * math.Cos(phi) / (w * w)
	}
	const n = 2000
	p1, p2 := minLat*math.Pi/180, maxLat*math.Pi/180
	h := (p2 - p1) / n
	sum := f(p1) + f(p2)
	for i := 1; i < n; i++ {
		c := 4.0
		if i%2 == 0 {
			c = 2
		}
		sum += c * f(p1+float64(i)*h)
	}
	return sum * h / 3 * (maxLon - minLon) * math.Pi / 180
}

func TestRectAreaSmallBox(t *testing.T) {
	// A 0.01° × 0.01° box at 27.6°N, Pingyang's latitude.
	got := RectAreaM2(120.5, 27.6, 120.51, 27.61)
	want := integratedRectArea(120.5, 27.6, 120.51, 27.61)
	if rel := math.Abs(got-want) / want; rel > 1e-9 {
		t.Errorf("RectAreaM2 = %.6f m², numerical integration gives %.6f (rel. diff %.2g)", got, want, rel)
	}
	// PostGIS 3.3 (GeographicLib, geodesic edges):
	// SELECT ST_Area(ST_MakeEnvelope(120.5,27.6,120.51,27.61,4326)::geography) = 1093927.127366066.
	// Geodesic and parallel edges differ by far less than 1e-6 at this size.
	const postgis = 1093927.127366066
	if rel := math.Abs(got-postgis) / postgis; rel > 1e-8 {
		t.Errorf("RectAreaM2 = %.6f m², PostGIS gives %.6f (rel. diff %.2g)", got, postgis, rel)
	}
	// Sanity against a local flat estimate: 0.01° lon × 0.01° lat with the local metres per degree.
	kx, ky := MetresPerDegree(27.605)
	if flat := 0.01 * kx * 0.01 * ky; math.Abs(got-flat)/flat > 1e-6 {
		t.Errorf("RectAreaM2 = %.3f m², local flat estimate %.3f", got, flat)
	}
}

func TestRectAreaWholeEllipsoid(t *testing.T) {
	// The surface area of the WGS84 ellipsoid is 510,065,621.724 km².
	got := RectAreaM2(-180, -90, 180, 90) / 1e6
	if math.Abs(got-510065621.724) > 0.01 {
		t.Errorf("whole ellipsoid = %.3f km², want 510065621.724", got)
	}
}

func TestLonSpanForArea(t *testing.T) {
	for _, mu := range []float64{30, 52.5, 866.9, 3447.19} {
		area := SquareMetresFromMu(mu)
		span := LonSpanForArea(27.6, 27.605, area)
		got := MuFromSquareMetres(RectAreaM2(120.5, 27.6, 120.5+span, 27.605))
		if math.Abs(got-mu) > 1e-9*mu {
			t.Errorf("LonSpanForArea(%v 亩) gives %v 亩", mu, got)
		}
	}
}

func TestRingAreaM2(t *testing.T) {
	ccw := orb.Ring{{120.5, 27.6}, {120.51, 27.6}, {120.51, 27.61}, {120.5, 27.61}, {120.5, 27.6}}
	rect := RectAreaM2(120.5, 27.6, 120.51, 27.61)
	if got := RingAreaM2(ccw); math.Abs(got-rect) > 1e-6 {
		t.Errorf("ccw ring = %.6f, rectangle = %.6f", got, rect)
	}
	cw := orb.Ring{{120.5, 27.6}, {120.5, 27.61}, {120.51, 27.61}, {120.51, 27.6}, {120.5, 27.6}}
	if got := RingAreaM2(cw); math.Abs(got+rect) > 1e-6 {
		t.Errorf("cw ring = %.6f, want %.6f", got, -rect)
	}
	// A triangle is half of the rectangle to first order (the diagonal is not a parallel): check against
	// the mean of the two halves, which is exact.
	tri1 := orb.Ring{{120.5, 27.6}, {120.51, 27.6}, {120.51, 27.61}, {120.5, 27.6}}
	tri2 := orb.Ring{{120.5, 27.6}, {120.51, 27.61}, {120.5, 27.61}, {120.5, 27.6}}
	if got := RingAreaM2(tri1) + RingAreaM2(tri2); math.Abs(got-rect) > 1e-6 {
		t.Errorf("two triangles = %.6f, rectangle = %.6f", got, rect)
	}
	holed := orb.Polygon{ccw, {{120.502, 27.602}, {120.502, 27.603}, {120.503, 27.603}, {120.503, 27.602}, {120.502, 27.602}}}
	hole := RectAreaM2(120.502, 27.602, 120.503, 27.603)
	if got := PolygonAreaM2(holed); math.Abs(got-(rect-hole)) > 1e-6 {
		t.Errorf("holed polygon = %.6f, want %.6f", got, rect-hole)
	}
	if got := MultiPolygonAreaM2(orb.MultiPolygon{holed, {ccw}}); math.Abs(got-(2*rect-hole)) > 1e-6 {
		t.Errorf("multipolygon = %.6f, want %.6f", got, 2*rect-hole)
	}
}
