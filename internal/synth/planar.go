package synth

import (
	"errors"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Planar questions on lon/lat treated as a plane (right for inside/outside and for signs, not for
// areas, which geodesy.RingAreaM2 measures on the ellipsoid) go to orb/planar: planar.Area for the signed
// shoelace area of a ring (open rings too: the closing edge adds exactly zero, as orb measures from
// the first vertex), planar.RingContains and planar.MultiPolygonContains for point in ring or outline
// (boundary points count as inside, which is why callers keep margins), planar.CentroidArea for a
// ring's centroid. Only interiorPoint is written here: orb has no point guaranteed to lie inside a ring.

var errNoInteriorPoint = errors.New("no interior point found for a loop")

// interiorPoint returns a point strictly inside a small ring, open or closed: its area centroid when
// that is inside, else the centroid of the first ear (three consecutive vertices) whose centroid is.
// "Strictly" matters: the point decides which loop lies inside which, and a point on the ring's own
// boundary would say nothing about that, so a candidate on the boundary (distance 0) is passed over.
func interiorPoint(r orb.Ring) (orb.Point, error) {
	strictlyInside := func(p orb.Point) bool {
		return planar.RingContains(r, p) && planar.DistanceFrom(closed(r), p) > 0
	}
	if c, a := planar.CentroidArea(r); a != 0 && strictlyInside(c) {
		return c, nil
	}
	n := len(r)
	for i := 0; i < n; i++ {
		a, b, c := r[i], r[(i+1)%n], r[(i+2)%n]
		m := orb.Point{(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3}
		if strictlyInside(m) {
			return m, nil
		}
	}
	return orb.Point{}, errNoInteriorPoint
}

// closed returns r with its closing vertex, which planar.DistanceFrom needs to see the last edge.
func closed(r orb.Ring) orb.Ring {
	if len(r) == 0 || r.Closed() {
		return r
	}
	return append(append(orb.Ring(nil), r...), r[0])
}
