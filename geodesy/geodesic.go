package geodesy

import (
	"math"

	"github.com/paulmach/orb"
)

// WGS84 ellipsoid. PostGIS ST_Area(geom::geography) measures on the same spheroid, so areas computed
// here agree with what the database reports.
const (
	WGS84A = 6378137.0
	WGS84F = 1 / 298.257223563
)

var (
	wgs84E2 = WGS84F * (2 - WGS84F)
	wgs84E  = math.Sqrt(wgs84E2)
)

// authalicQ is q(φ) of the authalic-latitude construction (Snyder, Map Projections: A Working Manual,
// eq. 3-12): the area between the equator and latitude φ over a longitude span Δλ (radians) is
// a²·Δλ·q(φ)/2. sin β = q(φ)/q(90°), β being the authalic latitude.
func authalicQ(latDeg float64) float64 {
	s := math.Sin(latDeg * math.Pi / 180)
	es := wgs84E * s
	return (1 - wgs84E2) * (s/(1-es*es) - math.Log((1-es)/(1+es))/(2*wgs84E))
}

// RectAreaM2 is the exact area, in m², of the region of the WGS84 ellipsoid between two meridians and two
// parallels (edges along the parallels, not geodesics; at park scale the two differ by far less than a
// square metre). Arguments are degrees; the result is non-negative whatever the argument order.
func RectAreaM2(minLon, minLat, maxLon, maxLat float64) float64 {
	dLon := math.Abs(maxLon-minLon) * math.Pi / 180
	return WGS84A * WGS84A * dLon * math.Abs(authalicQ(maxLat)-authalicQ(minLat)) / 2
}

// LonSpanForArea returns the longitude span, in degrees, that gives a rectangle between the parallels
// minLat and maxLat an area of areaM2: the area is linear in the longitude span, so this is exact.
func LonSpanForArea(minLat, maxLat, areaM2 float64) float64 {
	perRadian := WGS84A * WGS84A * math.Abs(authalicQ(maxLat)-authalicQ(minLat)) / 2
	return areaM2 / perRadian * 180 / math.Pi
}

// RingAreaM2 is the signed area, in m², of a lon/lat ring on the WGS84 ellipsoid, positive when the ring
// runs counter-clockwise. Edges are taken as straight lines in the ellipsoidal cylindrical equal-area
// projection (x = λ, y = q(φ)), which makes the result exact for edges along meridians and parallels;
// for edges of a few hundred metres it differs from geodesic edges by well under 1e-6 of the area.
func RingAreaM2(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	// Shoelace on (λ, q) with λ taken relative to the first vertex, to keep the products small.
	lon0 := r[0][0]
	var sum float64
	for i := 0; i < n; i++ {
		a, b := r[i], r[(i+1)%n]
		xa, xb := (a[0]-lon0)*math.Pi/180, (b[0]-lon0)*math.Pi/180
		sum += xa*authalicQ(b[1]) - xb*authalicQ(a[1])
	}
	return WGS84A * WGS84A * sum / 4
}

// PolygonAreaM2 is the area of a polygon in m²: its exterior less its holes, whatever their orientation.
func PolygonAreaM2(p orb.Polygon) float64 {
	var a float64
	for i, r := range p {
		if i == 0 {
			a += math.Abs(RingAreaM2(r))
		} else {
			a -= math.Abs(RingAreaM2(r))
		}
	}
	return a
}

// MultiPolygonAreaM2 is the summed area of the parts of a multipolygon in m².
func MultiPolygonAreaM2(mp orb.MultiPolygon) float64 {
	var a float64
	for _, p := range mp {
		a += PolygonAreaM2(p)
	}
	return a
}

// MetresPerDegree returns the lengths, in metres, of one degree of longitude and of latitude at the given
// latitude on the WGS84 ellipsoid (N·cos φ and M, per radian converted to per degree). Good for local
// distances of a few kilometres, where the ellipsoid is flat to well under 0.1%.
func MetresPerDegree(latDeg float64) (lon, lat float64) {
	phi := latDeg * math.Pi / 180
	s := math.Sin(phi)
	w := 1 - wgs84E2*s*s
	n := WGS84A / math.Sqrt(w)
	m := WGS84A * (1 - wgs84E2) / (w * math.Sqrt(w))
	return n * math.Cos(phi) * math.Pi / 180, m * math.Pi / 180
}
