package synth

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/planar"
	"github.com/pingyang/parkmap/geodesy"
)

// outline answers "is this rectangle inside the county, at least m metres from its boundary?".
type outline struct {
	mp   orb.MultiPolygon
	segs []segment
}

type segment struct {
	a, b orb.Point
	box  orb.Bound
}

func newOutline(mp orb.MultiPolygon) *outline {
	o := &outline{mp: mp}
	for _, poly := range mp {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				o.segs = append(o.segs, segment{r[i], r[i+1], orb.Bound{Min: r[i], Max: r[i]}.Extend(r[i+1])})
			}
		}
	}
	return o
}

func (o *outline) contains(p orb.Point) bool { return planar.MultiPolygonContains(o.mp, p) }

// clearanceM is the distance in metres from r to the nearest boundary segment, measured in a local
// plane around r (exact enough over the few hundred metres that matter); it stops looking once it
// knows the answer is at least limit, and returns limit then. The plane is written by hand: orb/project
// offers Web Mercator, whose metres are 1/cos(lat) too long, not this equirectangular one in
// geodesy.MetresPerDegree's ellipsoidal metres.
func (o *outline) clearanceM(r orb.Bound, limit float64) float64 {
	c := r.Center()
	kx, ky := geodesy.MetresPerDegree(c[1])
	search := expandM(r, limit)
	proj := func(p orb.Point) orb.Point { return orb.Point{(p[0] - c[0]) * kx, (p[1] - c[1]) * ky} }
	local := orb.Bound{Min: proj(r.Min), Max: proj(r.Max)}
	best := limit
	for _, s := range o.segs {
		if !s.box.Intersects(search) {
			continue
		}
		if d := segBoundDist(proj(s.a), proj(s.b), local); d < best {
			best = d
		}
	}
	return best
}

// rectInside reports whether r lies inside the county with every boundary segment at least marginM
// metres away. Its centre being inside and no boundary coming within the margin means all of it is.
func (o *outline) rectInside(r orb.Bound, marginM float64) bool {
	return o.contains(r.Center()) && o.clearanceM(r, marginM) >= marginM
}

// pointClearanceM is the distance from p to the boundary in metres, capped at limit.
func (o *outline) pointClearanceM(p orb.Point, limit float64) float64 {
	return o.clearanceM(orb.Bound{Min: p, Max: p}, limit)
}

// segBoundDist is the planar distance between segment ab and the rectangle b: zero when they meet (clip
// leaves a piece of the segment inside b), else the least of the endpoint-to-rectangle and
// corner-to-segment distances, since two disjoint convex sets are closest at a vertex of one of them.
// orb has each piece but not the segment-to-rectangle distance itself.
func segBoundDist(a, c orb.Point, b orb.Bound) float64 {
	if clip.LineString(b, orb.LineString{a, c}) != nil {
		return 0
	}
	d := math.Min(planar.DistanceFrom(b, a), planar.DistanceFrom(b, c))
	for _, corner := range b.ToRing()[:4] {
		d = math.Min(d, planar.DistanceFromSegment(a, c, corner))
	}
	return d
}
