package synth

import (
	"math"

	"github.com/paulmach/orb"
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

func (o *outline) contains(p orb.Point) bool { return pointInMultiPolygon(p, o.mp) }

// clearanceM is the distance in metres from r to the nearest boundary segment, measured in a local
// plane around r (exact enough over the few hundred metres that matter); it stops looking once it
// knows the answer is at least limit, and returns limit then.
func (o *outline) clearanceM(r rect, limit float64) float64 {
	c := r.center()
	kx, ky := geodesy.MetresPerDegree(c[1])
	search := r.expand(limit)
	sb := orb.Bound{Min: orb.Point{search.MinLon, search.MinLat}, Max: orb.Point{search.MaxLon, search.MaxLat}}
	proj := func(p orb.Point) [2]float64 { return [2]float64{(p[0] - c[0]) * kx, (p[1] - c[1]) * ky} }
	x0, y0 := (r.MinLon-c[0])*kx, (r.MinLat-c[1])*ky
	x1, y1 := (r.MaxLon-c[0])*kx, (r.MaxLat-c[1])*ky
	best := limit
	for _, s := range o.segs {
		if !s.box.Intersects(sb) {
			continue
		}
		if d := segRectDist(proj(s.a), proj(s.b), x0, y0, x1, y1); d < best {
			best = d
		}
	}
	return best
}

// rectInside reports whether r lies inside the county with every boundary segment at least marginM
// metres away. Its centre being inside and no boundary coming within the margin means all of it is.
func (o *outline) rectInside(r rect, marginM float64) bool {
	return o.contains(r.center()) && o.clearanceM(r, marginM) >= marginM
}

// pointClearanceM is the distance from p to the boundary in metres, capped at limit.
func (o *outline) pointClearanceM(p orb.Point, limit float64) float64 {
	return o.clearanceM(rect{p[0], p[1], p[0], p[1]}, limit)
}

// segRectDist is the planar distance between segment ab and the rectangle [x0,x1]×[y0,y1]: zero when they
// meet, else the least of the endpoint-to-rectangle and corner-to-segment distances (two disjoint convex
// sets are closest at a vertex of one of them).
func segRectDist(a, b [2]float64, x0, y0, x1, y1 float64) float64 {
	if segMeetsRect(a, b, x0, y0, x1, y1) {
		return 0
	}
	d := math.Min(pointRectDist(a, x0, y0, x1, y1), pointRectDist(b, x0, y0, x1, y1))
	for _, c := range [4][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} {
		d = math.Min(d, pointSegDist(c, a, b))
	}
	return d
}

func pointRectDist(p [2]float64, x0, y0, x1, y1 float64) float64 {
	dx := math.Max(0, math.Max(x0-p[0], p[0]-x1))
	dy := math.Max(0, math.Max(y0-p[1], p[1]-y1))
	return math.Hypot(dx, dy)
}

func pointSegDist(p, a, b [2]float64) float64 {
	vx, vy := b[0]-a[0], b[1]-a[1]
	l2 := vx*vx + vy*vy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*vx+(p[1]-a[1])*vy)/l2))
	}
	return math.Hypot(p[0]-(a[0]+t*vx), p[1]-(a[1]+t*vy))
}

// segMeetsRect clips the segment to the rectangle (Liang–Barsky) and reports whether anything is left.
func segMeetsRect(a, b [2]float64, x0, y0, x1, y1 float64) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b[0]-a[0], b[1]-a[1]
	for _, e := range [4][2]float64{{-dx, a[0] - x0}, {dx, x1 - a[0]}, {-dy, a[1] - y0}, {dy, y1 - a[1]}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
