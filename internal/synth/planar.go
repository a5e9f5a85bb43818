package synth

import (
	"errors"

	"github.com/paulmach/orb"
)

// Planar helpers on lon/lat treated as a plane: right for inside/outside questions and for signs,
// not for areas (geodesy.RingAreaM2 does those on the ellipsoid).

// openRingArea is the planar shoelace area of a ring, open or closed, positive counter-clockwise.
func openRingArea(r orb.Ring) float64 {
	var s float64
	n := len(r)
	for i := 0; i < n; i++ {
		a, b := r[i], r[(i+1)%n]
		s += (a[0]-r[0][0])*(b[1]-r[0][1]) - (b[0]-r[0][0])*(a[1]-r[0][1])
	}
	return s / 2
}

// pointInRing is the even-odd rule; the ring may be open or closed. Points exactly on an edge may go
// either way, which is why callers keep margins.
func pointInRing(p orb.Point, r orb.Ring) bool {
	in := false
	n := len(r)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p[1]) != (b[1] > p[1]) {
			x := a[0] + (p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if p[0] < x {
				in = !in
			}
		}
	}
	return in
}

// pointInPolygon: inside the exterior and in none of the holes.
func pointInPolygon(p orb.Point, poly orb.Polygon) bool {
	if len(poly) == 0 || !pointInRing(p, poly[0]) {
		return false
	}
	for _, h := range poly[1:] {
		if pointInRing(p, h) {
			return false
		}
	}
	return true
}

func pointInMultiPolygon(p orb.Point, mp orb.MultiPolygon) bool {
	for _, poly := range mp {
		if pointInPolygon(p, poly) {
			return true
		}
	}
	return false
}

var errNoInteriorPoint = errors.New("no interior point found for a loop")

// interiorPoint returns a point strictly inside a small ring: its area centroid when that is inside,
// else the centroid of the first ear (three consecutive vertices) whose centroid is.
func interiorPoint(r orb.Ring) (orb.Point, error) {
	n := len(r)
	var cx, cy, a2 float64
	for i := 0; i < n; i++ {
		p, q := r[i], r[(i+1)%n]
		x0, y0, x1, y1 := p[0]-r[0][0], p[1]-r[0][1], q[0]-r[0][0], q[1]-r[0][1]
		c := x0*y1 - x1*y0
		a2 += c
		cx += (x0 + x1) * c
		cy += (y0 + y1) * c
	}
	if a2 != 0 {
		c := orb.Point{r[0][0] + cx/(3*a2), r[0][1] + cy/(3*a2)}
		if pointInRing(c, r) {
			return c, nil
		}
	}
	for i := 0; i < n; i++ {
		a, b, c := r[i], r[(i+1)%n], r[(i+2)%n]
		m := orb.Point{(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3}
		if pointInRing(m, r) {
			return m, nil
		}
	}
	return orb.Point{}, errNoInteriorPoint
}
