package synth

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/geodesy"
)

// Every drawn shape (park, parcel, redevelopment area, constraint) is an axis-aligned lon/lat rectangle,
// an orb.Bound: that keeps areas exact (geodesy.RectAreaM2) and the drawings honestly schematic. orb gives
// the ring (Bound.ToRing: south-west corner first, counter-clockwise, as RFC 7946 wants), the centre and
// point containment. Written here is only what orb lacks: measures in metres (Bound.Pad pads in degrees,
// the same on both axes, and a degree of longitude is 11% shorter than one of latitude here),
// bound-in-bound, and overlap of interiors (Bound.Intersects counts a shared edge, which the parcel
// strips of one park have by design).

// box is the rectangle between two corners.
func box(minLon, minLat, maxLon, maxLat float64) orb.Bound {
	return orb.Bound{Min: orb.Point{minLon, minLat}, Max: orb.Point{maxLon, maxLat}}
}

// shape is the rectangle as the files write it: a MultiPolygon of its one ring.
func shape(r orb.Bound) orb.MultiPolygon { return orb.MultiPolygon{r.ToPolygon()} }

func areaMu(r orb.Bound) float64 {
	return geodesy.MuFromSquareMetres(geodesy.RectAreaM2(r.Min[0], r.Min[1], r.Max[0], r.Max[1]))
}

// sizeM returns the rectangle's east-west and north-south extent in metres at its middle latitude.
func sizeM(r orb.Bound) (w, h float64) {
	kx, ky := geodesy.MetresPerDegree((r.Min[1] + r.Max[1]) / 2)
	return (r.Max[0] - r.Min[0]) * kx, (r.Max[1] - r.Min[1]) * ky
}

// within reports whether r lies inside o (edges may coincide).
func within(r, o orb.Bound) bool { return o.Contains(r.Min) && o.Contains(r.Max) }

// interiorsOverlap reports whether the interiors of r and o meet; shared edges do not count.
func interiorsOverlap(r, o orb.Bound) bool {
	return r.Min[0] < o.Max[0] && o.Min[0] < r.Max[0] && r.Min[1] < o.Max[1] && o.Min[1] < r.Max[1]
}

// gapM is the shortest distance between r and o in metres, 0 when they touch or overlap.
func gapM(r, o orb.Bound) float64 {
	kx, ky := geodesy.MetresPerDegree((r.Min[1] + r.Max[1] + o.Min[1] + o.Max[1]) / 4)
	dx := math.Max(0, math.Max(o.Min[0]-r.Max[0], r.Min[0]-o.Max[0])) * kx
	dy := math.Max(0, math.Max(o.Min[1]-r.Max[1], r.Min[1]-o.Max[1])) * ky
	return math.Hypot(dx, dy)
}

// expandM grows r by m metres on every side.
func expandM(r orb.Bound, m float64) orb.Bound {
	kx, ky := geodesy.MetresPerDegree((r.Min[1] + r.Max[1]) / 2)
	return box(r.Min[0]-m/kx, r.Min[1]-m/ky, r.Max[0]+m/kx, r.Max[1]+m/ky)
}

// rectAround builds the rectangle of areaMu 亩 centred near c, long side / short side = aspect, long side
// east-west when wide. Corners are rounded to 7 decimals first and the longitude span is then solved on
// the rounded latitudes, so the area is exact up to the last rounding of one edge (about 1e-5 亩 per
// 100 m of height).
func rectAround(c orb.Point, areaMu, aspect float64, wide bool) orb.Bound {
	a := geodesy.SquareMetresFromMu(areaMu)
	h := math.Sqrt(a * aspect)
	if wide {
		h = math.Sqrt(a / aspect)
	}
	_, ky := geodesy.MetresPerDegree(c[1])
	minLat := round7(c[1] - h/ky/2)
	maxLat := round7(minLat + h/ky)
	span := geodesy.LonSpanForArea(minLat, maxLat, a)
	minLon := round7(c[0] - span/2)
	return box(minLon, minLat, round7(minLon+span), maxLat)
}
